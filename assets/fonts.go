package assets

import _ "embed"

// The documents' typeface is DejaVu Sans (assets/fonts/LICENSE): it has
// precomposed glyphs for the Yoruba, Igbo, Hausa, Akan and Ewe letters in
// participants' names, which the core PDF fonts lack.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	FontItalic []byte
)

// Names in Adlam, the script of Fulani, which DejaVu Sans lacks, are drawn
// in Noto Sans Adlam Unjoined (assets/fonts/OFL-NotoSansAdlam.txt): each
// letter in its standing-alone form, an accepted way to write Adlam, as
// the PDF library does no shaping.
var (
	//go:embed fonts/NotoSansAdlamUnjoined-Regular.ttf
	FontAdlam []byte
	//go:embed fonts/NotoSansAdlamUnjoined-Bold.ttf
	FontAdlamBold []byte
)

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

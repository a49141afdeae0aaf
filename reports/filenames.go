package reports

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// maxFileNameBytes is what a file name may hold on Linux (ext4, tmpfs),
// macOS and in the FAT and NTFS of USB sticks: 255 bytes of UTF-8 there,
// 255 UTF-16 units elsewhere, which are never more than the bytes.
const maxFileNameBytes = 255

// windowsReserved are names Windows refuses for a file, whatever follows
// the dot.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true,
	"COM8": true, "COM9": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true,
	"LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// SafeFileName makes a file name from text such as a person's name: the
// letters stay (in NFC, accents and all), separators and characters that
// some system refuses become "_", the name is cut to fit a file name's
// 255 bytes with ext (".pdf") after it, between two letters as a reader
// sees them (never between a letter and its marks, inside a flag or an
// emoji sequence, or inside a Hangul syllable), and it is never reserved,
// empty, "." or "..".
func SafeFileName(s, ext string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r) || unicode.IsControl(r) || r == utf8.RuneError:
			b.WriteRune('_')
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Join(strings.Fields(b.String()), " ")
	// Room for the dot that trimming may drop and the "_" that a reserved
	// name gets.
	out := strings.Trim(cutToBytes(name, maxFileNameBytes-len(ext)-1), " .")
	if out == "" {
		out = "_"
	}
	if base, _, _ := strings.Cut(out, "."); windowsReserved[strings.ToUpper(strings.TrimSpace(base))] {
		out = "_" + out
	}
	return out + ext
}

// certificateFileNames names each certificate's file by its serial and
// holder (see uniqueFileNames).
func certificateFileNames(certs []data.Certificate) []string {
	stems := make([]string, len(certs))
	for i, c := range certs {
		stems[i] = c.Serial + " " + c.HolderName
	}
	return uniqueFileNames(stems)
}

// uniqueFileNames names a PDF after each stem (a document's serial and
// holder), made safe by SafeFileName and unique even on file systems that
// do not tell capitals from small letters: a name already taken gets
// " (2)", " (3)"… after a cut that leaves it room.
func uniqueFileNames(stems []string) []string {
	used := map[string]bool{}
	names := make([]string, len(stems))
	for i, stem := range stems {
		name := SafeFileName(stem, ".pdf")
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = SafeFileName(stem, fmt.Sprintf(" (%d).pdf", n))
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// Document is a kind of document a file is proposed a name for.
type Document int

const (
	ProgrammeDocument Document = iota
	SignInDocument
	CertificatesDocument
	WorkbookDocument
	AnonymousWorkbookDocument
	OverviewDocument
	BadgesDocument
	TableCardsDocument
	VisaLettersDocument
	GrantLettersDocument
	AttendanceLettersDocument
)

// documentFileWords name each kind of document at the head of its file
// name, in the language it is written in.
var documentFileWords = map[data.Language][]string{
	data.English: {"Programme", "Sign-in sheets", "Certificates", "Workbook", "Workbook without names", "Overview",
		"Badges", "Table cards", "Visa letters", "Grant letters", "Attendance letters"},
	data.French: {"Programme", "Feuilles d’émargement", "Attestations", "Classeur", "Classeur sans noms", "Vue d’ensemble",
		"Badges", "Chevalets", "Lettres de visa", "Lettres de bourse", "Lettres de présence"},
	data.Spanish: {"Programa", "Hojas de firmas", "Certificados", "Libro", "Libro sin nombres", "Resumen",
		"Credenciales", "Tarjetas de mesa", "Cartas de visado", "Cartas de beca", "Cartas de asistencia"},
}

// oneLetterFileWords name one person's letter of each kind, in the
// language the letter is written in.
var oneLetterFileWords = map[data.Language]map[data.LetterKind]string{
	data.English: {data.LetterVisa: "Visa letter", data.LetterAward: "Grant letter", data.LetterAttendance: "Attendance letter"},
	data.French:  {data.LetterVisa: "Lettre de visa", data.LetterAward: "Lettre de bourse", data.LetterAttendance: "Lettre de présence"},
	data.Spanish: {data.LetterVisa: "Carta de visado", data.LetterAward: "Carta de beca", data.LetterAttendance: "Carta de asistencia"},
}

// LettersDocument is the document of the letters of kind k to everyone
// they are for.
func LettersDocument(k data.LetterKind) Document {
	switch k {
	case data.LetterVisa:
		return VisaLettersDocument
	case data.LetterAward:
		return GrantLettersDocument
	}
	return AttendanceLettersDocument
}

// LetterFileName proposes the name of one person's letter of kind k,
// written in lang: "Visa letter Ọláńrewájú Àdìgún.pdf", "Lettre de visa
// Aïssatou Diallo.pdf".
func LetterFileName(k data.LetterKind, lang data.Language, holder string) string {
	return SafeFileName(oneLetterFileWords[known(lang)][k]+" "+holder, ".pdf")
}

// FileName proposes the name of a workshop's document, with its extension,
// in one pattern for every document: its kind in the language it is
// written in, the workshop's city and its year: "Programme Lagos 2022.pdf",
// "Feuilles d’émargement Dakar 2027.pdf", "Libro Bogotá 2024.xlsx".
// Certificates and letters, whose holders may each have a language of
// their own, are named in the workshop's; badges, table cards and the
// logistics sheets are written in it.
func FileName(kind Document, w data.Workshop) string {
	return TitledFileName(documentFileWords[known(w.Language)][kind], w, kind.extension())
}

// TitledFileName is FileName's pattern for a document named by title,
// which is already in the language the document is written in: "Visa
// letters Lagos 2022.pdf".
func TitledFileName(title string, w data.Workshop, ext string) string {
	parts := []string{title}
	if city := strings.Join(strings.Fields(w.City), " "); city != "" {
		parts = append(parts, city)
	}
	if !w.StartDate.IsZero() {
		parts = append(parts, fmt.Sprint(w.StartDate.Year))
	}
	return SafeFileName(strings.Join(parts, " "), ext)
}

// OverviewFileName proposes the name of an overview of several files,
// written in lang on the day given: "Overview 2026-12-02.xlsx".
func OverviewFileName(lang data.Language, day data.Date) string {
	return SafeFileName(documentFileWords[known(lang)][OverviewDocument]+" "+day.String(), OverviewDocument.extension())
}

func (kind Document) extension() string {
	switch kind {
	case WorkbookDocument, AnonymousWorkbookDocument, OverviewDocument:
		return ".xlsx"
	}
	return ".pdf"
}

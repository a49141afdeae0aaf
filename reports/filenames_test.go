package reports

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// A name is cut to fit a file name's 255 bytes between the letters a
// reader sees, whatever their size in bytes: a letter with its marks, a
// family emoji, a flag and a Hangul syllable typed in jamo stay whole.
func TestFileNamesAreCutByBytesBetweenLetters(t *testing.T) {
	cases := []struct {
		name   string
		unit   string // one reader's letter, repeated to make the name
		prefix string // what comes before the repeats
	}{
		{"Adlam letters, 4 bytes each", "\U0001E922", ""},
		{"Yoruba letter with two marks", "Ẹ̀", ""},
		{"capital with a dot below and a grave", norm.NFC.String("O\u0323\u0300"), "Ọ̀"},
		{"family emoji joined by ZWJ", "👨\u200d👩\u200d👧\u200d👦", "A "},
		{"flag of two regional indicators", "🇳🇬", "B"},
		{"emoji with skin tone", "👩🏾\u200d🏫", ""},
		{"Hangul syllable typed as L + LV jamo", "\u1100가", ""},
		{"Devanagari letter with vowel sign and virama", "क्षि", ""},
	}
	for _, c := range cases {
		unit := norm.NFC.String(c.unit)
		for _, ext := range []string{".pdf", " (12).pdf", ""} {
			name := SafeFileName(c.prefix+strings.Repeat(c.unit, 300), ext)
			base := strings.TrimSuffix(name, ext)
			rest := strings.TrimPrefix(base, norm.NFC.String(c.prefix))
			switch {
			case len(name) > maxFileNameBytes:
				t.Errorf("%s: %d bytes", c.name, len(name))
			case !utf8.ValidString(name):
				t.Errorf("%s: not UTF-8", c.name)
			case rest == "" || len(rest)%len(unit) != 0 || strings.ReplaceAll(rest, unit, "") != "":
				t.Errorf("%s: cut inside a letter: %d bytes after the prefix, letters of %d (%+q)", c.name, len(rest), len(unit), rest[max(0, len(rest)-12):])
			case len(name)+len(unit) < maxFileNameBytes: // one byte is kept for the "_" of a reserved name
				t.Errorf("%s: cut %d bytes short, where another letter of %d fits", c.name, maxFileNameBytes-len(name), len(unit))
			}
		}
	}
}

func TestCutToBytes(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 5, "abc"},
		{"abc", 2, "ab"},
		{"Ọ̀ṣun", 5, "Ọ̀"},
		{"Ọ̀ṣun", 4, ""},
		{"🇳🇬🇬🇭", 12, "🇳🇬"},
		{"🇳🇬🇬🇭", 16, "🇳🇬🇬🇭"},
		{"e\u0301\u0301\u0301x", 4, ""}, // one letter longer than the room: nothing of it
		{"abc", 0, ""},
	} {
		if got := cutToBytes(c.s, c.n); got != c.want {
			t.Errorf("cutToBytes(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// Two holders whose names are alike up to the cut still get a file each,
// told apart by a number the cut leaves room for.
func TestLongNamesAlikeGetFilesOfTheirOwn(t *testing.T) {
	long := strings.Repeat("\U0001E922", 70)
	certs := []data.Certificate{{Serial: "LAG-2022-001", HolderName: long + " A"}, {Serial: "LAG-2022-001", HolderName: long + " B"},
		{Serial: "LAG-2022-001", HolderName: long + " C"}}
	names := certificateFileNames(certs)
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] || len(n) > maxFileNameBytes || !strings.HasSuffix(n, ".pdf") {
			t.Errorf("name %q (%d bytes) in %q", n, len(n), names)
		}
		seen[n] = true
	}
	if !strings.HasSuffix(names[2], " (3).pdf") {
		t.Errorf("the third is %q", names[2])
	}
}

// clusters splits s into grapheme clusters by the rules of graphemes.go.
func clusters(s string) []string {
	var state clusterState
	var out []string
	start := 0
	for i, r := range s {
		if state.breaksBefore(r) {
			out = append(out, s[start:i])
			start = i
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// The rules agree with Unicode's own test of grapheme clusters (its
// version 14 file, before GB9c), and with the cases that file does not
// hold: emoji sequences one after the other, and Indic conjuncts.
func TestGraphemeClustersFollowUnicode(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "GraphemeBreakTest-14.0.0.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for n, line := range strings.Split(string(b), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if strings.TrimSpace(line) == "" {
			continue
		}
		var want []string
		var text, cluster strings.Builder
		for _, f := range strings.Fields(line) {
			switch f {
			case "÷":
				if cluster.Len() > 0 {
					want = append(want, cluster.String())
					cluster.Reset()
				}
			case "×":
			default:
				cp, err := strconv.ParseUint(f, 16, 32)
				if err != nil {
					t.Fatalf("line %d: %v", n+1, err)
				}
				cluster.WriteRune(rune(cp))
				text.WriteRune(rune(cp))
			}
		}
		if got := clusters(text.String()); !slices.Equal(got, want) {
			t.Errorf("line %d: %+q gives %+q, want %+q", n+1, text.String(), got, want)
		}
		checked++
	}
	for s, want := range map[string][]string{
		"👨\u200d👩\u200d👧\u200d👦👨\u200d👩\u200d👧\u200d👦": {"👨\u200d👩\u200d👧\u200d👦", "👨\u200d👩\u200d👧\u200d👦"},
		"👩🏾\u200d🏫👩🏾\u200d🏫":                           {"👩🏾\u200d🏫", "👩🏾\u200d🏫"},
		"🇳🇬🇬🇭🇸":                                        {"🇳🇬", "🇬🇭", "🇸"},
		"क्षि":                                         {"क्षि"},
		"क्\u200dष":                                    {"क्\u200dष"},
		"ᄀ가ᄒ":                                          {"ᄀ가", "ᄒ"},
	} {
		if got := clusters(s); !slices.Equal(got, want) {
			t.Errorf("%+q gives %+q, want %+q", s, got, want)
		}
	}
	if checked < 600 {
		t.Errorf("only %d lines of Unicode's test checked", checked)
	}
}

// FuzzFileNames holds any text to what a file name must be: at most 255
// bytes, valid UTF-8, no separator or control character, never empty or
// a dot name, and cut after whole letters, as many as fit.
func FuzzFileNames(f *testing.F) {
	for _, s := range []string{"Ọ̀ṣun Bello", strings.Repeat("\U0001E922", 70), "👨\u200d👩\u200d👧\u200d👦🇳🇬", "../x", "CON", "क्षि"} {
		f.Add(s, 250)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		name := SafeFileName(s, ".pdf")
		base := strings.TrimSuffix(name, ".pdf")
		if len(name) > maxFileNameBytes || !utf8.ValidString(name) || strings.ContainsAny(name, "/\\\x00") ||
			base == "" || base == "." || base == ".." {
			t.Fatalf("SafeFileName(%q) = %q", s, name)
		}
		if !utf8.ValidString(s) {
			return // cutToBytes is given valid text only (SafeFileName's)
		}
		n = max(0, n%300)
		cut := cutToBytes(s, n)
		all, kept := clusters(s), clusters(cut)
		switch {
		case len(cut) > n || !strings.HasPrefix(s, cut):
			t.Fatalf("cutToBytes(%q, %d) = %q", s, n, cut)
		case len(kept) > len(all) || !slices.Equal(kept, all[:len(kept)]):
			t.Fatalf("cutToBytes(%q, %d) = %q ends inside a letter", s, n, cut)
		case len(kept) < len(all) && len(cut)+len(all[len(kept)]) <= n:
			t.Fatalf("cutToBytes(%q, %d) = %q leaves out a letter that fits", s, n, cut)
		}
	})
}

// Every document's file name follows one pattern, with its extension, in
// the language the document is written in, whatever the interface's.
func TestDocumentFileNamesFollowTheDocumentsLanguage(t *testing.T) {
	w := data.Workshop{City: "  Lagos ", StartDate: data.NewDate(2022, 11, 21), Language: data.English}
	fr := data.Workshop{City: "Saint-Louis", StartDate: data.NewDate(2027, 3, 15), Language: data.French}
	es := data.Workshop{City: "Bogotá D.C.", StartDate: data.NewDate(2024, 5, 6), Language: data.Spanish}
	for _, c := range []struct {
		kind Document
		w    data.Workshop
		want string
	}{
		{ProgrammeDocument, w, "Programme Lagos 2022.pdf"},
		{SignInDocument, w, "Sign-in sheets Lagos 2022.pdf"},
		{CertificatesDocument, w, "Certificates Lagos 2022.pdf"},
		{WorkbookDocument, w, "Workbook Lagos 2022.xlsx"},
		{AnonymousWorkbookDocument, w, "Workbook without names Lagos 2022.xlsx"},
		{SignInDocument, fr, "Feuilles d’émargement Saint-Louis 2027.pdf"},
		{CertificatesDocument, fr, "Attestations Saint-Louis 2027.pdf"},
		{WorkbookDocument, fr, "Classeur Saint-Louis 2027.xlsx"},
		{SignInDocument, es, "Hojas de firmas Bogotá D.C. 2024.pdf"},
		{ProgrammeDocument, es, "Programa Bogotá D.C. 2024.pdf"},
		{ProgrammeDocument, data.Workshop{City: "Accra/Tema", Language: "xx"}, "Programme Accra_Tema.pdf"},
		{BadgesDocument, es, "Credenciales Bogotá D.C. 2024.pdf"},
		{TableCardsDocument, fr, "Chevalets Saint-Louis 2027.pdf"},
		{LettersDocument(data.LetterVisa), w, "Visa letters Lagos 2022.pdf"},
		{LettersDocument(data.LetterAward), fr, "Lettres de bourse Saint-Louis 2027.pdf"},
		{LettersDocument(data.LetterAttendance), es, "Cartas de asistencia Bogotá D.C. 2024.pdf"},
	} {
		if got := FileName(c.kind, c.w); got != c.want {
			t.Errorf("FileName(%d, %s) = %q, want %q", c.kind, c.w.City, got, c.want)
		}
	}
	if got := OverviewFileName(data.French, data.NewDate(2026, 12, 2)); got != "Vue d’ensemble 2026-12-02.xlsx" {
		t.Errorf("overview: %q", got)
	}
	if got := LetterFileName(data.LetterVisa, data.French, "Hélène Agbéko"); got != "Lettre de visa Hélène Agbéko.pdf" {
		t.Errorf("one letter: %q", got)
	}
	// Every kind of document has its words in every language.
	for lang, words := range documentFileWords {
		if len(words) != int(AttendanceLettersDocument)+1 {
			t.Errorf("%s names %d kinds of document", lang, len(words))
		}
	}
}

package importer

import (
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV feeds arbitrary bytes through everything that reads a text
// file before the store is involved: decoding, delimiter sniffing, header
// detection and column mapping. None of it may panic, and what it returns
// must be text.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"Nom;Prénom;Courriel\nDiallo;Aïssatou;a@example.sn\n",
		"\xEF\xBB\xBFSurname,First name\n\"Àdìgún, Jr\",Ọláńrewájú\n",
		"\xFF\xFEN\x00a\x00m\x00e\x00\t\x00E\x00\n\x00",
		"title\n\n\nFamily name\tGiven name\n\"unterminated\tquote\n",
		"Apellidos;Nombre\r\n\"a\"\"b\";c;;;;\r\n",
		"\xe9l\xe8ve;pr\xe9nom\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		text, _, err := DecodeText(b)
		if err != nil {
			return
		}
		rows := ReadCSV(text)
		for _, r := range rows {
			for _, c := range r {
				if !utf8.ValidString(c) && utf8.ValidString(text) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
		if h := FindHeader(rows); h >= 0 {
			fields := MapHeaders(rows[h])
			if len(fields) != len(rows[h]) {
				t.Fatalf("%d fields for %d columns", len(fields), len(rows[h]))
			}
		}
		for _, r := range rows {
			for _, c := range r {
				splitFullName(clean(c))
				countryCode(c)
			}
		}
	})
}

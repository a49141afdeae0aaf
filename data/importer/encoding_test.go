package importer

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A UTF-8 list with one row written by an old program in Windows-1252
// keeps every other row exact; that row is refused, and the message shows
// what its bytes would read as.
func TestMixedEncodingKeepsEveryValidRowExact(t *testing.T) {
	st, w := openStore(t)
	list := "Nom;Prénom;Pays\n" +
		"Ọ̀ṣun;Bello;Nigeria\n" +
		"Àdìgún;Ọláńrewájú;Nigeria\n" +
		"Caf\xe9;Ren\xe9e;France\n" + // Café, Renée in Windows-1252
		"Diallo;Aïssatou;Sénégal\n"
	wb, err := Open(csvFile(t, "mixed.csv", []byte(list)))
	if err != nil {
		t.Fatal(err)
	}
	if wb.Encoding != EncodingUTF8 {
		t.Errorf("read as %s", wb.Encoding)
	}
	rows, _ := wb.Rows("")
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(p), []string{"Bello Ọ̀ṣun", "Ọláńrewájú Àdìgún", "Aïssatou Diallo"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ready %q, want %q", got, want)
	}
	if len(p.Rejected) != 1 || p.Rejected[0].Row != 4 {
		t.Fatalf("rejected %+v; want row 4 alone", p.Rejected)
	}
	r := p.Rejected[0]
	if keys := reasonKeys(p)[4]; !reflect.DeepEqual(keys, []string{"error.import_bad_bytes", "error.import_bad_bytes"}) {
		t.Errorf("row 4 refused for %v; want both name columns, once each, as not UTF-8", keys)
	}
	if msg := r.Reasons[0].Message; !strings.Contains(msg, `"Café"`) || !strings.Contains(msg, "Nom") || !strings.Contains(msg, "UTF-8") {
		t.Errorf("the reason does not say what the bytes would read as: %s", msg)
	}
	if strings.Contains(r.Name, "\xe9") {
		t.Errorf("the refused row's name carries the raw byte: %q", r.Name)
	}

	// The whole list in Windows-1252 is read as such, as before.
	french := "Nom;Prénom;Pays\nCafé;Renée;France\nDiallo;Aïssatou;Sénégal\n"
	cp1252, _ := charmap.Windows1252.NewEncoder().String(french)
	p = prepareFile(t, st, w, csvFile(t, "cp1252.csv", []byte(cp1252)), "", Options{})
	if got := names(p); !reflect.DeepEqual(got, []string{"Renée Café", "Aïssatou Diallo"}) || len(p.Rejected) > 0 {
		t.Errorf("Windows-1252 list: ready %q, rejected %+v", got, p.Rejected)
	}

	// A Windows-1252 list where one line happens to be valid UTF-8 (a
	// capital É before a closing quote) is still read as Windows-1252.
	var b strings.Builder
	b.WriteString("Nom;Prénom;Notes\n")
	for i := range 12 {
		fmt.Fprintf(&b, "Diallo%d;Aïssatou;\n", i)
	}
	b.WriteString("Dupont;Andre;dit ANDRÉ”\n")
	cp1252, _ = charmap.Windows1252.NewEncoder().String(b.String())
	if chance := cp1252[strings.LastIndex(strings.TrimSuffix(cp1252, "\n"), "\n")+1:]; !utf8.ValidString(chance) {
		t.Fatalf("the last line %q should be valid UTF-8 by chance", chance)
	}
	wb, err = Open(csvFile(t, "cp1252-chance.csv", []byte(cp1252)))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = wb.Rows("")
	if last := rows[len(rows)-1]; wb.Encoding != EncodingWindows1252 || last[2] != "dit ANDRÉ”" {
		t.Errorf("read as %s: %q", wb.Encoding, last)
	}
}

// A list saved mostly in Windows-1252 with a few rows pasted in as UTF-8
// (a Yoruba name, a Polish one, a Russian one) keeps both kinds exact: a
// line that is valid UTF-8 with letters beyond ASCII is read as UTF-8, the
// others as Windows-1252, and a Windows-1252 line that is valid UTF-8 by
// chance (a capital É before a closing quote) stays Windows-1252.
func TestMostlyWindows1252ListKeepsItsUTF8LinesExact(t *testing.T) {
	st, w := openStore(t)
	var b strings.Builder
	b.WriteString("Nom;Prénom;Pays;Notes\n")
	for i := range 12 {
		fmt.Fprintf(&b, "Diallo%d;Aïssatou;Sénégal;\n", i)
	}
	b.WriteString("Dupont;André;France;dit ANDRÉ”\n")
	cp1252, err := charmap.Windows1252.NewEncoder().String(b.String())
	if err != nil {
		t.Fatal(err)
	}
	list := cp1252 + "Ọ̀ṣun;Bello;Nigeria;\n" + "WAŁĘSA;Łukasz;Pologne;\n" + "Иванова;Мария;Russie;\n"
	wb, err := Open(csvFile(t, "mostly-cp1252.csv", []byte(list)))
	if err != nil {
		t.Fatal(err)
	}
	if wb.Encoding != EncodingWindows1252 {
		t.Errorf("read as %s", wb.Encoding)
	}
	rows, _ := wb.Rows("")
	want := map[int][]string{
		1:  {"Diallo0", "Aïssatou", "Sénégal", ""},
		13: {"Dupont", "André", "France", "dit ANDRÉ”"},
		14: {"Ọ̀ṣun", "Bello", "Nigeria", ""},
		15: {"WAŁĘSA", "Łukasz", "Pologne", ""},
		16: {"Иванова", "Мария", "Russie", ""},
	}
	for i, w := range want {
		if i >= len(rows) || !reflect.DeepEqual(rows[i], w) {
			t.Errorf("row %d read %q, want %q", i, rows[min(i, len(rows)-1)], w)
		}
	}
	p, err := Prepare(st, w.ID, rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := names(p)
	if len(got) != 16 || len(p.Rejected) > 0 {
		t.Fatalf("ready %q, rejected %+v", got, p.Rejected)
	}
	for _, name := range []string{"Aïssatou Diallo0", "André Dupont", "Bello Ọ̀ṣun", "Łukasz WAŁĘSA", "Мария Иванова"} {
		if !slices.Contains(got, name) {
			t.Errorf("%q not among %q", name, got)
		}
	}
}

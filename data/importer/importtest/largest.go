package importtest

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// WriteLargestList writes the largest list the importer's limits let
// through: a CSV of 100,000 rows (a header and rows-1 people, every one
// new) of 25 columns, about 42 MB.
func WriteLargestList(t testing.TB, path string, rows int) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	header := []string{"Family name", "Given name", "Email", "Country", "Institution", "Position", "Gender",
		"Language", "Phone", "Status", "Grant", "Notes", "Printed name", "Consent"}
	for len(header) < 25 {
		header = append(header, fmt.Sprintf("Question %d", len(header)+1))
	}
	fmt.Fprintln(w, strings.Join(header, ";"))
	for i := range rows - 1 {
		row := []string{fmt.Sprintf("Àdìgún-%d", i), "Ọláńrewájú", fmt.Sprintf("p%d@example.org", i), "Nigeria",
			"Musée national", "Conservatrice", "F", "Français", "+234 803 000 0000", "selected", "oui", "", "", "oui"}
		for len(row) < 25 {
			row = append(row, "une réponse assez longue")
		}
		fmt.Fprintln(w, strings.Join(row, ";"))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

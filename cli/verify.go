package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runVerify says in one line whether a code belongs to a genuine
// certificate of the file, and what it certifies; the exit code is 0 only
// for a genuine one.
func runVerify(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier verify --db FILE CODE"
	fs := newFlagSet("atelier verify")
	db := fs.String("db", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, "Usage: %s\n", usageLine)
			return 0
		}
		fmt.Fprintf(stderr, "atelier verify: %v (see atelier --help)\n", err)
		return 2
	}
	if *db == "" || fs.NArg() == 0 {
		fmt.Fprintf(stderr, "atelier verify: give --db FILE and the CODE (usage: %s)\n", usageLine)
		return 2
	}
	typed := strings.Join(fs.Args(), " ") // a code typed in groups with spaces
	st, err := data.Open(*db, data.OpenReadOnly)
	if err != nil {
		return report(stderr, "atelier verify", err, say.Opening, *db)
	}
	defer st.Close()
	v, err := st.Verify(typed)
	if errors.Is(err, data.ErrUnknownCode) {
		fmt.Fprintf(stdout, "NOT GENUINE: no certificate in %s has the code %s\n", *db, strings.TrimSpace(typed))
		return 1
	}
	if err != nil {
		return report(stderr, "atelier verify", err, say.Reading, "")
	}
	c := v.Certificate
	if !v.Genuine {
		fmt.Fprintf(stdout, "NOT GENUINE: the register entry %s (%s) was changed after it was issued\n", c.Serial, c.HolderName)
		return 1
	}
	fmt.Fprintf(stdout, "GENUINE: %s\n", certifies(st, c))
	return 0
}

// certifies words what a certificate says, in English: "LAG-2022-001,
// Ọ̀ṣun Bello attended The whole museum…, Lagos, 21–25 November 2022".
func certifies(st *data.Store, c data.Certificate) string {
	verb := "attended"
	if c.TrainerID != 0 {
		verb = "led sessions of"
	}
	place := ""
	if w, err := st.Workshop(c.WorkshopID); err == nil && w.City != "" {
		place = ", " + w.City
	}
	return fmt.Sprintf("%s, %s %s %q%s, %s", c.Serial, c.HolderName, verb, c.WorkshopTitle, place,
		reports.FormatDateRange(data.English, c.StartDate, c.EndDate))
}

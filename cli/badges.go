package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runBadges writes the name badges of a workshop (confirmed participants,
// trainers and signatories), eight or four to an A4 sheet, or table cards.
// A name the PDF's font cannot draw is said, and its badge left to write
// by hand.
func runBadges(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier badges --db FILE --workshop ID --out FILE.pdf [--layout a4-8|a6-4] [--tents]"
	f := newDocumentFlags("badges")
	layout := f.fs.String("layout", string(reports.BadgesA4x8), "")
	tents := f.fs.Bool("tents", false, "")
	if code := f.parse(args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	name := f.fs.Name()
	if l := reports.BadgeLayout(*layout); l != reports.BadgesA4x8 && l != reports.BadgesA6x4 {
		fmt.Fprintf(stderr, "%s: --layout must be a4-8 or a6-4, not %q (usage: %s)\n", name, *layout, usageLine)
		return 2
	}
	var unprintable []reports.Unprintable
	var made int
	code := f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		d, err := st.BadgeData(f.workshop)
		if err != nil {
			return err
		}
		made = len(d.Badges)
		unprintable, err = reports.WriteBadges(d, reports.BadgeLayout(*layout), *tents, w)
		if errors.Is(err, reports.ErrNoBadges) {
			return message(fmt.Sprintf("workshop %d has nobody to make a badge for yet: no confirmed participant, trainer or signatory", f.workshop))
		}
		return err
	})
	if code != 0 {
		return code
	}
	what := count(made, "badge", "badges")
	if *tents {
		what = count(made, "table card", "table cards")
	}
	fmt.Fprintf(stdout, "%s\n", what)
	for _, u := range unprintable {
		fmt.Fprintf(stderr, "%s: warning: the PDF font cannot draw the %s letters %q of %s's name: their %s has a line to write the name by hand\n",
			name, say.ScriptNames(u.Missing), u.Missing, u.Badge.Name, map[bool]string{false: "badge", true: "table card"}[*tents])
	}
	return 0
}

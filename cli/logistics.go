package cli

import (
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
)

// runLogistics writes one of the logistics sheets of a workshop: the
// rooming list, the airport pick-ups, or the per-diem sheet.
func runLogistics(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier logistics --db FILE --workshop ID --kind rooming|pickups|perdiem --out FILE.pdf"
	f := newDocumentFlags("logistics")
	kind := f.fs.String("kind", "", "")
	if code := f.parse(args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	k := reports.LogisticsKind(*kind)
	if k != reports.Rooming && k != reports.Pickups && k != reports.PerDiem {
		fmt.Fprintf(stderr, "%s: --kind must be rooming, pickups or perdiem, not %q (usage: %s)\n", f.fs.Name(), *kind, usageLine)
		return 2
	}
	return f.write(stdout, stderr, func(st *data.Store, w io.Writer) error {
		d, err := st.LogisticsData(f.workshop)
		if err != nil {
			return err
		}
		return reports.WriteLogistics(d, k, w)
	})
}

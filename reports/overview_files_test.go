package reports

import (
	"slices"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A workshop is the same one in two files when its title, whatever the
// case, spacing or Unicode form, and its dates are; other dates make
// another workshop. Files of the same name are told apart by their folder.
func TestOverviewCountsAWorkshopOfTwoFilesOnce(t *testing.T) {
	day := func(d int) data.Date { return data.NewDate(2022, 11, d) }
	ws := func(title string, start, end int, people int) data.WorkbookData {
		return data.WorkbookData{Workshop: data.Workshop{Title: title, StartDate: day(start), EndDate: day(end)},
			Participants: make([]data.Participant, people)}
	}
	files := []OverviewFile{
		{Path: "/lagos/atelier.db", Workshops: []data.WorkbookData{ws("Musées et communautés", 21, 25, 28)}},
		{Path: "/abuja/atelier.db", Workshops: []data.WorkbookData{
			ws("  MUSE\u0301ES et   communautés ", 21, 25, 28), ws("Musées et communautés", 21, 26, 3)}},
		{Path: "/x/kano.db", Workshops: []data.WorkbookData{ws("musées et communautés", 21, 25, 29)}},
	}
	rows, repeats := mergeOverview(files)
	if len(rows) != 2 || len(repeats) != 1 {
		t.Fatalf("%d rows and %d repeated, want 2 and 1", len(rows), len(repeats))
	}
	if want := []string{"lagos/atelier.db", "abuja/atelier.db", "kano.db"}; !slices.Equal(repeats[0].Files, want) ||
		!repeats[0].Differ || len(rows[0].data.Participants) != 28 {
		t.Errorf("repeated in %q (differ %v), counted with %d participants", repeats[0].Files, repeats[0].Differ,
			len(rows[0].data.Participants))
	}
	same := []OverviewFile{files[0], {Path: "/b/lagos.db", Workshops: files[0].Workshops}}
	if _, repeats := mergeOverview(same); len(repeats) != 1 || repeats[0].Differ {
		t.Errorf("identical copies: %+v", repeats)
	}
}

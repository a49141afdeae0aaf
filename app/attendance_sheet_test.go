package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/atelier-workshops/atelier/data"
)

func TestReadCodes(t *testing.T) {
	got := readCodes(" ao1, EC1;gj1\n\tao1  dA1 ")
	if want := []string{"AO1", "EC1", "GJ1", "DA1"}; !slices.Equal(got, want) {
		t.Errorf("readCodes: %q, want %q", got, want)
	}
}

func TestKeyingInAPaperSheet(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	_, ss, ps := classroom(t, st)
	// Diallo sent word before the session; the sheet must not undo that.
	diallo := ps[1]
	if err := st.SetMark(&data.Attendance{ParticipantID: diallo.ID, SessionID: ss[0].ID, Mark: data.Excused, Note: "Visa delay"}); err != nil {
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	v := attendanceOf(t, c)
	pickSession(v, 0)
	test.Tap(v.keyIn)
	s := lastOf[*sheetDialog](c)
	if s == nil || topDialog(c) == nil {
		t.Fatal("no dialog")
	}

	// Codes in any case and with any separator resolve to names as typed;
	// a slip and an applicant's code are flagged.
	typeOver(c, s.codes, "ao1, ec1 zz9 ap1")
	for _, want := range []string{"AO1  Ọláńrewájú Àdìgún", "EC1  Chiamaka Eze", "2 participants on the sheet"} {
		if !hasText(topDialog(c), want) {
			t.Errorf("the dialog does not show %q: %q", want, visibleTexts(topDialog(c)))
		}
	}
	want := "Check these codes: ZZ9 is no one’s code; AP1 is not a confirmed participant. Nothing is saved until they are corrected or removed."
	if !s.problem.Visible() || s.problem.Text != want {
		t.Errorf("problem %q (visible %v)", s.problem.Text, s.problem.Visible())
	}
	s.rest.SetSelected(s.rest.Options[1])
	test.Tap(s.save)
	if n := len(marksOf(t, st, ss[0].ID)); n != 1 {
		t.Fatalf("a sheet with a wrong code saved marks: %d in the file", n)
	}
	if topDialog(c) == nil {
		t.Fatal("the dialog closed on a refused sheet")
	}

	// Corrected: the listed are present, the one not marked nor listed is
	// absent, and Diallo stays excused with the note.
	typeOver(c, s.codes, "ao1 EC1\nao1 gj1")
	if s.problem.Visible() {
		t.Errorf("the problem stays: %q", s.problem.Text)
	}
	if !hasText(topDialog(c), "3 participants on the sheet · 1 other marked absent") {
		t.Errorf("summary: %q", visibleTexts(topDialog(c)))
	}
	test.Tap(s.save)
	if topDialog(c) != nil {
		t.Fatalf("the dialog stays open: %q", visibleTexts(topDialog(c)))
	}
	got := marksOf(t, st, ss[0].ID)
	for _, p := range ps {
		want := map[string]data.Mark{"Àdìgún": data.Present, "Eze": data.Present, "Gonçalves": data.Present,
			"Ñúñez": data.Absent, "Diallo": data.Excused}[p.FamilyName]
		if got[p.ID].Mark != want {
			t.Errorf("%s: %q, want %q", p.FamilyName, got[p.ID].Mark, want)
		}
	}
	if got[diallo.ID].Note != "Visa delay" {
		t.Errorf("Diallo's note became %q", got[diallo.ID].Note)
	}
	if want := "3 present · 0 late · 1 excused · 1 absent · 0 not yet marked"; v.counts.Text != want {
		t.Errorf("counts %q, want %q", v.counts.Text, want)
	}

	// Another session, marked late, leaving the rest unmarked.
	pickSession(v, 1)
	test.Tap(v.keyIn)
	s = lastOf[*sheetDialog](c)
	s.mark.SetSelected(markName(data.Late))
	typeOver(c, s.codes, "nm1")
	pressEnter(s.codes) // Enter saves
	got = marksOf(t, st, ss[1].ID)
	if len(got) != 1 || got[ps[4].ID].Mark != data.Late {
		t.Errorf("second session: %+v", got)
	}
}

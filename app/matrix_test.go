package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

func TestMatrixFollowsMarksBothWays(t *testing.T) {
	st, _, ss, ps, c, v := classroomAttendance(t)
	v.tabs.SelectIndex(1)
	mp := v.matrix
	if !mp.loaded || len(mp.vd.matrix.Participants) != 5 || len(mp.cols) != 3 {
		t.Fatalf("matrix not loaded when shown")
	}
	j, _ := mp.vd.matrix.ColumnOf(ss[0].ID)

	// A key in the session list shows in the matrix, verdict included.
	pickSession(v, 0)
	c.win.Canvas().Focus(v.list)
	v.list.TypedRune('p')
	i, _ := mp.vd.matrix.RowOf(ps[0].ID)
	if mp.vd.matrix.At(i, j) != data.Present || mp.vd.at(i).Summary.Attended != 1 {
		t.Fatalf("matrix has %q, attended %d", mp.vd.matrix.At(i, j), mp.vd.at(i).Summary.Attended)
	}
	cell := mp.table.CreateCell()
	mp.updateCell(widget.TableCellID{Row: i, Col: matrixFixedCols + j}, cell)
	if !hasText(cell, "P") {
		t.Errorf("cell shows %v", visibleTexts(cell))
	}
	header := mp.createHeader()
	header.Resize(fyne.NewSize(mp.colWidth, mp.headerHeight()))
	mp.updateHeader(widget.TableCellID{Row: -1, Col: matrixFixedCols + j}, header)
	if !hasText(header, "1/5 there") || !hasText(header, "Welcome") {
		t.Errorf("header shows %v", visibleTexts(header))
	}

	// A tap in the matrix moves the cell on (present → late), saves it and
	// shows in the session list.
	mp.table.Select(widget.TableCellID{Row: i, Col: matrixFixedCols + j})
	if got := marksOf(t, st, ss[0].ID)[ps[0].ID].Mark; got != data.Late {
		t.Errorf("tap saved %q", got)
	}
	if v.marks[ps[0].ID].Mark != data.Late || !hasText(v.body, "Late") {
		t.Error("the session list did not follow the matrix")
	}

	// One day at a time.
	w := v.w
	later := data.Session{WorkshopID: w.ID, Title: "Closing", Kind: data.KindCeremony, Start: w.StartDate.AddDays(4).At(16, 0),
		End: w.StartDate.AddDays(4).At(17, 0), CountsForCertificate: true}
	if err := st.SaveSession(&later); err != nil {
		t.Fatal(err)
	}
	// A lunch break nobody marks is left out of the matrix.
	lunch := data.Session{WorkshopID: w.ID, Title: "Lunch", Kind: data.KindBreak, Start: w.StartDate.AddDays(4).At(12, 0),
		End: w.StartDate.AddDays(4).At(13, 0)}
	if err := st.SaveSession(&lunch); err != nil {
		t.Fatal(err)
	}
	mp.load()
	if len(mp.cols) != 4 || len(mp.day.Options) != 3 {
		t.Fatalf("whole workshop: %d sessions, day options %q", len(mp.cols), mp.day.Options)
	}
	mp.day.SetSelectedIndex(2)
	if len(mp.cols) != 1 || mp.vd.matrix.Sessions[mp.cols[0]].ID != later.ID {
		t.Errorf("the last day shows %v", mp.cols)
	}
	mp.day.SetSelectedIndex(1)
	if len(mp.cols) != 3 {
		t.Errorf("the first day shows %d sessions", len(mp.cols))
	}
}

func TestCertificateRuleAndOverrides(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	// Àdìgún: present, late, present. Diallo: present, present, absent
	// from the mandatory visit.
	for _, a := range []data.Attendance{
		{ParticipantID: ps[0].ID, SessionID: ss[0].ID, Mark: data.Present},
		{ParticipantID: ps[0].ID, SessionID: ss[1].ID, Mark: data.Late},
		{ParticipantID: ps[0].ID, SessionID: ss[2].ID, Mark: data.Present},
		{ParticipantID: ps[1].ID, SessionID: ss[0].ID, Mark: data.Present},
		{ParticipantID: ps[1].ID, SessionID: ss[1].ID, Mark: data.Present},
		{ParticipantID: ps[1].ID, SessionID: ss[2].ID, Mark: data.Absent},
	} {
		if err := st.SetMark(&a); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := openWindow(t, st)
	v := attendanceOf(t, c)
	v.tabs.SelectIndex(2)
	r := v.rule
	if !hasText(r.content, "1 of 5 participants eligible for a certificate") {
		t.Fatalf("summary %q", r.summary.Text)
	}
	if got := reasonsText(c.verdicts.at(1)); got != "attended 2 of 3 counted sessions, 66% < 80%; missed mandatory session: Risk management field visit" {
		t.Errorf("Diallo's reasons: %q", got)
	}

	// Late no longer counts: saved at once, Àdìgún falls to 66%.
	r.late.SetChecked(false)
	if got := reread(t, st, w.ID).Rule; got.LateCounts || got.MinPercent != 80 {
		t.Fatalf("rule in the file: %+v", got)
	}
	if c.screen.form.workshop().Rule.LateCounts {
		t.Error("the Details form keeps the old rule and would save it back")
	}
	if c.verdicts.at(0).Eligible || !hasText(r.content, "0 of 5 participants eligible") {
		t.Errorf("verdicts not worked out again: %q", r.summary.Text)
	}
	// The minimum down to 66%: Àdìgún qualifies again.
	r.min.SetSelected("66 %")
	if got := reread(t, st, w.ID).Rule.MinPercent; got != 66 || !c.verdicts.at(0).Eligible {
		t.Errorf("minimum %d, eligible %v", got, c.verdicts.at(0).Eligible)
	}
	// The visit not mandatory any more: Diallo qualifies.
	r.mandatory.SetSelected(nil)
	if s, _ := st.Session(ss[2].ID); s.Mandatory || s.Title != ss[2].Title {
		t.Errorf("session after unticking: %+v", s)
	}
	if !c.verdicts.at(1).Eligible {
		t.Errorf("Diallo: %s", reasonsText(c.verdicts.at(1)))
	}

	// An override needs a reason, is recorded, shows, and can be removed.
	r.list.Select(2) // Eze, nothing marked
	o := lastOf[*overrideDialog](c)
	if o == nil || o.choice.Selected != "Give a certificate" {
		t.Fatal("no override dialog, or it does not propose to grant")
	}
	test.Tap(o.save)
	if !o.row.problem.Visible() || o.row.problem.Text != "Reason is required." {
		t.Errorf("empty reason: %q", o.row.problem.Text)
	}
	typeOver(c, o.reason, "Followed the programme online during a strike")
	test.Tap(o.save)
	ov, ok, err := st.EligibilityOverride(ps[2].ID)
	if err != nil || !ok || !ov.Eligible || ov.DecidedBy != "organiser" {
		t.Fatalf("override in the file: %+v %v %v", ov, ok, err)
	}
	if e := c.verdicts.at(2); !e.Eligible || reasonsText(e)[:len("granted by the organiser: Followed")] != "granted by the organiser: Followed" {
		t.Errorf("verdict %s", reasonsText(e))
	}
	r.list.Select(2)
	test.Tap(lastOf[*overrideDialog](c).remove)
	if _, ok, _ := st.EligibilityOverride(ps[2].ID); ok || c.verdicts.at(2).Eligible {
		t.Error("override not removed")
	}
}

func TestReasonsAreTranslated(t *testing.T) {
	useLanguage(t, "fr")
	e := data.Evaluate(data.DefaultCertificateRule, data.AttendanceSummary{Counted: 22, Attended: 17,
		Percent: 17.0 * 100 / 22, MissedMandatory: []data.Session{{Title: "Visite de terrain"}}}, nil)
	want := "présent à 17 des 22 séances comptées, 77\u00a0% < 80\u00a0%\u00a0; a manqué une séance obligatoire\u00a0: Visite de terrain"
	if got := reasonsText(e); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// A tap in the matrix is easily made by mistake: the notice says what it
// did, and its Undo puts the cell back as it was, note included, or
// unmarked when it had no mark.
func TestMatrixChangeUndone(t *testing.T) {
	st, _, ss, ps, c, v := classroomAttendance(t)
	c.frame() // the notice, as the window shows it
	note := data.Attendance{ParticipantID: ps[0].ID, SessionID: ss[0].ID, Mark: data.Present, Note: "came at 9:20 after the bus"}
	if err := st.SetMark(&note); err != nil {
		t.Fatal(err)
	}
	v.tabs.SelectIndex(1)
	mp := v.matrix
	j, _ := mp.vd.matrix.ColumnOf(ss[0].ID)
	cell := func(p data.Participant) widget.TableCellID {
		for r := range mp.rows {
			if mp.vd.matrix.Participants[mp.row(r)].ID == p.ID {
				return widget.TableCellID{Row: r, Col: matrixFixedCols + slices.Index(mp.cols, j)}
			}
		}
		t.Fatalf("%s is not in the matrix", p.FullName())
		return widget.TableCellID{}
	}

	mp.table.Select(cell(ps[0])) // present → late
	if got := marksOf(t, st, ss[0].ID)[ps[0].ID]; got.Mark != data.Late || got.Note != note.Note {
		t.Fatalf("the tap saved %+v", got)
	}
	want := ps[0].FullName() + ": Late for “" + ss[0].Title + "”."
	if !c.notice.bar.Visible() || c.notice.text.Text != want {
		t.Fatalf("the notice says %q (shown %v), want %q", c.notice.text.Text, c.notice.bar.Visible(), want)
	}
	test.Tap(findButton(c.notice.bar, "Undo"))
	if got := marksOf(t, st, ss[0].ID)[ps[0].ID]; got.Mark != data.Present || got.Note != note.Note {
		t.Errorf("after Undo the cell is %+v, want present with its note", got)
	}
	if c.notice.bar.Visible() || mp.vd.matrix.At(mp.row(cell(ps[0]).Row), j) != data.Present {
		t.Errorf("after Undo: notice shown %v, matrix %q", c.notice.bar.Visible(), mp.vd.matrix.At(mp.row(cell(ps[0]).Row), j))
	}

	// An empty cell tapped and undone is unmarked again.
	mp.table.Select(cell(ps[1]))
	if got := marksOf(t, st, ss[0].ID)[ps[1].ID].Mark; got != data.Present {
		t.Fatalf("the tap on an empty cell saved %q", got)
	}
	test.Tap(findButton(c.notice.bar, "Undo"))
	if _, marked := marksOf(t, st, ss[0].ID)[ps[1].ID]; marked {
		t.Error("after Undo the empty cell is still marked")
	}

	// Those who do not qualify first: the one who came to everything,
	// third by name, goes last; the others keep their order by name.
	for _, sess := range ss {
		if err := st.SetMark(&data.Attendance{ParticipantID: ps[2].ID, SessionID: sess.ID, Mark: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	v.tabs.SelectIndex(0)
	v.tabs.SelectIndex(1) // read again
	names := func() []int64 {
		var ids []int64
		for r := range mp.rows {
			ids = append(ids, mp.vd.matrix.Participants[mp.row(r)].ID)
		}
		return ids
	}
	if got := names(); len(got) != 5 || got[2] != ps[2].ID {
		t.Fatalf("by name the rows are %v", got)
	}
	mp.order.SetSelectedIndex(int(notEligibleFirst))
	if got, want := names(), []int64{ps[0].ID, ps[1].ID, ps[3].ID, ps[4].ID, ps[2].ID}; !slices.Equal(got, want) {
		t.Errorf("not eligible first gives %v, want %v", got, want)
	}
	cellText := mp.table.CreateCell()
	mp.updateCell(widget.TableCellID{Row: 4, Col: matrixColName}, cellText)
	if !hasText(cellText, ps[2].FullName()) {
		t.Errorf("the last row shows %v", visibleTexts(cellText))
	}
}

// The matrix's legend says, in each language, that a mark in italics was
// made on a helper's phone, those words in italics themselves.
func TestMatrixLegendSaysWhatItalicsMean(t *testing.T) {
	for code, want := range map[string]string{
		"en": "in italics: marked on a helper’s phone",
		"fr": "en italique\u00a0: marqué sur le téléphone d’un assistant",
		"es": "en cursiva: marcado en el teléfono de un ayudante",
	} {
		useLanguage(t, code)
		if l := matrixLegend(); !legendSays(l, want) {
			t.Errorf("%s: the legend is %q", code, l.String())
		}
	}
}

// legendSays is whether the legend has want in italics and nothing else
// in italics.
func legendSays(l *widget.RichText, want string) bool {
	found := false
	for _, s := range l.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Italic {
			if ts.Text != want {
				return false
			}
			found = true
		}
	}
	return found
}

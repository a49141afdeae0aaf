package app

import (
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// sheetDialog keys in a paper sign-in sheet: the organiser types the codes
// written beside the signatures, sees at once who they are, and saves the
// whole sheet as one transaction. A code that names no one on the list
// stops the save, as it is a typing slip that would otherwise go unseen.
type sheetDialog struct {
	v       *attendanceView
	d       *modal
	byCode  map[string]data.Participant // confirmed participants, by upper-case code
	codeOf  map[int64]string
	others  map[string]bool // codes of participants who are not confirmed
	codes   *codesEntry
	names   *widget.Label
	problem *widget.Label
	mark    *widget.RadioGroup
	rest    *widget.RadioGroup
	save    *widget.Button
}

const sheetDialogWidth = 620

// readCodes splits what was typed into upper-case codes, in order, each
// once: spaces, commas, semicolons and line breaks all separate them.
func readCodes(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';'
	}) {
		code := strings.ToUpper(f)
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	return out
}

func (v *attendanceView) showSheetDialog() *sheetDialog {
	all, err := v.c.st.Participants(v.w.ID, data.ParticipantFilter{})
	if err != nil {
		v.c.readFailed(err)
		return nil
	}
	s := &sheetDialog{v: v, byCode: map[string]data.Participant{}, others: map[string]bool{}}
	// Codes come from every participant of the workshop, as on the printed
	// sheets, so that they match whoever has been confirmed since.
	s.codeOf = data.SignInCodes(all)
	for _, p := range all {
		if p.Status == data.StatusConfirmed {
			s.byCode[s.codeOf[p.ID]] = p
		} else {
			s.others[s.codeOf[p.ID]] = true
		}
	}

	s.codes = newCodesEntry(s)
	s.codes.SetPlaceHolder(lang.X("attendance.sheet.codes_hint", "Type the codes written on the sheet, e.g. AO1 BK2 DA1, then Enter"))
	s.codes.SetMinRowsVisible(3)
	s.codes.Wrapping = fyne.TextWrapWord
	s.codes.OnChanged = func(string) { s.resolve() }
	s.names = widget.NewLabel("")
	s.names.Wrapping = fyne.TextWrapWord
	s.problem = problemLabel()

	s.mark = widget.NewRadioGroup(s.markNames(), func(string) { s.resolve() })
	s.mark.Horizontal = true
	s.mark.Required = true
	s.mark.SetSelected(markName(data.Present))
	s.rest = widget.NewRadioGroup([]string{
		lang.X("attendance.sheet.rest_leave", "Leave them not yet marked"),
		lang.X("attendance.sheet.rest_absent", "Mark them absent"),
	}, func(string) { s.resolve() })
	s.rest.Required = true
	s.rest.SetSelected(s.rest.Options[0])

	form := widget.NewForm(
		widget.NewFormItem(lang.X("attendance.sheet.codes", "Codes"), s.codes),
		widget.NewFormItem(lang.X("attendance.sheet.mark", "Mark them"), s.mark),
		widget.NewFormItem(lang.X("attendance.sheet.rest", "The others not yet marked"), s.rest),
	)
	heading := widget.NewLabel(sessionLabel(v.sessions[v.sessionIndex(v.sid)]))
	heading.TextStyle.Bold = true
	heading.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(heading, form, s.problem), nil, nil, nil,
		container.NewVScroll(s.names))

	cancel := cancelButton(func() { s.d.Hide() })
	s.save = mainButton(lang.X("attendance.sheet.save", "Save the sheet"), s.submit)
	s.d = v.c.newModal(lang.X("attendance.sheet.title", "Key in a sign-in sheet"), body, cancel, s.save)
	s.d.Resize(fyne.NewSize(sheetDialogWidth, min(v.c.win.Canvas().Size().Height-40, 640)))
	s.resolve()
	s.d.Show()
	v.c.win.Canvas().Focus(s.codes)
	v.c.opened(s)
	return s
}

// unknown lists the typed codes that name no confirmed participant, each
// with why.
func (s *sheetDialog) unknown(codes []string) []string {
	var out []string
	for _, code := range codes {
		if _, ok := s.byCode[code]; ok {
			continue
		}
		if s.others[code] {
			out = append(out, lang.X("attendance.sheet.not_confirmed", "{{.Code}} is not a confirmed participant", map[string]any{"Code": code}))
		} else {
			out = append(out, lang.X("attendance.sheet.no_code", "{{.Code}} is no one’s code", map[string]any{"Code": code}))
		}
	}
	return out
}

// resolve shows, as the codes are typed, who they name and what saving
// will do.
func (s *sheetDialog) resolve() {
	if s.save == nil { // the radio groups report their first choice while being built
		return
	}
	codes := readCodes(s.codes.Text)
	var lines []string
	listed := 0
	for _, code := range codes {
		if p, ok := s.byCode[code]; ok {
			listed++
			lines = append(lines, code+"  "+p.FullName())
		}
	}
	bad := s.unknown(codes)
	rest := len(s.v.people) - listed
	summary := lang.XN("attendance.sheet.listed", "{{.Count}} participant on the sheet", listed, map[string]any{"Count": listed})
	if s.rest.Selected == s.rest.Options[1] {
		unmarked := 0
		for _, p := range s.v.people {
			if _, ok := s.v.marks[p.ID]; !ok && !slices.Contains(codes, s.codeOf[p.ID]) {
				unmarked++
			}
		}
		summary += " · " + lang.XN("attendance.sheet.absent_count", "{{.Count}} other marked absent", unmarked, map[string]any{"Count": unmarked})
	} else {
		summary += " · " + lang.XN("attendance.sheet.rest_count", "{{.Count}} other unchanged", rest, map[string]any{"Count": rest})
	}
	s.names.SetText(summary + "\n" + strings.Join(lines, "\n"))
	s.showProblem(bad)
}

func (s *sheetDialog) showProblem(bad []string) {
	if len(bad) == 0 {
		s.problem.Hide()
		return
	}
	s.problem.SetText(lang.X("attendance.sheet.unknown", "Check these codes: {{.Codes}}. Nothing is saved until they are corrected or removed.",
		map[string]any{"Codes": strings.Join(bad, "; ")}))
	s.problem.Show()
}

// submit saves the listed participants' marks, and the others' if asked,
// in one transaction; notes already written stay.
func (s *sheetDialog) submit() {
	v := s.v
	codes := readCodes(s.codes.Text)
	if bad := s.unknown(codes); len(bad) > 0 {
		s.showProblem(bad)
		return
	}
	mark := data.Marks[max(0, slices.Index(s.markNames(), s.mark.Selected))]
	var marks []data.Attendance
	listed := map[int64]bool{}
	for _, code := range codes {
		p := s.byCode[code]
		listed[p.ID] = true
		marks = append(marks, data.Attendance{ParticipantID: p.ID, SessionID: v.sid, Mark: mark, Note: v.marks[p.ID].Note})
	}
	if s.rest.Selected == s.rest.Options[1] {
		for _, p := range v.people {
			if _, ok := v.marks[p.ID]; !ok && !listed[p.ID] {
				marks = append(marks, data.Attendance{ParticipantID: p.ID, SessionID: v.sid, Mark: data.Absent})
			}
		}
	}
	if len(marks) == 0 {
		s.problem.SetText(lang.X("attendance.sheet.empty", "Type at least one code."))
		s.problem.Show()
		return
	}
	if err := v.c.st.SetMarks(marks); err != nil {
		v.c.saveFailed(err)
		return
	}
	s.d.Hide()
	keep := int64(0)
	if v.cur >= 0 && v.cur < len(v.people) {
		keep = v.people[v.cur].ID
	}
	v.loadPeople(keep)
	v.changedVerdicts(marksChanged)
}

func (s *sheetDialog) markNames() []string {
	out := make([]string, len(data.Marks))
	for i, m := range data.Marks {
		out[i] = markName(m)
	}
	return out
}

// codesEntry holds the typed codes on several lines, as a sheet's worth
// does not fit on one, but Enter saves: codes are separated by spaces as
// they are typed, and a pasted list keeps its line breaks.
type codesEntry struct {
	widget.Entry
	s *sheetDialog
}

func newCodesEntry(s *sheetDialog) *codesEntry {
	e := &codesEntry{s: s}
	e.MultiLine = true
	e.ExtendBaseWidget(e)
	return e
}

func (e *codesEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter {
		e.s.submit()
		return
	}
	e.Entry.TypedKey(k)
}

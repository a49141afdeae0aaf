package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// minPercents are the minimums offered; a workshop saved with another
// value keeps it in the list.
var minPercents = []int{50, 60, 66, 70, 75, 80, 85, 90, 95, 100}

// rulePane edits the workshop's certificate rule, saving each change at
// once, and lists every participant's verdict with its reasons, where an
// organiser can override it.
type rulePane struct {
	v         *attendanceView
	vd        *verdicts
	shown     bool // the verdicts have been shown for the workshop
	loading   bool
	percents  []int
	min       *widget.Select
	late      *widget.Check
	excused   *widget.RadioGroup
	policies  []data.ExcusedPolicy
	mandatory *widget.CheckGroup
	mandIDs   []int64
	status    *widget.Label
	summary   *widget.Label
	order     *widget.Select
	rows      []int // the verdicts' rows, in the order shown
	list      *widget.List
	content   fyne.CanvasObject
}

func newRulePane(v *attendanceView) *rulePane {
	p := &rulePane{v: v, vd: &v.c.verdicts, policies: data.ExcusedPolicies}
	p.min = widget.NewSelect(nil, func(string) { p.save() })
	p.late = widget.NewCheck(lang.X("attendance.rule.late_counts", "Late arrival counts as attended"), func(bool) { p.save() })
	p.excused = widget.NewRadioGroup(nil, func(string) { p.save() })
	p.excused.Required = true
	for _, pol := range p.policies {
		p.excused.Options = append(p.excused.Options, policyName(pol))
	}
	p.mandatory = widget.NewCheckGroup(nil, func([]string) { p.saveMandatory() })
	p.status = widget.NewLabel(lang.X("attendance.rule.autosave", "Changes are saved at once."))
	p.status.SizeName = theme.SizeNameCaptionText
	p.summary = widget.NewLabel("")
	p.summary.TextStyle.Bold = true
	p.summary.Truncation = fyne.TextTruncateEllipsis // beside the order, in what the divider leaves
	p.list = widget.NewList(p.length, p.createRow, p.updateRow)
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.Unselect(id)
		if i := p.row(id); i >= 0 {
			p.showOverride(p.vd.matrix.Participants[i])
		}
	}
	p.order = v.newOrderSelect(func() {
		p.rows = p.v.ordered(p.rows)
		p.list.Refresh()
	})

	form := widget.NewForm(
		widget.NewFormItem(workshopFieldLabel("min_percent"), p.min),
		widget.NewFormItem("", p.late),
		widget.NewFormItem(workshopFieldLabel("excused_policy"), p.excused),
		widget.NewFormItem(lang.X("attendance.rule.mandatory", "Mandatory sessions"), p.mandatory),
	)
	intro := widget.NewLabel(lang.X("attendance.rule.intro", "Who receives a certificate of attendance. The minimum is a share of the sessions that count towards the certificate (set per session in the schedule); a mandatory session must be attended whatever the share."))
	intro.Wrapping = fyne.TextWrapWord
	// The rule on the left, the verdicts on the right with the whole
	// height: they are what the organiser reads down, and the rule is set
	// once. The divider gives either more room.
	rule := container.NewScroll(container.NewVBox(intro, form, p.status))
	verdicts := container.NewBorder(container.NewBorder(nil, nil, nil, orderBox(p.order), p.summary), nil, nil, nil, p.list)
	split := container.NewHSplit(rule, verdicts)
	split.Offset = 0.45
	p.content = split
	return p
}

// policyName words an excused-absence policy as an option.
func policyName(pol data.ExcusedPolicy) string { return named("attendance.rule.excused_", pol, "") }

func (p *rulePane) clear() {
	p.shown = false
	p.list.Refresh()
}

// load shows the workshop's rule and reads the verdicts.
func (p *rulePane) load() {
	w := p.v.w
	p.loading = true
	p.percents = minPercents
	if !containsInt(p.percents, w.Rule.MinPercent) {
		p.percents = insertSorted(p.percents, w.Rule.MinPercent)
	}
	var opts []string
	for _, n := range p.percents {
		opts = append(opts, strconv.Itoa(n)+" %")
	}
	p.min.SetOptions(opts)
	for i, n := range p.percents {
		if n == w.Rule.MinPercent {
			p.min.SetSelectedIndex(i)
		}
	}
	p.late.SetChecked(w.Rule.LateCounts)
	for i, pol := range p.policies {
		if pol == w.Rule.ExcusedPolicy {
			p.excused.SetSelected(p.excused.Options[i])
		}
	}
	p.loadMandatory()
	p.loading = false
	p.showVerdicts()
}

func (p *rulePane) loadMandatory() {
	p.mandIDs = nil
	var opts, chosen []string
	for _, s := range p.v.sessions {
		label := mandatoryLabel(s)
		opts = append(opts, label)
		p.mandIDs = append(p.mandIDs, s.ID)
		if s.Mandatory {
			chosen = append(chosen, label)
		}
	}
	p.mandatory.Options = opts
	p.mandatory.SetSelected(chosen)
	p.mandatory.Refresh()
}

// mandatoryLabel names a session in the list of boxes, short enough not to
// widen the window: a check box's text cannot be cut to fit.
func mandatoryLabel(s data.Session) string {
	return lang.X("attendance.rule.mandatory_label", "{{.Day}} {{.Month}} · {{.Time}} · {{.Title}}", map[string]any{
		"Day": dayNumber(s.Start.Day()), "Month": monthAbbr(s.Start.Month()), "Time": s.Start.Format("15:04"), "Title": clip(s.Title, 36)})
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

func insertSorted(list []int, n int) []int {
	out := make([]int, 0, len(list)+1)
	done := false
	for _, x := range list {
		if !done && n < x {
			out = append(out, n)
			done = true
		}
		out = append(out, x)
	}
	if !done {
		out = append(out, n)
	}
	return out
}

// save writes the rule as the widgets show it. The workshop is read again
// first, so that only the rule changes, and the Details form is told, so
// that its next save does not put the old rule back.
func (p *rulePane) save() {
	if p.loading || p.v.w.ID == 0 {
		return
	}
	w, err := p.v.c.st.Workshop(p.v.w.ID)
	if err != nil {
		p.v.c.readFailed(err)
		return
	}
	if i := p.min.SelectedIndex(); i >= 0 && i < len(p.percents) {
		w.Rule.MinPercent = p.percents[i]
	}
	w.Rule.LateCounts = p.late.Checked
	for i, opt := range p.excused.Options {
		if opt == p.excused.Selected {
			w.Rule.ExcusedPolicy = p.policies[i]
		}
	}
	if w.Rule == p.v.w.Rule {
		return
	}
	if err := p.v.c.st.SaveWorkshop(&w); err != nil {
		p.status.Importance = widget.DangerImportance
		p.status.SetText(saveProblem(err))
		return
	}
	p.v.w = w
	p.saved()
	p.v.changedVerdicts(ruleChanged)
}

// saveMandatory saves the sessions whose box changed, each read again so
// that nothing else of the session changes.
func (p *rulePane) saveMandatory() {
	if p.loading {
		return
	}
	chosen := map[string]bool{}
	for _, s := range p.mandatory.Selected {
		chosen[s] = true
	}
	changed := false
	for i, id := range p.mandIDs {
		want := chosen[p.mandatory.Options[i]]
		s, err := p.v.c.st.Session(id)
		if err != nil {
			p.v.c.readFailed(err)
			return
		}
		if s.Mandatory == want {
			continue
		}
		s.Mandatory = want
		if err := p.v.c.st.SaveSession(&s); err != nil {
			p.v.c.saveFailed(err)
			return
		}
		changed = true
	}
	if changed {
		if ss, err := p.v.c.st.Sessions(p.v.w.ID); err == nil {
			p.v.sessions = ss
		}
		p.saved()
		p.v.changedVerdicts(sessionsChanged)
	}
}

func (p *rulePane) saved() {
	p.status.Importance = widget.MediumImportance
	p.status.SetText(lang.X("attendance.rule.saved", "Saved at {{.Time}}.", map[string]any{"Time": time.Now().Format("15:04")}))
}

// showVerdicts shows every participant's verdict, read again if need be.
func (p *rulePane) showVerdicts() {
	if err := p.vd.of(p.v.w.ID); err != nil {
		p.v.c.readFailed(err)
		return
	}
	p.shown = true
	n := p.vd.eligible()
	p.summary.SetText(lang.XN("attendance.rule.summary", "{{.Count}} of {{.Total}} participants eligible for a certificate", n,
		map[string]any{"Count": n, "Total": p.vd.count()}))
	p.rows = p.v.ordered(p.rows)
	p.list.Refresh()
}

// refresh shows the verdicts again after a change, if they have been shown.
func (p *rulePane) refresh() {
	if p.shown {
		p.showVerdicts()
	}
}

func (p *rulePane) length() int {
	if !p.shown {
		return 0
	}
	return len(p.rows)
}

// row is the verdicts' row shown on list row r, or -1.
func (p *rulePane) row(r int) int {
	if !p.shown || r < 0 || r >= len(p.rows) || p.rows[r] >= p.vd.count() {
		return -1
	}
	return p.rows[r]
}

func (p *rulePane) createRow() fyne.CanvasObject {
	name := widget.NewLabel("")
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	verdict := widget.NewLabel("")
	verdict.TextStyle.Bold = true
	why := widget.NewLabel("")
	why.SizeName = theme.SizeNameCaptionText
	why.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, nil, verdict, name)
	return tightLines(head, why)
}

func (p *rulePane) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	i := p.row(id)
	if i < 0 {
		return
	}
	box := o.(*fyne.Container)
	head := box.Objects[0].(*fyne.Container)
	name, verdict := head.Objects[0].(*widget.Label), head.Objects[1].(*widget.Label)
	why := box.Objects[1].(*widget.Label)
	e := p.vd.at(i)
	name.SetText(p.vd.matrix.Participants[i].FullName())
	verdict.Importance = verdictImportance(e)
	verdict.SetText(verdictText(e))
	why.SetText(reasonsText(e))
	head.Refresh() // the verdict's width changed with its words: lay the line out again
}

// overrideDialog grants or refuses one participant's certificate whatever
// the rule says, with a written reason, or gives the decision back to the
// rule.
type overrideDialog struct {
	p       *rulePane
	who     data.Participant
	d       *modal
	choice  *widget.RadioGroup
	reason  *widget.Entry
	row     *fieldRow
	save    *widget.Button
	remove  *widget.Button
	current bool
}

func (p *rulePane) showOverride(who data.Participant) *overrideDialog {
	o := &overrideDialog{p: p, who: who}
	e, err := p.vd.participant(who.ID)
	if err != nil {
		p.v.c.readFailed(err)
		return nil
	}
	grant, refuse := lang.X("attendance.override.grant", "Give a certificate"), lang.X("attendance.override.refuse", "No certificate")
	o.choice = widget.NewRadioGroup([]string{grant, refuse}, nil)
	o.choice.Required = true
	o.reason = widget.NewMultiLineEntry()
	o.reason.Wrapping = fyne.TextWrapWord
	o.reason.SetMinRowsVisible(3)
	o.reason.SetPlaceHolder(lang.X("attendance.override.reason_hint", "Why, in a sentence: it is kept with the decision"))
	o.reason.OnChanged = func(string) { o.row.setProblem("") }
	o.row = newFieldRow(lang.X("attendance.override.reason", "Reason"), o.reason)
	if e.Override != nil {
		o.current = true
		o.reason.SetText(e.Override.Reason)
		o.choice.SetSelected(map[bool]string{true: grant, false: refuse}[e.Override.Eligible])
	} else {
		o.choice.SetSelected(map[bool]string{true: refuse, false: grant}[e.ByRule])
	}
	rule := widget.NewLabel(lang.X("attendance.override.by_rule", "By the rule: {{.Verdict}} — {{.Why}}", map[string]any{
		"Verdict": verdictText(e.ByRuleAlone()), "Why": reasonsText(e.ByRuleAlone())}))
	rule.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(rule)
	if e.Override != nil {
		when := widget.NewLabel(lang.X("attendance.override.recorded", "Decided by the organiser on {{.Date}} at {{.Time}}.", map[string]any{
			"Date": formatDate(data.DateOf(e.Override.DecidedAt.Local())), "Time": e.Override.DecidedAt.Local().Format("15:04")}))
		when.SizeName = theme.SizeNameCaptionText
		content.Add(when)
	}
	content.Add(widget.NewForm(widget.NewFormItem(lang.X("attendance.override.decision", "Decision"), o.choice), o.row.item()))

	cancel := cancelButton(func() { o.d.Hide() })
	o.remove = widget.NewButtonWithIcon(lang.X("attendance.override.remove", "Let the rule decide"), theme.DeleteIcon(), o.clear)
	if !o.current {
		o.remove.Disable()
	}
	o.save = mainButton(lang.X("attendance.override.save", "Record decision"), o.submit)
	o.d = p.v.c.newModal(lang.X("attendance.override.title", "Certificate for {{.Name}}", map[string]any{"Name": who.FullName()}),
		content, cancel, o.remove, o.save)
	fitDialog(o.d, 560)
	o.d.Show()
	p.v.c.win.Canvas().Focus(o.reason)
	p.v.c.opened(o)
	return o
}

func (o *overrideDialog) submit() {
	ov := data.EligibilityOverride{ParticipantID: o.who.ID, Eligible: o.choice.Selected == o.choice.Options[0], Reason: o.reason.Text}
	if err := o.p.v.c.st.SetEligibilityOverride(&ov); err != nil {
		if v, ok := data.AsValidation(err); ok && len(v.Fields) > 0 {
			o.row.setProblem(fieldMessage(v.Fields[0], o.row.label))
			return
		}
		o.p.v.c.saveFailed(err)
		return
	}
	o.d.Hide()
	o.p.v.changedVerdicts(overridesChanged)
}

func (o *overrideDialog) clear() {
	if err := o.p.v.c.st.ClearEligibilityOverride(o.who.ID); err != nil {
		o.p.v.c.saveFailed(err)
		return
	}
	o.d.Hide()
	o.p.v.changedVerdicts(overridesChanged)
}

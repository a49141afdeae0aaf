package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// A participant the rule refuses and an organiser grants a certificate to
// qualifies on their sheet too, with the organiser's reason; and the sheet,
// the matrix, the rule pane and the Certificates tab give one percentage:
// 2 of 3 sessions is 66 %, as the verdict says "66% < 80%", never 67 %.
func TestTheSheetTheMatrixAndTheCertificatesAgreeOnAGrantedParticipant(t *testing.T) {
	useLanguage(t, "en")
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	diallo := ps[1]
	// Present at two sessions, away from the mandatory visit for a visa
	// appointment: the rule says no, the organiser says yes.
	for _, a := range []data.Attendance{
		{ParticipantID: diallo.ID, SessionID: ss[0].ID, Mark: data.Present},
		{ParticipantID: diallo.ID, SessionID: ss[1].ID, Mark: data.Present},
		{ParticipantID: diallo.ID, SessionID: ss[2].ID, Mark: data.Absent},
	} {
		if err := st.SetMark(&a); err != nil {
			t.Fatal(err)
		}
	}
	reason := "Visa appointment at the embassy"
	if err := st.SetEligibilityOverride(&data.EligibilityOverride{ParticipantID: diallo.ID, Eligible: true, Reason: reason}); err != nil {
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	c.screen.selectID(w.ID)

	// The sheet.
	participantsOf(c).showForm(diallo)
	sheet := strings.Join(visibleTexts(topDialog(c)), "\n")
	if !strings.Contains(sheet, "Attended 2 of the 3 sessions that count towards the certificate (66 %; the rule asks for 80 %).") {
		t.Errorf("the sheet's share is not the verdict's:\n%s", sheet)
	}
	if want := "Qualifies for a certificate (granted by the organiser: " + reason + ")."; !strings.Contains(sheet, want) {
		t.Errorf("the sheet does not say they qualify, and why:\n%s\nwant %q", sheet, want)
	}
	if strings.Contains(sheet, "Does not qualify") {
		t.Errorf("the sheet says they do not qualify:\n%s", sheet)
	}
	c.win.Canvas().Overlays().Remove(topDialog(c))

	// The matrix and the rule pane.
	v := attendanceOf(t, c)
	v.tabs.SelectIndex(1)
	mp := v.matrix
	i, _ := mp.vd.matrix.RowOf(diallo.ID)
	rate, verdict := mp.table.CreateCell(), mp.table.CreateCell()
	mp.updateCell(widget.TableCellID{Row: i, Col: matrixColRate}, rate)
	mp.updateCell(widget.TableCellID{Row: i, Col: matrixColEligible}, verdict)
	if got := visibleTexts(rate); len(got) != 1 || got[0] != "66% (2/3)" {
		t.Errorf("the matrix's rate: %q", got)
	}
	if got := visibleTexts(verdict); len(got) != 1 || got[0] != "✓ Eligible *" {
		t.Errorf("the matrix's verdict: %q", got)
	}
	v.tabs.SelectIndex(2)
	wantWhy := "granted by the organiser: " + reason + "; attended 2 of 3 counted sessions, 66% < 80%; missed mandatory session: Risk management field visit"
	if got := reasonsText(c.verdicts.at(i)); got != wantWhy {
		t.Errorf("the rule pane's reasons:\n got %q\nwant %q", got, wantWhy)
	}

	// The Certificates tab.
	cv := certificatesOf(t, c)
	found := false
	for _, r := range cv.rows {
		if r.name == diallo.NameOnCertificate() {
			found = true
			if !r.eligibility.Eligible || reasonsText(r.eligibility) != wantWhy {
				t.Errorf("Certificates tab: eligible %v, %q", r.eligibility.Eligible, reasonsText(r.eligibility))
			}
		}
	}
	if !found {
		t.Error("Certificates tab does not list the participant")
	}
}

// A decision against the rule shows too: refused, with its reason.
func TestTheSheetOfARefusedParticipantSaysWhy(t *testing.T) {
	useLanguage(t, "fr")
	st := tempStore(t)
	w, ss, ps := classroom(t, st)
	for _, s := range ss {
		if err := st.SetMark(&data.Attendance{ParticipantID: ps[0].ID, SessionID: s.ID, Mark: data.Present}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetEligibilityOverride(&data.EligibilityOverride{ParticipantID: ps[0].ID, Reason: "Étude de cas plagiée"}); err != nil {
		t.Fatal(err)
	}
	c, _ := openWindow(t, st)
	c.screen.selectID(w.ID)
	participantsOf(c).showForm(ps[0])
	want := "N’a pas droit à l’attestation (refusé par l’organisateur\u00a0: Étude de cas plagiée)."
	if !hasText(topDialog(c), want) {
		t.Errorf("sheet %q, want %q", visibleTexts(topDialog(c)), want)
	}
}

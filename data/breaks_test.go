package data

import (
	"testing"
)

// A break is never counted towards a certificate nor mandatory: saved so,
// it is stored as neither, and a row an older Atelier wrote so reads as
// neither, so that nobody's verdict depends on having lunch.
func TestBreaksCountForNothing(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	talk := addSession(t, st, w, 0, 9, 10, "Opening lecture")
	lunch := Session{WorkshopID: w.ID, Title: "Lunch", Kind: KindBreak, Start: w.StartDate.At(12, 0), End: w.StartDate.At(13, 0),
		CountsForCertificate: true, Mandatory: true}
	mustNoErr(t, st.SaveSession(&lunch))
	got, err := st.Session(lunch.ID)
	mustNoErr(t, err)
	if got.CountsForCertificate || got.Mandatory || lunch.CountsForCertificate || lunch.Mandatory {
		t.Fatalf("a break saved as counting and mandatory reads %+v", got)
	}

	// An older file: the row itself says the break counts and is mandatory.
	_, err = st.w.Exec(`UPDATE sessions SET counts_for_certificate = 1, mandatory = 1 WHERE id = ?`, lunch.ID)
	mustNoErr(t, err)
	p := addParticipant(t, st, w, "Ada", "Obi", StatusConfirmed)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: talk.ID, Mark: Present}))
	v, err := st.Verdicts(w.ID)
	mustNoErr(t, err)
	e := v.At(0)
	if !e.Eligible || e.Summary.Counted != 1 || len(e.Summary.MissedMandatory) != 0 {
		t.Fatalf("missing lunch weighs on the verdict: %+v", e)
	}
}

package data

import (
	"testing"
)

func TestStatusHistoryKeepsEveryChangeOnce(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := addParticipant(t, st, w, "Aïssatou", "Diallo", StatusApplicant)
	other := addParticipant(t, st, w, "Ada", "Obi", StatusApplicant)
	p.Status = StatusSelected
	mustNoErr(t, st.SaveParticipant(&p))
	p.Notes = "visa letter sent" // not a status change
	mustNoErr(t, st.SaveParticipant(&p))
	mustNoErr(t, st.SetStatus([]int64{p.ID, other.ID}, StatusConfirmed))
	mustNoErr(t, st.SetStatus([]int64{p.ID}, StatusConfirmed)) // already confirmed

	h, err := st.StatusHistory(p.ID)
	mustNoErr(t, err)
	var got []Status
	for _, c := range h {
		if c.At.IsZero() {
			t.Fatalf("a change without its time: %+v", h)
		}
		got = append(got, c.Status)
	}
	want := []Status{StatusApplicant, StatusSelected, StatusConfirmed}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("history %v, want %v", got, want)
	}

	// Undoing a delete brings the history back as it was, not a new one.
	mustNoErr(t, st.DeleteParticipant(p.ID))
	_, err = st.Undo()
	mustNoErr(t, err)
	again, err := st.StatusHistory(p.ID)
	mustNoErr(t, err)
	if len(again) != 3 {
		t.Fatalf("after undo: %+v", again)
	}
}

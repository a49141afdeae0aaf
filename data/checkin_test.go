package data

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestCheckInMarksPresentThenLateAfterTheGrace(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 11, "Opening")
	a := addParticipant(t, st, w, "Ọláńrewájú", "Adébáyọ̀", StatusConfirmed) // AO1
	b := addParticipant(t, st, w, "Àyọ̀ká", "Adébáyọ̀", StatusConfirmed)     // AA1
	addParticipant(t, st, w, "Kwame", "Gyamfi", StatusApplicant)             // GK1
	mustNoErr(t, st.SetCheckInGrace(w.ID, 15*time.Minute))
	grace, err := st.CheckInGrace(w.ID)
	mustNoErr(t, err)
	ctx := context.Background()

	in, err := st.CheckInBadge(ctx, s.ID, " ao1 ", grace, s.Start.Add(14*time.Minute))
	mustNoErr(t, err)
	if in.Participant.ID != a.ID || in.Mark != Present || in.Already {
		t.Errorf("within the grace: %+v", in)
	}
	late, err := st.CheckInBadge(ctx, s.ID, "AA1", grace, s.Start.Add(16*time.Minute))
	mustNoErr(t, err)
	if late.Participant.ID != b.ID || late.Mark != Late {
		t.Errorf("after the grace: %+v", late)
	}
	twice, err := st.CheckInBadge(ctx, s.ID, "AO1", grace, s.Start.Add(40*time.Minute))
	mustNoErr(t, err)
	if !twice.Already || twice.Mark != Present {
		t.Errorf("scanned twice: %+v", twice)
	}
	if m, _ := st.Mark(a.ID, s.ID); m.Mark != Present {
		t.Errorf("stored %+v", m)
	}
	if _, err := st.CheckInBadge(ctx, s.ID, "ZZ9", grace, s.Start); !errors.Is(err, ErrUnknownBadge) {
		t.Errorf("an unknown code: %v", err)
	}
	if _, err := st.CheckInBadge(ctx, s.ID, "GK1", grace, s.Start); !errors.Is(err, ErrNotConfirmed) {
		t.Errorf("an applicant's code: %v", err)
	}
	if err := st.SetCheckInGrace(w.ID, 5*time.Hour); err == nil {
		t.Error("a grace of five hours was accepted")
	}
}

package data

import (
	"fmt"
	"testing"
	"time"
)

// Who is eligible is decided inside the transaction that enters the
// certificates: an issue started while another process saves the marks
// that make someone eligible waits for them, and that person is in the
// register with the others.
func TestIssuingDecidesEligibilityWhereItWrites(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	s1 := addSession(t, st, w, 0, 9, 10, "Opening")
	s2 := addSession(t, st, w, 0, 11, 12, "Collections")
	early := addParticipant(t, st, w, "Adaeze", "Okafor", StatusConfirmed)
	late := addParticipant(t, st, w, "Ọláńrewájú", "Àdìgún", StatusConfirmed)
	for _, s := range []Session{s1, s2} {
		mustNoErr(t, st.SetMark(&Attendance{ParticipantID: early.ID, SessionID: s.ID, Mark: Present}))
	}
	// Printed once already: the file has its secret, and the register the
	// first participant.
	first, err := st.IssueCertificates(w.ID, IssueOptions{})
	if err != nil || len(first) != 1 {
		t.Fatalf("first issue: %d, %v", len(first), err)
	}
	var marks []string
	for _, s := range []Session{s1, s2} {
		marks = append(marks, fmt.Sprintf(`INSERT INTO attendance(workshop_id, participant_id, session_id, status, marked_at, note)
			VALUES (%d, %d, %d, 'present', '2022-11-21T09:00:00Z', '')`, w.ID, late.ID, s.ID))
	}
	done := holdWriteLock(t, path, 1500*time.Millisecond, marks...)
	certs, err := st.IssueCertificates(w.ID, IssueOptions{})
	done()
	mustNoErr(t, err)
	register, err := st.Certificates(w.ID)
	mustNoErr(t, err)
	if len(certs) != 2 || len(register) != 2 {
		t.Fatalf("%d certificates issued, %d in the register; want both participants, the one marked meanwhile too",
			len(certs), len(register))
	}
}

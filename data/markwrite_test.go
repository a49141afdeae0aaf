package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// The upsert of a mark decides by itself what the cell read first used to:
// a note alone on this computer is no mark, the same mark again is one,
// and a pair that cannot be marked is said as before, a note given or not
// (a mark with a note that saved nothing goes through the note's path
// first).
func TestOneUpsertDecidesNoteMarkAndMissingPair(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 10, "Opening")
	p := addParticipant(t, st, w, "Chiamaka", "Ọ̀kẹ́", StatusConfirmed)

	first := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late,
		MarkedAt: time.Date(2022, 11, 21, 9, 12, 0, 0, time.UTC)}
	mustNoErr(t, st.SetMark(&first))
	if first.Revision == 0 || len(logRows(t, st, p.ID, s.ID)) != 1 {
		t.Fatalf("first mark: revision %d, log %+v", first.Revision, logRows(t, st, p.ID, s.ID))
	}

	note := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late, Note: "Traffic on Third Mainland Bridge",
		MarkedAt: time.Date(2022, 11, 21, 11, 0, 0, 0, time.UTC)}
	mustNoErr(t, st.SetMark(&note))
	got, err := st.Mark(p.ID, s.ID)
	mustNoErr(t, err)
	if got.Note != note.Note || !got.MarkedAt.Equal(first.MarkedAt) || note.Revision != 0 ||
		len(logRows(t, st, p.ID, s.ID)) != 1 {
		t.Fatalf("a note alone: cell %+v, revision %d, log %+v", got, note.Revision, logRows(t, st, p.ID, s.ID))
	}

	again := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Late, Note: note.Note,
		MarkedAt: time.Date(2022, 11, 21, 11, 5, 0, 0, time.UTC)}
	mustNoErr(t, st.SetMark(&again))
	rows := logRows(t, st, p.ID, s.ID)
	if len(rows) != 2 || again.Revision != rows[1].ID || !rows[1].MarkedAt.Equal(again.MarkedAt) {
		t.Fatalf("the same mark again: revision %d, log %+v", again.Revision, rows)
	}

	changed := Attendance{ParticipantID: p.ID, SessionID: s.ID, Mark: Present, Note: "Seen at the door"}
	mustNoErr(t, st.SetMark(&changed))
	got, _ = st.Mark(p.ID, s.ID)
	rows = logRows(t, st, p.ID, s.ID)
	if got.Mark != Present || got.Note != "Seen at the door" || len(rows) != 3 || rows[2].Mark != Present ||
		changed.Revision != rows[2].ID || rows[2].ID <= rows[1].ID {
		t.Fatalf("a new mark and note: cell %+v, log %+v", got, rows)
	}

	other := lagosWorkshop()
	mustNoErr(t, st.SaveWorkshop(&other))
	stranger := addParticipant(t, st, other, "Not", "Here", StatusConfirmed)
	before := logCount(t, st)
	for _, withNote := range []string{"", "A note"} {
		err := st.SetMark(&Attendance{ParticipantID: stranger.ID, SessionID: s.ID, Mark: Present, Note: withNote})
		if err == nil || !strings.Contains(err.Error(), "belong to different workshops") {
			t.Errorf("cross-workshop pair, note %q: %v", withNote, err)
		}
		var nf *NotFoundError
		err = st.SetMark(&Attendance{ParticipantID: p.ID, SessionID: 9999, Mark: Present, Note: withNote})
		if !errors.As(err, &nf) || nf.Record != "session" {
			t.Errorf("unknown session, note %q: %v", withNote, err)
		}
		err = st.SetMark(&Attendance{ParticipantID: 9999, SessionID: s.ID, Mark: Present, Note: withNote})
		if !errors.As(err, &nf) || nf.Record != "participant" {
			t.Errorf("unknown participant, note %q: %v", withNote, err)
		}
	}
	if n := logCount(t, st); n != before {
		t.Fatalf("refused marks entered %d log rows", n-before)
	}
	if got, _ := st.Mark(p.ID, s.ID); got.Mark != Present || got.Note != "Seen at the door" {
		t.Fatalf("refused marks changed the cell: %+v", got)
	}
}

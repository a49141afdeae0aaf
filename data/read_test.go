package data

import (
	"context"
	"testing"
)

// A read transaction sees one moment of the file: a participant added by
// another process between two of its queries is not seen by the second.
func TestReadSeesOneMomentOfTheFile(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	addParticipant(t, st, w, "Adaeze", "Okafor", StatusConfirmed)
	other, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	defer other.Close()

	count := func(q querier) int {
		var n int
		mustNoErr(t, q.QueryRow(`SELECT count(*) FROM participants WHERE workshop_id = ?`, w.ID).Scan(&n))
		return n
	}
	var first, second int
	mustNoErr(t, st.read(context.Background(), func(q querier) error {
		first = count(q)
		addParticipant(t, other, w, "Ọláńrewájú", "Bello", StatusConfirmed)
		second = count(q)
		return nil
	}))
	if first != 1 || second != 1 {
		t.Fatalf("inside one read: %d then %d participants; want 1 and 1", first, second)
	}
	if n := count(st.r); n != 2 {
		t.Fatalf("after the read: %d participants; want 2", n)
	}
}

package data

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// someMessages queues n messages of the Lagos workshop, each with a small
// attachment.
func someMessages(t testing.TB, st *Store, w Workshop, n int) []OutboxMessage {
	t.Helper()
	msgs := make([]OutboxMessage, n)
	for i := range msgs {
		msgs[i] = OutboxMessage{WorkshopID: w.ID, Kind: MessageText, Language: French, ToName: "Ọláńrewájú Ñúñez",
			ToAddress: fmt.Sprintf("p%d@example.org", i), FromAddress: "organiser@example.org", Subject: "Bonjour",
			Text: "Bonjour", Attachments: []Attachment{{FileName: "a.pdf", ContentType: "application/pdf", Content: []byte{byte(i), 1, 2}}}}
	}
	msgs, err := st.QueueMessages(context.Background(), msgs)
	mustNoErr(t, err)
	return msgs
}

// A message goes from queued to sending to sent or failed, its outcome
// written with the next claim; a message a dead sender left sending reads
// unknown once its heartbeat is older than the lease, and no sender takes
// it again until the user resends it.
func TestOutboxStates(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	msgs := someMessages(t, st, w, 3)
	ctx := context.Background()
	now := time.Now()
	pick := Pick{Token: NewSenderToken(), Now: now}

	first, ok, err := st.NextMessage(ctx, nil, pick)
	mustNoErr(t, err)
	if !ok || first.ID != msgs[0].ID || first.State != StateSending || first.Attempts != 1 ||
		string(first.Attachments[0].Content) != string([]byte{0, 1, 2}) || first.ToName != "Ọláńrewájú Ñúñez" {
		t.Fatalf("first claim: %+v", first)
	}
	second, _, err := st.NextMessage(ctx, &Outcome{ID: first.ID, State: StateSent, Reply: "2.0.0 Ok"}, pick)
	mustNoErr(t, err)
	// The sender dies with the second message in hand.
	later := Pick{Token: NewSenderToken(), Now: now.Add(SendingLease + time.Second)}
	third, ok, err := st.NextMessage(ctx, nil, later)
	mustNoErr(t, err)
	if !ok || third.ID != msgs[2].ID {
		t.Fatalf("the next run took %d, want %d (the second is unknown)", third.ID, msgs[2].ID)
	}
	_, ok, err = st.NextMessage(ctx, &Outcome{ID: third.ID, State: StateFailed, FailureKey: "mail.error.rejected",
		FailureDetail: "550 no"}, later)
	mustNoErr(t, err)
	if ok {
		t.Fatal("a message was claimed again after every one was done or unknown")
	}
	got := map[int64]OutboxMessage{}
	for _, m := range mustOutbox(t, st) {
		got[m.ID] = m
	}
	if got[first.ID].State != StateSent || got[first.ID].Reply != "2.0.0 Ok" || got[first.ID].SentAt.IsZero() ||
		got[second.ID].State != StateUnknown || got[third.ID].State != StateFailed || got[third.ID].FailureDetail != "550 no" {
		t.Fatalf("states: %s %s %s", got[first.ID].State, got[second.ID].State, got[third.ID].State)
	}
	// The dead sender's outcome, arriving late, is a fact and wins.
	mustNoErr(t, st.RecordOutcome(ctx, Outcome{ID: second.ID, State: StateSent, Reply: "late"}, "someone else"))
	if m, _ := st.Message(second.ID); m.State != StateUnknown {
		t.Fatalf("another sender's outcome was taken: %s", m.State)
	}

	again, err := st.Resend(ctx, []int64{first.ID, second.ID, third.ID})
	mustNoErr(t, err)
	if len(again) != 3 || again[0].ID == first.ID || again[0].Resends != first.ID ||
		again[1].ID != second.ID || again[1].MessageID != second.MessageID || again[2].ID != third.ID {
		t.Fatalf("resend: %+v", again)
	}
	counts, err := st.OutboxCounts(w.ID)
	mustNoErr(t, err)
	if counts[StateQueued] != 3 || counts[StateSent] != 1 {
		t.Fatalf("counts after resend: %v", counts)
	}
}

func mustOutbox(t testing.TB, st *Store) []OutboxMessage {
	t.Helper()
	list, err := st.Outbox(OutboxFilter{})
	mustNoErr(t, err)
	return list
}

// A message is refused before it is queued when an address is not one.
func TestOutboxRefusesABadAddress(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	_, err := st.QueueMessages(context.Background(), []OutboxMessage{{WorkshopID: w.ID, Kind: MessageText, Language: English,
		ToAddress: "not an address", FromAddress: "organiser@example.org", Subject: "x", Text: "x"}})
	v, ok := AsValidation(err)
	if !ok {
		t.Fatalf("queued a message to a bad address: %v", err)
	}
	if fe, ok := v.For("to_address"); !ok || fe.Key != "error.email" {
		t.Errorf("%+v", v)
	}
	if len(mustOutbox(t, st)) != 0 {
		t.Error("something was queued")
	}
}

// TestHelperClaimer is the child process of the test below: it claims
// messages until none is left and prints their ids.
func TestHelperClaimer(t *testing.T) {
	path := os.Getenv("ATELIER_CLAIM_DB")
	if path == "" {
		t.Skip("runs only as a child process")
	}
	st, err := Open(path, OpenExisting)
	if err != nil {
		os.Exit(2)
	}
	claimAll(st, true)
	st.Close()
}

func claimAll(st *Store, print bool) []int64 {
	pick := Pick{Token: NewSenderToken()}
	var done *Outcome
	var ids []int64
	for {
		m, ok, err := st.NextMessage(context.Background(), done, pick)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		if !ok {
			return ids
		}
		if print {
			fmt.Println(m.ID)
		}
		ids = append(ids, m.ID)
		done = &Outcome{ID: m.ID, State: StateSent}
	}
}

// Two senders on one file (the window and the command line) never take
// the same message: each is claimed in the write transaction that writes
// the one before.
func TestTwoSendersNeverTakeTheSameMessage(t *testing.T) {
	st, path := openTemp(t)
	w := addWorkshop(t, st)
	msgs := someMessages(t, st, w, 300)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperClaimer$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ATELIER_CLAIM_DB="+path)
	var out strings.Builder
	cmd.Stdout = &out
	mustNoErr(t, cmd.Start())
	mine := claimAll(st, false)
	mustNoErr(t, cmd.Wait())
	var theirs []int64
	for _, line := range strings.Fields(out.String()) {
		if id, err := strconv.ParseInt(line, 10, 64); err == nil {
			theirs = append(theirs, id)
		}
	}
	all := append(slices.Clone(mine), theirs...)
	slices.Sort(all)
	if len(all) != len(msgs) || len(slices.Compact(all)) != len(msgs) {
		t.Fatalf("this process took %d, the other %d, of %d messages; distinct %d", len(mine), len(theirs), len(msgs),
			len(slices.Compact(slices.Clone(all))))
	}
	t.Logf("this process took %d messages, the other %d", len(mine), len(theirs))
}

// Deleting a workshop takes its outbox with it, and Undo brings it back,
// attachments and all.
func TestOutboxFollowsItsWorkshopThroughDeleteAndUndo(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	msgs := someMessages(t, st, w, 2)
	mustNoErr(t, st.SaveSecretariat(w.ID, Secretariat{Name: "ICOM", Address: "secretariat@example.org"}))
	mustNoErr(t, st.DeleteWorkshop(w.ID))
	if len(mustOutbox(t, st)) != 0 {
		t.Fatal("the outbox of a deleted workshop stayed")
	}
	_, err := st.Undo()
	mustNoErr(t, err)
	back, err := st.Message(msgs[1].ID)
	mustNoErr(t, err)
	if back.State != StateQueued || len(back.Attachments) != 1 || back.Attachments[0].Content[0] != 1 {
		t.Fatalf("after undo: %+v", back)
	}
	if sec, _ := st.Secretariat(w.ID); sec.Address != "secretariat@example.org" {
		t.Fatalf("secretariat after undo: %+v", sec)
	}
}

package data

import (
	"errors"
	"reflect"
	"testing"
)

// grantWorkshop has four participants, one in each grant state.
func grantWorkshop(t *testing.T) (*Store, Workshop, map[string]Participant) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	people := map[string]Participant{}
	for _, p := range []Participant{
		{GivenName: "Ọláńrewájú", FamilyName: "Àdìgún", Country: "NG", Status: StatusConfirmed, Gender: GenderFemale,
			Grant: Grant{Awarded: true, Paid: true, AmountMinor: 50000, Currency: "USD"}},
		{GivenName: "Aïssatou", FamilyName: "Diallo", Country: "SN", Status: StatusSelected, Institution: "Musée des civilisations noires",
			Grant: Grant{Awarded: true}},
		{GivenName: "José", FamilyName: "Ñúñez", Country: "CO", Status: StatusApplicant},
		{GivenName: "Kwame", FamilyName: "Mensah", Country: "GH", Status: StatusWaitlisted, Email: "kwame@example.org"},
	} {
		p.WorkshopID = w.ID
		mustNoErr(t, st.SaveParticipant(&p))
		people[p.FamilyName] = p
	}
	return st, w, people
}

func TestGrantFilterAndIndexMatchTheStore(t *testing.T) {
	st, w, _ := grantWorkshop(t)
	all, err := st.Participants(w.ID, ParticipantFilter{})
	mustNoErr(t, err)
	index := NewParticipantIndex(all)
	cases := []struct {
		f    ParticipantFilter
		want []string
	}{
		{ParticipantFilter{}, []string{"Àdìgún", "Diallo", "Mensah", "Ñúñez"}},
		{ParticipantFilter{Grant: GrantAwarded}, []string{"Àdìgún", "Diallo"}},
		{ParticipantFilter{Grant: GrantNotAwarded}, []string{"Mensah", "Ñúñez"}},
		{ParticipantFilter{Grant: GrantPaid}, []string{"Àdìgún"}},
		{ParticipantFilter{Grant: GrantUnpaid}, []string{"Diallo"}},
		{ParticipantFilter{Text: "olanrewaju"}, []string{"Àdìgún"}},
		{ParticipantFilter{Text: "OLÁN adig"}, []string{"Àdìgún"}},
		{ParticipantFilter{Text: "musee civilisations"}, []string{"Diallo"}},
		{ParticipantFilter{Text: "nunez", Grant: GrantAwarded}, nil},
		{ParticipantFilter{Country: "sn", Grant: GrantUnpaid}, []string{"Diallo"}},
		{ParticipantFilter{Statuses: []Status{StatusWaitlisted}, Text: "example.org"}, []string{"Mensah"}},
	}
	for _, c := range cases {
		list, err := st.Participants(w.ID, c.f)
		mustNoErr(t, err)
		var fromStore, fromIndex []string
		for _, p := range list {
			fromStore = append(fromStore, p.FamilyName)
		}
		for _, i := range index.Filter(c.f) {
			fromIndex = append(fromIndex, index.People[i].FamilyName)
		}
		if !reflect.DeepEqual(fromStore, c.want) {
			t.Errorf("store, filter %+v: got %v, want %v", c.f, fromStore, c.want)
		}
		if !reflect.DeepEqual(fromIndex, c.want) {
			t.Errorf("index, filter %+v: got %v, want %v", c.f, fromIndex, c.want)
		}
	}
}

func TestSetStatusChangesAllInOneGo(t *testing.T) {
	st, w, people := grantWorkshop(t)
	ids := []int64{people["Ñúñez"].ID, people["Mensah"].ID}
	mustNoErr(t, st.SetStatus(ids, StatusConfirmed))
	list, err := st.Participants(w.ID, ParticipantFilter{Statuses: []Status{StatusConfirmed}})
	mustNoErr(t, err)
	if len(list) != 3 {
		t.Fatalf("%d confirmed, want 3", len(list))
	}
	got, err := st.Participant(people["Mensah"].ID)
	mustNoErr(t, err)
	want := people["Mensah"]
	want.Status = StatusConfirmed
	if got != want {
		t.Fatalf("more than the status changed:\n got %+v\nwant %+v", got, want)
	}

	// An unknown status or participant changes no one.
	if err := st.SetStatus(ids, "maybe"); err == nil {
		t.Fatal("an unknown status was accepted")
	}
	if err := st.SetStatus([]int64{people["Diallo"].ID, 999999}, StatusWithdrawn); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing participant: %v", err)
	}
	if got, _ := st.Participant(people["Diallo"].ID); got.Status != StatusSelected {
		t.Fatalf("Diallo's status changed by a refused batch: %s", got.Status)
	}
}

func TestSetGrantFlagsIsAllOrNothing(t *testing.T) {
	st, _, people := grantWorkshop(t)
	ids := []int64{people["Diallo"].ID, people["Mensah"].ID}
	// Mensah's grant is not awarded: paying both is refused for both.
	if _, ok := AsValidation(st.SetGrantPaid(ids, true)); !ok {
		t.Fatal("a grant not awarded was paid")
	}
	if p, _ := st.Participant(people["Diallo"].ID); p.Grant.Paid {
		t.Fatal("a refused batch paid Diallo's grant")
	}
	mustNoErr(t, st.SetGrantAwarded(ids, true))
	mustNoErr(t, st.SetGrantPaid(ids, true))
	for _, id := range ids {
		p, err := st.Participant(id)
		mustNoErr(t, err)
		if !p.Grant.Awarded || !p.Grant.Paid {
			t.Errorf("%s: grant %+v", p.FullName(), p.Grant)
		}
	}
	// Àdìgún's grant has an amount: taking back both grants is refused,
	// and Mensah's stays awarded.
	mustNoErr(t, st.SetGrantPaid([]int64{people["Mensah"].ID, people["Àdìgún"].ID}, false))
	err := st.SetGrantAwarded([]int64{people["Mensah"].ID, people["Àdìgún"].ID}, false)
	v, ok := AsValidation(err)
	if !ok || v.Record != "participant Ọláńrewájú Àdìgún" {
		t.Fatalf("taking back a grant with an amount: %v", err)
	}
	if p, _ := st.Participant(people["Mensah"].ID); !p.Grant.Awarded || p.Grant.Paid {
		t.Fatalf("Mensah's grant after a refused batch: %+v", p.Grant)
	}
}

// BenchmarkParticipantSearch filters 5,000 participants the way the
// participants screen does at each keystroke, and through the store for
// comparison. Target: under 20 ms per keystroke.
func BenchmarkParticipantSearch(b *testing.B) {
	f := bigWorkshop(b)
	all, err := f.store.Participants(f.workshop.ID, ParticipantFilter{})
	if err != nil {
		b.Fatal(err)
	}
	index := NewParticipantIndex(all)
	typed := "olanrewaju 4321"
	b.Run("index", func(b *testing.B) {
		for i := range b.N {
			got := index.Filter(ParticipantFilter{Text: typed[:1+i%len(typed)], Grant: GrantAny})
			if len(got) == 0 {
				b.Fatal("nothing found")
			}
		}
		reportKeystroke(b)
	})
	b.Run("store", func(b *testing.B) {
		for i := range b.N {
			got, err := f.store.Participants(f.workshop.ID, ParticipantFilter{Text: typed[:1+i%len(typed)]})
			if err != nil || len(got) == 0 {
				b.Fatal("nothing found", err)
			}
		}
		reportKeystroke(b)
	})
}

func reportKeystroke(b *testing.B) {
	ms := float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(ms, "ms/keystroke")
	if b.N > 1 {
		b.Logf("%d keystrokes over %d participants: %.2f ms each (target < 20 ms)", b.N, benchParticipants, ms)
	}
}

package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// A day's sheets hold, for every session of the day but the breaks, every
// confirmed participant's name exactly with their code, and nobody else.
func TestSignInSheetsOfADayHoldEveryConfirmedName(t *testing.T) {
	st, res := demoStore(t)
	day := data.NewDate(2022, 11, 22)
	var buf bytes.Buffer
	if err := SignIn(st, res.Lagos, SignInSelection{Day: day}, &buf); err != nil {
		t.Fatal(err)
	}
	confirmed, err := st.Participants(res.Lagos, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	if err != nil || len(confirmed) < 20 {
		t.Fatalf("%d confirmed, %v", len(confirmed), err)
	}
	all, _ := st.Participants(res.Lagos, data.ParticipantFilter{})
	codes := data.SignInCodes(all)
	var want []string
	for _, p := range confirmed {
		want = append(want, p.FullName(), codes[p.ID])
	}
	sessions, _ := st.Sessions(res.Lagos)
	var held, breaks []string
	for _, s := range sessions {
		if s.Day() == day && s.Kind != data.KindBreak {
			held = append(held, s.Title)
		} else if s.Day() == day {
			breaks = append(breaks, s.Title)
		}
	}
	want = append(want, held...)
	want = append(want, "Sign-in sheet", "Tuesday 22 November 2022", "Signature")
	assertHolds(t, buf.Bytes(), want)

	runs := pdfText(t, buf.Bytes())
	for _, p := range confirmed {
		if n := count(runs, nfc(p.FullName())); n != len(held) {
			t.Errorf("%s is on %d sheets, want %d", p.FullName(), n, len(held))
		}
	}
	for _, p := range all {
		if p.Status != data.StatusConfirmed && count(runs, nfc(p.FullName())) > 0 {
			t.Errorf("%s (%s) is on the sheet", p.FullName(), p.Status)
		}
	}
	for _, b := range breaks {
		if count(runs, b) > 0 {
			t.Errorf("the break %q has a sheet", b)
		}
	}
	// Rows are in family-name order: the codes appear in the order of the
	// sorted participants.
	var order []string
	for _, r := range runs {
		for _, p := range confirmed {
			if r == codes[p.ID] {
				order = append(order, r)
			}
		}
	}
	for i, p := range confirmed {
		if order[i] != codes[p.ID] {
			t.Fatalf("row %d has code %s, want %s (%s)", i+1, order[i], codes[p.ID], p.FullName())
		}
	}
}

func count(runs []string, s string) int {
	n := 0
	for _, r := range runs {
		if r == s {
			n++
		}
	}
	return n
}

// One session's sheet, in French for a workshop held in French, and blank
// rows to write in when nobody is confirmed yet.
func TestSignInSheetOfOneSessionInTheWorkshopsLanguage(t *testing.T) {
	st, res := demoStore(t)
	sessions, _ := st.Sessions(res.Planned)
	s := sessions[len(sessions)-1]
	var buf bytes.Buffer
	if err := SignIn(st, res.Planned, SignInSelection{SessionID: s.ID}, &buf); err != nil {
		t.Fatal(err)
	}
	assertHolds(t, buf.Bytes(), []string{"Feuille d’émargement", s.Title, FormatWeekday(data.French, s.Day()),
		FormatTimeRange(s.Start, s.End), "Nom", "Pays", "Page 1 sur 1"})
	runs := pdfText(t, buf.Bytes())
	if count(runs, "25") != 1 {
		t.Errorf("no blank rows numbered to 25: %q", runs)
	}
	for _, sel := range []SignInSelection{{SessionID: 99999}, {Day: data.NewDate(2001, 1, 1)}} {
		if err := SignIn(st, res.Planned, sel, &bytes.Buffer{}); !errors.Is(err, ErrNoSessions) {
			t.Errorf("%+v: %v", sel, err)
		}
	}
}

// A long name and a long institution print whole.
func TestSignInLongNamesPrintWhole(t *testing.T) {
	long := "Ọláńrewájú Olúwadámiláré Babátúndé Adéṣínà-Ọ̀ṣúntókí"
	ws := data.Workshop{Title: "Museum education", Language: data.English,
		StartDate: data.NewDate(2024, 5, 6), EndDate: data.NewDate(2024, 5, 10)}
	s := data.Session{ID: 1, Title: "Hands-on", Start: ws.StartDate.At(9, 0), End: ws.StartDate.At(10, 0)}
	p := data.Participant{ID: 1, GivenName: strings.Fields(long)[0], FamilyName: strings.Join(strings.Fields(long)[1:], " "),
		Institution: strings.Repeat("National Commission for Museums and Monuments ", 3), Country: "NG"}
	d := newDocument("P", ws.Language, "t")
	d.SetAutoPageBreak(false, 0)
	signInSheet(d, SignInData{Workshop: ws, Participants: []data.Participant{p}, Codes: map[int64]string{1: "AO1"}}, s)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	assertHolds(t, buf.Bytes(), []string{long})
}

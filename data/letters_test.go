package data

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// grantee is a selected participant with a passport, travel dates and a
// grant, as a visa invitation needs them.
func grantee(t testing.TB, st *Store, w Workshop, given, family, passport string) Participant {
	t.Helper()
	p := Participant{WorkshopID: w.ID, GivenName: given, FamilyName: family, Status: StatusConfirmed, Country: "BJ",
		Language: French, Grant: Grant{Awarded: true, Travel: true, PerDiem: true, AmountMinor: 85000, Currency: "USD"},
		Travel: Travel{Nationality: "BJ", BirthDate: NewDate(1988, time.March, 4), PassportNumber: passport,
			PassportExpiry: NewDate(2027, time.January, 31), Arrival: Journey{Date: NewDate(2022, time.November, 20),
				Time: "14:35", Flight: "ET 901"}, Departure: Journey{Date: NewDate(2022, time.November, 26)}}}
	mustNoErr(t, st.SaveParticipant(&p))
	return p
}

func TestVisaLetterSignsWhatItSaysAndVerifiesByCodeAndText(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := grantee(t, st, w, "Françoise", "Houénou", "b 0123-4567")
	run, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterVisa, ParticipantID: p.ID, IssuedOn: NewDate(2022, 10, 3)})
	mustNoErr(t, err)
	if len(run.Letters) != 1 {
		t.Fatalf("run %+v", run)
	}
	l := run.Letters[0]
	if l.Serial != "LAG-2022-V001" || l.Language != French || l.HolderName != "Françoise Houénou" {
		t.Errorf("letter %+v", l)
	}
	for _, want := range []string{"Atelier letter LAG-2022-V001", "Purpose: Visa invitation", "Passport: B01234567",
		"Nationality: Bénin", "Born: 1988-03-04", "Stay: 2022-11-20 to 2022-11-26", "Issued: 2022-10-03"} {
		if !strings.Contains(l.SignedText, want) {
			t.Errorf("the signed text lacks %q:\n%s", want, l.SignedText)
		}
	}
	v, err := st.Verify(strings.ToLower(l.Code))
	mustNoErr(t, err)
	if !v.Genuine || v.Letter == nil || v.Letter.ID != l.ID || v.Says.Kind != KindLetter ||
		v.Says.Field(LabelPassport) != "B01234567" {
		t.Fatalf("verify by code: %+v", v)
	}
	v, err = st.Verify(QRContent("https://icom.example/verify.html", l.QRText()))
	mustNoErr(t, err)
	if !v.Genuine || v.Letter == nil || !v.InRegister {
		t.Errorf("verify by text: %+v", v)
	}

	// Printed again the next week, unchanged: serial, code and date stay.
	again, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterVisa, IssuedOn: NewDate(2022, 10, 10)})
	mustNoErr(t, err)
	if len(again.Letters) != 1 || again.Letters[0].Code != l.Code || again.Letters[0].IssuedOn != l.IssuedOn {
		t.Errorf("reissued unchanged: %+v, first %+v", again.Letters, l)
	}
	// A corrected passport number: the serial stays, the code and date change.
	p.Travel.PassportNumber = "B01234568"
	mustNoErr(t, st.SaveParticipant(&p))
	fixed, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterVisa, IssuedOn: NewDate(2022, 10, 10)})
	mustNoErr(t, err)
	n := fixed.Letters[0]
	if n.Serial != l.Serial || n.Code == l.Code || n.IssuedOn != NewDate(2022, 10, 10) {
		t.Errorf("reissued with a new passport number: %+v", n)
	}
	if _, err := st.Verify(l.Code); !errors.Is(err, ErrUnknownCode) {
		t.Errorf("the old code still answers: %v", err)
	}
	// An entry edited in the file after issue is not genuine.
	_, err = st.w.Exec(`UPDATE letters SET holder_name = 'Someone Else'`)
	mustNoErr(t, err)
	if v, _ := st.Verify(n.Code); v.Verdict != NotGenuine || v.Why != ReasonAltered {
		t.Errorf("an edited entry: %+v", v)
	}
}

func TestLettersForEveryoneLeaveOutWhoTheyCannotBeFor(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	s := addSession(t, st, w, 0, 9, 11, "Opening lecture")
	addSession(t, st, w, 1, 9, 11, "Second lecture")
	a := grantee(t, st, w, "Ọláńrewájú", "Adébáyọ̀", "A01234567")
	b := grantee(t, st, w, "Ngọzi", "Ùchẹ́", "")
	addParticipant(t, st, w, "Kwame", "Gyamfi", StatusApplicant)
	mustNoErr(t, st.SetMark(&Attendance{ParticipantID: a.ID, SessionID: s.ID, Mark: Present}))

	visa, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterVisa})
	mustNoErr(t, err)
	if len(visa.Letters) != 1 || visa.Letters[0].ParticipantID != a.ID || len(visa.LeftOut) != 1 ||
		visa.LeftOut[0] != (LetterSkip{ParticipantID: b.ID, Name: "Ngọzi Ùchẹ́", Reason: SkipNoPassport}) {
		t.Errorf("visa letters: %+v", visa)
	}
	_, err = st.IssueLetters(w.ID, LetterOptions{Kind: LetterVisa, ParticipantID: b.ID})
	var refused *LetterRefusedError
	if !errors.As(err, &refused) || refused.Skip.Reason != SkipNoPassport {
		t.Errorf("one visa letter without a passport number: %v", err)
	}
	award, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterAward})
	mustNoErr(t, err)
	if len(award.Letters) != 2 || award.Letters[0].Serial != "LAG-2022-G001" {
		t.Errorf("award letters: %+v", award.Letters)
	}
	att, err := st.IssueLetters(w.ID, LetterOptions{Kind: LetterAttendance})
	mustNoErr(t, err)
	if len(att.Letters) != 1 || !strings.Contains(att.Letters[0].SignedText, "Sessions: 1 sur 2") ||
		len(att.LeftOut) != 1 || att.LeftOut[0].Reason != SkipNoAttendance {
		t.Errorf("attendance letters: %+v", att)
	}
	all, err := st.Letters(w.ID)
	mustNoErr(t, err)
	if len(all) != 4 {
		t.Errorf("%d letters in the register, want 4", len(all))
	}
}

func TestLetterWordingRefusesAPlaceholderItCannotFill(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	err := st.SetLetterWording(w.ID, LetterAward, English, LetterWording{Body: "Dear {name}, your passport {passport}…"})
	v, ok := AsValidation(err)
	if !ok || v.Fields[0].Key != "error.letter_placeholder" || v.Fields[0].Args["Value"] != "{passport}" {
		t.Fatalf("a visa placeholder in a grant letter: %v", err)
	}
	mustNoErr(t, st.SetLetterWording(w.ID, LetterVisa, French, LetterWording{Subject: "Invitation", Body: "Madame, {name}…"}))
	got, err := st.LetterWording(w.ID, LetterVisa, French)
	mustNoErr(t, err)
	if got.Body != "Madame, {name}…" {
		t.Errorf("wording read back: %+v", got)
	}
}

func TestTravelFieldsAreCheckedAndNormalised(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	p := Participant{WorkshopID: w.ID, GivenName: "Yao", FamilyName: "N’Guessan", Travel: Travel{
		Nationality: "ci", PassportNumber: " 20 ab-1234 ", Arrival: Journey{Date: NewDate(2022, 11, 20), Time: "9h05",
			Flight: "hf 512"}, Departure: Journey{Date: NewDate(2022, 11, 26), Time: "0740"}}}
	mustNoErr(t, st.SaveParticipant(&p))
	got, err := st.Participant(p.ID)
	mustNoErr(t, err)
	if got.Travel != p.Travel || got.Travel.Nationality != "CI" || got.Travel.PassportNumber != "20AB1234" ||
		got.Travel.Arrival.Time != "09:05" || got.Travel.Arrival.Flight != "HF 512" || got.Travel.Departure.Time != "07:40" {
		t.Errorf("read back %+v, saved %+v", got.Travel, p.Travel)
	}
	for _, c := range []struct {
		field  string
		travel Travel
	}{
		{FieldPassportNumber, Travel{PassportNumber: "A0123/45"}},
		{FieldNationality, Travel{Nationality: "Atlantis"}},
		{FieldBirthDate, Travel{BirthDate: DateOf(time.Now()).AddDays(3)}},
		{FieldArrivalTime, Travel{Arrival: Journey{Time: "25:00", Date: NewDate(2022, 11, 20)}}},
		{FieldArrivalTime, Travel{Arrival: Journey{Time: "10:00"}}},
		{FieldDepartureDate, Travel{Arrival: Journey{Date: NewDate(2022, 11, 20)}, Departure: Journey{Date: NewDate(2022, 11, 19)}}},
	} {
		bad := Participant{WorkshopID: w.ID, GivenName: "Yao", Travel: c.travel}
		v, ok := AsValidation(st.SaveParticipant(&bad))
		if _, found := v.For(c.field); !ok || !found {
			t.Errorf("%+v: want a problem with %s, got %v", c.travel, c.field, v)
		}
	}
	// Six months after 25 November 2022 is 25 May 2023.
	if _, warned := PassportWarning(Travel{PassportExpiry: NewDate(2023, 5, 24)}, w); !warned {
		t.Error("a passport expiring the day before six months after the workshop: no warning")
	}
	if _, warned := PassportWarning(Travel{PassportExpiry: NewDate(2023, 5, 25)}, w); warned {
		t.Error("a passport valid six months after the workshop: a warning")
	}
}

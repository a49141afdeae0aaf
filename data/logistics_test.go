package data

import "testing"

// The per diem follows the attendance: a day counts as planned (due)
// until attendance is taken on it, then only for those who came.
func TestPerDiemFollowsAttendance(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	mon := addSession(t, st, w, 0, 9, 11, "Monday")
	tue := addSession(t, st, w, 1, 9, 11, "Tuesday")
	addSession(t, st, w, 2, 9, 11, "Wednesday")
	lunch := Session{WorkshopID: w.ID, Title: "Lunch", Kind: KindBreak, Start: w.StartDate.AddDays(3).At(12, 0),
		End: w.StartDate.AddDays(3).At(13, 0)}
	mustNoErr(t, st.SaveSession(&lunch))
	a := grantee(t, st, w, "Françoise", "Houénou", "B01234567")
	b := grantee(t, st, w, "Sèdjro", "Hounkpatin", "B07654321")
	b.Grant.Currency = "NGN"
	b.Grant.AmountMinor = 32000000
	mustNoErr(t, st.SaveParticipant(&b))
	local := addParticipant(t, st, w, "Ọláńrewájú", "Adébáyọ̀", StatusConfirmed) // no grant: no per diem
	mustNoErr(t, st.SetPerDiemRates(w.ID, []PerDiemRate{{"usd", 4000}, {"NGN", 1500000}}))

	before, err := st.LogisticsData(w.ID)
	mustNoErr(t, err)
	pd := before.PerDiem
	if len(pd.Days) != 3 || len(pd.Lines) != 2 {
		t.Fatalf("before the workshop: %d days (lunch is no day), %d lines", len(pd.Days), len(pd.Lines))
	}
	for _, l := range pd.Lines {
		if l.Participant.ID == a.ID && (l.DaysDue != 3 || l.DueMinor != 12000 || l.Rate.Currency != "USD") {
			t.Errorf("Houénou before the workshop: %+v", l)
		}
	}
	// Monday: Houénou present, Hounkpatin absent; Tuesday: Houénou late.
	mustNoErr(t, st.SetMarks([]Attendance{{ParticipantID: a.ID, SessionID: mon.ID, Mark: Present},
		{ParticipantID: b.ID, SessionID: mon.ID, Mark: Absent}, {ParticipantID: a.ID, SessionID: tue.ID, Mark: Late},
		{ParticipantID: local.ID, SessionID: tue.ID, Mark: Present}}))
	after, err := st.LogisticsData(w.ID)
	mustNoErr(t, err)
	pd = after.PerDiem
	byName := map[string]PerDiemLine{}
	for _, l := range pd.Lines {
		byName[l.Participant.FamilyName] = l
	}
	h, k := byName["Houénou"], byName["Hounkpatin"]
	if h.DaysDue != 3 || h.Days[0] != DayAttended || h.Days[1] != DayAttended || h.Days[2] != DayPlanned {
		t.Errorf("Houénou: %+v", h)
	}
	if k.DaysDue != 1 || k.Days[0] != DayMissed || k.Days[1] != DayMissed || k.DueMinor != 1500000 || k.Rate.Currency != "NGN" {
		t.Errorf("Hounkpatin: %+v", k)
	}
	if len(pd.Totals) != 2 || pd.Totals[0] != (PerDiemRate{"USD", 12000}) || pd.Totals[1] != (PerDiemRate{"NGN", 1500000}) {
		t.Errorf("totals %+v", pd.Totals)
	}
}

func TestRoomingAndAirportRuns(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	a := grantee(t, st, w, "Françoise", "Houénou", "B01234567")
	a.Travel.Hotel, a.Travel.Room = "Lagos Continental", "412"
	mustNoErr(t, st.SaveParticipant(&a))
	b := grantee(t, st, w, "Sèdjro", "Hounkpatin", "B07654321")
	b.Travel.Hotel, b.Travel.Arrival = "Lagos Continental", Journey{Date: NewDate(2022, 11, 20), Time: "08:10", Flight: "KP 54"}
	b.Travel.Departure = Journey{}
	mustNoErr(t, st.SaveParticipant(&b))
	c := grantee(t, st, w, "Hélène", "Agbéko", "T0001")
	c.Grant.Accommodation = true
	mustNoErr(t, st.SaveParticipant(&c))
	d, err := st.LogisticsData(w.ID)
	mustNoErr(t, err)
	if len(d.Rooming) != 2 || d.Rooming[0].Hotel != "Lagos Continental" || d.Rooming[1].Hotel != "" {
		t.Fatalf("hotels %+v", d.Rooming)
	}
	h := d.Rooming[0]
	// From the 20th to the 26th: six nights; Hounkpatin leaves on the last day, as assumed.
	if len(h.Nights) != 6 || h.Nights[0] != NewDate(2022, 11, 20) || h.NightGuests(0) != 2 || h.NightGuests(5) != 1 {
		t.Errorf("nights %v, guests on the first %d, on the last %d", h.Nights, h.NightGuests(0), h.NightGuests(5))
	}
	// Guests by room: Hounkpatin has none yet.
	if g := h.Guests[0]; g.Participant.ID != b.ID || !g.Assumed || g.NightCount() != 5 {
		t.Errorf("Hounkpatin %+v", g)
	}
	if len(d.Arrivals) != 3 || d.Arrivals[0].Participant.ID != b.ID || d.Arrivals[0].Journey.Flight != "KP 54" {
		t.Errorf("arrivals %+v", d.Arrivals)
	}
	// Their departures name no flight: they go by road, and are not driven to the airport.
	if len(d.Departures) != 0 {
		t.Errorf("departures %+v", d.Departures)
	}
}

package app

import (
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

// Pasted names with emoji, joiners and right-to-left text, and the longest
// texts the forms accept, must not break a screen: every tab is drawn with
// them, and the window keeps its size.
func TestHostileTextDoesNotBreakTheScreens(t *testing.T) {
	useLanguage(t, "en")
	st, lagos, _ := twoWorkshops(t)
	people := []*data.Participant{
		{GivenName: "👩🏾‍🏫 Adaeze", FamilyName: "Ọkafọ̀ 🇳🇬", Institution: "Museum 🏛️\u200d🔥", Status: data.StatusConfirmed},
		{GivenName: "\u200fمريم\u200e", FamilyName: "العلوي", Institution: "متحف\u202e reversed", Status: data.StatusConfirmed},
		{GivenName: strings.Repeat("Ọ", data.MaxNameLength), FamilyName: strings.Repeat("Ẹ̀", 100),
			Institution: strings.Repeat("Institution ", data.MaxShortText/12), Notes: strings.Repeat("note ", 1999),
			Status: data.StatusConfirmed},
	}
	for _, p := range people {
		p.WorkshopID = lagos.ID
	}
	if err := st.SaveParticipants(people); err != nil {
		t.Fatal(err)
	}
	s := data.Session{WorkshopID: lagos.ID, Title: strings.Repeat("A very long session title 🎓 ", data.MaxTitleLength/30),
		Kind: data.KindLecture, Start: lagos.StartDate.At(9, 0), End: lagos.StartDate.At(10, 0),
		Room: strings.Repeat("Room ", 40), Description: strings.Repeat("Description ", 800), CountsForCertificate: true}
	if err := st.SaveSession(&s); err != nil {
		t.Fatal(err)
	}
	if err := st.SetMark(&data.Attendance{ParticipantID: people[0].ID, SessionID: s.ID, Mark: data.Excused,
		Note: "🛂 visa \u200f" + strings.Repeat("x", 900)}); err != nil {
		t.Fatal(err)
	}

	c, _ := openWindow(t, st)
	size := c.win.Canvas().Size()
	c.screen.selectID(lagos.ID)
	for i := range c.screen.tabs.Items {
		c.screen.tabs.SelectIndex(i)
		t.Logf("drawing tab %d: %s", i, c.screen.tabs.Items[i].Text)
		c.win.Canvas().Refresh(c.win.Content())
		if img := c.win.Canvas().Capture(); img == nil {
			t.Fatalf("tab %d could not be drawn", i)
		}
	}
	if got := c.win.Canvas().Size(); got.Width > size.Width+1 {
		t.Fatalf("the window grew from %v to %v", size, got)
	}
}

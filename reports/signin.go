package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// SignInData is what sign-in sheets show, read from the store in one go so
// that rendering does no I/O.
type SignInData struct {
	Workshop     data.Workshop
	Sessions     []data.Session     // one sheet each, in programme order
	Participants []data.Participant // confirmed, sorted by family name
	Codes        map[int64]string   // data.SignInCodes over every participant of the workshop
	Trainers     map[int64]data.Trainer
}

// SignInSelection says which sessions get a sheet: one session, every
// session of one day, or (both zero) every session of the workshop.
type SignInSelection struct {
	SessionID int64
	Day       data.Date
}

// ErrNoSessions is returned when the selection holds no session.
var ErrNoSessions = fmt.Errorf("no session matches")

// LoadSignIn reads the sheets' content from the store, with one call.
func LoadSignIn(st *data.Store, workshopID int64, sel SignInSelection) (SignInData, error) {
	src, err := st.SignInData(workshopID)
	if err != nil {
		return SignInData{}, err
	}
	d := SignInData{Workshop: src.Workshop}
	for _, s := range src.Sessions {
		switch {
		case sel.SessionID != 0 && s.ID != sel.SessionID:
		case !sel.Day.IsZero() && s.Day() != sel.Day:
		case s.Kind == data.KindBreak && sel.SessionID == 0:
			// Nobody signs in for lunch.
		default:
			d.Sessions = append(d.Sessions, s)
		}
	}
	if len(d.Sessions) == 0 {
		return d, ErrNoSessions
	}
	d.Codes = data.SignInCodes(src.Participants)
	for _, p := range src.Participants {
		if p.Status == data.StatusConfirmed {
			d.Participants = append(d.Participants, p)
		}
	}
	d.Trainers = map[int64]data.Trainer{}
	for _, t := range src.Trainers {
		d.Trainers[t.ID] = t
	}
	return d, nil
}

// SignIn writes the sign-in sheets of the selected sessions as one PDF.
func SignIn(st *data.Store, workshopID int64, sel SignInSelection, w io.Writer) error {
	d, err := LoadSignIn(st, workshopID, sel)
	if err != nil {
		return err
	}
	return WriteSignIn(d, w)
}

// WriteSignIn writes one sheet per session, each starting on a new page,
// in the workshop's working language: a header that says which session it
// is, then a row per confirmed participant with a box to sign in.
func WriteSignIn(s SignInData, w io.Writer) error {
	sheet := wordsFor(s.Workshop.Language).SignInSheet
	d := newFootedDocument("P", s.Workshop.Language, sheet+" — "+s.Workshop.Title, sheet+"  ·  "+s.Workshop.Title)
	d.SetMargins(marginX, 15, marginX)
	d.SetAutoPageBreak(false, 0)
	for _, ss := range s.Sessions {
		signInSheet(d, s, ss)
	}
	return d.Output(w)
}

// The table's columns, left to right.
var signInColumns = []struct {
	width float64
	label func(words) string
}{
	{8, func(w words) string { return w.Number }},
	{13, func(w words) string { return w.Code }},
	{50, func(w words) string { return w.Name }},
	{42, func(w words) string { return w.Institution }},
	{26, func(w words) string { return w.Country }},
	{contentW - 8 - 13 - 50 - 42 - 26, func(w words) string { return w.Signature }},
}

// Rows are as tall as the page allows, within these bounds: roomy for a
// small group, and a usual group of 25–30 still fits one page.
const (
	minRowH   = 8.2
	maxRowH   = 11.0
	blankRows = 25
)

func signInSheet(d *document, s SignInData, ss data.Session) {
	y := signInHeader(d, s, ss, false)
	people := s.Participants
	if len(people) == 0 {
		// Before anyone is confirmed, the sheet has blank rows to write in.
		people = make([]data.Participant, blankRows)
	}
	rowH := min(maxRowH, max(minRowH, (bottomY-2-y)/float64(len(people))))
	for i, p := range people {
		if y+rowH > bottomY {
			y = signInHeader(d, s, ss, true)
		}
		signInRow(d, i, p, s.Codes[p.ID], y, rowH)
		y += rowH
	}
}

// signInHeader starts a page of a session's sheet and returns the y where
// rows begin. Continuation pages repeat a shorter header.
func signInHeader(d *document, s SignInData, ss data.Session, continued bool) float64 {
	d.AddPage()
	y := 20.0
	d.setFont("B", 8.5)
	d.colour(accent)
	d.fitText(marginX, y, contentW*0.7, s.Workshop.Title, 8.5, 6, "L")
	d.setFont("", 8.5)
	d.fitText(marginX+contentW*0.7, y, contentW*0.3, FormatDateRange(d.lang, s.Workshop.StartDate, s.Workshop.EndDate), 8.5, 6, "R")
	d.rule(y+2, accent, 0.4)
	y += 10
	d.setFont("B", 16)
	d.ink()
	d.text(marginX, y, d.words.SignInSheet)
	y += 3
	d.setFont("B", 12)
	for _, line := range d.lines(ss.Title, contentW) {
		y += 5.5
		d.text(marginX, y, line)
	}
	y += 6
	d.setFont("", 10)
	d.grey()
	when := FormatWeekday(d.lang, ss.Day()) + "  ·  " + FormatTimeRange(ss.Start, ss.End)
	if ss.Room != "" {
		when += "  ·  " + fmt.Sprintf(d.words.InRoom, ss.Room)
	}
	d.fitText(marginX, y, contentW, when, 10, 7, "L")
	if !continued {
		var names []string
		for _, id := range ss.TrainerIDs {
			if t, ok := s.Trainers[id]; ok {
				names = append(names, t.Name)
			}
		}
		if len(names) > 0 {
			y += 5
			d.setFont("", 9)
			d.fitText(marginX, y, contentW, fmt.Sprintf(d.words.LedBy, strings.Join(names, ", ")), 9, 6, "L")
		}
		y += 5
		d.setFont("I", 8)
		d.fitText(marginX, y, contentW, d.words.SignInNote, 8, 6, "L")
	}
	y += 5
	// Column headings.
	d.SetFillColor(accent[0], accent[1], accent[2])
	d.Rect(marginX, y, contentW, 6, "F")
	d.setFont("B", 8)
	d.SetTextColor(255, 255, 255)
	x := marginX
	for _, c := range signInColumns {
		d.fitText(x+1.5, y+4.2, c.width-3, c.label(d.words), 8, 6, "L")
		x += c.width
	}
	d.ink()
	return y + 6
}

func signInRow(d *document, i int, p data.Participant, code string, y, rowH float64) {
	if i%2 == 1 {
		d.SetFillColor(246, 247, 249)
		d.Rect(marginX, y, contentW, rowH, "F")
	}
	d.SetDrawColor(190, 190, 190)
	d.SetLineWidth(0.2)
	d.Line(marginX, y+rowH, marginX+contentW, y+rowH)
	base := y + rowH/2 + 1.3
	x := marginX
	cells := []struct {
		text  string
		style string
		size  float64
	}{
		{strconv.Itoa(i + 1), "", 8.5},
		{code, "B", 9.5},
		{p.FullName(), "B", 10},
		{p.Institution, "", 8},
		{countryName(d.lang, p.Country), "", 8.5},
	}
	for j, c := range cells {
		w := signInColumns[j].width - 3
		d.setFont(c.style, c.size)
		if j == 0 {
			d.grey()
		} else {
			d.ink()
		}
		if j == 3 {
			institutionCell(d, x+1.5, base, w, c.text, c.size)
		} else {
			d.fitText(x+1.5, base, w, c.text, c.size, 4.5, "L")
		}
		x += signInColumns[j].width
	}
	// The signature box.
	d.SetDrawColor(150, 150, 150)
	d.Rect(x+1, y+1.2, signInColumns[len(signInColumns)-1].width-2, rowH-2.4, "D")
	d.ink()
}

// institutionCell writes an institution on up to two lines, shrinking the
// type until it fits them, since long names are common and the row is
// tall enough for two lines but not three.
func institutionCell(d *document, x, base, w float64, text string, size float64) {
	lines := d.lines(text, w)
	for len(lines) > 2 && size > 6 {
		size -= 0.5
		d.setSize(size)
		lines = d.lines(text, w)
	}
	if len(lines) <= 1 {
		d.fitText(x, base, w, text, size, 4.5, "L")
		return
	}
	d.fitText(x, base-1.8, w, lines[0], size, 4.5, "L")
	d.fitText(x, base+1.8, w, strings.Join(lines[1:], " "), size, 4.5, "L")
}

package venue

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// What the page reads and sends, as JSON. It carries what marking needs
// and nothing more: the workshop's title, its sessions, and of each
// confirmed participant the name, the institution and the mark. Emails,
// phones, countries, grants, notes and travel stay on the laptop.

type sessionJSON struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Day   string `json:"day"` // YYYY-MM-DD, at the venue
	Start string `json:"start"`
	End   string `json:"end"`
	Room  string `json:"room"`
}

type sessionsJSON struct {
	Workshop string        `json:"workshop"`
	Device   string        `json:"device"`
	Sessions []sessionJSON `json:"sessions"`
	// Current is the session running now, else the next one, else the
	// last; 0 when there is none.
	Current int64 `json:"current"`
}

type personJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Institution string `json:"institution"`
	markFields
}

// markFields are a cell's mark as the page shows it.
type markFields struct {
	Mark   data.Mark `json:"mark"`   // "" when not yet marked
	Device string    `json:"device"` // "" for the laptop
	At     string    `json:"at"`     // HH:MM on the laptop's clock
}

type sheetJSON struct {
	Session sessionJSON  `json:"session"`
	AsOf    int64        `json:"asOf"`
	People  []personJSON `json:"people"`
}

// changeJSON is one mark saved, in an answer to the page's own mark and in
// the stream of everyone's: a cell shows it unless it shows a later one
// (Rev), whichever arrives first.
type changeJSON struct {
	Participant int64  `json:"participant"`
	Session     int64  `json:"session"`
	Name        string `json:"name,omitempty"`
	Rev         int64  `json:"rev"`
	markFields
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError answers with one of the page's message keys (words.json).
func writeError(w http.ResponseWriter, status int, key string) {
	writeJSON(w, status, map[string]string{"error": key})
}

func sessionFields(s data.Session) sessionJSON {
	return sessionJSON{ID: s.ID, Title: s.Title, Day: s.Day().String(), Start: s.Start.Format("15:04"),
		End: s.End.Format("15:04"), Room: s.Room}
}

func clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(time.Local).Format("15:04")
}

func (s *Server) sessions(w http.ResponseWriter, r *http.Request) {
	ws, err := s.cfg.Store.Workshop(s.cfg.WorkshopID)
	if err != nil {
		s.failed(w, err)
		return
	}
	all, err := s.cfg.Store.Sessions(s.cfg.WorkshopID)
	if err != nil {
		s.failed(w, err)
		return
	}
	out := sessionsJSON{Workshop: ws.Title, Device: s.gate.read(sessionOf(r)).device, Sessions: []sessionJSON{}}
	var markable []data.Session
	for _, ss := range all {
		if ss.Kind != data.KindBreak { // breaks are not for marking
			markable = append(markable, ss)
			out.Sessions = append(out.Sessions, sessionFields(ss))
		}
	}
	if i := data.CurrentSession(markable, s.cfg.now()); i >= 0 {
		out.Current = markable[i].ID
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) sheet(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("session"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "gone")
		return
	}
	d, err := s.cfg.Store.MarkingSheet(s.cfg.WorkshopID, id)
	if err != nil {
		s.failed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, sheetFields(d))
}

func sheetFields(d data.MarkingSheet) sheetJSON {
	out := sheetJSON{Session: sessionFields(d.Session), AsOf: d.AsOf, People: make([]personJSON, 0, len(d.People))}
	for _, p := range d.People {
		a := d.Marks[p.ID]
		out.People = append(out.People, personJSON{ID: p.ID, Name: p.FullName(), Institution: p.Institution,
			markFields: markFields{Mark: a.Mark, Device: a.Device, At: clock(a.MarkedAt)}})
	}
	return out
}

// markRequest is a tap on the page: a participant (or the code on their
// badge) and a mark, "" to clear it.
type markRequest struct {
	Session     int64     `json:"session"`
	Participant int64     `json:"participant"`
	Code        string    `json:"code"`
	Mark        data.Mark `json:"mark"`
}

// markPatience is how long a mark waits for another process writing to
// the file before the page is told to try again.
const markPatience = 5 * time.Second

func (s *Server) mark(w http.ResponseWriter, r *http.Request) {
	ss := sessionOf(r)
	var req markRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Session == 0 ||
		(req.Participant == 0) == (req.Code == "") || req.Code != "" && req.Mark == data.Unmarked {
		writeError(w, http.StatusBadRequest, "failed")
		return
	}
	device := s.gate.read(ss).device
	if device == "" {
		writeError(w, http.StatusConflict, "device_name")
		return
	}
	ctx := data.WithWaiting(r.Context(), data.Waiting{Patience: markPatience})
	a := data.Attendance{ParticipantID: req.Participant, SessionID: req.Session, Mark: req.Mark}
	var name string
	var err error
	if req.Code != "" {
		var who data.Participant
		who, err = s.cfg.Store.MarkCodeFromDevice(ctx, s.cfg.WorkshopID, device, req.Code, &a)
		name = who.FullName()
	} else {
		err = s.cfg.Store.MarkFromDevice(ctx, s.cfg.WorkshopID, device, &a)
	}
	if err != nil {
		s.failed(w, err)
		return
	}
	s.gate.update(ss, func(ss *session) { ss.marks, ss.lastMark = ss.marks+1, s.cfg.now() })
	s.hub.poke()
	writeJSON(w, http.StatusOK, changeJSON{Participant: a.ParticipantID, Session: a.SessionID, Name: name, Rev: a.Revision,
		markFields: markFields{Mark: a.Mark, Device: a.Device, At: clock(a.MarkedAt)}})
}

func (s *Server) device(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "device_name")
		return
	}
	name, err := data.DeviceName(req.Name)
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "device_name")
		return
	}
	s.gate.update(sessionOf(r), func(ss *session) { ss.device = name })
	writeJSON(w, http.StatusOK, map[string]string{"device": name})
}

// failed answers an error with the page's words for it; an error the page
// has no words for is logged.
func (s *Server) failed(w http.ResponseWriter, err error) {
	var fe data.FieldError
	switch {
	case errors.Is(err, data.ErrBreak):
		writeError(w, http.StatusConflict, "break")
	case errors.Is(err, data.ErrNotOnList):
		writeError(w, http.StatusConflict, "not_on_list")
	case errors.Is(err, data.ErrNoSuchSignInCode):
		writeError(w, http.StatusNotFound, "unknown_code")
	case errors.Is(err, data.ErrNotFound):
		writeError(w, http.StatusNotFound, "gone")
	case errors.Is(err, data.ErrBusy), errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, "busy")
	case errors.As(err, &fe) && fe.Field == "device":
		writeError(w, http.StatusConflict, "device_name")
	default:
		if _, invalid := data.AsValidation(err); invalid {
			writeError(w, http.StatusBadRequest, "failed")
			return
		}
		if s.cfg.Log != nil {
			s.cfg.Log(err)
		}
		writeError(w, http.StatusInternalServerError, "failed")
	}
}

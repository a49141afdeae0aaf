package venue

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// Marks made anywhere reach every page within a second, by server-sent
// events (GET /api/events?session=ID). The hub reads the attendance log
// after the last row it has seen, every Poll and at once after a mark of
// this server, so a mark made in the window, on the command line or by
// another process arrives as surely as a phone's. Why this and not polling
// by each phone: one small query serves every phone, and a mark arrives in
// the time of that query rather than of a phone's next turn.
//
// What may go wrong on the way, and what answers it:
//   - A proxy or a phone's data saver may hold a stream back: the stream
//     says "no-transform" and "X-Accel-Buffering: no", and the page also
//     reads the sheet by a plain request when it opens a session, so it
//     is right even when the stream is slow.
//   - A sleeping phone loses its connection without a word: a comment
//     line every 15 s finds dead connections (the write fails), the
//     browser's EventSource opens the stream again by itself (retry:
//     2000), and the page opens it anew when it is shown again. Every new
//     stream starts with the whole sheet, so marks made while the phone
//     slept are there.
//   - A phone too slow to read its events is dropped (its buffer full)
//     and reconnects to a whole sheet, rather than holding the others up.
//   - An expired session ends its stream with "signin".

// maxWatchers bounds the open streams of one server.
const maxWatchers = 100

// watcher is one open stream: a page showing one session.
type watcher struct {
	session int64
	events  chan []byte // closed when the hub drops it
}

type hub struct {
	cfg    Config
	every  time.Duration
	done   <-chan struct{}
	wake   chan struct{}
	exited chan struct{}

	mu       sync.Mutex
	cursor   int64 // the last log row read
	watchers map[*watcher]bool
}

func newHub(cfg Config, done <-chan struct{}) (*hub, error) {
	cursor, err := cfg.Store.LastMarkRevision()
	if err != nil {
		return nil, err
	}
	every := cfg.Poll
	if every <= 0 {
		every = 200 * time.Millisecond
	}
	return &hub{cfg: cfg, every: every, done: done, wake: make(chan struct{}, 1), exited: make(chan struct{}),
		cursor: cursor, watchers: map[*watcher]bool{}}, nil
}

// poke makes the hub read the log now.
func (h *hub) poke() {
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

func (h *hub) run() {
	defer close(h.exited)
	tick := time.NewTicker(h.every)
	defer tick.Stop()
	for {
		select {
		case <-h.done:
			h.mu.Lock()
			for w := range h.watchers {
				h.drop(w)
			}
			h.mu.Unlock()
			return
		case <-tick.C:
		case <-h.wake:
		}
		h.read()
	}
}

func (h *hub) wait() { <-h.exited }

// readBatch is the most log rows one read passes on one by one; beyond,
// every page reads its sheet again.
const readBatch = 500

// read passes the log rows after the cursor to the streams of their
// sessions.
func (h *hub) read() {
	h.mu.Lock()
	cursor := h.cursor
	h.mu.Unlock()
	// The log's last row, read first: every row up to it is committed, so
	// when none of them is this workshop's the cursor may pass them.
	last, err := h.cfg.Store.LastMarkRevision()
	var entries []data.MarkLogEntry
	if err == nil && last > cursor {
		entries, err = h.cfg.Store.MarkLogSince(h.cfg.WorkshopID, cursor, readBatch+1)
	}
	if err != nil {
		if h.cfg.Log != nil {
			h.cfg.Log(err)
		}
		return
	}
	if len(entries) == 0 {
		h.mu.Lock()
		h.cursor = max(h.cursor, last) // other workshops' marks, or none
		h.mu.Unlock()
		return
	}
	byDevice := false
	h.mu.Lock()
	defer func() {
		h.mu.Unlock()
		if byDevice {
			h.cfg.changed()
		}
	}()
	if len(entries) > readBatch {
		h.cursor = entries[len(entries)-1].ID
		for w := range h.watchers {
			h.send(w, event("reload", struct{}{}))
		}
		byDevice = true
		return
	}
	for _, e := range entries {
		h.cursor = e.ID
		byDevice = byDevice || e.Device != ""
		msg := event("mark", changeJSON{Participant: e.ParticipantID, Session: e.SessionID, Rev: e.ID,
			markFields: markFields{Mark: e.Mark, Device: e.Device, At: clock(e.MarkedAt)}})
		for w := range h.watchers {
			if w.session == e.SessionID {
				h.send(w, msg)
			}
		}
	}
}

// send passes msg to w, or drops w when it is too far behind. The hub's
// lock is held.
func (h *hub) send(w *watcher, msg []byte) {
	select {
	case w.events <- msg:
	default:
		h.drop(w)
	}
}

func (h *hub) drop(w *watcher) {
	if h.watchers[w] {
		delete(h.watchers, w)
		close(w.events)
	}
}

// watch opens a stream for a session; nil when too many are open.
func (h *hub) watch(session int64) *watcher {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.watchers) >= maxWatchers {
		return nil
	}
	w := &watcher{session: session, events: make(chan []byte, 256)}
	h.watchers[w] = true
	return w
}

func (h *hub) unwatch(w *watcher) {
	h.mu.Lock()
	h.drop(w)
	h.mu.Unlock()
}

// event is one server-sent event.
func event(name string, v any) []byte {
	b, _ := json.Marshal(v)
	return fmt.Appendf(nil, "event: %s\ndata: %s\n\n", name, b)
}

const (
	pingEvery  = 15 * time.Second
	writeAllow = 10 * time.Second
)

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ss := sessionOf(r)
	id, err := strconv.ParseInt(r.URL.Query().Get("session"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "gone")
		return
	}
	// Watch first, read the sheet next: a mark saved in between comes
	// twice, which the page sees by its revision, and none is missed.
	wt := s.hub.watch(id)
	if wt == nil {
		writeError(w, http.StatusServiceUnavailable, "busy")
		return
	}
	defer s.hub.unwatch(wt)
	d, err := s.cfg.Store.MarkingSheet(s.cfg.WorkshopID, id)
	if err != nil {
		s.failed(w, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store, no-transform")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	write := func(b []byte) bool {
		rc.SetWriteDeadline(time.Now().Add(writeAllow))
		_, err := w.Write(b)
		return err == nil && rc.Flush() == nil
	}
	if !write(append([]byte("retry: 2000\n\n"), event("sheet", sheetFields(d))...)) {
		return
	}
	ping := time.NewTicker(pingEvery)
	defer ping.Stop()
	for {
		select {
		case msg, open := <-wt.events:
			if !open || !write(msg) {
				return
			}
		case <-ping.C:
			if !s.gate.stillAlive(ss) {
				write(event("signin", struct{}{}))
				return
			}
			if !write([]byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// Package venue is the laptop's server for helpers' phones: a page on the
// venue's local network where a helper who has the PIN marks attendance
// for a session, every mark saved through data into the one file, in its
// own transaction, with the device that made it. The page (HTML, CSS and
// a little JavaScript, in page/) is embedded in the binary; it speaks the
// browser's language among English, French and Spanish. It imports data
// and nothing that draws.
package venue

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// Config says what a server shares and how.
type Config struct {
	Store      *data.Store
	WorkshopID int64
	// Addr is where to listen: HOST:PORT with HOST a local address (see
	// Local), ":PORT" or "" for this computer's likeliest address on the
	// local network; PORT 0 for any free port, none for DefaultPort or
	// the next free one.
	Addr string
	// PIN is the six digits that sign a phone in; "" for random ones.
	PIN string
	// OnChange, when set, hears (on a goroutine of the server) that
	// something the window shows changed: a mark saved by a device (by
	// this server or any other process), a device signed in or out.
	OnChange func()
	// Log, when set, is told of errors the page has no words for (a
	// failing disk…), which the page reports only as "not saved".
	Log func(error)
	// Now is the clock, for the session running now; nil for time.Now.
	Now func() time.Time
	// SessionIdle, SessionMax and Lockout: zero for the defaults.
	SessionIdle, SessionMax, Lockout time.Duration
	// Poll is how often the server looks for marks made elsewhere (the
	// window, the command line, another process); zero for 200 ms.
	Poll time.Duration
}

func (c Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c Config) changed() {
	if c.OnChange != nil {
		c.OnChange()
	}
}

// Server is a running venue server.
type Server struct {
	cfg      Config
	address  string // http://host:port/
	hosts    map[string]bool
	gate     *gate
	hub      *hub
	http     *http.Server
	done     chan struct{}
	closeOne sync.Once
	served   chan error
}

// Start checks the address, opens it and serves the page until Close. A
// refused address, a taken port or a workshop not in the file is an error
// with nothing left open.
func Start(cfg Config) (*Server, error) {
	if cfg.PIN == "" {
		cfg.PIN = NewPIN()
	} else if !ValidPIN(cfg.PIN) {
		return nil, data.FieldError{Field: "pin", Key: "error.venue_pin", Message: "PIN: give six digits, such as 482913"}
	}
	if _, err := cfg.Store.Workshop(cfg.WorkshopID); err != nil {
		return nil, err
	}
	ip, port, portGiven, err := listenAddress(cfg.Addr)
	if err != nil {
		return nil, err
	}
	ln, err := listen(ip, port, portGiven)
	if err != nil {
		return nil, err
	}
	port = ln.Addr().(*net.TCPAddr).Port
	s := &Server{cfg: cfg, done: make(chan struct{}), served: make(chan error, 1)}
	hostPort := netip.AddrPortFrom(ip, uint16(port)).String()
	s.address = "http://" + hostPort + "/"
	s.hosts = map[string]bool{hostPort: true}
	if ip.IsLoopback() {
		s.hosts["localhost:"+strconv.Itoa(port)] = true
	}
	s.gate = newGate(cfg.PIN, cfg, port)
	if s.hub, err = newHub(cfg, s.done); err != nil {
		ln.Close()
		return nil, err
	}
	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    16 << 10,
		// No WriteTimeout: the stream of marks lasts; each write of it
		// sets its own deadline (events.go).
	}
	go s.hub.run()
	go func() { s.served <- s.http.Serve(ln) }()
	return s, nil
}

// Address is the page's address, for phones: http://HOST:PORT/.
func (s *Server) Address() string { return s.address }

// PIN is the six digits that sign a phone in.
func (s *Server) PIN() string { return s.gate.pin }

// Devices lists the signed-in devices.
func (s *Server) Devices() []Device { return s.gate.devices() }

// PINRetired reports whether so many wrong PINs were typed that the PIN
// signs nobody in any more: sharing must start again, with a new one.
func (s *Server) PINRetired() bool { return s.gate.retired() }

// Close stops the server: no new request is taken, the streams of marks
// end, and requests under way get up to two seconds to finish (a mark
// being saved is saved or not, never half).
func (s *Server) Close() error {
	var err error
	s.closeOne.Do(func() {
		close(s.done)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err = s.http.Shutdown(ctx); err != nil {
			err = s.http.Close()
		}
		if served := <-s.served; !errors.Is(served, http.ErrServerClosed) && err == nil {
			err = served
		}
		s.hub.wait()
	})
	return err
}

// routes are the server's pages. Only the login page and its style sheet
// answer without a session.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", s.loginPage)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("GET /static/style.css", serveStatic("style.css", "text/css; charset=utf-8"))
	signedIn := http.NewServeMux()
	signedIn.HandleFunc("GET /{$}", s.markPage)
	signedIn.HandleFunc("GET /mark.js", serveStatic("mark.js", "text/javascript; charset=utf-8"))
	signedIn.HandleFunc("POST /logout", s.logout)
	signedIn.HandleFunc("GET /api/sessions", s.sessions)
	signedIn.HandleFunc("GET /api/sheet", s.sheet)
	signedIn.HandleFunc("POST /api/mark", s.mark)
	signedIn.HandleFunc("POST /api/device", s.device)
	signedIn.HandleFunc("GET /api/events", s.events)
	mux.Handle("/", s.requireSession(signedIn))
	return s.guard(mux)
}

// guard answers only requests addressed to this server by its own
// address (a page of another site that a DNS trick points at the laptop
// names another host), and gives every answer the headers that keep it
// to itself: no outside scripts, styles, frames or referrers, no caching.
// The referrer policy is same-origin, not no-referrer: under no-referrer
// browsers send "Origin: null" with the page's own forms, which the
// origin check below would refuse.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if !s.hosts[r.Host] {
			http.Error(w, "Misdirected request", http.StatusMisdirectedRequest)
			return
		}
		if r.Method == http.MethodPost {
			// A form or a script of another site cannot post here: browsers
			// name the page a request comes from.
			if origin := r.Header.Get("Origin"); origin != "" && origin != "http://"+r.Host {
				http.Error(w, "Forbidden", http.StatusForbidden)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
		}
		next.ServeHTTP(w, r)
	})
}

type sessionKey struct{}

// requireSession lets through only requests of a live session: a page
// asked for without one goes to the login, anything else gets 401. A
// request that changes something must also carry the session's CSRF
// token, which only the server's own page knows.
func (s *Server) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ss := s.gate.session(r)
		if ss == nil {
			if r.Method == http.MethodGet && r.URL.Path == "/" {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			writeError(w, http.StatusUnauthorized, "signin")
			return
		}
		if r.Method == http.MethodPost && !sameToken(r.Header.Get("X-CSRF-Token"), s.gate.read(ss).csrf) &&
			!sameToken(r.PostFormValue("csrf"), s.gate.read(ss).csrf) {
			writeError(w, http.StatusForbidden, "csrf")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, ss)))
	})
}

func sessionOf(r *http.Request) *session { return r.Context().Value(sessionKey{}).(*session) }

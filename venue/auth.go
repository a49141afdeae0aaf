package venue

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"math/big"
	"net/http"
	"net/netip"
	"sort"
	"sync"
	"time"
)

// Who may mark: whoever types the PIN the laptop shows gets a session (a
// random token in an HttpOnly, SameSite=Strict cookie) that ends after
// SessionIdle without a request or SessionMax in all. Wrong PINs are
// counted per client (an IPv4 address, or an IPv6 /64, which one device
// can fill with addresses): WrongPINs of them lock that client out for
// Lockout. RetirePINAfter wrong PINs in all, from any clients, retire the
// PIN: nobody else signs in until the organiser shares again, with a new
// one. Guessing one of a million PINs ten at a time from every phone of a
// venue would otherwise be a matter of days.

// Defaults of the limits a Config leaves at zero.
const (
	DefaultSessionIdle = 2 * time.Hour
	DefaultSessionMax  = 12 * time.Hour
	DefaultLockout     = 5 * time.Minute
	WrongPINs          = 10
	RetirePINAfter     = 100
)

// maxSessions bounds the sessions kept: a new one beyond it ends the
// oldest.
const maxSessions = 500

// NewPIN is six random digits.
func NewPIN() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(err) // crypto/rand does not fail on the systems Go supports
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// ValidPIN reports whether pin is six digits.
func ValidPIN(pin string) bool {
	if len(pin) != 6 {
		return false
	}
	for _, c := range pin {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// session is a signed-in device.
type session struct {
	token, csrf string
	device      string // "" until its helper names it
	client      string
	created     time.Time
	seen        time.Time
	marks       int
	lastMark    time.Time
}

// Device is a signed-in device, as the window lists them.
type Device struct {
	Name     string // "" while its helper has not named it
	Since    time.Time
	Marks    int // marks it saved in this sharing
	LastMark time.Time
}

// failures are the wrong PINs of one client.
type failures struct {
	count       int
	last        time.Time
	lockedUntil time.Time
}

// gate holds the PIN, the sessions and the wrong PINs.
type gate struct {
	pin                     string
	idle, longest, lockout  time.Duration
	now                     func() time.Time
	changed                 func() // told of a session begun or ended, and of the PIN retired
	cookieName, loginCookie string

	mu         sync.Mutex
	sessions   map[string]*session
	wrong      map[string]*failures
	wrongInAll int
}

func newGate(pin string, cfg Config, port int) *gate {
	g := &gate{pin: pin, idle: cfg.SessionIdle, longest: cfg.SessionMax, lockout: cfg.Lockout, now: cfg.now,
		sessions: map[string]*session{}, wrong: map[string]*failures{}, changed: cfg.changed,
		cookieName: fmt.Sprintf("atelier_%d", port), loginCookie: fmt.Sprintf("atelier_%d_login", port)}
	if g.idle <= 0 {
		g.idle = DefaultSessionIdle
	}
	if g.longest <= 0 {
		g.longest = DefaultSessionMax
	}
	if g.lockout <= 0 {
		g.lockout = DefaultLockout
	}
	return g
}

// clientKey names the client a request comes from, for counting its
// wrong PINs: its IPv4 address, or its IPv6 /64. The server trusts no
// header for it, only the connection's address.
func clientKey(r *http.Request) string {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	ip := ap.Addr().Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// loginVerdict is what a PIN typed gets.
type loginVerdict int

const (
	loginOK      loginVerdict = iota
	loginWrong                // 401
	loginLocked               // 429: this client, for a while
	loginRetired              // 429: the PIN, until the organiser shares again
)

// tryPIN checks a PIN from client and counts it when wrong. A locked-out
// client is refused whatever it types, the right PIN included; wait is
// how long until it may try again.
func (g *gate) tryPIN(client, pin string) (v loginVerdict, wait time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.forgetOldFailures(now)
	f := g.wrong[client]
	switch {
	case g.wrongInAll >= RetirePINAfter:
		return loginRetired, 0
	case f != nil && now.Before(f.lockedUntil):
		return loginLocked, f.lockedUntil.Sub(now)
	}
	if subtle.ConstantTimeCompare([]byte(pin), []byte(g.pin)) == 1 {
		delete(g.wrong, client)
		return loginOK, 0
	}
	if f == nil {
		f = &failures{}
		g.wrong[client] = f
	}
	f.count++
	f.last = now
	g.wrongInAll++
	if g.wrongInAll >= RetirePINAfter {
		g.tell()
		return loginRetired, 0
	}
	if f.count >= WrongPINs {
		f.count = 0
		f.lockedUntil = now.Add(g.lockout)
		return loginLocked, g.lockout
	}
	return loginWrong, 0
}

// forgetOldFailures drops the wrong PINs of clients quiet for an hour, so
// that the map stays small.
func (g *gate) forgetOldFailures(now time.Time) {
	for k, f := range g.wrong {
		if now.Sub(f.last) > time.Hour && now.After(f.lockedUntil) {
			delete(g.wrong, k)
		}
	}
}

func (g *gate) tell() {
	if g.changed != nil {
		go g.changed()
	}
}

// begin starts a session for a device that gave the right PIN.
func (g *gate) begin(client, device string) *session {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	s := &session{token: randomToken(), csrf: randomToken(), device: device, client: client, created: now, seen: now}
	g.sessions[s.token] = s
	if len(g.sessions) > maxSessions {
		g.endOldest()
	}
	g.tell()
	return s
}

func (g *gate) endOldest() {
	var oldest *session
	for _, s := range g.sessions {
		if oldest == nil || s.seen.Before(oldest.seen) {
			oldest = s
		}
	}
	delete(g.sessions, oldest.token)
}

// session finds the live session of a request and notes it was seen; nil
// when there is none or it has expired.
func (g *gate) session(r *http.Request) *session {
	c, err := r.Cookie(g.cookieName)
	if err != nil {
		return nil
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	s := g.sessions[c.Value]
	if s == nil {
		return nil
	}
	now := g.now()
	if !g.alive(s, now) {
		delete(g.sessions, s.token)
		g.tell()
		return nil
	}
	s.seen = now
	return s
}

func (g *gate) alive(s *session, now time.Time) bool {
	return now.Sub(s.seen) < g.idle && now.Sub(s.created) < g.longest
}

// stillAlive reports whether s has neither expired nor ended, without
// counting as a request (an open stream of events is not activity).
func (g *gate) stillAlive(s *session) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sessions[s.token] == s && g.alive(s, g.now())
}

func (g *gate) end(s *session) {
	g.mu.Lock()
	delete(g.sessions, s.token)
	g.mu.Unlock()
	g.tell()
}

// update changes a session under the lock.
func (g *gate) update(s *session, change func(*session)) {
	g.mu.Lock()
	change(s)
	g.mu.Unlock()
	g.tell()
}

// read copies a session's fields under the lock.
func (g *gate) read(s *session) session {
	g.mu.Lock()
	defer g.mu.Unlock()
	return *s
}

// retired reports whether too many wrong PINs retired the PIN.
func (g *gate) retired() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.wrongInAll >= RetirePINAfter
}

// devices lists the live sessions, the earliest first.
func (g *gate) devices() []Device {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	var out []Device
	for _, s := range g.sessions {
		if g.alive(s, now) {
			out = append(out, Device{Name: s.device, Since: s.created, Marks: s.marks, LastMark: s.lastMark})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Since.Before(out[j].Since) })
	return out
}

// cookie is a cookie of this server: HttpOnly (no script reads it),
// SameSite=Strict (no other site's page sends it). It cannot be Secure:
// the page is served over plain HTTP (see the README).
func cookie(name, value string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		MaxAge: int(maxAge / time.Second)}
	if maxAge < 0 {
		c.MaxAge = -1
	}
	return c
}

// sameToken compares secrets in constant time.
func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

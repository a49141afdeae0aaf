package venue

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

const testPIN = "482913"

// demoStore is a new file holding the demo workshops; Lagos is the one
// with confirmed participants and a programme.
func demoStore(t testing.TB) (*data.Store, int64) {
	t.Helper()
	st, err := data.Open(filepath.Join(t.TempDir(), "venue.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := demo.Write(st)
	if err != nil {
		t.Fatal(err)
	}
	return st, res.Lagos
}

// serveOn starts a server on 127.0.0.1 (as every server of the tests)
// and stops it at the end of the test.
func serveOn(t testing.TB, cfg Config) *Server {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	if cfg.PIN == "" {
		cfg.PIN = testPIN
	}
	srv, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// phone is an HTTP client with its cookies, as one phone's browser; from
// is the local address it connects from (127.0.0.x), so that tests can
// be several clients on one machine.
type phone struct {
	t    testing.TB
	srv  *Server
	http *http.Client
	csrf string // the marking page's token, once signed in
}

func newPhone(t testing.TB, srv *Server, from string) *phone {
	jar, _ := cookiejar.New(nil)
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if from != "" {
		dialer.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	return &phone{t: t, srv: srv, http: &http.Client{
		Jar:           jar,
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 4},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (p *phone) url(path string) string { return strings.TrimSuffix(p.srv.Address(), "/") + path }

// do sends a request and returns the answer with its body read.
func (p *phone) do(method, path string, body io.Reader, headers ...string) (*http.Response, string) {
	p.t.Helper()
	req, err := http.NewRequest(method, p.url(path), body)
	if err != nil {
		p.t.Fatal(err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := p.http.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return res, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// loginForm reads the login page's CSRF token, as a browser gets it.
func (p *phone) loginForm() string {
	p.t.Helper()
	res, page := p.do("GET", "/login", nil)
	m := csrfField.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		p.t.Fatalf("login page: %d\n%s", res.StatusCode, page)
	}
	return m[1]
}

// login posts the login form; it returns the answer's status.
func (p *phone) login(pin, device string) int {
	p.t.Helper()
	form := url.Values{"pin": {pin}, "device": {device}, "csrf": {p.loginForm()}}
	res, _ := p.do("POST", "/login", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	return res.StatusCode
}

var csrfData = regexp.MustCompile(`data-csrf="([^"]+)"`)

// signIn logs in with the right PIN and reads the marking page's token.
func (p *phone) signIn(device string) *phone {
	p.t.Helper()
	if code := p.login(p.srv.PIN(), device); code != http.StatusSeeOther {
		p.t.Fatalf("login answered %d", code)
	}
	res, page := p.do("GET", "/", nil)
	m := csrfData.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		p.t.Fatalf("marking page: %d", res.StatusCode)
	}
	p.csrf = m[1]
	return p
}

// post sends JSON with the page's token.
func (p *phone) post(path string, v any) (*http.Response, string) {
	p.t.Helper()
	b, _ := json.Marshal(v)
	return p.do("POST", path, strings.NewReader(string(b)), "Content-Type", "application/json", "X-CSRF-Token", p.csrf)
}

// mark taps a mark and returns what the server saved.
func (p *phone) mark(session, participant int64, mark data.Mark) changeJSON {
	p.t.Helper()
	c, err := p.tryMark(session, participant, mark)
	if err != nil {
		p.t.Fatal(err)
	}
	return c
}

// tryMark is mark for a goroutine other than the test's: it says what
// went wrong rather than stopping the test.
func (p *phone) tryMark(session, participant int64, mark data.Mark) (changeJSON, error) {
	var c changeJSON
	b, _ := json.Marshal(markRequest{Session: session, Participant: participant, Mark: mark})
	req, err := http.NewRequest("POST", p.url("/api/mark"), strings.NewReader(string(b)))
	if err != nil {
		return c, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", p.csrf)
	res, err := p.http.Do(req)
	if err != nil {
		return c, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(res.Body)
		return c, fmt.Errorf("mark answered %d: %s", res.StatusCode, body)
	}
	return c, json.NewDecoder(res.Body).Decode(&c)
}

// firstStreamEvents opens the stream of a session and returns what it
// says within a moment.
func (p *phone) firstStreamEvents(session int64) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", p.url("/api/events?session="+itoa(session)), nil)
	res, err := p.http.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body) // until the deadline cuts it
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// firstSession is the first session of the workshop that is not a break.
func firstSession(t testing.TB, st *data.Store, workshop int64) data.Session {
	t.Helper()
	all, err := st.Sessions(workshop)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.Kind != data.KindBreak {
			return s
		}
	}
	t.Fatal("no session")
	return data.Session{}
}

func confirmed(t testing.TB, st *data.Store, workshop int64) []data.Participant {
	t.Helper()
	ps, err := st.Participants(workshop, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

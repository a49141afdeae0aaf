package venue

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// Without a session from the PIN, every page but the login (and its style
// sheet) answers 401, and the marking page sends to the login; a made-up
// cookie is no session.
func TestEveryPageButTheLoginNeedsASession(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	s := firstSession(t, st, w)
	for _, forged := range []bool{false, true} {
		p := newPhone(t, srv, "")
		if forged {
			u, _ := url.Parse(srv.Address())
			p.http.Jar.SetCookies(u, []*http.Cookie{{Name: srv.gate.cookieName, Value: randomToken()}})
		}
		res, _ := p.do("GET", "/", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
			t.Errorf("forged %v: / answered %d to %q", forged, res.StatusCode, res.Header.Get("Location"))
		}
		for _, r := range []struct{ method, path string }{
			{"GET", "/mark.js"}, {"GET", "/api/sessions"}, {"GET", "/api/sheet?session=" + itoa(s.ID)},
			{"GET", "/api/events?session=" + itoa(s.ID)}, {"GET", "/no/such/page"},
			{"POST", "/api/mark"}, {"POST", "/api/device"}, {"POST", "/logout"}, {"PUT", "/api/mark"}, {"DELETE", "/"},
		} {
			res, body := p.do(r.method, r.path, strings.NewReader(`{"session":1,"participant":1,"mark":"present"}`),
				"Content-Type", "application/json")
			if res.StatusCode != http.StatusUnauthorized {
				t.Errorf("forged %v: %s %s answered %d: %s", forged, r.method, r.path, res.StatusCode, body)
			}
		}
		for _, path := range []string{"/login", "/static/style.css"} {
			if res, _ := p.do("GET", path, nil); res.StatusCode != http.StatusOK {
				t.Errorf("%s answered %d", path, res.StatusCode)
			}
		}
	}
	if m, _ := st.SessionMarks(s.ID); m[1].Device != "" {
		t.Errorf("a mark was saved without a session: %+v", m[1])
	}
}

// Ten wrong PINs from one client lock it out for a while, the right PIN
// included, with 429 and Retry-After; another client is not locked; when
// the while is over the client may try again.
func TestTenWrongPINsLockAClientOut(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, Lockout: 700 * time.Millisecond})
	guesser := newPhone(t, srv, "127.0.0.1")
	for i := 1; i < WrongPINs; i++ {
		if code := guesser.login("000000", "x"); code != http.StatusUnauthorized {
			t.Fatalf("wrong PIN %d answered %d", i, code)
		}
	}
	form := url.Values{"pin": {"000000"}, "csrf": {guesser.loginForm()}}
	res, body := guesser.do("POST", "/login", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("the tenth wrong PIN answered %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if !strings.Contains(body, "Too many wrong PINs") {
		t.Errorf("the page does not say why: %s", body)
	}
	if code := guesser.login(srv.PIN(), "x"); code != http.StatusTooManyRequests {
		t.Fatalf("the right PIN during the lockout answered %d", code)
	}
	if code := newPhone(t, srv, "127.0.0.2").login(srv.PIN(), "x"); code != http.StatusSeeOther {
		t.Fatalf("another client answered %d", code)
	}
	time.Sleep(800 * time.Millisecond)
	if code := guesser.login(srv.PIN(), "x"); code != http.StatusSeeOther {
		t.Fatalf("after the lockout the right PIN answered %d", code)
	}
}

// Wrong PINs from many clients add up: past RetirePINAfter the PIN signs
// nobody in, and the window is told.
func TestTooManyWrongPINsRetireThePIN(t *testing.T) {
	st, w := demoStore(t)
	var told atomic.Int32
	srv := serveOn(t, Config{Store: st, WorkshopID: w, OnChange: func() { told.Add(1) }})
	early := newPhone(t, srv, "127.0.0.1").signIn("Early")
	for i := 0; i < RetirePINAfter; i++ {
		from := "127.0.1." + strconv.Itoa(i/(WrongPINs-1)+1) // never ten from one, so none is locked out
		code := newPhone(t, srv, from).login("111111", "")
		if want := http.StatusUnauthorized; i == RetirePINAfter-1 {
			want = http.StatusTooManyRequests
			if code != want {
				t.Fatalf("the last wrong PIN answered %d", code)
			}
		} else if code != want {
			t.Fatalf("wrong PIN %d from %s answered %d", i, from, code)
		}
	}
	if code := newPhone(t, srv, "127.0.2.1").login(srv.PIN(), ""); code != http.StatusTooManyRequests || !srv.PINRetired() {
		t.Fatalf("the right PIN after %d wrong ones answered %d", RetirePINAfter, code)
	}
	if res, _ := early.do("GET", "/api/sessions", nil); res.StatusCode != http.StatusOK {
		t.Errorf("a device signed in before was signed out: %d", res.StatusCode)
	}
	deadline := time.Now().Add(time.Second)
	for told.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if told.Load() == 0 {
		t.Error("the window was not told")
	}
}

// A session ends after a while without a request, and after its longest
// life whatever it does.
func TestSessionsExpire(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, SessionIdle: 400 * time.Millisecond, SessionMax: 1200 * time.Millisecond})
	idle := newPhone(t, srv, "").signIn("Idle")
	busy := newPhone(t, srv, "").signIn("Busy")
	time.Sleep(200 * time.Millisecond)
	if res, _ := idle.do("GET", "/api/sessions", nil); res.StatusCode != http.StatusOK {
		t.Fatalf("a fresh session answered %d", res.StatusCode)
	}
	time.Sleep(500 * time.Millisecond)
	if res, _ := idle.do("GET", "/api/sessions", nil); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a session idle past its time answered %d", res.StatusCode)
	}
	if res, _ := idle.do("GET", "/", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the page of an expired session answered %d", res.StatusCode)
	}
	start := time.Now()
	for time.Since(start) < 1200*time.Millisecond {
		res, _ := busy.do("GET", "/api/sessions", nil)
		if res.StatusCode != http.StatusOK {
			break
		}
		time.Sleep(150 * time.Millisecond)
	}
	if res, _ := busy.do("GET", "/api/sessions", nil); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a session used all along outlived its longest life: %d", res.StatusCode)
	}
	if len(srv.Devices()) != 0 {
		t.Errorf("expired devices still listed: %+v", srv.Devices())
	}
}

// Every cookie the server sets is HttpOnly and SameSite=Strict, for the
// whole site.
func TestCookiesAreHttpOnlyAndStrict(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	p := newPhone(t, srv, "")
	res, page := p.do("GET", "/login", nil)
	csrf := csrfField.FindStringSubmatch(page)[1]
	form := url.Values{"pin": {srv.PIN()}, "device": {"Room B"}, "csrf": {csrf}}
	res2, _ := p.do("POST", "/login", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded")
	var session bool
	for _, r := range []*http.Response{res, res2} {
		for _, line := range r.Header.Values("Set-Cookie") {
			if !strings.Contains(line, "HttpOnly") || !strings.Contains(line, "SameSite=Strict") || !strings.Contains(line, "Path=/") {
				t.Errorf("cookie %q", line)
			}
			session = session || strings.HasPrefix(line, srv.gate.cookieName+"=") && !strings.Contains(line, "Max-Age=0")
		}
	}
	if !session {
		t.Fatal("no session cookie was set")
	}
}

// The login form and every request that changes something carry a CSRF
// token: without it, with a wrong one or another session's, or sent by a
// page of another site, nothing is done.
func TestFormsCarryACSRFToken(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	s := firstSession(t, st, w)
	ada := confirmed(t, st, w)[0]

	p := newPhone(t, srv, "")
	p.loginForm()
	for _, csrf := range []string{"", "forged"} {
		form := url.Values{"pin": {srv.PIN()}, "csrf": {csrf}}
		if res, _ := p.do("POST", "/login", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded"); res.StatusCode != http.StatusForbidden {
			t.Errorf("login with csrf %q answered %d", csrf, res.StatusCode)
		}
	}
	p.signIn("Room B")
	other := newPhone(t, srv, "").signIn("Room C")
	body := `{"session":` + itoa(s.ID) + `,"participant":` + itoa(ada.ID) + `,"mark":"absent"}`
	for _, c := range []struct {
		name    string
		headers []string
	}{
		{"no token", []string{"Content-Type", "application/json"}},
		{"a wrong token", []string{"X-CSRF-Token", "x" + p.csrf}},
		{"another session's token", []string{"X-CSRF-Token", other.csrf}},
		{"another site", []string{"X-CSRF-Token", p.csrf, "Origin", "http://evil.example"}},
	} {
		if res, _ := p.do("POST", "/api/mark", strings.NewReader(body), c.headers...); res.StatusCode != http.StatusForbidden {
			t.Errorf("a mark with %s answered %d", c.name, res.StatusCode)
		}
		if res, _ := p.do("POST", "/logout", strings.NewReader(""), c.headers...); res.StatusCode != http.StatusForbidden {
			t.Errorf("a logout with %s answered %d", c.name, res.StatusCode)
		}
	}
	if got, _ := st.Mark(ada.ID, s.ID); got.Device != "" {
		t.Fatalf("a forged request marked: %+v", got)
	}
	// The page's own requests pass, with the Origin browsers send.
	res, _ := p.do("POST", "/api/mark", strings.NewReader(body), "X-CSRF-Token", p.csrf, "Origin", strings.TrimSuffix(srv.Address(), "/"))
	if got, _ := st.Mark(ada.ID, s.ID); res.StatusCode != http.StatusOK || got.Mark != data.Absent || got.Device != "Room B" {
		t.Fatalf("the page's own mark: %d, %+v", res.StatusCode, got)
	}
	form := url.Values{"csrf": {p.csrf}}
	if res, _ := p.do("POST", "/logout", strings.NewReader(form.Encode()), "Content-Type", "application/x-www-form-urlencoded"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the page's logout answered %d", res.StatusCode)
	}
	if res, _ := p.do("GET", "/api/sessions", nil); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("after logout: %d", res.StatusCode)
	}
}

// The server listens on loopback, private and link-local addresses only.
func TestTheServerRefusesPublicAddresses(t *testing.T) {
	for addr, local := range map[string]bool{
		"127.0.0.1": true, "::1": true, "10.1.2.3": true, "172.16.0.1": true, "172.31.255.254": true,
		"192.168.1.10": true, "fd00::2": true, "fc12::1": true, "fe80::1": true, "169.254.10.1": true,
		"::ffff:192.168.1.10": true,
		"8.8.8.8":             false, "172.32.0.1": false, "11.0.0.1": false, "192.169.0.1": false, "100.64.0.1": false,
		"192.0.2.2": false, "2001:db8::1": false, "2a00:1450::1": false, "0.0.0.0": false, "::": false,
		"224.0.0.1": false, "ff02::1": false, "255.255.255.255": false, "::ffff:8.8.8.8": false,
	} {
		if got := Local(netip.MustParseAddr(addr)); got != local {
			t.Errorf("Local(%s) = %v", addr, got)
		}
	}
	st, w := demoStore(t)
	for addr, key := range map[string]string{
		"8.8.8.8:0": "error.venue_public_address", "0.0.0.0:8765": "error.venue_public_address",
		"[::]:0": "error.venue_public_address", "100.64.0.1:0": "error.venue_public_address",
		"192.0.2.2:0": "error.venue_public_address", "[2001:db8::1]:0": "error.venue_public_address",
		"example.org:80": "error.venue_address", "127.0.0.1:99999": "error.venue_address",
		"10.255.254.253:0": "error.venue_not_here",
	} {
		srv, err := Start(Config{Store: st, WorkshopID: w, Addr: addr, PIN: testPIN})
		if srv != nil {
			srv.Close()
		}
		var fe data.FieldError
		if !errors.As(err, &fe) || fe.Key != key {
			t.Errorf("%s: %v, want %s", addr, err, key)
		}
	}
	for _, pin := range []string{"12345", "1234567", "12345a", "١٢٣٤٥٦"} {
		if _, err := Start(Config{Store: st, WorkshopID: w, Addr: "127.0.0.1:0", PIN: pin}); err == nil {
			t.Errorf("PIN %q was taken", pin)
		}
	}
	for range 20 {
		if pin := NewPIN(); !ValidPIN(pin) {
			t.Fatalf("NewPIN gave %q", pin)
		}
	}
	// A port taken by another program is said as such.
	first := serveOn(t, Config{Store: st, WorkshopID: w})
	_, err := Start(Config{Store: st, WorkshopID: w, Addr: strings.TrimSuffix(strings.TrimPrefix(first.Address(), "http://"), "/"), PIN: testPIN})
	if fe, ok := err.(data.FieldError); !ok || fe.Key != "error.venue_port_taken" {
		t.Errorf("a taken port: %v", err)
	}
}

// The server answers only requests addressed to it by its own address: a
// site that a DNS trick points at the laptop gets nothing.
func TestRequestsForAnotherHostAreRefused(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	p := newPhone(t, srv, "")
	for _, host := range []string{"evil.example", "evil.example:" + strings.Split(strings.TrimSuffix(srv.Address(), "/"), ":")[2], "127.0.0.1"} {
		req, _ := http.NewRequest("GET", p.url("/login"), nil)
		req.Host = host
		res, err := p.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("Host %s answered %d", host, res.StatusCode)
		}
	}
}

// What the page is sent holds names, institutions and sessions, and none
// of the emails, phones, countries, positions, grants or notes the file
// has of the same people.
func TestThePageIsSentOnlyWhatMarkingNeeds(t *testing.T) {
	st, w := demoStore(t)
	people := confirmed(t, st, w)
	secret := people[0]
	secret.Email, secret.Phone, secret.Notes = "secret.mail@example.org", "+234 800 SECRET", "Visa refused once: SECRET NOTE"
	secret.Position, secret.Grant.AmountMinor, secret.Grant.Currency = "Chief SECRETPOSITION", 9876543, "XOF"
	if err := st.SaveParticipant(&secret); err != nil {
		t.Fatal(err)
	}
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	p := newPhone(t, srv, "").signIn("Room B")
	s := firstSession(t, st, w)
	var sent strings.Builder
	for _, path := range []string{"/", "/mark.js", "/api/sessions", "/api/sheet?session=" + itoa(s.ID)} {
		res, body := p.do("GET", path, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s answered %d", path, res.StatusCode)
		}
		sent.WriteString(body)
	}
	sent.WriteString(p.firstStreamEvents(s.ID))
	_, body := p.post("/api/mark", markRequest{Session: s.ID, Participant: secret.ID, Mark: data.Present})
	sent.WriteString(body)
	all, _ := st.Participants(w, data.ParticipantFilter{})
	var forbidden []string
	for _, q := range all {
		forbidden = append(forbidden, q.Email, q.Phone, q.Notes, q.Position)
	}
	forbidden = append(forbidden, "98765", "XOF", "SECRET", "@example")
	for _, f := range forbidden {
		if f != "" && strings.Contains(sent.String(), f) {
			t.Errorf("the page was sent %q", f)
		}
	}
	if !strings.Contains(sent.String(), secret.Institution) || !strings.Contains(sent.String(), jsonText(secret.FullName())) {
		t.Fatal("the page was not sent the names and institutions: is the check blind?")
	}
	_, sheet := p.do("GET", "/api/sheet?session="+itoa(s.ID), nil)
	var d struct{ People []map[string]any }
	json.Unmarshal([]byte(sheet), &d)
	for _, person := range d.People {
		keys := make([]string, 0, len(person))
		for k := range person {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"at", "device", "id", "institution", "mark", "name"}) {
			t.Fatalf("a person is sent as %v", keys)
		}
	}
}

// jsonText is s as encoding/json writes it inside a string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}

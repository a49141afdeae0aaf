package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// helperPhone signs in to the venue page at address with pin, as a
// helper's phone does, and marks one person; it returns the page's answer.
func helperPhone(t *testing.T, address, pin, device string, session, participant int64, mark data.Mark) int {
	t.Helper()
	p, err := signInPhone(address, pin, device, "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.post(session, participant, mark)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// phoneClient is a helper's phone signed in to the venue page: its
// cookies and the marking page's CSRF token. Its methods return errors
// rather than stop the test, so that phones can run on goroutines.
type phoneClient struct {
	address string // http://host:port/
	client  *http.Client
	csrf    string
}

// signInPhone reads the login form, posts the PIN and the phone's name as
// the form does, and reads the marking page's token. from is the local
// address the phone connects from (127.0.0.x), "" for any.
func signInPhone(address, pin, device, from string) (*phoneClient, error) {
	jar, _ := cookiejar.New(nil)
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	if from != "" {
		dialer.LocalAddr = &net.TCPAddr{IP: net.ParseIP(from)}
	}
	p := &phoneClient{address: address, client: &http.Client{Jar: jar, Timeout: 10 * time.Second,
		Transport: &http.Transport{DialContext: dialer.DialContext, MaxIdleConnsPerHost: 2}}}
	get := func(path, pattern string) (string, error) {
		res, err := p.client.Get(address + path)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			return "", err
		}
		m := regexp.MustCompile(pattern).FindSubmatch(b)
		if m == nil {
			return "", fmt.Errorf("no %s in /%s (%d): %s", pattern, path, res.StatusCode, b)
		}
		return string(m[1]), nil
	}
	csrf, err := get("login", `name="csrf" value="([^"]+)"`)
	if err != nil {
		return nil, err
	}
	res, err := p.client.PostForm(address+"login", url.Values{"pin": {pin}, "device": {device}, "csrf": {csrf}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if p.csrf, err = get("", `data-csrf="([^"]+)"`); err != nil {
		return nil, err
	}
	return p, nil
}

// post taps a mark as the page does (POST /api/mark with the token).
func (p *phoneClient) post(session, participant int64, mark data.Mark) (*http.Response, error) {
	body, _ := json.Marshal(map[string]any{"session": session, "participant": participant, "mark": mark})
	req, err := http.NewRequest("POST", p.address+"api/mark", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", p.csrf)
	return p.client.Do(req)
}

// mark taps a mark and returns the revision the page was told it saved.
func (p *phoneClient) mark(session, participant int64, mark data.Mark) (int64, error) {
	res, err := p.post(session, participant, mark)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var saved struct {
		Participant int64     `json:"participant"`
		Mark        data.Mark `json:"mark"`
		Rev         int64     `json:"rev"`
	}
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		return 0, fmt.Errorf("a mark answered %d: %s", res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(&saved); err != nil {
		return 0, err
	}
	if saved.Participant != participant || saved.Mark != mark || saved.Rev == 0 {
		return 0, fmt.Errorf("%s for participant %d was answered %+v", mark, participant, saved)
	}
	return saved.Rev, nil
}

// The organiser shares the attendance on this computer's address, a
// helper's phone signs in with the PIN shown and marks someone: the mark
// is in the file with the phone's name, the dialog lists the phone, and
// the attendance tab shows the mark. Stopping, then closing the window,
// leaves nothing listening.
func TestShareOnThisNetworkFromTheWindow(t *testing.T) {
	useLanguage(t, "en")
	st, res := demoStore(t)
	c, q := openWindow(t, st)
	c.screen.selectID(res.Lagos)
	v := tabOf[*attendanceView](t, c)

	d := c.showShare()
	if d == nil || d.running.Visible() || !d.stop.Disabled() {
		t.Fatal("the dialog did not open stopped")
	}
	loopback := -1
	for i, a := range d.addresses {
		if a.Loopback() && a.IP.Is4() {
			loopback = i
		}
	}
	if loopback < 0 {
		t.Fatal("this computer is not among the addresses offered")
	}
	d.choose.SetSelectedIndex(loopback) // tests listen on 127.0.0.1 only
	test.Tap(d.start)
	address, pin := d.address.Text, d.pin.Text
	if !d.running.Visible() || !strings.HasPrefix(address, "http://127.0.0.1:") || len(pin) != 6 || d.qr.Image == nil {
		t.Fatalf("sharing shows %q, PIN %q", address, pin)
	}
	if !strings.Contains(d.devices.Text, "None yet.") {
		t.Errorf("devices before any phone: %q", d.devices.Text)
	}

	sessions, err := st.Sessions(res.Lagos)
	mustNoErr(t, err)
	var session data.Session
	for _, s := range sessions {
		if s.Kind != data.KindBreak {
			session = s
			break
		}
	}
	people, err := st.Participants(res.Lagos, data.ParticipantFilter{Statuses: []data.Status{data.StatusConfirmed}})
	mustNoErr(t, err)
	who := people[0]
	pickSession(v, v.sessionIndex(session.ID))
	if code := helperPhone(t, address, pin, "Room B", session.ID, who.ID, data.Excused); code != http.StatusOK {
		t.Fatalf("the phone's mark answered %d", code)
	}
	got, err := st.Mark(who.ID, session.ID)
	mustNoErr(t, err)
	if got.Mark != data.Excused || got.Device != "Room B" {
		t.Fatalf("the file holds %+v", got)
	}
	if !q.runUntil(5*time.Second, func() bool {
		return strings.Contains(d.devices.Text, "Room B: signed in at") && strings.Contains(d.devices.Text, "1 marked") &&
			v.marks[who.ID].Mark == data.Excused
	}) {
		t.Fatalf("the window shows devices %q and the mark %+v", d.devices.Text, v.marks[who.ID])
	}

	// The matrix shows the phone's mark in italics.
	v.tabs.SelectIndex(1)
	mp := v.matrix
	if !q.runUntil(5*time.Second, func() bool { return mp.loaded }) {
		t.Fatal("the matrix did not load")
	}
	i, _ := mp.vd.matrix.RowOf(who.ID)
	j, _ := mp.vd.matrix.ColumnOf(session.ID)
	k := slices.Index(mp.cols, j)
	if k < 0 {
		mp.cols = append(mp.cols, j) // the matrix shows one day; the test looks at the phone's
		k = len(mp.cols) - 1
	}
	cell := mp.table.CreateCell()
	mp.updateCell(widget.TableCellID{Row: i, Col: matrixFixedCols + k}, cell)
	if l := cell.(*fyne.Container).Objects[1].(*widget.Label); l.Text != "E" || !l.TextStyle.Italic {
		t.Errorf("the matrix shows the phone's mark as %q, italic %v", l.Text, l.TextStyle.Italic)
	}
	if !legendSays(mp.legend, "in italics: marked on a helper’s phone") {
		t.Errorf("the matrix's legend does not say what italics mean: %q", mp.legend.String())
	}

	test.Tap(d.stop)
	if c.server() != nil || d.running.Visible() || d.start.Disabled() {
		t.Fatal("Stop sharing left the server running")
	}
	if _, err := http.Get(address + "login"); err == nil {
		t.Fatal("the page still answers after Stop sharing")
	}
	test.Tap(d.start)
	address = d.address.Text
	c.win.Close()
	if _, err := http.Get(address + "login"); err == nil {
		t.Fatal("the page still answers after the window closed")
	}
}

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

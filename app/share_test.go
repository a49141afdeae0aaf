package app

import (
	"encoding/json"
	"io"
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
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	get := func(path string) string {
		res, err := client.Get(address + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	token := func(page, pattern string) string {
		m := regexp.MustCompile(pattern).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no %s in %s", pattern, page)
		}
		return m[1]
	}
	csrf := token(get("login"), `name="csrf" value="([^"]+)"`)
	res, err := client.PostForm(address+"login", url.Values{"pin": {pin}, "device": {device}, "csrf": {csrf}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	csrf = token(get(""), `data-csrf="([^"]+)"`)
	body, _ := json.Marshal(map[string]any{"session": session, "participant": participant, "mark": mark})
	req, _ := http.NewRequest("POST", address+"api/mark", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrf)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
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

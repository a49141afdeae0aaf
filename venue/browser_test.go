package venue

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
)

// The page in a real browser: Debian's Chromium, headless, driven by
// chromedp, on a server listening on 127.0.0.1.

// browser starts Chromium and returns a tab that asks for pages in
// acceptLanguage; a tab of its own browser context (cookies included),
// as a phone of its own, comes from phoneTab.
func browser(t testing.TB, acceptLanguage string) context.Context {
	t.Helper()
	path := datatest.RequireTool(t, "chromium", "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	speak(t, ctx, acceptLanguage)
	return ctx
}

func speak(t testing.TB, ctx context.Context, acceptLanguage string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 (Linux; Android 14) Atelier test", AcceptLanguage: acceptLanguage}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
}

// phoneTab is another tab of the browser of ctx with cookies of its own.
func phoneTab(t testing.TB, ctx context.Context, acceptLanguage string) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	speak(t, tab, acceptLanguage)
	return tab
}

func must(t testing.TB, err error, doing string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", doing, err)
	}
}

// signInBrowser types the PIN and the phone's name into the login page
// and waits for the list of people.
func signInBrowser(t testing.TB, ctx context.Context, srv *Server, pin, device string) {
	t.Helper()
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.Address()),
		chromedp.WaitVisible(chromedp.CSS("#pin")),
		chromedp.SendKeys(chromedp.CSS("#pin"), pin),
		chromedp.SendKeys(chromedp.CSS("#device"), device),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS("#people li")),
	), "signing in")
}

func row(participant int64) string { return fmt.Sprintf(`#people li[data-id="%d"]`, participant) }

func evaluate[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	must(t, err, js)
	return v
}

// tapUntilSaved taps mark on participant's row and waits for the row to
// say it is saved. A tap that never reached the page (the row moved under
// the pointer on a machine loaded by other tests: the row shows neither
// the mark nor a save) is tapped again, at most three times; a save the
// page says failed, or a row showing the mark without saying it was
// saved, fails the test with what the page shows.
func tapUntilSaved(t testing.TB, ctx context.Context, participant int64, mark string) {
	t.Helper()
	sel := row(participant)
	for range 3 {
		must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel+` button[data-mark="`+mark+`"]`))), "tapping "+mark)
		var state, shown string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			state = evaluate[string](t, ctx, `document.querySelector('`+sel+`').dataset.state || ""`)
			if state == "saved" || state == "failed" {
				break
			}
		}
		shown = evaluate[string](t, ctx, `document.querySelector('`+sel+`').dataset.mark || ""`)
		switch {
		case state == "saved" && shown == mark:
			return
		case state == "saved":
			t.Fatalf("the row says saved as %q, want %q", shown, mark)
		case state == "failed":
			t.Fatalf("the page says the mark failed: %q", evaluate[string](t, ctx, `document.getElementById("status").textContent`))
		case shown == mark:
			t.Fatalf("the row shows %s but never said it was saved (state %q)", mark, state)
		}
		t.Logf("the row's state after tapping %s: %q; tapping again", mark, state)
	}
	t.Fatalf("tapping %s was never saved", mark)
}

// lagosAt is a clock in the middle of the Lagos workshop's second day.
func lagosAt(hour, minute int) func() time.Time {
	return func() time.Time { return time.Date(2022, 11, 22, hour, minute, 0, 0, time.Local) }
}

// A helper signs in, finds the session running now chosen, taps P for a
// person, and the mark is in the file, with the phone's name beside it.
func TestBrowserSignInMarkAndSeeItInTheFile(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, Now: lagosAt(10, 15)})
	sessions, _ := st.Sessions(w)
	running := sessions[data.CurrentSession(sessions, lagosAt(10, 15)())]
	// Someone nobody marked yet at the session, before the page reads it.
	sheet, _ := st.MarkingSheet(w, running.ID)
	var who data.Participant
	for _, p := range sheet.People {
		if sheet.Marks[p.ID].Mark == data.Unmarked {
			who = p
			break
		}
	}
	if who.ID == 0 {
		clearOne(t, st, sheet)
		who = sheet.People[0]
	}
	ctx := browser(t, "en-GB,en;q=0.9")
	signInBrowser(t, ctx, srv, srv.PIN(), "Room B")

	if got := evaluate[string](t, ctx, `document.getElementById("session").value`); got != itoa(running.ID) {
		t.Fatalf("the page opened on session %s, want the one running at 10:15 (%d %q)", got, running.ID, running.Title)
	}
	if got := evaluate[string](t, ctx, `document.querySelector("#session optgroup").label`); got != "Now" {
		t.Errorf("the first group of sessions is %q", got)
	}
	breaks := evaluate[int](t, ctx, `Array.from(document.querySelectorAll("#session option")).filter(o => /Lunch|Coffee|break/i.test(o.textContent)).length`)
	if breaks != 0 {
		t.Errorf("%d breaks are offered for marking", breaks)
	}
	tapUntilSaved(t, ctx, who.ID, "late")
	got, err := st.Mark(who.ID, running.ID)
	must(t, err, "reading the mark")
	if got.Mark != data.Late || got.Device != "Room B" {
		t.Fatalf("the file holds %+v, want late by Room B", got)
	}
	meta := evaluate[string](t, ctx, `document.querySelector('`+row(who.ID)+` .meta').textContent`)
	if !strings.Contains(meta, "late · Room B") {
		t.Errorf("the row says %q", meta)
	}
	counts := evaluate[string](t, ctx, `document.getElementById("counts").textContent`)
	if !strings.Contains(counts, "late") || !strings.Contains(counts, "not yet marked") {
		t.Errorf("counts %q", counts)
	}
	// Undo takes the mark back to what it was.
	must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#undo")),
		chromedp.WaitVisible(chromedp.CSS(row(who.ID)+`[data-mark=""]`))), "undoing")
	if got, _ := st.Mark(who.ID, running.ID); got.Mark != data.Unmarked {
		t.Fatalf("after Undo the file holds %+v", got)
	}
}

// clearOne clears the first person's mark so that a test has someone to
// mark.
func clearOne(t testing.TB, st *data.Store, sheet data.MarkingSheet) {
	t.Helper()
	must(t, st.ClearMark(sheet.People[0].ID, sheet.Session.ID), "clearing a mark")
}

// A mark made on the laptop (the store) and one from another phone show
// on the page within a second.
func TestBrowserMarksMadeElsewhereAppearWithinASecond(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, Now: lagosAt(10, 15)})
	ctx := browser(t, "en")
	signInBrowser(t, ctx, srv, srv.PIN(), "Room B")
	must(t, chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#status:not(.problem)`))), "waiting for the stream")
	s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("session").value`))
	sheet, _ := st.MarkingSheet(w, mustID(t, s))
	people := sheet.People
	other := newPhone(t, srv, "").signIn("Field visit")
	for k, c := range []struct {
		mark data.Mark
		save func(p data.Participant, m data.Mark)
		by   string
	}{
		{data.Excused, func(p data.Participant, m data.Mark) {
			must(t, st.SetMark(&data.Attendance{ParticipantID: p.ID, SessionID: sheet.Session.ID, Mark: m}), "marking on the laptop")
		}, "laptop"},
		{data.Absent, func(p data.Participant, m data.Mark) { other.mark(sheet.Session.ID, p.ID, m) }, "Field visit"},
	} {
		p := people[k+3]
		start := time.Now()
		c.save(p, c.mark)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`!!document.querySelector('%s[data-mark="%s"]')`, row(p.ID), c.mark),
			chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(3*time.Second)))
		took := time.Since(start)
		must(t, err, "waiting for the mark made elsewhere")
		if took > time.Second {
			t.Errorf("a mark made by the %s took %s to appear", c.by, took)
		}
		meta := evaluate[string](t, ctx, `document.querySelector('`+row(p.ID)+` .meta').textContent`)
		if !strings.Contains(meta, c.by) {
			t.Errorf("the row says %q, want it made by %s", meta, c.by)
		}
		t.Logf("a mark by the %s appeared after %s", c.by, took.Round(time.Millisecond))
	}
}

func mustID(t testing.TB, s string) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscan(s, &id); err != nil {
		t.Fatalf("session %q: %v", s, err)
	}
	return id
}

// A wrong PIN keeps the helper on the login page with a message, and
// gives no session.
func TestBrowserWrongPIN(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	ctx := browser(t, "fr-FR,fr;q=0.9,en;q=0.5")
	must(t, chromedp.Do(ctx, chromedp.Navigate(srv.Address()+"login"),
		chromedp.SendKeys(chromedp.CSS("#pin"), "111111"),
		chromedp.Click(chromedp.CSS("#sign-in")),
		chromedp.WaitVisible(chromedp.CSS("#problem")),
	), "typing a wrong PIN")
	problem := evaluate[string](t, ctx, `document.getElementById("problem").textContent`)
	if !strings.Contains(problem, "Ce code PIN n’est pas le bon") {
		t.Errorf("the page says %q", problem)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch("/api/sessions").then(r => r.status)`, chromedp.EvalAwaitPromise))
	must(t, err, "asking for the sessions")
	if got != 401 {
		t.Errorf("after a wrong PIN the sessions answered %d", got)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, "/login") {
		t.Errorf("the browser is at %s", loc)
	}
}

// Ten wrong PINs from the browser lock it out, the right PIN included.
func TestBrowserLockout(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w})
	ctx := browser(t, "es-ES,es")
	try := func(pin string) string {
		must(t, chromedp.Do(ctx, chromedp.Navigate(srv.Address()+"login"),
			chromedp.SendKeys(chromedp.CSS("#pin"), pin),
			chromedp.Click(chromedp.CSS("#sign-in")),
			chromedp.WaitVisible(chromedp.CSS("#problem")),
		), "typing a PIN")
		return evaluate[string](t, ctx, `document.getElementById("problem").textContent`)
	}
	for i := 1; i < WrongPINs; i++ {
		if got := try(fmt.Sprintf("%06d", i)); !strings.Contains(got, "Ese PIN no es correcto") {
			t.Fatalf("wrong PIN %d: %q", i, got)
		}
	}
	if got := try("999999"); !strings.Contains(got, "Demasiados PIN erróneos") {
		t.Fatalf("the tenth wrong PIN: %q", got)
	}
	if got := try(srv.PIN()); !strings.Contains(got, "Demasiados PIN erróneos") {
		t.Fatalf("the right PIN during the lockout: %q", got)
	}
	if code := newPhone(t, srv, "127.0.0.1").login(srv.PIN(), ""); code != 429 {
		t.Fatalf("the server answered the locked-out client %d", code)
	}
}

// clearSearch empties the search box as a helper would, the list
// following.
var clearSearch = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	_, err := chromedp.Evaluate[bool](`(s => { s.value = ""; s.dispatchEvent(new Event("input")); return true })(document.getElementById("search"))`)(ctx, t)
	return err
})

// Search ignores accents and case, as the laptop's does; a badge code
// typed (or sent by a scanner) marks its holder present.
func TestBrowserSearchIgnoresAccentsAndABadgeCodeMarks(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, Now: lagosAt(14, 0)})
	ctx := browser(t, "en")
	signInBrowser(t, ctx, srv, srv.PIN(), "Door")
	visible := func() []string {
		return evaluate[[]string](t, ctx, `Array.from(document.querySelectorAll("#people li:not([hidden]) .name")).map(e => e.textContent)`)
	}
	for query, want := range map[string]string{"olanrewaju": "Ọláńrewájú", "DANJUMA": "Ɗanjuma", "nunez": "Ñúñez"} {
		must(t, chromedp.Do(ctx, clearSearch, chromedp.SendKeys(chromedp.CSS("#search"), query)), "searching")
		names := visible()
		if len(names) == 0 || !strings.Contains(strings.Join(names, "|"), want) {
			t.Errorf("%q shows %v, want %s", query, names, want)
		}
		for _, n := range names {
			if !strings.Contains(data.Fold(n), data.Fold(query)) {
				t.Errorf("%q also shows %s", query, n)
			}
		}
	}
	must(t, chromedp.Do(ctx, clearSearch, chromedp.SendKeys(chromedp.CSS("#search"), "zzzz")), "searching")
	if names := visible(); len(names) != 0 {
		t.Errorf("zzzz shows %v", names)
	}
	if msg := evaluate[string](t, ctx, `document.getElementById("empty").textContent`); msg != "No name matches." {
		t.Errorf("an empty search says %q", msg)
	}

	all, _ := st.Participants(w, data.ParticipantFilter{})
	codes := data.SignInCodes(all)
	sid := mustID(t, evaluate[string](t, ctx, `document.getElementById("session").value`))
	sheet, _ := st.MarkingSheet(w, sid)
	clearOne(t, st, sheet)
	who := sheet.People[0]
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), strings.ToLower(codes[who.ID])+"\n"),
		chromedp.WaitVisible(chromedp.CSS(row(who.ID)+`.found[data-mark="present"]`))), "typing a badge code")
	if got, _ := st.Mark(who.ID, sid); got.Mark != data.Present || got.Device != "Door" {
		t.Fatalf("the badge code saved %+v", got)
	}
	if focused := evaluate[string](t, ctx, `document.activeElement.id`); focused != "code" {
		t.Errorf("after a code the focus is on %q, not ready for the next badge", focused)
	}
	must(t, chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#code"), "QQ99\n"),
		chromedp.WaitVisible(chromedp.CSS("#status.problem"))), "typing an unknown code")
	if msg := evaluate[string](t, ctx, `document.getElementById("status").textContent`); msg != "No one has the code QQ99." {
		t.Errorf("an unknown code says %q", msg)
	}
}

// The page at a phone's size, in English, French and Spanish, as a helper
// sees it: no sideways scrolling, buttons big enough for a thumb, fields'
// hints whole, counts in the language's plural forms, the browser's
// language; a phone signed in without a name is asked for one. The
// screenshots go to $VENUE_SHOTS when set, to be looked at.
func TestBrowserPhoneSizeInEnglishFrenchAndSpanish(t *testing.T) {
	st, w := demoStore(t)
	srv := serveOn(t, Config{Store: st, WorkshopID: w, Now: lagosAt(10, 15)})
	dir := os.Getenv("VENUE_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	ctx := browser(t, "en")
	for _, c := range []struct {
		lang, accept, session, search, nameTitle string
		counted                                  map[data.Mark][2]string // one, many
		one                                      func(n int) bool        // the language's "one" (CLDR)
	}{
		{"en", "en-US,en;q=0.9", "Session", "Find a name", "Name this phone", map[data.Mark][2]string{
			data.Present: {"present", "present"}, data.Late: {"late", "late"}, data.Excused: {"excused", "excused"},
			data.Absent: {"absent", "absent"}, data.Unmarked: {"not yet marked", "not yet marked"}}, func(n int) bool { return n == 1 }},
		{"fr", "fr-FR,fr;q=0.9", "Séance", "Chercher un nom", "Nommer ce téléphone", map[data.Mark][2]string{
			data.Present: {"présent", "présents"}, data.Late: {"en retard", "en retard"}, data.Excused: {"excusé", "excusés"},
			data.Absent: {"absent", "absents"}, data.Unmarked: {"pas encore marqué", "pas encore marqués"}}, func(n int) bool { return n <= 1 }},
		{"es", "es-ES,es;q=0.9", "Sesión", "Buscar un nombre", "Nombrar este teléfono", map[data.Mark][2]string{
			data.Present: {"presente", "presentes"}, data.Late: {"tarde", "tarde"}, data.Excused: {"justificado", "justificados"},
			data.Absent: {"ausente", "ausentes"}, data.Unmarked: {"sin marcar", "sin marcar"}}, func(n int) bool { return n == 1 }},
	} {
		tab := phoneTab(t, ctx, c.accept)
		must(t, chromedp.Do(tab, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)), "phone size")
		shot := func(name string) {
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			must(t, err, "screenshot")
			must(t, os.WriteFile(filepath.Join(dir, "venue-"+c.lang+"-"+name+".png"), png, 0o644), "saving the screenshot")
		}
		must(t, chromedp.Do(tab, chromedp.Navigate(srv.Address()), chromedp.WaitVisible(chromedp.CSS("#pin"))), "the login page")
		shot("login")
		must(t, chromedp.Do(tab, chromedp.SendKeys(chromedp.CSS("#pin"), srv.PIN()), chromedp.Click(chromedp.CSS("#sign-in")),
			chromedp.WaitVisible(chromedp.CSS("#name-dialog[open]"))), "signing in without a name")
		if got := evaluate[string](t, tab, `document.querySelector("#name-dialog h2").textContent`); got != c.nameTitle {
			t.Errorf("%s: the name dialog says %q", c.lang, got)
		}
		shot("name")
		must(t, chromedp.Do(tab, chromedp.SendKeys(chromedp.CSS("#name"), "Salle B"), chromedp.Click(chromedp.CSS("#name-save")),
			chromedp.WaitVisible(chromedp.CSS("#people li")), chromedp.WaitNotVisible(chromedp.CSS("#name-dialog"))), "naming the phone")
		first := evaluate[string](t, tab, `document.querySelector("#people li").dataset.id`)
		must(t, chromedp.Do(tab, chromedp.Click(chromedp.CSS(`#people li[data-id="`+first+`"] button[aria-pressed="false"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#people li[data-id="`+first+`"][data-state="saved"]`))), "marking")
		shot("marking")
		if wide := evaluate[int](t, tab, `document.documentElement.scrollWidth`); wide > 390 {
			t.Errorf("%s: the page is %d px wide on a 390 px phone", c.lang, wide)
		}
		if small := evaluate[int](t, tab, `Array.from(document.querySelectorAll(".marks button, #badge button, #sign-out")).filter(b => b.getBoundingClientRect().height < 44 || b.getBoundingClientRect().width < 44).length`); small != 0 {
			t.Errorf("%s: %d buttons are smaller than 44 px", c.lang, small)
		}
		// Each field's hint fits in it, in the field's own font.
		if cut := evaluate[string](t, tab, `(() => {
			const g = document.createElement("canvas").getContext("2d");
			return Array.from(document.querySelectorAll("#search, #code")).map(i => {
				const s = getComputedStyle(i);
				g.font = s.font;
				const need = g.measureText(i.placeholder).width;
				const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
				return need > room ? i.id + ": " + i.placeholder + " needs " + Math.ceil(need) + " px of " + Math.floor(room) : "";
			}).filter(Boolean).join("; ");
		})()`); cut != "" {
			t.Errorf("%s: a field's hint is cut: %s", c.lang, cut)
		}
		// The counts in the language's plural forms, for 0, 1 and many.
		session := evaluate[int64](t, tab, `Number(document.getElementById("session").value)`)
		marks, err := st.SessionMarks(session)
		must(t, err, "reading the marks")
		n := map[data.Mark]int{}
		for _, p := range confirmed(t, st, w) {
			n[marks[p.ID].Mark]++
		}
		var want []string
		for _, m := range []data.Mark{data.Present, data.Late, data.Excused, data.Absent, data.Unmarked} {
			word := c.counted[m][1]
			if c.one(n[m]) {
				word = c.counted[m][0]
			}
			want = append(want, fmt.Sprintf("%d %s", n[m], word))
		}
		if got := evaluate[string](t, tab, `document.getElementById("counts").textContent`); got != strings.Join(want, " · ") {
			t.Errorf("%s: the counts say %q, want %q", c.lang, got, strings.Join(want, " · "))
		}
		if n[data.Excused] != 0 || n[data.Absent] != 1 || n[data.Present] < 2 {
			t.Errorf("the demo's session no longer counts 0, 1 and many (%v): change the session the test marks", n)
		}
		if got := evaluate[string](t, tab, `document.getElementById("search").placeholder + "|" + document.documentElement.lang`); got != c.search+"|"+c.lang {
			t.Errorf("%s: the page speaks %q", c.lang, got)
		}
		if got := evaluate[string](t, tab, `document.getElementById("device-name").textContent`); got != "Salle B" {
			t.Errorf("%s: the phone is named %q", c.lang, got)
		}
	}
	t.Logf("screenshots in %s", dir)
}

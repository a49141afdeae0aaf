package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
	"golang.org/x/text/unicode/norm"
)

func writeBadges(t *testing.T, d data.BadgeData, layout BadgeLayout, tents bool) ([]byte, []Unprintable) {
	t.Helper()
	var buf bytes.Buffer
	un, err := WriteBadges(d, layout, tents, &buf)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), un
}

// pageCount asks poppler how many pages a PDF has.
func pageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(datatest.RequireTool(t, "pdfinfo", "poppler-utils"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Pages:"); ok {
			n := 0
			for _, r := range strings.TrimSpace(rest) {
				n = n*10 + int(r-'0')
			}
			return n
		}
	}
	t.Fatal("pdfinfo gives no page count")
	return 0
}

// The demo's badges, eight to a page: the names exact (tone marks,
// hooked letters), each participant's QR code read by zbar as their
// sign-in code, the one the sign-in sheets print, eight to a full page.
func TestBadgesHoldNamesAndSignInCodesEightToAPage(t *testing.T) {
	st, res := demoStore(t)
	d, err := st.BadgeData(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	pdf, un := writeBadges(t, d, BadgesA4x8, false)
	if len(un) != 0 {
		t.Errorf("unprintable names in the demo: %+v", un)
	}
	var names []string
	for _, b := range d.Badges {
		names = append(names, nonEmpty(b.Given, b.Family)...)
	}
	assertHolds(t, pdf, names)

	sheets, err := st.SignInData(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	codes := data.SignInCodes(sheets.Participants)
	dir := t.TempDir()
	path := filepath.Join(dir, "badges.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	perPage := BadgesA4x8.PerPage()
	if n, want := pageCount(t, path), (len(d.Badges)+perPage-1)/perPage; n != want || perPage != 8 {
		t.Errorf("%d pages for %d badges, want %d", n, len(d.Badges), want)
	}
	zbar := datatest.RequireTool(t, "zbarimg", "zbar-tools")
	if out, err := exec.Command(datatest.RequireTool(t, "pdftoppm", "poppler-utils"), "-r", "150", "-png", path,
		filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	slices.Sort(pages)
	for i, page := range pages {
		out, _ := exec.Command(zbar, "--raw", "-q", "-S*.disable", "-Sqrcode.enable", page).Output()
		got := strings.Fields(string(out))
		var want []string
		for _, b := range d.Badges[i*perPage : min(len(d.Badges), (i+1)*perPage)] {
			if b.Role == data.BadgeParticipant {
				if b.Code != codes[b.PersonID] {
					t.Errorf("%s's badge holds %q, the sign-in sheets %q", b.Name, b.Code, codes[b.PersonID])
				}
				want = append(want, b.Code)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("page %d: zbar reads %v, want the sign-in codes %v", i+1, got, want)
		}
		if i == 0 && len(got) != 8 {
			t.Errorf("the first page has %d QR codes, want 8", len(got))
		}
	}
}

// Four A6 badges to a page, and table cards with the name on both faces
// (one of them turned round), one card to a page.
func TestA6BadgesAndTableCards(t *testing.T) {
	st, res := demoStore(t)
	d, err := st.BadgeData(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	d.Badges = d.Badges[:6]
	dir := t.TempDir()
	for _, c := range []struct {
		tents  bool
		layout BadgeLayout
		pages  int
	}{{false, BadgesA6x4, 2}, {true, BadgesA4x8, 6}} {
		pdf, _ := writeBadges(t, d, c.layout, c.tents)
		path := filepath.Join(dir, string(c.layout)+".pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		if n := pageCount(t, path); n != c.pages {
			t.Errorf("tents %v, %s: %d pages, want %d", c.tents, c.layout, n, c.pages)
		}
		if c.tents {
			runs := pdfText(t, pdf)
			if n := strings.Count(strings.Join(runs, "\n"), nfc(d.Badges[0].Family)); n != 2 {
				t.Errorf("%s is on a table card %d times, want twice", d.Badges[0].Family, n)
			}
		}
	}
}

// A name in a script the PDF's font lacks (Vai) is not printed blank or
// in part: the badge has a line to write it by hand, and the name is
// returned to be said.
func TestABadgeWhoseNameTheFontCannotDrawSaysSo(t *testing.T) {
	vai := "\uA549\uA55C\uA56E\uA514"
	d := data.BadgeData{Workshop: data.Workshop{Title: "T", City: "Lagos", Language: data.English},
		Badges: []data.Badge{{Role: data.BadgeParticipant, Given: "Aïssatou", Family: vai, Name: "Aïssatou " + vai, Code: "XA1"},
			{Role: data.BadgeTrainer, Family: "Ọ̀ṣun Bello", Name: "Ọ̀ṣun Bello"}}}
	pdf, un := writeBadges(t, d, BadgesA4x8, false)
	if len(un) != 1 || un[0].Badge.Code != "XA1" || un[0].Missing != vai {
		t.Fatalf("unprintable %+v", un)
	}
	text := joined(pdfText(t, pdf))
	if strings.Contains(text, "Aïssatou") || !strings.Contains(text, "write by hand") || !strings.Contains(text, nfc("Ọ̀ṣun Bello")) {
		t.Errorf("badges read %q", text)
	}
}

// Arabic and Hebrew names are drawn joined and from the right, and read
// back as typed; a name with marks above capitals (Ọ̀ṣun) reads back whole.
func TestBadgeNamesInArabicAndHebrewAreJoinedAndRightToLeft(t *testing.T) {
	d := data.BadgeData{Workshop: data.Workshop{Title: "T", City: "Lagos", Language: data.English},
		Badges: []data.Badge{
			{Role: data.BadgeParticipant, Given: "يوسف", Family: "العمراني", Name: "يوسف العمراني", Code: "YA1"},
			{Role: data.BadgeParticipant, Given: "דוד", Family: "כהן", Name: "דוד כהן", Code: "DK1"},
			{Role: data.BadgeTrainer, Given: "Ọ̀ṣun", Family: "Bello", Name: "Ọ̀ṣun Bello"}}}
	pdf, un := writeBadges(t, d, BadgesA4x8, false)
	if len(un) != 0 {
		t.Fatalf("unprintable %+v", un)
	}
	var joinedArabic, hebrew bool
	for _, run := range drawnText(t, pdf) {
		runes := []rune(run)
		if strings.ContainsFunc(run, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
			t.Errorf("Arabic drawn unshaped: %s", codes(run))
		}
		// يوسف drawn from the left: feh final first, yeh initial last.
		if len(runes) == 4 && runes[0] == 0xFED2 && runes[3] == 0xFEF3 {
			joinedArabic = true
		}
		if run == "דוד" || run == "ןהכ" {
			hebrew = true
		}
	}
	if !joinedArabic || !hebrew {
		t.Errorf("Arabic joined from the right %v, Hebrew from the right %v: drawn %q", joinedArabic, hebrew, drawnText(t, pdf))
	}
	out, ok := popplerText(t, pdf)
	if !ok {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	read := norm.NFKC.String(out)
	for _, name := range []string{"يوسف", "العمراني", "כהן", nfc("Ọ̀ṣun")} {
		if !strings.Contains(read, name) {
			t.Errorf("pdftotext does not read %q back; it reads:\n%s", name, read)
		}
	}
}

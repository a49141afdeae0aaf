package app

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

func pngFile(t *testing.T) (string, []byte) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for x := range 40 {
		img.Set(x, 10, color.NRGBA{0x2f, 0x6f, 0xc0, 0xff})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// hasLogo finds a logo drawn from its bytes (not the placeholder icon):
// a thumbnail the cache made from them, or from any logo when logo is nil.
func hasLogo(o fyne.CanvasObject, logo []byte) bool {
	found := false
	walk(o, func(x fyne.CanvasObject) {
		if img, ok := x.(*canvas.Image); ok && x.Visible() && img.Image != nil && thumbnailFrom(img.Image, logo) {
			found = true
		}
	})
	return found
}

// thumbnailFrom tells whether img is a thumbnail the cache decoded from
// logo (from any bytes when logo is nil).
func thumbnailFrom(img image.Image, logo []byte) bool {
	thumbnails.Lock()
	defer thumbnails.Unlock()
	for k, v := range thumbnails.m {
		if v == img && (logo == nil || k.sum == sha256.Sum256(logo)) {
			return true
		}
	}
	return false
}

func TestAddingAnOrganisationWithALogoAndRoles(t *testing.T) {
	st, lagos, _ := twoWorkshops(t)
	c, _ := openAt(t, "en", st, lagos.ID)
	p := c.screen.form.organisations
	if !hasText(p.box, "No organisations yet.") {
		t.Fatalf("empty list says %q", visibleTexts(p.box))
	}

	test.Tap(findButton(p.box, "Add organisation…"))
	f := lastOf[*organisationDialog](c)
	typeOver(c, f.name, "Yemisi Shyllon Museum of Art")
	typeOver(c, f.short, "YSMA")
	f.country.SetSelected("Nigeria")
	f.role.SetSelected("Host")

	// A file that is not an image, then a 50 MB one: a message each, no logo.
	notImage := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(notImage, []byte("%PDF-1.4 not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	f.useLogoFile(notImage)
	if got := f.rows["logo"].problem; !got.Visible() || got.Text != "Logo must be a PNG or JPEG image." {
		t.Errorf("not an image: %q", got.Text)
	}
	huge := filepath.Join(t.TempDir(), "scan.png")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 50<<20); err != nil { // sparse: 50 MB that take no disk
		t.Fatal(err)
	}
	f.useLogoFile(huge)
	if got := f.rows["logo"].problem.Text; got != "Logo is 51200 KB; at most 2048 KB." {
		t.Errorf("50 MB file: %q", got)
	}
	if f.logo != nil || hasLogo(f.thumb, nil) {
		t.Fatal("a refused file became the logo")
	}
	if orgs, _ := st.Organisations(); len(orgs) != 0 {
		t.Fatal("choosing a logo saved something")
	}

	path, logo := pngFile(t)
	f.useLogoFile(path)
	if f.rows["logo"].problem.Visible() || !hasLogo(f.thumb, logo) {
		t.Fatalf("a PNG was refused: %q", f.rows["logo"].problem.Text)
	}
	pressEnter(f.name)
	orgs, err := st.WorkshopOrganisations(lagos.ID)
	if err != nil || len(orgs) != 1 {
		t.Fatalf("after Add: %+v %v", orgs, err)
	}
	o := orgs[0]
	if o.Name != "Yemisi Shyllon Museum of Art" || o.ShortName != "YSMA" || o.Country != "NG" || o.Role != data.RoleHost ||
		!bytes.Equal(o.Logo, logo) || o.LogoType != "image/png" {
		t.Errorf("saved %+v (logo %d bytes)", o.Organisation, len(o.Logo))
	}
	if !hasText(p.box, "Yemisi Shyllon Museum of Art (YSMA)") || !hasLogo(p.box, logo) || findButton(p.box, "Host") == nil {
		t.Errorf("the list shows %q", visibleTexts(p.box))
	}

	// Another role, then the first one taken away.
	var addRole *widget.Select
	walk(p.box, func(x fyne.CanvasObject) {
		if s, ok := x.(*widget.Select); ok && s.PlaceHolder == "Add a role" {
			addRole = s
		}
	})
	if addRole == nil {
		t.Fatal("no Add a role picker")
	}
	addRole.SetSelected("Partner")
	if orgs, _ := st.WorkshopOrganisations(lagos.ID); len(orgs) != 2 || orgs[1].Role != data.RolePartner {
		t.Fatalf("after adding a role: %+v", orgs)
	}
	test.Tap(findButton(p.box, "Host"))
	if orgs, _ := st.WorkshopOrganisations(lagos.ID); len(orgs) != 1 || orgs[0].Role != data.RolePartner {
		t.Fatalf("after removing Host: %+v", orgs)
	}

	// Editing: an empty name is refused beside the field and changes nothing.
	test.Tap(findButton(p.box, "Edit…"))
	f = lastOf[*organisationDialog](c)
	typeOver(c, f.name, "")
	test.Tap(f.save)
	if got := f.rows["name"].problem.Text; got != "Name is required." {
		t.Errorf("empty name: %q", got)
	}
	if got, _ := st.Organisation(o.ID); got.Name != o.Name {
		t.Fatalf("a refused edit changed the name to %q", got.Name)
	}
	typeOver(c, f.name, "Yemisi Shyllon Museum")
	test.Tap(f.removeLogo)
	test.Tap(f.save)
	got, _ := st.Organisation(o.ID)
	if got.Name != "Yemisi Shyllon Museum" || got.Logo != nil {
		t.Errorf("after editing: %q, logo %d bytes", got.Name, len(got.Logo))
	}
	if topDialog(c) != nil || !hasText(p.box, "Yemisi Shyllon Museum (YSMA)") {
		t.Errorf("after editing the list shows %q", visibleTexts(p.box))
	}

	// The organisation is offered when adding organisations to Dakar.
	var dakar data.Workshop
	for _, w := range c.screen.items {
		if strings.HasPrefix(w.City, "Dakar") {
			dakar = w
		}
	}
	c.screen.selectID(dakar.ID)
	test.Tap(findButton(p.box, "Add organisation…"))
	f = lastOf[*organisationDialog](c)
	f.pick.SetSelectedIndex(1)
	if f.name.Text != "Yemisi Shyllon Museum" {
		t.Fatalf("picking an existing organisation shows %q", f.name.Text)
	}
	f.role.SetSelected("Supporter")
	test.Tap(f.save)
	if orgs, _ := st.WorkshopOrganisations(dakar.ID); len(orgs) != 1 || orgs[0].ID != o.ID || orgs[0].Role != data.RoleSupporter {
		t.Errorf("Dakar has %+v", orgs)
	}
	if all, _ := st.Organisations(); len(all) != 1 {
		t.Errorf("the file has %d organisations, want the one shared", len(all))
	}
}

// The Details tab shows, when it comes back, the organisations' rows made
// the first time (issue 17: each visit made them anew, and Fyne kept what
// it drew of the old ones for a minute); a row whose roles changed is made
// again, and shows the change.
func TestDetailsTabKeepsOrganisationRowsThatDidNotChange(t *testing.T) {
	st, res := demoStore(t)
	c := windowOn(t, st, data.Workshop{ID: res.Lagos})
	c.screen.tabs.SelectIndex(0)
	p := c.screen.form.organisations
	rows := func() []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, o := range p.box.Objects {
			if _, sep := o.(*widget.Separator); !sep && o != p.add {
				out = append(out, o)
			}
		}
		return out
	}
	before := rows()
	if len(before) < 2 {
		t.Fatalf("the demo workshop shows %d organisations, want at least two", len(before))
	}
	tabOf[*scheduleScreen](t, c)
	c.screen.selectID(res.Planned)
	c.screen.tabs.SelectIndex(0)
	c.screen.selectID(res.Lagos)
	after := rows()
	if len(after) != len(before) {
		t.Fatalf("%d rows, then %d", len(before), len(after))
	}
	for i := range after {
		if after[i] != before[i] {
			t.Errorf("row %d was made again though nothing in it changed", i+1)
		}
	}

	orgs, err := st.WorkshopOrganisations(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	first := orgs[0]
	var missing data.Role
	for _, r := range data.Roles {
		held := false
		for _, o := range orgs {
			held = held || (o.ID == first.ID && o.Role == r)
		}
		if !held {
			missing = r
			break
		}
	}
	if missing == "" {
		t.Fatalf("%s holds every role already", first.Name)
	}
	if err := st.AddOrganisationRole(res.Lagos, first.ID, missing); err != nil {
		t.Fatal(err)
	}
	p.show(res.Lagos)
	changed := rows()
	if changed[0] == before[0] || findButton(changed[0], roleName(missing)) == nil {
		t.Errorf("the row of %s was not made again with its new role %s: %q", first.Name, missing, visibleTexts(changed[0]))
	}
	for i := 1; i < len(changed); i++ {
		if changed[i] != before[i] {
			t.Errorf("row %d was made again though only the first changed", i+1)
		}
	}
}

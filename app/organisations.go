package app

import (
	"crypto/sha256"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

const organisationDialogWidth = 600

func organisationFieldLabel(field string) string { return fieldLabel("organisations.field.", field) }

// unreadable says that an image file could not be read, and logs why.
func unreadable(path string, err error) string {
	fyne.LogError("Reading "+path, err)
	return lang.X("organisations.logo_unreadable", "{{.File}} could not be read.", map[string]any{"File": filepath.Base(path)})
}

// logoImage shows logo bytes as a thumbnail of at most w×h.
// A logo that cannot be decoded shows as no logo does.
func logoImage(logo []byte, w, h float32) fyne.CanvasObject {
	var thumb image.Image
	if len(logo) > 0 {
		// From the bitmap decoded once: an image made from the bytes would
		// be decoded again at full size on every refresh (thumbnails.go).
		thumb = thumbnail(logo, int(w*thumbnailScale), int(h*thumbnailScale))
	}
	if thumb == nil {
		icon := widget.NewIcon(theme.MediaPhotoIcon())
		return container.NewGridWrap(fyne.NewSize(w, h), icon)
	}
	img := canvas.NewImageFromImage(thumb)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(w, h))
	return img
}

// readImage reads an image file for a logo or a signature (label names
// which), or says why it cannot be one. The size is checked before reading,
// so that choosing a 50 MB scan by mistake does not load it into memory.
func readImage(path, label string) ([]byte, string) {
	tooBig := func(size int64) string {
		return fieldMessage(data.FieldError{Key: "error.logo_too_big",
			Args:    map[string]any{"Size": size / 1024, "Max": data.MaxLogoBytes / 1024},
			Message: fmt.Sprintf("Logo is %d KB; at most %d KB.", size/1024, data.MaxLogoBytes/1024)}, label)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	if info.Size() > data.MaxLogoBytes {
		return nil, tooBig(info.Size())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, unreadable(path, err)
	}
	if len(b) > data.MaxLogoBytes { // the file grew between the two looks
		return nil, tooBig(int64(len(b)))
	}
	if data.SniffImage(b) == "" {
		return nil, fieldMessage(data.FieldError{Key: "error.logo_format", Message: "Logo must be a PNG or JPEG image."}, label)
	}
	return b, ""
}

// organisationsPanel lists a workshop's organisations by role on the
// Details tab, with their logos, and edits them. Role changes are saved at
// once; adding or editing an organisation goes through a dialog.
type organisationsPanel struct {
	c          *controller
	workshopID int64
	box        *fyne.Container
	add        fyne.CanvasObject
	none       *widget.Label
	// rows are the rows made so far, by organisation, each kept for as
	// long as what it shows is the same. The tab came back on every visit
	// with rows made anew, and Fyne keeps what it draws of the old ones
	// for a minute: a walk of the tabs left another set of rows behind
	// each time (issue 17). A file's organisations are a few dozen.
	rows map[int64]organisationRow
}

// organisationRow is an organisation's row and what it was made from.
type organisationRow struct {
	shows   string
	obj     fyne.CanvasObject
	addRole *widget.Select
}

func newOrganisationsPanel(c *controller) *organisationsPanel {
	p := &organisationsPanel{c: c, box: container.NewVBox(), rows: map[int64]organisationRow{}}
	p.add = container.NewHBox(widget.NewButtonWithIcon(lang.X("organisations.add", "Add organisation…"), theme.ContentAddIcon(), func() {
		p.showDialog(data.Organisation{}, true)
	}))
	p.none = widget.NewLabel(lang.X("organisations.none", "No organisations yet."))
	p.none.Importance = widget.LowImportance
	return p
}

// show lists the organisations of a workshop.
func (p *organisationsPanel) show(workshopID int64) {
	p.workshopID = workshopID
	orgs, err := p.c.st.WorkshopOrganisations(workshopID)
	if err != nil {
		p.box.RemoveAll()
		p.c.readFailed(err)
		return
	}
	objs := make([]fyne.CanvasObject, 0, 2*len(orgs)+1)
	if len(orgs) == 0 {
		objs = append(objs, p.none)
	}
	// One row per organisation, in the printed order of its first role.
	var order []int64
	roles := map[int64][]data.Role{}
	byID := map[int64]data.Organisation{}
	for _, o := range orgs {
		if _, seen := byID[o.ID]; !seen {
			order = append(order, o.ID)
			byID[o.ID] = o.Organisation
		}
		roles[o.ID] = append(roles[o.ID], o.Role)
	}
	for i, id := range order {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		objs = append(objs, p.rowFor(byID[id], roles[id]))
	}
	p.box.Objects = append(objs, p.add)
	p.box.Refresh()
}

// rowFor is the row of o in the roles held, the one made before when it
// would show the same, with nothing chosen in its role picker.
func (p *organisationsPanel) rowFor(o data.Organisation, held []data.Role) fyne.CanvasObject {
	shows := fmt.Sprintf("%q %q %q %q %x %v", o.Name, o.ShortName, o.Country, o.Website, sha256.Sum256(o.Logo), held)
	if r, ok := p.rows[o.ID]; ok && r.shows == shows && (r.addRole == nil || r.addRole.SelectedIndex() < 0) {
		return r.obj
	}
	r := p.row(o, held)
	r.shows = shows
	p.rows[o.ID] = r
	return r.obj
}

func (p *organisationsPanel) row(o data.Organisation, held []data.Role) organisationRow {
	name := widget.NewLabel(organisationTitle(o))
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapWord
	chips := container.NewHBox()
	for _, r := range held {
		remove := widget.NewButtonWithIcon(roleName(r), theme.CancelIcon(), func() {
			if err := p.c.st.RemoveOrganisationRole(p.workshopID, o.ID, r); err != nil {
				p.c.saveFailed(err)
			}
			p.show(p.workshopID)
		})
		remove.Importance = widget.LowImportance
		remove.IconPlacement = widget.ButtonIconTrailingText
		chips.Add(remove)
	}
	var missing []string
	var missingRoles []data.Role
	for _, r := range data.Roles {
		if !slices.Contains(held, r) {
			missing = append(missing, roleName(r))
			missingRoles = append(missingRoles, r)
		}
	}
	actions := container.NewHBox()
	var addRole *widget.Select
	if len(missing) > 0 {
		addRole = widget.NewSelect(missing, nil)
		addRole.PlaceHolder = lang.X("organisations.add_role", "Add a role")
		addRole.OnChanged = func(string) {
			i := addRole.SelectedIndex()
			if i < 0 {
				return
			}
			if err := p.c.st.AddOrganisationRole(p.workshopID, o.ID, missingRoles[i]); err != nil {
				p.c.saveFailed(err)
			}
			p.show(p.workshopID)
		}
		actions.Add(addRole)
	}
	actions.Add(widget.NewButtonWithIcon(lang.X("organisations.edit", "Edit…"), theme.DocumentCreateIcon(), func() {
		p.showDialog(o, false)
	}))
	var details []string
	if o.Country != "" {
		details = append(details, countryName(o.Country))
	}
	if o.Website != "" {
		details = append(details, o.Website)
	}
	info := container.NewVBox(name)
	if len(details) > 0 {
		sub := widget.NewLabel(strings.Join(details, " · "))
		sub.SizeName = theme.SizeNameCaptionText
		sub.Truncation = fyne.TextTruncateEllipsis
		info.Add(sub)
	}
	info.Add(container.NewHScroll(chips))
	return organisationRow{addRole: addRole, obj: container.NewBorder(nil, nil, container.NewCenter(logoImage(o.Logo, 72, 48)),
		container.NewCenter(actions), info)}
}

// organisationTitle is the name with its short form.
func organisationTitle(o data.Organisation) string {
	if o.ShortName != "" && o.ShortName != o.Name {
		return o.Name + " (" + o.ShortName + ")"
	}
	return o.Name
}

// organisationDialog adds an organisation in a role (new, or one already in
// the file from another workshop), or edits one.
type organisationDialog struct {
	p        *organisationsPanel
	d        *modal
	adding   bool
	org      data.Organisation // the organisation edited; ID 0 for a new one
	logo     []byte            // the logo as it will be saved
	existing []data.Organisation

	pick                   *widget.Select
	name, short, website   *widget.Entry
	country, role          *widget.Select
	countries              *countryList
	thumb                  *fyne.Container
	chooseLogo, removeLogo *widget.Button
	rows                   map[string]*fieldRow
	general                *widget.Label
	save                   *widget.Button
}

func (p *organisationsPanel) showDialog(o data.Organisation, adding bool) *organisationDialog {
	f := &organisationDialog{p: p, adding: adding, org: o, logo: o.Logo, rows: map[string]*fieldRow{},
		countries: countriesIn(uiLanguage())}
	f.name, f.short, f.website = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.website.SetPlaceHolder("https://")
	f.country = widget.NewSelect(append([]string{lang.X("organisations.no_country", "(none)")}, f.countries.names...), nil)
	f.country.PlaceHolder = lang.X("country.choose", "Choose a country")
	for _, e := range []*widget.Entry{f.name, f.short, f.website} {
		e.OnSubmitted = func(string) { f.submit() }
	}
	f.thumb = container.NewStack()
	f.chooseLogo = widget.NewButtonWithIcon(lang.X("organisations.choose_logo", "Choose image…"), theme.FolderOpenIcon(), f.openLogo)
	f.removeLogo = widget.NewButtonWithIcon(lang.X("organisations.remove_logo", "Remove"), theme.DeleteIcon(), func() {
		f.logo = nil
		f.rows["logo"].setProblem("")
		f.showLogo()
	})
	f.fill(o)

	form := widget.NewForm()
	if adding {
		all, err := p.c.st.Organisations()
		if err != nil {
			p.c.readFailed(err)
		}
		f.existing = all
		names := []string{lang.X("organisations.new", "A new organisation")}
		for _, x := range all {
			names = append(names, organisationTitle(x))
		}
		f.pick = widget.NewSelect(names, func(string) {
			if i := f.pick.SelectedIndex(); i > 0 {
				f.fill(f.existing[i-1])
			} else {
				f.fill(data.Organisation{})
			}
		})
		f.pick.SetSelectedIndex(0)
		form.Append(lang.X("organisations.field.which", "Organisation"), f.pick)
		roleNames := make([]string, len(data.Roles))
		for i, r := range data.Roles {
			roleNames[i] = roleName(r)
		}
		f.role = widget.NewSelect(roleNames, nil)
		f.role.SetSelectedIndex(0)
	}
	logoRow := container.NewBorder(nil, nil, f.thumb, nil, container.NewHBox(f.chooseLogo, f.removeLogo))
	for _, field := range []struct {
		name  string
		input fyne.CanvasObject
	}{{"name", f.name}, {"short_name", f.short}, {"country", f.country}, {"website", f.website}, {"logo", logoRow}} {
		r := newFieldRow(organisationFieldLabel(field.name), field.input)
		f.rows[field.name] = r
		form.AppendItem(r.item())
	}
	if adding {
		r := newFieldRow(organisationFieldLabel("role"), f.role)
		f.rows["role"] = r
		form.AppendItem(r.item())
	}
	f.general = problemLabel()

	title := lang.X("organisations.add_title", "Add an organisation")
	saveText := lang.X("organisations.add_button", "Add")
	if !adding {
		title = lang.X("organisations.edit_title", "Edit organisation")
		saveText = lang.X("organisations.save", "Save")
	}
	f.save = mainButton(saveText, f.submit)
	cancel := cancelButton(func() { f.d.Hide() })
	f.d = p.c.newModal(title, container.NewVBox(form, f.general), cancel, f.save)
	fitDialog(f.d, organisationDialogWidth)
	f.d.Show()
	p.c.win.Canvas().Focus(f.name)
	p.c.opened(f)
	return f
}

// fill shows an organisation's fields.
func (f *organisationDialog) fill(o data.Organisation) {
	f.org, f.logo = o, o.Logo
	f.name.SetText(o.Name)
	f.short.SetText(o.ShortName)
	f.website.SetText(o.Website)
	f.countries.show(f.country, o.Country)
	for _, r := range f.rows {
		r.setProblem("")
	}
	f.showLogo()
}

func (f *organisationDialog) showLogo() {
	f.thumb.Objects = []fyne.CanvasObject{logoImage(f.logo, 96, 48)}
	f.thumb.Refresh()
	if len(f.logo) == 0 {
		f.removeLogo.Disable()
	} else {
		f.removeLogo.Enable()
	}
}

func (f *organisationDialog) openLogo() {
	chooseImage(f.p.c.win, f.rows["logo"].setProblem, f.useLogoFile)
}

// chooseImage asks for a PNG or JPEG file and hands its path to use; what
// goes wrong with the dialog itself goes to problem.
func chooseImage(win fyne.Window, problem func(string), use func(path string)) {
	chooseFile(win, lang.X("organisations.image_title", "Choose an image (PNG or JPEG)"), lang.X("organisations.image_choose", "Choose"),
		"", []string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}, func(err error) { problem(readProblem(err)) }, use)
}

// useLogoFile takes the image at path as the logo, or says beside the
// field why it cannot, keeping the logo there was.
func (f *organisationDialog) useLogoFile(path string) {
	b, problem := readImage(path, organisationFieldLabel("logo"))
	f.rows["logo"].setProblem(problem)
	if problem == "" {
		f.logo = b
		f.showLogo()
	}
	fitDialog(f.d, organisationDialogWidth)
}

func (f *organisationDialog) submit() {
	o := f.org
	o.Name, o.ShortName, o.Website = f.name.Text, f.short.Text, f.website.Text
	o.Country = f.countries.byName[f.country.Selected]
	o.Logo = f.logo
	st := f.p.c.st
	problems := map[string]string{}
	if err := st.SaveOrganisation(&o); err != nil {
		if _, ok := data.AsValidation(err); !ok {
			problems[""] = saveProblem(err)
		}
		for field, msg := range problemsLabelled(err, organisationFieldLabel) {
			problems[field] = msg
		}
	} else if f.org = o; f.adding {
		if err := st.AddOrganisationRole(f.p.workshopID, o.ID, data.Roles[max(f.role.SelectedIndex(), 0)]); err != nil {
			problems[""] = saveProblem(err)
		}
	}
	for field, r := range f.rows {
		r.setProblem(problems[field])
	}
	if len(problems) > 0 {
		f.general.SetText(problems[""])
		f.general.Hidden = problems[""] == ""
		f.general.Refresh()
		fitDialog(f.d, organisationDialogWidth)
		return
	}
	f.d.Hide()
	f.p.show(f.p.workshopID)
}

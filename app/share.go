package app

import (
	"image"
	"image/color"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/qr"
	"github.com/atelier-workshops/atelier/say"
	"github.com/atelier-workshops/atelier/venue"
)

// Attendance › Share on this network: the laptop serves the venue page
// (package venue) so that helpers mark attendance from their phones. The
// organiser picks the network, starts sharing and shows the address, its
// QR code and the PIN; the dialog lists the phones signed in. Sharing
// stops with the Stop button, when another file is opened, or when the
// window closes. Closing the dialog keeps sharing; the menu shows it again.

// sharing is the window's one venue server, if any.
type sharing struct {
	mu  sync.Mutex // the server's goroutines read srv through changed
	srv *venue.Server
	// lastRevision is the attendance log's last row the screens showed,
	// so that a device signing in does not reload them.
	lastRevision int64
	// queued is true while a sharingChanged waits on the UI goroutine.
	queued bool
	dialog *shareDialog
}

// shareDialog is the dialog of Attendance › Share on this network.
type shareDialog struct {
	c         *controller
	workshop  data.Workshop
	modal     *modal
	choose    *widget.Select
	addresses []venue.Candidate
	start     *widget.Button
	stop      *widget.Button
	address   *widget.Label
	pin       *widget.Label
	qr        *canvas.Image
	devices   *widget.Label
	running   *fyne.Container
}

func (c *controller) shareMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(lang.X("share.menu", "Share on this network…"), func() { c.showShare() })
}

// showShare opens the sharing dialog for the selected workshop.
func (c *controller) showShare() *shareDialog {
	w, ok := c.selectedWorkshop()
	if !ok {
		return nil
	}
	d := &shareDialog{c: c, workshop: w}
	d.addresses = venue.LocalAddresses()
	var names []string
	for _, a := range d.addresses {
		names = append(names, addressName(a))
	}
	d.choose = widget.NewSelect(names, nil)
	d.choose.SetSelectedIndex(0)
	d.start = widget.NewButton(lang.X("share.start", "Start sharing"), d.startSharing)
	d.start.Importance = widget.HighImportance
	d.stop = widget.NewButton(lang.X("share.stop", "Stop sharing"), d.stopSharing)
	d.address = widget.NewLabel("")
	d.address.TextStyle.Bold = true
	d.address.Selectable = true
	d.pin = widget.NewLabel("")
	d.pin.TextStyle.Bold = true
	d.pin.SizeName = theme.SizeNameHeadingText
	d.qr = canvas.NewImageFromImage(nil)
	d.qr.FillMode = canvas.ImageFillContain
	d.qr.ScaleMode = canvas.ImageScalePixels
	d.qr.SetMinSize(fyne.NewSize(180, 180))
	d.devices = widget.NewLabel("")
	d.devices.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(lang.X("share.intro",
		"Helpers open this address on their phones, on the same network as this computer, and type the PIN. Every mark is saved into this file, with the phone’s name beside it."))
	intro.Wrapping = fyne.TextWrapWord
	warning := widget.NewLabel(lang.X("share.open_wifi",
		"The page is plain HTTP: anyone on this network can read the names and marks that pass, but nobody can mark without the PIN. Share on a network you trust."))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.LowImportance
	d.running = container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(d.qr), nil, container.NewVBox(
			widget.NewLabel(lang.X("share.address", "Address")), d.address,
			widget.NewLabel(lang.X("share.pin", "PIN")), d.pin)),
		widget.NewLabel(lang.X("share.devices", "Phones signed in")), d.devices,
	)
	content := container.NewVBox(intro,
		container.NewBorder(nil, nil, widget.NewLabel(lang.X("share.network", "Network")), d.start, d.choose),
		d.running, warning)
	d.modal = c.newModal(lang.X("share.title", "Share attendance on this network"), content,
		d.stop, widget.NewButton(lang.X("dialog.close", "Close"), func() { d.close() }))
	c.share.mu.Lock()
	c.share.dialog = d
	c.share.mu.Unlock()
	d.show()
	fitDialog(d.modal, 620)
	d.modal.Show()
	c.opened(d)
	return d
}

// addressName is how the dialog names a network to share on.
func addressName(a venue.Candidate) string {
	if a.Loopback() {
		return lang.X("share.this_computer", "This computer only ({{.Address}})", map[string]any{"Address": a.IP.String()})
	}
	return a.IP.String() + " (" + a.Interface + ")"
}

// server is the running server, nil when not sharing.
func (c *controller) server() *venue.Server {
	c.share.mu.Lock()
	defer c.share.mu.Unlock()
	return c.share.srv
}

func (d *shareDialog) startSharing() {
	c := d.c
	if c.server() != nil {
		return
	}
	i := d.choose.SelectedIndex()
	if i < 0 {
		return
	}
	addr := d.addresses[i].IP.String()
	if d.addresses[i].IP.Is6() {
		addr = "[" + addr + "]"
	}
	last, err := c.st.LastMarkRevision()
	if err != nil {
		c.readFailed(err)
		return
	}
	srv, err := venue.Start(venue.Config{Store: c.st, WorkshopID: d.workshop.ID, Addr: addr + ":",
		OnChange: c.sharingChanged, Log: func(err error) { fyne.LogError("Venue page", err) }})
	if err != nil {
		c.showFailure(lang.X("share.title", "Share attendance on this network"),
			lang.X("share.failed", "Sharing did not start."), err, say.Reading, "")
		return
	}
	c.share.mu.Lock()
	c.share.srv, c.share.lastRevision = srv, last
	c.share.mu.Unlock()
	d.show()
}

func (d *shareDialog) stopSharing() {
	d.c.stopSharing()
	d.show()
}

func (d *shareDialog) close() {
	d.c.share.mu.Lock()
	if d.c.share.dialog == d {
		d.c.share.dialog = nil
	}
	d.c.share.mu.Unlock()
	d.modal.Hide()
}

// stopSharing stops the server, if one runs: the phones' pages stop
// answering and their sessions end with it.
func (c *controller) stopSharing() {
	c.share.mu.Lock()
	srv := c.share.srv
	c.share.srv = nil
	c.share.mu.Unlock()
	if srv != nil {
		if err := srv.Close(); err != nil {
			fyne.LogError("Stopping the venue page", err)
		}
	}
}

// sharingChanged hears from the server's goroutines that a device marked,
// signed in or out: the screens read the marks again when the attendance
// log grew, and the dialog lists the devices again. Ten phones marking at
// once tell it tens of times a second, more than the window can read the
// list again: while one reading waits on the UI goroutine, the news it
// will read anyway is not queued again.
func (c *controller) sharingChanged() {
	c.share.mu.Lock()
	if c.share.srv == nil || c.share.queued {
		c.share.mu.Unlock()
		return
	}
	c.share.queued = true
	c.share.mu.Unlock()
	c.do(func() {
		// Cleared before reading, so that news arriving meanwhile
		// queues another reading rather than being lost.
		c.share.mu.Lock()
		c.share.queued = false
		last, d := c.share.lastRevision, c.share.dialog
		c.share.mu.Unlock()
		rev, err := c.st.LastMarkRevision()
		if err == nil && rev > last {
			c.share.mu.Lock()
			c.share.lastRevision = max(c.share.lastRevision, rev)
			c.share.mu.Unlock()
			if !c.closed {
				c.screen.changed(marksChanged, nil)
			}
		}
		if d != nil {
			d.show()
		}
	})
}

// show shows whether the workshop is shared, where, and who signed in.
func (d *shareDialog) show() {
	srv := d.c.server()
	if srv == nil {
		d.running.Hide()
		d.stop.Disable()
		d.start.Enable()
		d.choose.Enable()
		return
	}
	d.start.Disable()
	d.choose.Disable()
	d.stop.Enable()
	d.address.SetText(srv.Address())
	d.pin.SetText(srv.PIN())
	if d.qr.Image == nil {
		d.qr.Image = qrImage(srv.Address())
		d.qr.Refresh()
	}
	var lines []string
	for _, dev := range srv.Devices() {
		name := dev.Name
		if name == "" {
			name = lang.X("share.unnamed", "A phone not yet named")
		}
		lines = append(lines, lang.X("share.device", "{{.Name}}: signed in at {{.Since}}, {{.Marks}} marked",
			map[string]any{"Name": name, "Since": dev.Since.Format("15:04"), "Marks": dev.Marks}))
	}
	if len(lines) == 0 {
		lines = []string{lang.X("share.no_devices", "None yet.")}
	}
	if srv.PINRetired() {
		lines = append(lines, lang.X("share.retired", "Too many wrong PINs were typed: stop sharing and start again for a new PIN."))
	}
	d.devices.SetText(strings.Join(lines, "\n"))
	d.running.Show()
}

// qrImage draws a QR code of text, four modules of quiet zone around it,
// one pixel a module: the canvas scales it up without blurring.
func qrImage(text string) image.Image {
	modules := qr.Encode([]byte(text))
	const quiet = 4
	n := len(modules)
	img := image.NewGray(image.Rect(0, 0, n+2*quiet, n+2*quiet))
	for y := range n + 2*quiet {
		for x := range n + 2*quiet {
			light := y < quiet || x < quiet || y >= n+quiet || x >= n+quiet || !modules[y-quiet][x-quiet]
			if light {
				img.SetGray(x, y, color.Gray{Y: 255})
			}
		}
	}
	return img
}

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's file dialogs in the interface language. Fyne words most of them
// through its own translations (Open, Cancel, New Folder, Show Hidden
// Files…, which it has in French and Spanish), and Atelier gives each
// dialog its own title and buttons. The places on the left (Home,
// Computer, Desktop, Documents…) Fyne 2.7 writes in English with no
// translation at all; their list is relabelled here through its exported
// UpdateItem, after Fyne names them. Should a later Fyne lay the dialog
// out otherwise, the list is not found and the places stay in English;
// nothing else changes. What Fyne does not allow: the dialog's messages
// when a folder cannot be created, which it writes in English.

// showFileDialog shows d, titled and with its buttons in Atelier's words,
// then its places in the interface language.
func showFileDialog(win fyne.Window, d *dialog.FileDialog, title, confirm string) {
	d.SetTitleText(title)
	d.SetConfirmText(confirm)
	d.SetDismissText(lang.X("dialog.cancel", "Cancel"))
	d.Resize(fyne.NewSize(860, 560))
	d.Show()
	if pop, ok := win.Canvas().Overlays().Top().(*widget.PopUp); ok {
		eachList(pop.Content, relabelPlaces)
		// Laid out again, the column of places takes the width of the
		// longest name in the interface language.
		pop.Content.Refresh()
	}
}

// chooseFile asks for a file to read, in Fyne's open dialog titled title
// and confirmed with confirm: it starts in the folder dir when there is
// one, shows only the endings exts when given, and hands the path chosen
// to picked, or the error the dialog met to failed; a cancel does nothing.
func chooseFile(win fyne.Window, title, confirm, dir string, exts []string, failed func(error), picked func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			failed(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		picked(path)
	}, win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	startIn(d, dir)
	showFileDialog(win, d, title, confirm)
}

// startIn opens d in the folder dir, when there is one and it can be
// listed.
func startIn(d *dialog.FileDialog, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// eachList finds the lists inside o.
func eachList(o fyne.CanvasObject, found func(*widget.List)) {
	switch x := o.(type) {
	case *widget.List:
		found(x)
	case *fyne.Container:
		for _, child := range x.Objects {
			eachList(child, found)
		}
	case *container.Split:
		eachList(x.Leading, found)
		eachList(x.Trailing, found)
	case *container.Scroll:
		eachList(x.Content, found)
	}
}

// fynePlaceTemplate is the text of the template item Fyne sizes its list
// of places by.
const fynePlaceTemplate = "Template Object"

// relabelPlaces names the places of a file dialog's list in the interface
// language, each time the list draws one. Fyne sizes the list, and the
// column it stands in, by a template item holding fynePlaceTemplate,
// narrower than "Dossier personnel": the template holds the longest name
// instead, so that none is cut.
func relabelPlaces(l *widget.List) {
	update := l.UpdateItem
	if update == nil {
		return
	}
	if create := l.CreateItem; create != nil {
		l.CreateItem = func() fyne.CanvasObject {
			item := create()
			if box, ok := item.(*fyne.Container); ok {
				for _, o := range box.Objects {
					if label, ok := o.(*widget.Label); ok && label.Text == fynePlaceTemplate {
						label.SetText(longestPlaceName())
					}
				}
			}
			return item
		}
	}
	l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		box, ok := item.(*fyne.Container)
		if !ok {
			return
		}
		for _, o := range box.Objects {
			if label, ok := o.(*widget.Label); ok {
				if name, ok := placeName(label.Text); ok {
					label.SetText(name)
				}
			}
		}
	}
	l.Refresh()
}

// fynePlaces are the places Fyne's file dialogs list, as Fyne names them.
var fynePlaces = []string{"Home", "Computer", "App Files", "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "Movies"}

// longestPlaceName is the widest of the places' names in the interface
// language, and never narrower than Fyne's own template.
func longestPlaceName() string {
	widest := fynePlaceTemplate
	width := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{}).Width }
	for _, english := range fynePlaces {
		if name, _ := placeName(english); width(name) > width(widest) {
			widest = name
		}
	}
	return widest
}

// placeName is a place of Fyne's file dialogs in the interface language.
func placeName(english string) (string, bool) {
	switch english {
	case "Home":
		return lang.X("places.home", "Home"), true
	case "Computer":
		return lang.X("places.computer", "Computer"), true
	case "App Files":
		return lang.X("places.app_files", "App Files"), true
	case "Desktop":
		return lang.X("places.desktop", "Desktop"), true
	case "Documents":
		return lang.X("places.documents", "Documents"), true
	case "Downloads":
		return lang.X("places.downloads", "Downloads"), true
	case "Music":
		return lang.X("places.music", "Music"), true
	case "Pictures":
		return lang.X("places.pictures", "Pictures"), true
	case "Videos":
		return lang.X("places.videos", "Videos"), true
	case "Movies":
		return lang.X("places.movies", "Movies"), true
	}
	return "", false
}

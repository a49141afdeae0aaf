// Command barewindow opens a bare Fyne window (two tabs, thirty labels):
// the floor that `make smoke` measures Atelier's cold start against, in the
// same run, on the same screen.
package main

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.atelier.barewindow")
	w := a.NewWindow("Bare")
	box := container.NewVBox()
	for i := range 30 {
		box.Add(widget.NewLabel(fmt.Sprintf("Label %d", i+1)))
	}
	tabs := container.NewAppTabs(
		container.NewTabItem("One", container.NewVScroll(box)),
		container.NewTabItem("Two", widget.NewLabel("Second tab")),
	)
	w.SetContent(tabs)
	w.Resize(fyne.NewSize(1100, 720))
	w.ShowAndRun()
}

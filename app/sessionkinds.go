package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/atelier-workshops/atelier/data"
)

// The kinds of session: their names, their colours, and the legend of the
// timetable.

// kindColour tells the kinds of session apart; the colours differ in hue
// and stay readable with dark text on a light tint or light text on a dark
// one.
func kindColour(k data.SessionKind) color.NRGBA {
	if c, ok := kindColours[k]; ok {
		return c
	}
	return color.NRGBA{0x88, 0x88, 0x88, 0xff} // breaks and anything unknown: grey
}

var kindColours = map[data.SessionKind]color.NRGBA{
	data.KindLecture:    {0x2f, 0x6f, 0xc0, 0xff}, // blue
	data.KindSeminar:    {0x1c, 0x9a, 0x8c, 0xff}, // teal
	data.KindHandsOn:    {0xe0, 0x7b, 0x1a, 0xff}, // orange
	data.KindFieldVisit: {0x3f, 0x9a, 0x3a, 0xff}, // green
	data.KindPanel:      {0x8a, 0x4f, 0xc0, 0xff}, // purple
	data.KindCeremony:   {0xc0, 0x3a, 0x5a, 0xff}, // crimson
}

// kindName names a kind of session in the interface language.
func kindName(k data.SessionKind) string { return named("schedule.kind.", k, "") }

// legend shows which colour is which kind, on two short lines so that it
// fits beside the Add button in every language.
func legend() fyne.CanvasObject {
	rows := [2]*fyne.Container{container.NewHBox(), container.NewHBox()}
	for i, k := range data.SessionKinds {
		sw := canvas.NewRectangle(blend(kindColour(k), 0.4))
		sw.StrokeColor = kindColour(k)
		sw.StrokeWidth = 2
		sw.CornerRadius = 3
		sw.SetMinSize(fyne.NewSize(12, 12))
		name := newSmallText(headingTextSize, textLine{text: kindName(k), colour: theme.ColorNameForeground})
		rows[i*2/len(data.SessionKinds)].Add(container.NewHBox(container.NewCenter(sw), container.NewCenter(name)))
	}
	return container.NewVBox(rows[0], rows[1])
}

// joinNames lists trainers by name in the session's order.

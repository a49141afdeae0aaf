package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// rowOrder is how the matrix and the verdicts list their participants.
type rowOrder int

const (
	byName           rowOrder = iota
	notEligibleFirst          // those who do not qualify, then those who do
)

// newOrderSelect offers the orders; changed shows the rows again.
func (v *attendanceView) newOrderSelect(changed func()) *widget.Select {
	s := widget.NewSelect([]string{lang.X("matrix.order_name", "By name"),
		lang.X("matrix.order_not_eligible", "Not eligible first")}, nil)
	s.SetSelectedIndex(int(v.order))
	s.OnChanged = func(string) {
		if o := rowOrder(s.SelectedIndex()); o != v.order {
			v.order = o
		}
		changed()
	}
	return s
}

// orderBox puts the order's label beside its choice, wide enough for the
// longest order's name.
func orderBox(order *widget.Select) fyne.CanvasObject {
	width := float32(0)
	for _, o := range order.Options {
		width = max(width, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	size := fyne.NewSize(width+theme.IconInlineSize()+4*theme.InnerPadding(), order.MinSize().Height)
	return container.NewHBox(widget.NewLabel(lang.X("matrix.order", "Order")), container.NewGridWrap(size, order))
}

// ordered fills rows with the verdicts' rows in the order chosen: by name
// as data gives them, or those who do not qualify first, by name within.
func (v *attendanceView) ordered(rows []int) []int {
	rows = rows[:0]
	for i := range v.c.verdicts.count() {
		rows = append(rows, i)
	}
	if v.order == notEligibleFirst {
		slices.SortStableFunc(rows, func(a, b int) int {
			ea, eb := v.c.verdicts.at(a).Eligible, v.c.verdicts.at(b).Eligible
			switch {
			case ea == eb:
				return 0
			case !ea:
				return -1
			}
			return 1
		})
	}
	return rows
}

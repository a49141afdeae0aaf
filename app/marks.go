package app

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"github.com/atelier-workshops/atelier/data"
)

// The attendance marks in words, letters and colours, as every screen shows them.

// markName is a mark's word in the interface language.
func markName(m data.Mark) string { return named("attendance.mark.", m, "unmarked") }

// markLetter is the one-letter form of a mark used on buttons, in the
// matrix and as its key.
func markLetter(m data.Mark) string { return named("attendance.mark.letter.", m, "") }

// markForKey reads a typed letter as a mark: the interface language's
// letter or the English one, which stays valid for hands used to it. The
// languages' letters never give one key two meanings.
func markForKey(r rune) (data.Mark, bool) {
	s := strings.ToUpper(string(r))
	for _, m := range data.Marks {
		if s == strings.ToUpper(markLetter(m)) {
			return m, true
		}
	}
	for _, m := range data.Marks {
		if s == strings.ToUpper(string(m[0])) {
			return m, true
		}
	}
	return data.Unmarked, false
}

// markImportance colours a mark the same way everywhere.
func markImportance(m data.Mark) widget.Importance {
	switch m {
	case data.Present:
		return widget.SuccessImportance
	case data.Late:
		return widget.WarningImportance
	case data.Excused:
		return widget.HighImportance
	case data.Absent:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

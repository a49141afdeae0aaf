package data

import (
	"math"
	"strconv"
)

// The one rule for attendance percentages, for every screen, document and
// command: a percentage is shown as a whole number, rounded down.
//
// Rounded down because the figure sits next to the rule's minimum: a
// participant at 79.6 % has not reached 80 %, and rounding to the nearest
// would print "80 % < 80 %" beside a refusal. Flooring can never make a
// shown figure reach a minimum the attendance did not. The verdict itself
// compares the same whole number with the minimum (see Summarize), so what
// is shown and what is decided cannot disagree.

// WholePercent is a percentage as every reader sees it: rounded down to a
// whole number, so that 79.6 % reads "79 % < 80 %" and never "80 % < 80 %".
// The tiny allowance keeps 4 of 5 (computed as 79.99999…) at 80.
func WholePercent(p float64) int { return int(math.Floor(p + 1e-9)) }

// percentOf is the share of counted sessions attended, ×100; 0 when
// nothing counts yet.
func percentOf(attended, counted int) float64 {
	if counted <= 0 {
		return 0
	}
	return float64(attended) * 100 / float64(counted)
}

// FormatPercent writes a percentage as the reader of lang expects it,
// rounded down by WholePercent: "79%" in English, "79 %" in French and
// Spanish, with a no-break space so that the sign never starts a line.
// The GUI, the documents and the command line all format with it.
func FormatPercent(p float64, lang Language) string {
	return PercentText(WholePercent(p), lang)
}

// PercentText writes a whole percentage (a rule's minimum, or the result
// of WholePercent) in lang's typography.
func PercentText(whole int, lang Language) string {
	n := strconv.Itoa(whole)
	switch lang {
	case French, Spanish:
		return n + "\u00a0%"
	}
	return n + "%"
}

// Percent is the share of counted sessions the certificate's holder
// attended, as every reader sees it (WholePercent): the same figure the
// verdict quoted when it was issued.
func (c Certificate) Percent() int {
	return WholePercent(percentOf(c.SessionsAttended, c.SessionsCounted))
}

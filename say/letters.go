package say

import (
	"errors"
	"slices"
	"strings"
	"unicode"

	"github.com/atelier-workshops/atelier/data"
)

// letterRefusals word why a participant gets no letter of a kind, by
// data's reason.
var letterRefusals = map[string]string{
	data.SkipNoPassport:   "error.letter_no_passport",
	data.SkipWithdrawn:    "error.letter_withdrawn",
	data.SkipNotInvited:   "error.letter_not_invited",
	data.SkipNoVisaNeeded: "error.letter_no_visa",
	data.SkipNoGrant:      "error.letter_no_grant",
	data.SkipNoAttendance: "error.letter_no_attendance",
	data.SkipUndrawable:   "error.letter_undrawable",
}

// travelCause words the errors of letters and of check-in by badge: a
// letter asked for that a participant cannot get, a badge's code that
// names nobody or somebody not confirmed.
func travelCause(err error) (Words, bool) {
	var refused *data.LetterRefusedError
	var badge *data.CheckInError
	switch {
	case errors.As(err, &refused):
		return LetterSkip(refused.Skip), true
	case errors.As(err, &badge) && errors.Is(err, data.ErrUnknownBadge):
		return Words{Key: "error.badge_unknown", Args: map[string]any{"Code": badge.Code}}, true
	case errors.As(err, &badge) && errors.Is(err, data.ErrNotConfirmed):
		return Words{Key: "error.badge_not_confirmed", Args: map[string]any{"Code": badge.Code, "Name": badge.Name}}, true
	}
	return Words{}, false
}

// LetterSkip words why a run of letters left a participant out.
func LetterSkip(s data.LetterSkip) Words {
	args := map[string]any{"Name": s.Name}
	if s.Reason == data.SkipUndrawable {
		// The window's font lacks these letters too: the script's name
		// is what a reader can read.
		args["Script"] = ScriptNames(s.Missing)
	}
	return Words{Key: letterRefusals[s.Reason], Args: args}
}

// ScriptNames names the scripts of letters, as Unicode does ("Adlam"),
// each once, in the order they come.
func ScriptNames(letters string) string {
	var names []string
	for _, r := range letters {
		for name, table := range unicode.Scripts {
			if name != "Common" && name != "Inherited" && unicode.Is(table, r) && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	return strings.ReplaceAll(strings.Join(names, ", "), "_", " ")
}

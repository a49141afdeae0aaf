package data

import (
	"cmp"
	"slices"
	"strconv"
)

// SignInCodes gives each participant a short code to write beside their row
// on a paper sign-in sheet, so that the sheet can be keyed in afterwards by
// typing codes instead of searching names.
//
// The scheme: the first letter of the family name, the first letter of the
// given name, both folded to A–Z (Ọ, Ɗ and Ñ become O, D and N; a name with
// no Latin letter gives X), then a number counting participants who share
// those two letters, in the order they were added (by ID): "AO1", "BK1",
// "BK2". Pass every participant of the workshop, whatever their status:
// codes then stay the same from one sheet to the next as people are
// confirmed or withdraw, and a newcomer never changes anyone else's code.
func SignInCodes(ps []Participant) map[int64]string {
	byID := slices.Clone(ps)
	slices.SortFunc(byID, func(a, b Participant) int { return cmp.Compare(a.ID, b.ID) })
	seen := map[string]int{}
	codes := make(map[int64]string, len(ps))
	for _, p := range byID {
		prefix := string(initial(p.FamilyName)) + string(initial(p.GivenName))
		seen[prefix]++
		codes[p.ID] = prefix + strconv.Itoa(seen[prefix])
	}
	return codes
}

// initial is the first A–Z letter of the folded name, upper case.
func initial(name string) byte {
	for _, r := range Fold(name) {
		if r >= 'a' && r <= 'z' {
			return byte(r - 'a' + 'A')
		}
	}
	return 'X'
}

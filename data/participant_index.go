package data

import (
	"slices"
	"strings"
)

// ParticipantIndex holds a workshop's participants with their folded
// search keys, so that a screen can filter them at every keystroke without
// going back to the file. It matches exactly what Store.Participants
// matches with the same filter.
type ParticipantIndex struct {
	People []Participant
	keys   []string
}

// NewParticipantIndex indexes people, keeping their order.
func NewParticipantIndex(people []Participant) *ParticipantIndex {
	x := &ParticipantIndex{People: people, keys: make([]string, len(people))}
	for i := range people {
		x.keys[i] = people[i].searchKey()
	}
	return x
}

// Filter returns the positions in People of those who match f.
func (x *ParticipantIndex) Filter(f ParticipantFilter) []int {
	words := strings.Fields(Fold(f.Text))
	country := strings.ToUpper(f.Country)
	out := make([]int, 0, len(x.People))
	for i := range x.People {
		p := &x.People[i]
		if country != "" && p.Country != country {
			continue
		}
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, p.Status) {
			continue
		}
		if !f.Grant.matches(p.Grant) {
			continue
		}
		if !containsAll(x.keys[i], words) {
			continue
		}
		out = append(out, i)
	}
	return out
}

func containsAll(key string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(key, w) {
			return false
		}
	}
	return true
}

func (g GrantFilter) matches(gr Grant) bool {
	switch g {
	case GrantAwarded:
		return gr.Awarded
	case GrantNotAwarded:
		return !gr.Awarded
	case GrantPaid:
		return gr.Paid
	case GrantUnpaid:
		return gr.Awarded && !gr.Paid
	}
	return true
}

package app

// Screens do not call each other when they change the selected workshop:
// each says what it changed (workshopsScreen.changed), and the screens that
// show it read it again, the tab at the front at once and the others when
// they come to the front (they read their side each time they do).

// change names a side of the selected workshop that a screen changed.
type change uint

const (
	detailsChanged       change = 1 << iota // title, place, dates, language, grant target
	ruleChanged                             // the certificate rule
	sessionsChanged                         // the programme, a session's counting or being mandatory
	trainersChanged                         // trainers, or who leads which session
	participantsChanged                     // participants, their status or grants
	marksChanged                            // attendance marks
	overridesChanged                        // an organiser's decision on someone's certificate
	organisationsChanged                    // organisations and their roles
	certificatesChanged                     // the certificate register
)

// summarised are the changes the Details tab counts or lists.
const summarised = sessionsChanged | trainersChanged | participantsChanged | marksChanged | organisationsChanged | certificatesChanged

// verdictInputs are the changes that can change who qualifies for a
// certificate.
const verdictInputs = ruleChanged | sessionsChanged | participantsChanged | marksChanged | overridesChanged

// changed is how a screen says it changed what of the selected workshop;
// by is that screen, which shows its own change itself (nil for the
// Details tab). The verdicts are read again when next asked for, the
// Details form takes a rule saved elsewhere, and the tab at the front, if
// it shows what changed, shows it again.
func (s *workshopsScreen) changed(what change, by workshopView) {
	if s.form.id() == 0 {
		return
	}
	if what&verdictInputs != 0 {
		s.c.verdicts.forget()
	}
	if what&ruleChanged != 0 {
		s.form.reloadRule()
	}
	if s.tabs.Selected() == s.tabs.Items[0] {
		if what&summarised != 0 {
			s.form.loadSummary()
		}
		return
	}
	for _, v := range s.views {
		if v != by && v.tab() == s.tabs.Selected() && v.shows()&what != 0 {
			v.show(s.form.workshop())
		}
	}
}

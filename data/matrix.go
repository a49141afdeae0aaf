package data

import (
	"fmt"
)

// AttendanceMatrix is the participants × sessions grid of a workshop:
// every confirmed participant and anyone who has a mark, against every
// session in programme order.
type AttendanceMatrix struct {
	Workshop     Workshop
	Participants []Participant
	Sessions     []Session
	marks        []Mark // row-major: participant i, session j at i*len(Sessions)+j
	row          map[int64]int
	col          map[int64]int
}

// At returns the mark of participant row i for session column j.
func (m *AttendanceMatrix) At(i, j int) Mark { return m.marks[i*len(m.Sessions)+j] }

// Set changes a cell in memory, after the store has saved it.
func (m *AttendanceMatrix) Set(i, j int, mark Mark) { m.marks[i*len(m.Sessions)+j] = mark }

// RowOf and ColumnOf find a participant's row and a session's column.
func (m *AttendanceMatrix) RowOf(participantID int64) (int, bool) {
	i, ok := m.row[participantID]
	return i, ok
}

// ColumnOf finds a session's column.
func (m *AttendanceMatrix) ColumnOf(sessionID int64) (int, bool) {
	j, ok := m.col[sessionID]
	return j, ok
}

// Summary applies the workshop's certificate rule to row i.
func (m *AttendanceMatrix) Summary(i int) AttendanceSummary {
	n := len(m.Sessions)
	return Summarize(m.Workshop.Rule, m.Sessions, m.marks[i*n:(i+1)*n])
}

// SessionCount counts the marks of column j, by mark.
func (m *AttendanceMatrix) SessionCount(j int) map[Mark]int {
	out := map[Mark]int{}
	for i := range m.Participants {
		out[m.At(i, j)]++
	}
	return out
}

// markCodes keeps each mark to one byte in the aggregated matrix query.
var markCodes = [256]Mark{'p': Present, 'l': Late, 'e': Excused, 'a': Absent}

// AttendanceMatrix loads the whole grid of a workshop. Marks arrive as one
// aggregated string per participant, which makes loading thousands of rows
// several times faster than scanning one row per mark, and they are read on
// a second connection while the participants load on the first.
func (s *Store) AttendanceMatrix(workshopID int64) (*AttendanceMatrix, error) {
	type markRows struct {
		cells map[int64]string
		err   error
	}
	marksLoaded := make(chan markRows, 1)
	go func() {
		cells, err := aggregatedMarksIn(s.r, workshopID)
		marksLoaded <- markRows{cells, err}
	}()
	w, sessions, participants, err := matrixRowsIn(s.r, workshopID)
	loaded := <-marksLoaded
	if err == nil {
		err = loaded.err
	}
	if err != nil {
		return nil, err
	}
	return newMatrix(w, sessions, participants, loaded.cells)
}

// attendanceMatrixIn loads the grid through one querier, such as the write
// transaction that acts on it, whose queries cannot run side by side.
func attendanceMatrixIn(q querier, workshopID int64) (*AttendanceMatrix, error) {
	cells, err := aggregatedMarksIn(q, workshopID)
	if err != nil {
		return nil, err
	}
	w, sessions, participants, err := matrixRowsIn(q, workshopID)
	if err != nil {
		return nil, err
	}
	return newMatrix(w, sessions, participants, cells)
}

// matrixRowsIn reads the workshop, its sessions and the participants the
// matrix has rows for.
func matrixRowsIn(q querier, workshopID int64) (w Workshop, sessions []Session, participants []Participant, err error) {
	if w, err = workshopIn(q, workshopID); err != nil {
		return
	}
	if sessions, err = sessionsIn(q, workshopID); err != nil {
		return
	}
	participants, err = queryAll(q, scanParticipant, `SELECT `+participantColumns+` FROM participants p
		WHERE workshop_id = ? AND (status = 'confirmed' OR EXISTS (SELECT 1 FROM attendance a
		WHERE a.workshop_id = p.workshop_id AND a.participant_id = p.id))`+participantOrder, workshopID)
	return
}

func newMatrix(w Workshop, sessions []Session, participants []Participant, cells map[int64]string) (*AttendanceMatrix, error) {
	m := &AttendanceMatrix{Workshop: w, Participants: participants, Sessions: sessions,
		marks: make([]Mark, len(participants)*len(sessions)),
		row:   make(map[int64]int, len(participants)), col: make(map[int64]int, len(sessions))}
	for j, ss := range sessions {
		m.col[ss.ID] = j
	}
	for i, p := range participants {
		m.row[p.ID] = i
		base := i * len(sessions)
		if err := m.fillRow(base, cells[p.ID]); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// fillRow decodes one participant's aggregated marks into the row starting
// at base. A hand-written scan: this loop runs once per mark of the
// workshop, hundreds of thousands of times for a large one.
func (m *AttendanceMatrix) fillRow(base int, cells string) error {
	var sid int64
	digits := 0
	for k := 0; k < len(cells); k++ {
		switch ch := cells[k]; {
		case ch >= '0' && ch <= '9':
			sid = sid*10 + int64(ch-'0')
			digits++
		case ch == ',' && digits == 0:
			// the separator after a mark letter
		default:
			mark := markCodes[ch]
			if mark == Unmarked || digits == 0 {
				return fmt.Errorf("attendance matrix: bad cells %q", cells)
			}
			if j, ok := m.col[sid]; ok {
				m.marks[base+j] = mark
			}
			sid, digits = 0, 0
		}
	}
	if digits != 0 {
		return fmt.Errorf("attendance matrix: bad cells %q", cells)
	}
	return nil
}

// aggregatedMarks returns, per participant, their marks as "sessionID" plus
// the first letter of the mark, comma-separated: "12p,13l,15a".
func aggregatedMarksIn(q querier, workshopID int64) (map[int64]string, error) {
	rows, err := q.Query(`SELECT participant_id, group_concat(session_id || substr(status, 1, 1), ',')
		FROM attendance WHERE workshop_id = ? GROUP BY participant_id`, workshopID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var pid int64
		var cells string
		if err := rows.Scan(&pid, &cells); err != nil {
			return nil, err
		}
		out[pid] = cells
	}
	return out, rows.Err()
}

// AttendanceSummary is one participant's attendance weighed by the
// certificate rule.
type AttendanceSummary struct {
	ByMark           map[Mark]int // over every session, Unmarked included
	Unmarked         int          // sessions that count or are mandatory, not marked yet
	Counted          int          // sessions in the denominator of the rule
	Attended         int          // of those, the ones that count as attended
	MinutesAttended  int
	MissedMandatory  []Session
	Percent          float64 // Attended / Counted × 100; 0 when nothing counts
	MeetsMinimum     bool
	MeetsRequirement bool // minimum met and no mandatory session missed
}

// Summarize weighs marks (one per session, in the same order) by rule.
func Summarize(rule CertificateRule, sessions []Session, marks []Mark) AttendanceSummary {
	sum := AttendanceSummary{ByMark: map[Mark]int{}}
	for j, ss := range sessions {
		mark := marks[j]
		sum.ByMark[mark]++
		if mark == Unmarked && (ss.CountsForCertificate || ss.Mandatory) {
			sum.Unmarked++
		}
		attended := mark == Present || (mark == Late && rule.LateCounts) ||
			(mark == Excused && rule.ExcusedPolicy == ExcusedAttended)
		if ss.Mandatory && !attended {
			sum.MissedMandatory = append(sum.MissedMandatory, ss)
		}
		if !ss.CountsForCertificate {
			continue
		}
		if mark == Excused && rule.ExcusedPolicy == ExcusedExcluded {
			continue
		}
		sum.Counted++
		if attended {
			sum.Attended++
			sum.MinutesAttended += int(ss.Duration().Minutes())
		}
	}
	if sum.Counted > 0 {
		sum.Percent = float64(sum.Attended) * 100 / float64(sum.Counted)
	}
	sum.MeetsMinimum = sum.Counted > 0 && sum.Percent+1e-9 >= float64(rule.MinPercent)
	sum.MeetsRequirement = sum.MeetsMinimum && len(sum.MissedMandatory) == 0
	return sum
}

// ParticipantSummary weighs one participant's attendance by the
// certificate rule of their workshop.
func (s *Store) ParticipantSummary(participantID int64) (AttendanceSummary, error) {
	p, err := s.Participant(participantID)
	if err != nil {
		return AttendanceSummary{}, err
	}
	w, err := s.Workshop(p.WorkshopID)
	if err != nil {
		return AttendanceSummary{}, err
	}
	sessions, err := s.Sessions(p.WorkshopID)
	if err != nil {
		return AttendanceSummary{}, err
	}
	byID, err := s.ParticipantMarks(participantID)
	if err != nil {
		return AttendanceSummary{}, err
	}
	marks := make([]Mark, len(sessions))
	for j, ss := range sessions {
		marks[j] = byID[ss.ID].Mark
	}
	return Summarize(w.Rule, sessions, marks), nil
}

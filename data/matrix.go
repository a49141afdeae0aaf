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
	marks        []Mark         // row-major: participant i, session j at i*len(Sessions)+j
	devices      map[int]string // by index in marks: the cells a helper's device marked
	row          map[int64]int
	col          map[int64]int
}

// At returns the mark of participant row i for session column j.
func (m *AttendanceMatrix) At(i, j int) Mark { return m.marks[i*len(m.Sessions)+j] }

// Set changes a cell in memory, after the store has saved a mark made on
// this computer.
func (m *AttendanceMatrix) Set(i, j int, mark Mark) {
	m.marks[i*len(m.Sessions)+j] = mark
	delete(m.devices, i*len(m.Sessions)+j)
}

// Device is the helper's device that made the mark of participant row i
// for session column j, "" when this computer made it (or nobody).
func (m *AttendanceMatrix) Device(i, j int) string { return m.devices[i*len(m.Sessions)+j] }

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

// markCodes reads a mark from its first letter in the aggregated matrix
// query.
var markCodes = [256]Mark{'p': Present, 'l': Late, 'e': Excused, 'a': Absent}

// matrixIn reads the grid of a workshop through q: its rule, sessions and
// marks, and as rows every confirmed participant and anyone who has a mark.
// It also returns every participant of the workshop, whatever their
// status, which it reads to find the rows. With only ≠ 0 it reads that one
// participant alone (none when they belong to another workshop).
//
// Marks arrive as one aggregated string per participant, which makes
// loading thousands of rows several times faster than scanning one row per
// mark. Everything is read at one moment of the file: through q, and the
// marks through beside(q), which is a second transaction of the same
// moment when the caller has one (readPaired); the marks are then read on
// a second goroutine meanwhile, which is what keeps a 5,000 × 60 load
// under 150 ms (BenchmarkAttendanceMatrixLoad).
func matrixIn(q querier, workshopID, only int64) (*AttendanceMatrix, []Participant, error) {
	type markRows struct {
		cells map[int64]string
		err   error
	}
	marksLoaded := make(chan markRows, 1)
	readMarks := func() {
		cells, err := aggregatedMarks(beside(q), workshopID, only)
		marksLoaded <- markRows{cells, err}
	}
	if beside(q) != q {
		go readMarks()
	} else {
		readMarks() // one connection steps one statement at a time
	}
	w, err := workshopIn(q, workshopID)
	var sessions []Session
	var all []Participant
	if err == nil {
		sessions, err = sessionsIn(q, workshopID)
	}
	if err == nil && only == 0 {
		all, err = participantsIn(q, workshopID, ParticipantFilter{})
	} else if err == nil {
		all, err = queryAll(q, scanParticipant, `SELECT `+participantColumns+` FROM participants
			WHERE id = ? AND workshop_id = ?`, only, workshopID)
	}
	var devices []Attendance
	if err == nil {
		// Named, as the planner left alone takes the key's range of the
		// workshop, every mark of it (a fifth of a 5,000 × 60 load), for
		// the few made by devices.
		devices, err = queryAll(q, scanAttendance, `SELECT `+attendanceColumns+` FROM attendance
			INDEXED BY attendance_by_device WHERE workshop_id = ? AND device <> ''`, workshopID)
	}
	loaded := <-marksLoaded
	if err == nil {
		err = loaded.err
	}
	if err != nil {
		return nil, nil, err
	}
	cells := loaded.cells
	participants := make([]Participant, 0, len(all))
	for _, p := range all {
		if _, marked := cells[p.ID]; marked || p.Status == StatusConfirmed {
			participants = append(participants, p)
		}
	}
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
			return nil, nil, err
		}
	}
	m.devices = make(map[int]string, len(devices))
	for _, a := range devices {
		i, inRow := m.row[a.ParticipantID]
		j, inColumn := m.col[a.SessionID]
		if inRow && inColumn {
			m.devices[i*len(sessions)+j] = a.Device
		}
	}
	return m, all, nil
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
		case digits > 0: // the first letter of a mark names it
			mark := markCodes[ch]
			if mark == Unmarked {
				return fmt.Errorf("attendance matrix: bad cells %q", cells)
			}
			if j, ok := m.col[sid]; ok {
				m.marks[base+j] = mark
			}
			sid, digits = 0, 0
		case ch < 'a' || ch > 'z': // the rest of its word is skipped
			return fmt.Errorf("attendance matrix: bad cells %q", cells)
		}
	}
	if digits != 0 {
		return fmt.Errorf("attendance matrix: bad cells %q", cells)
	}
	return nil
}

// aggregatedMarks returns, per participant, their marks as "sessionID" plus
// the mark, one after the other: "12present13late15absent". Cutting the
// mark to its first letter in SQL (substr) made SQLite's share of a large
// load a quarter longer than carrying the whole word and skipping it here.
// With only ≠ 0, the marks of that participant alone.
func aggregatedMarks(q querier, workshopID, only int64) (map[int64]string, error) {
	query, args := `SELECT participant_id, group_concat(session_id || status, '')
		FROM attendance WHERE workshop_id = ? GROUP BY participant_id`, []any{workshopID}
	if only != 0 {
		query, args = `SELECT participant_id, group_concat(session_id || status, '')
		FROM attendance WHERE workshop_id = ? AND participant_id = ? GROUP BY participant_id`, []any{workshopID, only}
	}
	rows, err := q.Query(query, args...)
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

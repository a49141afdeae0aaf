package importer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/atelier-workshops/atelier/data"
)

// ErrNoHeader is returned when no row of the sheet names the columns.
var ErrNoHeader = errors.New("no row names the columns (such as Family name, First name, Email)")

// Options let the user correct what the importer guessed.
type Options struct {
	HeaderRow int     // 1-based row number of the column titles; 0 finds it
	Mapping   []Field // what each column holds; nil guesses from the titles
	// Progress is told how many rows are checked, now and then; it runs
	// on the caller's goroutine.
	Progress func(done, total int)
	// Source names the list, for Undo ("Undo import of applications.xlsx").
	Source string
	// Corrections are cells that replace those of rows, by the row's
	// number in the sheet: rows corrected by hand, the file unchanged.
	Corrections map[int][]string
}

// Candidate is a row that will add someone new to the workshop.
type Candidate struct {
	Row int // as the spreadsheet numbers it
	// Participant is apart from the candidate: a list of 100,000 rows
	// to add grew a slice of candidates that held them (50 MB) by copying
	// it whole, twice the memory for a moment.
	Participant *data.Participant
	columns     map[Field]string // the column each field came from, to name it
}

// Update is a row that is someone already in the workshop (same email, or
// same name and country whatever the case and accents), with the values
// it changes of them.
type Update struct {
	Row int
	// Existing is the participant as the preview read them; Participant
	// is them with the row's values.
	Existing, Participant data.Participant
	Changes               []Change
	ByEmail               bool // matched by email, else by name and country
}

// Match is a row that is someone already in the workshop who has every
// value the row gives: importing it changes nothing.
type Match struct {
	Row  int
	Name string // as the workshop has it
}

// Rejection is a row that will not be imported, with every reason.
type Rejection struct {
	Row     int
	Name    string // as written in the row, to find it again
	Reasons []data.FieldError
	// Unlisted counts the reasons left out: past detailedRejections
	// refused rows, only the first reason of each is kept.
	Unlisted int
	// Cells are the row's cells as read (or corrected), for it to be
	// corrected: kept for the first detailedRejections refused rows only.
	Cells []string
}

// detailedRejections is how many refused rows keep every reason. A list
// read wrong (the wrong row taken for the titles) refuses each of its
// rows for a dozen reasons, and 100,000 rows of them would take more
// memory than the list itself; no one reads past the first thousand.
const detailedRejections = 1000

// Preview is what an import would do, before it does it.
type Preview struct {
	HeaderRow int
	Headers   []string
	Mapping   []Field
	Ready     []Candidate // rows that add someone
	Updates   []Update    // rows that change someone already in the workshop
	Unchanged []Match     // rows that are someone already there, as they are
	Rejected  []Rejection
	Blank     int // empty rows skipped

	workshop int64
	source   string
	// columnsOf holds, by how many cells a row reaches, the column each
	// field comes from: rows share it rather than each holding a map of
	// its own (a list of 100,000 rows kept 60 MB of them).
	columnsOf map[int]map[Field]string
}

// columns names the column each field of a row with width cells came
// from; the map is shared, not to be changed.
func (p *Preview) columns(width int) map[Field]string {
	width = min(width, len(p.Mapping))
	if c, ok := p.columnsOf[width]; ok {
		return c
	}
	c := map[Field]string{}
	for i, f := range p.Mapping[:width] {
		if f == Ignore {
			continue
		}
		col := p.Headers[i]
		if col == "" {
			col = fmt.Sprintf("#%d", i+1)
		}
		c[f] = col
	}
	if p.columnsOf == nil {
		p.columnsOf = map[int]map[Field]string{}
	}
	p.columnsOf[width] = c
	return c
}

// Prepare reads rows below the header into participants of a workshop and
// checks each one: names, email, country, gender and yes/no words; a row
// that repeats an earlier one of the list is refused; a row that is
// someone already in the workshop (by email, or by the same name and
// country whatever the case and accents) updates them with the values it
// gives. Nothing is written.
func Prepare(st *data.Store, workshopID int64, rows [][]string, opt Options) (*Preview, error) {
	return prepare(st, workshopID, rowsOf(rows), opt)
}

// Prepare reads a sheet of the workbook as Prepare does, one row at a
// time: the preview keeps what it needs of each row, and no more of the
// sheet is held at once (a CSV file's rows are read from its text again
// each time).
func (w *Workbook) Prepare(st *data.Store, workshopID int64, sheet string, opt Options) (*Preview, error) {
	r, err := w.reader(sheet)
	if err != nil {
		return nil, err
	}
	return prepare(st, workshopID, r, opt)
}

func prepare(st *data.Store, workshopID int64, r rowReader, opt Options) (*Preview, error) {
	// The rows down to the header, or those it is looked for in, are
	// read first; the rest are checked as they come.
	need := headerSearchRows
	if opt.HeaderRow > 0 {
		need = opt.HeaderRow
	}
	var head [][]string
	var p *Preview
	var seen *seen
	body := 0 // rows below the header
	check := func(row int, cells []string) {
		if opt.Progress != nil && (row-p.HeaderRow-1)%500 == 0 {
			opt.Progress(row-p.HeaderRow-1, body)
		}
		p.readRow(workshopID, row, cells, seen)
	}
	start := func() error {
		header := opt.HeaderRow - 1
		if opt.HeaderRow <= 0 {
			if header = FindHeader(head); header < 0 {
				return ErrNoHeader
			}
		}
		if header >= len(head) {
			return fmt.Errorf("row %d is past the end of the sheet (%d rows)", opt.HeaderRow, len(head))
		}
		p = &Preview{HeaderRow: header + 1, Headers: make([]string, 0, len(head[header])), workshop: workshopID, source: opt.Source}
		for _, h := range head[header] {
			p.Headers = append(p.Headers, clean(h))
		}
		p.Mapping = opt.Mapping
		if p.Mapping == nil {
			p.Mapping = MapHeaders(p.Headers)
		}
		for len(p.Headers) < len(p.Mapping) {
			p.Headers = append(p.Headers, "")
		}
		existing, err := st.Participants(workshopID, data.ParticipantFilter{})
		if err != nil {
			return err
		}
		seen = newSeen(existing)
		body = max(r.total-p.HeaderRow, 0)
		for i, cells := range head[header+1:] {
			check(p.HeaderRow+1+i, cells)
		}
		head = nil
		return nil
	}
	n := 0 // rows read
	var failed error
	err := r.each(func(cells []string) bool {
		n++
		if c, ok := opt.Corrections[n]; ok {
			cells = c
		}
		if p != nil {
			check(n, cells)
			return true
		}
		if head = append(head, cells); len(head) == need {
			failed = start()
		}
		return failed == nil
	})
	if err == nil && p == nil && failed == nil {
		failed = start() // the sheet ended before the rows to look in
	}
	if err = cmp.Or(err, failed); err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		opt.Progress(body, body)
	}
	return p, nil
}

// readRow turns one row into a candidate or a rejection.
func (p *Preview) readRow(workshopID int64, row int, cells []string, seen *seen) {
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		p.Blank++
		return
	}
	part := data.Participant{WorkshopID: workshopID, Status: data.StatusApplicant}
	var reasons []data.FieldError
	column := p.columns(len(cells)) // header of the column each field came from
	given := map[string]bool{}      // data's fields the row gives a value for
	refuse := func(col, key, value, msg string) {
		value = Short(value)
		reasons = append(reasons, data.FieldError{Field: col, Key: key,
			Args: map[string]any{"Field": col, "Value": value}, Message: fmt.Sprintf("%s: %s", col, msg)})
	}
	notText := map[string]bool{} // columns whose bytes are not UTF-8
	for i, f := range p.Mapping {
		if f == Ignore || i >= len(cells) {
			continue
		}
		v := clean(cells[i])
		col := p.Headers[i]
		if col == "" {
			col = fmt.Sprintf("#%d", i+1)
		}
		if v != "" {
			for _, field := range dataFields(f) {
				given[field] = true
			}
		}
		if !utf8.ValidString(cells[i]) {
			key, msg, args := notUTF8(col, cells[i])
			reasons = append(reasons, data.FieldError{Field: col, Key: key, Args: args, Message: msg})
			notText[col] = true
		}
		switch f {
		case FamilyName:
			part.FamilyName = v
		case GivenName:
			part.GivenName = v
		case FullName:
			part.GivenName, part.FamilyName = splitFullName(v)
		case PrintedName:
			part.PrintedName = v
		case Email:
			part.Email = strings.TrimPrefix(v, "mailto:")
		case Country:
			code, ok := countryCode(v)
			if !ok {
				refuse(col, "error.import_country", v, fmt.Sprintf("%q is not a country Atelier knows.", Short(v)))
			}
			part.Country = code
		case Institution:
			part.Institution = v
		case Position:
			part.Position = v
		case Gender:
			g, ok := genderOf(v)
			if !ok {
				refuse(col, "error.import_gender", v, fmt.Sprintf("%q is not understood as a gender (F, M, H, female, male, femme, homme, mujer, hombre…).", Short(v)))
			}
			part.Gender = g
		case Language:
			l, ok := languageOf(v)
			if !ok {
				refuse(col, "error.import_language", v, fmt.Sprintf("%q is not English, French or Spanish.", Short(v)))
			}
			part.Language = l
		case Grant, Consent:
			yes, ok := yesNo(v)
			if !ok {
				refuse(col, "error.import_yes_no", v, fmt.Sprintf("%q is not understood as yes or no.", Short(v)))
			}
			if f == Grant {
				part.Grant.Awarded = yes
			} else {
				part.DirectoryConsent = yes
			}
		case Phone:
			part.Phone = v
		case Status:
			s, ok := statusOf(v)
			if !ok {
				refuse(col, "error.import_status", v, fmt.Sprintf("%q is not a status (applicant, selected, waitlisted, confirmed, withdrawn).", Short(v)))
			}
			part.Status = s
		case Notes:
			part.Notes = strings.TrimSpace(cells[i])
		default:
			if key, msg, ok := readTravel(f, v, &part.Travel); !ok { // travel.go
				refuse(col, key, v, msg)
			}
		}
	}
	if _, ok := column[Country]; !ok && part.Country == "" {
		// Lists with only a nationality column used it as the country
		// before it had a field of its own; keep them reading so.
		part.Country = part.Travel.Nationality
	}
	name := part.FullName()
	if name == "" {
		reasons = append(reasons, data.FieldError{Field: "", Key: "error.import_no_name", Args: map[string]any{},
			Message: "No name: the row has neither a family name nor a given name."})
	}
	// data's own checks (email, lengths, control characters), named after
	// the column the value came from.
	if v, ok := data.AsValidation(part.Validate()); ok {
		for _, fe := range v.Fields {
			if fe.Key == "error.name_required" {
				continue // said above, in words about the row
			}
			if fe.Key == "error.control_chars" && notText[cmp.Or(column[Field(fe.Field)], column[FullName])] {
				continue // said above, in words about the encoding
			}
			reasons = append(reasons, namedAfterColumn(fe, column))
		}
	}
	var found *data.Participant
	if name != "" {
		var why []data.FieldError
		found, why = seen.match(part, row, func(byEmail bool) string { return matchColumn(column, byEmail) })
		reasons = append(reasons, why...)
		seen.add(part, seenAs{row: row, name: name})
	}
	var update Update
	if found != nil && len(reasons) == 0 {
		merged, changes := mergeRow(*found, part, given)
		update = Update{Row: row, Existing: *found, Participant: merged, Changes: changes,
			ByEmail: emailKey(part) != "" && emailKey(part) == emailKey(*found)}
		// The values the row brings may not suit what the participant
		// has (a grant taken back that has an amount).
		if v, ok := data.AsValidation(merged.Validate()); ok {
			for _, fe := range v.Fields {
				reasons = append(reasons, namedAfterColumn(fe, column))
			}
		}
	}
	if len(reasons) > 0 {
		r := Rejection{Row: row, Name: Short(name), Reasons: reasons, Cells: cells}
		if len(p.Rejected) >= detailedRejections {
			// Nor the row: what is kept of it is copied out of it.
			r.Cells, r.Name = nil, strings.Clone(r.Name)
			r.Reasons, r.Unlisted = []data.FieldError{reasons[0]}, len(reasons)-1
			r.Reasons[0].Args = copyArgs(r.Reasons[0].Args)
			for k, v := range r.Reasons[0].Args {
				if v, ok := v.(string); ok {
					r.Reasons[0].Args[k] = strings.Clone(v)
				}
			}
		}
		p.Rejected = append(p.Rejected, r)
		return
	}
	switch {
	case found == nil:
		compact(&part)
		p.Ready = append(p.Ready, Candidate{Row: row, Participant: &part, columns: column})
	case len(update.Changes) == 0:
		p.Unchanged = append(p.Unchanged, Match{Row: row, Name: found.FullName()})
	default:
		compact(&update.Participant)
		p.Updates = append(p.Updates, update)
	}
}

// dataFields are the participant's fields a column fills.
func dataFields(f Field) []string {
	switch f {
	case FullName:
		return []string{string(GivenName), string(FamilyName)}
	case Grant:
		return []string{"grant_awarded"}
	}
	return []string{string(f)}
}

// matchColumn is the column a row was matched by: its email, or its name.
func matchColumn(column map[Field]string, byEmail bool) string {
	if byEmail {
		return column[Email]
	}
	return cmp.Or(column[FamilyName], column[FullName], column[GivenName])
}

// namedAfterColumn is one of data's checks of a row, named after the column
// the value came from rather than data's field.
func namedAfterColumn(fe data.FieldError, column map[Field]string) data.FieldError {
	col := column[Field(fe.Field)]
	if col == "" {
		col = column[FullName]
	}
	if fe.Field == "grant_awarded" {
		col = column[Grant]
	}
	label, _ := fe.Args["Field"].(string)
	fe.Args = copyArgs(fe.Args)
	fe.Args["Field"] = col
	fe.Message = col + strings.TrimPrefix(fe.Message, label)
	fe.Field = col
	shortenValue(&fe)
	return fe
}

// shortenValue cuts the value data quotes in a message (an email address
// of thousands of characters) to a short piece, in the message and in its
// arguments alike.
func shortenValue(fe *data.FieldError) {
	v, ok := fe.Args["Value"].(string)
	if !ok || Short(v) == v {
		return
	}
	fe.Message = strings.Replace(fe.Message, fmt.Sprintf("%q", v), fmt.Sprintf("%q", Short(v)), 1)
	fe.Args["Value"] = Short(v)
}

func copyArgs(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Result is what Import did.
type Result struct {
	Imported int // participants added
	Updated  int // participants changed
	// Skipped are rows the preview would have written that the workshop
	// no longer allowed by the time of the import: someone another
	// Atelier added meanwhile, or someone it changed who is gone.
	Skipped []Rejection
	// Undo reverses the import (Store.Undo); nil when it wrote nothing.
	Undo *data.Undoable
}

// Import adds the rows ready to import and makes the changes of the rows
// that update someone, in one transaction: all of it, or none when any
// part fails. Whom to add and whom to change is decided again inside that
// transaction, once it holds the write lock, from the workshop as it is
// then: a row that another import added since the preview is left out
// (and named in the result) rather than added twice, and a row's changes
// are made to the participant as they are now.
func (p *Preview) Import(ctx context.Context, st *data.Store) (Result, error) {
	candidates := make([]*data.Participant, len(p.Ready))
	for i := range p.Ready {
		candidates[i] = p.Ready[i].Participant
	}
	var res Result
	undo, _, err := st.ImportParticipants(ctx, p.workshop, p.source, candidates, func(existing []data.Participant) (data.ImportPlan, error) {
		res = Result{}
		var plan data.ImportPlan
		seen := newSeen(existing)
		byID := make(map[int64]*data.Participant, len(existing))
		for i := range existing {
			byID[existing[i].ID] = &existing[i]
		}
		for i, c := range p.Ready {
			if k := emailKey(*c.Participant); k != "" {
				if as, ok := seen.emails[k]; ok {
					res.Skipped = append(res.Skipped, Rejection{Row: c.Row, Name: c.Participant.FullName(),
						Reasons: []data.FieldError{alreadyThere(c.columns[Email], true, as.name)}})
					continue
				}
			}
			if as, ok := seen.names[nameKey(*c.Participant)]; ok {
				res.Skipped = append(res.Skipped, Rejection{Row: c.Row, Name: c.Participant.FullName(),
					Reasons: []data.FieldError{alreadyThere(matchColumn(c.columns, false), false, as.name)}})
				continue
			}
			plan.Add = append(plan.Add, candidates[i])
		}
		for _, u := range p.Updates {
			now, ok := byID[u.Existing.ID]
			if !ok {
				res.Skipped = append(res.Skipped, Rejection{Row: u.Row, Name: u.Existing.FullName(),
					Reasons: []data.FieldError{{Key: "error.import_gone", Args: map[string]any{"Name": u.Existing.FullName()},
						Message: fmt.Sprintf("%s is no longer in this workshop.", u.Existing.FullName())}}})
				continue
			}
			// Only the changes the preview listed: a field the list
			// agreed with then is not written over a change made since.
			fields := make(map[string]bool, len(u.Changes))
			for _, c := range u.Changes {
				fields[c.Field] = true
			}
			merged, changes := mergeRow(*now, u.Participant, fields)
			if len(changes) > 0 {
				plan.Update = append(plan.Update, &merged)
			}
		}
		res.Imported, res.Updated = len(plan.Add), len(plan.Update)
		return plan, nil
	})
	if err != nil {
		return Result{}, err
	}
	res.Undo = undo
	return res, nil
}

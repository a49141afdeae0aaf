package importer

import (
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
}

// Candidate is a row that will be imported.
type Candidate struct {
	Row         int // as the spreadsheet numbers it
	Participant data.Participant
	columns     map[Field]string // the column each field came from, to name it
}

// Rejection is a row that will not be imported, with every reason.
type Rejection struct {
	Row     int
	Name    string // as written in the row, to find it again
	Reasons []data.FieldError
	// Unlisted counts the reasons left out: past detailedRejections
	// refused rows, only the first reason of each is kept.
	Unlisted int
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
	Ready     []Candidate
	Rejected  []Rejection
	Blank     int // empty rows skipped

	workshop int64
}

// Prepare reads rows below the header into participants of a workshop and
// checks each one: names, email, country, gender and yes/no words, and
// duplicates within the file and against the workshop's participants (by
// email, or by the same name and country whatever the case and accents).
// Nothing is written.
func Prepare(st *data.Store, workshopID int64, rows [][]string, opt Options) (*Preview, error) {
	header := opt.HeaderRow - 1
	if opt.HeaderRow <= 0 {
		if header = FindHeader(rows); header < 0 {
			return nil, ErrNoHeader
		}
	}
	if header >= len(rows) {
		return nil, fmt.Errorf("row %d is past the end of the sheet (%d rows)", opt.HeaderRow, len(rows))
	}
	p := &Preview{HeaderRow: header + 1, Headers: make([]string, 0, len(rows[header])), workshop: workshopID}
	for _, h := range rows[header] {
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
		return nil, err
	}
	seen := newSeen()
	for _, e := range existing {
		seen.add(e, 0, nameKey(e))
	}
	body := rows[header+1:]
	for i, cells := range body {
		if opt.Progress != nil && i%500 == 0 {
			opt.Progress(i, len(body))
		}
		p.readRow(workshopID, header+2+i, cells, seen)
	}
	if opt.Progress != nil {
		opt.Progress(len(body), len(body))
	}
	return p, nil
}

// seen remembers who is in the workshop or earlier in the file: row 0 is
// the workshop.
type seen struct {
	emails map[string]seenAs
	names  map[string]seenAs
}

type seenAs struct {
	row  int
	name string
}

func newSeen() *seen { return &seen{emails: map[string]seenAs{}, names: map[string]seenAs{}} }

func emailKey(p data.Participant) string { return strings.ToLower(strings.TrimSpace(p.Email)) }

func nameKey(p data.Participant) string {
	return data.Fold(p.GivenName) + "\x00" + data.Fold(p.FamilyName) + "\x00" + p.Country
}

func (s *seen) add(p data.Participant, row int, names string) {
	as := seenAs{row, p.FullName()}
	if k := emailKey(p); k != "" {
		if _, dup := s.emails[k]; !dup {
			s.emails[k] = as
		}
	}
	if _, dup := s.names[names]; !dup {
		s.names[names] = as
	}
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
	column := map[Field]string{} // header of the column each field came from
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
		column[f] = col
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
			col := column[Field(fe.Field)]
			if col == "" {
				col = column[FullName]
			}
			if fe.Key == "error.control_chars" && notText[col] {
				continue // said above, in words about the encoding
			}
			label, _ := fe.Args["Field"].(string)
			fe.Args = copyArgs(fe.Args)
			fe.Args["Field"] = col
			fe.Message = col + strings.TrimPrefix(fe.Message, label)
			fe.Field = col
			shortenValue(&fe)
			reasons = append(reasons, fe)
		}
	}
	if name != "" {
		names := nameKey(part)
		reasons = append(reasons, duplicates(part, names, seen, column)...)
		seen.add(part, row, names)
	}
	if len(reasons) > 0 {
		r := Rejection{Row: row, Name: Short(name), Reasons: reasons}
		if len(p.Rejected) >= detailedRejections && len(reasons) > 1 {
			r.Reasons, r.Unlisted = []data.FieldError{reasons[0]}, len(reasons)-1
		}
		p.Rejected = append(p.Rejected, r)
		return
	}
	p.Ready = append(p.Ready, Candidate{Row: row, Participant: part, columns: column})
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

func duplicates(p data.Participant, names string, seen *seen, column map[Field]string) []data.FieldError {
	dup := func(col string, byEmail bool, as seenAs) []data.FieldError {
		args := map[string]any{"Field": col, "Name": as.name, "Row": as.row}
		what := "name and country"
		if byEmail {
			what = "email"
		}
		key := map[bool]string{true: "error.import_duplicate_email", false: "error.import_duplicate_name"}[byEmail]
		msg := fmt.Sprintf("%s: same %s as row %d (%s).", col, what, as.row, as.name)
		if as.row == 0 {
			key = map[bool]string{true: "error.import_existing_email", false: "error.import_existing_name"}[byEmail]
			msg = fmt.Sprintf("%s: %s is already in this workshop (same %s).", col, as.name, what)
		}
		return []data.FieldError{{Field: col, Key: key, Args: args, Message: msg}}
	}
	if as, ok := seen.emails[emailKey(p)]; ok && emailKey(p) != "" {
		return dup(column[Email], true, as)
	}
	if as, ok := seen.names[names]; ok {
		col := column[FamilyName]
		if col == "" {
			col = column[FullName]
		}
		return dup(col, false, as)
	}
	return nil
}

// Participants are the rows ready to import.
func (p *Preview) Participants() []*data.Participant {
	out := make([]*data.Participant, len(p.Ready))
	for i := range p.Ready {
		out[i] = &p.Ready[i].Participant
	}
	return out
}

// Result is what Import did.
type Result struct {
	Imported int
	// Skipped are rows ready in the preview that were in the workshop by
	// the time of the import (another Atelier added them meanwhile).
	Skipped []Rejection
}

// Import saves the rows ready to import in one transaction: all of them,
// or none when any fails. The check against the workshop's participants is
// made again inside that transaction, once it holds the write lock, so
// that what another import added since the preview is not added twice;
// the rows it finds there are skipped and named in the result.
func (p *Preview) Import(ctx context.Context, st *data.Store) (Result, error) {
	ready := p.Participants()
	var res Result
	added, err := st.AddNewParticipants(ctx, p.workshop, ready, func(existing []data.Participant) []bool {
		res.Skipped = res.Skipped[:0]
		seen := newSeen()
		for _, e := range existing {
			seen.add(e, 0, nameKey(e))
		}
		skip := make([]bool, len(ready))
		for i, c := range p.Ready {
			if why := duplicates(c.Participant, nameKey(c.Participant), seen, c.columns); len(why) > 0 {
				skip[i] = true
				res.Skipped = append(res.Skipped, Rejection{Row: c.Row, Name: c.Participant.FullName(), Reasons: why})
			}
		}
		return skip
	})
	if err != nil {
		return Result{}, err
	}
	res.Imported = added
	return res, nil
}

package data

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError says what is wrong with one field, in words a user understands.
// Key and Args let the interface translate the message; Message is the
// English text used on the command line and in logs.
type FieldError struct {
	Field   string         // the field's name as the forms know it, e.g. "email"
	Key     string         // translation key, e.g. "error.required"
	Args    map[string]any // values the translated message refers to
	Message string         // English, starting with the field's label
}

func (e FieldError) Error() string { return e.Message }

// ValidationError gathers every problem found in one record, so that a form
// can show them all at once next to their fields.
type ValidationError struct {
	Record string // "workshop", "session", …
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = f.Message
	}
	return fmt.Sprintf("%s not saved: %s", e.Record, strings.Join(msgs, "; "))
}

// For returns the problem with one field, if there is one.
func (e *ValidationError) For(field string) (FieldError, bool) {
	for _, f := range e.Fields {
		if f.Field == field {
			return f, true
		}
	}
	return FieldError{}, false
}

// AsValidation unwraps err into a *ValidationError when it is one.
func AsValidation(err error) (*ValidationError, bool) {
	var v *ValidationError
	ok := errors.As(err, &v)
	return v, ok
}

// ErrNotFound is returned when a record asked for by id does not exist.
var ErrNotFound = errors.New("not found")

// NotFoundError names the record that was not found.
type NotFoundError struct {
	Record string
	ID     int64
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %d does not exist", e.Record, e.ID) }
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// InUseError refuses a delete that would silently take other records with it.
type InUseError struct {
	Record string // what was to be deleted
	Name   string
	What   string // what still refers to it, e.g. "attendance marks"
	Count  int
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s %q still has %d %s; remove them first or delete them together", e.Record, e.Name, e.Count, e.What)
}

// Reasons a file is refused, for callers that act on them.
var (
	ErrNotAtelier   = errors.New("not an Atelier database")
	ErrNewerSchema  = errors.New("written by a newer version of Atelier")
	ErrFileNotFound = errors.New("no such file")
	ErrCorrupt      = errors.New("damaged: it is cut short or corrupt")
	ErrReadOnly     = errors.New("open read-only: the file or its folder cannot be written to")
)

// OpenError wraps one of the reasons above with the file and the details.
type OpenError struct {
	Path   string
	Kind   error
	Detail string
}

func (e *OpenError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("%s: %v", e.Path, e.Kind)
	}
	return fmt.Sprintf("%s: %v (%s)", e.Path, e.Kind, e.Detail)
}
func (e *OpenError) Unwrap() error { return e.Kind }

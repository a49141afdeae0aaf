package importer

import (
	"reflect"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// A participant read from a row shares its values with the row: cut out
// of the one string the row was read into, or of the sheet's shared
// strings. Kept so, each participant the preview keeps would keep its
// whole row (all the answers not imported, too) for as long as the
// preview lives; compact copies its values into one string of their own.

// participantTexts are the paths (reflect.Value.FieldByIndex) of every
// text field of a participant, nested ones included.
var participantTexts = textFields(reflect.TypeFor[data.Participant](), nil)

func textFields(t reflect.Type, at []int) [][]int {
	var out [][]int
	for i := range t.NumField() {
		path := append(at[:len(at):len(at)], i)
		switch f := t.Field(i); {
		case !f.IsExported():
		case f.Type.Kind() == reflect.String:
			out = append(out, path)
		case f.Type.Kind() == reflect.Struct:
			out = append(out, textFields(f.Type, path)...)
		}
	}
	return out
}

// compact gives the values of p a string of their own, together.
func compact(p *data.Participant) {
	v := reflect.ValueOf(p).Elem()
	n := 0
	for _, path := range participantTexts {
		n += v.FieldByIndex(path).Len()
	}
	var b strings.Builder
	b.Grow(n)
	for _, path := range participantTexts {
		b.WriteString(v.FieldByIndex(path).String())
	}
	all := b.String()
	for _, path := range participantTexts {
		f := v.FieldByIndex(path)
		l := f.Len()
		f.SetString(all[:l])
		all = all[l:]
	}
}

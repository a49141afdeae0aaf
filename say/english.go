package say

import (
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"strings"
	"sync"
	"text/template"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
)

// english is every English message of the translation files, by key; a
// plural message keeps its forms ("one", "other").
var english = sync.OnceValue(func() map[string]map[string]string {
	out := map[string]map[string]string{}
	names, _ := fs.Glob(assets.Translations, "translations/*en.json")
	for _, name := range names {
		if base := path.Base(name); base != "en.json" && !strings.HasSuffix(base, ".en.json") {
			continue
		}
		b, err := fs.ReadFile(assets.Translations, name)
		if err != nil {
			continue
		}
		var raw map[string]json.RawMessage
		if json.Unmarshal(b, &raw) != nil {
			continue
		}
		for key, v := range raw {
			var text string
			if json.Unmarshal(v, &text) == nil {
				out[key] = map[string]string{"other": text}
				continue
			}
			var forms map[string]string
			if json.Unmarshal(v, &forms) == nil {
				out[key] = forms
			}
		}
	}
	return out
})

// Template is the English of a message as the translation file writes it,
// {{.Placeholders}} and all (the "other" form of a plural): what the
// window falls back on where its language has no file.
func Template(key string) string { return english()[key]["other"] }

// Plural reports whether a message has plural forms, chosen by its Count.
func Plural(key string) bool { return len(english()[key]) > 1 }

// English is w in English, for the command line and the log.
func (w Words) English() string {
	forms := english()[w.Key]
	text := forms["other"]
	if n, ok := w.Args["Count"].(int); ok && n == 1 && forms["one"] != "" {
		text = forms["one"]
	}
	if text == "" {
		return w.Key
	}
	t, err := template.New(w.Key).Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b strings.Builder
	if t.Execute(&b, w.ArgsIn(data.English)) != nil {
		return text
	}
	return b.String()
}

// ArgsIn is w's arguments for its message in l: a data.Number written as
// l groups digits. The window gives them to its translation of the message.
func (w Words) ArgsIn(l data.Language) map[string]any { return NumbersIn(w.Args, l) }

// NumbersIn is args with every data.Number in it written in l; args itself
// is left as it was.
func NumbersIn(args map[string]any, l data.Language) map[string]any {
	var out map[string]any
	for k, v := range args {
		if n, ok := v.(data.Number); ok {
			if out == nil {
				out = maps.Clone(args)
			}
			out[k] = n.In(l)
		}
	}
	if out == nil {
		return args
	}
	return out
}

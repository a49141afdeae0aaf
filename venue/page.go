package venue

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/atelier-workshops/atelier/data"
)

// The page is three files and its words, embedded: login.html (no
// script), mark.html with mark.js, and style.css. They load nothing from
// elsewhere; the Content-Security-Policy forbids it (server.go).

//go:embed page/*.html page/*.css page/*.js page/words.json
var pageFiles embed.FS

var pages = template.Must(template.ParseFS(pageFiles, "page/*.html"))

// languages are the page's languages, the first the one it falls back on.
var languages = []string{"en", "fr", "es"}

// words are the page's words in each language, by key.
var words = func() map[string]map[string]string {
	b, err := pageFiles.ReadFile("page/words.json")
	if err != nil {
		panic(err)
	}
	var w map[string]map[string]string
	if err := json.Unmarshal(b, &w); err != nil {
		panic("venue/page/words.json: " + err.Error())
	}
	return w
}()

// language picks the page's language from the browser's Accept-Language:
// the first of English, French and Spanish it asks for, by preference.
func language(r *http.Request) string {
	type choice struct {
		lang string
		q    float64
		at   int
	}
	var choices []choice
	for i, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if _, known := words[primary]; known && q > 0 {
			choices = append(choices, choice{primary, q, i})
		}
	}
	sort.SliceStable(choices, func(i, j int) bool { return choices[i].q > choices[j].q })
	if len(choices) == 0 {
		return languages[0]
	}
	return choices[0].lang
}

// say is a message of the page in lang, its {name} places filled.
func say(lang, key string, args ...string) string {
	text := words[lang][key]
	for i := 0; i+1 < len(args); i += 2 {
		text = strings.ReplaceAll(text, "{"+args[i]+"}", args[i+1])
	}
	return text
}

// loginView is what login.html shows.
type loginView struct {
	Lang    string
	W       map[string]string
	CSRF    string
	Message string // why the PIN was refused, or ""
	Device  string // the name typed, kept when the PIN was wrong
}

// markView is what mark.html shows; the script fills in the rest.
type markView struct {
	Lang  string
	W     map[string]string
	Words string // W as JSON, for the script
	CSRF  string
	Folds string // the letters data.Fold turns into others, as JSON
}

func render(w http.ResponseWriter, status int, name string, view any) {
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, view); err != nil {
		http.Error(w, "Internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

func serveStatic(name, contentType string) http.HandlerFunc {
	b, err := pageFiles.ReadFile("page/" + name)
	if err != nil {
		panic(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(b)
	}
}

func (s *Server) markPage(w http.ResponseWriter, r *http.Request) {
	lang := language(r)
	wordsJSON, _ := json.Marshal(words[lang])
	folds, _ := json.Marshal(data.FoldedLetters())
	render(w, http.StatusOK, "mark.html", markView{Lang: lang, W: words[lang], Words: string(wordsJSON),
		CSRF: s.gate.read(sessionOf(r)).csrf, Folds: string(folds)})
}

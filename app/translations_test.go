package app

import (
	"cmp"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/atelier-workshops/atelier/assets"
	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

var uiLanguages = []string{"en", "fr", "es"}

// translationFile reads one language's messages from all its files: the
// core file (en.json) and one per screen (schedule.en.json…), which Fyne
// merges. A key may live in one file only. A plural message is an object
// of forms (one, other…), each checked like a plain message.
func translationFile(t *testing.T, code string) map[string][]string {
	t.Helper()
	names, err := fs.Glob(assets.Translations, "translations/*"+code+".json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no %s translation files: %v", code, err)
	}
	out := map[string][]string{}
	from := map[string]string{}
	for _, name := range names {
		base := filepath.Base(name)
		if base != code+".json" && !strings.HasSuffix(base, "."+code+".json") {
			continue
		}
		b, err := fs.ReadFile(assets.Translations, name)
		if err != nil {
			t.Fatal(err)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			t.Fatalf("%s: %v", base, err)
		}
		for k, v := range raw {
			if other, dup := from[k]; dup {
				t.Errorf("%s is in both %s and %s", k, other, base)
			}
			from[k] = base
			var s string
			if json.Unmarshal(v, &s) == nil {
				out[k] = []string{s}
				continue
			}
			var forms map[string]string
			if err := json.Unmarshal(v, &forms); err != nil {
				t.Errorf("%s: %s is neither text nor plural forms", base, k)
				continue
			}
			for _, f := range forms {
				out[k] = append(out[k], f)
			}
		}
	}
	return out
}

var dataKey = regexp.MustCompile(`"((?:error|eligibility)\.[a-z_]+)"`)

// appKeys finds, in the package's source, every key it translates, with the
// English fallback each lang.X call carries. Every call must have a literal
// key, or the test could not see it; the exceptions pass on the keys of
// data and of package say, which are checked on their own.
func appKeys(t *testing.T) map[string]string {
	t.Helper()
	keys := map[string]string{}
	fset, files := sourceFiles(t)
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			switch sel.Sel.Name {
			case "L", "X", "N", "XN":
			default:
				return true // not a lookup: AddTranslationsFS and the like
			}
			key, ok := call.Args[0].(*ast.BasicLit)
			if !ok || key.Kind != token.STRING {
				if expr := types.ExprString(call.Args[0]); (sel.Sel.Name == "X" || sel.Sel.Name == "XN") &&
					(expr == "fe.Key" || expr == "w.Key" || expr == "prefix + value") {
					return true
				}
				t.Errorf("%s: lang.%s with a key the test cannot read: %s", fset.Position(call.Pos()), sel.Sel.Name, types.ExprString(call.Args[0]))
				return true
			}
			k, _ := strconv.Unquote(key.Value)
			fallback := ""
			if sel.Sel.Name == "X" || sel.Sel.Name == "XN" {
				lit, ok := call.Args[1].(*ast.BasicLit)
				if !ok {
					t.Errorf("%s: lang.%s(%q) without a literal English fallback", fset.Position(call.Pos()), sel.Sel.Name, k)
					return true
				}
				fallback, _ = strconv.Unquote(lit.Value)
			}
			keys[k] = fallback
			return true
		})
	}
	if len(keys) < 50 {
		t.Fatalf("found only %d keys: is the scan broken?", len(keys))
	}
	return keys
}

// sourceFiles parses the package's own files, its tests left out, for the
// tests that read its calls.
func sourceFiles(t *testing.T) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file)
	}
	return fset, files
}

// sayKey is a message package say words an error with.
var sayKey = regexp.MustCompile(`"((?:error|open|import\.error)\.[a-z_]+)"`)

// mailKey is a message package mail words the mail server's errors with.
var mailKey = regexp.MustCompile(`"(mail\.error\.[a-z_]+)"`)

// dataErrorKeys lists the error keys data and its sub-packages hand to the
// interface (venue's too), and those package say words errors with.
func dataErrorKeys(t *testing.T) []string {
	t.Helper()
	var keys []string
	for dir, pattern := range map[string]*regexp.Regexp{"../data": dataKey, "../venue": dataKey, "../say": sayKey, "../mail": mailKey} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			b, err := os.ReadFile(path)
			for _, m := range pattern.FindAllStringSubmatch(string(b), -1) {
				if !slices.Contains(keys, m[1]) {
					keys = append(keys, m[1])
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Contains(keys, "error.required") || !slices.Contains(keys, "error.end_before_start") || !slices.Contains(keys, "open.not_atelier") {
		t.Fatalf("data keys %v lack the obvious ones: is the scan broken?", keys)
	}
	return keys
}

func TestEveryKeyIsTranslatedInEveryLanguage(t *testing.T) {
	files := map[string]map[string][]string{}
	for _, code := range uiLanguages {
		files[code] = translationFile(t, code)
	}
	for _, code := range uiLanguages[1:] {
		for k := range files["en"] {
			if _, ok := files[code][k]; !ok {
				t.Errorf("%s.json lacks %q", code, k)
			}
		}
		for k := range files[code] {
			if _, ok := files["en"][k]; !ok {
				t.Errorf("%s.json has %q, which en.json does not", code, k)
			}
		}
	}

	for key, fallback := range appKeys(t) {
		for _, code := range uiLanguages {
			if _, ok := files[code][key]; !ok {
				t.Errorf("app uses %q, missing from %s.json", key, code)
			}
		}
		if en := files["en"][key]; fallback != "" && len(en) == 1 && en[0] != fallback {
			t.Errorf("%q: the English in the code (%q) differs from en.json (%q)", key, fallback, en[0])
		}
	}
	used := appKeys(t)
	for _, key := range dataErrorKeys(t) {
		used[key] = ""
		for _, code := range uiLanguages {
			if _, ok := files[code][key]; !ok {
				t.Errorf("data reports %q, missing from %s.json", key, code)
			}
		}
	}
	used["meta.language"] = "" // read by uiLanguage through a constant key
	for key := range namedKeys() {
		used[key] = ""
		for _, code := range uiLanguages {
			if _, ok := files[code][key]; !ok {
				t.Errorf("a value of data's lists has no %q in %s.json", key, code)
			}
		}
	}
	for key := range files["en"] {
		if _, ok := used[key]; !ok {
			t.Errorf("%q is translated but no code uses it", key)
		}
	}
}

// namedKeys are the messages named words every value of data's lists
// with, each as its function asks for it.
func namedKeys() map[string]bool {
	keys := map[string]bool{}
	add := func(prefix string, values ...string) {
		for _, v := range values {
			keys[prefix+v] = true
		}
	}
	for _, prefix := range []string{"participants.status.", "participants.status.female.", "participants.status.male."} {
		add(prefix, asStrings(data.Statuses)...)
	}
	for _, g := range data.GrantFilters {
		add("participants.grants.", cmp.Or(string(g), "any"))
	}
	for _, g := range data.Genders {
		add("participants.gender.", cmp.Or(string(g), "unspecified"))
	}
	add("attendance.mark.", asStrings(data.Marks)...)
	add("attendance.mark.letter.", asStrings(data.Marks)...)
	add("attendance.mark.", "unmarked")
	add("schedule.kind.", asStrings(data.SessionKinds)...)
	add("language.", asStrings(data.Languages)...)
	add("role.", asStrings(data.Roles)...)
	add("outbox.state.", asStrings(data.MessageStates)...)
	add("send.title.", asStrings(data.MessageKinds)...)
	add("letters.kind.", asStrings(data.LetterKinds)...)
	add("travel.field.", data.TravelFields...)
	add("attendance.rule.excused_", asStrings(data.ExcusedPolicies)...)
	for m := time.January; m <= time.December; m++ {
		add("date.month.", strconv.Itoa(int(m)))
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		add("schedule.weekday.", strconv.Itoa(int(d)))
	}
	for prefix, fields := range formFields {
		for _, f := range fields {
			key := prefix + f
			if say.Template(key) == "" {
				key = "field." + f
			}
			keys[key] = true
		}
	}
	return keys
}

// asStrings is one of data's lists of values as strings.
func asStrings[S ~string](list []S) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = string(v)
	}
	return out
}

// formFields are the fields of each form, by the prefix of their names'
// messages (fieldLabel), as data names them.
var formFields = map[string][]string{
	"field.": {"title", "theme", "city", "country", "region", "venue", "start_date", "end_date", "language",
		"grant_target", "min_percent", "excused_policy"},
	"trainers.field.":      {"name", "title", "affiliation", "country", "email", "languages", "bio"},
	"schedule.field.":      {"title", "kind", "day", "start", "end", "room", "description", "trainers"},
	"organisations.field.": {"name", "short_name", "country", "website", "logo", "role"},
	"mail.field.":          {"host", "port", "security", "user", "password", "from_name", "from_address", "per_minute"},
	"participants.field.": {"given_name", "family_name", "printed_name", "gender", "country", "institution",
		"position", "email", "phone", "language", "status", "grant", "grant_amount", "grant_currency", "directory", "notes"},
}

// Every value of data's lists reads in words, in each language, through
// named: a status, a mark, a month…
func TestEveryValueOfDataListsIsNamed(t *testing.T) {
	useLanguage(t, "fr")
	for _, c := range []struct{ got, want string }{
		{statusName(data.StatusWaitlisted), "Liste d’attente"},
		{markName(data.Unmarked), "Pas encore marqué"},
		{markLetter(data.Late), "R"},
		{markLetter(data.Unmarked), ""},
		{genderName(data.GenderUnspecified), "Non précisé"},
		{monthAbbr(time.November), "nov."},
		{policyName(data.ExcusedExcluded), "Retirées du décompte"},
		{roleName("patron"), "patron"},
		{trainerFieldLabel("country"), "Pays"},
		{trainerFieldLabel("title"), "Titre ou fonction"},
		{participantFieldLabel("grant_awarded"), "Bourse"},
		{sessionFieldLabel("title"), "Titre"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// templateFields lists the {{.Name}} fields a message refers to.
func templateFields(t *testing.T, key, text string) []string {
	tmpl, err := template.New(key).Parse(text)
	if err != nil {
		t.Errorf("%q does not parse: %v", key, err)
		return nil
	}
	var fields []string
	var visit func(parse.Node)
	visit = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			for _, c := range n.Nodes {
				visit(c)
			}
		case *parse.ActionNode:
			for _, cmd := range n.Pipe.Cmds {
				for _, arg := range cmd.Args {
					if f, ok := arg.(*parse.FieldNode); ok {
						fields = append(fields, strings.Join(f.Ident, "."))
					}
				}
			}
		}
	}
	visit(tmpl.Tree.Root)
	slices.Sort(fields)
	return slices.Compact(fields)
}

func TestTranslationsUseOnlyTheArgumentsEnglishUses(t *testing.T) {
	en := translationFile(t, "en")
	for _, code := range uiLanguages[1:] {
		for key, texts := range translationFile(t, code) {
			want := templateFields(t, key, en[key][0])
			for _, text := range texts {
				for _, f := range templateFields(t, key, text) {
					if !slices.Contains(want, f) && !(f == "Field" && strings.HasPrefix(key, "error.")) {
						t.Errorf("%s.json %q uses {{.%s}}, which the English does not", code, key, f)
					}
				}
			}
		}
	}
}

func TestFrenchAndSpanishTypography(t *testing.T) {
	badFrench := regexp.MustCompile(`[ \x{202F}][:;!?»]|« |[^\x{00A0}\x{202F}][:;!?]( |$)|'`)
	for key, texts := range translationFile(t, "fr") {
		for _, s := range texts {
			// Template actions and times (15:04) are not prose.
			prose := regexp.MustCompile(`\{\{[^}]*\}\}`).ReplaceAllString(s, "X")
			if m := badFrench.FindString(prose); m != "" {
				t.Errorf("fr.json %q: %q in %q (French wants a non-breaking space before : ; ! ? and inside « », and ’)", key, m, s)
			}
		}
	}
	for key, texts := range translationFile(t, "es") {
		for _, s := range texts {
			if strings.Contains(s, "?") && !strings.Contains(s, "¿") || strings.Contains(s, "!") && !strings.Contains(s, "¡") {
				t.Errorf("es.json %q: a question or exclamation without its opening mark: %q", key, s)
			}
		}
	}
}

func TestFieldMessagesUseTheFormsLabelAndDates(t *testing.T) {
	useLanguage(t, "fr")
	w := data.Workshop{Title: "x", City: "Lagos", Country: "NG", Language: data.English, Rule: data.DefaultCertificateRule,
		StartDate: data.NewDate(2022, 11, 21), EndDate: data.NewDate(2022, 11, 1)}
	v, ok := data.AsValidation(w.Validate())
	if !ok {
		t.Fatal("an end before the start passed validation")
	}
	fe, _ := v.For("end_date")
	got := fieldMessage(fe, "Fin")
	if want := "Fin\u00a0: le 1er nov. 2022 tombe avant la date de début (21 nov. 2022)."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if fe.Args["Field"] != "End date" {
		t.Errorf("fieldMessage changed data's arguments: %v", fe.Args)
	}
}

// French has one word for the document Atelier prints: “attestation”, the
// word the printed document itself carries (“Attestation de
// participation”), never “certificat”, which in French suggests a diploma
// or a qualification rather than attendance.
func TestFrenchCallsTheDocumentAnAttestation(t *testing.T) {
	certificat := regexp.MustCompile(`(?i)\bcertificats?\b`)
	for key, texts := range translationFile(t, "fr") {
		for _, s := range texts {
			if certificat.MatchString(s) {
				t.Errorf("fr %q says “certificat”: %q", key, s)
			}
		}
	}
}

// Spanish has one word for it too: “certificado”, as the printed document
// says (“Certificado de asistencia”), never “constancia” or “diploma”.
func TestSpanishCallsTheDocumentACertificado(t *testing.T) {
	other := regexp.MustCompile(`(?i)\b(constancias?|diplomas?)\b`)
	for key, texts := range translationFile(t, "es") {
		for _, s := range texts {
			if other.MatchString(s) {
				t.Errorf("es %q says %q: %q", key, other.FindString(s), s)
			}
		}
	}
}

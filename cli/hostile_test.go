package cli

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
	"github.com/atelier-workshops/atelier/data/importer/importtest"
)

func TestTerminalSafeWriterEscapesControlCharacters(t *testing.T) {
	for in, want := range map[string]string{
		"Ọláńrewájú Àdìgún\n":             "Ọláńrewájú Àdìgún\n",
		"\tعائشة\tאברהם\n":                "\tعائشة\tאברהם\n",
		"Ada\x1b]0;pwned\x07 Lovelace":    `Ada\x1b]0;pwned\x07 Lovelace`,
		"clear\x1b[2J\x1b[H":              `clear\x1b[2J\x1b[H`,
		"row 3\rrow 4":                    `row 3\x0drow 4`,
		"csi\u009b31m":                    `csi\u009b31m`,
		"evil\u202eexe.pdf":               `evil\u202eexe.pdf`,
		"isolate\u2067x\u2069":            `isolate\u2067x\u2069`,
		"raw\xe9 byte\x7f":                `raw\xe9 byte\x7f`,
		"no-break\u00a0space « comme ça»": "no-break\u00a0space « comme ça»",
	} {
		var out bytes.Buffer
		n, err := (terminalSafe{&out}).Write([]byte(in))
		if err != nil || n != len(in) || out.String() != want {
			t.Errorf("%q: wrote %q (%d, %v), want %q", in, out.String(), n, err, want)
		}
	}
}

// rawControls finds what a terminal would act on: C0 controls but line
// feeds and tabs, DEL, C1 controls and the bidirectional overrides.
func rawControls(s string) []rune {
	var found []rune
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) ||
			(r >= 0x2066 && r <= 0x2069) {
			found = append(found, r)
		}
	}
	return found
}

func workshopFile(t *testing.T) (db, id string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "atelier.db")
	st, err := data.Open(db, data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	w := data.Workshop{Title: "Atelier régional", City: "Dakar", Country: "SN", Language: data.French,
		StartDate: data.NewDate(2027, 3, 8), EndDate: data.NewDate(2027, 3, 12), Rule: data.DefaultCertificateRule}
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return db, strconv.FormatInt(w.ID, 10)
}

// A list whose file name, column titles and names carry escape sequences
// (retitle the window, clear the screen), a carriage return, a C1 control
// and a right-to-left override is previewed with all of them shown
// escaped, and cells of 20,000 letters as short pieces.
func TestImportPreviewShowsEscapesInsteadOfActingOnThem(t *testing.T) {
	db, id := workshopFile(t)
	list := filepath.Join(t.TempDir(), "list\x1b[31m.csv")
	long := strings.Repeat("Ọ", 20000)
	csv := "\"Nom\x1b]0;pwned\x07\";Prénom;Pays\n" +
		"Diallo\x1b[2J\x1b[H;Aïssatou;\n" +
		"Bâ\r;Amadou\u009b31m;\n" +
		"Sow;Mariama\u202egpj.exe;\n" +
		"Kaboré;Issa;" + long + "\n" + // not a country, quoted cut
		long + ";Ada;\n" + // a name too long, named cut
		long + ";Ada;\n" // the same again: a duplicate of the one before
	if err := os.WriteFile(list, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("import", "--db", db, "--workshop", id, list)
	if code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	if bad := rawControls(out + errOut); len(bad) > 0 {
		t.Errorf("the preview passes %q to the terminal:\n%s", bad, out)
	}
	for _, want := range []string{`list\x1b[31m.csv`, `Nom\x1b]0;pwned\x07`, `Diallo\x1b[2J\x1b[H`, `\u202e`, `\u009b`} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not show %s:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 400 {
			t.Errorf("a line of %d characters: %.120s…", n, line)
		}
	}
	if !strings.Contains(out, "characters more") {
		t.Errorf("the long notes are not said to be cut:\n%.2000s", out)
	}
}

// Each command that only reads (verify, export, import without --yes,
// programme, signin, badges, logistics, outbox without --resend, send
// without --yes or --retry), given an existing empty file, says it is not
// an Atelier database and leaves it as it was: 0 bytes, nothing beside it.
func TestReadOnlyCommandsLeaveAnEmptyFileEmpty(t *testing.T) {
	refusedLeavingEmpty(t, readOnlyCommands)
}

// readOnlyCommands are the commands that only read, on db, with list to
// import and out for what they write.
func readOnlyCommands(db, list, out string) [][]string {
	return [][]string{
		{"verify", "--db", db, "K7Q2-M9XD-4FHT"},
		{"export", "--db", db, "--workshop", "1", "--out", filepath.Join(out, "book.xlsx")},
		{"export", "--db", db, "--all", "--out", filepath.Join(out, "all.xlsx")},
		{"import", "--db", db, "--workshop", "1", list},
		{"programme", "--db", db, "--workshop", "1", "--out", filepath.Join(out, "programme.pdf")},
		{"signin", "--db", db, "--workshop", "1", "--out", filepath.Join(out, "signin.pdf")},
		{"badges", "--db", db, "--workshop", "1", "--out", filepath.Join(out, "badges.pdf")},
		{"logistics", "--db", db, "--workshop", "1", "--kind", "rooming", "--out", filepath.Join(out, "rooming.pdf")},
		{"outbox", "--db", db},
		{"send", "--db", db, "--workshop", "1", "--what", "certificates", "--from", "organiser@example.org", "--smtp", "127.0.0.1:1"},
	}
}

// Each command that writes but needs a workshop already there
// (certificates, letters, keys, verifier, revoke, serve, import --yes,
// send --yes or --retry, outbox --resend, the window given --db), given an
// existing empty file, says it is not an Atelier database, as the commands
// that only read do, and leaves it at 0 bytes even though it fails: only
// atelier demo and the window's own default file set up an empty one.
func TestWritingCommandsLeaveAnEmptyFileEmpty(t *testing.T) {
	refusedLeavingEmpty(t, func(empty, list, out string) [][]string {
		smtp := []string{"--from", "organiser@example.org", "--smtp", "127.0.0.1:1"}
		return [][]string{
			{"certificates", "--db", empty, "--workshop", "1", "--out", filepath.Join(out, "certificates.pdf")},
			{"certificates", "--db", empty, "--workshop", "1", "--each", "--out", filepath.Join(out, "each")},
			{"letters", "--db", empty, "--workshop", "1", "--kind", "attendance", "--out", filepath.Join(out, "letters.pdf")},
			{"keys", "--db", empty},
			{"keys", "--db", empty, "--out", filepath.Join(out, "keys.txt")},
			{"verifier", "--db", empty, "--out", filepath.Join(out, "verifier.html")},
			{"revoke", "--db", empty, "--serial", "K7Q2-M9XD-4FHT", "--reason", "typo"},
			{"serve", "--db", empty, "--workshop", "1", "--addr", "127.0.0.1:0"},
			{"import", "--db", empty, "--workshop", "1", "--yes", list},
			append([]string{"send", "--db", empty, "--workshop", "1", "--what", "certificates", "--yes"}, smtp...),
			append([]string{"send", "--db", empty, "--retry"}, smtp...),
			{"outbox", "--db", empty, "--resend", "1"},
			{"--db", empty},
		}
	})
}

// On a real file, the commands that only read change no byte of it and
// leave nothing beside it.
func TestReadOnlyCommandsChangeNothing(t *testing.T) {
	db := demoFile(t)
	dir := filepath.Dir(db)
	hash := func() [32]byte {
		b, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := hash()
	list := filepath.Join(t.TempDir(), "list.csv")
	os.WriteFile(list, []byte("Nom;Prénom\nDiallo;Aïssatou\n"), 0o644)
	out := t.TempDir()
	for _, args := range readOnlyCommands(db, list, out) {
		code, _, errOut := runCLI(args...)
		if code != 0 && !(args[0] == "verify" && code == 1) {
			t.Errorf("%s: code %d, %s", args[0], code, errOut)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || hash() != before {
			t.Fatalf("%s: the folder holds %v; the file changed: %v", args[0], entries, hash() != before)
		}
	}
}

func TestMessagesCountInTheSingular(t *testing.T) {
	db, id := workshopFile(t)
	list := filepath.Join(t.TempDir(), "list.csv")
	os.WriteFile(list, []byte("Nom;Prénom;Courriel\nDiallo;Aïssatou;a@example.sn\n;;\nBâ;Amadou;amadou@\n"), 0o644)
	_, out, _ := runCLI("import", "--db", db, "--workshop", id, list)
	for _, want := range []string{"1 row to add, 0 rows to update, 0 rows already there as they are, 1 row refused, 1 blank row skipped.", "to add and update the 1 row above"} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not say %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI("import", "--db", db, "--workshop", id, "--yes", list)
	if !strings.Contains(out, "1 participant added, 0 participants updated") {
		t.Errorf("import: %s", out)
	}
	for n, want := range map[int]string{0: "0 rows", 1: "1 row", 2: "2 rows"} {
		if got := count(n, "row", "rows"); got != want {
			t.Errorf("count(%d) = %q", n, got)
		}
	}
}

// Workbooks of a few MB made to exhaust the memory (a sheet that inflates
// to 300 MiB of blank rows, the same declaring a megabyte, a cell of
// 1 GiB declaring 50 MiB) are refused by atelier import, with --yes or
// without, in words that name the limit or the damage; the file keeps
// every byte, and its workshop no one more.
func TestImportRefusesHostileWorkbooks(t *testing.T) {
	db, id := workshopFile(t)
	dir := t.TempDir()
	lying := importtest.Inflating(300 << 20)
	lying.Declared = 1 << 20
	cell := importtest.HugeCell(1 << 30)
	cell.Declared = 50 << 20
	for name, c := range map[string]struct {
		sheet importtest.Sheet
		says  string
	}{
		"inflating.xlsx": {importtest.Inflating(300 << 20), "its sheets unpack to more than 100 MB"},
		"lying.xlsx":     {lying, "is a damaged workbook"},
		"cell.xlsx":      {cell, `cell B3 of sheet "Applicants" holds more than 32,767 characters, Excel’s own limit`},
	} {
		path := filepath.Join(dir, name)
		importtest.WriteXLSX(t, path, c.sheet)
		if st, _ := os.Stat(path); st.Size() > 2<<20 {
			t.Fatalf("%s is %d bytes; it should be small", name, st.Size())
		}
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{path}, {"--yes", path}} {
			code, out, errOut := runCLI(append([]string{"import", "--db", db, "--workshop", id}, args...)...)
			if code != 1 || !strings.Contains(errOut, c.says) || !strings.Contains(errOut, name) || out != "" {
				t.Errorf("import %v: code %d, stdout %q, stderr %q; want it refused saying %q", args, code, out, errOut, c.says)
			}
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Errorf("%s: the database changed", name)
		}
	}
}

// A file whose last change is still only in its -wal, in a folder that
// cannot be written (a stick locked, a share mounted read-only), with no
// -shm beside it: the programme printed from it shows that change, not
// the title before it, and nothing in the folder changes.
func TestProgrammeOfAReadOnlyFileShowsTheChangesInItsWAL(t *testing.T) {
	live := demoFile(t)
	st, err := data.Open(live, data.OpenExisting)
	if err != nil {
		t.Fatal(err)
	}
	w, err := st.Workshop(1)
	if err != nil {
		t.Fatal(err)
	}
	w.Title = "Changed in the log"
	if err := st.SaveWorkshop(&w); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "copied.db")
	for _, side := range []string{"", "-wal"} { // as a process killed before closing leaves them
		b, err := os.ReadFile(live + side)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db+side, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if info, err := os.Stat(db + "-wal"); err != nil || info.Size() == 0 {
		t.Fatalf("the change is not in the -wal: %v", err)
	}
	datatest.ReadOnlyFolder(t, dir)
	before := folderHash(t, dir)
	out := filepath.Join(t.TempDir(), "programme.pdf")
	if code, _, errOut := runCLI("programme", "--db", db, "--workshop", "1", "--out", out); code != 0 {
		t.Fatalf("programme: code %d, %s", code, errOut)
	}
	if words := pdfWords(t, out); !strings.Contains(words, "Changed in the log") {
		t.Errorf("the programme does not show the change in the -wal:\n%.600s", words)
	}
	if folderHash(t, dir) != before {
		t.Error("the read-only folder changed")
	}
}

// refusedLeavingEmpty runs each command commands lists, given an existing
// empty file, a registration list and an empty folder for what they
// write, and checks that it says the file is not an Atelier database,
// leaves it at 0 bytes with nothing beside it, and writes nothing.
func refusedLeavingEmpty(t *testing.T, commands func(empty, list, out string) [][]string) {
	t.Helper()
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(list, []byte("Nom;Prénom\nDiallo;Aïssatou\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, args := range commands(empty, list, out) {
		code, _, errOut := runCLI(args...)
		if code != 1 || !strings.Contains(errOut, "empty.db” is not an Atelier database") {
			t.Errorf("%s: code %d, stderr %q", args[0], code, errOut)
		}
		entries, _ := os.ReadDir(filepath.Dir(empty))
		info, _ := os.Stat(empty)
		if len(entries) != 1 || info.Size() != 0 {
			t.Fatalf("%s: the folder holds %v, the file %d bytes", args[0], entries, info.Size())
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("written: %v", entries)
	}
}

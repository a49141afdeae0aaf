// Package cli is Atelier's command line: one file per sub-command, this
// one reading the first word and sending the rest to it. Without a
// sub-command it opens the store and hands it to the window that main.go
// wires in, so that this package builds and tests without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// Program is what main.go tells the command line about the binary: its
// version, and how to open the window on a store.
type Program struct {
	Version string
	Build   int
	// Window shows the GUI on st until it is closed; dataDir holds the
	// default database and the backups. Nil in tests that never open it.
	Window func(st *data.Store, dataDir string)
}

const usage = `Atelier: plan, run and report training workshops for museum professionals.

Usage:
  atelier [--db FILE]          open the window (default database: %s)
  atelier demo --db FILE       add the demo workshops to FILE (a new file or an Atelier database)
  atelier programme --db FILE --workshop ID --out FILE.pdf
                               write the printed programme of a workshop
  atelier signin --db FILE --workshop ID [--session ID | --day YYYY-MM-DD] --out FILE.pdf
                               write sign-in sheets: one session, one day, or every session
  atelier export --db FILE --workshop ID [--anonymous] --out FILE.xlsx
                               write the secretariat's Excel workbook of a workshop; with
                               --anonymous, without names, emails, phones or notes
  atelier export --all [--language en|fr|es] --out FILE.xlsx [--db FILE] A.db B.db …
                               write one overview across every workshop of the files, each read
                               only; a workshop in two files (same title and dates) counts once
  atelier import --db FILE --workshop ID [--sheet NAME] [--yes] LIST
                               read participants from LIST (.xlsx or .csv): print what would be
                               imported and every row refused, and import only with --yes
  atelier certificates --db FILE --workshop ID --out FILE.pdf [--each] [--trainers]
                               issue the certificates of everyone eligible (and of the trainers)
                               and print them into FILE.pdf and, with --each, one PDF each into
                               the folder FILE beside it; reissuing keeps serial numbers and codes
  atelier letters --db FILE --workshop ID --kind visa|award|attendance [--participant ID] --out FILE.pdf
                               issue letters (visa invitations, grant awards, attendance letters) to
                               one participant or everyone they are for, and print them; reissuing
                               keeps serial numbers, and codes unless what a letter says changed
  atelier badges --db FILE --workshop ID --out FILE.pdf [--layout a4-8|a6-4] [--tents]
                               write name badges (eight or four to an A4 sheet, with cut marks and
                               QR codes for check-in), or with --tents table cards folded from A4
  atelier logistics --db FILE --workshop ID --kind rooming|pickups|perdiem --out FILE.pdf
                               write the rooming list, the airport pick-ups, or the per-diem sheet
  atelier verify --db FILE CODE|TEXT
                               say whether a certificate's or letter's code (or its QR code's text)
                               is genuine, revoked or changed, and what it states
  atelier verify --key FILE.pem TEXT
                               check a QR code's text (- reads it from standard input) with the
                               issuer's published public key alone
  atelier keys --db FILE [--out FILE.pem]
                               list the issuer keys of FILE (made on first use) and write their
                               public halves, to publish
  atelier keys --db FILE --export-private KEY.pem | --import-private KEY.pem
                               carry the issuer's signing key to another file of the same issuer;
                               KEY.pem is secret: whoever has it can sign in the issuer's name
  atelier revoke --db FILE --serial SERIAL --reason "WHY" [--workshop ID]
                               withdraw a certificate; verifying it then says revoked, and why
  atelier verifier --db FILE --out verify.html [--issuer "ORGANISATION"]
                               write the verifier page: one HTML file that checks certificates'
                               QR codes in any browser, offline, with the issuer's public keys
  atelier verifier --db FILE --workshop ID --address https://…/verify.html|none
                               say where a workshop publishes that page: its QR codes then open it
  atelier send --db FILE --workshop ID --what KIND --from ADDRESS
               --smtp HOST:PORT [--security starttls|tls|none] [--user NAME] [--to ADDRESS] [--rate N] [--yes]
                               write the messages of a workshop (atelier send --help lists the
                               kinds): each certificate to its holder
                               (--trainers: the trainers' too), each visa, award or attendance
                               letter to the participant it is for (as atelier letters writes
                               them; a name the PDF font cannot draw is left out and named),
                               the workbook to the secretariat
                               (--anonymous; --to another address), or --subject and --body to the
                               confirmed participants; print how many go to how many people and the
                               first, and with --yes queue and send them, at most N a minute (20
                               unless the file's mail account says otherwise; 0: no limit); the
                               password is read from ATELIER_SMTP_PASSWORD
  atelier send --db FILE --retry [--smtp HOST:PORT …]
                               send what waits in the outbox
  atelier outbox --db FILE [--workshop ID] [--resend ID[,ID…]]
                               list the messages of the outbox and their states; --resend queues
                               again messages sent, refused or of unknown fate
  atelier serve --db FILE --workshop ID [--addr HOST:PORT] [--pin NNNNNN]
                               share the workshop's attendance on the local network: helpers open
                               the address printed on their phones and mark with the PIN; every
                               mark is saved into FILE (Ctrl-C stops sharing)
  atelier help                 show this help
  atelier --version            print the version

Options:
  --db FILE    the database file to use
`

// Run runs the command line and returns the exit code: 0 when done, 1 when
// the work failed, 2 when the command line itself was wrong.
func Run(args []string, stdout, stderr io.Writer, p Program) int {
	stdout, stderr = terminalSafe{stdout}, terminalSafe{stderr}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "atelier: "+format+"\n", a...)
		return 2
	}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "demo":
			return runDemo(args[1:], stdout, stderr)
		case "programme":
			return runProgramme(args[1:], stdout, stderr)
		case "signin":
			return runSignIn(args[1:], stdout, stderr)
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "import":
			return runImport(args[1:], stdout, stderr)
		case "certificates":
			return runCertificates(args[1:], stdout, stderr)
		case "verify":
			return runVerify(args[1:], stdout, stderr)
		case "letters":
			return runLetters(args[1:], stdout, stderr)
		case "badges":
			return runBadges(args[1:], stdout, stderr)
		case "logistics":
			return runLogistics(args[1:], stdout, stderr)
		case "keys":
			return runKeys(args[1:], stdout, stderr)
		case "revoke":
			return runRevoke(args[1:], stdout, stderr)
		case "verifier":
			return runVerifier(args[1:], stdout, stderr)
		case "send":
			return runSend(args[1:], stdout, stderr)
		case "outbox":
			return runOutbox(args[1:], stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "help":
			fmt.Fprintf(stdout, usage, DefaultDBPath())
			return 0
		default:
			return fail("unknown command %q (see atelier --help)", args[0])
		}
	}
	fs := newFlagSet("atelier")
	dbPath := fs.String("db", "", "")
	showVersion := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usage, DefaultDBPath())
			return 0
		}
		return fail("%v (see atelier --help)", err)
	}
	if *showVersion {
		fmt.Fprintf(stdout, "Atelier %s (build %d)\n", p.Version, p.Build)
		return 0
	}
	if fs.NArg() > 0 {
		return fail("unexpected argument %q (see atelier --help)", fs.Arg(0))
	}
	mode := data.OpenExisting
	dataDir := filepath.Dir(DefaultDBPath())
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return report(stderr, "atelier", err, say.Writing, dataDir)
	}
	if *dbPath == "" {
		*dbPath = DefaultDBPath()
		mode = data.OpenOrCreate
	}
	st, err := data.Open(*dbPath, mode, data.WithBackups(data.BackupFolder(dataDir, *dbPath)))
	if err != nil {
		return report(stderr, "atelier", err, say.Opening, *dbPath)
	}
	if p.Window == nil {
		st.Close()
		return fail("this build has no window; use a sub-command (see atelier --help)")
	}
	p.Window(st, dataDir)
	return 0
}

// newFlagSet reports a bad flag as an error instead of printing the
// defaults, so that the user gets one line that says what was wrong.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

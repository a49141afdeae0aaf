package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/qr"
	"github.com/atelier-workshops/atelier/say"
	"github.com/atelier-workshops/atelier/venue"
)

// runServe shares a workshop's attendance on the local network: helpers
// open the address it prints on their phones, type the PIN and mark, and
// every mark is saved into FILE. It serves until Ctrl-C (or SIGTERM).
func runServe(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier serve --db FILE --workshop ID [--addr HOST:PORT] [--pin NNNNNN]"
	fs := newFlagSet("atelier serve")
	db := fs.String("db", "", "")
	workshop := fs.Int64("workshop", 0, "")
	addr := fs.String("addr", "", "")
	pin := fs.String("pin", "", "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "atelier serve: unexpected argument %q (see atelier --help)\n", fs.Arg(0))
		return 2
	case *db == "" || *workshop <= 0:
		fmt.Fprintf(stderr, "atelier serve: give --db FILE and --workshop ID (usage: %s)\n", usageLine)
		return 2
	}
	st, code := openStore(fs, *db, data.OpenExisting, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	return serve(fs, st, venue.Config{Store: st, WorkshopID: *workshop, Addr: *addr, PIN: *pin}, *db, stdout, stderr)
}

func serve(fs *flag.FlagSet, st *data.Store, cfg venue.Config, db string, stdout, stderr io.Writer) int {
	name := fs.Name()
	w, err := st.Workshop(cfg.WorkshopID)
	var nf *data.NotFoundError
	if errors.As(err, &nf) {
		return report(stderr, name, message(fmt.Sprintf("there is no workshop %d in %s", cfg.WorkshopID, db)), say.Reading, "")
	}
	if err != nil {
		return report(stderr, name, err, say.Reading, db)
	}
	cfg.Log = func(err error) { logError(stderr, name, err) }
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := venue.Start(cfg)
	if err != nil {
		return report(stderr, name, err, say.Reading, db)
	}
	fmt.Fprintf(stdout, "Sharing the attendance of “%s” on this network.\n\n", w.Title)
	fmt.Fprintf(stdout, "On a phone on the same network, open  %s\n", srv.Address())
	fmt.Fprintf(stdout, "and type the PIN                     %s\n\n", srv.PIN())
	fmt.Fprint(stdout, terminalQR(srv.Address()))
	fmt.Fprintln(stdout, "\nThe page is plain HTTP: anyone on this network can read what passes (names and marks),")
	fmt.Fprintln(stdout, "though not sign in without the PIN. Share on a network you trust. Ctrl-C stops sharing.")
	<-ctx.Done()
	devices := srv.Devices()
	if err := srv.Close(); err != nil {
		logError(stderr, name, err)
	}
	marks := 0
	for _, d := range devices {
		marks += d.Marks
	}
	fmt.Fprintf(stdout, "Stopped sharing: %s saved from %s.\n", count(marks, "mark", "marks"),
		count(len(devices), "signed-in device", "signed-in devices"))
	return 0
}

// terminalQR draws a QR code of text in a terminal, two rows of modules a
// line: dark modules as blanks, light ones as blocks, with a quiet zone of
// four, so that it reads right on the usual dark terminal.
func terminalQR(text string) string {
	modules := qr.Encode([]byte(text))
	if modules == nil {
		return ""
	}
	const quiet = 4
	n := len(modules)
	light := func(y, x int) bool {
		y, x = y-quiet, x-quiet
		return y < 0 || x < 0 || y >= n || x >= n || !modules[y][x]
	}
	var b strings.Builder
	for y := 0; y < n+2*quiet; y += 2 {
		for x := 0; x < n+2*quiet; x++ {
			top, bottom := light(y, x), y+1 < n+2*quiet && light(y+1, x)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

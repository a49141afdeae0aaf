package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runLetters issues a kind of letter (visa invitation, grant award,
// attendance) to one participant or to everyone it is for, entering them
// in the register of letters, and prints them into one PDF.
func runLetters(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier letters --db FILE --workshop ID --kind visa|award|attendance [--participant ID] --out FILE.pdf"
	f := newDocumentFlags("letters")
	f.writes = true
	kind := f.fs.String("kind", "", "")
	participant := f.fs.Int64("participant", 0, "")
	if code := f.parse(args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	name := f.fs.Name()
	if !data.ValidLetterKind(data.LetterKind(*kind)) {
		fmt.Fprintf(stderr, "%s: --kind must be visa, award or attendance, not %q (usage: %s)\n", name, *kind, usageLine)
		return 2
	}
	st, code := f.open(stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	opts := data.LetterOptions{Kind: data.LetterKind(*kind), ParticipantID: *participant}
	run, err := reports.IssueAndPrintLetters(context.Background(), st, f.workshop, opts, f.out, nil)
	for _, w := range run.Warnings {
		fmt.Fprintf(stderr, "%s: warning: %s: %s\n", name, w.Name, w.Warning.Message)
	}
	for _, s := range run.LeftOut {
		fmt.Fprintf(stderr, "%s: left out: %s\n", name, say.LetterSkip(s).English())
	}
	var published *data.PublishError
	var notFound *data.NotFoundError
	switch {
	case errors.Is(err, reports.ErrNoLetters):
		return report(stderr, name, message(fmt.Sprintf("nobody in workshop %d gets a %s letter yet", f.workshop, *kind)), say.Writing, "")
	case errors.As(err, &notFound) && notFound.Record == "participant":
		return report(stderr, name, message(fmt.Sprintf("workshop %d has no participant %d", f.workshop, *participant)), say.Writing, "")
	case errors.As(err, &published):
		fmt.Fprintf(stderr, "%s: %s\n", name, say.Words{Key: "letters.publish_failed"}.English())
		return report(stderr, name, published.Err, say.Writing, f.out)
	case err != nil:
		code := report(stderr, name, err, say.Writing, f.out)
		fmt.Fprintf(stderr, "%s: nothing was entered in the register.\n", name)
		return code
	}
	fmt.Fprintf(stdout, "Wrote %s to %s\n", count(len(run.Letters), "letter", "letters"), f.out)
	for _, l := range run.Letters {
		fmt.Fprintf(stdout, "  %s  %s  %s\n", l.Serial, l.Code, l.HolderName)
	}
	return 0
}

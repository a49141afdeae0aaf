package reports

import (
	"bytes"
	"context"
	"io"

	"github.com/atelier-workshops/atelier/data"
)

// IssueAndPrintLetters is what the window's Letters and `atelier letters`
// do: it enters in the register the letters opts asks for (one
// participant's, or everyone's the kind is for) and prints them into one
// PDF at path. The register and the file change together or not at all,
// as for certificates (see data.IssueLettersPrinting and
// certificateOutput). ctx cancels the wait for another process's write
// and the printing; progress, when not nil, is told of the letters laid
// out and stops the work when it returns false (with ErrCancelled). A run
// with nobody to write to returns ErrNoLetters with the run, which names
// those left out.
func IssueAndPrintLetters(ctx context.Context, st *data.Store, workshopID int64, opts data.LetterOptions,
	path string, progress func(done, total int) bool) (data.LetterRun, error) {
	out, err := newCertificateOutput(path, "")
	if err != nil {
		return data.LetterRun{}, err
	}
	opts.CannotDraw = MissingLetters
	run, err := st.IssueLettersPrinting(ctx, workshopID, opts, &letterFilePrinter{out: out, progress: progress})
	if err == nil && len(run.Letters) == 0 {
		return run, ErrNoLetters
	}
	return run, err
}

// letterFilePrinter prints letters into a PDF file for
// data.IssueLettersPrinting; its plans are certificateOutput's, so that
// either kind of printer finishes what the other left.
type letterFilePrinter struct {
	out      certificateOutput
	progress func(done, total int) bool
}

func (p *letterFilePrinter) Stage(d data.LetterData) (string, error) {
	p.out.cleanUp()
	var progress func(int) bool
	if p.progress != nil {
		progress = func(done int) bool { return p.progress(done, len(d.Letters)) }
	}
	if err := p.out.stageWith(func(w io.Writer, _ string) error { return WriteLetters(d, w, progress) }); err != nil {
		return "", err
	}
	return p.out.plan(), nil
}

func (p *letterFilePrinter) Publish(plan string) error { return (&registerPrinter{}).Publish(plan) }

func (p *letterFilePrinter) Discard(plan string) { (&registerPrinter{}).Discard(plan) }

// PrintLetter enters (or keeps) a participant's letter of one kind in the
// register and returns it with its PDF, in memory: what the outbox
// attaches to a message. The register holds the letter once this returns
// without error; a participant the kind is not for, or whose name the
// PDF font cannot draw, is refused with a
// *data.LetterRefusedError.
func PrintLetter(ctx context.Context, st *data.Store, workshopID, participantID int64,
	kind data.LetterKind) (data.Letter, []byte, error) {
	var pdf []byte
	opts := data.LetterOptions{Kind: kind, ParticipantID: participantID, CannotDraw: MissingLetters}
	run, err := st.IssueLettersPrinting(ctx, workshopID, opts, memoryPrinter(func(d data.LetterData) error {
		files, _, err := LetterPDFs(d)
		if err == nil {
			pdf = files[0]
		}
		return err
	}))
	if err != nil {
		return data.Letter{}, nil, err
	}
	if len(run.Letters) != 1 {
		return data.Letter{}, nil, ErrNoLetters
	}
	return run.Letters[0], pdf, nil
}

// LetterPDFs prints each letter of d on a PDF of its own, for sending,
// named by its serial and holder as certificates are: the same pages
// WriteLetters prints of that letter alone.
func LetterPDFs(d data.LetterData) (files [][]byte, names []string, err error) {
	if len(d.Letters) == 0 {
		return nil, nil, ErrNoLetters
	}
	files = make([][]byte, len(d.Letters))
	stems := make([]string, len(d.Letters))
	for i, l := range d.Letters {
		one := d
		one.Letters = d.Letters[i : i+1]
		var b bytes.Buffer
		if err := WriteLetters(one, &b, nil); err != nil {
			return nil, nil, err
		}
		files[i], stems[i] = b.Bytes(), l.Serial+" "+l.HolderName
	}
	return files, uniqueFileNames(stems), nil
}

// memoryPrinter prints letters into memory inside the transaction that
// enters them: it stages nothing. It still publishes what printings
// killed after their commit left in the file, which issuing finishes
// first whatever it prints.
type memoryPrinter func(d data.LetterData) error

func (m memoryPrinter) Stage(d data.LetterData) (string, error) { return "", m(d) }
func (memoryPrinter) Publish(plan string) error                 { return (&registerPrinter{}).Publish(plan) }
func (memoryPrinter) Discard(string)                            {}

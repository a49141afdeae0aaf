package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports/pdfsplit"
)

// ErrNobodyEligible is IssueAndPrintCertificates' answer when nobody in
// the workshop is eligible for a certificate, so nothing was printed.
var ErrNobodyEligible = errors.New("nobody is eligible for a certificate yet")

// IssueAndPrintCertificates is what the Certificates screen and `atelier
// certificates` do: it enters in the register the certificates of everyone
// eligible in the workshop (and of its trainers, as opts says) and prints
// them into path and, when each is set, one file each into the folder
// named like path. The register and the files agree: both change or
// neither does, whatever fails (see data.IssueCertificatesPrinting and
// certificateOutput for how). ctx cancels the wait for another process's
// write and the printing; progress, when not nil, is told of the pages
// and files done and stops the printing when it returns false (with
// ErrCancelled). It returns the certificates and the folder ("" without
// each).
func IssueAndPrintCertificates(ctx context.Context, st *data.Store, workshopID int64, opts data.IssueOptions,
	path string, each bool, progress func(done, total int) bool) (certs []data.Certificate, folder string, err error) {
	if each {
		if folder, err = FilesFolder(path); err != nil {
			return nil, "", err
		}
	}
	out, err := newCertificateOutput(path, folder)
	if err != nil {
		return nil, "", err
	}
	printer := &registerPrinter{st: st, workshopID: workshopID, out: out, progress: progress}
	if certs, err = st.IssueCertificatesPrinting(ctx, workshopID, opts, printer); err != nil {
		return certs, folder, err
	}
	if len(certs) == 0 {
		return nil, "", ErrNobodyEligible
	}
	return certs, folder, nil
}

// registerPrinter prints for data.IssueCertificatesPrinting.
type registerPrinter struct {
	st         *data.Store
	workshopID int64
	out        certificateOutput
	progress   func(done, total int) bool
}

func (p *registerPrinter) Stage(certs []data.Certificate) (string, error) {
	// Under the write lock, after every plan in the file was published:
	// what is left of earlier runs in the chosen place is leftovers.
	p.out.cleanUp()
	d, err := LoadCertificates(p.st, p.workshopID, certs)
	if err != nil {
		return "", err
	}
	if err := p.out.stage(d, p.progress); err != nil {
		return "", err
	}
	return p.out.plan(), nil
}

func (p *registerPrinter) Publish(plan string) error {
	o, err := parsePlan(plan)
	if err != nil {
		return err
	}
	return o.publish()
}

func (p *registerPrinter) Discard(plan string) {
	if o, err := parsePlan(plan); err == nil {
		o.discard()
	}
}

// PrintCertificates writes the certificates of d into one PDF at path,
// for printing, and, when folder is not empty, one file each into folder,
// cut from that same PDF (see cutCertificateFiles); it returns the files'
// paths. It enters nothing in the register (IssueAndPrintCertificates
// does). progress, when not nil, is called with the steps done out of
// total (a page laid out, then a file written); returning false stops the
// work with ErrCancelled and leaves neither the PDF nor the files: both
// keep what they held before.
func PrintCertificates(d CertificateData, path, folder string, progress func(done, total int) bool) (files []string, err error) {
	out, err := newCertificateOutput(path, folder)
	if err != nil {
		return nil, err
	}
	if err := out.stage(d, progress); err != nil {
		return nil, err
	}
	if err := out.publish(); err != nil {
		return nil, err
	}
	if folder == "" {
		return nil, nil
	}
	for _, name := range certificateFileNames(d.Certificates) {
		files = append(files, filepath.Join(out.Folder, name))
	}
	return files, nil
}

// FilesFolder is where the one-file-each certificates printed into
// pdfPath go: beside it, named like it without ".pdf".
func FilesFolder(pdfPath string) (string, error) {
	ext := filepath.Ext(pdfPath)
	if !strings.EqualFold(ext, ".pdf") {
		return "", fmt.Errorf("%s: the certificates' PDF must have a name ending in .pdf, so that the folder of one file each can take the name without it", pdfPath)
	}
	return strings.TrimSuffix(pdfPath, ext), nil
}

// printCertificates lays out d into w and, when dir is not empty, cuts
// the pages into one file each in dir; progress counts pages, then files.
func printCertificates(d CertificateData, w io.Writer, dir string, progress func(done, total int) bool) error {
	total := len(d.Certificates)
	if dir != "" {
		total *= 2
	}
	from := func(offset int) func(done int) bool {
		if progress == nil {
			return nil
		}
		return func(done int) bool { return progress(offset+done, total) }
	}
	if dir == "" {
		return WriteCertificates(d, w, from(0))
	}
	var printed bytes.Buffer
	if err := WriteCertificates(d, io.MultiWriter(w, &printed), from(0)); err != nil {
		return err
	}
	return cutCertificateFiles(d, printed.Bytes(), dir, from(len(d.Certificates)))
}

// cutCertificateFiles cuts printed, the single PDF WriteCertificates made
// of d, into one file per certificate in dir, each with the fonts and
// logos its page uses and its holder's language: every file prints on its
// own and looks exactly like its page of the single PDF. Cutting rather
// than laying out again is what makes a thousand files take a second
// rather than twenty (see package pdfsplit). dir is a hidden folder nobody
// looks into yet (see certificateOutput), so the files are written
// straight under their names, each on disk before it counts as done.
// progress is called with how many files are done.
func cutCertificateFiles(d CertificateData, printed []byte, dir string, progress func(done int) bool) error {
	cutter, err := pdfsplit.New(printed)
	if err != nil {
		return err
	}
	if cutter.Pages() != len(d.Certificates) {
		return fmt.Errorf("the printed document has %d pages for %d certificates", cutter.Pages(), len(d.Certificates))
	}
	names := certificateFileNames(d.Certificates)
	var next, done atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	// Writing is mostly waiting for the disk, so more writers than cores.
	for range min(2*runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				mu.Lock()
				stop := i >= len(names) || firstErr != nil
				mu.Unlock()
				if stop {
					return
				}
				pdf := cutter.Cut(i, string(known(d.Certificates[i].Language)))
				err := writeNew(filepath.Join(dir, names[i]), pdf)
				mu.Lock()
				if err == nil && progress != nil && !progress(int(done.Add(1))) {
					err = ErrCancelled
				}
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return firstErr
}

// writeNew writes a new file, on disk before it returns.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

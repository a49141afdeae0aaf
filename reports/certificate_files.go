package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/atelier-workshops/atelier/data"
)

// ErrNobodyEligible is IssueAndPrintCertificates' answer when nobody in
// the workshop is eligible for a certificate, so nothing was printed.
var ErrNobodyEligible = errors.New("nobody is eligible for a certificate yet")

// IssueAndPrintCertificates is what the Certificates screen and `atelier
// certificates` do: it enters in the register the certificates of everyone
// eligible in the workshop (and of its trainers, as opts says), then prints
// them with PrintCertificates into path and, when each is set, one file
// each into the folder named like path. The folder's name is checked before
// anything enters the register. It returns the certificates and the folder
// ("" without each).
func IssueAndPrintCertificates(st *data.Store, workshopID int64, opts data.IssueOptions, path string, each bool,
	progress func(done, total int) bool) (certs []data.Certificate, folder string, err error) {
	if each {
		if folder, err = FilesFolder(path); err != nil {
			return nil, "", err
		}
	}
	if certs, err = st.IssueCertificates(workshopID, opts); err != nil {
		return nil, "", err
	}
	if len(certs) == 0 {
		return nil, "", ErrNobodyEligible
	}
	d, err := LoadCertificates(st, workshopID, certs)
	if err == nil {
		_, err = PrintCertificates(d, path, folder, progress)
	}
	return certs, folder, err
}

// PrintCertificates writes the certificates of d into one PDF at path,
// for printing, and, when folder is not empty, one file each into folder,
// cut from that same PDF (see CutCertificateFiles); it returns the files'
// paths. progress, when not nil, is called with the steps done out of
// total (a page laid out, then a file written); returning false stops the
// work with ErrCancelled and leaves neither the PDF nor the files: both
// keep what they held before. The files are moved in just before the PDF
// takes its name.
func PrintCertificates(d CertificateData, path, folder string, progress func(done, total int) bool) (files []string, err error) {
	total := len(d.Certificates)
	if folder != "" {
		total *= 2
	}
	from := func(offset int) func(done int) bool {
		if progress == nil {
			return nil
		}
		return func(done int) bool { return progress(offset+done, total) }
	}
	err = WriteFile(path, func(w io.Writer) error {
		if folder == "" {
			return WriteCertificates(d, w, from(0))
		}
		var printed bytes.Buffer
		if err := WriteCertificates(d, io.MultiWriter(w, &printed), from(0)); err != nil {
			return err
		}
		var err error
		files, err = CutCertificateFiles(d, printed.Bytes(), folder, from(len(d.Certificates)))
		return err
	})
	if err != nil {
		return nil, err
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

// CutCertificateFiles cuts printed, the single PDF WriteCertificates made
// of d, into one file per certificate in dir, each with the fonts and
// logos its page uses and its holder's language: every file prints on its
// own and looks exactly like its page of the single PDF. Cutting rather
// than laying out again is what makes a thousand files take a second
// rather than twenty (see pdfsplit.go). progress is called with how many
// files are done. The files are written into a hidden folder inside dir
// and moved into place only once all are written, so a cancelled or
// failed run leaves dir as it was, older files of the same names included.
func CutCertificateFiles(d CertificateData, printed []byte, dir string, progress func(done int) bool) (paths []string, err error) {
	cutter, err := newPageCutter(printed)
	if err != nil {
		return nil, err
	}
	if cutter.pageCount() != len(d.Certificates) {
		return nil, fmt.Errorf("the printed document has %d pages for %d certificates", cutter.pageCount(), len(d.Certificates))
	}
	names := certificateFileNames(d.Certificates)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		// A folder made for files that were never written goes again.
		defer func() {
			if err != nil {
				os.Remove(dir)
			}
		}()
	}
	stage, err := os.MkdirTemp(dir, ".atelier-certificates-*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(stage)

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
				pdf := cutter.cut(i, string(known(d.Certificates[i].Language)))
				err := WriteFile(filepath.Join(stage, names[i]), func(w io.Writer) error { _, err := w.Write(pdf); return err })
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
	if firstErr != nil {
		return nil, firstErr
	}
	paths = make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join(dir, name)
		if err := os.Rename(filepath.Join(stage, name), paths[i]); err != nil {
			return nil, fmt.Errorf("cannot move %s into %s: %w", name, dir, errors.Unwrap(err))
		}
	}
	return paths, nil
}

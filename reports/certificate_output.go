package reports

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// certificateOutput is where one printing of certificates goes: the PDF
// and, for one file each, the folder beside it. Both appear whole or not
// at all. Everything is first written where nobody looks (stage): the PDF
// into a hidden file beside it, the files into a hidden folder beside
// theirs. Then publish puts them in place with renames: the new folder
// takes the old one's place in one step (swapIn), whatever the old one
// held besides this printing's files goes back into it, and the PDF takes
// its name. Issuing commits the register between the two (see
// data.IssueCertificatesPrinting) and keeps this as its plan, so a run
// killed half-way through publishing is finished by the next one, and
// cleanUp removes what runs killed before their commit left.
type certificateOutput struct {
	PDF    string `json:"pdf"`              // absolute
	Folder string `json:"folder,omitempty"` // absolute; "" without one file each
	Token  string `json:"token"`            // names this printing's hidden files
}

func newCertificateOutput(pdf, folder string) (certificateOutput, error) {
	var o certificateOutput
	var err error
	if o.PDF, err = filepath.Abs(pdf); err != nil {
		return o, err
	}
	if folder != "" {
		if o.Folder, err = filepath.Abs(folder); err != nil {
			return o, err
		}
		// A folder that is a link to another disk is replaced there: its
		// hidden neighbours must be on the same disk for the renames.
		if real, err := filepath.EvalSymlinks(o.Folder); err == nil {
			o.Folder = real
		}
	}
	token := make([]byte, tokenBytes)
	if _, err := rand.Read(token); err != nil {
		return o, err
	}
	o.Token = hex.EncodeToString(token)
	return o, nil
}

// tokenBytes is the randomness in the names of a printing's hidden files.
const tokenBytes = 8

func (o certificateOutput) plan() string {
	b, _ := json.Marshal(o) // strings only: cannot fail
	return string(b)
}

func parsePlan(plan string) (certificateOutput, error) {
	var o certificateOutput
	err := json.Unmarshal([]byte(plan), &o)
	if err == nil && (!filepath.IsAbs(o.PDF) || o.Folder != "" && !filepath.IsAbs(o.Folder) || !isToken(o.Token)) {
		err = errors.New("not a plan of certificates to print")
	}
	return o, err
}

// maxHiddenSuffix is the room a hidden name keeps after its base.
const maxHiddenSuffix = 40

// hiddenPrefix starts the names of the hidden files beside a file named
// base: a dot and base, cut so that the whole name fits.
func hiddenPrefix(base string) string {
	return "." + cutToBytes(base, maxFileNameBytes-1-maxHiddenSuffix)
}

func (o certificateOutput) pdfTemp() string {
	return filepath.Join(filepath.Dir(o.PDF), hiddenPrefix(filepath.Base(o.PDF))+"."+o.Token+".tmp")
}

// staged is the hidden folder the files are written into; once swapped in,
// the same name holds for a moment what the folder held before.
func (o certificateOutput) staged() string {
	return filepath.Join(filepath.Dir(o.Folder), hiddenPrefix(filepath.Base(o.Folder))+"."+o.Token+".new")
}

// aside holds what the folder held before, until it is moved back.
func (o certificateOutput) aside() string {
	return filepath.Join(filepath.Dir(o.Folder), hiddenPrefix(filepath.Base(o.Folder))+"."+o.Token+".old")
}

// markerPrefix names the empty file that marks a staged folder as this
// printing's: found in the chosen folder, it says the new folder is in
// place; found in a hidden folder, that the folder holds only new files.
const markerPrefix = ".atelier-printing-"

func marker(token string) string { return markerPrefix + token }

// stage prints d into the hidden places, on disk when it returns; on
// failure it leaves nothing behind.
func (o certificateOutput) stage(d CertificateData, progress func(done, total int) bool) error {
	return o.stageWith(func(w io.Writer, dir string) error { return printCertificates(d, w, dir, progress) })
}

// stageWith is stage for any document: print writes the PDF into w and,
// when the output has a folder, its files into dir. Letters print this
// way too, without a folder.
func (o certificateOutput) stageWith(print func(w io.Writer, dir string) error) (err error) {
	if err := o.check(); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			o.discard()
		}
	}()
	f, err := os.OpenFile(o.pdfTemp(), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fileError(o.PDF, err)
	}
	dir := ""
	if o.Folder != "" {
		dir = o.staged()
		if err = os.Mkdir(dir, 0o755); err == nil {
			err = writeNew(filepath.Join(dir, marker(o.Token)), nil)
		}
		if err != nil {
			f.Close()
			return fileError(o.Folder, err)
		}
	}
	err = print(f, dir)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if errors.Is(err, ErrCancelled) {
			return err
		}
		return fileError(o.PDF, err)
	}
	if dir != "" {
		syncDir(dir)
	}
	syncDir(filepath.Dir(o.PDF))
	return nil
}

// check refuses, before anything is printed or entered, what would make
// publishing fail after the commit: a folder where the PDF goes, a file
// where the folder goes.
func (o certificateOutput) check() error {
	if st, err := os.Stat(o.PDF); err == nil && st.IsDir() {
		return &FileError{Path: o.PDF, Err: syscall.EISDIR}
	}
	if o.Folder == "" {
		return nil
	}
	if st, err := os.Stat(o.Folder); err == nil && !st.IsDir() {
		return &FileError{Path: o.Folder, Err: syscall.ENOTDIR}
	}
	return nil
}

// discard removes what stage wrote, when it is not to be published.
func (o certificateOutput) discard() {
	os.Remove(o.pdfTemp())
	if o.Folder != "" {
		os.Remove(o.staged()) // made, and killed before its marker
		if exists(filepath.Join(o.staged(), marker(o.Token))) {
			os.RemoveAll(o.staged())
		}
	}
}

// publish puts what stage wrote in place. Every step can be done again,
// so a run killed half-way is finished by calling it again: the marker in
// the chosen folder says whether the new folder is in place yet.
func (o certificateOutput) publish() error {
	if o.Folder != "" {
		inPlace := filepath.Join(o.Folder, marker(o.Token))
		if !exists(inPlace) && exists(o.staged()) {
			linkOthers(o.Folder, o.staged())
			publishing("linked")
			if err := swapIn(o.staged(), o.Folder, o.aside()); err != nil {
				return fileError(o.Folder, err)
			}
			syncDir(filepath.Dir(o.Folder))
			publishing("swapped")
		}
		// After an exchange the staged name holds the old folder.
		if exists(o.staged()) && !exists(filepath.Join(o.staged(), marker(o.Token))) {
			if err := os.Rename(o.staged(), o.aside()); err != nil {
				return fileError(o.Folder, err)
			}
			publishing("set aside")
		}
		if err := moveBack(o.aside(), o.Folder); err != nil {
			return fileError(o.Folder, err)
		}
		publishing("moved back")
		os.Remove(inPlace)
		publishing("unmarked")
	}
	if exists(o.pdfTemp()) {
		if err := os.Rename(o.pdfTemp(), o.PDF); err != nil {
			return fileError(o.PDF, err)
		}
		syncDir(filepath.Dir(o.PDF))
		publishing("renamed")
	}
	return nil
}

// publishStep, when set, is told of each step publish and linkOthers
// take: the test of a kill at each of them (TestKillAtEachStepOfPublishing)
// kills its child process there, which a kill at a random moment almost
// never does, publishing being a few renames.
var publishStep func(step string)

func publishing(step string) {
	if publishStep != nil {
		publishStep(step)
	}
}

// swapIn puts the folder staged where folder is. When folder exists, the
// two are exchanged in one step where the system can (Linux); elsewhere
// folder is moved aside first, and for a moment there is none.
func swapIn(staged, folder, aside string) error {
	if _, err := os.Lstat(folder); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(staged, folder)
	}
	if exchange(staged, folder) == nil {
		return nil
	}
	if err := os.Rename(folder, aside); err != nil {
		return err
	}
	return os.Rename(staged, folder)
}

// linkOthers gives the staged folder a hard link to every file of the
// chosen folder that this printing does not replace (files printed for
// people no longer eligible, anything the user keeps there), so that once
// swapped in it holds them from the first moment; the old folder keeps
// them too until it is removed. Where links cannot be made (FAT, or a
// subfolder), moveBack moves them after the swap instead.
func linkOthers(folder, staged string) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), markerPrefix) {
			continue
		}
		os.Link(filepath.Join(folder, e.Name()), filepath.Join(staged, e.Name())) // fails harmlessly when the name is taken
		publishing("linking")
	}
}

// moveBack moves into folder whatever old holds that folder has no entry
// of the same name for (files of people printed before, or anything the
// user kept there), then removes old with the older copies of this
// printing's files. When folder is missing, old becomes it again.
func moveBack(old, folder string) error {
	entries, err := os.ReadDir(old)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 { // nothing to keep: a folder staged and killed at once
		return os.Remove(old)
	}
	if _, err := os.Lstat(folder); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(old, folder)
	}
	for _, e := range entries {
		target := filepath.Join(folder, e.Name())
		if strings.HasPrefix(e.Name(), markerPrefix) || exists(target) {
			continue
		}
		if err := os.Rename(filepath.Join(old, e.Name()), target); err != nil {
			return err
		}
		publishing("moving back")
	}
	return os.RemoveAll(old)
}

// cleanUp removes what runs killed before their commit left in this
// output's places: hidden PDFs and staged folders (which hold only
// printed files) are removed, an old folder set aside goes back. It runs
// under the write lock, after every plan in the file was published, so
// none of it belongs to a run still at work on this database.
func (o certificateOutput) cleanUp() {
	dir := filepath.Dir(o.PDF)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	pdfPrefix := hiddenPrefix(filepath.Base(o.PDF))
	folderPrefix := ""
	if o.Folder != "" {
		folderPrefix = hiddenPrefix(filepath.Base(o.Folder))
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if isHiddenTemp(e.Name(), pdfPrefix) {
			os.Remove(path)
			continue
		}
		if folderPrefix == "" {
			continue
		}
		if token, ok := hiddenToken(e.Name(), folderPrefix, ".new"); ok {
			if exists(filepath.Join(path, marker(token))) {
				os.RemoveAll(path)
			} else {
				moveBack(path, o.Folder) // an old folder exchanged out
			}
		} else if _, ok := hiddenToken(e.Name(), folderPrefix, ".old"); ok {
			moveBack(path, o.Folder)
		}
	}
	if inside, err := os.ReadDir(o.Folder); err == nil && o.Folder != "" {
		for _, e := range inside {
			// Markers of runs killed while publishing, and the hidden
			// folders earlier versions staged the files in.
			if strings.HasPrefix(e.Name(), markerPrefix) ||
				strings.HasPrefix(e.Name(), ".atelier-certificates-") && strings.HasSuffix(e.Name(), ".tmp") {
				os.RemoveAll(filepath.Join(o.Folder, e.Name()))
			}
		}
	}
}

// hiddenToken reads the token of a hidden name made of prefix, a dot, a
// token and suffix.
func hiddenToken(name, prefix, suffix string) (string, bool) {
	rest, ok := strings.CutPrefix(name, prefix+".")
	if !ok {
		return "", false
	}
	token, ok := strings.CutSuffix(rest, suffix)
	return token, ok && isToken(token)
}

// isHiddenTemp tells the hidden PDFs of printings apart, and the temporary
// files that WriteFile and earlier versions named with a number.
func isHiddenTemp(name, prefix string) bool {
	if _, ok := hiddenToken(name, prefix, ".tmp"); ok {
		return true
	}
	rest, ok := strings.CutPrefix(name, prefix+".")
	if !ok {
		return false
	}
	number, ok := strings.CutSuffix(rest, ".tmp")
	return ok && number != "" && strings.Trim(number, "0123456789") == ""
}

func isToken(s string) bool {
	if len(s) != 2*tokenBytes {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// syncDir puts a folder's entries (files made, renamed or removed in it)
// on disk. Not every system can open a folder for that; then it does
// nothing.
func syncDir(path string) {
	if d, err := os.Open(path); err == nil {
		d.Sync()
		d.Close()
	}
}

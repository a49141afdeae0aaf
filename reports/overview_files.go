package reports

import (
	"io"
	"path/filepath"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/atelier-workshops/atelier/data"
)

// A secretariat receives one Atelier file from each region, and often the
// same workshop in two of them (a file passed on and copied, a region that
// sends last year's file again). The overview of several files reads each
// file read-only and counts a workshop present in more than one file,
// known by its title and dates, once: from the first file that has it.

// OverviewFile is the workshops of one Atelier file, read for the overview
// of several files.
type OverviewFile struct {
	Path      string
	Workshops []data.WorkbookData
}

// ReadOverviewFile opens the Atelier file at path read-only (checked as
// every read-only command checks it: nothing is created or changed) and
// reads every workshop in it at one moment.
func ReadOverviewFile(path string) (OverviewFile, error) {
	st, err := data.Open(path, data.OpenReadOnly)
	if err != nil {
		return OverviewFile{}, err
	}
	defer st.Close()
	all, err := st.OverviewData()
	return OverviewFile{Path: path, Workshops: all}, err
}

// RepeatedWorkshop is a workshop found in more than one file: counted
// from Files[0] only.
type RepeatedWorkshop struct {
	Workshop data.Workshop
	Files    []string // the names of the files, as in the overview's File column
	// Differ is set when the copies differ in their participants,
	// sessions or certificates: the secretariat may want the newer one.
	Differ bool
}

// overviewRow is one workshop of the overview and the files it was found in.
type overviewRow struct {
	data  data.WorkbookData
	files []string
}

// mergeOverview lists every workshop of files once, in the order of the
// files, and the workshops found in more than one.
func mergeOverview(files []OverviewFile) ([]overviewRow, []RepeatedWorkshop) {
	names := overviewFileNames(files)
	var rows []overviewRow
	at := map[string]int{} // workshop key → index in rows
	for i, f := range files {
		for _, d := range f.Workshops {
			key := workshopKey(d.Workshop)
			if k, seen := at[key]; seen {
				rows[k].files = append(rows[k].files, names[i])
				continue
			}
			at[key] = len(rows)
			rows = append(rows, overviewRow{data: d, files: []string{names[i]}})
		}
	}
	var repeats []RepeatedWorkshop
	for _, r := range rows {
		if len(r.files) < 2 {
			continue
		}
		repeats = append(repeats, RepeatedWorkshop{Workshop: r.data.Workshop, Files: r.files,
			Differ: copiesDiffer(files, r.data)})
	}
	return rows, repeats
}

// workshopKey is what makes two workshops the same one: their title,
// whatever the case, spacing or Unicode form, and their dates.
func workshopKey(w data.Workshop) string {
	title := strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(w.Title)), " "))
	return title + "\x00" + w.StartDate.String() + "\x00" + w.EndDate.String()
}

// copiesDiffer tells whether any file holds a copy of d's workshop with
// other counts of participants, sessions or certificates.
func copiesDiffer(files []OverviewFile, d data.WorkbookData) bool {
	key := workshopKey(d.Workshop)
	for _, f := range files {
		for _, o := range f.Workshops {
			if workshopKey(o.Workshop) == key && (len(o.Participants) != len(d.Participants) ||
				len(o.Sessions) != len(d.Sessions) || len(o.Certificates) != len(d.Certificates)) {
				return true
			}
		}
	}
	return false
}

// overviewFileNames names each file by its base name, or, where two files
// share one (every region's "atelier.db"), those two by their folder and
// name, or else their whole path.
func overviewFileNames(files []OverviewFile) []string {
	forms := []func(string) string{
		filepath.Base,
		func(p string) string { return filepath.Join(filepath.Base(filepath.Dir(p)), filepath.Base(p)) },
		func(p string) string { return p },
	}
	level := make([]int, len(files))
	names := make([]string, len(files))
	for {
		used := map[string]int{}
		for i, f := range files {
			names[i] = forms[level[i]](f.Path)
			used[strings.ToLower(names[i])]++
		}
		longer := false
		for i := range files {
			if used[strings.ToLower(names[i])] > 1 && level[i] < len(forms)-1 {
				level[i]++
				longer = true
			}
		}
		if !longer {
			return names
		}
	}
}

// WriteOverviewOfFiles writes one overview of the workshops of files, in
// lang, each workshop once, with the files it was found in; it returns the
// workshops found in more than one file, for the caller to say.
func WriteOverviewOfFiles(files []OverviewFile, lang data.Language, w io.Writer) ([]RepeatedWorkshop, error) {
	rows, repeats := mergeOverview(files)
	return repeats, writeOverview(rows, lang, w)
}

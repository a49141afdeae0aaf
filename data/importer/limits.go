package importer

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/atelier-workshops/atelier/data"
)

// Limits on what a list may hold. They are checked while the file is read,
// not trusted from what it declares, so that a file made to exhaust the
// memory (a sheet of a few MB that inflates to gigabytes, a cell of a
// gigabyte) is refused within seconds by the limit it passes. A list of
// 20,000 applicants in 30 columns is far inside each of them.
const (
	// MaxTextFile is the largest .csv or text file read, in bytes.
	MaxTextFile = 50 << 20
	// MaxUnpacked is what the parts of a workbook that are read (its
	// workbook, sheets, shared strings and styles) may inflate to, together.
	MaxUnpacked = 100 << 20
	// MaxCellLength is Excel's own limit on the characters of a cell.
	MaxCellLength = 32767
	// MaxRows is how far down a sheet is read.
	MaxRows = 100_000
	// MaxCells is how many cells a sheet may hold, blank ones included:
	// those it writes, and those it leaves out before a cell far right.
	MaxCells = 4_000_000
	// MaxText is how much text the cells of a sheet may hold together, in
	// bytes; a text shared by many cells counts once per cell.
	MaxText = 64 << 20
)

// limitError refuses a file that passes a limit, in words that name it.
// It is a data.FieldError so that the window can translate it; Field is
// the file's name.
func limitError(file, key, msg string, args map[string]any) error {
	if args == nil {
		args = map[string]any{}
	}
	args["Field"] = file
	return data.FieldError{Field: file, Key: key, Args: args, Message: file + ": " + msg}
}

func errTextFileTooBig(file string) error {
	return limitError(file, "error.import_file_too_big",
		fmt.Sprintf("the file is larger than %d MB, far more than a registration list; nothing was read.", MaxTextFile>>20),
		map[string]any{"Limit": MaxTextFile >> 20})
}

func errUnpacked(file string) error {
	return limitError(file, "error.import_unpacked",
		fmt.Sprintf("its sheets unpack to more than %d MB, far more than a registration list (it may be made to exhaust the memory); nothing was read.", MaxUnpacked>>20),
		map[string]any{"Limit": MaxUnpacked >> 20})
}

func errCellTooLong(file, where string) error {
	return limitError(file, "error.import_cell_too_long",
		fmt.Sprintf("%s holds more than %s characters, Excel's own limit for a cell; nothing was read.", where, thousands(MaxCellLength)),
		map[string]any{"Limit": data.Number(MaxCellLength), "Cell": where})
}

func errTooManyRows(file, sheet string, row int) error {
	return limitError(file, "error.import_too_many_rows",
		fmt.Sprintf("sheet %q goes on to row %s; Atelier reads lists of up to %s rows. Remove what is below the list, or split it.", sheet, thousands(row), thousands(MaxRows)),
		map[string]any{"Limit": data.Number(MaxRows), "Sheet": sheet, "Row": data.Number(row)})
}

func errTooManyCells(file, sheet string) error {
	return limitError(file, "error.import_too_many_cells",
		fmt.Sprintf("sheet %q spans more than %s cells (or holds more than %d MB of text), far more than a registration list. Remove what is not the list.", sheet, thousands(MaxCells), MaxText>>20),
		map[string]any{"Limit": data.Number(MaxCells), "Text": MaxText >> 20, "Sheet": sheet})
}

// thousands writes 32767 as 32,767, for the English messages.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// shortLength is how much of a value a message quotes.
const shortLength = 60

// Short cuts a value for a message or a preview: at most shortLength
// letters, whole (a letter keeps its accents), and the number of
// characters left out, so that a preview never prints a whole cell of
// thousands of characters.
func Short(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= shortLength+10 {
		return s
	}
	cut, kept := 0, 0
	for i, r := range s {
		if kept >= shortLength && !unicode.Is(unicode.M, r) {
			cut = i
			break
		}
		kept++
	}
	return fmt.Sprintf("%s… (%d characters more)", s[:cut], n-utf8.RuneCountInString(s[:cut]))
}

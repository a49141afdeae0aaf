package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/say"
)

// Errors are worded by package say, which the command line uses too; here
// they are put in the interface language, shown, and logged: every error a
// user is shown is in the log as well, and only the log has the error's
// own text.

// words is w in the interface language.
func words(w say.Words) string {
	args := w.ArgsIn(uiLanguage())
	if n, ok := w.Args["Count"].(int); ok && say.Plural(w.Key) {
		return lang.XN(w.Key, say.Template(w.Key), n, args)
	}
	return lang.X(w.Key, say.Template(w.Key), args)
}

// explain words what went wrong while doing, and logs it.
func explain(err error, doing say.Doing) string { return logged(say.Of(err, doing), err) }

// logged is w in the interface language, once err is in the log under w's
// English.
func logged(w say.Words, err error) string {
	fyne.LogError(w.English(), err)
	return words(w)
}

// showError says in a dialog what went wrong while doing.
func (c *controller) showError(err error, doing say.Doing) *modal {
	return c.showMessage(lang.X("error.title", "Something went wrong"), []string{explain(err, doing)})
}

// showFailure says under title what failed, in a sentence of the screen's
// own, then why, when say knows it. file is the file written or read, when
// there is one, and is shown under them.
func (c *controller) showFailure(title, failed string, err error, doing say.Doing, file string) *modal {
	paragraphs := []string{failed}
	w, known := say.Cause(err, doing)
	if !known {
		w = say.Failed(doing)
	}
	var details []string
	if file != "" {
		w = w.With("File", filepath.Base(file))
		details = append(details, file)
	}
	why := logged(w, err)
	if known {
		paragraphs = append(paragraphs, why)
	}
	return c.showMessage(title, paragraphs, details...)
}

// showWriteFailure says that the document at path could not be written,
// and why when say knows it.
func (c *controller) showWriteFailure(title, path string, err error) *modal {
	return c.showFailure(title, words(say.Failed(say.Writing)), err, say.Writing, path)
}

// readFailed and saveFailed say in a dialog that reading from the file, or
// saving to it, went wrong, and why when say knows it.
func (c *controller) readFailed(err error) { c.showError(err, say.Reading) }

func (c *controller) saveFailed(err error) { c.showError(err, say.Saving) }

// readProblem and saveProblem are the same words, for a line of a form.
func readProblem(err error) string { return explain(err, say.Reading) }

func saveProblem(err error) string { return explain(err, say.Saving) }

// reasonText words one of data's reasons for a verdict.
func reasonText(r data.Reason) string { return words(say.Reason(r)) }

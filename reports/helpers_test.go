package reports

import (
	"path/filepath"
	"testing"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/demo"
)

// demoStore is a temporary file holding the demo workshops.
func demoStore(t testing.TB) (*data.Store, demo.Result) {
	t.Helper()
	st, res, err := demoStoreIn(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, res
}

// demoStoreIn makes a database holding the demo workshops in dir, for
// callers without a testing.TB (a child process); the caller closes it.
func demoStoreIn(dir string) (*data.Store, demo.Result, error) {
	st, err := data.Open(filepath.Join(dir, "demo.db"), data.OpenOrCreate)
	if err != nil {
		return nil, demo.Result{}, err
	}
	res, err := demo.Write(st)
	if err != nil {
		st.Close()
		return nil, demo.Result{}, err
	}
	return st, res, nil
}

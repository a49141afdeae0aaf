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
	st, err := data.Open(filepath.Join(t.TempDir(), "demo.db"), data.OpenOrCreate)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := demo.Write(st)
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}

package reports

import (
	"context"
	"os"
	"testing"

	"github.com/atelier-workshops/atelier/data"
)

func TestLookLetters(t *testing.T) {
	st, res := demoStore(t)
	for _, k := range data.LetterKinds {
		run, err := IssueAndPrintLetters(context.Background(), st, res.Lagos, data.LetterOptions{Kind: k}, "/tmp/x/"+string(k)+".pdf", nil)
		t.Logf("%s: %d letters, left out %+v, warnings %+v, err %v", k, len(run.Letters), run.LeftOut, run.Warnings, err)
	}
	_ = os.Remove
}

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

func TestLookBadges(t *testing.T) {
	st, res := demoStore(t)
	d, err := st.BadgeData(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	d.Badges[3].Family = "\U0001E900\U0001E922\U0001E923"
	d.Badges[3].Name = d.Badges[3].Given + " " + d.Badges[3].Family
	d.Badges[5].Given, d.Badges[5].Family, d.Badges[5].Name = "يوسف", "العمراني", "يوسف العمراني"
	for _, l := range BadgeLayouts {
		f, _ := os.Create("/tmp/x/badges-" + string(l) + ".pdf")
		un, err := WriteBadges(d, l, false, f)
		f.Close()
		t.Logf("%s: %v %+v", l, err, un)
	}
	f, _ := os.Create("/tmp/x/tents.pdf")
	_, err = WriteBadges(d, BadgesA4x8, true, f)
	f.Close()
	t.Log(err)
}

func TestLookLogistics(t *testing.T) {
	st, res := demoStore(t)
	d, err := st.LogisticsData(res.Lagos)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range LogisticsKinds {
		f, _ := os.Create("/tmp/x/" + string(k) + ".pdf")
		err := WriteLogistics(d, k, f)
		f.Close()
		t.Log(k, err)
	}
}

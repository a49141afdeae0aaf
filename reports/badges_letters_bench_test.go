package reports

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The issue's targets: 1,000 badges in under a second and at most 1.5
// times a bare fpdf loop writing the same strings; 1,000 letters at most
// 1.5 times the same (the floors: bare_floor_test.go). Ours and the bare
// loop run in turns, so that
// whatever else the machine is doing weighs on both.

// manyBadges is the demo Lagos workshop's badges repeated to n, each with
// its own sign-in code.
func manyBadges(b testing.TB, n int) data.BadgeData {
	st, res := demoStore(b)
	d, err := st.BadgeData(res.Lagos)
	if err != nil {
		b.Fatal(err)
	}
	all := make([]data.Badge, n)
	for i := range all {
		all[i] = d.Badges[i%len(d.Badges)]
		if all[i].Code != "" {
			all[i].Code = fmt.Sprintf("%s%04d", all[i].Code, i)
		}
	}
	d.Badges = all
	return d
}

// BenchmarkBadges1000VsBareFpdf reports the time of 1,000 badges, eight to
// a sheet with their QR codes and cut marks (target under 1 s), and how
// many times its bare floor that is (target at most 1.5): the same sheets
// and strings without QR codes (see bareBadges).
func BenchmarkBadges1000VsBareFpdf(b *testing.B) {
	d := manyBadges(b, 1000)
	floor := bareBadges(d)
	versusBare(b, func() error {
		_, err := WriteBadges(d, BadgesA4x8, false, io.Discard)
		return err
	}, func() error { return writeBare(floor, io.Discard) })
}

// versusBare times ours and bare in turns and reports both and their
// ratio.
func versusBare(b *testing.B, ours, bare func() error) {
	var oursTime, bareTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, run := range []struct {
			write func() error
			total *time.Duration
		}{{ours, &oursTime}, {bare, &bareTime}} {
			start := time.Now()
			if err := run.write(); err != nil {
				b.Fatal(err)
			}
			*run.total += time.Since(start)
		}
	}
	b.ReportMetric(float64(oursTime.Milliseconds())/float64(b.N), "ours-ms/op")
	b.ReportMetric(float64(bareTime.Milliseconds())/float64(b.N), "bare-ms/op")
	b.ReportMetric(float64(oursTime)/float64(bareTime), "x-bare")
}

// manyLetters is the demo Lagos workshop's award letters, entered in the
// register as the window does, repeated to n with their own serials.
func manyLetters(b testing.TB, n int) data.LetterData {
	st, res := demoStore(b)
	var d data.LetterData
	_, err := st.IssueLettersPrinting(context.Background(), res.Lagos, data.LetterOptions{Kind: data.LetterAward},
		memoryPrinter(func(ld data.LetterData) error { d = ld; return nil }))
	if err != nil {
		b.Fatal(err)
	}
	all := make([]data.PrintedLetter, n)
	for i := range all {
		all[i] = d.Letters[i%len(d.Letters)]
		all[i].Serial = fmt.Sprintf("LAG-2022-G%04d", i+1)
	}
	d.Letters = all
	return d
}

// BenchmarkLetters1000VsBareFpdf reports the time of 1,000 grant award
// letters on the letterhead, signed, with their particulars and QR codes,
// and how many times its bare floor that is (target at most 1.5): the
// same pages and strings without QR codes, the paragraphs wrapped by
// fpdf's MultiCell (see bareLetters).
func BenchmarkLetters1000VsBareFpdf(b *testing.B) {
	d := manyLetters(b, 1000)
	floor := bareLetters(d)
	versusBare(b, func() error { return WriteLetters(d, io.Discard, nil) },
		func() error { return writeBare(floor, io.Discard) })
}

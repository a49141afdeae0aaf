package data

import "testing"

func TestNumberInEachLanguage(t *testing.T) {
	for _, c := range []struct {
		n          Number
		en, fr, es string
	}{
		{0, "0", "0", "0"},
		{999, "999", "999", "999"},
		{2000, "2,000", "2\u202f000", "2000"},
		{32767, "32,767", "32\u202f767", "32.767"},
		{4_000_000, "4,000,000", "4\u202f000\u202f000", "4.000.000"},
		{-12345, "-12,345", "-12\u202f345", "-12.345"},
	} {
		if got := c.n.In(English); got != c.en || c.n.String() != c.en {
			t.Errorf("%d in English: %q", c.n, got)
		}
		if got := c.n.In(French); got != c.fr {
			t.Errorf("%d in French: %q", c.n, got)
		}
		if got := c.n.In(Spanish); got != c.es {
			t.Errorf("%d in Spanish: %q", c.n, got)
		}
	}
}

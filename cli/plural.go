package cli

import "fmt"

// count says how many of something there are, in the singular for one:
// "1 row", "0 rows", "2 participants". The command line speaks English;
// the window has its translated plurals in assets/.
func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

// plural is one or many, as n asks: "it" or "them".
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

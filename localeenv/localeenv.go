// Package localeenv runs before Fyne's lang package reads the locale, so
// that a C locale with a codeset (LANG=C.UTF-8, the default of many Linux
// containers and servers) means English instead of an error in the log.
//
// Fyne looks the locale up in its package initialiser, before main runs,
// and its locale library treats "C" and "POSIX" as "no preference" but not
// "C.UTF-8", which it then fails to parse. Go initialises packages in
// import-path order among those whose imports are ready, so this package
// lives in a module whose path sorts before fyne.io, and main imports it.
package localeenv

import (
	"os"
	"strings"
)

func init() {
	// The first of these that is set decides the messages' language.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		value := os.Getenv(name)
		if value == "" {
			continue
		}
		if isPlainLocale(value) && os.Getenv("LANGUAGE") == "" {
			// LANGUAGE is only consulted for messages; the codeset of
			// LANG stays as it is for everything else.
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}

// isPlainLocale reports whether a locale value is C or POSIX with a codeset
// or modifier, such as C.UTF-8 or POSIX@euro. Bare "C" and "POSIX" are
// already understood.
func isPlainLocale(value string) bool {
	base, _, _ := strings.Cut(value, "@")
	base, _, _ = strings.Cut(base, ".")
	return (base == "C" || base == "POSIX") && value != base
}

// Command dbcheck tells whether an Atelier database file is intact, for
// scripts/smoke.sh, which runs it before and after the real program has
// had the file open and compares the two lines it prints.
//
//	dbcheck FILE
//
// It fails unless SQLite's integrity check passes and the file is marked
// as Atelier's, and prints the number of rows in the main tables. It needs
// no sqlite3 command-line tool, which a fresh machine may not have.
package main

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	_ "modernc.org/sqlite"

	"github.com/atelier-workshops/atelier/data"
)

// tables are counted to show that the data is still there.
var tables = []string{"workshops", "organisations", "trainers", "sessions", "participants", "attendance"}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: dbcheck FILE")
		os.Exit(2)
	}
	summary, err := check(os.Args[1])
	if err != nil {
		fmt.Fprintf(os.Stderr, "dbcheck: %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	fmt.Println(summary)
}

func check(path string) (summary string, err error) {
	if _, err := os.Stat(path); err != nil {
		return "", err
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return "", err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	var problems []string
	rows, err := db.Query(`PRAGMA integrity_check`)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return "", err
		}
		problems = append(problems, line)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return "", err
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return "", fmt.Errorf("integrity check failed: %s", strings.Join(problems, "; "))
	}
	var appID int64
	if err := db.QueryRow(`PRAGMA application_id`).Scan(&appID); err != nil {
		return "", err
	}
	if appID != data.ApplicationID {
		return "", fmt.Errorf("not marked as an Atelier database (application_id %#x)", appID)
	}
	counts := make([]string, len(tables))
	for i, t := range tables {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + t).Scan(&n); err != nil {
			return "", err
		}
		counts[i] = fmt.Sprintf("%d %s", n, t)
	}
	return "integrity ok: " + strings.Join(counts, ", "), nil
}

package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// number says what a number cell holds, as text: its value as Excel's
// General format shows it (at most 15 significant digits, never in
// scientific notation below that), a date as 2006-01-02 when its format is
// one, and the digits padded with zeros when its format is "000…" (phone
// numbers typed as numbers keep their leading zero). Other formats
// (currencies, percentages, thousands separators) are the locale's
// decoration and are left out: the value is what a list needs.
func (b *xlsxBook) number(raw string, style int) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || strings.Contains(raw, "_") {
		return raw
	}
	format := 0
	if style >= 0 && style < len(b.numFmt) {
		format = b.numFmt[style]
	}
	code, custom := b.fmtCode[format]
	switch {
	case isDateFormat(format, code, custom):
		if d, ok := excelDate(f, b.date1904); ok {
			return d
		}
	case custom && strings.Trim(code, "0") == "" && f >= 0 && f < 1e15 && f == math.Trunc(f):
		return fmt.Sprintf("%0*d", len(code), int64(f))
	}
	plain := strconv.FormatFloat(f, 'f', -1, 64)
	if digits := len(plain) - strings.Count(plain, ".") - strings.Count(plain, "-"); digits > 15 && !withinPrecision(raw) {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return plain
}

// withinPrecision: an integer whose digits past the fifteenth are zeros is
// shown whole, as Excel does.
func withinPrecision(s string) bool {
	if strings.ContainsAny(s, ".Ee") {
		return false
	}
	s = strings.TrimLeft(s, "+-0")
	return len(strings.TrimRight(s, "0")) <= 15
}

// isDateFormat: the built-in date and time formats, and any format of the
// workbook's own that shows a day, month, year, hour or second (letters in
// quotes, after a backslash or in brackets such as [Red] or [$-409] are
// decoration).
func isDateFormat(id int, code string, custom bool) bool {
	if !custom {
		return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
	}
	inQuotes, inBrackets := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuotes:
			inQuotes = c != '"'
		case inBrackets:
			inBrackets = c != ']'
		case c == '"':
			inQuotes = true
		case c == '[':
			inBrackets = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case strings.IndexByte("dDmMyYhHsS", c) >= 0:
			return true
		}
	}
	return false
}

// excelDate turns a date serial into 2006-01-02, or 2006-01-02 15:04 when
// it has a time. Excel's 1900 calendar counts a 29 February 1900 that
// never was; days before it are one off.
func excelDate(serial float64, date1904 bool) (string, bool) {
	if serial < 0 || serial > 2958465 { // 31 December 9999
		return "", false
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	switch {
	case date1904:
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case serial < 61:
		epoch = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		if serial >= 60 {
			return "1900-02-29", true
		}
	}
	days := math.Floor(serial)
	seconds := math.Round((serial - days) * 86400)
	t := epoch.AddDate(0, 0, int(days)).Add(time.Duration(seconds) * time.Second)
	if seconds == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04"), true
}

package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runVerify says in one line whether a certificate is genuine, and what
// it certifies: a verification code or a QR code's text checked with the
// issuer's file (--db), or a QR code's text with the published public key
// alone (--key). It repeats only what the code or signature covers. The
// exit code is 0 only for a genuine certificate.
func runVerify(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier verify --db FILE CODE|TEXT, or atelier verify --key FILE.pem TEXT (TEXT - reads it from standard input)"
	fs := newFlagSet("atelier verify")
	db := fs.String("db", "", "")
	keyFile := fs.String("key", "", "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	if (*db == "") == (*keyFile == "") || fs.NArg() == 0 {
		fmt.Fprintf(stderr, "atelier verify: give --db FILE or --key FILE.pem, and the CODE or TEXT (usage: %s)\n", usageLine)
		return 2
	}
	typed := strings.Join(fs.Args(), " ") // a code typed in groups with spaces
	if typed == "-" {
		b, err := io.ReadAll(io.LimitReader(stdin, 1<<16))
		if err != nil {
			return report(stderr, "atelier verify", err, say.Reading, "")
		}
		typed = string(b)
	}
	if *keyFile != "" {
		return verifyWithKey(*keyFile, typed, stdout, stderr)
	}
	st, code := openStore(fs, *db, data.OpenReadOnly, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	v, err := st.Verify(typed)
	if errors.Is(err, data.ErrUnknownCode) {
		fmt.Fprintf(stdout, "NOT GENUINE: no certificate or letter in %s has the code %s\n", *db, strings.TrimSpace(typed))
		return 1
	}
	if err != nil {
		return report(stderr, "atelier verify", err, say.Reading, "")
	}
	fmt.Fprintln(stdout, verdictLine(v, *db, true))
	if v.Verdict == data.Genuine {
		return 0
	}
	return 1
}

// stdin is where "atelier verify … -" reads the text: a scanner's output,
// such as zbarimg --raw's. Tests replace it.
var stdin io.Reader = os.Stdin

// verifyWithKey checks a signed text with the public keys of a PEM file,
// as anyone given the issuer's published key can.
func verifyWithKey(keyFile, text string, stdout, stderr io.Writer) int {
	b, err := os.ReadFile(keyFile)
	if err != nil {
		return report(stderr, "atelier verify", err, say.Reading, keyFile)
	}
	keys, err := data.ParsePublicKeysPEM(b)
	if err != nil {
		return report(stderr, "atelier verify", err, say.Reading, keyFile)
	}
	check := data.CheckSigned(text, keys, nil)
	v := data.Verification{Verdict: check.Verdict, Why: check.Why, Says: check.Signed.Document, Issuer: check.Signed.Issuer}
	fmt.Fprintln(stdout, verdictLine(v, keyFile, false))
	if v.Verdict == data.Genuine {
		return 0
	}
	return 1
}

// verdictLine words a verification in one line: the verdict in capitals,
// then what the document certifies (only for a genuine, revoked or
// changed one: a forged text's claims are not repeated). register says
// whether source is the issuer's file, whose register was looked in.
func verdictLine(v data.Verification, source string, register bool) string {
	says := describeDocument(v.Says)
	if v.Issuer != "" {
		says += " (issuer key " + v.Issuer + ")"
	}
	switch v.Verdict {
	case data.Genuine:
		line := "GENUINE: " + says
		if register && !v.InRegister {
			line += "; signed with a key of " + source + ", which has no such entry in its register (issued from another file of the same issuer)"
		}
		return line
	case data.Revoked:
		return fmt.Sprintf("REVOKED: %s was revoked on %s: %s", says, v.Revocation.RevokedAt.Format("2006-01-02"),
			v.Revocation.Reason)
	case data.Changed:
		var diffs []string
		for _, c := range v.Changes {
			now := c.Now
			if c.Field == "dates" {
				if start, end, ok := data.ParseDatesText(c.Now); ok {
					now = reports.FormatDateRange(data.English, start, end)
				}
			}
			diffs = append(diffs, fmt.Sprintf(`%s "%s"`, c.Field, now))
		}
		return fmt.Sprintf("CHANGED: %s is as issued, but its workshop in this file now says %s; print it again to issue it anew",
			says, strings.Join(diffs, ", "))
	}
	switch v.Why {
	case data.ReasonAltered:
		serial, holder := v.Certificate.Serial, v.Certificate.HolderName
		if v.Letter != nil {
			serial, holder = v.Letter.Serial, v.Letter.HolderName
		}
		return fmt.Sprintf("NOT GENUINE: the register entry %s (%s) was changed after it was issued", serial, holder)
	case data.ReasonUnknownIssuer:
		return fmt.Sprintf("NOT GENUINE: it says it was signed by issuer key %s, which is not a key of %s", v.Issuer, source)
	case data.ReasonBadSignature:
		return fmt.Sprintf("NOT GENUINE: the text is not what issuer key %s signed: it was changed after signing", v.Issuer)
	}
	return "NOT GENUINE: this is neither a verification code nor the text of an Atelier QR code"
}

// describeDocument words what a document says, in English: "certificate
// LAG-2022-001: Ọ̀ṣun Bello attended "The whole museum…", Lagos, Nigeria,
// 21–25 November 2022". A kind of document it does not know is listed
// field by field.
func describeDocument(d data.Document) string {
	dates := d.Field(data.LabelDates)
	if start, end, ok := data.ParseDatesText(dates); ok {
		dates = reports.FormatDateRange(data.English, start, end)
	}
	if d.Kind == data.KindCertificate {
		verb, title := "attended", d.Field(data.LabelAttended)
		if title == "" {
			verb, title = "led sessions of", d.Field(data.LabelLed)
		}
		out := fmt.Sprintf(`certificate %s, %s %s "%s"`, d.Serial, d.Field(data.LabelName), verb, title)
		if place := d.Field(data.LabelPlace); place != "" {
			out += ", " + place
		}
		return out + ", " + dates
	}
	if kind, ok := data.LetterKindOf(d); ok {
		return describeLetter(kind, d, dates)
	}
	parts := []string{d.Kind + " " + d.Serial}
	for _, f := range d.Fields {
		value := f.Value
		if f.Label == data.LabelDates {
			value = dates
		}
		parts = append(parts, f.Label+": "+value)
	}
	return strings.Join(parts, "; ")
}

// describeLetter words what a letter states, in English: "visa invitation
// letter LAG-2022-V001 to Françoise Houénou (passport B1749326),
// “L’atelier…”, Lagos, Nigéria, 21–25 November 2022, issued 3 October
// 2022".
func describeLetter(kind data.LetterKind, d data.Document, dates string) string {
	what := map[data.LetterKind]string{data.LetterVisa: "visa invitation", data.LetterAward: "grant award",
		data.LetterAttendance: "attendance"}[kind]
	out := fmt.Sprintf("%s letter %s to %s", what, d.Serial, d.Field(data.LabelName))
	var details []string
	for _, f := range []struct{ label, words string }{
		{data.LabelPassport, "passport"}, {data.LabelGrant, "grant"}, {data.LabelCovers, "covering"},
		{data.LabelSessions, "sessions attended"}} {
		if v := d.Field(f.label); v != "" {
			details = append(details, f.words+" "+v)
		}
	}
	if len(details) > 0 {
		out += " (" + strings.Join(details, ", ") + ")"
	}
	if title := d.Field(data.LabelWorkshop); title != "" {
		out += fmt.Sprintf(`, "%s"`, title)
	}
	for _, v := range []string{d.Field(data.LabelPlace), dates} {
		if v != "" { // a text signed elsewhere may leave a field out
			out += ", " + v
		}
	}
	if issued, err := data.ParseDate(d.Field(data.LabelIssued)); err == nil {
		out += ", issued " + reports.FormatDate(data.English, issued)
	}
	return out
}

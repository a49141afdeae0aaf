package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/reports"
	"github.com/atelier-workshops/atelier/say"
)

// runKeys shows a file's issuer keys, writes their public halves for
// publishing, or carries the signing key to another file of the same
// issuer: --export-private writes it, --import-private makes it the
// signing key of the file given. The file makes its key on first use.
func runKeys(args []string, stdout, stderr io.Writer) int {
	const usageLine = "atelier keys --db FILE [--out FILE.pem | --export-private KEY.pem | --import-private KEY.pem]"
	fs := newFlagSet("atelier keys")
	db := fs.String("db", "", "")
	out := fs.String("out", "", "")
	export := fs.String("export-private", "", "")
	imported := fs.String("import-private", "", "")
	if code := parseArgs(fs, args, usageLine, stdout, stderr); code >= 0 {
		return code
	}
	actions := 0
	for _, a := range []string{*out, *export, *imported} {
		if a != "" {
			actions++
		}
	}
	switch {
	case *db == "":
		fmt.Fprintf(stderr, "atelier keys: give --db FILE (usage: %s)\n", usageLine)
		return 2
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "atelier keys: unexpected argument %q (see atelier --help)\n", fs.Arg(0))
		return 2
	case actions > 1:
		fmt.Fprintf(stderr, "atelier keys: give one of --out, --export-private and --import-private\n")
		return 2
	}
	st, code := openStore(fs, *db, data.OpenExisting, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	before, err := st.IssuerKeys()
	if err != nil {
		return report(stderr, "atelier keys", err, say.Reading, "")
	}
	switch {
	case *export != "":
		err = exportPrivateKey(st, *export, stdout)
	case *imported != "":
		err = importPrivateKey(st, *db, *imported, stdout)
	default:
		err = showKeys(st, *db, *out, len(before) == 0, stdout)
	}
	if err != nil {
		return report(stderr, "atelier keys", err, say.Writing, *export+*imported+*out)
	}
	return 0
}

// showKeys lists the file's keys and, with out, writes their public
// halves as PEM: what an issuer publishes, and what atelier verify --key
// reads.
func showKeys(st *data.Store, db, out string, made bool, stdout io.Writer) error {
	signing, err := st.SigningKey()
	if err != nil {
		return err
	}
	if made {
		fmt.Fprintf(stdout, "Made an issuer key for %s: it signs every certificate printed from now on.\n", db)
	}
	keys, err := st.IssuerKeys()
	if err != nil {
		return err
	}
	for _, k := range keys {
		use := "signed before"
		if k.Signing {
			use = "signs new certificates"
		}
		fmt.Fprintf(stdout, "%s  %s; %s in the register; made %s\n", k.Fingerprint(), use,
			count(k.Signed, "certificate", "certificates"), k.CreatedAt.Format("2006-01-02"))
	}
	if out == "" {
		return nil
	}
	pem, err := st.PublicKeysPEM()
	if err != nil {
		return err
	}
	if err := reports.WriteFile(out, func(w io.Writer) error { _, err := w.Write(pem); return err }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: the public key %s", out, signing.Fingerprint())
	if len(keys) > 1 {
		fmt.Fprintf(stdout, " and %s", count(len(keys)-1, "earlier one", "earlier ones"))
	}
	fmt.Fprintln(stdout, ". Publish it: with it anyone can check a certificate's QR code (atelier verify --key).")
	return nil
}

// exportPrivateKey writes the signing key's private half into a new file
// only its owner may read, and says plainly what that file is.
func exportPrivateKey(st *data.Store, path string, stdout io.Writer) error {
	pem, k, err := st.PrivateKeyPEM()
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return message(fmt.Sprintf("%s already exists; a private key is never written over a file", path))
	}
	if err != nil {
		return err
	}
	_, err = f.Write(pem)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: the PRIVATE issuer key %s.\n", path, k.Fingerprint())
	fmt.Fprintln(stdout, "Whoever has this file can sign certificates in your name. Carry it only to your own other")
	fmt.Fprintln(stdout, "Atelier file (atelier keys --db OTHER.db --import-private KEY.pem), then delete it; never send it by mail.")
	return nil
}

// importPrivateKey makes the key of a private key file the signing key of
// the file; the one it replaces keeps verifying what it signed.
func importPrivateKey(st *data.Store, db, path string, stdout io.Writer) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	now, before, err := st.ImportPrivateKeyPEM(b)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s now signs with the issuer key %s.\n", db, now.Fingerprint())
	if before.ID != 0 {
		keys, err := st.IssuerKeys()
		if err != nil {
			return err
		}
		for _, k := range keys {
			if k.ID == before.ID {
				before = k
			}
		}
		fmt.Fprintf(stdout, "Its former key %s stays in the file to verify the %s it signed; publish both\n",
			before.Fingerprint(), count(before.Signed, "certificate", "certificates"))
		fmt.Fprintln(stdout, "(atelier keys --out, atelier verifier). Delete the private key file now.")
	}
	return nil
}

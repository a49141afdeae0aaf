package reports

import (
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/atelier-workshops/atelier/data"
)

// The verifier page is one self-contained HTML file: the issuer's public
// keys and the revocations known when it was written, and the script that
// checks a signed text with them (reports/verifier/verifier.js). It makes
// no request of any kind (its Content-Security-Policy forbids them), so
// it works opened from a USB stick as well as from any static web site.

var (
	//go:embed verifier/page.html
	verifierPage string
	//go:embed verifier/verifier.js
	verifierScript string
)

// VerifierData is what a verifier page knows.
type VerifierData struct {
	Issuer      string // the organisation's name, shown in the title; may be empty
	Keys        []data.PublicKey
	Revocations []data.Revocation
	Written     data.Date
}

// LoadVerifier reads the file's public keys (making its signing key on
// first use) and its revocations.
func LoadVerifier(st *data.Store, issuer string) (VerifierData, error) {
	d := VerifierData{Issuer: strings.TrimSpace(issuer), Written: data.DateOf(time.Now())}
	if _, err := st.SigningKey(); err != nil {
		return d, err
	}
	keys, err := st.IssuerKeys()
	if err != nil {
		return d, err
	}
	for _, k := range keys {
		d.Keys = append(d.Keys, k.PublicKey)
	}
	d.Revocations, err = st.Revocations()
	return d, err
}

type pageKey struct {
	Fingerprint string `json:"fingerprint"`
	Key         string `json:"key"`
}

type pageRevocation struct {
	ID     string `json:"id"`
	Serial string `json:"serial"`
	On     string `json:"on"`
	Reason string `json:"reason"`
}

type pageData struct {
	Issuer  string           `json:"issuer"`
	Keys    []pageKey        `json:"keys"`
	Revoked []pageRevocation `json:"revoked"`
	Written string           `json:"written"`
}

// WriteVerifierPage writes the page. Revocations of certificates issued
// before signatures are left out: the page cannot check those anyway.
func WriteVerifierPage(d VerifierData, w io.Writer) error {
	if len(d.Keys) == 0 {
		return errors.New("a verifier page needs at least one issuer key")
	}
	p := pageData{Issuer: d.Issuer, Keys: []pageKey{}, Revoked: []pageRevocation{}, Written: d.Written.String()}
	for _, k := range d.Keys {
		p.Keys = append(p.Keys, pageKey{k.Fingerprint(), base64.RawURLEncoding.EncodeToString(k.Key)})
	}
	for _, r := range d.Revocations {
		if r.SignatureID != "" {
			p.Revoked = append(p.Revoked, pageRevocation{r.SignatureID, r.Serial, data.DateOf(r.RevokedAt).String(), r.Reason})
		}
	}
	// encoding/json writes <, > and & as \u003c…, so nothing in the data
	// can close the script element it sits in.
	js, err := json.Marshal(p)
	if err != nil {
		return err
	}
	page := strings.Replace(verifierPage, "/*ISSUER-DATA*/", string(js), 1)
	page = strings.Replace(page, "/*VERIFIER-JS*/", verifierScript, 1)
	_, err = io.WriteString(w, page)
	return err
}

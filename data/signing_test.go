package data

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// issueSigned issues the certificates of issuedWorkshop and returns the
// first with the file's public keys, read back from their PEM form.
func issueSigned(t *testing.T) (*Store, Workshop, Certificate, []PublicKey) {
	t.Helper()
	st, w, _, _ := issuedWorkshop(t)
	certs, err := st.IssueCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	pemBytes, err := st.PublicKeysPEM()
	mustNoErr(t, err)
	keys, err := ParsePublicKeysPEM(pemBytes)
	mustNoErr(t, err)
	for _, c := range certs {
		if c.HolderName == "Ọ̀ṣun Bello" {
			return st, w, c, keys
		}
	}
	t.Fatal("Ọ̀ṣun has no certificate")
	return nil, w, Certificate{}, nil
}

func TestSignedTextVerifiesWithThePublicKeyAlone(t *testing.T) {
	st, w, c, keys := issueSigned(t)
	text := c.QRText()
	want := strings.Join([]string{
		"Atelier certificate " + c.Serial,
		"Name: Ọ̀ṣun Bello",
		"Attended: Museums for everyone",
		"Place: Lagos, Nigeria",
		"Dates: 2022-11-21 to 2022-11-25",
		"Issuer: " + keys[0].Fingerprint(),
	}, "\n")
	if c.SignedText != want || !strings.HasPrefix(text, want+"\nSignature: ") {
		t.Fatalf("signed text\n%s\nwant\n%s", text, want)
	}
	if got := CheckSigned(text, keys, nil); got.Verdict != Genuine || got.Signed.Field(LabelName) != "Ọ̀ṣun Bello" {
		t.Fatalf("the file's own certificate: %+v", got)
	}
	// Read as people hand it over: from a verifier address, with Windows
	// line ends, decomposed by some system on the way.
	for _, variant := range []string{
		QRContent("https://icom.example/verify.html", text),
		strings.ReplaceAll(text, "\n", "\r\n") + "\r\n",
		"  " + norm.NFD.String(text) + "\n",
		strings.ReplaceAll(text, "\n", " "), // pasted into a one-line field
	} {
		if got := CheckSigned(variant, keys, nil); got.Verdict != Genuine {
			t.Errorf("%q: %+v", variant, got)
		}
	}
	// One letter changed anywhere in what is signed is not genuine.
	for _, change := range [][2]string{{"Bello", "Bellu"}, {"Lagos", "Lagoa"}, {"2022-11-25", "2022-11-26"},
		{"Attended", "Led sessions of"}, {c.Serial, c.Serial[:len(c.Serial)-1] + "9"}} {
		forged := strings.Replace(text, change[0], change[1], 1)
		if got := CheckSigned(forged, keys, nil); got.Verdict != NotGenuine || got.Why != ReasonBadSignature {
			t.Errorf("%s changed to %s: %+v", change[0], change[1], got)
		}
	}
	sig := text[strings.LastIndex(text, " ")+1:]
	flipped := strings.TrimSuffix(text, sig) + string(sig[0]^1) + sig[1:]
	if got := CheckSigned(flipped, keys, nil); got.Verdict != NotGenuine {
		t.Errorf("a signature with one letter changed: %+v", got)
	}
	// Another file has another key: its public key does not verify ours.
	other, _, _, _ := issueSigned(t)
	otherPEM, err := other.PublicKeysPEM()
	mustNoErr(t, err)
	otherKeys, err := ParsePublicKeysPEM(otherPEM)
	mustNoErr(t, err)
	if got := CheckSigned(text, otherKeys, nil); got.Verdict != NotGenuine || got.Why != ReasonUnknownIssuer {
		t.Errorf("with another file's key: %+v", got)
	}
	// A text claiming our issuer but signed by another key.
	signer, err := other.SigningKey()
	mustNoErr(t, err)
	impostor, err := SignDocument(signer, CertificateDocument(c))
	mustNoErr(t, err)
	lying := strings.Replace(impostor.Text(), impostor.Issuer, keys[0].Fingerprint(), 1)
	if got := CheckSigned(lying, keys, nil); got.Verdict != NotGenuine || got.Why != ReasonBadSignature {
		t.Errorf("signed by another key under our fingerprint: %+v", got)
	}
	for _, junk := range []string{"", "K7Q2-M9XD-4FHT", "Atelier certificate X\nSignature: abc", "https://x.org/v#%ZZ",
		strings.Replace(text, "Issuer:", "Issued:", 1), strings.Replace(text, "Name:", "Name :", 1)} {
		if got := CheckSigned(junk, keys, nil); got.Verdict != NotGenuine || got.Why != ReasonMalformed {
			t.Errorf("%q: %+v", junk, got)
		}
	}
	// The file itself verifies the text as its code.
	byText, err := st.Verify(text)
	mustNoErr(t, err)
	byCode, err := st.Verify(c.Code)
	mustNoErr(t, err)
	for _, v := range []Verification{byText, byCode} {
		if !v.Genuine || !v.InRegister || v.Certificate.ID != c.ID || v.Says.Field(LabelPlace) != "Lagos, Nigeria" {
			t.Errorf("verified with the file: %+v", v)
		}
	}
	if c.Code != signatureCode(c.Signature) || w.ID != c.WorkshopID {
		t.Errorf("the code %s is not that of the signature", c.Code)
	}
}

// Issue 14: verify vouches only for what its code covers. A workshop whose
// city changed after issue, or a register row moved to another workshop,
// is reported as changed, and what was certified is what is said.
func TestVerifyReportsAChangedCityAndAMovedRow(t *testing.T) {
	st, w, c, _ := issueSigned(t)
	_, err := st.w.Exec(`UPDATE workshops SET city = 'Atlantis' WHERE id = ?`, w.ID)
	mustNoErr(t, err)
	v, err := st.Verify(c.Code)
	mustNoErr(t, err)
	if v.Verdict != Changed || v.Genuine || len(v.Changes) != 1 || v.Changes[0] != (Change{"place", "Lagos, Nigeria", "Atlantis, Nigeria"}) {
		t.Errorf("after the city changed: %+v", v)
	}
	if v.Says.Field(LabelPlace) != "Lagos, Nigeria" {
		t.Errorf("verify repeats %q, not what was signed", v.Says.Field(LabelPlace))
	}
	_, err = st.w.Exec(`UPDATE workshops SET city = 'Lagos' WHERE id = ?`, w.ID)
	mustNoErr(t, err)
	if v, _ := st.Verify(c.Code); v.Verdict != Genuine {
		t.Fatalf("the city put back: %+v", v)
	}

	other := lagosWorkshop()
	other.Title, other.City, other.StartDate, other.EndDate = "Digitising collections", "Accra", w.StartDate.AddDays(60), w.EndDate.AddDays(60)
	mustNoErr(t, st.SaveWorkshop(&other))
	_, err = st.w.Exec(`UPDATE certificates SET workshop_id = ? WHERE id = ?`, other.ID, c.ID)
	mustNoErr(t, err)
	v, err = st.Verify(c.Code)
	mustNoErr(t, err)
	fields := map[string]bool{}
	for _, ch := range v.Changes {
		fields[ch.Field] = true
	}
	if v.Verdict != Changed || !fields["title"] || !fields["place"] || !fields["dates"] {
		t.Errorf("after the row moved: %+v", v)
	}
	if byText, _ := st.Verify(c.QRText()); byText.Verdict != Changed {
		t.Errorf("the signed text of the moved row: %+v", byText)
	}
}

func TestVerifyNoticesAnAlteredRegisterEntry(t *testing.T) {
	st, w, c, _ := issueSigned(t)
	yaw := Trainer{WorkshopID: w.ID, Name: "Yaw Mensah"}
	mustNoErr(t, st.SaveTrainer(&yaw))
	for column, value := range map[string]any{"holder_name": "Mallory Bello", "start_date": "2022-11-20",
		"workshop_title": "Museums for some", "serial": "LAG-2022-999", "trainer_id": nil,
		"signed_text": strings.Replace(c.SignedText, "Lagos", "Lagoz", 1), "issuer_key_id": nil,
		"signature": append([]byte{c.Signature[0] ^ 1}, c.Signature[1:]...)} {
		var back any
		mustNoErr(t, st.w.QueryRow(`SELECT `+column+` FROM certificates WHERE id = ?`, c.ID).Scan(&back))
		if column == "trainer_id" { // make the participant's certificate a trainer's
			_, err := st.w.Exec(`UPDATE certificates SET participant_id = NULL, trainer_id = ? WHERE id = ?`, yaw.ID, c.ID)
			mustNoErr(t, err)
		} else {
			_, err := st.w.Exec(`UPDATE certificates SET `+column+` = ? WHERE id = ?`, value, c.ID)
			mustNoErr(t, err)
		}
		v, err := st.Verify(c.Code)
		if err != nil || v.Verdict != NotGenuine || v.Why != ReasonAltered {
			t.Errorf("after changing %s: %+v, %v", column, v, err)
		}
		if column == "trainer_id" {
			_, err = st.w.Exec(`UPDATE certificates SET trainer_id = NULL, participant_id = ? WHERE id = ?`, c.ParticipantID, c.ID)
		} else {
			_, err = st.w.Exec(`UPDATE certificates SET `+column+` = ? WHERE id = ?`, back, c.ID)
		}
		mustNoErr(t, err)
		if v, _ := st.Verify(c.Code); !v.Genuine {
			t.Fatalf("%s put back: %+v", column, v)
		}
	}
}

func TestRevokedSaysRevokedAndIsNotPrintedAgain(t *testing.T) {
	st, w, c, keys := issueSigned(t)
	if _, err := st.Revoke(c.ID, "  "); err == nil {
		t.Error("a revocation without a reason was accepted")
	} else if v, ok := AsValidation(err); !ok || len(v.Fields) != 1 || v.Fields[0].Field != "reason" {
		t.Errorf("no reason: %v", err)
	}
	if _, err := st.Revoke(987654, "typo"); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoking what is not in the register: %v", err)
	}
	r, err := st.Revoke(c.ID, "Issued in error: left on day two")
	mustNoErr(t, err)
	if r.Serial != c.Serial || r.SignatureID != SignatureID(c.Signature) || r.RevokedAt.IsZero() {
		t.Errorf("revocation: %+v", r)
	}
	if _, err := st.Revoke(c.ID, "again"); err == nil || !strings.Contains(err.Error(), "already revoked") {
		t.Errorf("revoked twice: %v", err)
	}
	for _, input := range []string{c.Code, c.QRText()} {
		v, err := st.Verify(input)
		if err != nil || v.Verdict != Revoked || v.Revocation == nil || v.Revocation.Reason != "Issued in error: left on day two" {
			t.Errorf("Verify(%.20q) = %+v, %v", input, v, err)
		}
	}
	list, err := st.Revocations()
	mustNoErr(t, err)
	revoked := map[string]Revocation{}
	for _, r := range list {
		revoked[r.SignatureID] = r
	}
	if got := CheckSigned(c.QRText(), keys, revoked); got.Verdict != Revoked || got.Revocation.Serial != c.Serial {
		t.Errorf("with the file's list of revocations: %+v", got)
	}
	again, err := st.IssueCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	for _, a := range again {
		if a.ID == c.ID {
			t.Errorf("the revoked certificate was issued again: %+v", a)
		}
	}
	preview, err := st.PreviewCertificates(w.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	if len(preview) != len(again) {
		t.Errorf("the preview shows %d certificates, issuing gave %d", len(preview), len(again))
	}
	after, err := st.Verify(c.Code)
	mustNoErr(t, err)
	if after.Verdict != Revoked || after.Certificate.Code != c.Code {
		t.Errorf("after reissuing the others: %+v", after)
	}
}

// An organisation's one key across files: exported from one, imported
// into another, which keeps its former key to verify what it signed.
func TestImportedKeySignsAndTheFormerOneStillVerifies(t *testing.T) {
	a, _, fromA, _ := issueSigned(t)
	b, wb, fromB, _ := issueSigned(t)
	formerB, err := b.SigningKey()
	mustNoErr(t, err)
	private, keyA, err := a.PrivateKeyPEM()
	mustNoErr(t, err)
	if !strings.Contains(string(private), "PRIVATE") {
		t.Fatalf("the private key file: %s", private)
	}
	now, before, err := b.ImportPrivateKeyPEM(private)
	mustNoErr(t, err)
	if now.Fingerprint() != keyA.Fingerprint() || before.Fingerprint() != formerB.Fingerprint() {
		t.Errorf("import: now %s (want %s), before %s (want %s)", now.Fingerprint(), keyA.Fingerprint(),
			before.Fingerprint(), formerB.Fingerprint())
	}
	if _, again, err := b.ImportPrivateKeyPEM(private); err != nil || again.ID != 0 {
		t.Errorf("importing the same key twice: %+v, %v", again, err)
	}
	if _, _, err := b.ImportPrivateKeyPEM([]byte("not a key")); err == nil {
		t.Error("a file without a key was imported")
	}
	pemB, err := b.PublicKeysPEM()
	mustNoErr(t, err)
	keysB, err := ParsePublicKeysPEM(pemB)
	mustNoErr(t, err)
	if len(keysB) != 2 || keysB[0].Fingerprint() != keyA.Fingerprint() {
		t.Fatalf("B's public keys: %s", pemB)
	}
	// What B signed before stays good, and is kept on reissue.
	if got := CheckSigned(fromB.QRText(), keysB, nil); got.Verdict != Genuine {
		t.Errorf("B's certificate signed with its former key: %+v", got)
	}
	again, err := b.IssueCertificates(wb.ID, IssueOptions{Trainers: true})
	mustNoErr(t, err)
	for _, c := range again {
		if c.ID == fromB.ID && (c.Code != fromB.Code || string(c.Signature) != string(fromB.Signature)) {
			t.Errorf("reissuing after the import changed an unchanged certificate: %s then %s", fromB.Code, c.Code)
		}
	}
	// A's certificates verify with B's published keys, and B's file says
	// so without having them in its register.
	if got := CheckSigned(fromA.QRText(), keysB, nil); got.Verdict != Genuine {
		t.Errorf("A's certificate with B's keys: %+v", got)
	}
	v, err := b.Verify(fromA.QRText())
	mustNoErr(t, err)
	if !v.Genuine || v.InRegister {
		t.Errorf("A's certificate verified in B: %+v", v)
	}
	// New certificates in B are signed with the organisation's key.
	p := addParticipant(t, b, wb, "Ngozi", "Eze", StatusConfirmed)
	mustNoErr(t, b.SetEligibilityOverride(&EligibilityOverride{ParticipantID: p.ID, Eligible: true, Reason: "joined late"}))
	again, err = b.IssueCertificates(wb.ID, IssueOptions{})
	mustNoErr(t, err)
	for _, c := range again {
		if c.ParticipantID == p.ID && c.IssuerFingerprint() != keyA.Fingerprint() {
			t.Errorf("a new certificate in B was signed by %s, not the imported key", c.IssuerFingerprint())
		}
	}
}

func TestTitlesAndRolesInTheHoldersLanguage(t *testing.T) {
	st, w, ps, _ := issuedWorkshop(t)
	p := ps["osun"]
	p.Language = French
	mustNoErr(t, st.SaveParticipant(&p))
	mustNoErr(t, st.SetWorkshopText(w.ID, French, WorkshopText{Title: " Des musées pour tous ", Theme: "Patrimoine participatif"}))
	mustNoErr(t, st.SetWorkshopText(w.ID, Spanish, WorkshopText{Title: "Museos para todos"}))
	mustNoErr(t, st.SetSignatories(w.ID, []Signatory{{Name: "Adébáyọ̀ Okafor", Title: "Director"}, {Name: "Claire Dubois"}}))
	mustNoErr(t, st.SetSignatoryTitle(w.ID, 1, French, "Directeur"))
	mustNoErr(t, st.SetSignatoryTitle(w.ID, 2, Spanish, "Oficial de programa"))
	texts, err := st.WorkshopTexts(w.ID)
	mustNoErr(t, err)
	if texts.Title(w, French) != "Des musées pour tous" || texts.Theme(w, Spanish) != w.Theme || texts.Title(w, English) != w.Title {
		t.Errorf("titles: %+v", texts)
	}
	sigs, err := st.Signatories(w.ID)
	mustNoErr(t, err)
	if sigs[0].TitleIn(French) != "Directeur" || sigs[0].TitleIn(Spanish) != "Director" || sigs[1].TitleIn(Spanish) != "Oficial de programa" {
		t.Errorf("roles: %+v", sigs)
	}
	certs, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	for _, c := range certs {
		want := w.Title
		if c.ParticipantID == p.ID {
			want = "Des musées pour tous"
		}
		if c.WorkshopTitle != want || !strings.Contains(c.SignedText, "Attended: "+want) {
			t.Errorf("%s (%s): title %q, signed %q", c.HolderName, c.Language, c.WorkshopTitle, c.SignedText)
		}
		if c.ParticipantID == p.ID && !strings.Contains(c.SignedText, "Place: Lagos, Nigéria") {
			t.Errorf("the French certificate's place: %q", c.SignedText)
		}
	}
	// Clearing a language's title brings back the workshop's own; a
	// signatory place left empty loses its roles.
	mustNoErr(t, st.SetWorkshopText(w.ID, French, WorkshopText{}))
	mustNoErr(t, st.SetSignatories(w.ID, []Signatory{{Name: "Adébáyọ̀ Okafor", Title: "Director"}}))
	mustNoErr(t, st.SetSignatories(w.ID, []Signatory{{Name: "Adébáyọ̀ Okafor", Title: "Director"}, {Name: "Claire Dubois"}}))
	texts, _ = st.WorkshopTexts(w.ID)
	sigs, _ = st.Signatories(w.ID)
	if texts.Title(w, French) != w.Title || sigs[1].TitleIn(Spanish) != "" || sigs[0].TitleIn(French) != "Directeur" {
		t.Errorf("after clearing: %+v %+v", texts, sigs)
	}
	if err := st.SetWorkshopText(w.ID, "de", WorkshopText{Title: "Museen"}); err == nil {
		t.Error("a German title was accepted")
	}
}

func TestVerifierAddressIsAWebAddress(t *testing.T) {
	st, _ := openTemp(t)
	w := addWorkshop(t, st)
	for _, bad := range []string{"verify.html", "ftp://x.org/v.html", "https://x.org/v.html#x", "https:// x.org"} {
		if err := st.SetVerifierAddress(w.ID, bad); err == nil {
			t.Errorf("%q was accepted", bad)
		} else if v, ok := AsValidation(err); !ok || v.Fields[0].Field != "verifier_address" {
			t.Errorf("%q: %v", bad, err)
		}
	}
	mustNoErr(t, st.SetVerifierAddress(w.ID, " https://icom.example/lagos/verify.html "))
	if a, _ := st.VerifierAddress(w.ID); a != "https://icom.example/lagos/verify.html" {
		t.Errorf("address %q", a)
	}
	mustNoErr(t, st.SetVerifierAddress(w.ID, ""))
	if a, _ := st.VerifierAddress(w.ID); a != "" {
		t.Errorf("address %q after clearing", a)
	}
}

func TestFragmentEncodingRoundTrips(t *testing.T) {
	text := "Atelier certificate LAG-2022-001\nName: Ọláńrewájú Ñúñez + Co & 100% #1"
	enc := EncodeFragment(text)
	if strings.ContainsAny(enc, " \n#%+") && strings.Contains(enc, " ") {
		t.Errorf("a space left in %q", enc)
	}
	for _, c := range enc {
		if c > 0x7e || c <= ' ' || c == '#' {
			t.Fatalf("%q holds %q", enc, c)
		}
	}
	back, err := decodeFragment(enc)
	if err != nil || back != text {
		t.Errorf("decoded %q, %v", back, err)
	}
}

func TestFingerprintAndSignatureCodeForm(t *testing.T) {
	pub := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	fp := PublicKey{pub}.Fingerprint()
	if len(fp) != 19 || strings.Count(fp, " ") != 3 || strings.ToUpper(fp) != fp {
		t.Errorf("fingerprint %q", fp)
	}
	if code := signatureCode(make([]byte, 64)); NormaliseCode(code) != code || len(code) != 14 {
		t.Errorf("code %q", code)
	}
}

// A file from before signatures: its HMAC codes keep verifying after the
// schema update, for what they covered; the place they did not cover is
// kept as the workshop's at the update, so that a later change shows; and
// reissuing unchanged keeps the code on the paper while adding a signature.
func TestCodesIssuedBeforeSignaturesStillVerify(t *testing.T) {
	path := t.TempDir() + "/old.db"
	old := openOldSchema(t, path, 4)
	w := addWorkshop(t, old)
	s1 := addSession(t, old, w, 0, 9, 11, "Opening")
	p := markedAsOldSchemas(t, old, w, s1, "Ọláńrewájú", "Ñúñez", Present, "2022-11-21T09:00:00Z")
	secret, err := old.certificateSecret()
	mustNoErr(t, err)
	c := Certificate{WorkshopID: w.ID, ParticipantID: p.ID, Serial: "LAG-2022-001", Language: English,
		IssuedOn: w.EndDate, HolderName: "Ọláńrewájú Ñúñez", WorkshopTitle: w.Title, StartDate: w.StartDate, EndDate: w.EndDate}
	c.Code = certificateCode(secret, c)
	_, err = old.w.Exec(`INSERT INTO certificates(workshop_id, participant_id, serial, code, language, issued_on, updated_at,
		holder_name, workshop_title, start_date, end_date) VALUES (?, ?, ?, ?, 'en', ?, '', ?, ?, ?, ?)`,
		c.WorkshopID, c.ParticipantID, c.Serial, c.Code, c.IssuedOn.String(), c.HolderName, c.WorkshopTitle,
		c.StartDate.String(), c.EndDate.String())
	mustNoErr(t, err)
	mustNoErr(t, old.Close())

	st, err := Open(path, OpenExisting)
	mustNoErr(t, err)
	defer st.Close()
	v, err := st.Verify(strings.ToLower(c.Code))
	mustNoErr(t, err)
	if !v.Genuine || v.Issuer != "" || v.Says.Field(LabelName) != c.HolderName || v.Says.Field(LabelPlace) != "" ||
		v.Certificate.City != "Lagos" || v.Certificate.Country != "NG" {
		t.Fatalf("an old code after the update: %+v", v)
	}
	_, err = st.w.Exec(`UPDATE workshops SET city = 'Atlantis'`)
	mustNoErr(t, err)
	if v, _ := st.Verify(c.Code); v.Verdict != Changed || v.Changes[0].Now != "Atlantis, Nigeria" {
		t.Errorf("an old certificate after its city changed: %+v", v)
	}
	_, err = st.w.Exec(`UPDATE workshops SET city = 'Lagos'`)
	mustNoErr(t, err)
	_, err = st.w.Exec(`UPDATE certificates SET holder_name = 'Mallory'`)
	mustNoErr(t, err)
	if v, _ := st.Verify(c.Code); v.Verdict != NotGenuine || v.Why != ReasonAltered {
		t.Errorf("an old certificate altered: %+v", v)
	}
	_, err = st.w.Exec(`UPDATE certificates SET holder_name = ?`, c.HolderName)
	mustNoErr(t, err)

	again, err := st.IssueCertificates(w.ID, IssueOptions{})
	mustNoErr(t, err)
	if len(again) != 1 || again[0].Code != c.Code || len(again[0].Signature) == 0 {
		t.Fatalf("reissued: %+v", again)
	}
	keys, err := st.IssuerKeys()
	mustNoErr(t, err)
	if got := CheckSigned(again[0].QRText(), []PublicKey{keys[0].PublicKey}, nil); got.Verdict != Genuine {
		t.Errorf("the reissued certificate's text: %+v", got)
	}
	if v, err := st.Verify(c.Code); err != nil || !v.Genuine || v.Says.Field(LabelPlace) != "Lagos, Nigeria" {
		t.Errorf("the old code after the reissue: %+v, %v", v, err)
	}
	if _, err := st.Revoke(again[0].ID, "duplicate"); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.Verify(c.Code); v.Verdict != Revoked {
		t.Errorf("revoked: %+v", v)
	}
}

// 19.6: the signing is the same for every kind of document that carries a
// code: a letter signs and verifies as a certificate does, and says its
// kind.
func TestALetterSignsAndVerifiesAsACertificateDoes(t *testing.T) {
	st, _ := openTemp(t)
	key, err := st.SigningKey()
	mustNoErr(t, err)
	letter := Document{Kind: "letter", Serial: "VIS-2022-003", Fields: []SignedField{
		{"Purpose", "Visa invitation"}, {LabelName, "Ìfẹ́olúwa Àdìgún"}, {"Passport", "A01234567"},
		{LabelDates, DatesText(NewDate(2022, 11, 20), NewDate(2022, 11, 26))}}}
	signed, err := SignDocument(key, letter)
	mustNoErr(t, err)
	got := CheckSigned(QRContent("https://icom.example/verify.html", signed.Text()), []PublicKey{key.PublicKey}, nil)
	if got.Verdict != Genuine || got.Signed.Kind != "letter" || got.Signed.Field("Purpose") != "Visa invitation" {
		t.Errorf("a signed letter: %+v", got)
	}
	if got := CheckSigned(strings.Replace(signed.Text(), "A01234567", "A01234568", 1), []PublicKey{key.PublicKey}, nil); got.Verdict != NotGenuine {
		t.Errorf("a letter with its passport number changed: %+v", got)
	}
	for _, bad := range []Document{{Kind: "Letter", Serial: "X"}, {Kind: "letter", Serial: "A B"},
		{Kind: "letter", Serial: "X", Fields: []SignedField{{"Pass: port", "x"}}}, {Kind: "letter", Serial: "X", Fields: []SignedField{{"Note", "two\nlines"}}}} {
		if _, err := SignDocument(key, bad); err == nil {
			t.Errorf("%+v was signed", bad)
		}
	}
}

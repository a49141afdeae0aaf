package reports

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/atelier-workshops/atelier/data"
	"github.com/atelier-workshops/atelier/data/datatest"
)

// browser starts Debian's Chromium, headless and with no network (the
// flags this closed network needs), and returns a tab. Without chromium
// the test skips, except in CI, which installs it.
func browser(t *testing.T, acceptLanguage string) context.Context {
	t.Helper()
	path := datatest.RequireTool(t, "chromium", "chromium")
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-sync", true))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(alloc)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 Atelier test", AcceptLanguage: acceptLanguage}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// verifierFixture is a verifier page written for the demo file, with one
// certificate revoked, and certificates to show it: genuine, revoked, and
// one of another issuer.
type verifierFixture struct {
	page                       string // file:// address
	genuine, revoked, stranger data.Certificate
	keys                       []data.PublicKey
}

func newVerifierFixture(t *testing.T) verifierFixture {
	t.Helper()
	st, d := lagosCertificates(t)
	var f verifierFixture
	for _, c := range d.Certificates {
		switch c.HolderName {
		case "Ọláńrewájú Adébáyọ̀":
			f.genuine = c
		case "María Ñúñez Obiang":
			f.revoked = c
		}
	}
	if _, err := st.Revoke(f.revoked.ID, "Issued in error: <b>left</b> on day two"); err != nil {
		t.Fatal(err)
	}
	v, err := LoadVerifier(st, "ICOM Nigeria")
	if err != nil {
		t.Fatal(err)
	}
	f.keys = v.Keys
	path := filepath.Join(t.TempDir(), "verify.html")
	file, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteVerifierPage(v, file); err != nil {
		t.Fatal(err)
	}
	if err := file.Close(); err != nil {
		t.Fatal(err)
	}
	f.page = (&url.URL{Scheme: "file", Path: path}).String()
	_, other := lagosCertificates(t)
	f.stranger = other.Certificates[0]
	return f
}

type pageVerdict struct {
	Verdict, Word, Why, Content, Title string
}

// open loads the page with text after "#", as a phone's camera opens a
// QR code holding ADDRESS#TEXT, and reads the verdict once it is shown.
func open(t *testing.T, ctx context.Context, page, text string) pageVerdict {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"),
		chromedp.Navigate(data.QRContent(page, text))); err != nil {
		t.Fatal(err)
	}
	return readVerdict(t, ctx)
}

func readVerdict(t *testing.T, ctx context.Context) pageVerdict {
	t.Helper()
	var v pageVerdict
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`#verdict[data-verdict]:not([data-verdict=""])`))); err != nil {
		t.Fatalf("waiting for the verdict: %v", err)
	}
	read := func(a chromedp.Action[string], into *string) {
		var err error
		if *into, err = chromedp.Run(ctx, a); err != nil {
			t.Fatalf("reading the verdict: %v", err)
		}
	}
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#verdict"), "data-verdict"))
	if err != nil {
		t.Fatalf("reading the verdict: %v", err)
	}
	v.Verdict = attr.Value
	read(chromedp.Text(chromedp.CSS("#verdict-word")), &v.Word)
	read(chromedp.TextContent(chromedp.CSS("#verdict-why")), &v.Why)
	read(chromedp.TextContent(chromedp.CSS("#content")), &v.Content)
	read(chromedp.Title(), &v.Title)
	return v
}

func TestVerifierPageBrowserGenuineForgedOtherIssuerRevoked(t *testing.T) {
	f := newVerifierFixture(t)
	ctx := browser(t, "en-GB,en")
	text := f.genuine.QRText()

	v := open(t, ctx, f.page, text)
	if v.Verdict != "genuine" || v.Word != "Genuine" || !strings.Contains(v.Content, "Ọláńrewájú Adébáyọ̀") ||
		!strings.Contains(v.Content, "Lagos, Nigeria") || !strings.Contains(v.Content, f.genuine.Serial) ||
		!strings.Contains(v.Content, "21 – 25 November 2022") || !strings.Contains(v.Why, f.keys[0].Fingerprint()) ||
		!strings.Contains(v.Title, "ICOM Nigeria") {
		t.Errorf("genuine: %+v", v)
	}

	forged := strings.Replace(text, "Adébáyọ̀", "Adébáyọ", 1)
	if v := open(t, ctx, f.page, forged); v.Verdict != "not-genuine" || v.Content != "" ||
		!strings.Contains(v.Why, "changed after signing") {
		t.Errorf("one mark taken off the name: %+v", v)
	}
	later := strings.Replace(text, "2022-11-25", "2023-11-25", 1)
	if v := open(t, ctx, f.page, later); v.Verdict != "not-genuine" {
		t.Errorf("a date changed: %+v", v)
	}

	if v := open(t, ctx, f.page, f.stranger.QRText()); v.Verdict != "not-genuine" ||
		!strings.Contains(v.Why, f.stranger.IssuerFingerprint()) || !strings.Contains(v.Why, "not one of this issuer") {
		t.Errorf("another file's certificate: %+v", v)
	}

	v = open(t, ctx, f.page, f.revoked.QRText())
	if v.Verdict != "revoked" || !strings.Contains(v.Why, "Issued in error: <b>left</b> on day two") ||
		!strings.Contains(v.Content, "María Ñúñez Obiang") {
		t.Errorf("revoked: %+v", v)
	}
	if bold, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("b").length`)); err != nil || bold != 0 {
		t.Errorf("the reason's markup was taken as HTML: %d elements, %v", bold, err)
	}

	if v := open(t, ctx, f.page, "Atelier certificate X\nName: Nobody"); v.Verdict != "not-genuine" ||
		!strings.Contains(v.Why, "not the text") {
		t.Errorf("not a signed text: %+v", v)
	}
}

// Pasting works as the address does: the text itself, or the whole
// address a QR code holds, typed into the box.
func TestVerifierPageBrowserPaste(t *testing.T) {
	f := newVerifierFixture(t)
	ctx := browser(t, "en")
	for _, pasted := range []string{f.genuine.QRText(), data.QRContent("https://icom.example/verify.html", f.genuine.QRText()),
		strings.ReplaceAll(f.genuine.QRText(), "\n", " ")} {
		err := chromedp.Do(ctx, chromedp.Navigate(f.page), chromedp.WaitVisible(chromedp.CSS("#text")),
			chromedp.SendKeys(chromedp.CSS("#text"), pasted))
		if err != nil {
			t.Fatal(err)
		}
		if v := readVerdict(t, ctx); v.Verdict != "genuine" || !strings.Contains(v.Content, "Ọláńrewájú Adébáyọ̀") {
			t.Errorf("pasted %.40q…: %+v", pasted, v)
		}
	}
}

func TestVerifierPageBrowserSpeaksTheReadersLanguage(t *testing.T) {
	f := newVerifierFixture(t)
	for lang, want := range map[string][]string{
		"fr-FR,fr": {"Authentique", "Nom", "Lieu", "novembre 2022", "Révoquée"},
		"es-ES,es": {"Auténtico", "Nombre", "Lugar", "noviembre de 2022", "Revocado"},
		"de-DE,de": {"Genuine", "Name", "Place", "November 21 – 25, 2022", "Revoked"},
	} {
		t.Run(lang, func(t *testing.T) {
			ctx := browser(t, lang)
			v := open(t, ctx, f.page, f.genuine.QRText())
			r := open(t, ctx, f.page, f.revoked.QRText())
			got := v.Word + " " + v.Content + " " + r.Word
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
		})
	}
}

// The page's own SHA-512 and Ed25519 decide as Go's crypto does, on
// signatures Go made (genuine, altered, under another key, with a
// non-canonical S) and on RFC 8032's test vectors, and as Chromium's own
// WebCrypto Ed25519 does where it has one.
func TestVerifierPageBrowserCryptoAgreesWithGo(t *testing.T) {
	f := newVerifierFixture(t)
	ctx := browser(t, "en")
	if err := chromedp.Do(ctx, chromedp.Navigate(f.page), chromedp.WaitReady(chromedp.CSS("#text"))); err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString
	type vector struct {
		Key, Msg, Sig string
		Want          bool
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var vectors []vector
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	add := func(pub ed25519.PublicKey, msg, sig []byte) {
		vectors = append(vectors, vector{b64(pub), b64(msg), b64(sig), ed25519.Verify(pub, msg, sig)})
	}
	order := []byte{0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10} // L, little-endian
	for i := range 24 {
		priv := ed25519.NewKeyFromSeed(random(32))
		pub := priv.Public().(ed25519.PublicKey)
		msg := random([]int{0, 1, 63, 64, 111, 112, 127, 128, 129, 300}[i%10])
		sig := ed25519.Sign(priv, msg)
		add(pub, msg, sig)
		bad := append([]byte{}, sig...)
		bad[rng.IntN(64)] ^= 1 << rng.IntN(8)
		add(pub, msg, bad)
		if len(msg) > 0 {
			changed := append([]byte{}, msg...)
			changed[rng.IntN(len(msg))] ^= 1
			add(pub, changed, sig)
		}
		other := ed25519.NewKeyFromSeed(random(32)).Public().(ed25519.PublicKey)
		add(other, msg, sig)
		// S + L is the same scalar, which Go refuses as not canonical.
		big := append([]byte{}, sig...)
		carry := 0
		for j := range 32 {
			v := int(big[32+j]) + int(order[j]) + carry
			big[32+j], carry = byte(v), v>>8
		}
		add(pub, msg, big)
	}
	for _, tv := range [][3]string{ // RFC 8032, 7.1, tests 1-3: secret, public, message
		{"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", ""},
		{"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72"},
		{"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82"},
	} {
		seed, _ := hex.DecodeString(tv[0])
		pub, _ := hex.DecodeString(tv[1])
		msg, _ := hex.DecodeString(tv[2])
		priv := ed25519.NewKeyFromSeed(seed)
		if !bytes.Equal(priv.Public().(ed25519.PublicKey), pub) {
			t.Fatalf("RFC 8032 vector: the public key differs")
		}
		add(pub, msg, ed25519.Sign(priv, msg))
	}
	js, _ := json.Marshal(vectors)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]struct{ Ours, WebCrypto *bool }](`(async () => {
		const bytes = s => Uint8Array.from(atob(s), c => c.charCodeAt(0));
		const out = [];
		for (const v of `+string(js)+`) {
			const ours = atelierVerifier.ed25519Verify(bytes(v.Key), bytes(v.Msg), bytes(v.Sig));
			let web = null;
			try {
				const key = await crypto.subtle.importKey("raw", bytes(v.Key), {name: "Ed25519"}, false, ["verify"]);
				web = await crypto.subtle.verify({name: "Ed25519"}, key, bytes(v.Sig), bytes(v.Msg));
			} catch (e) { web = null; }
			out.push({Ours: ours, WebCrypto: web});
		}
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(vectors) {
		t.Fatalf("%d answers for %d vectors", len(got), len(vectors))
	}
	valid, webChecked := 0, 0
	for i, v := range vectors {
		if got[i].Ours == nil || *got[i].Ours != v.Want {
			t.Errorf("vector %d: the page says %s, Go %v", i, answer(got[i].Ours), v.Want)
			continue
		}
		if got[i].WebCrypto != nil {
			webChecked++
			if *got[i].WebCrypto != *got[i].Ours {
				t.Errorf("vector %d: the page says %v, Chromium's WebCrypto %v", i, *got[i].Ours, *got[i].WebCrypto)
			}
		}
		if v.Want {
			valid++
		}
	}
	if valid < 27 || valid == len(vectors) {
		t.Errorf("%d of %d vectors valid: the set does not test both answers", valid, len(vectors))
	}
	t.Logf("%d vectors, %d valid; Chromium's WebCrypto checked %d", len(vectors), valid, webChecked)

	for _, n := range []int{0, 1, 111, 112, 127, 128, 129, 239, 240, 1000} {
		msg := random(n)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`Array.from(atelierVerifier.sha512(Uint8Array.from(atob("`+b64(msg)+
			`"), c => c.charCodeAt(0))), b => b.toString(16).padStart(2, "0")).join("")`))
		if err != nil {
			t.Fatal(err)
		}
		if want := sha512.Sum512(msg); got != hex.EncodeToString(want[:]) {
			t.Errorf("SHA-512 of %d bytes: the page gives %s", n, got)
		}
	}
}

func answer(b *bool) string {
	if b == nil {
		return "nothing"
	}
	return strconv.FormatBool(*b)
}

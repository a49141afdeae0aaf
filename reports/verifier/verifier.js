// Atelier's verifier page: checks a signed text (a certificate's QR code)
// with the issuer's public keys and revocations written into this page,
// in the browser, with no network. It reads the text as data/signing.go
// writes it and decides as data.CheckSigned does. Ed25519 (RFC 8032) and
// SHA-512 are written out here rather than taken from WebCrypto: phones'
// browsers do not all have Ed25519 in WebCrypto, and none has WebCrypto at
// all on a page served over plain http; one implementation everywhere
// gives every reader the same verdict, and the tests hold it against Go's
// signatures and Chromium's own Ed25519.
"use strict";

(function () {
  // ---- SHA-512 (FIPS 180-4), on BigInt words ----
  const M64 = (1n << 64n) - 1n;
  const K512 = [
    "428a2f98d728ae22", "7137449123ef65cd", "b5c0fbcfec4d3b2f", "e9b5dba58189dbbc", "3956c25bf348b538",
    "59f111f1b605d019", "923f82a4af194f9b", "ab1c5ed5da6d8118", "d807aa98a3030242", "12835b0145706fbe",
    "243185be4ee4b28c", "550c7dc3d5ffb4e2", "72be5d74f27b896f", "80deb1fe3b1696b1", "9bdc06a725c71235",
    "c19bf174cf692694", "e49b69c19ef14ad2", "efbe4786384f25e3", "0fc19dc68b8cd5b5", "240ca1cc77ac9c65",
    "2de92c6f592b0275", "4a7484aa6ea6e483", "5cb0a9dcbd41fbd4", "76f988da831153b5", "983e5152ee66dfab",
    "a831c66d2db43210", "b00327c898fb213f", "bf597fc7beef0ee4", "c6e00bf33da88fc2", "d5a79147930aa725",
    "06ca6351e003826f", "142929670a0e6e70", "27b70a8546d22ffc", "2e1b21385c26c926", "4d2c6dfc5ac42aed",
    "53380d139d95b3df", "650a73548baf63de", "766a0abb3c77b2a8", "81c2c92e47edaee6", "92722c851482353b",
    "a2bfe8a14cf10364", "a81a664bbc423001", "c24b8b70d0f89791", "c76c51a30654be30", "d192e819d6ef5218",
    "d69906245565a910", "f40e35855771202a", "106aa07032bbd1b8", "19a4c116b8d2d0c8", "1e376c085141ab53",
    "2748774cdf8eeb99", "34b0bcb5e19b48a8", "391c0cb3c5c95a63", "4ed8aa4ae3418acb", "5b9cca4f7763e373",
    "682e6ff3d6b2b8a3", "748f82ee5defb2fc", "78a5636f43172f60", "84c87814a1f0ab72", "8cc702081a6439ec",
    "90befffa23631e28", "a4506cebde82bde9", "bef9a3f7b2c67915", "c67178f2e372532b", "ca273eceea26619c",
    "d186b8c721c0c207", "eada7dd6cde0eb1e", "f57d4f7fee6ed178", "06f067aa72176fba", "0a637dc5a2c898a6",
    "113f9804bef90dae", "1b710b35131c471b", "28db77f523047d84", "32caab7b40c72493", "3c9ebe0a15c9bebc",
    "431d67c49c100d4c", "4cc5d4becb3e42b6", "597f299cfc657e2a", "5fcb6fab3ad6faec", "6c44198c4a475817"
  ].map(h => BigInt("0x" + h));
  const H512 = [
    "6a09e667f3bcc908", "bb67ae8584caa73b", "3c6ef372fe94f82b", "a54ff53a5f1d36f1",
    "510e527fade682d1", "9b05688c2b3e6c1f", "1f83d9abfb41bd6b", "5be0cd19137e2179"
  ].map(h => BigInt("0x" + h));
  const rotr = (x, n) => ((x >> n) | (x << (64n - n))) & M64;

  function sha512(bytes) {
    const len = bytes.length;
    const padded = new Uint8Array(Math.ceil((len + 17) / 128) * 128);
    padded.set(bytes);
    padded[len] = 0x80;
    const bits = BigInt(len) * 8n;
    for (let i = 0; i < 16; i++) {
      padded[padded.length - 1 - i] = Number((bits >> BigInt(8 * i)) & 0xffn);
    }
    const h = H512.slice();
    const w = new Array(80);
    for (let off = 0; off < padded.length; off += 128) {
      for (let t = 0; t < 16; t++) {
        let v = 0n;
        for (let j = 0; j < 8; j++) v = (v << 8n) | BigInt(padded[off + 8 * t + j]);
        w[t] = v;
      }
      for (let t = 16; t < 80; t++) {
        const s0 = rotr(w[t - 15], 1n) ^ rotr(w[t - 15], 8n) ^ (w[t - 15] >> 7n);
        const s1 = rotr(w[t - 2], 19n) ^ rotr(w[t - 2], 61n) ^ (w[t - 2] >> 6n);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) & M64;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let t = 0; t < 80; t++) {
        const S1 = rotr(e, 14n) ^ rotr(e, 18n) ^ rotr(e, 41n);
        const ch = (e & f) ^ (~e & M64 & g);
        const t1 = (hh + S1 + ch + K512[t] + w[t]) & M64;
        const S0 = rotr(a, 28n) ^ rotr(a, 34n) ^ rotr(a, 39n);
        const maj = (a & b) ^ (a & c) ^ (b & c);
        const t2 = (S0 + maj) & M64;
        hh = g; g = f; f = e; e = (d + t1) & M64; d = c; c = b; b = a; a = (t1 + t2) & M64;
      }
      const v = [a, b, c, d, e, f, g, hh];
      for (let i = 0; i < 8; i++) h[i] = (h[i] + v[i]) & M64;
    }
    const out = new Uint8Array(64);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) out[8 * i + j] = Number((h[i] >> BigInt(56 - 8 * j)) & 0xffn);
    }
    return out;
  }

  // ---- Ed25519 verification (RFC 8032 5.1.7, as Go's crypto/ed25519) ----
  const P = (1n << 255n) - 19n;
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  const mod = (a, m = P) => { const r = a % m; return r >= 0n ? r : r + m; };
  function pow(b, e, m = P) {
    let r = 1n;
    b = mod(b, m);
    while (e > 0n) {
      if (e & 1n) r = r * b % m;
      b = b * b % m;
      e >>= 1n;
    }
    return r;
  }
  const inv = a => pow(a, P - 2n);
  const D = mod(-121665n * inv(121666n));
  const D2 = mod(2n * D);
  const SQRT_M1 = pow(2n, (P - 1n) / 4n);

  // Points in extended coordinates: x = X/Z, y = Y/Z, x*y = T/Z.
  function add(p, q) {
    const a = mod((p.Y - p.X) * (q.Y - q.X));
    const b = mod((p.Y + p.X) * (q.Y + q.X));
    const c = mod(p.T * D2 % P * q.T);
    const d = mod(2n * p.Z * q.Z);
    const e = b - a, f = d - c, g = d + c, h = b + a;
    return { X: mod(e * f), Y: mod(g * h), Z: mod(f * g), T: mod(e * h) };
  }
  const ZERO = { X: 0n, Y: 1n, Z: 1n, T: 0n };
  function mul(s, p) {
    let r = ZERO;
    for (let i = 255n; i >= 0n; i--) {
      r = add(r, r);
      if ((s >> i) & 1n) r = add(r, p);
    }
    return r;
  }
  const negate = p => ({ X: mod(-p.X), Y: p.Y, Z: p.Z, T: mod(-p.T) });

  function littleEndian(bytes) {
    let n = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]);
    return n;
  }

  // decode reads a point (RFC 8032 5.1.3); null when it is not one.
  function decode(bytes) {
    const last = bytes[31];
    const sign = last >> 7;
    const yBytes = bytes.slice();
    yBytes[31] = last & 0x7f;
    const y = littleEndian(yBytes);
    if (y >= P) return null;
    const y2 = y * y % P;
    const u = mod(y2 - 1n), v = mod(D * y2 + 1n);
    const v3 = v * v % P * v % P;
    let x = u * v3 % P * pow(u * v3 % P * v3 % P * v % P, (P - 5n) / 8n) % P;
    const vx2 = v * x % P * x % P;
    if (vx2 === mod(-u)) x = x * SQRT_M1 % P;
    else if (vx2 !== u) return null;
    if (x === 0n && sign === 1) return null;
    if (Number(x & 1n) !== sign) x = P - x;
    return { X: x, Y: y, Z: 1n, T: x * y % P };
  }

  function encode(p) {
    const zi = inv(p.Z);
    const x = p.X * zi % P, y = p.Y * zi % P;
    const out = new Uint8Array(32);
    let n = y;
    for (let i = 0; i < 32; i++) { out[i] = Number(n & 0xffn); n >>= 8n; }
    if (x & 1n) out[31] |= 0x80;
    return out;
  }

  const BASE = decode(new Uint8Array([0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66]));

  function ed25519Verify(publicKey, message, sig) {
    if (publicKey.length !== 32 || sig.length !== 64) return false;
    const A = decode(publicKey);
    if (!A) return false;
    const s = littleEndian(sig.subarray(32));
    if (s >= L) return false;
    const h = new Uint8Array(64 + message.length);
    h.set(sig.subarray(0, 32));
    h.set(publicKey, 32);
    h.set(message, 64);
    const k = mod(littleEndian(sha512(h)), L);
    const R = add(mul(s, BASE), mul(k, negate(A)));
    const r = encode(R);
    for (let i = 0; i < 32; i++) if (r[i] !== sig[i]) return false;
    return true;
  }

  // ---- The signed text (data/signing.go) ----
  const HEADER = "Atelier ";
  const FINGERPRINT = /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/;
  const KIND = /^[a-z]+$/;
  const LABEL = /^[A-Za-z]+( [A-Za-z]+)*$/;

  function decodeB64(s) {
    if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
    const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function encodeB64(bytes) {
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  // fragment reads the text after "#": "+" is a space, %XX a byte of UTF-8.
  function fragment(s) {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch (e) {
      return null;
    }
  }

  // goTrim trims what Go's strings.TrimSpace trims, no more, no less: a
  // value is signed trimmed that way.
  const goTrim = s => s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, "");

  function parse(input) {
    let s = goTrim(String(input));
    if (!s.startsWith(HEADER)) {
      const i = s.indexOf("#");
      if (i < 0) return null;
      s = fragment(s.slice(i + 1));
      if (s === null) return null;
    }
    s = s.replace(/\r/g, "\n").normalize("NFC");
    if (!s.includes("\n")) {
      // Pasted from a one-line field, which turned line breaks into spaces.
      for (const l of ["Name", "Attended", "Led sessions of", "Place", "Dates", "Issuer", "Signature"]) {
        s = s.split(" " + l + ": ").join("\n" + l + ": ");
      }
    }
    const lines = s.split("\n").map(goTrim).filter(l => l !== "");
    if (lines.length < 3 || !lines[0].startsWith(HEADER)) return null;
    const head = lines[0].slice(HEADER.length);
    const sp = head.indexOf(" ");
    if (sp < 0) return null;
    const kind = head.slice(0, sp), serial = head.slice(sp + 1);
    if (!KIND.test(kind) || serial === "" || /[\x00-\x20\x7f\u00a0]/.test(serial)) return null;
    const doc = { kind: kind, serial: serial, fields: [], issuer: "", signature: null, message: "" };
    const msg = [HEADER + kind + " " + serial];
    for (let i = 1; i < lines.length; i++) {
      const c = lines[i].indexOf(":");
      if (c < 0) return null;
      const label = lines[i].slice(0, c), value = goTrim(lines[i].slice(c + 1));
      if (!LABEL.test(label)) return null;
      const last = i === lines.length - 1;
      if (last !== (label === "Signature")) return null;
      if (last) {
        const sig = decodeB64(value);
        if (!sig || sig.length !== 64) return null;
        doc.signature = sig;
      } else if (label === "Issuer") {
        if (i !== lines.length - 2 || !FINGERPRINT.test(value)) return null;
        doc.issuer = value;
        msg.push(label + ": " + value);
      } else {
        doc.fields.push([label, value]);
        msg.push(label + ": " + value);
      }
    }
    if (!doc.issuer) return null;
    doc.message = msg.join("\n");
    return doc;
  }

  // check decides as data.CheckSigned: genuine, revoked, or not genuine
  // (malformed, unknown issuer, bad signature).
  function check(input, issuer) {
    const doc = parse(input);
    if (!doc) return { verdict: "not-genuine", why: "malformed" };
    const key = issuer.keys.find(k => k.fingerprint === doc.issuer);
    if (!key) return { verdict: "not-genuine", why: "unknown-issuer", doc: doc };
    const ok = ed25519Verify(decodeB64(key.key), new TextEncoder().encode(doc.message), doc.signature);
    if (!ok) return { verdict: "not-genuine", why: "bad-signature", doc: doc };
    const id = encodeB64(doc.signature.subarray(0, 16));
    const revoked = issuer.revoked.find(r => r.id === id);
    if (revoked) return { verdict: "revoked", doc: doc, revocation: revoked };
    return { verdict: "genuine", doc: doc };
  }

  // ---- Words, in the reader's language ----
  const WORDS = {
    en: {
      title: "Verify a certificate",
      titleOf: "Verify a certificate of {issuer}",
      intro: "Scan the QR code of a certificate with your phone’s camera, or paste its text below. Nothing leaves this page: the check is done here, with the issuer’s public key.",
      paste: "Text of the QR code",
      check: "Check",
      genuine: "Genuine",
      genuineWhy: "Signed with the issuer’s key {key}. What it certifies:",
      revoked: "Revoked",
      revokedWhy: "The issuer withdrew this certificate on {date}: {reason}",
      notGenuine: "Not genuine",
      malformed: "This is not the text of a certificate’s QR code. Paste the whole text, or scan the code again.",
      unknownIssuer: "It claims to be signed with the key {key}, which is not one of this issuer’s keys.",
      badSignature: "The text differs from what the issuer signed: it was changed after signing.",
      keys: "Issuer keys on this page: {keys}.",
      revokedCount: "Certificates revoked when this page was written ({date}): {count}.",
      kinds: { certificate: "Certificate", letter: "Letter" },
      labels: { "Name": "Name", "Attended": "Attended", "Led sessions of": "Led sessions of", "Place": "Place",
        "Dates": "Dates", "Purpose": "Letter", "Workshop": "Workshop", "Nationality": "Nationality",
        "Born": "Date of birth", "Passport": "Passport number", "Passport expiry": "Passport valid until",
        "Stay": "Stay", "Grant": "Grant", "Covers": "Covers", "Sessions": "Sessions attended", "Issued": "Issued on" },
      purposes: { "Visa invitation": "Visa invitation", "Grant award": "Grant award", "Attendance": "Attendance" },
      issuerKey: "Issuer key"
    },
    fr: {
      title: "Vérifier une attestation",
      titleOf: "Vérifier une attestation de {issuer}",
      intro: "Scannez le code QR d’une attestation avec l’appareil photo de votre téléphone, ou collez son texte ci-dessous. Rien ne quitte cette page\u00a0: la vérification se fait ici, avec la clé publique de l’émetteur.",
      paste: "Texte du code QR",
      check: "Vérifier",
      genuine: "Authentique",
      genuineWhy: "Signée avec la clé de l’émetteur {key}. Ce qu’elle atteste\u00a0:",
      revoked: "Révoquée",
      revokedWhy: "L’émetteur a retiré cette attestation le {date}\u00a0: {reason}",
      notGenuine: "Non authentique",
      malformed: "Ce n’est pas le texte du code QR d’une attestation. Collez le texte entier, ou scannez le code à nouveau.",
      unknownIssuer: "Elle se dit signée avec la clé {key}, qui n’est pas une clé de cet émetteur.",
      badSignature: "Le texte diffère de ce que l’émetteur a signé\u00a0: il a été modifié après la signature.",
      keys: "Clés de l’émetteur sur cette page\u00a0: {keys}.",
      revokedCount: "Attestations révoquées quand cette page a été écrite ({date})\u00a0: {count}.",
      kinds: { certificate: "Attestation", letter: "Lettre" },
      labels: { "Name": "Nom", "Attended": "A participé à", "Led sessions of": "A animé des séances de",
        "Place": "Lieu", "Dates": "Dates", "Purpose": "Lettre", "Workshop": "Atelier", "Nationality": "Nationalité",
        "Born": "Date de naissance", "Passport": "Numéro de passeport", "Passport expiry": "Passeport valide jusqu’au",
        "Stay": "Séjour", "Grant": "Bourse", "Covers": "Couvre", "Sessions": "Séances suivies", "Issued": "Délivrée le" },
      purposes: { "Visa invitation": "Invitation pour un visa", "Grant award": "Attribution de bourse",
        "Attendance": "Attestation de présence" },
      issuerKey: "Clé de l’émetteur"
    },
    es: {
      title: "Verificar un certificado",
      titleOf: "Verificar un certificado de {issuer}",
      intro: "Escanee el código QR de un certificado con la cámara de su teléfono, o pegue su texto abajo. Nada sale de esta página: la verificación se hace aquí, con la clave pública del emisor.",
      paste: "Texto del código QR",
      check: "Verificar",
      genuine: "Auténtico",
      genuineWhy: "Firmado con la clave del emisor {key}. Lo que certifica:",
      revoked: "Revocado",
      revokedWhy: "El emisor retiró este certificado el {date}: {reason}",
      notGenuine: "No auténtico",
      malformed: "Esto no es el texto del código QR de un certificado. Pegue el texto completo, o escanee el código de nuevo.",
      unknownIssuer: "Dice estar firmado con la clave {key}, que no es una clave de este emisor.",
      badSignature: "El texto difiere de lo que firmó el emisor: fue modificado después de la firma.",
      keys: "Claves del emisor en esta página: {keys}.",
      revokedCount: "Certificados revocados cuando se escribió esta página ({date}): {count}.",
      kinds: { certificate: "Certificado", letter: "Carta" },
      labels: { "Name": "Nombre", "Attended": "Asistió a", "Led sessions of": "Impartió sesiones de",
        "Place": "Lugar", "Dates": "Fechas", "Purpose": "Carta",
        "Workshop": "Taller", "Nationality": "Nacionalidad", "Born": "Fecha de nacimiento",
        "Passport": "Número de pasaporte", "Passport expiry": "Pasaporte válido hasta", "Stay": "Estancia",
        "Grant": "Beca", "Covers": "Cubre", "Sessions": "Sesiones asistidas", "Issued": "Expedida el" },
      purposes: { "Visa invitation": "Invitación para visado", "Grant award": "Concesión de beca",
        "Attendance": "Carta de asistencia" },
      issuerKey: "Clave del emisor"
    }
  };

  // readerLanguage is the first of the reader's languages the page speaks,
  // and the locale its dates are written in: the reader's own variant of
  // it (en-GB writes 21–25 November 2022, en-US November 21 – 25, 2022).
  function readerLanguage() {
    const langs = (navigator.languages && navigator.languages.length) ? navigator.languages : [navigator.language || "en"];
    for (const l of langs) {
      const short = String(l).toLowerCase().slice(0, 2);
      if (WORDS[short]) return { words: short, dates: String(l) };
    }
    return { words: "en", dates: "en" };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  }

  function formatDate(lang, iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m || typeof Intl === "undefined") return iso;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    try {
      return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);
    } catch (e) {
      return iso;
    }
  }

  function formatDates(lang, value) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) to (\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return value;
    try {
      const f = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
      if (f.formatRange) {
        return f.formatRange(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])), new Date(Date.UTC(+m[4], +m[5] - 1, +m[6])));
      }
    } catch (e) {
      // an old browser: each date on its own below
    }
    return formatDate(lang, m[1] + "-" + m[2] + "-" + m[3]) + " – " + formatDate(lang, m[4] + "-" + m[5] + "-" + m[6]);
  }

  // ---- The page ----
  const issuer = JSON.parse(document.getElementById("issuer-data").textContent);
  const reader = readerLanguage();
  const lang = reader.dates;
  const w = WORDS[reader.words];
  const $ = id => document.getElementById(id);

  function setText(id, text) { $(id).textContent = text; }

  function render(result) {
    const box = $("verdict");
    const content = $("content");
    content.replaceChildren();
    $("result").hidden = false;
    box.setAttribute("data-verdict", result.verdict);
    const heading = result.verdict === "genuine" ? w.genuine : result.verdict === "revoked" ? w.revoked : w.notGenuine;
    setText("verdict-word", heading);
    let why = "";
    if (result.verdict === "genuine") why = fill(w.genuineWhy, { key: result.doc.issuer });
    else if (result.verdict === "revoked") {
      why = fill(w.revokedWhy, { date: formatDate(lang, result.revocation.on), reason: result.revocation.reason });
    } else if (result.why === "unknown-issuer") why = fill(w.unknownIssuer, { key: result.doc.issuer });
    else if (result.why === "bad-signature") why = w.badSignature;
    else why = w.malformed;
    setText("verdict-why", why);
    if (result.verdict === "not-genuine") return; // say nothing of what a forged text claims
    const row = (label, value) => {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      content.append(dt, dd);
    };
    const d = result.doc;
    row(w.kinds[d.kind] || d.kind, d.serial);
    for (const [label, value] of d.fields) {
      let shown = value;
      if (label === "Dates" || label === "Stay") shown = formatDates(lang, value);
      else if (label === "Born" || label === "Passport expiry" || label === "Issued") shown = formatDate(lang, value);
      else if (label === "Purpose") shown = w.purposes[value] || value;
      row(w.labels[label] || label, shown);
    }
    row(w.issuerKey, d.issuer);
  }

  function run(text) {
    if (goTrim(String(text)) === "") {
      $("result").hidden = true;
      $("verdict").setAttribute("data-verdict", "");
      return;
    }
    render(check(text, issuer));
  }

  function fromAddress() {
    if (location.hash.length > 1) {
      const text = fragment(location.hash.slice(1));
      $("text").value = text === null ? location.hash.slice(1) : text;
      run(location.href);
    }
  }

  document.documentElement.lang = reader.words;
  const title = issuer.issuer ? fill(w.titleOf, { issuer: issuer.issuer }) : w.title;
  document.title = title;
  setText("title", title);
  setText("intro", w.intro);
  setText("paste-label", w.paste);
  setText("check", w.check);
  setText("keys", fill(w.keys, { keys: issuer.keys.map(k => k.fingerprint).join(", ") }));
  setText("revoked-count", fill(w.revokedCount, { date: formatDate(lang, issuer.written), count: issuer.revoked.length }));
  $("text").addEventListener("input", () => run($("text").value));
  $("check").addEventListener("click", () => run($("text").value));
  window.addEventListener("hashchange", fromAddress);
  fromAddress();

  // For tests and scripts: the same decision without the page.
  window.atelierVerifier = { check: text => check(text, issuer), sha512: sha512, ed25519Verify: ed25519Verify };
})();

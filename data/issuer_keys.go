package data

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"database/sql"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The issuer's keys: every file has an Ed25519 key pair, made on first
// use, whose public half anyone may hold to check what the file signed.
// An organisation that runs its workshops from several files exports its
// key from one file and imports it into the others, so that one published
// key verifies all its documents; the key a file signed with before stays
// in the file, no longer signing, to verify what it signed.

// PublicKey is the public half of an issuer key.
type PublicKey struct{ Key ed25519.PublicKey }

// Fingerprint names a public key in 16 hexadecimal digits in groups of
// four (3F9A 2C71 D0E4 B5A8): the first 64 bits of SHA-256 over the key.
// Certificates print it in small type, so that a reader can see that the
// key they hold is the one that signed.
func (k PublicKey) Fingerprint() string {
	sum := sha256.Sum256(k.Key)
	h := strings.ToUpper(hex.EncodeToString(sum[:8]))
	return h[:4] + " " + h[4:8] + " " + h[8:12] + " " + h[12:]
}

// IssuerKey is a key pair of the file; Signing marks the one that signs
// new documents.
type IssuerKey struct {
	PublicKey
	ID        int64
	Signing   bool
	CreatedAt time.Time
	Signed    int // certificates of the register it signed
	private   ed25519.PrivateKey
}

// IssuerKeys lists the file's keys, the signing one first; their private
// halves are not loaded.
func (s *Store) IssuerKeys() ([]IssuerKey, error) {
	return issuerKeys(s.r)
}

func issuerKeys(q querier) ([]IssuerKey, error) {
	return queryAll(q, func(row scanner) (IssuerKey, error) {
		var k IssuerKey
		var pub []byte
		var created string
		var signing int
		err := row.Scan(&k.ID, &pub, &signing, &created, &k.Signed)
		k.Key, k.Signing = ed25519.PublicKey(pub), signing == 1
		k.CreatedAt, _ = time.Parse(time.RFC3339, created)
		return k, err
	}, `SELECT id, public_key, signing, created_at,
		(SELECT count(*) FROM certificates WHERE issuer_key_id = issuer_keys.id)
		FROM issuer_keys ORDER BY signing DESC, id DESC`)
}

// SigningKey is the key that signs new documents, made on first use.
func (s *Store) SigningKey() (IssuerKey, error) {
	var k IssuerKey
	err := s.write(context.Background(), func(tx *sql.Tx) error {
		var err error
		k, err = signingKeyIn(tx)
		return err
	})
	return k, err
}

// signingKeyIn reads the signing key, private half included, making one
// in tx if the file has none yet.
func signingKeyIn(tx *sql.Tx) (IssuerKey, error) {
	var k IssuerKey
	var pub, seed []byte
	var created string
	err := tx.QueryRow(`SELECT id, public_key, seed, created_at FROM issuer_keys WHERE signing = 1`).
		Scan(&k.ID, &pub, &seed, &created)
	if errors.Is(err, sql.ErrNoRows) {
		seed = make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			return k, err
		}
		return addKeyIn(tx, ed25519.NewKeyFromSeed(seed))
	}
	if err != nil {
		return k, err
	}
	k.private = ed25519.NewKeyFromSeed(seed)
	if !bytes.Equal(k.private.Public().(ed25519.PublicKey), pub) {
		return k, FieldError{Field: "key", Key: "error.key_damaged", Args: map[string]any{"ID": k.ID},
			Message: fmt.Sprintf("issuer key %d of this file is damaged: its two halves do not match", k.ID)}
	}
	k.Key, k.Signing = ed25519.PublicKey(pub), true
	k.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return k, nil
}

// addKeyIn makes priv the signing key: added if the file lacks it, and
// the key that signed until now kept for verifying.
func addKeyIn(tx *sql.Tx, priv ed25519.PrivateKey) (IssuerKey, error) {
	pub := priv.Public().(ed25519.PublicKey)
	if _, err := tx.Exec(`UPDATE issuer_keys SET signing = 0 WHERE signing = 1`); err != nil {
		return IssuerKey{}, err
	}
	now := nowStamp()
	if _, err := tx.Exec(`INSERT INTO issuer_keys(public_key, seed, signing, created_at) VALUES (?, ?, 1, ?)
		ON CONFLICT(public_key) DO UPDATE SET signing = 1`, []byte(pub), priv.Seed(), now); err != nil {
		return IssuerKey{}, err
	}
	k := IssuerKey{PublicKey: PublicKey{pub}, Signing: true, private: priv}
	err := tx.QueryRow(`SELECT id, created_at FROM issuer_keys WHERE public_key = ?`, []byte(pub)).Scan(&k.ID, &now)
	k.CreatedAt, _ = time.Parse(time.RFC3339, now)
	return k, err
}

// PublicKeysPEM writes the public halves of the file's keys, the signing
// one first, as PEM blocks (SubjectPublicKeyInfo, as OpenSSL writes them),
// each after a line naming its fingerprint. It makes the signing key if
// the file has none yet.
func (s *Store) PublicKeysPEM() ([]byte, error) {
	if _, err := s.SigningKey(); err != nil {
		return nil, err
	}
	keys, err := s.IssuerKeys()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	for _, k := range keys {
		der, err := x509.MarshalPKIXPublicKey(k.Key)
		if err != nil {
			return nil, err
		}
		use := "verifies what it signed before"
		if k.Signing {
			use = "signs new documents"
		}
		fmt.Fprintf(&b, "Atelier issuer key %s (%s)\n", k.Fingerprint(), use)
		if err := pem.Encode(&b, &pem.Block{Type: "PUBLIC KEY", Bytes: der}); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

// ParsePublicKeysPEM reads every Ed25519 public key of a PEM file, such as
// PublicKeysPEM writes; a private key file gives its public half.
func ParsePublicKeysPEM(b []byte) ([]PublicKey, error) {
	var keys []PublicKey
	for {
		var block *pem.Block
		block, b = pem.Decode(b)
		if block == nil {
			break
		}
		var key any
		var err error
		switch block.Type {
		case "PUBLIC KEY":
			key, err = x509.ParsePKIXPublicKey(block.Bytes)
		case "PRIVATE KEY":
			var priv any
			if priv, err = x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
				if p, ok := priv.(ed25519.PrivateKey); ok {
					key = p.Public()
				}
			}
		default:
			continue
		}
		if pub, ok := key.(ed25519.PublicKey); err == nil && ok {
			keys = append(keys, PublicKey{pub})
		}
	}
	if len(keys) == 0 {
		return nil, FieldError{Field: "key", Key: "error.key_not_public", Args: map[string]any{},
			Message: "it holds no Ed25519 public key in PEM form"}
	}
	return keys, nil
}

// PrivateKeyPEM writes the signing key's private half as PEM (PKCS #8).
// It is the issuer's secret: anyone holding it can sign in the issuer's
// name. It is meant to be carried to another file of the same issuer
// (ImportPrivateKeyPEM), then deleted.
func (s *Store) PrivateKeyPEM() ([]byte, IssuerKey, error) {
	k, err := s.SigningKey()
	if err != nil {
		return nil, k, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.private)
	if err != nil {
		return nil, k, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "Atelier issuer key %s: PRIVATE. Whoever holds this file can sign certificates in the issuer's name.\n", k.Fingerprint())
	err = pem.Encode(&b, &pem.Block{Type: "PRIVATE KEY", Bytes: der})
	return b.Bytes(), k, err
}

// ImportPrivateKeyPEM makes the Ed25519 private key of a PEM file (PKCS
// #8, as PrivateKeyPEM or OpenSSL write it) the file's signing key. The
// key that signed until now stays, to verify what it signed. It returns
// the key and the one it replaced (zero when the file had none, or
// already signed with this one).
func (s *Store) ImportPrivateKeyPEM(b []byte) (now, before IssuerKey, err error) {
	var priv ed25519.PrivateKey
	for block, rest := pem.Decode(b); block != nil; block, rest = pem.Decode(rest) {
		if block.Type != "PRIVATE KEY" {
			continue
		}
		if key, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
			if p, ok := key.(ed25519.PrivateKey); ok {
				priv = p
				break
			}
		}
	}
	if priv == nil {
		return now, before, FieldError{Field: "key", Key: "error.key_not_private", Args: map[string]any{},
			Message: `it holds no Ed25519 private key in PEM form (PKCS #8, "BEGIN PRIVATE KEY")`}
	}
	err = s.write(context.Background(), func(tx *sql.Tx) error {
		old, err := issuerKeys(tx)
		if err != nil {
			return err
		}
		for _, k := range old {
			if k.Signing && !bytes.Equal(k.Key, priv.Public().(ed25519.PublicKey)) {
				before = k
			}
		}
		now, err = addKeyIn(tx, priv)
		return err
	})
	return now, before, err
}

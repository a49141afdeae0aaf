-- Atelier schema, version 5: certificates anyone can verify with a
-- published public key (see data/signing.go), revocations, and a
-- workshop's title, theme and signatories' roles in other languages.

-- The issuer's Ed25519 key pairs. A file makes one on first use; an
-- organisation that runs many workshops imports its own into each file, and
-- the key it replaces stays here to verify what it signed. Exactly one key
-- signs new documents. The seed is the private key: whoever holds this file
-- can sign in the issuer's name, as the organiser can.
CREATE TABLE issuer_keys (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
    seed       BLOB NOT NULL CHECK (length(seed) = 32),
    signing    INTEGER NOT NULL DEFAULT 0 CHECK (signing IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX issuer_keys_one_signing ON issuer_keys(signing) WHERE signing = 1;

-- What a certificate says is now signed: signed_text is the exact text the
-- signature covers (and the QR code holds), signature its Ed25519 signature
-- by the key issuer_key_id. Rows issued before keep an empty text and a NULL
-- signature, and their HMAC codes keep verifying. city and country are the
-- place at issue (copied from the workshop for the rows issued before, so
-- that a later change of the workshop's place is noticed).
ALTER TABLE certificates ADD COLUMN city TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signed_text TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN signature BLOB;
ALTER TABLE certificates ADD COLUMN issuer_key_id INTEGER REFERENCES issuer_keys(id);
UPDATE certificates SET
    city = coalesce((SELECT city FROM workshops w WHERE w.id = certificates.workshop_id), ''),
    country = coalesce((SELECT country FROM workshops w WHERE w.id = certificates.workshop_id), '');
CREATE INDEX certificates_by_signature ON certificates(signature) WHERE signature IS NOT NULL;

-- A revoked certificate stays in the register (its serial is never given
-- again) and is never printed again; verifying it says revoked and why.
CREATE TABLE certificate_revocations (
    certificate_id INTEGER PRIMARY KEY REFERENCES certificates(id) ON DELETE CASCADE,
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    revoked_at     TEXT NOT NULL
) STRICT;

-- A workshop's title and theme in other languages than its working one;
-- a document in a language without them uses the workshop's own.
CREATE TABLE workshop_texts (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    language    TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    title       TEXT NOT NULL DEFAULT '',
    theme       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (workshop_id, language)
) STRICT;

-- A signatory's role (title or position) in other languages. Keyed by the
-- signatory's place at the foot, not by the row of certificate_signatories,
-- which is written anew at each change of the signatories.
CREATE TABLE signatory_titles (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    language    TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),
    PRIMARY KEY (workshop_id, position, language)
) STRICT;

-- Where a workshop publishes its verifier page (atelier verifier): its
-- QR codes then hold ADDRESS#TEXT, so that a phone's camera opens the
-- verdict at once.
CREATE TABLE workshop_verifiers (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    address     TEXT NOT NULL CHECK (length(address) > 0)
) STRICT;

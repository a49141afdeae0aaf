-- Atelier schema, version 6: a participant's travel and stay (what a visa
-- letter, a rooming list and an airport pick-up need), and the register of
-- the letters issued to participants.

-- All optional: '' when not given. nationality is an ISO 3166-1 alpha-2
-- code (the passport's country, which may differ from where the person
-- works); dates are YYYY-MM-DD, times HH:MM at the airport of arrival or
-- departure, flights as printed on the ticket ("ET 901").
ALTER TABLE participants ADD COLUMN nationality      TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN birth_date       TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN passport_number  TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN passport_expiry  TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN arrival_date     TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN arrival_time     TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN arrival_flight   TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN departure_date   TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN departure_time   TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN departure_flight TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN hotel            TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN room             TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN dietary_needs    TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN access_needs     TEXT NOT NULL DEFAULT '';

-- The register of letters: one letter of each kind per participant. What
-- the letter says is signed with the issuer's key (data/signing.go) as a
-- text of kind "letter"; the code is made from the signature. Reissuing
-- keeps the serial, and the text, signature and code when nothing the
-- letter says has changed. A participant's letters go with them when they
-- are deleted (and come back with Undo): the signed text a holder keeps
-- still verifies with the issuer's public key.
CREATE TABLE letters (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id    INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('visa', 'award', 'attendance')),
    serial         TEXT NOT NULL,
    code           TEXT NOT NULL UNIQUE,
    language       TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    issued_on      TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    holder_name    TEXT NOT NULL,
    signed_text    TEXT NOT NULL CHECK (length(signed_text) > 0),
    signature      BLOB NOT NULL CHECK (length(signature) = 64),
    issuer_key_id  INTEGER NOT NULL REFERENCES issuer_keys(id),
    UNIQUE (workshop_id, serial),
    UNIQUE (workshop_id, participant_id, kind)
) STRICT;
CREATE INDEX letters_by_participant ON letters(participant_id);
CREATE INDEX letters_by_signature ON letters(signature);

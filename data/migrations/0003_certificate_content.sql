-- Atelier schema, version 3: what a certificate says is kept in the
-- register as it was printed, so that its verification code (an HMAC over
-- this content with the file's secret, see data/certificate_codes.go) can
-- be recomputed later and a changed row is noticed; and the signatories
-- printed at the foot of a workshop's certificates.

ALTER TABLE certificates ADD COLUMN holder_name TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN workshop_title TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN start_date TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN end_date TEXT NOT NULL DEFAULT '';

CREATE TABLE certificate_signatories (
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    title       TEXT NOT NULL DEFAULT '',
    signature   BLOB, -- PNG or JPEG of the signature, NULL when none
    PRIMARY KEY (workshop_id, position)
) STRICT;

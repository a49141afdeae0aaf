-- Atelier schema, version 1.
-- Dates are ISO 8601 text (YYYY-MM-DD); session times are local wall-clock
-- text (YYYY-MM-DDTHH:MM) because a workshop happens in one place and its
-- programme is printed in local time. Money is stored in minor units.
-- Records that can be deleted and brought back with Undo use AUTOINCREMENT,
-- so that a new record never takes the id of one waiting to be restored.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE workshops (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    theme          TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    region         TEXT NOT NULL DEFAULT '',
    venue          TEXT NOT NULL DEFAULT '',
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL CHECK (end_date >= start_date),
    language       TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    grant_target   INTEGER NOT NULL DEFAULT 0 CHECK (grant_target >= 0),
    min_attendance_percent INTEGER NOT NULL DEFAULT 80
                   CHECK (min_attendance_percent BETWEEN 0 AND 100),
    late_counts    INTEGER NOT NULL DEFAULT 1 CHECK (late_counts IN (0, 1)),
    excused_policy TEXT NOT NULL DEFAULT 'excluded'
                   CHECK (excused_policy IN ('attended', 'excluded', 'absent')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    short_name TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL DEFAULT '',
    website    TEXT NOT NULL DEFAULT '',
    logo       BLOB,
    logo_type  TEXT NOT NULL DEFAULT '' CHECK (logo_type IN ('', 'image/png', 'image/jpeg'))
) STRICT;

CREATE TABLE workshop_organisations (
    workshop_id     INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('organiser', 'host', 'partner', 'supporter')),
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workshop_id, organisation_id, role)
) STRICT;
CREATE INDEX workshop_organisations_by_organisation ON workshop_organisations(organisation_id);

CREATE TABLE trainers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    title       TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    languages   TEXT NOT NULL DEFAULT '',
    bio         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX trainers_by_workshop ON trainers(workshop_id);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('lecture', 'seminar', 'hands_on', 'field_visit', 'panel', 'ceremony', 'break')),
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL CHECK (ends_at > starts_at),
    room        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    counts_for_certificate INTEGER NOT NULL DEFAULT 1 CHECK (counts_for_certificate IN (0, 1)),
    mandatory   INTEGER NOT NULL DEFAULT 0 CHECK (mandatory IN (0, 1))
) STRICT;
CREATE INDEX sessions_by_workshop_start ON sessions(workshop_id, starts_at);
-- The parent key of attendance's (workshop_id, session_id) foreign key.
CREATE UNIQUE INDEX sessions_workshop_id ON sessions(workshop_id, id);

CREATE TABLE session_trainers (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    trainer_id INTEGER NOT NULL REFERENCES trainers(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, trainer_id)
) STRICT;
CREATE INDEX session_trainers_by_trainer ON session_trainers(trainer_id);

CREATE TABLE participants (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id           INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    given_name            TEXT NOT NULL DEFAULT '',
    family_name           TEXT NOT NULL DEFAULT '',
    printed_name          TEXT NOT NULL DEFAULT '',
    gender                TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    country               TEXT NOT NULL DEFAULT '',
    institution           TEXT NOT NULL DEFAULT '',
    position              TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    language              TEXT NOT NULL DEFAULT '' CHECK (language IN ('', 'en', 'fr', 'es')),
    status                TEXT NOT NULL DEFAULT 'applicant'
                          CHECK (status IN ('applicant', 'selected', 'waitlisted', 'confirmed', 'withdrawn')),
    grant_awarded         INTEGER NOT NULL DEFAULT 0 CHECK (grant_awarded IN (0, 1)),
    grant_travel          INTEGER NOT NULL DEFAULT 0 CHECK (grant_travel IN (0, 1)),
    grant_accommodation   INTEGER NOT NULL DEFAULT 0 CHECK (grant_accommodation IN (0, 1)),
    grant_per_diem        INTEGER NOT NULL DEFAULT 0 CHECK (grant_per_diem IN (0, 1)),
    grant_amount_minor    INTEGER NOT NULL DEFAULT 0 CHECK (grant_amount_minor >= 0),
    grant_currency        TEXT NOT NULL DEFAULT '',
    grant_paid            INTEGER NOT NULL DEFAULT 0 CHECK (grant_paid IN (0, 1)),
    directory_consent     INTEGER NOT NULL DEFAULT 0 CHECK (directory_consent IN (0, 1)),
    notes                 TEXT NOT NULL DEFAULT '',
    -- Folded (lower case, no diacritics) names, email and institution, so a
    -- search for "olanrewaju" finds "Ọláńrewájú" with an index-free LIKE.
    search_key            TEXT NOT NULL DEFAULT '',
    -- Folded family then given name: lists sort "Àdìgún" with the A's, not
    -- after Z as a byte order would.
    sort_key              TEXT NOT NULL DEFAULT '',
    CHECK (length(given_name) + length(family_name) > 0)
) STRICT;
CREATE INDEX participants_by_workshop ON participants(workshop_id, sort_key);
-- The parent key of attendance's (workshop_id, participant_id) foreign key.
CREATE UNIQUE INDEX participants_workshop_id ON participants(workshop_id, id);

-- A participant with attendance or a certificate cannot be deleted by
-- accident: the store asks for an explicit choice (RESTRICT here).
-- workshop_id is part of both foreign keys, so the schema itself refuses a
-- mark that pairs a participant with another workshop's session; leading the
-- key, it also keeps a workshop's marks together on disk, which is what
-- lets the full attendance matrix load in one short range scan.
CREATE TABLE attendance (
    workshop_id    INTEGER NOT NULL,
    participant_id INTEGER NOT NULL,
    session_id     INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
    marked_at      TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (workshop_id, participant_id, session_id),
    FOREIGN KEY (workshop_id, participant_id) REFERENCES participants(workshop_id, id) ON DELETE RESTRICT,
    FOREIGN KEY (workshop_id, session_id) REFERENCES sessions(workshop_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_by_session ON attendance(session_id);
CREATE INDEX attendance_by_participant ON attendance(participant_id);

CREATE TABLE certificates (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id       INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    participant_id    INTEGER REFERENCES participants(id) ON DELETE RESTRICT,
    trainer_id        INTEGER REFERENCES trainers(id) ON DELETE RESTRICT,
    serial            TEXT NOT NULL,
    code              TEXT NOT NULL UNIQUE,
    language          TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    sessions_attended INTEGER NOT NULL DEFAULT 0,
    sessions_counted  INTEGER NOT NULL DEFAULT 0,
    minutes_attended  INTEGER NOT NULL DEFAULT 0,
    issued_on         TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((participant_id IS NULL) <> (trainer_id IS NULL)),
    UNIQUE (workshop_id, serial)
) STRICT;
CREATE UNIQUE INDEX certificates_one_per_participant ON certificates(workshop_id, participant_id) WHERE participant_id IS NOT NULL;
CREATE UNIQUE INDEX certificates_one_per_trainer ON certificates(workshop_id, trainer_id) WHERE trainer_id IS NOT NULL;
CREATE INDEX certificates_by_participant ON certificates(participant_id);
CREATE INDEX certificates_by_trainer ON certificates(trainer_id);

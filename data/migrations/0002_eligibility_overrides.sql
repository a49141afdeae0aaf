-- Atelier schema, version 2: an organiser's decision to grant or refuse a
-- certificate whatever the attendance rule says, with the reason written
-- down. One decision per participant; it goes with the participant.

CREATE TABLE eligibility_overrides (
    participant_id INTEGER PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE,
    eligible       INTEGER NOT NULL CHECK (eligible IN (0, 1)),
    reason         TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    decided_by     TEXT NOT NULL DEFAULT 'organiser',
    decided_at     TEXT NOT NULL
) STRICT;

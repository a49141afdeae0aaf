-- Every status a participant has had, with when it was set, for the
-- participant sheet: who moved from applicant to selected, and when.
-- Participants that existed before the history was kept start with their
-- status at that moment and no date (changed_at is '').
CREATE TABLE participant_status_changes (
    id             INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: see 0001
    participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('applicant', 'selected', 'waitlisted', 'confirmed', 'withdrawn')),
    changed_at     TEXT NOT NULL
) STRICT;
CREATE INDEX participant_status_changes_by_participant ON participant_status_changes(participant_id, id);

INSERT INTO participant_status_changes(participant_id, status, changed_at)
    SELECT id, status, '' FROM participants;

-- Atelier schema, version 8: helpers mark attendance from their phones
-- through the laptop (venue/), and every mark keeps the device that made
-- it and the marks it replaced.

-- The device that made the current mark: the name a helper gave their
-- phone on the venue page, or '' for this computer (the window or the
-- command line).
ALTER TABLE attendance ADD COLUMN device TEXT NOT NULL DEFAULT '';
-- The matrix reads the few marks made by devices of a workshop without
-- scanning the others.
CREATE INDEX attendance_by_device ON attendance(workshop_id) WHERE device <> '';

-- Every mark saved, in the order saved (id, never reused): the last row of
-- a cell is its current mark, the rows before it the marks it replaced
-- (the last mark wins; the earlier ones are kept here). A mark cleared
-- back to "not yet marked" is a row with status ''. The venue server reads
-- the rows after the last it has seen to tell every phone what changed.
CREATE TABLE attendance_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id    INTEGER NOT NULL,
    participant_id INTEGER NOT NULL,
    session_id     INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('', 'present', 'late', 'excused', 'absent')),
    marked_at      TEXT NOT NULL,
    device         TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (workshop_id, participant_id) REFERENCES participants(workshop_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workshop_id, session_id) REFERENCES sessions(workshop_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX attendance_log_by_participant ON attendance_log(workshop_id, participant_id);
CREATE INDEX attendance_log_by_session ON attendance_log(workshop_id, session_id);

-- The marks taken before this version start the log, as they stand.
INSERT INTO attendance_log(workshop_id, participant_id, session_id, status, marked_at)
    SELECT workshop_id, participant_id, session_id, status, marked_at FROM attendance
    ORDER BY marked_at, workshop_id, session_id, participant_id;

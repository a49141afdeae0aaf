-- Atelier schema, version 9: one index on the mark log instead of two.
-- Every mark writes a row of the log, and each index of the log is one
-- more page written with it. Its reads go by id (the venue's "since") or
-- by workshop (a workshop's history), and a session's rows, which its
-- delete cascades to, are found by the workshop's part of the
-- participants' index: a workshop's marks, a few thousand, read in a
-- millisecond or two.
DROP INDEX attendance_log_by_session;

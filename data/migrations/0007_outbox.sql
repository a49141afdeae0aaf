-- Atelier schema, version 7: the outbox (data/outbox.go), the mail sent to
-- participants, trainers and the secretariat, and the secretariat's address
-- of each workshop.

-- One message to one person. It keeps what was sent (headers, both parts,
-- its attachments) so that it can be shown and sent again, and its state:
-- queued (waiting, next_attempt says from when), sending (handed to the
-- server by the run sender_token names, which beats heartbeat while it
-- does), sent (reply is what the server answered), failed (failure_key
-- says why in words, failure_detail is what the server said), unknown (a
-- run died while sending it: it may have gone; only the user sends it
-- again). The kinds of the letters (visa, award, attendance) are here
-- already so that they need no schema change of their own.
CREATE TABLE outbox_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workshop_id    INTEGER REFERENCES workshops(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('certificate', 'visa', 'award', 'attendance', 'workbook', 'text')),
    -- Who it is for: a participant or a trainer, or neither (the
    -- secretariat). Not foreign keys: a message sent stays in the log
    -- after its recipient is deleted, addressed as it was sent.
    participant_id INTEGER,
    trainer_id     INTEGER,
    document       TEXT NOT NULL DEFAULT '',
    language       TEXT NOT NULL CHECK (language IN ('en', 'fr', 'es')),
    to_name        TEXT NOT NULL DEFAULT '',
    to_address     TEXT NOT NULL CHECK (length(to_address) > 0),
    from_name      TEXT NOT NULL DEFAULT '',
    from_address   TEXT NOT NULL CHECK (length(from_address) > 0),
    subject        TEXT NOT NULL,
    body_text      TEXT NOT NULL,
    body_html      TEXT NOT NULL DEFAULT '',
    message_id     TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
    attempts       INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt   TEXT NOT NULL,
    sender_token   TEXT NOT NULL DEFAULT '',
    heartbeat      TEXT NOT NULL DEFAULT '',
    reply          TEXT NOT NULL DEFAULT '',
    failure_key    TEXT NOT NULL DEFAULT '',
    failure_detail TEXT NOT NULL DEFAULT '',
    queued_at      TEXT NOT NULL,
    sent_at        TEXT NOT NULL DEFAULT '',
    resends        INTEGER -- the message this one sends again, when it does
) STRICT;
CREATE INDEX outbox_waiting ON outbox_messages(state, next_attempt);
CREATE INDEX outbox_by_workshop ON outbox_messages(workshop_id);

-- A message's attachments, byte for byte as sent.
CREATE TABLE outbox_attachments (
    message_id   INTEGER NOT NULL REFERENCES outbox_messages(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    file_name    TEXT NOT NULL CHECK (length(file_name) > 0),
    content_type TEXT NOT NULL,
    content      BLOB NOT NULL,
    PRIMARY KEY (message_id, position)
) STRICT;

-- Where a workshop sends its workbook: the international secretariat.
CREATE TABLE workshop_secretariats (
    workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
    name        TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL CHECK (length(address) > 0)
) STRICT;

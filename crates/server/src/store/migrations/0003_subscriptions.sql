-- Subscriptions and the delivery outbox.

-- Who gets notified, how, and of what. Customers (audience `public`) by
-- email (confirmed by double opt-in) or webhook; staff (audience
-- `internal`, with their user) by email or webhook. `components` is a JSON
-- array of component ids, or NULL for the whole page. `token_hash` is the
-- SHA-256 of the secret in confirm and unsubscribe links.
CREATE TABLE subscribers (
    id               TEXT PRIMARY KEY,
    audience         TEXT NOT NULL CHECK (audience IN ('public', 'internal')),
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    address          TEXT NOT NULL,
    format           TEXT NOT NULL,
    components       TEXT,
    user_id          TEXT REFERENCES users(id),
    confirmed        INTEGER NOT NULL DEFAULT 0,
    token_hash       TEXT NOT NULL UNIQUE,
    created_at       TEXT NOT NULL,
    unsubscribed_at  TEXT
);
CREATE INDEX subscribers_active ON subscribers(audience, confirmed, unsubscribed_at);

-- Every message to send, written in the same transaction as what caused it.
-- A delivery is retried with backoff until it succeeds or fails for good;
-- its idempotency key travels with every attempt so a receiver can drop a
-- repeat after a crash between sending and recording.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    subscriber_id    TEXT NOT NULL REFERENCES subscribers(id),
    idempotency_key  TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    message          TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

-- Staff's personal Atom feeds of internal notices (secret in the URL).
CREATE TABLE feed_tokens (
    user_id     TEXT PRIMARY KEY REFERENCES users(id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

-- Maintenances: when the reminder before the start went out.
ALTER TABLE incidents ADD COLUMN reminded_at TEXT;

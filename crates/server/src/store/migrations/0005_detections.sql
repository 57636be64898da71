-- Problems monitoring tools report (the detect stage), kept for the comms
-- managers to declare as incidents or dismiss. Internal only.
CREATE TABLE detections (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL,
    summary        TEXT NOT NULL,
    fingerprint    TEXT,
    severity       INTEGER,
    components     TEXT NOT NULL,          -- JSON array of component ids
    count          INTEGER NOT NULL DEFAULT 1,
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open',
    incident_id    TEXT REFERENCES incidents(id)
);

-- At most one open detection per source and fingerprint.
CREATE UNIQUE INDEX detections_open_fingerprint ON detections(source, fingerprint)
    WHERE status = 'open' AND fingerprint IS NOT NULL;
CREATE INDEX detections_status ON detections(status, last_seen_at);

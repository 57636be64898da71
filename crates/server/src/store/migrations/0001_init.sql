-- Herald's first schema. Timestamps are RFC 3339 UTC text with milliseconds,
-- so they sort as text. Ids are random text. Every mutable row carries a
-- `version` that a write must name; a stale version is refused.

CREATE TABLE page (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    url         TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE components (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    description           TEXT,
    is_group              INTEGER NOT NULL DEFAULT 0,
    group_id              TEXT REFERENCES components(id),
    position              INTEGER NOT NULL,
    status                TEXT NOT NULL,
    showcase              INTEGER NOT NULL DEFAULT 1,
    only_show_if_degraded INTEGER NOT NULL DEFAULT 0,
    start_date            TEXT,
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX components_group ON components(group_id, position);

-- Every status change of every component, for uptime history.
CREATE TABLE component_status_changes (
    id            INTEGER PRIMARY KEY,
    component_id  TEXT NOT NULL REFERENCES components(id),
    old_status    TEXT NOT NULL,
    new_status    TEXT NOT NULL,
    at            TEXT NOT NULL,
    update_id     TEXT
);
CREATE INDEX component_status_changes_at ON component_status_changes(component_id, at);

-- Incidents and scheduled maintenances share one table, as in Statuspage's
-- model: `kind` tells them apart. Incident-only fields are NULL for
-- maintenances and the other way round.
CREATE TABLE incidents (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('incident', 'maintenance')),
    issue_key        TEXT UNIQUE,
    name             TEXT NOT NULL,
    summary          TEXT,
    severity         INTEGER,
    impact           TEXT NOT NULL,
    status           TEXT NOT NULL,
    visibility       TEXT NOT NULL DEFAULT 'public',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    started_at       TEXT,
    monitoring_at    TEXT,
    resolved_at      TEXT,
    scheduled_for    TEXT,
    scheduled_until  TEXT,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX incidents_recent ON incidents(kind, visibility, created_at);
CREATE INDEX incidents_status ON incidents(kind, status);
CREATE INDEX incidents_updated ON incidents(visibility, updated_at);

CREATE TABLE incident_components (
    incident_id   TEXT NOT NULL REFERENCES incidents(id),
    component_id  TEXT NOT NULL REFERENCES components(id),
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE incident_updates (
    id           TEXT PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES incidents(id),
    seq          INTEGER NOT NULL,
    status       TEXT NOT NULL,
    audience     TEXT NOT NULL,
    body         TEXT NOT NULL,
    author_id    TEXT REFERENCES users(id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    display_at   TEXT NOT NULL,
    UNIQUE (incident_id, seq)
);

CREATE TABLE update_component_changes (
    update_id     TEXT NOT NULL REFERENCES incident_updates(id),
    component_id  TEXT NOT NULL REFERENCES components(id),
    old_status    TEXT NOT NULL,
    new_status    TEXT NOT NULL,
    PRIMARY KEY (update_id, component_id)
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

-- Sessions and API tokens store only a SHA-256 of the secret.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);

CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);

CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    object_type  TEXT NOT NULL,
    object_id    TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT
);
CREATE INDEX audit_events_object ON audit_events(object_type, object_id);

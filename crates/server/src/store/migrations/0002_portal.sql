-- The comms portal: assessment, roles, drills, postmortems, internal-only
-- components, saved drafts, editable templates and settings.

ALTER TABLE incidents ADD COLUMN assessment_json TEXT;
ALTER TABLE incidents ADD COLUMN roles_json TEXT;
ALTER TABLE incidents ADD COLUMN support_cases INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN drill INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN recurring INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN postmortem_url TEXT;
-- For maintenances: the status each component had before the window, so it
-- returns to it afterwards.
ALTER TABLE incident_components ADD COLUMN status_before TEXT;

ALTER TABLE components ADD COLUMN internal_only INTEGER NOT NULL DEFAULT 0;

-- A person's unsent text, saved as they type, keyed by what it is for
-- (e.g. `declare`, `incident:<id>:update`).
CREATE TABLE drafts (
    user_id     TEXT NOT NULL REFERENCES users(id),
    key         TEXT NOT NULL,
    content     TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Admins' edits of the message templates; absent rows use the built-ins.
CREATE TABLE templates (
    stage       TEXT NOT NULL,
    channel     TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (stage, channel)
);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value_json  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX incidents_resolved ON incidents(kind, resolved_at);
CREATE INDEX maintenances_window ON incidents(kind, status, scheduled_for);

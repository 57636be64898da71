-- Versions of the objects edited in place by key, which have no row of
-- their own while they are at their defaults (the message templates, the
-- settings): a change based on a stale version is refused like any other.
CREATE TABLE keyed_versions (
    object  TEXT PRIMARY KEY,   -- e.g. 'template:identified/external', 'settings:cadence'
    version INTEGER NOT NULL
);

-- A user's role is edited by admins: versioned like every other edited row.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The page's own facts that admins set beside name, URL and time zone, and
-- its version.
ALTER TABLE page ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE page ADD COLUMN indexable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE page ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The open incidents and active maintenances by status, newest first: the
-- summary's unresolved list reads it on every publish, without walking the
-- whole history.
CREATE INDEX incidents_open ON incidents(kind, status, visibility, created_at);

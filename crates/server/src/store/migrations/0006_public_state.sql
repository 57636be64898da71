-- Public state moves only with public events (herald_model::public_state):
-- a drill, an internal-only incident or an internal update may move the
-- staff's view of a component or an incident, never what customers see.

-- Each status change says whether customers were told of it; public
-- uptime counts only those.
ALTER TABLE component_status_changes ADD COLUMN public INTEGER NOT NULL DEFAULT 1;
UPDATE component_status_changes SET public = 0
 WHERE update_id IN (
     SELECT u.id FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
     WHERE u.audience <> 'public' OR i.visibility <> 'public');

-- A component's status as customers were told it (`status` is the staff's
-- view): its newest public change, else the status it started in.
ALTER TABLE components ADD COLUMN public_status TEXT NOT NULL DEFAULT 'operational';
UPDATE components SET public_status = coalesce(
    (SELECT new_status FROM component_status_changes c
      WHERE c.component_id = components.id AND c.public = 1 ORDER BY at DESC, id DESC LIMIT 1),
    (SELECT old_status FROM component_status_changes c
      WHERE c.component_id = components.id ORDER BY at, id LIMIT 1),
    status);

-- An incident's status as its newest public update tells it (`status` is
-- the staff's view), for the lists of open incidents.
ALTER TABLE incidents ADD COLUMN public_status TEXT;
UPDATE incidents SET public_status = (
    SELECT u.status FROM incident_updates u
     WHERE u.incident_id = incidents.id AND u.audience = 'public' ORDER BY u.seq DESC LIMIT 1)
 WHERE visibility = 'public';
CREATE INDEX incidents_public_open ON incidents(kind, public_status, visibility, created_at);

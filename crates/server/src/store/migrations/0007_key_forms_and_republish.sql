-- Each issue key in its normalised form (herald_model::leak::key_form,
-- filled in by the server on open): the leak guard finds any incident's key
-- in a public text by it, and two keys a reader would take for the same
-- cannot both exist.
ALTER TABLE incidents ADD COLUMN issue_key_form TEXT;
CREATE INDEX incidents_issue_key_form ON incidents(issue_key_form);

-- Public incidents and maintenances whose documents show something that
-- changed elsewhere (a component renamed, described anew or made
-- internal-only): written in the changing transaction, rendered and
-- emptied by the publish that follows it.
CREATE TABLE republish (
    incident_id  TEXT PRIMARY KEY REFERENCES incidents(id)
);

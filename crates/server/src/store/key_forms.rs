//! Issue keys in their normalised form (`herald_model::leak::key_form`),
//! kept in `incidents.issue_key_form`: the leak guard finds any incident's
//! key in a public text by it. Knows nothing of incidents beyond the key.

use super::StoreResult;
use herald_model::leak::{key_candidates, key_form};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Gives every issue key its normalised form where it has none (keys
/// written before the form existed, or by the demo seed).
pub fn fill(tx: &Transaction<'_>) -> StoreResult<()> {
    let keys: Vec<(String, String)> = tx
        .prepare("SELECT id, issue_key FROM incidents WHERE issue_key IS NOT NULL AND issue_key_form IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = tx.prepare("UPDATE incidents SET issue_key_form = ?2 WHERE id = ?1")?;
    for (id, key) in keys {
        update.execute(params![id, key_form(&key)])?;
    }
    Ok(())
}

/// The issue keys of any incident that `text` names (in any disguise the
/// leak guard sees through), found by their normalised form.
pub fn keys_named_in(conn: &Connection, text: &str) -> StoreResult<Vec<String>> {
    let candidates = serde_json::Value::from(key_candidates(text)).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT issue_key FROM incidents
         WHERE issue_key_form IN (SELECT value FROM json_each(?1)) ORDER BY issue_key",
    )?;
    let keys = stmt
        .query_map([candidates], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(keys)
}

/// The existing key that `key` reads the same as (itself, or one that
/// differs only by case or look-alike characters), if any.
pub fn taken_by(conn: &Connection, key: &str) -> StoreResult<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT issue_key FROM incidents WHERE issue_key = ?1 OR issue_key_form = ?2",
            params![key, key_form(key)],
            |r| r.get(0),
        )
        .optional()?)
}

//! Users, sessions and API tokens. Secrets are never stored: sessions and
//! tokens are kept as SHA-256 digests, passwords as Argon2 hashes (made by
//! `crate::auth`).

use super::{audit, bump_version, new_id, parse_enum, ts, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use herald_model::api::{Role, SessionUser};
use herald_model::portal::TokenRecord;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<SessionUser> {
    Ok(SessionUser {
        id: r.get("id")?,
        email: r.get("email")?,
        name: r.get("name")?,
        role: parse_enum::<Role>(&r.get::<_, String>("role")?)?,
        version: r.get("version")?,
    })
}

/// Creates a user. The email must be unused.
pub fn create(
    tx: &Transaction<'_>,
    actor: &str,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<SessionUser> {
    let taken: bool = tx.query_row(
        "SELECT count(*) > 0 FROM users WHERE email = ?1",
        [email],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::Conflict(format!(
            "a user with the email '{email}' already exists"
        )));
    }
    let user = SessionUser {
        id: new_id(),
        email: email.to_owned(),
        name: name.to_owned(),
        role,
        version: 1,
    };
    tx.execute(
        "INSERT INTO users (id, email, name, role, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            user.id,
            user.email,
            user.name,
            role.as_str(),
            password_hash,
            ts(&now)
        ],
    )?;
    audit::record(
        tx,
        now,
        actor,
        "user.create",
        ("user", &user.id),
        None::<&()>,
        Some(&user),
    )?;
    Ok(user)
}

/// Every user, by email.
pub fn list(conn: &Connection) -> StoreResult<Vec<SessionUser>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, email, name, role, version FROM users ORDER BY email")?;
    let users = stmt
        .query_map([], user_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(users)
}

/// Changes a user's role, based on `version`. The last admin cannot stop being one.
pub fn set_role(
    tx: &Transaction<'_>,
    actor: &str,
    id: &str,
    role: Role,
    version: i64,
    now: DateTime<Utc>,
) -> StoreResult<SessionUser> {
    let before = tx
        .query_row(
            "SELECT id, email, name, role, version FROM users WHERE id = ?1",
            [id],
            user_from_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "user",
            id: id.to_owned(),
        })?;
    if before.role == Role::Admin && role != Role::Admin {
        let admins: i64 =
            tx.query_row("SELECT count(*) FROM users WHERE role = 'admin'", [], |r| {
                r.get(0)
            })?;
        if admins <= 1 {
            return Err(StoreError::Conflict(
                "this is the last admin; make someone else admin first".to_owned(),
            ));
        }
    }
    bump_version(tx, "users", "user", id, version)?;
    tx.execute(
        "UPDATE users SET role = ?2 WHERE id = ?1",
        params![id, role.as_str()],
    )?;
    // A changed role takes effect at once: end the user's sessions.
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id])?;
    let after = SessionUser {
        role,
        version: before.version + 1,
        ..before.clone()
    };
    audit::record(
        tx,
        now,
        actor,
        "user.role",
        ("user", id),
        Some(&before),
        Some(&after),
    )?;
    Ok(after)
}

/// The API tokens of a user, newest first (never their secrets).
pub fn tokens(conn: &Connection, user_id: &str) -> StoreResult<Vec<TokenRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, created_at, revoked_at FROM api_tokens WHERE user_id = ?1 ORDER BY created_at DESC",
    )?;
    let tokens = stmt
        .query_map([user_id], |r| {
            Ok(TokenRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: super::parse_ts(&r.get::<_, String>(2)?)?,
                revoked_at: super::parse_ts_opt(r.get(3)?)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(tokens)
}

/// Revokes one of `user`'s tokens.
pub fn revoke_token(
    tx: &Transaction<'_>,
    user: &SessionUser,
    token_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let changed = tx.execute(
        "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?3) WHERE id = ?1 AND user_id = ?2",
        params![token_id, user.id, ts(&now)],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            what: "API token",
            id: token_id.to_owned(),
        });
    }
    audit::record(
        tx,
        now,
        &user.email,
        "token.revoke",
        ("api_token", token_id),
        None::<&()>,
        None::<&()>,
    )?;
    Ok(())
}

/// A user and their password hash, looked up by email (case-insensitive).
pub fn find_by_email(conn: &Connection, email: &str) -> StoreResult<Option<(SessionUser, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, email, name, role, version, password_hash FROM users WHERE email = ?1",
            [email],
            |r| Ok((user_from_row(r)?, r.get("password_hash")?)),
        )
        .optional()?)
}

/// Stores a new session for `user_id`, valid until `expires_at`.
pub fn create_session(
    tx: &Transaction<'_>,
    user_id: &str,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute("DELETE FROM sessions WHERE expires_at < ?1", [ts(&now)])?;
    tx.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![token_hash, user_id, ts(&now), ts(&expires_at)],
    )?;
    Ok(())
}

/// The user of an unexpired session.
pub fn user_for_session(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<SessionUser>> {
    Ok(conn
        .query_row(
            "SELECT u.id, u.email, u.name, u.role, u.version FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            params![token_hash, ts(&now)],
            user_from_row,
        )
        .optional()?)
}

/// Ends a session (no error if it is already gone).
pub fn delete_session(tx: &Transaction<'_>, token_hash: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Stores a new API token for `user`; returns its id.
pub fn create_token(
    tx: &Transaction<'_>,
    user: &SessionUser,
    name: &str,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, user.id, name, token_hash, ts(&now)],
    )?;
    audit::record(
        tx,
        now,
        &user.email,
        "token.create",
        ("api_token", &id),
        None::<&()>,
        Some(&serde_json::json!({ "name": name, "user_id": user.id })),
    )?;
    Ok(id)
}

/// The user of an unrevoked API token.
pub fn user_for_token(conn: &Connection, token_hash: &str) -> StoreResult<Option<SessionUser>> {
    Ok(conn
        .query_row(
            "SELECT u.id, u.email, u.name, u.role, u.version FROM api_tokens t JOIN users u ON u.id = t.user_id
             WHERE t.token_hash = ?1 AND t.revoked_at IS NULL",
            [token_hash],
            user_from_row,
        )
        .optional()?)
}

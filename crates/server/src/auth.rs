//! Who is calling: password hashing, session and token secrets, and the
//! [`Caller`] extractor that every internal endpoint takes.
//!
//! A caller proves who they are with the session cookie set by
//! `POST /api/session`, or with `Authorization: Bearer <token>`. Secrets are
//! random 32 bytes; only their SHA-256 is stored. The cookie is `HttpOnly`
//! and `SameSite=Strict`, and writes require a JSON body, which a
//! cross-site form cannot send: together they stop cross-site request
//! forgery.

use crate::error::AppError;
use crate::store::users;
use crate::AppState;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use herald_model::api::ErrorCode;
use herald_model::api::SessionUser;
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "herald_session";

/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;

/// Hashes a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing the password failed: {e}"))
}

/// Checks a login: whether `password` matches `hash`. For an unknown user
/// (`None`) it verifies against a throwaway hash anyway, so the response time
/// does not tell which emails have accounts.
pub fn verify_login(password: &str, hash: Option<&str>) -> bool {
    static THROWAWAY: LazyLock<String> =
        LazyLock::new(|| hash_password(&new_secret()).unwrap_or_default());
    match hash {
        Some(hash) => verify_password(password, hash),
        None => {
            verify_password(password, &THROWAWAY);
            false
        }
    }
}

/// Whether `password` matches a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A new random secret, URL-safe (64 hex characters).
pub fn new_secret() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex(&bytes)
}

/// A new random password a person can type (20 letters and digits).
pub fn new_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// The SHA-256 of a secret, as stored.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

/// HMAC-SHA-256 of `message` under `key`: signs a link so that it can be
/// checked later without storing anything per link.
pub fn sign(key: &str, message: &str) -> Vec<u8> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Whether `signature` is [`sign`]'s for `message` under `key` (compared in
/// constant time).
pub fn verify(key: &str, message: &str, signature: &[u8]) -> bool {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes any key length");
    mac.update(message.as_bytes());
    mac.verify_slice(signature).is_ok()
}

/// The bytes of lowercase or uppercase hex; `None` when it is not hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The signed-in caller of an internal endpoint. Extracting it answers 401
/// when there is no valid session or token.
#[derive(Clone, Debug)]
pub struct Caller(pub SessionUser);

/// A signed-in caller whose role may publish (`publisher` or `admin`).
/// Extracting it answers 401 for nobody and 403 for a viewer, before the
/// request body is looked at.
#[derive(Clone, Debug)]
pub struct Publisher(pub SessionUser);

impl FromRequestParts<AppState> for Publisher {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Caller(user) =
            <Caller as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        if user.role.can_publish() {
            Ok(Publisher(user))
        } else {
            Err(AppError::forbidden(
                "change incidents, components or maintenances (it needs the publisher or admin role)",
            ))
        }
    }
}

/// A signed-in admin. Extracting it answers 401 for nobody and 403 for any
/// other role.
#[derive(Clone, Debug)]
pub struct Admin(pub SessionUser);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Caller(user) =
            <Caller as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        if user.role == herald_model::api::Role::Admin {
            Ok(Admin(user))
        } else {
            Err(AppError::forbidden(
                "manage users, templates or settings (it needs the admin role)",
            ))
        }
    }
}

/// Whether a request comes from this site's own pages, as far as the
/// browser says: `Sec-Fetch-Site` (same-origin, or none for a typed URL)
/// where it is sent, else an `Origin` whose host is this request's host.
/// A request with neither is not from a browser page (curl, a script) and
/// passes; browsers send at least one with every cross-site write.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match (text("origin"), text("host")) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, rest)| rest.trim_end_matches('/') == host),
        (Some(_), None) => false,
    }
}

/// The session cookie's value in a request, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn bearer_token(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

/// The person a request's credential names: `None` when it carries none, or
/// when the session or token it names is no longer valid.
async fn identify(parts: &Parts, state: &AppState) -> Result<Option<SessionUser>, AppError> {
    let token = bearer_token(parts);
    let session = session_cookie(&parts.headers);
    if token.is_none() && session.is_none() {
        return Ok(None);
    }
    if token.is_none() && !parts.method.is_safe() && !same_origin(&parts.headers) {
        // A cookie rides along with any request the browser sends, also one
        // another site makes it send (a form post): refuse such writes.
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::CrossSite,
            "a write with the session cookie must come from this site's own pages",
        ));
    }
    let now = state.clock.now();
    state
        .read(move |conn| match (token, session) {
            (Some(token), _) => users::user_for_token(conn, &digest(&token)),
            (None, Some(session)) => users::user_for_session(conn, &digest(&session), now),
            (None, None) => Ok(None),
        })
        .await
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        identify(parts, state)
            .await?
            .map(Caller)
            .ok_or_else(AppError::unauthenticated)
    }
}

/// `Option<Caller>`: nobody (no credential, or a session cookie that has
/// ended) is `None` rather than 401, for endpoints that answer "who is
/// signed in". A bearer token that is not valid is still 401: a client that
/// sends one must learn that it is refused.
impl OptionalFromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, AppError> {
        let user = identify(parts, state).await?;
        if user.is_none() && bearer_token(parts).is_some() {
            return Err(AppError::unauthenticated());
        }
        Ok(user.map(Caller))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_hmac_sha256_and_checked() {
        // RFC 4231, test case 2.
        assert_eq!(
            hex(&sign("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let signature = sign("key", "unsubscribe:abc");
        assert!(verify("key", "unsubscribe:abc", &signature));
        assert!(!verify("key", "unsubscribe:abd", &signature));
        assert!(!verify("other key", "unsubscribe:abc", &signature));
        assert!(!verify("key", "unsubscribe:abc", &signature[..31]));
    }

    #[test]
    fn hex_reads_back() {
        assert_eq!(
            unhex(&hex(&[0, 1, 0xab, 0xff])),
            Some(vec![0, 1, 0xab, 0xff])
        );
        assert_eq!(unhex("ABff"), Some(vec![0xab, 0xff]));
        for bad in ["abc", "zz", "+f", "é1"] {
            assert_eq!(unhex(bad), None, "{bad}");
        }
    }
}

//! The only module that talks HTTP: it fetches Herald's documents and turns
//! every way that can fail into a [`FetchError`].
//!
//! Paths are root-relative (`/api/v2/summary.json`), so the same build works
//! when the Herald server serves it and from a plain static host that holds
//! the rendered documents. Views get typed results and never see a request.
//!
//! Two ways to read: [`get_json`]-based one-off reads for the permalink and
//! history pages, and [`Polled`] for the documents the home page reads again
//! and again, which sends the last `ETag` in `If-None-Match` so an unchanged
//! document costs a `304` and no re-rendering.
//!
//! One write: [`subscribe`], which needs the Herald server (a static host
//! answers it with an HTTP error, which the page shows).

use crate::i18n::{Locale, Msg};
use gloo_net::http::Request;
use herald_model::api::ErrorCode;
use herald_model::api::{ApiError, NewSubscription, SubscriptionAccepted};
use herald_model::herald::{
    self, HistoryIndex, HistoryMonth, IncidentDoc, MaintenanceDoc, UptimeDoc,
};
use herald_model::v2::{paths, IncidentsDoc, SummaryDoc};
use serde::de::DeserializeOwned;
use std::fmt;
use web_sys::RequestCache;

/// Why a document could not be loaded. Each case needs a different sentence
/// (and a different fix), so they are never merged.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    /// No answer at all: offline, DNS, refused connection, CORS. Holds the
    /// browser's own description, for the console.
    Network(String),
    /// An HTTP error status without Herald's error body, e.g. the 404 page
    /// of a static host that has no such document.
    Http(u16),
    /// An HTTP error with Herald's error body.
    Api(ApiError),
    /// A successful answer that is not the expected document. Holds the
    /// parser's description, for the console.
    Decode(String),
}

impl FetchError {
    /// Whether the document does not exist (as opposed to could not be read).
    pub fn is_not_found(&self) -> bool {
        match self {
            FetchError::Http(404) => true,
            FetchError::Api(error) => error.code == ErrorCode::NotFound,
            _ => false,
        }
    }

    /// A sentence a person understands, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        match self {
            FetchError::Network(_) => locale.text(Msg::ErrorNetwork).to_owned(),
            FetchError::Http(404) => locale.text(Msg::ErrorNotFound).to_owned(),
            FetchError::Http(status) => {
                locale.fill(Msg::ErrorHttp, &[("status", &status.to_string())])
            }
            FetchError::Api(error) => locale.fill(Msg::ErrorApi, &[("message", &error.message)]),
            FetchError::Decode(_) => locale.text(Msg::ErrorDecode).to_owned(),
        }
    }
}

/// The technical description, for logs and the console (not for people).
impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Network(detail) => write!(f, "network error: {detail}"),
            FetchError::Http(status) => write!(f, "HTTP {status} without an error body"),
            FetchError::Api(error) => match &error.field {
                Some(field) => write!(f, "API error {} ({field}): {}", error.code, error.message),
                None => write!(f, "API error {}: {}", error.code, error.message),
            },
            FetchError::Decode(detail) => write!(f, "unreadable document: {detail}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// `/api/herald/incidents/{id}.json`: one incident and its whole timeline.
pub async fn fetch_incident(id: String) -> Result<IncidentDoc, FetchError> {
    get_json(&herald::paths::incident(&id)).await
}

/// `/api/herald/maintenances/{id}.json`: one maintenance and its timeline.
pub async fn fetch_maintenance(id: String) -> Result<MaintenanceDoc, FetchError> {
    get_json(&herald::paths::maintenance(&id)).await
}

/// `/api/herald/history/index.json`: the months that have history.
pub async fn fetch_history_index() -> Result<HistoryIndex, FetchError> {
    get_json(herald::paths::HISTORY_INDEX).await
}

/// `POST /api/subscribers`: subscribes a customer to public updates.
pub async fn subscribe(body: &NewSubscription) -> Result<SubscriptionAccepted, FetchError> {
    let json = serde_json::to_string(body).map_err(|e| FetchError::Decode(e.to_string()))?;
    let response = Request::post("/api/subscribers")
        .header("Accept", "application/json")
        // The server refuses writes without it (cross-site forms cannot send it).
        .header("Content-Type", "application/json")
        .body(json)
        .map_err(|e| FetchError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    let text = response
        .text()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    decode(response.status(), &text)
}

/// The archive of one month, at the `path` the history index names.
pub async fn fetch_history_month(path: String) -> Result<HistoryMonth, FetchError> {
    get_json(&path).await
}

/// A document the page reads again and again. It remembers the `ETag` of
/// the last answer so the next read is conditional.
#[derive(Debug)]
pub struct Polled<T> {
    path: &'static str,
    etag: Option<String>,
    marker: std::marker::PhantomData<fn() -> T>,
}

// Not derived: a derive would require `T: Clone`, and only the path and the
// ETag are held.
impl<T> Clone for Polled<T> {
    fn clone(&self) -> Self {
        Polled {
            path: self.path,
            etag: self.etag.clone(),
            marker: std::marker::PhantomData,
        }
    }
}

/// `/api/v2/summary.json`: everything the status page's top half shows.
pub fn summary() -> Polled<SummaryDoc> {
    Polled::new(paths::SUMMARY)
}

/// `/api/v2/incidents.json`: the 50 most recent incidents (past incidents).
pub fn recent_incidents() -> Polled<IncidentsDoc> {
    Polled::new(paths::INCIDENTS)
}

/// `/api/herald/uptime.json`: the uptime bars.
pub fn uptime() -> Polled<UptimeDoc> {
    Polled::new(herald::paths::UPTIME)
}

impl<T: DeserializeOwned> Polled<T> {
    fn new(path: &'static str) -> Self {
        Polled {
            path,
            etag: None,
            marker: std::marker::PhantomData,
        }
    }

    /// The ETag to send next time (for tests and the console).
    pub fn etag(&self) -> Option<&str> {
        self.etag.as_deref()
    }

    /// Reads the document again: `Ok(Some(doc))` when it changed (or on the
    /// first read), `Ok(None)` when the server answered `304 Not Modified`.
    ///
    /// `self` is only updated after a good answer, so a failed read leaves
    /// the next one conditional on the last document actually shown.
    pub async fn fetch(&self) -> Result<(Option<T>, Option<String>), FetchError> {
        let mut request = Request::get(self.path)
            .header("Accept", "application/json")
            // The validator is ours to send: the browser's cache stays out
            // of the way and hands the 304 to us.
            .cache(RequestCache::NoStore);
        if let Some(etag) = &self.etag {
            request = request.header("If-None-Match", etag);
        }
        let response = request
            .send()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?;
        if response.status() == 304 && self.etag.is_some() {
            return Ok((None, self.etag.clone()));
        }
        let etag = response.headers().get("etag");
        let body = response
            .text()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?;
        decode(response.status(), &body).map(|doc| (Some(doc), etag))
    }

    /// Remembers the ETag of an answer [`Polled::fetch`] returned.
    pub fn remember(&mut self, etag: Option<String>) {
        self.etag = etag;
    }
}

/// GETs `path` and reads the answer as a `T`.
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, FetchError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        // Documents change: ask the server whether they did rather than
        // trusting a heuristically cached copy (the server sends ETags).
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    let body = response
        .text()
        .await
        .map_err(|e| FetchError::Network(e.to_string()))?;
    decode(response.status(), &body)
}

/// Reads an answer with HTTP `status` and `body` as a `T` or a [`FetchError`].
/// Shared with the portal's part of the HTTP layer (`crate::portal::api`).
pub(crate) fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, FetchError> {
    if (200..300).contains(&status) {
        serde_json::from_str(body).map_err(|e| FetchError::Decode(e.to_string()))
    } else {
        Err(match serde_json::from_str::<ApiError>(body) {
            Ok(error) => FetchError::Api(error),
            Err(_) => FetchError::Http(status),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Doc {
        ok: bool,
    }

    #[test]
    fn a_successful_answer_is_decoded() {
        assert_eq!(decode::<Doc>(200, r#"{"ok":true}"#), Ok(Doc { ok: true }));
    }

    #[test]
    fn a_successful_answer_of_the_wrong_shape_is_a_decode_error() {
        let err = decode::<Doc>(200, "<!doctype html><p>hello").unwrap_err();
        assert!(matches!(err, FetchError::Decode(_)), "{err:?}");
        let err = decode::<Doc>(200, r#"{"ok":"yes"}"#).unwrap_err();
        assert!(matches!(err, FetchError::Decode(_)), "{err:?}");
    }

    #[test]
    fn an_error_with_herald_s_body_keeps_it() {
        let body = r#"{"code":"internal","message":"The store is read-only."}"#;
        let err = decode::<Doc>(503, body).unwrap_err();
        assert_eq!(
            err,
            FetchError::Api(ApiError {
                code: ErrorCode::Internal,
                message: "The store is read-only.".into(),
                field: None,
            })
        );
        assert_eq!(
            err.message(Locale::En),
            "The server could not send the current status: The store is read-only."
        );
    }

    #[test]
    fn an_error_without_herald_s_body_keeps_the_status() {
        let err = decode::<Doc>(404, "<h1>Not Found</h1>").unwrap_err();
        assert_eq!(err, FetchError::Http(404));
        assert!(err.message(Locale::En).contains("HTTP 404"));
        assert!(FetchError::Http(502)
            .message(Locale::En)
            .contains("HTTP 502"));
    }

    #[test]
    fn a_missing_document_is_told_apart() {
        assert!(FetchError::Http(404).is_not_found());
        let body = r#"{"code":"not_found","message":"there is no public document"}"#;
        assert!(decode::<Doc>(404, body).unwrap_err().is_not_found());
        assert!(!FetchError::Http(500).is_not_found());
        assert!(!FetchError::Network("offline".into()).is_not_found());
    }

    #[test]
    fn every_error_reads_as_a_sentence() {
        let errors = [
            FetchError::Network("TypeError: Failed to fetch".into()),
            FetchError::Http(500),
            FetchError::Decode("expected value at line 1".into()),
        ];
        for err in errors {
            let text = err.message(Locale::En);
            assert!(text.ends_with('.'), "{text}");
            assert!(!text.contains("TypeError"), "{text}");
            assert!(!text.contains("line 1"), "{text}");
        }
    }
}

//! The only module that talks HTTP: it fetches Herald's documents and turns
//! every way that can fail into a [`FetchError`].
//!
//! Paths are root-relative (`/api/v2/summary.json`), so the same build works
//! when the Herald server serves it and from a plain static host that holds
//! the rendered documents. Views get typed results and never see a request.

use crate::i18n::{Locale, Msg};
use gloo_net::http::Request;
use herald_model::api::ApiError;
use herald_model::v2::{paths, SummaryDoc};
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

/// `/api/v2/summary.json`: everything the public status page shows.
pub async fn fetch_summary() -> Result<SummaryDoc, FetchError> {
    get_json(paths::SUMMARY).await
}

/// GETs `path` and reads the answer as a `T`.
async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, FetchError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        // The page refreshes itself: always ask the server whether the
        // document changed rather than trusting a heuristically cached copy.
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
fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, FetchError> {
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
        let body = r#"{"code":"unavailable","message":"The store is read-only."}"#;
        let err = decode::<Doc>(503, body).unwrap_err();
        assert_eq!(
            err,
            FetchError::Api(ApiError {
                code: "unavailable".into(),
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

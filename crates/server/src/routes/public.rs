//! The public documents, served from the in-memory set with `ETag`,
//! `Cache-Control` and open CORS, so browsers, CDNs and existing Statuspage
//! widgets can read them from anywhere.

use crate::docs::Doc;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use herald_model::api::ApiError;
use herald_model::herald::{HistoryIndex, HistoryMonth, IncidentDoc, MaintenanceDoc, UptimeDoc};
use herald_model::v2::{ComponentsDoc, IncidentsDoc, MaintenancesDoc, StatusDoc, SummaryDoc};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Caches may keep a copy but must revalidate it (cheaply, by `ETag`)
/// before use: a status page must never show an old status as current.
pub const CACHE_CONTROL: &str = "public, no-cache";

/// Serves one in-memory document, answering `If-None-Match` with 304.
pub fn serve(state: &AppState, path: &str, headers: &HeaderMap) -> Response {
    let set = state.docs.snapshot();
    match set.get(path) {
        Some(doc) => respond(doc, headers),
        None => AppError::not_found(format!("the document {path} has not been rendered"))
            .into_response(),
    }
}

/// Serves one per-object document from the disk mirror.
fn serve_file(state: &AppState, path: &str, headers: &HeaderMap) -> Response {
    match state.docs.read_file(path) {
        Some(doc) => respond(&doc, headers),
        None => {
            AppError::not_found(format!("there is no public document at {path}")).into_response()
        }
    }
}

/// The name of a per-object document without `.json`, if it is a plain id
/// or month (letters, digits and `-`), so it cannot leave its directory.
fn object_name(file: &str) -> Option<&str> {
    file.strip_suffix(".json").filter(|name| {
        !name.is_empty()
            && name.len() <= 64
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// The response for a document: 304 when the client's copy is current.
pub fn respond(doc: &Doc, headers: &HeaderMap) -> Response {
    let etag = HeaderValue::from_str(&doc.etag).unwrap_or(HeaderValue::from_static("\"\""));
    let common = [
        (header::ETAG, etag),
        (
            header::CACHE_CONTROL,
            HeaderValue::from_static(CACHE_CONTROL),
        ),
        (
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        ),
    ];
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == doc.etag || tag == "*");
    if fresh {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    (
        common,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(doc.content_type),
        )],
        doc.bytes.clone(),
    )
        .into_response()
}

/// Declares one document's handler with its OpenAPI description.
macro_rules! document {
    ($name:ident, $path:tt, $body:ty, $what:tt) => {
        #[doc = $what]
        #[utoipa::path(get, path = $path, tag = "public",
            params(("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier response")),
            responses(
                (status = 200, description = $what, body = $body),
                (status = 304, description = "Not modified since the given ETag"),
            ))]
        async fn $name(State(state): State<AppState>, headers: HeaderMap) -> Response {
            serve(&state, $path, &headers)
        }
    };
}

document!(
    summary,
    "/api/v2/summary.json",
    SummaryDoc,
    "Page, overall status, components, unresolved incidents, upcoming and active maintenances"
);
document!(
    status,
    "/api/v2/status.json",
    StatusDoc,
    "Page and overall status"
);
document!(
    components,
    "/api/v2/components.json",
    ComponentsDoc,
    "Page and every public component (groups and children, flat)"
);
document!(
    incidents,
    "/api/v2/incidents.json",
    IncidentsDoc,
    "Page and the 50 most recent incidents"
);
document!(
    unresolved,
    "/api/v2/incidents/unresolved.json",
    IncidentsDoc,
    "Page and the incidents in investigating, identified or monitoring"
);
document!(
    maintenances,
    "/api/v2/scheduled-maintenances.json",
    MaintenancesDoc,
    "Page and the 50 most recent scheduled maintenances"
);
document!(
    upcoming,
    "/api/v2/scheduled-maintenances/upcoming.json",
    MaintenancesDoc,
    "Page and the maintenances not yet started"
);
document!(
    active,
    "/api/v2/scheduled-maintenances/active.json",
    MaintenancesDoc,
    "Page and the maintenances in progress or verifying"
);

document!(uptime, "/api/herald/uptime.json", UptimeDoc,
    "Daily worst status and uptime of each showcased component over the last 90 days, with the incidents of each day");
document!(
    history_index,
    "/api/herald/history/index.json",
    HistoryIndex,
    "The months that have public history, newest first, with counts and archive paths"
);

/// Declares a handler for a feed or the badge.
macro_rules! non_json_document {
    ($name:ident, $path:tt, $type:tt, $what:tt) => {
        #[doc = $what]
        #[utoipa::path(get, path = $path, tag = "public",
                            responses(
                                (status = 200, description = $what, content_type = $type),
                                (status = 304, description = "Not modified since the given ETag"),
                            ))]
        async fn $name(State(state): State<AppState>, headers: HeaderMap) -> Response {
            serve(&state, $path, &headers)
        }
    };
}

non_json_document!(
    atom,
    "/history.atom",
    "application/atom+xml",
    "Atom feed: one entry per public update of recent incidents and maintenances, newest first"
);
non_json_document!(
    rss,
    "/history.rss",
    "application/rss+xml",
    "RSS 2.0 feed: one item per public update of recent incidents and maintenances, newest first"
);
non_json_document!(
    badge,
    "/badge.svg",
    "image/svg+xml",
    "An SVG badge with the overall status"
);
non_json_document!(
    robots,
    "/robots.txt",
    "text/plain",
    "Instructions for crawlers: the public pages may be indexed, the portal and the internal API not"
);

/// Declares the handler of one kind of per-object document.
macro_rules! object_document {
    ($name:ident, $path:tt, $dir:tt, $body:ty, $what:tt) => {
        #[doc = $what]
        #[utoipa::path(get, path = $path, tag = "public",
            params(("file" = String, Path, description = "The id (or `YYYY-MM` month) followed by `.json`"),
                   ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier response")),
            responses(
                (status = 200, description = $what, body = $body),
                (status = 304, description = "Not modified since the given ETag"),
                (status = 404, description = "No such public document", body = ApiError),
            ))]
        async fn $name(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap) -> Response {
            match object_name(&file) {
                Some(name) => serve_file(&state, &format!("{}/{name}.json", $dir), &headers),
                None => AppError::not_found(format!("there is no public document named {file}")).into_response(),
            }
        }
    };
}

object_document!(
    incident,
    "/api/herald/incidents/{file}",
    "/api/herald/incidents",
    IncidentDoc,
    "One public incident with its whole public timeline"
);
object_document!(
    maintenance,
    "/api/herald/maintenances/{file}",
    "/api/herald/maintenances",
    MaintenanceDoc,
    "One scheduled maintenance with its whole public timeline"
);
object_document!(
    history_month,
    "/api/herald/history/{file}",
    "/api/herald/history",
    HistoryMonth,
    "Everything public of one month (`YYYY-MM.json`, page time zone)"
);

/// The public document routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(summary))
        .routes(routes!(status))
        .routes(routes!(components))
        .routes(routes!(incidents))
        .routes(routes!(unresolved))
        .routes(routes!(maintenances))
        .routes(routes!(upcoming))
        .routes(routes!(active))
        .routes(routes!(uptime))
        .routes(routes!(history_index))
        .routes(routes!(incident))
        .routes(routes!(maintenance))
        .routes(routes!(history_month))
        .routes(routes!(atom))
        .routes(routes!(rss))
        .routes(routes!(badge))
        .routes(routes!(robots))
}

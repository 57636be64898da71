//! The public documents, served from the in-memory set with `ETag`,
//! `Cache-Control` and open CORS, so browsers, CDNs and existing Statuspage
//! widgets can read them from anywhere.

use crate::error::AppError;
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use herald_model::v2::{ComponentsDoc, IncidentsDoc, MaintenancesDoc, StatusDoc, SummaryDoc};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Caches may keep a copy but must revalidate it (cheaply, by `ETag`)
/// before use: a status page must never show an old status as current.
pub const CACHE_CONTROL: &str = "public, no-cache";

/// Serves one document, answering `If-None-Match` with 304.
pub fn serve(state: &AppState, path: &str, headers: &HeaderMap) -> Response {
    let set = state.docs.snapshot();
    let Some(doc) = set.get(path) else {
        return AppError::not_found(format!("the document {path} has not been rendered"))
            .into_response();
    };
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
            HeaderValue::from_static("application/json; charset=utf-8"),
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
}

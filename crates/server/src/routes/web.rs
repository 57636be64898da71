//! The built web apps (`scripts/build-web.sh` writes `dist/`). Their files
//! are served as they are. Under `/portal`, every other path (the portal's
//! client routes) gets the portal's page, `portal/index.html`. `/history`
//! and `/subscribe` ([`MORE_APP_PATHS`]) get the second public app's page,
//! `more/index.html`, with the whole page rendered in. Elsewhere, `/`,
//! `/index.html` and every other path (the status app's client routes) get
//! the public `index.html` with the whole page rendered in (see
//! `crate::prerender`), so deep links and reloads work and the page shows
//! before the app loads.

use crate::docs::{page_file, Doc, INDEX_PATH, MORE_APP_PATHS};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;

/// What is answered for a page of an app that is not built.
fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "The web app is not built. Build it with `scripts/build-web.sh` and restart Herald.",
    )
        .into_response()
}

/// A page of the second public app (`/history`, `/subscribe`), rendered.
async fn more_page(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    match state.docs.snapshot().get(&page_file(uri.path())) {
        Some(doc) => super::public::respond(doc, &headers),
        None => not_built(),
    }
}

/// The page with the first paint, or a plain sentence when the app is not
/// built. A path that names no public page (an unknown path, an incident
/// or maintenance that is not public) is answered 404 with the app's
/// not-found page.
async fn index(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let Some(doc) = state.docs.snapshot().get(INDEX_PATH).cloned() else {
        return not_built();
    };
    match public_page(&state, uri.path()) {
        Some(None) => return super::public::respond(&doc, &headers),
        // A permalink's own page, from the disk mirror (the app's page
        // with the current status while it is not rendered yet).
        Some(Some(file)) => {
            let page = state
                .docs
                .read_file(&file)
                .map(|d| Doc::typed(d.bytes.to_vec(), "text/html; charset=utf-8"))
                .unwrap_or(doc);
            return super::public::respond(&page, &headers);
        }
        None => {}
    }
    let snapshot = state.docs.snapshot();
    let doc = snapshot
        .get(crate::prerender::NOT_FOUND_PATH)
        .cloned()
        .unwrap_or(doc);
    (
        StatusCode::NOT_FOUND,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(doc.content_type),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        doc.bytes,
    )
        .into_response()
}

/// Whether the status app has a page at `path`: the home page (`Some(None)`),
/// and the permalink of each public incident and maintenance (`Some` of
/// the file its page is rendered to).
fn public_page(state: &AppState, path: &str) -> Option<Option<String>> {
    let path = path.trim_end_matches('/');
    if path.is_empty() || path == INDEX_PATH {
        return Some(None);
    }
    let document = |kind: &str, id: &str| match kind {
        "incidents" => Some(herald_model::herald::paths::incident(id)),
        "maintenances" => Some(herald_model::herald::paths::maintenance(id)),
        _ => None,
    };
    match path.trim_start_matches('/').split_once('/') {
        // Ids are letters and digits (`store::new_id`).
        Some((kind, id)) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()) => {
            document(kind, id)
                .filter(|doc| state.docs.has_file(doc))
                .map(|_| Some(crate::docs::permalink_file(kind, id)))
        }
        _ => None,
    }
}

/// Routes for `/` and `/index.html`, and the fallback serving the app's files.
pub fn router(state: AppState) -> Router<AppState> {
    // `scripts/build-web.sh` writes `.br` and `.gz` copies of the assets,
    // compressed harder than on-the-fly compression can afford.
    let files = ServeDir::new(&state.web_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(get(index).with_state(state.clone()));
    // Trunk gives the wasm, JS and CSS content-hashed names, but the rest
    // keep theirs: revalidate everything (cheap with the ETag/Last-Modified
    // ServeDir sends) rather than serve a stale app.
    let files = SetResponseHeader::if_not_present(
        files,
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    // The portal is its own app (so the public page never downloads it).
    let portal_dir = state.web_dir.join("portal");
    let portal_page = ServeFile::new(portal_dir.join("index.html"));
    let portal = SetResponseHeader::if_not_present(
        ServeDir::new(portal_dir)
            .precompressed_br()
            .precompressed_gzip()
            .fallback(portal_page),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    let more = SetResponseHeader::if_not_present(
        ServeDir::new(state.web_dir.join("more"))
            .precompressed_br()
            .precompressed_gzip(),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    let mut router = Router::new()
        .route("/", get(index))
        .route(INDEX_PATH, get(index))
        .nest_service("/more", more)
        .nest_service("/portal", portal);
    for path in MORE_APP_PATHS {
        router = router.route(path, get(more_page));
    }
    router.fallback_service(files)
}

//! The built web apps (`scripts/build-web.sh` writes `dist/`). Their files
//! are served as they are. Under `/portal`, every other path (the portal's
//! client routes) gets the portal's page, `portal/index.html`. `/history`
//! and `/subscribe` get the second public app's page, `more/index.html`
//! ([`MORE_APP_PATHS`]). Elsewhere, `/`, `/index.html` and every other path
//! (the status app's client routes) get the public `index.html` with the
//! current status written in (see `crate::prerender`), so deep links and
//! reloads work and the status shows before the app loads.

use crate::docs::{INDEX_PATH, MORE_APP_PATHS};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;

/// The page with the first paint, or a plain sentence when the app is not built.
async fn index(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match state.docs.snapshot().get(INDEX_PATH) {
        Some(doc) => super::public::respond(doc, &headers),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "The web app is not built. Build it with `scripts/build-web.sh` and restart Herald.",
        )
            .into_response(),
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
    let more_dir = state.web_dir.join("more");
    let more_page = SetResponseHeader::if_not_present(
        ServeFile::new(more_dir.join("index.html")),
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    );
    let more = SetResponseHeader::if_not_present(
        ServeDir::new(more_dir)
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
        router = router.route_service(path, more_page.clone());
    }
    router.fallback_service(files)
}

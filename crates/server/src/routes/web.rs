//! The built web app (trunk's `dist/`). Files are served as they are; any
//! other path is a client route and gets `index.html`, so deep links and
//! reloads work.

use axum::http::{header, HeaderValue};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeader;

/// The service serving `web_dir` with the `index.html` fallback.
pub fn service(web_dir: &Path) -> SetResponseHeader<ServeDir<ServeFile>, HeaderValue> {
    let files = ServeDir::new(web_dir).fallback(ServeFile::new(web_dir.join("index.html")));
    // Trunk gives the wasm, JS and CSS content-hashed names, but index.html
    // and the fallback keep theirs: revalidate everything (cheap with the
    // ETag/Last-Modified ServeDir sends) rather than serve a stale app.
    SetResponseHeader::if_not_present(
        files,
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}

//! Entry point of the public page's wasm binary: mounts [`herald_web::App`]
//! on `<body>`. Built from `index.html`; the history and subscription pages
//! (`src/bin/herald-more.rs`) and the portal (`src/bin/herald-portal.rs`)
//! have their own binaries.

fn main() {
    // Panic messages in the console instead of "unreachable executed" (in
    // debug builds; release builds stop at a panic without formatting it,
    // see scripts/web-toolchain.sh).
    console_error_panic_hook::set_once();
    // The server writes the current status into the page as plain HTML (the
    // first paint, for visitors without WebAssembly); the app replaces it.
    herald_web::app::remove_first_paint();
    leptos::mount::mount_to_body(herald_web::App);
}

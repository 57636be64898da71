//! Entry point of the public page's wasm binary: mounts [`herald_web::App`]
//! on `<body>`. Built from `index.html`; the portal has its own binary
//! (`src/bin/herald-portal.rs`).

fn main() {
    // Panics show up in the browser console with a Rust backtrace message
    // instead of "unreachable executed".
    console_error_panic_hook::set_once();
    // The server writes the current status into the page as plain HTML (the
    // first paint, for visitors without WebAssembly); the app replaces it.
    herald_web::app::remove_first_paint();
    leptos::mount::mount_to_body(herald_web::App);
}

//! Entry point of the public page's wasm binary. The server renders the page
//! into `<div id="herald-app">` with the documents it was rendered from
//! (`herald_web::seed`); the app takes that HTML over (hydrates it) without
//! repainting it. A page without a seed for its path (an unknown path, a
//! page saved under another name) is rendered in the browser instead. Built
//! from `index.html`; the history and subscription pages
//! (`src/bin/herald-more.rs`) and the portal (`src/bin/herald-portal.rs`)
//! have their own binaries.

use herald_web::App;
use leptos::prelude::*;

fn main() {
    // Panic messages in the console instead of "unreachable executed" (in
    // debug builds; release builds stop at a panic without formatting it,
    // see scripts/web-toolchain.sh).
    console_error_panic_hook::set_once();
    herald_web::seed::start(|seed| view! { <App seed /> });
}

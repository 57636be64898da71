//! Entry point of the second public wasm binary:
//! [`herald_web::app::MoreApp`] (the history and the subscription form),
//! which takes over the page the server rendered, as the status page's
//! binary does (`herald_web::seed::start`). Built from `more.html`; the
//! server serves it for `/history` and `/subscribe`.

use herald_web::app::MoreApp;
use leptos::prelude::*;

fn main() {
    // Panic messages in the console (debug builds; release builds stop at
    // a panic without formatting it, see scripts/web-toolchain.sh).
    console_error_panic_hook::set_once();
    herald_web::seed::start(|seed| view! { <MoreApp seed /> });
}

//! Entry point of the public page's wasm binary. The server renders the page
//! into `<div id="herald-app">` with the documents it was rendered from
//! (`herald_web::seed`); the app takes that HTML over (hydrates it) without
//! repainting it. A page without a seed for its path (an unknown path, a
//! page saved under another name) is rendered in the browser instead. Built
//! from `index.html`; the history and subscription pages
//! (`src/bin/herald-more.rs`) and the portal (`src/bin/herald-portal.rs`)
//! have their own binaries.

use herald_web::seed::{Seed, APP_ELEMENT_ID};
use herald_web::App;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

fn main() {
    // Panic messages in the console instead of "unreachable executed" (in
    // debug builds; release builds stop at a panic without formatting it,
    // see scripts/web-toolchain.sh).
    console_error_panic_hook::set_once();
    let rendered = document().get_element_by_id(APP_ELEMENT_ID);
    match (Seed::from_document(), rendered) {
        (Some(seed), Some(rendered)) => {
            leptos::mount::hydrate_from(rendered.unchecked_into(), move || view! { <App seed /> })
                .forget();
        }
        (_, rendered) => {
            if let Some(rendered) = rendered {
                rendered.remove();
            }
            leptos::mount::mount_to_body(|| view! { <App /> });
        }
    }
}

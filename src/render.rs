//! The public apps rendered to HTML off the browser (the `ssr` feature): the
//! server and the static export write the status page, the permalinks, the
//! history and the subscription form with the very components the browser
//! runs, so a reader without WebAssembly or JavaScript gets the whole page,
//! and the app in the browser takes that HTML over instead of painting it
//! again.

use crate::app::{App, MoreApp};
use crate::seed::{Seed, APP_ELEMENT_ID, SEED_ELEMENT_ID};
use crate::site::PublicApp;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

/// The body of the page `seed` was rendered from: the HTML of the app that
/// shows its path ([`PublicApp::showing`]) in `<div id="herald-app">`, then
/// the seed itself as JSON for the app to start from.
pub fn app_html(seed: &Seed) -> String {
    let owner = Owner::new();
    let html = owner.with(|| {
        provide_context(RequestUrl::new(&seed.path));
        let app = PublicApp::showing(&seed.path);
        let seed = Some(seed.clone());
        match app {
            PublicApp::Status => view! { <App seed /> }.to_html(),
            PublicApp::More => view! { <MoreApp seed /> }.to_html(),
        }
    });
    // Nothing rendered may outlive the page.
    owner.cleanup();
    format!(
        r#"<div id="{APP_ELEMENT_ID}">{html}</div><script id="{SEED_ELEMENT_ID}" type="application/json">{}</script>"#,
        seed.to_script_text()
    )
}

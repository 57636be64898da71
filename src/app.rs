//! The public apps' root components: each provides the locale, the site
//! name and which app it is, and maps its URLs to pages.
//!
//! The public side is two apps (see [`PublicApp`]): [`App`], what a first
//! visit loads (the status page and the permalinks), and [`MoreApp`] (the
//! history and the subscription form), so the first visit does not download
//! the pages it does not show. Every public route is listed here and
//! nowhere else; an unknown path renders [`NotFoundPage`]. The portal is a
//! third app with its own router (`crate::portal::app`).

use crate::i18n::{provide_locale, Locale};
use crate::pages::{
    HistoryPage, IncidentPage, MaintenancePage, NotFoundPage, StatusPage, SubscribePage,
};
use crate::site::{provide_public_app, provide_site_name, PublicApp};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The public app a visit starts in: the status page, and the incident
/// and maintenance permalinks it links to.
#[component]
pub fn App() -> impl IntoView {
    provide_locale(Locale::default());
    provide_site_name();
    provide_public_app(PublicApp::Status);
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=StatusPage />
                <Route path=path!("/incidents/:id") view=IncidentPage />
                <Route path=path!("/maintenances/:id") view=MaintenancePage />
            </Routes>
        </Router>
    }
}

/// The public pages visited rarely: the history and the subscription form.
#[component]
pub fn MoreApp() -> impl IntoView {
    provide_locale(Locale::default());
    provide_site_name();
    provide_public_app(PublicApp::More);
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/history") view=HistoryPage />
                <Route path=path!("/subscribe") view=SubscribePage />
            </Routes>
        </Router>
    }
}

/// Removes the server's first paint (`<div id="herald-prerender">`, the
/// current status as plain HTML for visitors without WebAssembly), so that
/// nothing shows twice once the app mounts. Call right before mounting.
pub fn remove_first_paint() {
    if let Some(first_paint) = document().get_element_by_id("herald-prerender") {
        first_paint.remove();
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_first_paint_is_removed_and_nothing_else() {
        let body = document().body().unwrap();
        let first_paint = document().create_element("div").unwrap();
        first_paint.set_id("herald-prerender");
        body.append_child(&first_paint).unwrap();
        let other = document().create_element("div").unwrap();
        other.set_id("kept");
        body.append_child(&other).unwrap();
        remove_first_paint();
        assert!(document().get_element_by_id("herald-prerender").is_none());
        assert!(document().get_element_by_id("kept").is_some());
        remove_first_paint(); // nothing left to remove: no panic
    }
}

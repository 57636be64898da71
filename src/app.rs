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
use crate::seed::{provide_seed, provide_viewer_zone, Seed};
use crate::site::{provide_public_app, provide_site_name, PublicApp};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The public app a visit starts in: the status page, and the incident
/// and maintenance permalinks it links to. The server renders it to HTML
/// from a [`Seed`] (`crate::render`), and the browser takes that HTML over
/// with the same seed; without one, pages fetch their documents.
#[component]
pub fn App(
    /// The documents the page was rendered from, if any.
    seed: Option<Seed>,
) -> impl IntoView {
    provide_locale(Locale::default());
    provide_site_name(seed.as_ref().map(Seed::site_name));
    provide_seed(seed);
    provide_viewer_zone();
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
/// Rendered and taken over as [`App`] is.
#[component]
pub fn MoreApp(
    /// The documents the page was rendered from, if any.
    seed: Option<Seed>,
) -> impl IntoView {
    provide_locale(Locale::default());
    provide_site_name(seed.as_ref().map(Seed::site_name));
    provide_seed(seed);
    provide_viewer_zone();
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

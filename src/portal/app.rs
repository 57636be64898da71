//! The portal's root component and router: the second web app, built as its
//! own wasm (`src/bin/herald-portal.rs`, `portal.html`) so that visitors of
//! the public page never download it. The server serves it for `/portal`
//! and everything under it.
//!
//! Every portal route is listed here and nowhere else. Links from the
//! portal to the public page leave this app: they carry `rel="external"` so
//! the router does a full page load instead of routing them here.

use crate::i18n::{provide_locale, Locale};
use crate::pages::NotFoundPage;
use crate::portal::{
    components::PortalShell, AdminPage, ComponentsPage, DeclarePage, DeliveriesPage,
    IncidentListPage, IncidentPortalPage, LoginPage, MaintenancesPage, NoticesPage,
};
use crate::site::provide_site_name;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

/// The whole portal app.
#[component]
pub fn PortalApp() -> impl IntoView {
    provide_locale(Locale::default());
    provide_site_name(None);
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/portal/login") view=LoginPage />
                // Every other page sits inside the signed-in shell.
                <ParentRoute path=path!("/portal") view=PortalShell>
                    <Route path=path!("") view=IncidentListPage />
                    <Route path=path!("declare") view=DeclarePage />
                    <Route path=path!("incidents/:id") view=IncidentPortalPage />
                    <Route path=path!("maintenances") view=MaintenancesPage />
                    <Route path=path!("components") view=ComponentsPage />
                    <Route path=path!("notices") view=NoticesPage />
                    <Route path=path!("admin") view=AdminPage />
                    <Route path=path!("deliveries") view=DeliveriesPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

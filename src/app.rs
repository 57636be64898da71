//! The root component: provides the locale and maps URLs to pages.
//!
//! Every route is listed here and nowhere else; an unknown path renders
//! [`NotFoundPage`].

use crate::i18n::{provide_locale, Locale};
use crate::pages::{NotFoundPage, StatusPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole web app.
#[component]
pub fn App() -> impl IntoView {
    provide_locale(Locale::default());
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=StatusPage />
            </Routes>
        </Router>
    }
}

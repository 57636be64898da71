//! The page for any path the router does not know.

use crate::components::{SiteFooter, SiteHeader, SiteTitle};
use crate::i18n::{use_locale, Msg};
use crate::site::link_rel;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found", with a way back to the status page.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let locale = use_locale();
    Effect::new(move || document().set_title(locale.text(Msg::NotFoundDocumentTitle)));
    view! {
        <SiteHeader>
            <SiteTitle />
        </SiteHeader>
        <main id="main" class="wrap not-found" tabindex="-1" data-testid="not-found">
            <h1>{locale.text(Msg::NotFoundHeading)}</h1>
            <p>{locale.text(Msg::NotFoundBody)}</p>
            <p>
                <A href="/" attr:rel=link_rel("/")>{locale.text(Msg::BackToStatus)}</A>
            </p>
        </main>
        <SiteFooter />
    }
}

//! The header title of every page but the home page: the status page's
//! name as a link home.

use crate::i18n::{use_locale, Msg};
use crate::site::{link_rel, use_site_name};
use leptos::prelude::*;
use leptos_router::components::A;

/// The status page's name (or a generic title until it is known), linking
/// to the home page. Not a heading: the page's own `<h1>` says where the
/// visitor is.
#[component]
pub fn SiteTitle() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    view! {
        <p class="site-title">
            <A href="/" attr:rel=link_rel("/")>
                {move || {
                    site.0.get().unwrap_or_else(|| locale.text(Msg::SiteTitleFallback).to_owned())
                }}
            </A>
        </p>
    }
}

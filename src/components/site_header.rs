//! The band at the top of every page.

use crate::i18n::{use_locale, Msg};
use crate::site::link_rel;
use leptos::prelude::*;
use leptos_router::components::A;

/// A "skip to content" link, then the `<header>` landmark with the page's
/// title (given by the page: an `<h1>` on the home page, a link home
/// elsewhere) and the navigation between the public pages.
#[component]
pub fn SiteHeader(
    /// The header's title.
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <a class="skip-link" href="#main">
            {locale.text(Msg::SkipToContent)}
        </a>
        <header class="site-header">
            <div class="wrap header-row">
                <div class="header-title">{children()}</div>
                <nav class="site-nav" aria-label=locale.text(Msg::NavLabel)>
                    <ul role="list">
                        <li>
                            <A href="/" exact=true attr:rel=link_rel("/")>
                                {locale.text(Msg::NavCurrent)}
                            </A>
                        </li>
                        <li>
                            <A href="/history" attr:rel=link_rel("/history")>{locale.text(Msg::NavHistory)}</A>
                        </li>
                        <li>
                            <A href="/subscribe" attr:rel=link_rel("/subscribe")>{locale.text(Msg::NavSubscribe)}</A>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

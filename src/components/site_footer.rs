//! The band at the bottom of every page.

use crate::i18n::{use_locale, Msg};
use leptos::prelude::*;

/// The `<footer>` landmark with the credit line.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>{use_locale().text(Msg::PoweredBy)}</p>
            </div>
        </footer>
    }
}

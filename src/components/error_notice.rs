//! What the page shows instead of the status when it could not be loaded.

use crate::api::FetchError;
use crate::i18n::{use_locale, Msg};
use leptos::prelude::*;

/// A heading, a sentence saying what went wrong, and a way to try again.
#[component]
pub fn ErrorNotice(
    /// What went wrong.
    error: FetchError,
    /// Called when the person asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="notice" data-testid="load-error" role="alert" aria-labelledby="load-error-heading">
            <h2 id="load-error-heading">{locale.text(Msg::LoadFailedHeading)}</h2>
            <p>{error.message(locale)}</p>
            <button type="button" on:click=move |_| on_retry.run(())>
                {locale.text(Msg::Retry)}
            </button>
        </section>
    }
}

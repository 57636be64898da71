//! What a page shows instead of its document: "not found" or "could not be
//! loaded", with the page's one `<h1>`.

use crate::api::FetchError;
use crate::i18n::{use_locale, Msg};
use leptos::prelude::*;
use leptos_router::components::A;

/// The page's document could not be shown: a 404-style message when it
/// does not exist (`not_found` heading and body), else the error in words.
#[component]
pub fn PageMessage(
    /// Why the document is not shown.
    error: FetchError,
    /// Heading when the document does not exist (already in the viewer's
    /// language: texts, not `Msg`s, so the catalogue is not looked up at
    /// run time).
    not_found_heading: &'static str,
    /// Explanation when the document does not exist.
    not_found_body: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let missing = error.is_not_found();
    let (heading, body) = if missing {
        (not_found_heading.to_owned(), not_found_body.to_owned())
    } else {
        leptos::logging::warn!("a document could not be loaded: {error}");
        (
            locale.text(Msg::LoadFailedHeading).to_owned(),
            error.message(locale),
        )
    };
    view! {
        <div
            class="page-message"
            data-testid=if missing { "not-found" } else { "load-error" }
        >
            <h1>{heading}</h1>
            <p>{body}</p>
            <p>
                <A href="/">{locale.text(Msg::BackToStatus)}</A>
            </p>
        </div>
    }
}

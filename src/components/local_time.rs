//! A timestamp shown in the viewer's own time zone.

use crate::i18n::use_locale;
use crate::seed::use_viewer_zone;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A `<time>` element: the viewer's local date and time as text, with the
/// zone named, the same instant in UTC as its tooltip, and the exact UTC
/// instant in `datetime`. Until the viewer's zone is known (a page rendered
/// on the server, and the moment the app takes it over) the text is in
/// UTC, named.
#[component]
pub fn LocalTime(
    /// The instant to show.
    at: DateTime<Utc>,
) -> impl IntoView {
    let locale = use_locale();
    let zone = use_viewer_zone();
    let text = move || match zone.known() {
        true => locale.datetime(at),
        false => locale.utc_words(at),
    };
    view! {
        <time datetime=herald_model::time::format(&at) title=locale.utc_datetime(at)>
            {text}
        </time>
    }
}

//! A timestamp shown in the viewer's own time zone.

use crate::i18n::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// A `<time>` element: the viewer's local date and time as text, with the
/// zone named, the same instant in UTC as its tooltip, and the exact UTC
/// instant in `datetime`.
#[component]
pub fn LocalTime(
    /// The instant to show.
    at: DateTime<Utc>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <time datetime=herald_model::time::format(&at) title=locale.utc_datetime(at)>
            {locale.datetime(at)}
        </time>
    }
}

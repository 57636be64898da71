//! The banner at the top of the status page: how everything is, in one
//! sentence, and how fresh that is.

use crate::components::{LocalTime, StatusIcon};
use crate::i18n::{use_locale, Msg};
use chrono::{DateTime, Utc};
use herald_model::Indicator;
use leptos::prelude::*;

/// The overall status banner. The sentence comes from the catalogue for
/// `indicator` (so it is translated), not from the document's English
/// `description`.
#[component]
pub fn OverallStatus(
    /// The page's overall status.
    indicator: Indicator,
    /// When anything on the page last changed.
    updated_at: DateTime<Utc>,
) -> impl IntoView {
    let locale = use_locale();
    let (before, after) = locale.split(Msg::LastUpdated, "time");
    view! {
        <section
            class=format!("overall level-{}", indicator.as_str())
            data-testid="overall-status"
            data-indicator=indicator.as_str()
            aria-labelledby="overall-status-text"
        >
            <StatusIcon level=indicator />
            <div class="overall-text">
                <h2 id="overall-status-text">{locale.text(Msg::Indicator(indicator))}</h2>
                <p class="overall-updated" data-testid="last-updated">
                    {before}
                    <LocalTime at=updated_at />
                    {after}
                </p>
            </div>
        </section>
    }
}

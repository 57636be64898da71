//! "Next update due in 12 min", or "Update overdue by 3 min".

use crate::i18n::PortalMsg as P;
use crate::portal::context::use_clock;
use crate::portal::countdown::Due;
use crate::portal::tf;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// The countdown to an open incident's next update, following the clock;
/// nothing for a resolved incident (no due time).
#[component]
pub fn NextUpdate(
    /// When the next update is due.
    due: Option<DateTime<Utc>>,
) -> impl IntoView {
    let clock = use_clock();
    due.map(|due| {
        let state = move || Due::at(due, clock.now());
        view! {
            <span
                class="next-update"
                class:overdue=move || state().is_overdue()
                data-testid="next-update"
                data-overdue=move || state().is_overdue().to_string()
            >
                {move || {
                    let s = state();
                    let msg = if s.is_overdue() { P::UpdateOverdueBy } else { P::NextUpdateIn };
                    tf(msg, &[("time", &s.amount())])
                }}
            </span>
        }
    })
}

//! A component status in words and with its icon.

use crate::components::StatusIcon;
use crate::i18n::{use_locale, Msg};
use herald_model::{ComponentStatus, Indicator};
use leptos::prelude::*;

/// A component status: its icon and its label, in the status colour.
#[component]
pub fn StatusBadge(
    /// The status to show.
    status: ComponentStatus,
) -> impl IntoView {
    let level = Indicator::from_component(status);
    view! {
        <span class=format!("status level-{}", level.as_str())>
            <StatusIcon level />
            <span class="status-label">{use_locale().text(Msg::Component(status))}</span>
        </span>
    }
}

//! The public updates of an incident or maintenance.

use crate::components::LocalTime;
use crate::i18n::{use_locale, Msg};
use herald_model::v2::IncidentUpdate;
use leptos::prelude::*;

/// Every update, newest first: its status, its time in the viewer's time
/// zone, and its message.
#[component]
pub fn UpdateList(
    /// The updates, in any order (they are shown newest first).
    updates: Vec<IncidentUpdate>,
) -> impl IntoView {
    let locale = use_locale();
    let mut updates = updates;
    updates.sort_by_key(|update| std::cmp::Reverse(update.display_at));
    view! {
        <ol class="updates" aria-label=locale.text(Msg::UpdatesLabel)>
            {updates
                .into_iter()
                .map(|update| {
                    view! {
                        <li
                            class="update"
                            data-testid="incident-update"
                            data-status=update.status.as_str()
                        >
                            <p class="update-meta">
                                <strong class="update-status">
                                    {locale.text(Msg::Update(update.status))}
                                </strong>
                                <LocalTime at=update.display_at />
                            </p>
                            <p class="update-body">{update.body}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

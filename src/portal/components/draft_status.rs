//! Where a draft is: saving, saved, or only in this browser.

use crate::i18n::PortalMsg as P;
use crate::portal::drafts::{Draft, DraftState};
use crate::portal::{t, tf};
use leptos::prelude::*;

/// One polite line about the draft, e.g. "Draft saved at 09:41".
#[component]
pub fn DraftStatus(
    /// The draft to report on.
    draft: Draft,
) -> impl IntoView {
    let locale = crate::i18n::use_locale();
    view! {
        <p class="draft-status" data-testid="draft-status" aria-live="polite">
            {move || match draft.state() {
                DraftState::Idle if draft.restored.get() => t(P::DraftRestored).to_owned(),
                DraftState::Idle => String::new(),
                DraftState::Saving => t(P::DraftSaving).to_owned(),
                DraftState::Saved(at) => tf(P::DraftSaved, &[("time", &locale.datetime(at))]),
                DraftState::LocalOnly(why) => {
                    leptos::logging::warn!("draft kept in this browser only: {why}");
                    t(P::DraftLocalOnly).to_owned()
                }
            }}
        </p>
    }
}

//! The components an incident or maintenance touches, by name.

use crate::i18n::{use_locale, Msg};
use herald_model::v2::Component;
use leptos::prelude::*;

/// "Affected components: API, Website", as a list; nothing when the list is
/// empty.
#[component]
pub fn AffectedComponents(
    /// The affected components (only their names are shown).
    components: Vec<Component>,
) -> impl IntoView {
    (!components.is_empty()).then(|| {
        view! {
            <div class="affected" data-testid="affected-components">
                <span class="affected-label">{use_locale().text(Msg::AffectedComponents)}</span>
                <ul class="tags" role="list">
                    {components
                        .into_iter()
                        .map(|c| view! { <li data-component-id=c.id>{c.name}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

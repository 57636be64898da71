//! A check box per component, for choosing some of them (what a
//! maintenance touches, what a notice subscription covers).

use crate::portal::components::CheckBox;
use herald_model::api::ComponentRecord;
use leptos::prelude::*;

/// One check box per component in `components` (groups are left out);
/// `chosen` holds the ids of the checked ones.
#[component]
pub fn ComponentChoices(
    /// The components to offer.
    #[prop(into)]
    components: Signal<Vec<ComponentRecord>>,
    /// The ids checked.
    chosen: RwSignal<Vec<String>>,
    /// Prefix of the check boxes' element ids.
    id_prefix: &'static str,
) -> impl IntoView {
    move || {
        components
            .get()
            .into_iter()
            .filter(|c| !c.component.group)
            .map(|c| {
                let id = c.component.id.clone();
                let toggled = id.clone();
                view! {
                    <CheckBox id=format!("{id_prefix}-{id}") label=c.component.name.clone()
                        checked=Signal::derive(move || chosen.with(|l| l.contains(&id)))
                        on_change=move |on| {
                            let id = toggled.clone();
                            chosen.update(|l| {
                                l.retain(|x| *x != id);
                                if on {
                                    l.push(id);
                                }
                            });
                        } />
                }
            })
            .collect_view()
    }
}

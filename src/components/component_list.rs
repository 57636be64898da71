//! The list of components: groups with their children beneath, and
//! standalone components, as [`herald_model::component_tree`] decides.

use crate::components::ComponentRow;
use crate::i18n::{use_locale, Msg};
use herald_model::component_tree::{visible_entries, Entry};
use herald_model::v2::Component;
use leptos::prelude::*;

/// The "Components" section of the status page.
#[component]
pub fn ComponentList(
    /// Every public component, groups and children, flat (as in the v2
    /// `components` list); hidden ones are filtered out here.
    components: Vec<Component>,
) -> impl IntoView {
    let locale = use_locale();
    let entries = visible_entries(&components);
    let body = if entries.is_empty() {
        view! { <p class="empty">{locale.text(Msg::NoComponents)}</p> }.into_any()
    } else {
        view! {
            <ul class="component-list" role="list">
                {entries.into_iter().map(entry_view).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="components" aria-labelledby="components-heading">
            <h2 id="components-heading">{locale.text(Msg::ComponentsHeading)}</h2>
            {body}
        </section>
    }
}

fn entry_view(entry: Entry) -> impl IntoView {
    match entry {
        Entry::Standalone(component) => {
            let status = component.status;
            view! {
                <li class="entry">
                    <ComponentRow component status />
                </li>
            }
            .into_any()
        }
        Entry::Group {
            group,
            status,
            children,
        } => {
            let group_id = group.id.clone();
            let children_id = format!("group-children-{group_id}");
            let expanded = RwSignal::new(true);
            view! {
                <li class="entry group" data-testid="component-group" data-component-id=group_id>
                    <ComponentRow component=group status expanded controls=children_id.clone() />
                    <ul
                        class="children"
                        id=children_id
                        role="list"
                        hidden=move || !expanded.get()
                    >
                        {children
                            .into_iter()
                            .map(|child| {
                                let status = child.status;
                                view! {
                                    <li>
                                        <ComponentRow component=child status />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </li>
            }
            .into_any()
        }
    }
}

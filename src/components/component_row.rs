//! One line of the component list: a component's name and status.

use crate::components::StatusBadge;
use herald_model::v2::Component;
use herald_model::ComponentStatus;
use leptos::prelude::*;

/// A component (or a group's own line) with its status in words and icon.
/// A group's line makes its name a button that shows or hides its
/// children.
#[component]
pub fn ComponentRow(
    /// The component or group.
    component: Component,
    /// The status to show: the component's own, or a group's worst child.
    status: ComponentStatus,
    /// For a group: whether its children are shown (the name becomes a
    /// toggle button).
    #[prop(optional)]
    expanded: Option<RwSignal<bool>>,
    /// For a group: the id of the element holding its children.
    #[prop(optional, into)]
    controls: Option<String>,
) -> impl IntoView {
    let Component {
        id,
        name,
        description,
        group,
        ..
    } = component;
    let label = match expanded {
        Some(expanded) => view! {
            <button
                type="button"
                class="group-toggle"
                aria-expanded=move || expanded.get().to_string()
                aria-controls=controls
                on:click=move |_| expanded.update(|open| *open = !*open)
            >
                <svg class="chevron" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M9 6l6 6-6 6" />
                </svg>
                <span class="component-name">{name}</span>
            </button>
        }
        .into_any(),
        None => view! { <span class="component-name">{name}</span> }.into_any(),
    };
    view! {
        <div
            class="component-row"
            data-testid="component"
            data-component-id=id
            data-status=status.as_str()
            data-group=group.then_some("true")
        >
            <div class="component-text">
                {label}
                {description
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| view! { <span class="component-description">{d}</span> })}
            </div>
            <StatusBadge status />
        </div>
    }
}

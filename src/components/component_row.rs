//! One line of the component list: a component's name and status.

use crate::components::StatusBadge;
use herald_model::v2::Component;
use herald_model::ComponentStatus;
use leptos::prelude::*;

/// A component (or a group's own line) with its status in words and icon.
#[component]
pub fn ComponentRow(
    /// The component or group.
    component: Component,
    /// The status to show: the component's own, or a group's worst child.
    status: ComponentStatus,
) -> impl IntoView {
    let Component {
        id,
        name,
        description,
        group,
        ..
    } = component;
    view! {
        <div
            class="component-row"
            data-testid="component"
            data-component-id=id
            data-status=status.as_str()
            data-group=group.then_some("true")
        >
            <div class="component-text">
                <span class="component-name">{name}</span>
                {description
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| view! { <span class="component-description">{d}</span> })}
            </div>
            <StatusBadge status />
        </div>
    }
}

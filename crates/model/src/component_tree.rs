//! Which components the public page shows, in what order and shape: the flat
//! `components` list of a v2 document turned into groups with their children
//! and standalone components.
//!
//! The rules: top-level entries and each group's children are ordered by
//! `position`; a group shows the worst status of its children; a component
//! with `only_show_if_degraded` is hidden while it is operational, and so is
//! a group with no child left to show.

use crate::v2::Component;
use crate::ComponentStatus;

/// One top-level entry of the component list.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    /// A group and its visible children, in order.
    Group {
        /// The group itself.
        group: Component,
        /// The worst status of all its children.
        status: ComponentStatus,
        /// The children to show, ordered by position.
        children: Vec<Component>,
    },
    /// A component outside any group.
    Standalone(Component),
}

/// The entries to show for `components` (a v2 `components` list), in order.
///
/// A child whose group is missing from the list is shown as standalone
/// rather than lost.
pub fn visible_entries(components: &[Component]) -> Vec<Entry> {
    let is_group_id = |id: &str| components.iter().any(|c| c.group && c.id == id);
    let mut top: Vec<&Component> = components
        .iter()
        .filter(|c| c.group || c.group_id.as_deref().is_none_or(|g| !is_group_id(g)))
        .collect();
    top.sort_by_key(|c| c.position);

    top.into_iter()
        .filter_map(|c| {
            if !c.group {
                return shown(c, c.status).then(|| Entry::Standalone(c.clone()));
            }
            let mut members: Vec<&Component> = components
                .iter()
                .filter(|m| !m.group && m.group_id.as_deref() == Some(c.id.as_str()))
                .collect();
            members.sort_by_key(|m| m.position);
            let status = ComponentStatus::worst(members.iter().map(|m| m.status));
            let children: Vec<Component> = members
                .into_iter()
                .filter(|m| shown(m, m.status))
                .cloned()
                .collect();
            (!children.is_empty() && shown(c, status)).then(|| Entry::Group {
                group: c.clone(),
                status,
                children,
            })
        })
        .collect()
}

/// Whether `component`, currently in `status`, is shown.
fn shown(component: &Component, status: ComponentStatus) -> bool {
    !(component.only_show_if_degraded && status == ComponentStatus::Operational)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use ComponentStatus::*;

    fn component(id: &str, position: i64, status: ComponentStatus) -> Component {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
        Component {
            id: id.into(),
            name: id.to_uppercase(),
            status,
            created_at: at,
            updated_at: at,
            position,
            description: None,
            showcase: true,
            start_date: None,
            group_id: None,
            page_id: "pg1".into(),
            group: false,
            only_show_if_degraded: false,
            components: None,
        }
    }

    fn group(id: &str, position: i64, children: &[&str]) -> Component {
        Component {
            group: true,
            components: Some(children.iter().map(|c| c.to_string()).collect()),
            ..component(id, position, Operational)
        }
    }

    fn child(id: &str, group: &str, position: i64, status: ComponentStatus) -> Component {
        Component {
            group_id: Some(group.into()),
            ..component(id, position, status)
        }
    }

    fn ids(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| match e {
                Entry::Group {
                    group, children, ..
                } => format!(
                    "{}[{}]",
                    group.id,
                    children
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                Entry::Standalone(c) => c.id.clone(),
            })
            .collect()
    }

    #[test]
    fn groups_hold_their_children_and_everything_follows_position() {
        let list = [
            child("db", "core", 2, Operational),
            component("web", 3, Operational),
            group("core", 1, &["api", "db"]),
            child("api", "core", 1, Operational),
            component("cdn", 0, Operational),
        ];
        assert_eq!(ids(&visible_entries(&list)), ["cdn", "core[api,db]", "web"]);
    }

    #[test]
    fn a_group_shows_its_worst_child() {
        let list = [
            group("core", 1, &["api", "db"]),
            child("api", "core", 1, UnderMaintenance),
            child("db", "core", 2, PartialOutage),
        ];
        let entries = visible_entries(&list);
        assert!(matches!(
            &entries[0],
            Entry::Group {
                status: PartialOutage,
                ..
            }
        ));
    }

    #[test]
    fn degraded_only_components_hide_while_operational() {
        let mut quiet = component("quiet", 1, Operational);
        quiet.only_show_if_degraded = true;
        let mut loud = component("loud", 2, MajorOutage);
        loud.only_show_if_degraded = true;
        let mut hidden_child = child("batch", "core", 2, Operational);
        hidden_child.only_show_if_degraded = true;
        let list = [
            quiet,
            loud,
            group("core", 3, &["api", "batch"]),
            child("api", "core", 1, Operational),
            hidden_child,
        ];
        assert_eq!(ids(&visible_entries(&list)), ["loud", "core[api]"]);
    }

    #[test]
    fn a_group_with_nothing_to_show_is_hidden() {
        let mut only = child("batch", "core", 1, Operational);
        only.only_show_if_degraded = true;
        let mut degraded_only_group = group("edge", 2, &["pop"]);
        degraded_only_group.only_show_if_degraded = true;
        let list = [
            group("core", 1, &["batch"]),
            only,
            group("empty", 3, &[]),
            degraded_only_group,
            child("pop", "edge", 1, Operational),
        ];
        assert!(visible_entries(&list).is_empty());
    }

    #[test]
    fn a_child_of_a_missing_group_is_shown_standalone() {
        let list = [child("api", "gone", 1, DegradedPerformance)];
        assert_eq!(ids(&visible_entries(&list)), ["api"]);
    }
}

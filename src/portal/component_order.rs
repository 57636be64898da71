//! The order of the components page: groups and components as the public
//! page shows them, and the position changes that move one of them a step
//! up or down among its neighbours. Plain functions with host tests; the
//! page sends the changes (`crate::portal::pages::ComponentsPage`).
//!
//! The order is the model's (`herald_model::component_tree`): top-level
//! entries — groups and components outside any group — by position, each
//! group followed by its members by position. Equal positions keep the
//! server's order.

use herald_model::api::ComponentRecord;

/// Whether an entry's neighbours are the top-level entries or the members
/// of a group (`Some(group id)`).
fn level(record: &ComponentRecord, records: &[ComponentRecord]) -> Option<String> {
    let c = &record.component;
    if c.group {
        return None;
    }
    c.group_id.clone().filter(|g| {
        records
            .iter()
            .any(|r| r.component.group && &r.component.id == g)
    })
}

/// The entries at one level, by position.
fn siblings<'a>(records: &'a [ComponentRecord], at: &Option<String>) -> Vec<&'a ComponentRecord> {
    let mut out: Vec<&ComponentRecord> = records
        .iter()
        .filter(|r| &level(r, records) == at)
        .collect();
    out.sort_by_key(|r| r.component.position);
    out
}

/// The records in page order; `true` marks a group's member.
pub fn in_page_order(records: &[ComponentRecord]) -> Vec<(ComponentRecord, bool)> {
    let mut out = Vec::new();
    for top in siblings(records, &None) {
        out.push((top.clone(), false));
        if top.component.group {
            let group = Some(top.component.id.clone());
            out.extend(
                siblings(records, &group)
                    .into_iter()
                    .map(|m| (m.clone(), true)),
            );
        }
    }
    out
}

/// A step up or down the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Towards the top.
    Up,
    /// Towards the bottom.
    Down,
}

/// A new position for one component: its id, the version it is based on,
/// and the position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPosition {
    /// The component's id.
    pub id: String,
    /// Its current version.
    pub version: i64,
    /// Where it goes.
    pub position: i64,
}

/// Whether `id` can take a step (it is not already first or last among its
/// neighbours).
pub fn can_move(records: &[ComponentRecord], id: &str, step: Step) -> bool {
    !moves(records, id, step).is_empty()
}

/// The position changes that move `id` one step among its neighbours: it
/// swaps positions with the neighbour it passes or, when the two share a
/// position, the neighbours are numbered 1, 2, 3… in their new order (only
/// those whose position changes are listed). Empty when it cannot move that
/// way.
pub fn moves(records: &[ComponentRecord], id: &str, step: Step) -> Vec<NewPosition> {
    let Some(record) = records.iter().find(|r| r.component.id == id) else {
        return Vec::new();
    };
    let mut order = siblings(records, &level(record, records));
    let Some(from) = order.iter().position(|r| r.component.id == id) else {
        return Vec::new();
    };
    let to = match step {
        Step::Up if from > 0 => from - 1,
        Step::Down if from + 1 < order.len() => from + 1,
        _ => return Vec::new(),
    };
    let (mover, other) = (order[from], order[to]);
    if mover.component.position != other.component.position {
        let change = |r: &ComponentRecord, position| NewPosition {
            id: r.component.id.clone(),
            version: r.version,
            position,
        };
        return vec![
            change(mover, other.component.position),
            change(other, mover.component.position),
        ];
    }
    order.swap(from, to);
    order
        .into_iter()
        .zip(1..)
        .filter(|(r, position)| r.component.position != *position)
        .map(|(r, position)| NewPosition {
            id: r.component.id.clone(),
            version: r.version,
            position,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, group: bool, group_id: Option<&str>, position: i64) -> ComponentRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id.to_uppercase(), "status": "operational",
            "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
            "position": position, "description": null, "showcase": true, "start_date": null,
            "group_id": group_id, "page_id": "p", "group": group, "only_show_if_degraded": false,
            "components": null, "version": 3, "internal_only": false
        }))
        .unwrap()
    }

    fn page() -> Vec<ComponentRecord> {
        vec![
            record("web", false, None, 5),
            record("api", false, Some("platform"), 2),
            record("platform", true, None, 1),
            record("db", false, Some("platform"), 1),
            record("vault", false, Some("gone"), 0),
            record("data", true, None, 3),
        ]
    }

    #[test]
    fn top_level_entries_interleave_by_position_and_groups_bring_their_members() {
        let order: Vec<(String, bool)> = in_page_order(&page())
            .into_iter()
            .map(|(r, member)| (r.component.id, member))
            .collect();
        let order: Vec<(&str, bool)> = order.iter().map(|(id, m)| (id.as_str(), *m)).collect();
        assert_eq!(
            order,
            [
                ("vault", false),
                ("platform", false),
                ("db", true),
                ("api", true),
                ("data", false),
                ("web", false)
            ],
            "a member of a missing group is a top-level entry"
        );
    }

    #[test]
    fn a_step_swaps_positions_with_the_neighbour_it_passes() {
        let records = page();
        let new = |id: &str, position| NewPosition {
            id: id.to_owned(),
            version: 3,
            position,
        };
        assert_eq!(
            moves(&records, "api", Step::Up),
            [new("api", 1), new("db", 2)],
            "members move within their group"
        );
        assert_eq!(
            moves(&records, "data", Step::Up),
            [new("data", 1), new("platform", 3)],
            "groups and loose components are neighbours"
        );
        assert_eq!(
            moves(&records, "vault", Step::Down),
            [new("vault", 1), new("platform", 0)]
        );
    }

    #[test]
    fn the_first_cannot_go_up_nor_the_last_down() {
        let records = page();
        assert!(!can_move(&records, "db", Step::Up));
        assert!(!can_move(&records, "api", Step::Down));
        assert!(!can_move(&records, "vault", Step::Up));
        assert!(!can_move(&records, "web", Step::Down));
        assert!(can_move(&records, "web", Step::Up));
        assert!(moves(&records, "nobody", Step::Up).is_empty());
    }

    #[test]
    fn equal_positions_keep_the_servers_order_and_a_step_renumbers_them() {
        let records = vec![
            record("a", false, None, 1),
            record("b", false, None, 1),
            record("c", false, None, 1),
        ];
        let ids: Vec<String> = in_page_order(&records)
            .into_iter()
            .map(|(r, _)| r.component.id)
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let changed: Vec<(String, i64)> = moves(&records, "c", Step::Up)
            .into_iter()
            .map(|m| (m.id, m.position))
            .collect();
        assert_eq!(
            changed,
            [("c".to_owned(), 2), ("b".to_owned(), 3)],
            "a stays 1"
        );
    }
}

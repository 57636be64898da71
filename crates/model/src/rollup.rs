//! The overall status of the page: Statuspage's `indicator` and
//! `description`, rolled up from components, incidents and maintenances.

use crate::status::{wire_enum, ComponentStatus, Impact, UnknownValue};
use serde::{Deserialize, Serialize};
use std::fmt;

wire_enum! {
    /// The page's overall status, as Statuspage's `status.indicator`.
    pub enum Indicator {
        /// Everything works.
        None = "none",
        /// Minor disruption.
        Minor = "minor",
        /// Partial outage.
        Major = "major",
        /// Major outage.
        Critical = "critical",
        /// Planned maintenance and nothing worse.
        Maintenance = "maintenance",
    }
}

impl Indicator {
    /// The Statuspage description shown beside the indicator.
    pub const fn description(self) -> &'static str {
        match self {
            Indicator::None => "All Systems Operational",
            Indicator::Minor => "Minor Service Outage",
            Indicator::Major => "Partial System Outage",
            Indicator::Critical => "Major Service Outage",
            Indicator::Maintenance => "Service Under Maintenance",
        }
    }

    /// Rank for picking the worst: maintenance shows only when nothing is worse.
    const fn badness(self) -> u8 {
        match self {
            Indicator::None => 0,
            Indicator::Maintenance => 1,
            Indicator::Minor => 2,
            Indicator::Major => 3,
            Indicator::Critical => 4,
        }
    }

    /// What a component in `status` contributes to the overall status.
    pub const fn from_component(status: ComponentStatus) -> Indicator {
        match status {
            ComponentStatus::Operational => Indicator::None,
            ComponentStatus::DegradedPerformance => Indicator::Minor,
            ComponentStatus::PartialOutage => Indicator::Major,
            ComponentStatus::MajorOutage => Indicator::Critical,
            ComponentStatus::UnderMaintenance => Indicator::Maintenance,
        }
    }

    /// What an unresolved incident with `impact` contributes.
    pub const fn from_impact(impact: Impact) -> Indicator {
        match impact {
            Impact::None => Indicator::None,
            Impact::Minor => Indicator::Minor,
            Impact::Major => Indicator::Major,
            Impact::Critical => Indicator::Critical,
            Impact::Maintenance => Indicator::Maintenance,
        }
    }
}

/// What the overall status is computed from. Callers pass only what is
/// public: unresolved public incidents, public components, and whether a
/// public maintenance is in progress.
#[derive(Clone, Debug, Default)]
pub struct RollupInput<'a> {
    /// Current status of each public (non-group) component.
    pub component_statuses: &'a [ComponentStatus],
    /// Impact of each unresolved public incident.
    pub incident_impacts: &'a [Impact],
    /// Whether a public scheduled maintenance is in progress or verifying.
    pub maintenance_active: bool,
}

/// The overall status: the worst of the unresolved incidents' impact and the
/// components' status; maintenance shows only when nothing is worse.
pub fn overall_status(input: &RollupInput<'_>) -> Indicator {
    let components = input
        .component_statuses
        .iter()
        .map(|s| Indicator::from_component(*s));
    let incidents = input
        .incident_impacts
        .iter()
        .map(|i| Indicator::from_impact(*i));
    let maintenance = input.maintenance_active.then_some(Indicator::Maintenance);
    components
        .chain(incidents)
        .chain(maintenance)
        .max_by_key(|i| i.badness())
        .unwrap_or(Indicator::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComponentStatus::*;

    fn rollup(components: &[ComponentStatus], impacts: &[Impact], maint: bool) -> Indicator {
        overall_status(&RollupInput {
            component_statuses: components,
            incident_impacts: impacts,
            maintenance_active: maint,
        })
    }

    #[test]
    fn nothing_wrong_is_all_systems_operational() {
        let i = rollup(&[Operational, Operational], &[], false);
        assert_eq!(i, Indicator::None);
        assert_eq!(i.description(), "All Systems Operational");
        assert_eq!(rollup(&[], &[], false), Indicator::None);
    }

    #[test]
    fn component_statuses_map_to_indicators() {
        assert_eq!(rollup(&[DegradedPerformance], &[], false), Indicator::Minor);
        assert_eq!(rollup(&[PartialOutage], &[], false), Indicator::Major);
        assert_eq!(rollup(&[MajorOutage], &[], false), Indicator::Critical);
        assert_eq!(
            rollup(&[UnderMaintenance], &[], false),
            Indicator::Maintenance
        );
    }

    #[test]
    fn the_worst_of_incidents_and_components_wins() {
        assert_eq!(
            rollup(&[DegradedPerformance], &[Impact::Critical], false),
            Indicator::Critical
        );
        assert_eq!(
            rollup(&[MajorOutage], &[Impact::Minor], false),
            Indicator::Critical
        );
        assert_eq!(
            rollup(&[Operational], &[Impact::Minor, Impact::Major], false),
            Indicator::Major
        );
        assert_eq!(
            rollup(&[Operational], &[Impact::None], false),
            Indicator::None
        );
    }

    #[test]
    fn maintenance_shows_only_when_nothing_is_worse() {
        assert_eq!(rollup(&[Operational], &[], true), Indicator::Maintenance);
        assert_eq!(
            rollup(&[UnderMaintenance, DegradedPerformance], &[], true),
            Indicator::Minor
        );
        assert_eq!(
            rollup(&[UnderMaintenance], &[Impact::Major], false),
            Indicator::Major
        );
        assert_eq!(
            Indicator::Maintenance.description(),
            "Service Under Maintenance"
        );
    }

    #[test]
    fn descriptions_match_statuspage() {
        assert_eq!(Indicator::Minor.description(), "Minor Service Outage");
        assert_eq!(Indicator::Major.description(), "Partial System Outage");
        assert_eq!(Indicator::Critical.description(), "Major Service Outage");
    }
}

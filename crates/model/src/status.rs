//! The status vocabularies: component, incident, maintenance and update
//! statuses, and public impact. Their wire spellings are Statuspage's.
//!
//! The rules that move between statuses live here too (allowed incident
//! transitions); the overall rollup lives in [`crate::rollup`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// Defines a string-valued enum whose wire spelling is fixed, with `as_str`,
/// `ALL`, `Display` and `FromStr`.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        // Written out rather than derived: the derive cannot read the
        // `rename` of a macro's literal and would publish the Rust names.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
                utoipa::openapi::RefOr::T(Schema::Object(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some([$($text),+]))
                        .build(),
                ))
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $name {
            /// Every value, in order of the declaration.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire spelling.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        kind: stringify!($name),
                        value: s.to_owned(),
                        allowed: &[$($text),+],
                    }),
                }
            }
        }
    };
}
pub(crate) use wire_enum;

/// A string that is not one of an enum's wire spellings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum's name.
    pub kind: &'static str,
    /// The rejected input.
    pub value: String,
    /// The accepted spellings.
    pub allowed: &'static [&'static str],
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a {}; expected one of: {}",
            self.value,
            self.kind,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

wire_enum! {
    /// How a component is doing right now.
    pub enum ComponentStatus {
        /// Working normally.
        Operational = "operational",
        /// Working, but slower or less reliable than usual.
        DegradedPerformance = "degraded_performance",
        /// Down for some customers or some functions.
        PartialOutage = "partial_outage",
        /// Down for everyone.
        MajorOutage = "major_outage",
        /// Planned work is under way.
        UnderMaintenance = "under_maintenance",
    }
}

impl ComponentStatus {
    /// How bad the status is for a customer, for picking the worst of several
    /// (e.g. a group shows its worst child). Maintenance is planned, so it
    /// ranks below any unplanned disruption but above normal operation.
    pub const fn badness(self) -> u8 {
        match self {
            ComponentStatus::Operational => 0,
            ComponentStatus::UnderMaintenance => 1,
            ComponentStatus::DegradedPerformance => 2,
            ComponentStatus::PartialOutage => 3,
            ComponentStatus::MajorOutage => 4,
        }
    }

    /// The worst of several statuses; `Operational` for none.
    pub fn worst(statuses: impl IntoIterator<Item = ComponentStatus>) -> ComponentStatus {
        statuses
            .into_iter()
            .max_by_key(|s| s.badness())
            .unwrap_or(ComponentStatus::Operational)
    }
}

wire_enum! {
    /// The lifecycle of an incident, as customers see it.
    pub enum IncidentStatus {
        /// The team knows something is wrong and is looking into it.
        Investigating = "investigating",
        /// The cause is known and a fix is being worked on.
        Identified = "identified",
        /// A fix is in place and the team watches the results.
        Monitoring = "monitoring",
        /// The business impact is over.
        Resolved = "resolved",
        /// The post-incident review has been published.
        Postmortem = "postmortem",
    }
}

impl IncidentStatus {
    /// Whether the incident is still open (shown as active on the page).
    pub const fn is_unresolved(self) -> bool {
        matches!(
            self,
            IncidentStatus::Investigating | IncidentStatus::Identified | IncidentStatus::Monitoring
        )
    }

    /// Whether an update may move an incident from `self` to `next`.
    ///
    /// While an incident is open, any open status may follow any other (a
    /// theory can turn out wrong, a fix can fail, and an update may repeat
    /// its status), and it may be resolved. A resolved incident is not
    /// reopened — a recurrence is a new incident with its own record — but
    /// its post-incident review can be published, and updated.
    pub const fn can_move_to(self, next: IncidentStatus) -> bool {
        match (self, next) {
            (from, _) if from.is_unresolved() => !matches!(next, IncidentStatus::Postmortem),
            (IncidentStatus::Resolved, IncidentStatus::Postmortem) => true,
            (IncidentStatus::Postmortem, IncidentStatus::Postmortem) => true,
            _ => false,
        }
    }

    /// The statuses an update may move `self` to, in lifecycle order.
    pub fn next_statuses(self) -> Vec<IncidentStatus> {
        IncidentStatus::ALL
            .iter()
            .copied()
            .filter(|next| self.can_move_to(*next))
            .collect()
    }
}

wire_enum! {
    /// The lifecycle of a scheduled maintenance.
    pub enum MaintenanceStatus {
        /// Announced, not started.
        Scheduled = "scheduled",
        /// The work is being done.
        InProgress = "in_progress",
        /// The work is done and being checked.
        Verifying = "verifying",
        /// Over.
        Completed = "completed",
    }
}

impl MaintenanceStatus {
    /// Whether the maintenance window is running (`in_progress` or `verifying`).
    pub const fn is_active(self) -> bool {
        matches!(
            self,
            MaintenanceStatus::InProgress | MaintenanceStatus::Verifying
        )
    }
}

wire_enum! {
    /// The public impact of an incident (Statuspage's `impact`).
    pub enum Impact {
        /// No customer impact worth a colour.
        None = "none",
        /// Minor impact.
        Minor = "minor",
        /// Major impact.
        Major = "major",
        /// Critical impact.
        Critical = "critical",
        /// Planned maintenance (used by scheduled maintenances only).
        Maintenance = "maintenance",
    }
}

wire_enum! {
    /// The status an update carries: an incident status, or a maintenance
    /// status for updates of a scheduled maintenance.
    pub enum UpdateStatus {
        /// See [`IncidentStatus::Investigating`].
        Investigating = "investigating",
        /// See [`IncidentStatus::Identified`].
        Identified = "identified",
        /// See [`IncidentStatus::Monitoring`].
        Monitoring = "monitoring",
        /// See [`IncidentStatus::Resolved`].
        Resolved = "resolved",
        /// See [`IncidentStatus::Postmortem`].
        Postmortem = "postmortem",
        /// See [`MaintenanceStatus::Scheduled`].
        Scheduled = "scheduled",
        /// See [`MaintenanceStatus::InProgress`].
        InProgress = "in_progress",
        /// See [`MaintenanceStatus::Verifying`].
        Verifying = "verifying",
        /// See [`MaintenanceStatus::Completed`].
        Completed = "completed",
    }
}

impl From<IncidentStatus> for UpdateStatus {
    fn from(s: IncidentStatus) -> Self {
        match s {
            IncidentStatus::Investigating => UpdateStatus::Investigating,
            IncidentStatus::Identified => UpdateStatus::Identified,
            IncidentStatus::Monitoring => UpdateStatus::Monitoring,
            IncidentStatus::Resolved => UpdateStatus::Resolved,
            IncidentStatus::Postmortem => UpdateStatus::Postmortem,
        }
    }
}

impl From<MaintenanceStatus> for UpdateStatus {
    fn from(s: MaintenanceStatus) -> Self {
        match s {
            MaintenanceStatus::Scheduled => UpdateStatus::Scheduled,
            MaintenanceStatus::InProgress => UpdateStatus::InProgress,
            MaintenanceStatus::Verifying => UpdateStatus::Verifying,
            MaintenanceStatus::Completed => UpdateStatus::Completed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_spellings_round_trip_through_serde_and_from_str() {
        for s in ComponentStatus::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(serde_json::from_str::<ComponentStatus>(&json).unwrap(), *s);
            assert_eq!(s.as_str().parse::<ComponentStatus>().unwrap(), *s);
        }
        for s in UpdateStatus::ALL {
            assert_eq!(s.as_str().parse::<UpdateStatus>().unwrap(), *s);
        }
    }

    #[test]
    fn unknown_value_names_the_allowed_spellings() {
        let err = "broken".parse::<ComponentStatus>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("'broken'"), "{text}");
        assert!(text.contains("major_outage"), "{text}");
    }

    #[test]
    fn worst_component_status_prefers_outages_over_maintenance() {
        use ComponentStatus::*;
        assert_eq!(ComponentStatus::worst([]), Operational);
        assert_eq!(
            ComponentStatus::worst([Operational, UnderMaintenance]),
            UnderMaintenance
        );
        assert_eq!(
            ComponentStatus::worst([UnderMaintenance, DegradedPerformance]),
            DegradedPerformance
        );
        assert_eq!(
            ComponentStatus::worst([MajorOutage, PartialOutage, Operational]),
            MajorOutage
        );
    }

    #[test]
    fn open_incidents_move_freely_among_open_statuses_and_to_resolved() {
        use IncidentStatus::*;
        for from in [Investigating, Identified, Monitoring] {
            for to in [Investigating, Identified, Monitoring, Resolved] {
                assert!(from.can_move_to(to), "{from} -> {to}");
            }
            assert!(!from.can_move_to(Postmortem), "{from} -> postmortem");
        }
    }

    #[test]
    fn resolved_incidents_only_move_to_postmortem() {
        use IncidentStatus::*;
        assert_eq!(Resolved.next_statuses(), vec![Postmortem]);
        assert_eq!(Postmortem.next_statuses(), vec![Postmortem]);
        assert!(!Resolved.can_move_to(Investigating));
        assert!(!Resolved.can_move_to(Resolved));
    }

    #[test]
    fn only_open_statuses_are_unresolved() {
        use IncidentStatus::*;
        let open: Vec<_> = IncidentStatus::ALL
            .iter()
            .filter(|s| s.is_unresolved())
            .collect();
        assert_eq!(open, vec![&Investigating, &Identified, &Monitoring]);
    }

    #[test]
    fn maintenance_is_active_while_in_progress_or_verifying() {
        use MaintenanceStatus::*;
        assert!(!Scheduled.is_active());
        assert!(InProgress.is_active());
        assert!(Verifying.is_active());
        assert!(!Completed.is_active());
    }
}

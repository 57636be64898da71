//! Update cadence: when the next update of an open incident is due, by
//! severity. Customers and staff who hear nothing assume the worst; the
//! portal counts down to the next update and flags incidents that are late.

use crate::severity::Severity;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Minutes between updates for each severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    /// Minutes between updates of a Sev 1 incident.
    pub sev1_minutes: u32,
    /// Minutes between updates of a Sev 2 incident.
    pub sev2_minutes: u32,
    /// Minutes between updates of a Sev 3 incident.
    pub sev3_minutes: u32,
}

impl Default for Cadence {
    /// Sev 1 every 30 minutes, Sev 2 every hour, Sev 3 every 4 hours.
    fn default() -> Self {
        Cadence {
            sev1_minutes: 30,
            sev2_minutes: 60,
            sev3_minutes: 240,
        }
    }
}

impl Cadence {
    /// The interval for `severity`.
    pub fn interval(&self, severity: Severity) -> Duration {
        let minutes = match severity {
            Severity::Sev1 => self.sev1_minutes,
            Severity::Sev2 => self.sev2_minutes,
            Severity::Sev3 => self.sev3_minutes,
        };
        Duration::minutes(i64::from(minutes))
    }

    /// Checks every interval is between 1 minute and 24 hours.
    pub fn validate(&self) -> Result<(), crate::api::FieldError> {
        for (field, m) in [
            ("sev1_minutes", self.sev1_minutes),
            ("sev2_minutes", self.sev2_minutes),
            ("sev3_minutes", self.sev3_minutes),
        ] {
            if !(1..=24 * 60).contains(&m) {
                return Err(crate::api::FieldError::new(
                    field,
                    format!("must be between 1 and 1440 minutes, not {m}"),
                ));
            }
        }
        Ok(())
    }
}

/// When the next update is due: one interval after the last update.
pub fn next_due(
    last_update: DateTime<Utc>,
    severity: Severity,
    cadence: &Cadence,
) -> DateTime<Utc> {
    last_update + cadence.interval(severity)
}

/// Whether an update is late at `now`.
pub fn is_overdue(due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now > due
}

/// A duration as people read it: "45 min", "1 h 5 min", "2 d 3 h".
pub fn human_duration(d: Duration) -> String {
    let minutes = d.num_minutes().abs();
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (d, 0, _) => format!("{d} d"),
        (d, h, _) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn defaults_follow_severity() {
        let c = Cadence::default();
        let t = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
        assert_eq!(next_due(t, Severity::Sev1, &c), t + Duration::minutes(30));
        assert_eq!(next_due(t, Severity::Sev2, &c), t + Duration::hours(1));
        assert_eq!(next_due(t, Severity::Sev3, &c), t + Duration::hours(4));
    }

    #[test]
    fn late_only_after_the_due_time() {
        let due = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        assert!(!is_overdue(due, due));
        assert!(is_overdue(due, due + Duration::seconds(1)));
    }

    #[test]
    fn configured_intervals_are_bounded() {
        let mut c = Cadence {
            sev2_minutes: 15,
            ..Cadence::default()
        };
        assert!(c.validate().is_ok());
        assert_eq!(c.interval(Severity::Sev2), Duration::minutes(15));
        c.sev1_minutes = 0;
        assert_eq!(c.validate().unwrap_err().field, "sev1_minutes");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(Duration::minutes(45)), "45 min");
        assert_eq!(human_duration(Duration::minutes(60)), "1 h");
        assert_eq!(human_duration(Duration::minutes(65)), "1 h 5 min");
        assert_eq!(
            human_duration(Duration::minutes(3 * 24 * 60 + 125)),
            "3 d 2 h"
        );
        assert_eq!(human_duration(Duration::days(2)), "2 d");
    }
}

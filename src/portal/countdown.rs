//! How long until an open incident's next update is due, or how late it is.
//! A pure function of the due time and "now", so the shell's clock can
//! re-derive it every tick (nothing stores a countdown).

use chrono::{DateTime, Duration, Utc};
use herald_model::cadence::{human_duration, is_overdue};

/// Where an incident stands against its update cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// The next update is due after this long.
    In(Duration),
    /// The update is this late.
    Overdue(Duration),
}

impl Due {
    /// Compares the due time with `now`.
    pub fn at(due: DateTime<Utc>, now: DateTime<Utc>) -> Due {
        if is_overdue(due, now) {
            Due::Overdue(now - due)
        } else {
            Due::In(due - now)
        }
    }

    /// Whether the update is late.
    pub fn is_overdue(self) -> bool {
        matches!(self, Due::Overdue(_))
    }

    /// The duration in words ("12 min"); under a minute reads "<1 min"
    /// rather than a confusing "0 min".
    pub fn amount(self) -> String {
        let d = match self {
            Due::In(d) | Due::Overdue(d) => d,
        };
        if d < Duration::minutes(1) {
            "<1 min".to_owned()
        } else {
            human_duration(d)
        }
    }
}

/// How long an incident has been going on: "1 h 5 min".
pub fn age(started_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    human_duration((now - started_at).max(Duration::zero()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, h, m, s).unwrap()
    }

    #[test]
    fn before_the_due_time_it_counts_down() {
        let due = Due::at(t(9, 12, 0), t(9, 0, 0));
        assert_eq!(due, Due::In(Duration::minutes(12)));
        assert!(!due.is_overdue());
        assert_eq!(due.amount(), "12 min");
    }

    #[test]
    fn after_the_due_time_it_is_overdue_by_how_much() {
        let due = Due::at(t(9, 0, 0), t(10, 5, 0));
        assert!(due.is_overdue());
        assert_eq!(due.amount(), "1 h 5 min");
    }

    #[test]
    fn exactly_on_time_is_not_late_and_seconds_read_as_under_a_minute() {
        let due = Due::at(t(9, 0, 0), t(9, 0, 0));
        assert!(!due.is_overdue());
        assert_eq!(due.amount(), "<1 min");
        assert_eq!(Due::at(t(9, 0, 0), t(9, 0, 30)).amount(), "<1 min");
    }

    #[test]
    fn age_never_goes_negative() {
        assert_eq!(age(t(9, 0, 0), t(10, 30, 0)), "1 h 30 min");
        assert_eq!(age(t(10, 0, 0), t(9, 0, 0)), "0 min");
    }
}

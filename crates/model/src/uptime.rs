//! Uptime: per-day worst status and uptime percentage of a component,
//! computed from its recorded status changes.
//!
//! Weights follow Statuspage's convention: time in a major outage counts
//! fully as downtime, time in a partial outage counts 30 %, and degraded
//! performance and maintenance count as up (the service answers, or the
//! work was announced). Days are given by the caller as UTC intervals, so
//! this module needs no time-zone database.

use crate::status::ComponentStatus;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A component entered `status` at `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusChange {
    /// When.
    pub at: DateTime<Utc>,
    /// The status entered.
    pub status: ComponentStatus,
}

/// One day to compute, as a half-open UTC interval `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day {
    /// The calendar date in the page's time zone.
    pub date: NaiveDate,
    /// Its first instant.
    pub start: DateTime<Utc>,
    /// The first instant of the next day.
    pub end: DateTime<Utc>,
}

/// How a component did on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DayUptime {
    /// The date (`YYYY-MM-DD`, page time zone).
    #[serde(with = "crate::time::date")]
    pub date: NaiveDate,
    /// The worst status the component was in that day; `null` for days
    /// before its history starts or in the future.
    pub worst: Option<ComponentStatus>,
    /// Uptime that day in percent (0–100), `null` when not measured.
    pub uptime: Option<f64>,
    /// Seconds spent in a partial outage.
    pub partial_outage_seconds: i64,
    /// Seconds spent in a major outage.
    pub major_outage_seconds: i64,
}

/// Share of an interval in `status` that counts as downtime.
pub const fn downtime_weight(status: ComponentStatus) -> f64 {
    match status {
        ComponentStatus::MajorOutage => 1.0,
        ComponentStatus::PartialOutage => 0.3,
        _ => 0.0,
    }
}

/// Computes each day's uptime. `initial` is the status before the first
/// change; `changes` must be in time order; `since` is when measuring began
/// (the component's start date), and nothing after `now` counts.
pub fn daily(
    initial: ComponentStatus,
    changes: &[StatusChange],
    days: &[Day],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<DayUptime> {
    days.iter()
        .map(|day| {
            let start = day.start.max(since);
            let end = day.end.min(now);
            if start >= end {
                return DayUptime {
                    date: day.date,
                    worst: None,
                    uptime: None,
                    partial_outage_seconds: 0,
                    major_outage_seconds: 0,
                };
            }
            // The status in force at `start`, then every change within the
            // day (changes are in time order: find them by binary search).
            let first_in_day = changes.partition_point(|c| c.at <= start);
            let mut status = match first_in_day {
                0 => initial,
                i => changes[i - 1].status,
            };
            let mut worst = status;
            let mut cursor = start;
            let (mut partial, mut major, mut down) = (0i64, 0i64, 0f64);
            let mut account = |from: DateTime<Utc>, to: DateTime<Utc>, s: ComponentStatus| {
                let secs = (to - from).num_milliseconds() as f64 / 1000.0;
                match s {
                    ComponentStatus::PartialOutage => partial += secs.round() as i64,
                    ComponentStatus::MajorOutage => major += secs.round() as i64,
                    _ => {}
                }
                down += secs * downtime_weight(s);
            };
            for change in changes[first_in_day..].iter().take_while(|c| c.at < end) {
                account(cursor, change.at, status);
                cursor = change.at;
                status = change.status;
                if status.badness() > worst.badness() {
                    worst = status;
                }
            }
            account(cursor, end, status);
            let total = (end - start).num_milliseconds() as f64 / 1000.0;
            DayUptime {
                date: day.date,
                worst: Some(worst),
                uptime: Some(100.0 * (1.0 - down / total)),
                partial_outage_seconds: partial,
                major_outage_seconds: major,
            }
        })
        .collect()
}

/// Uptime over several days in percent, weighting each measured day by its
/// length; `None` when no day was measured.
pub fn overall(days: &[DayUptime], lengths_seconds: &[f64]) -> Option<f64> {
    let (mut weighted, mut total) = (0.0, 0.0);
    for (d, len) in days.iter().zip(lengths_seconds) {
        if let Some(u) = d.uptime {
            weighted += u * len;
            total += len;
        }
    }
    (total > 0.0).then(|| weighted / total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use ComponentStatus::*;

    fn day(d: u32) -> Day {
        let start = Utc.with_ymd_and_hms(2026, 11, d, 0, 0, 0).unwrap();
        Day {
            date: start.date_naive(),
            start,
            end: start + Duration::days(1),
        }
    }

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    fn change(d: u32, h: u32, status: ComponentStatus) -> StatusChange {
        StatusChange {
            at: at(d, h),
            status,
        }
    }

    #[test]
    fn a_quiet_day_is_fully_up() {
        let r = daily(
            Operational,
            &[],
            &[day(1)],
            at(1, 0) - Duration::days(9),
            at(5, 0),
        );
        assert_eq!(r[0].worst, Some(Operational));
        assert_eq!(r[0].uptime, Some(100.0));
    }

    #[test]
    fn major_outage_counts_fully_and_partial_thirty_percent() {
        // 6 hours major outage = 25 % down.
        let changes = [change(1, 6, MajorOutage), change(1, 12, Operational)];
        let r = daily(Operational, &changes, &[day(1)], at(1, 0), at(5, 0));
        assert_eq!(r[0].worst, Some(MajorOutage));
        assert!((r[0].uptime.unwrap() - 75.0).abs() < 1e-9);
        assert_eq!(r[0].major_outage_seconds, 6 * 3600);

        // 10 hours partial outage = 3 hours of downtime = 12.5 % down.
        let changes = [change(2, 2, PartialOutage), change(2, 12, Operational)];
        let r = daily(Operational, &changes, &[day(2)], at(1, 0), at(5, 0));
        assert_eq!(r[0].worst, Some(PartialOutage));
        assert!((r[0].uptime.unwrap() - 87.5).abs() < 1e-9);
        assert_eq!(r[0].partial_outage_seconds, 10 * 3600);
    }

    #[test]
    fn degraded_and_maintenance_count_as_up_but_show_as_worst() {
        let changes = [
            change(1, 1, UnderMaintenance),
            change(1, 3, DegradedPerformance),
            change(1, 4, Operational),
        ];
        let r = daily(Operational, &changes, &[day(1)], at(1, 0), at(5, 0));
        assert_eq!(r[0].uptime, Some(100.0));
        assert_eq!(r[0].worst, Some(DegradedPerformance));
    }

    #[test]
    fn an_outage_spanning_midnight_counts_on_both_days() {
        let changes = [change(1, 18, MajorOutage), change(2, 6, Operational)];
        let r = daily(
            Operational,
            &changes,
            &[day(1), day(2), day(3)],
            at(1, 0),
            at(5, 0),
        );
        assert!((r[0].uptime.unwrap() - 75.0).abs() < 1e-9);
        assert_eq!(
            r[1].worst,
            Some(MajorOutage),
            "the outage is in force at midnight"
        );
        assert!((r[1].uptime.unwrap() - 75.0).abs() < 1e-9);
        assert_eq!(r[2].worst, Some(Operational));
    }

    #[test]
    fn days_before_the_start_or_after_now_are_not_measured() {
        let r = daily(
            Operational,
            &[],
            &[day(1), day(2), day(3)],
            at(2, 0),
            at(3, 0),
        );
        assert_eq!(r[0].uptime, None);
        assert_eq!(r[0].worst, None);
        assert_eq!(r[1].uptime, Some(100.0));
        assert_eq!(r[2].uptime, None);
        // Today counts only up to now.
        let r = daily(
            Operational,
            &[change(4, 6, MajorOutage)],
            &[day(4)],
            at(1, 0),
            at(4, 12),
        );
        assert!((r[0].uptime.unwrap() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn overall_uptime_weights_measured_days() {
        let changes = [change(1, 0, MajorOutage), change(2, 0, Operational)];
        let days = [day(1), day(2), day(3)];
        let r = daily(Operational, &changes, &days, at(1, 0), at(4, 0));
        let lengths = [86400.0; 3];
        let u = overall(&r, &lengths).unwrap();
        assert!((u - 200.0 / 3.0).abs() < 1e-9, "{u}");
        assert_eq!(overall(&[], &[]), None);
    }
}

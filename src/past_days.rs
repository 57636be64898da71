//! The home page's "Past incidents": the last days, newest first, each with
//! the incidents created that day in the viewer's own calendar.
//!
//! A pure function of the incident list, "today" and a way to find the
//! viewer's calendar day of an instant, so it is tested on the host with
//! any time zone.

use chrono::{DateTime, Days, NaiveDate, Utc};
use herald_model::v2::Incident;

/// How many days the home page looks back, today included.
pub const PAST_DAYS: u64 = 14;

/// One day of the past incidents.
#[derive(Clone, Debug, PartialEq)]
pub struct PastDay {
    /// The viewer's calendar day.
    pub date: NaiveDate,
    /// Incidents created that day, newest first.
    pub incidents: Vec<Incident>,
}

/// The `days` days up to `today`, newest first, each with the incidents
/// whose `created_at` falls on it by `local_date`. Incidents outside the
/// span are left out.
pub fn past_days(
    incidents: &[Incident],
    today: NaiveDate,
    days: u64,
    local_date: impl Fn(DateTime<Utc>) -> NaiveDate,
) -> Vec<PastDay> {
    (0..days)
        .filter_map(|back| today.checked_sub_days(Days::new(back)))
        .map(|date| {
            let mut on_day: Vec<Incident> = incidents
                .iter()
                .filter(|i| local_date(i.created_at) == date)
                .cloned()
                .collect();
            on_day.sort_by_key(|i| std::cmp::Reverse(i.created_at));
            PastDay {
                date,
                incidents: on_day,
            }
        })
        .collect()
}

/// The viewer's calendar day of `at`, in the browser's time zone.
pub fn viewer_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono::Local).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;
    use serde_json::json;

    fn incident(id: &str, created_at: &str) -> Incident {
        serde_json::from_value(json!({
            "id": id, "name": id, "status": "resolved", "impact": "minor",
            "created_at": created_at, "updated_at": created_at, "started_at": created_at,
            "monitoring_at": null, "resolved_at": created_at, "shortlink": "",
            "page_id": "pg", "components": [], "incident_updates": []
        }))
        .unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn in_zone(hours: i32) -> impl Fn(DateTime<Utc>) -> NaiveDate {
        move |at| {
            at.with_timezone(&FixedOffset::east_opt(hours * 3600).unwrap())
                .date_naive()
        }
    }

    fn ids(day: &PastDay) -> Vec<&str> {
        day.incidents.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn fourteen_days_newest_first_with_empty_days_kept() {
        let days = past_days(&[], date("2026-11-22"), PAST_DAYS, in_zone(0));
        assert_eq!(days.len(), 14);
        assert_eq!(days[0].date, date("2026-11-22"));
        assert_eq!(days[13].date, date("2026-11-09"));
        assert!(days.iter().all(|d| d.incidents.is_empty()));
    }

    #[test]
    fn incidents_land_on_their_day_newest_first_and_old_ones_are_left_out() {
        let incidents = [
            incident("old", "2026-11-01T10:00:00.000Z"),
            incident("morning", "2026-11-20T08:00:00.000Z"),
            incident("evening", "2026-11-20T20:00:00.000Z"),
            incident("today", "2026-11-22T07:00:00.000Z"),
        ];
        let days = past_days(&incidents, date("2026-11-22"), PAST_DAYS, in_zone(0));
        assert_eq!(ids(&days[0]), ["today"]);
        assert!(days[1].incidents.is_empty());
        assert_eq!(ids(&days[2]), ["evening", "morning"]);
        let shown: usize = days.iter().map(|d| d.incidents.len()).sum();
        assert_eq!(shown, 3);
    }

    #[test]
    fn the_day_is_the_viewer_s_local_day() {
        // 23:30 UTC on the 20th is already the 21st in Tokyo (UTC+9) and
        // still the 20th in New York (UTC-5).
        let incidents = [incident("late", "2026-11-20T23:30:00.000Z")];
        let tokyo = past_days(&incidents, date("2026-11-22"), 3, in_zone(9));
        assert_eq!(ids(&tokyo[1]), ["late"]);
        let new_york = past_days(&incidents, date("2026-11-22"), 3, in_zone(-5));
        assert_eq!(ids(&new_york[2]), ["late"]);
    }
}

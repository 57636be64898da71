//! Calendar arithmetic in the page's time zone: which UTC instants a local
//! day or month spans. Days are not always 24 hours long (daylight saving),
//! so every boundary is computed from local midnight.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use herald_model::uptime::Day;

/// Parses an IANA time zone name; UTC when it is unknown.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// The first instant of `date` in `tz`. When midnight does not exist that
/// day (a DST jump at midnight), the first instant after the gap.
pub fn start_of(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..4)
        .find_map(|h| {
            tz.from_local_datetime(&(midnight + Duration::hours(h)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| midnight.and_utc())
}

/// The local date of an instant.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The `n` days ending with the local day of `now`, oldest first.
pub fn days_ending(now: DateTime<Utc>, n: usize, tz: Tz) -> Vec<Day> {
    let today = local_date(now, tz);
    (0..n as i64)
        .rev()
        .map(|back| {
            let date = today - Duration::days(back);
            Day {
                date,
                start: start_of(date, tz),
                end: start_of(date + Duration::days(1), tz),
            }
        })
        .collect()
}

/// A month as `YYYY-MM`.
pub fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The first day of the month `YYYY-MM`, if it is one.
pub fn parse_month(key: &str) -> Option<NaiveDate> {
    let (y, m) = key.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)
}

/// The first day of the month after the one `first` starts.
pub fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first)
}

/// The UTC span `[start, end)` of the month starting `first`, in `tz`.
pub fn month_span(first: NaiveDate, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    (start_of(first, tz), start_of(next_month(first), tz))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_local_midnight_across_daylight_saving() {
        let tz = zone("Europe/Berlin");
        // 2026-10-25 is 25 hours long in Berlin (clocks go back).
        let now = Utc.with_ymd_and_hms(2026, 10, 26, 12, 0, 0).unwrap();
        let days = days_ending(now, 3, tz);
        assert_eq!(days[0].date, NaiveDate::from_ymd_opt(2026, 10, 24).unwrap());
        assert_eq!(days[1].end - days[1].start, Duration::hours(25));
        assert_eq!(days[2].end - days[2].start, Duration::hours(24));
        assert_eq!(days[1].end, days[2].start);
        assert_eq!(
            days[2].start,
            Utc.with_ymd_and_hms(2026, 10, 25, 23, 0, 0).unwrap()
        );
    }

    #[test]
    fn months_parse_and_span_in_the_zone() {
        let first = parse_month("2026-12").unwrap();
        assert_eq!(
            next_month(first),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        let (start, end) = month_span(first, zone("Asia/Tokyo"));
        assert_eq!(start, Utc.with_ymd_and_hms(2026, 11, 30, 15, 0, 0).unwrap());
        assert_eq!(end, Utc.with_ymd_and_hms(2026, 12, 31, 15, 0, 0).unwrap());
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("26-1"), None);
        assert_eq!(month_key(first), "2026-12");
        assert_eq!(zone("Not/AZone"), Tz::UTC);
    }
}

//! Timestamps on the wire: RFC 3339, UTC, with milliseconds
//! (`2026-11-22T07:47:30.123Z`), the form Statuspage serves.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Formats a timestamp as RFC 3339 UTC with milliseconds.
pub fn format(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses any RFC 3339 timestamp and converts it to UTC.
pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc))
}

/// The years (UTC) a timestamp on the wire may fall in: what the wire's
/// four-digit years can write, from the Unix epoch on.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=9999;

/// Parses a timestamp from a request: RFC 3339, within [`YEARS`].
pub fn parse_bounded(text: &str) -> Result<DateTime<Utc>, String> {
    let at = parse(text).map_err(|e| format!("'{text}' is not an RFC 3339 timestamp: {e}"))?;
    if YEARS.contains(&chrono::Datelike::year(&at)) {
        Ok(at)
    } else {
        Err(format!(
            "'{text}' is outside the years {} to {} (UTC)",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// Parses a calendar date written `YYYY-MM-DD`, and nothing else.
///
/// By hand rather than with chrono's general parser: the web app reads
/// dates in every uptime day, and the parser would be most of chrono's
/// weight in its module.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0_u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// Serde adapter for `NaiveDate` fields: `YYYY-MM-DD`.
pub mod date {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    /// Reads a `YYYY-MM-DD` date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_date(&text)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
    }
}

/// Serde adapter for `Option<NaiveDate>` fields; `None` is `null`.
pub mod date_opt {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the date as `YYYY-MM-DD`, or `null`.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.collect_str(date),
            None => s.serialize_none(),
        }
    }

    /// Reads a `YYYY-MM-DD` date or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| {
                super::parse_date(&text)
                    .ok_or_else(|| D::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
            })
            .transpose()
    }
}

/// Serde adapter for `DateTime<Utc>` fields (`#[serde(with = "crate::time::millis")]`).
pub mod millis {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the timestamp in the wire form.
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(at))
    }

    /// Reads an RFC 3339 timestamp within [`super::YEARS`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_bounded(&text).map_err(D::Error::custom)
    }
}

/// Serde adapter for `Option<DateTime<Utc>>` fields; `None` is `null`.
pub mod millis_opt {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the timestamp in the wire form, or `null`.
    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_str(&super::format(at)),
            None => s.serialize_none(),
        }
    }

    /// Reads an RFC 3339 timestamp within [`super::YEARS`], or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::parse_bounded(&text).map_err(D::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_year_month_day_only() {
        assert_eq!(
            parse_date("2026-11-05"),
            NaiveDate::from_ymd_opt(2026, 11, 5)
        );
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-05",
            "2026/11/05",
            "26-11-05",
            "",
            "2026-11-05T00:00:00Z",
            "2026-1a-05",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
        struct Day {
            #[serde(with = "date")]
            date: NaiveDate,
            #[serde(with = "date_opt", default)]
            start: Option<NaiveDate>,
        }
        let day: Day = serde_json::from_str(r#"{"date":"2026-11-05","start":null}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&day).unwrap(),
            r#"{"date":"2026-11-05","start":null}"#
        );
        let day: Day = serde_json::from_str(r#"{"date":"2026-11-05"}"#).unwrap();
        assert_eq!(day.start, None);
        let err = serde_json::from_str::<Day>(r#"{"date":"5.11.2026"}"#).unwrap_err();
        assert!(
            err.to_string()
                .contains("`5.11.2026` is not a date (YYYY-MM-DD)"),
            "{err}"
        );
    }

    #[test]
    fn formats_utc_with_milliseconds_and_z() {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 7, 47, 30).unwrap();
        assert_eq!(format(&at), "2026-11-22T07:47:30.000Z");
    }

    #[test]
    fn parses_offsets_into_utc() {
        let at = parse("2026-11-22T16:47:30.5+09:00").unwrap();
        assert_eq!(format(&at), "2026-11-22T07:47:30.500Z");
        assert!(parse("yesterday").is_err());
    }

    #[test]
    fn timestamps_outside_four_digit_years_are_refused() {
        for bad in [
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-23:59",
            "1969-12-31T23:59:59Z",
        ] {
            assert!(parse_bounded(bad).is_err(), "{bad}");
        }
        assert!(parse_bounded("9999-12-31T23:59:59Z").is_ok());
        assert!(parse_bounded("2026-12-01T10:00:00+01:00").is_ok());
        assert!(parse_bounded("yesterday").is_err());
    }
}

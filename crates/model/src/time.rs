//! Timestamps on the wire: RFC 3339, UTC, with milliseconds
//! (`2026-11-22T07:47:30.123Z`), the form Statuspage serves.

use chrono::{DateTime, SecondsFormat, Utc};

/// Formats a timestamp as RFC 3339 UTC with milliseconds.
pub fn format(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses any RFC 3339 timestamp and converts it to UTC.
pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc))
}

/// Serde adapter for `DateTime<Utc>` fields (`#[serde(with = "crate::time::millis")]`).
pub mod millis {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the timestamp in the wire form.
    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(at))
    }

    /// Reads any RFC 3339 timestamp.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text).map_err(D::Error::custom)
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

    /// Reads an RFC 3339 timestamp or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::parse(&text).map_err(D::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
}

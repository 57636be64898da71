//! Severity levels (Sev 1–3), documented once and used everywhere, and the
//! public impact each implies by default.

use crate::status::Impact;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How severe an incident is, internally. Customers see its [`Impact`] instead.
///
/// On the wire a severity is the number `1`, `2` or `3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Severity {
    /// Critical, very high impact.
    Sev1,
    /// Major, significant impact.
    Sev2,
    /// Minor, low impact.
    Sev3,
}

impl Severity {
    /// Every level, most severe first.
    pub const ALL: [Severity; 3] = [Severity::Sev1, Severity::Sev2, Severity::Sev3];

    /// The level's number: 1, 2 or 3.
    pub const fn level(self) -> u8 {
        match self {
            Severity::Sev1 => 1,
            Severity::Sev2 => 2,
            Severity::Sev3 => 3,
        }
    }

    /// The short name, e.g. "Sev 2".
    pub const fn label(self) -> &'static str {
        match self {
            Severity::Sev1 => "Sev 1",
            Severity::Sev2 => "Sev 2",
            Severity::Sev3 => "Sev 3",
        }
    }

    /// What the level means.
    pub const fn meaning(self) -> &'static str {
        match self {
            Severity::Sev1 => "Critical incident with very high impact",
            Severity::Sev2 => "Major incident with significant impact",
            Severity::Sev3 => "Minor incident with low impact",
        }
    }

    /// Typical situations at this level.
    pub const fn examples(self) -> &'static [&'static str] {
        match self {
            Severity::Sev1 => &[
                "A customer-facing service is down for all customers",
                "Confidentiality or privacy is breached",
                "Customer data is lost",
            ],
            Severity::Sev2 => &[
                "A customer-facing service is down for some customers",
                "Core functionality is significantly impaired",
            ],
            Severity::Sev3 => &[
                "A minor inconvenience to customers, with a workaround",
                "Usable performance is degraded",
            ],
        }
    }

    /// How responders are brought in.
    pub const fn response(self) -> &'static str {
        match self {
            Severity::Sev1 | Severity::Sev2 => "Page people now",
            Severity::Sev3 => "Handle during business hours",
        }
    }

    /// The public impact this severity implies unless the manager overrides it.
    pub const fn default_impact(self) -> Impact {
        match self {
            Severity::Sev1 => Impact::Critical,
            Severity::Sev2 => Impact::Major,
            Severity::Sev3 => Impact::Minor,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Severity {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::Integer)
            .minimum(Some(1))
            .maximum(Some(3))
            .description(Some("Severity level: 1 (critical), 2 (major) or 3 (minor)"))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Severity {}

/// A number that is not a severity level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidSeverity(pub u8);

impl fmt::Display for InvalidSeverity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "severity must be 1, 2 or 3, not {}", self.0)
    }
}

impl std::error::Error for InvalidSeverity {}

impl TryFrom<u8> for Severity {
    type Error = InvalidSeverity;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            1 => Ok(Severity::Sev1),
            2 => Ok(Severity::Sev2),
            3 => Ok(Severity::Sev3),
            other => Err(InvalidSeverity(other)),
        }
    }
}

impl From<Severity> for u8 {
    fn from(s: Severity) -> u8 {
        s.level()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_maps_to_default_public_impact() {
        assert_eq!(Severity::Sev1.default_impact(), Impact::Critical);
        assert_eq!(Severity::Sev2.default_impact(), Impact::Major);
        assert_eq!(Severity::Sev3.default_impact(), Impact::Minor);
    }

    #[test]
    fn severity_is_a_number_on_the_wire() {
        assert_eq!(serde_json::to_string(&Severity::Sev2).unwrap(), "2");
        assert_eq!(
            serde_json::from_str::<Severity>("1").unwrap(),
            Severity::Sev1
        );
        let err = serde_json::from_str::<Severity>("4").unwrap_err();
        assert!(err.to_string().contains("1, 2 or 3"), "{err}");
    }

    #[test]
    fn every_level_is_documented() {
        for sev in Severity::ALL {
            assert!(!sev.meaning().is_empty());
            assert!(!sev.examples().is_empty());
            assert!(sev.label().ends_with(&sev.level().to_string()));
        }
        assert_eq!(Severity::Sev1.response(), Severity::Sev2.response());
        assert_ne!(Severity::Sev2.response(), Severity::Sev3.response());
    }

    #[test]
    fn sev1_is_the_most_severe() {
        assert!(Severity::Sev1 < Severity::Sev2 && Severity::Sev2 < Severity::Sev3);
    }
}

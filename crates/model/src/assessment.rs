//! The impact assessment the incident manager makes when declaring, and the
//! severity it suggests. The questions come from the practice (DESIGN.md
//! §1): who is affected, what they see, how many, since when, how many
//! support cases, and other factors. The manager confirms or overrides the
//! suggestion; this module only suggests, with its reason.

use crate::severity::Severity;
use crate::status::{wire_enum, UnknownValue};
use serde::{Deserialize, Serialize};
use std::fmt;

wire_enum! {
    /// Whose experience is affected.
    pub enum ImpactAudience {
        /// Only our own staff or internal systems.
        Internal = "internal",
        /// Customers.
        External = "external",
    }
}

wire_enum! {
    /// How many of them are affected.
    pub enum AffectedScope {
        /// Some of them.
        Some = "some",
        /// All of them.
        All = "all",
    }
}

wire_enum! {
    /// What they are seeing, from worst to mildest.
    pub enum Symptom {
        /// The service does not work at all.
        Down = "down",
        /// Core functionality is significantly impaired.
        CoreImpaired = "core_impaired",
        /// It works, slower or less reliably than usual.
        Degraded = "degraded",
        /// A minor inconvenience with a workaround.
        MinorInconvenience = "minor_inconvenience",
    }
}

/// The answers to the assessment questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Is the impact on customers, or internal only?
    pub audience: ImpactAudience,
    /// Are some or all of them affected?
    pub scope: AffectedScope,
    /// What are they seeing?
    pub symptom: Symptom,
    /// How many support cases have customers opened?
    #[serde(default)]
    pub support_cases: u32,
    /// Is confidentiality or privacy breached?
    #[serde(default)]
    pub security_or_privacy: bool,
    /// Has customer data been lost?
    #[serde(default)]
    pub data_loss: bool,
    /// Is it drawing attention on social media or in the press?
    #[serde(default)]
    pub public_attention: bool,
}

/// Support cases at which an incident counts as drawing wide attention.
pub const MANY_SUPPORT_CASES: u32 = 20;

/// A suggested severity and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// The suggested level.
    pub severity: Severity,
    /// Why, in a sentence the manager can check against the answers.
    pub reason: String,
}

impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity, self.reason)
    }
}

/// Suggests a severity from the answers, following the severity table:
///
/// - Sev 1: confidentiality or privacy breached, customer data lost, or a
///   customer-facing service down for all customers.
/// - Sev 2: a customer-facing service down for some customers, or core
///   functionality significantly impaired.
/// - Sev 3: degraded performance, a minor inconvenience with a workaround,
///   or impact on internal users only.
///
/// Public attention or many support cases raise a Sev 3 to Sev 2: the
/// incident then needs people now, whatever its technical size.
pub fn suggest(a: &Assessment) -> Suggestion {
    let suggestion = |severity, reason: &str| Suggestion {
        severity,
        reason: reason.to_owned(),
    };
    if a.security_or_privacy {
        return suggestion(Severity::Sev1, "confidentiality or privacy is breached");
    }
    if a.data_loss {
        return suggestion(Severity::Sev1, "customer data has been lost");
    }
    let external = a.audience == ImpactAudience::External;
    let base = match (external, a.symptom, a.scope) {
        (true, Symptom::Down, AffectedScope::All) => suggestion(
            Severity::Sev1,
            "a customer-facing service is down for all customers",
        ),
        (true, Symptom::Down, AffectedScope::Some) => suggestion(
            Severity::Sev2,
            "a customer-facing service is down for some customers",
        ),
        (true, Symptom::CoreImpaired, _) => suggestion(
            Severity::Sev2,
            "core functionality is significantly impaired for customers",
        ),
        (true, Symptom::Degraded, _) => {
            suggestion(Severity::Sev3, "usable performance is degraded")
        }
        (true, Symptom::MinorInconvenience, _) => suggestion(
            Severity::Sev3,
            "a minor inconvenience to customers, with a workaround",
        ),
        (false, _, _) => suggestion(Severity::Sev3, "only internal users are affected"),
    };
    if base.severity == Severity::Sev3 {
        if a.public_attention {
            return suggestion(
                Severity::Sev2,
                &format!("{}, but it draws public attention", base.reason),
            );
        }
        if a.support_cases >= MANY_SUPPORT_CASES {
            return suggestion(
                Severity::Sev2,
                &format!(
                    "{}, but customers opened {} support cases",
                    base.reason, a.support_cases
                ),
            );
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(audience: ImpactAudience, scope: AffectedScope, symptom: Symptom) -> Assessment {
        Assessment {
            audience,
            scope,
            symptom,
            support_cases: 0,
            security_or_privacy: false,
            data_loss: false,
            public_attention: false,
        }
    }

    use AffectedScope::*;
    use ImpactAudience::*;

    #[test]
    fn down_for_all_customers_is_sev1() {
        let s = suggest(&answers(External, All, Symptom::Down));
        assert_eq!(s.severity, Severity::Sev1);
        assert!(s.reason.contains("all customers"), "{}", s.reason);
    }

    #[test]
    fn breaches_and_data_loss_are_sev1_whatever_the_scope() {
        let mut a = answers(Internal, Some, Symptom::MinorInconvenience);
        a.security_or_privacy = true;
        assert_eq!(suggest(&a).severity, Severity::Sev1);
        let mut a = answers(External, Some, Symptom::Degraded);
        a.data_loss = true;
        let s = suggest(&a);
        assert_eq!(s.severity, Severity::Sev1);
        assert!(s.reason.contains("data"));
    }

    #[test]
    fn down_for_some_or_core_impaired_is_sev2() {
        assert_eq!(
            suggest(&answers(External, Some, Symptom::Down)).severity,
            Severity::Sev2
        );
        assert_eq!(
            suggest(&answers(External, All, Symptom::CoreImpaired)).severity,
            Severity::Sev2
        );
        assert_eq!(
            suggest(&answers(External, Some, Symptom::CoreImpaired)).severity,
            Severity::Sev2
        );
    }

    #[test]
    fn degraded_minor_or_internal_is_sev3() {
        assert_eq!(
            suggest(&answers(External, All, Symptom::Degraded)).severity,
            Severity::Sev3
        );
        assert_eq!(
            suggest(&answers(External, Some, Symptom::MinorInconvenience)).severity,
            Severity::Sev3
        );
        let internal = suggest(&answers(Internal, All, Symptom::Down));
        assert_eq!(internal.severity, Severity::Sev3);
        assert!(internal.reason.contains("internal"));
    }

    #[test]
    fn attention_or_many_cases_raise_sev3_to_sev2_only() {
        let mut a = answers(External, Some, Symptom::Degraded);
        a.public_attention = true;
        let s = suggest(&a);
        assert_eq!(s.severity, Severity::Sev2);
        assert!(s.reason.contains("public attention"));

        let mut a = answers(External, Some, Symptom::Degraded);
        a.support_cases = MANY_SUPPORT_CASES - 1;
        assert_eq!(suggest(&a).severity, Severity::Sev3);
        a.support_cases = MANY_SUPPORT_CASES;
        let s = suggest(&a);
        assert_eq!(s.severity, Severity::Sev2);
        assert!(s.reason.contains("20 support cases"), "{}", s.reason);

        // A Sev 2 does not become Sev 1 through attention alone.
        let mut a = answers(External, Some, Symptom::Down);
        a.public_attention = true;
        assert_eq!(suggest(&a).severity, Severity::Sev2);
    }
}

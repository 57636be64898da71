//! The postmortem rule from the incident-command practice: a post-incident
//! review is required when at least two of these hold — more than one user
//! was affected; the disruption lasted more than five minutes; it has
//! happened before or is likely to recur.

use chrono::Duration;
use serde::{Deserialize, Serialize};

/// Disruptions longer than this count as long.
pub const LONG_DISRUPTION: Duration = Duration::minutes(5);

/// The facts the rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostmortemFacts {
    /// More than one user was affected.
    pub several_users: bool,
    /// How long the disruption lasted.
    pub duration: Duration,
    /// It happened before or is likely to recur.
    pub recurring: bool,
}

/// The rule's verdict and the criteria that held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostmortemVerdict {
    /// Whether a post-incident review is required.
    pub required: bool,
    /// The criteria that held, in words.
    pub reasons: Vec<String>,
}

/// Applies the rule.
pub fn postmortem_required(facts: &PostmortemFacts) -> PostmortemVerdict {
    let mut reasons = Vec::new();
    if facts.several_users {
        reasons.push("more than one user was affected".to_owned());
    }
    if facts.duration > LONG_DISRUPTION {
        reasons.push("the disruption lasted more than 5 minutes".to_owned());
    }
    if facts.recurring {
        reasons.push("it has happened before or is likely to recur".to_owned());
    }
    PostmortemVerdict {
        required: reasons.len() >= 2,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(several_users: bool, minutes: i64, recurring: bool) -> PostmortemFacts {
        PostmortemFacts {
            several_users,
            duration: Duration::minutes(minutes),
            recurring,
        }
    }

    #[test]
    fn two_of_three_criteria_require_a_postmortem() {
        assert!(postmortem_required(&facts(true, 6, false)).required);
        assert!(postmortem_required(&facts(true, 1, true)).required);
        assert!(postmortem_required(&facts(false, 60, true)).required);
        let all = postmortem_required(&facts(true, 60, true));
        assert!(all.required);
        assert_eq!(all.reasons.len(), 3);
    }

    #[test]
    fn one_criterion_is_not_enough() {
        assert!(!postmortem_required(&facts(true, 2, false)).required);
        assert!(!postmortem_required(&facts(false, 90, false)).required);
        assert!(!postmortem_required(&facts(false, 0, true)).required);
        assert!(!postmortem_required(&facts(false, 0, false)).required);
    }

    #[test]
    fn exactly_five_minutes_is_not_long() {
        assert!(!postmortem_required(&facts(true, 5, false)).required);
    }
}

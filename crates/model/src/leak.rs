//! The leak guard: before an external message goes out, look for anything
//! internal in it — the issue key, the internal summary (or a long piece of
//! it), names of internal-only components. The publisher must fix the text
//! or explicitly confirm.

use serde::{Deserialize, Serialize};

/// What internal information to look for.
#[derive(Clone, Debug, Default)]
pub struct InternalFacts<'a> {
    /// The incident's issue key, e.g. `OPS-142`.
    pub issue_key: &'a str,
    /// The internal summary.
    pub summary: &'a str,
    /// Names of internal-only components.
    pub internal_components: &'a [String],
}

/// One piece of internal information found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Leak {
    /// What kind: `issue_key`, `summary` or `internal_component`.
    pub kind: String,
    /// The internal text found.
    pub fragment: String,
}

/// Words in a row from the summary that count as quoting it.
pub const QUOTED_WORDS: usize = 5;

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `needle` occurs in `haystack` as whole words (case-insensitive).
fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Everything internal found in `text`.
pub fn find_leaks(text: &str, facts: &InternalFacts<'_>) -> Vec<Leak> {
    let text_words = words(text);
    let mut leaks = Vec::new();
    let key = facts.issue_key.trim();
    if !key.is_empty() && contains_words(&text_words, &words(key)) {
        leaks.push(Leak {
            kind: "issue_key".into(),
            fragment: key.to_owned(),
        });
    }
    let summary = words(facts.summary);
    if summary.len() < QUOTED_WORDS {
        if contains_words(&text_words, &summary) {
            leaks.push(Leak {
                kind: "summary".into(),
                fragment: facts.summary.trim().to_owned(),
            });
        }
    } else if let Some(quote) = summary
        .windows(QUOTED_WORDS)
        .find(|w| contains_words(&text_words, w))
    {
        leaks.push(Leak {
            kind: "summary".into(),
            fragment: quote.join(" "),
        });
    }
    for name in facts.internal_components {
        if contains_words(&text_words, &words(name)) {
            leaks.push(Leak {
                kind: "internal_component".into(),
                fragment: name.clone(),
            });
        }
    }
    leaks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(components: &'a [String]) -> InternalFacts<'a> {
        InternalFacts {
            issue_key: "OPS-142",
            summary: "Connection pool exhaustion on api-db-3 after the traffic spike",
            internal_components: components,
        }
    }

    #[test]
    fn a_clean_message_passes() {
        let text = "Some API requests are failing. We are investigating.";
        assert_eq!(find_leaks(text, &facts(&[])), vec![]);
    }

    #[test]
    fn the_issue_key_is_found_in_any_case() {
        let leaks = find_leaks("Tracking this as ops-142 internally.", &facts(&[]));
        assert_eq!(leaks[0].kind, "issue_key");
        // Not inside a longer key.
        assert!(find_leaks("See OPS-1420.", &facts(&[])).is_empty());
    }

    #[test]
    fn quoting_the_summary_is_found() {
        let text = "We see connection pool exhaustion on API-DB-3 and are adding capacity.";
        let leaks = find_leaks(text, &facts(&[]));
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].kind, "summary");
        assert_eq!(leaks[0].fragment, "connection pool exhaustion on api");
        // Sharing a few common words is not a quote.
        assert!(find_leaks("The traffic is back to normal.", &facts(&[])).is_empty());
    }

    #[test]
    fn internal_component_names_are_found() {
        let internal = vec!["Billing worker".to_owned()];
        let leaks = find_leaks("The billing worker is restarting.", &facts(&internal));
        assert_eq!(leaks[0].kind, "internal_component");
        assert_eq!(leaks[0].fragment, "Billing worker");
    }

    #[test]
    fn a_short_summary_must_appear_whole() {
        let f = InternalFacts {
            issue_key: "",
            summary: "db-3 down",
            internal_components: &[],
        };
        assert_eq!(find_leaks("Our db-3 down again", &f).len(), 1);
        assert!(find_leaks("The database is down", &f).is_empty());
    }
}

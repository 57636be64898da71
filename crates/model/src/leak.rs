//! The leak guard: before an external message goes out, look for anything
//! internal in it — an issue key (the incident's own or any other
//! incident's), the internal summary (or a long piece of it), names of
//! internal-only components. The publisher must fix the text or explicitly
//! confirm.
//!
//! Texts are compared on a normalised form, so that a zero-width joiner or
//! a soft hyphen inside a key, full-width letters, look-alike letters from
//! another script or another case do not slip past: Unicode NFKC, case
//! folded, then the UTS #39 confusables skeleton (which also drops
//! default-ignorable characters), then split into words.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// What internal information to look for.
#[derive(Clone, Debug, Default)]
pub struct InternalFacts<'a> {
    /// The incident's issue key, e.g. `OPS-142` (empty for a maintenance).
    pub issue_key: &'a str,
    /// The internal summary.
    pub summary: &'a str,
    /// Names of internal-only components.
    pub internal_components: &'a [String],
    /// Other incidents' issue keys that the text may name (the server
    /// looks them up with [`key_candidates`]).
    pub other_keys: &'a [String],
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

/// The most words an issue key can have once normalised (`OPS-142` has 2).
pub const KEY_WORDS: usize = 4;

/// A text's words in the form the guard compares: NFKC, lower case,
/// confusables skeleton (default-ignorable characters removed), split on
/// anything that is not a letter or digit.
pub fn normalised_words(text: &str) -> Vec<String> {
    let folded: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let skeleton: String = unicode_security::skeleton(&folded)
        .flat_map(char::to_lowercase)
        .collect();
    skeleton
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An issue key's normalised form: its words joined by single spaces. Two
/// keys a reader would take for the same have the same form.
pub fn key_form(key: &str) -> String {
    normalised_words(key).join(" ")
}

/// Every run of up to [`KEY_WORDS`] words of `text`, in [`key_form`]: what
/// to look up among the known issue keys to find any that the text names.
pub fn key_candidates(text: &str) -> Vec<String> {
    let words = normalised_words(text);
    let mut out: Vec<String> = (1..=KEY_WORDS)
        .flat_map(|n| words.windows(n).map(|w| w.join(" ")))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether `needle` occurs in `haystack` as whole words.
fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Everything internal found in `text`.
pub fn find_leaks(text: &str, facts: &InternalFacts<'_>) -> Vec<Leak> {
    let text_words = normalised_words(text);
    let mut leaks = Vec::new();
    let own_key = facts.issue_key.trim();
    for key in std::iter::once(own_key).chain(facts.other_keys.iter().map(|k| k.trim())) {
        if key.is_empty() || leaks.iter().any(|l: &Leak| l.fragment == key) {
            continue;
        }
        if contains_words(&text_words, &normalised_words(key)) {
            leaks.push(Leak {
                kind: "issue_key".into(),
                fragment: key.to_owned(),
            });
        }
    }
    let summary = normalised_words(facts.summary);
    if summary.len() < QUOTED_WORDS {
        if contains_words(&text_words, &summary) {
            leaks.push(Leak {
                kind: "summary".into(),
                fragment: facts.summary.trim().to_owned(),
            });
        }
    } else if let Some(at) = (0..=summary.len() - QUOTED_WORDS)
        .find(|&i| contains_words(&text_words, &summary[i..i + QUOTED_WORDS]))
    {
        // The fragment in the summary's own words, for the publisher.
        let original: Vec<&str> = facts
            .summary
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let fragment = if original.len() == summary.len() {
            original[at..at + QUOTED_WORDS].join(" ").to_lowercase()
        } else {
            summary[at..at + QUOTED_WORDS].join(" ")
        };
        leaks.push(Leak {
            kind: "summary".into(),
            fragment,
        });
    }
    for name in facts.internal_components {
        if contains_words(&text_words, &normalised_words(name)) {
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
            other_keys: &[],
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
            other_keys: &[],
        };
        assert_eq!(find_leaks("Our db-3 down again", &f).len(), 1);
        assert!(find_leaks("The database is down", &f).is_empty());
    }

    #[test]
    fn the_issue_key_is_found_through_invisible_and_look_alike_characters() {
        for (text, how) in [
            ("Tracking this as OP\u{200D}S-142.", "zero-width joiner"),
            ("Tracking this as OPS-1\u{AD}42.", "soft hyphen"),
            (
                "Tracking this as O\u{200B}PS\u{2060}-142.",
                "zero-width space, word joiner",
            ),
            ("Tracking this as ＯＰＳ－１４２.", "full-width"),
            (
                "Tracking this as \u{41E}\u{420}\u{405}-142.",
                "Cyrillic look-alikes",
            ),
            ("Tracking this as oPs-142.", "mixed case"),
        ] {
            let leaks = find_leaks(text, &facts(&[]));
            assert_eq!(leaks.len(), 1, "{how}: {leaks:?}");
            assert_eq!(leaks[0].kind, "issue_key", "{how}");
            assert_eq!(leaks[0].fragment, "OPS-142", "{how}");
        }
        // Still not inside a longer key, nor a different one.
        assert!(find_leaks("See ＯＰＳ-1420 and OPS-143.", &facts(&[])).is_empty());
    }

    #[test]
    fn the_summary_and_internal_names_are_found_in_disguise() {
        let internal = vec!["Billing worker".to_owned()];
        let text = "The Ｂｉｌｌｉｎｇ wo\u{200C}rker is restarting.";
        let leaks = find_leaks(text, &facts(&internal));
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert_eq!(leaks[0].kind, "internal_component");
        let text = "We see connection pool exh\u{AD}austion on \u{430}pi-db-3.";
        let leaks = find_leaks(text, &facts(&[]));
        assert_eq!(leaks.len(), 1, "{leaks:?}");
        assert_eq!(leaks[0].kind, "summary");
        assert_eq!(leaks[0].fragment, "connection pool exhaustion on api");
    }

    #[test]
    fn another_incidents_key_is_found_too() {
        let others = vec!["OPS-141".to_owned()];
        let f = InternalFacts {
            other_keys: &others,
            ..facts(&[])
        };
        let leaks = find_leaks("This is related to ops-141.", &f);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].fragment, "OPS-141");
    }

    #[test]
    fn key_candidates_hold_every_key_a_text_may_name_in_its_key_form() {
        let candidates = key_candidates("Related to ＯＰＳ-141 (see PROJ-AB-12).");
        assert!(candidates.contains(&key_form("OPS-141")));
        assert!(candidates.contains(&key_form("PROJ-AB-12")));
        assert!(!candidates.contains(&key_form("OPS-142")));
        assert_eq!(key_form("ops\u{200D}-141"), key_form("OPS-141"));
    }
}

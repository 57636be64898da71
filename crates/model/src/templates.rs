//! Message templates: each stage of an incident has an internal and an
//! external template, filled from the incident's fields. Placeholders are
//! written `{name}`; an unknown placeholder is an error, so a typo in an
//! admin's template is caught when it is saved, not when customers read it.
//!
//! The defaults come from the incident-response practice (DESIGN.md §1).

use crate::api::FieldError;
use crate::status::{wire_enum, IncidentStatus, UnknownValue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

wire_enum! {
    /// Who a message is for.
    pub enum Channel {
        /// Staff: email, chat, the portal.
        Internal = "internal",
        /// Customers: the status page and their subscriptions.
        External = "external",
    }
}

/// A template: a title and a body with `{placeholders}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The title (internal: the notice subject; external: unused by updates).
    pub title: String,
    /// The message.
    pub body: String,
}

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("issue_key", "the internal issue key, e.g. OPS-142"),
    ("severity", "the severity, e.g. Sev 2"),
    ("summary", "the internal summary"),
    ("title", "the public title"),
    (
        "components",
        "the affected components, e.g. API, Webhooks and Email",
    ),
    ("duration", "how long the incident lasted, e.g. 1 h 5 min"),
    ("impact", "the public impact, e.g. major"),
    ("support_cases", "the number of support cases"),
    ("started_at", "when the disruption began (UTC)"),
    ("status", "the stage, e.g. Identified"),
];

/// The values to fill in, by placeholder name.
pub type Values = BTreeMap<&'static str, String>;

/// A `{placeholder}` that is not one of [`PLACEHOLDERS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPlaceholder(pub String);

impl fmt::Display for UnknownPlaceholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
        write!(
            f,
            "unknown placeholder {{{}}}; known: {}",
            self.0,
            known.join(", ")
        )
    }
}

/// Replaces every `{name}` in `text`; `{{` and `}}` stand for braces.
pub fn fill(text: &str, values: &Values) -> Result<String, UnknownPlaceholder> {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(stripped) = tail.strip_prefix('{') {
            let Some(end) = stripped.find('}') else {
                return Err(UnknownPlaceholder(stripped.to_owned()));
            };
            let name = &stripped[..end];
            if !PLACEHOLDERS.iter().any(|(n, _)| *n == name) {
                return Err(UnknownPlaceholder(name.to_owned()));
            }
            out.push_str(values.get(name).map(String::as_str).unwrap_or(""));
            rest = &stripped[end + 1..];
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks a template an admin wants to save.
pub fn validate(field: &str, template: &Template) -> Result<(), FieldError> {
    let empty = Values::new();
    for (part, text) in [("title", &template.title), ("body", &template.body)] {
        crate::api::validate_len(&format!("{field}.{part}"), text, crate::api::MAX_BODY)?;
        fill(text, &empty)
            .map_err(|e| FieldError::new(format!("{field}.{part}"), e.to_string()))?;
    }
    if template.body.trim().is_empty() {
        return Err(FieldError::new(
            format!("{field}.body"),
            "must not be empty",
        ));
    }
    Ok(())
}

/// Joins names as a sentence does: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The built-in template for a stage and channel (English).
pub fn default_template(stage: IncidentStatus, channel: Channel) -> Template {
    let t = |title: &str, body: &str| Template {
        title: title.to_owned(),
        body: body.to_owned(),
    };
    use Channel::*;
    use IncidentStatus::*;
    match (stage, channel) {
        (Investigating, Internal) => t(
            "{issue_key} - {severity} - {summary}",
            "We are investigating an incident affecting {components}. We will provide updates via email and the status page shortly.",
        ),
        (Investigating, External) => t(
            "Investigating issues with {components}",
            "We are currently investigating issues with {components} and will provide updates here shortly.",
        ),
        (Identified, Internal) => t(
            "{issue_key} - {severity} - Identified: {summary}",
            "We have identified the cause of the incident affecting {components} and are working on a fix. Next update via email and the status page.",
        ),
        (Identified, External) => t(
            "Identified: issues with {components}",
            "We have identified the cause of the issues with {components} and are working on a fix.",
        ),
        (Monitoring, Internal) => t(
            "{issue_key} - {severity} - Monitoring: {summary}",
            "A fix for the incident affecting {components} is in place and we are monitoring the results.",
        ),
        (Monitoring, External) => t(
            "Monitoring: {components}",
            "A fix has been implemented and we are monitoring the results for {components}.",
        ),
        (Resolved | Postmortem, Internal) => t(
            "{issue_key} - {severity} - Resolved: {summary}",
            "The incident affecting {components} is resolved. It lasted {duration}, with {impact} impact; customers opened {support_cases} support cases. This incident is resolved and no further communication will follow.",
        ),
        (Resolved | Postmortem, External) => t(
            "Resolved: {components}",
            "Service to {components} has been restored. A post-incident review will follow.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::new();
        v.insert("issue_key", "OPS-142".into());
        v.insert("severity", "Sev 2".into());
        v.insert("summary", "Pool exhaustion".into());
        v.insert("components", join_names(&["API".into(), "Webhooks".into()]));
        v
    }

    #[test]
    fn the_seed_templates_fill_from_the_incident() {
        let t = default_template(IncidentStatus::Investigating, Channel::Internal);
        assert_eq!(
            fill(&t.title, &values()).unwrap(),
            "OPS-142 - Sev 2 - Pool exhaustion"
        );
        assert_eq!(
            fill(&t.body, &values()).unwrap(),
            "We are investigating an incident affecting API and Webhooks. We will provide updates via email and the status page shortly."
        );
        let e = default_template(IncidentStatus::Investigating, Channel::External);
        assert_eq!(
            fill(&e.title, &values()).unwrap(),
            "Investigating issues with API and Webhooks"
        );
    }

    #[test]
    fn every_default_template_is_valid_and_externals_say_nothing_internal() {
        for stage in IncidentStatus::ALL {
            for channel in Channel::ALL {
                let t = default_template(*stage, *channel);
                validate("template", &t).unwrap();
                if *channel == Channel::External {
                    for internal in ["{issue_key}", "{summary}", "{severity}", "{support_cases}"] {
                        assert!(
                            !t.body.contains(internal) && !t.title.contains(internal),
                            "{stage} {internal}"
                        );
                    }
                }
            }
        }
        let resolved = default_template(IncidentStatus::Resolved, Channel::Internal);
        assert!(resolved.body.contains("no further communication"));
        assert!(resolved.body.contains("{duration}") && resolved.body.contains("{support_cases}"));
    }

    #[test]
    fn unknown_placeholders_are_refused_and_braces_escape() {
        assert_eq!(
            fill("{sumary}", &values()),
            Err(UnknownPlaceholder("sumary".into()))
        );
        assert!(fill("open {brace", &values()).is_err());
        assert_eq!(
            fill("{{literal}} {issue_key}", &values()).unwrap(),
            "{literal} OPS-142"
        );
        let bad = Template {
            title: "ok".into(),
            body: "Hello {nme}".into(),
        };
        let err = validate("templates[0]", &bad).unwrap_err();
        assert_eq!(err.field, "templates[0].body");
        assert!(err.message.contains("{nme}"));
    }

    #[test]
    fn names_join_like_a_sentence() {
        assert_eq!(join_names(&[]), "");
        assert_eq!(join_names(&["A".into()]), "A");
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}

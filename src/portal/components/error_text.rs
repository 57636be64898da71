//! Failures of the internal API in sentences a comms manager can act on,
//! and the form field a refusal is about.

use crate::api::FetchError;
use crate::i18n::PortalMsg as P;
use crate::portal::{t, tf};
use herald_model::api::FieldError;
use leptos::prelude::*;

/// What went wrong, in a sentence (never the technical detail, which goes
/// to the console).
pub fn error_text(error: &FetchError) -> String {
    match error {
        FetchError::Network(_) => t(P::ErrorNetwork).to_owned(),
        e if e.is_unauthenticated() => t(P::ErrorSignedOut).to_owned(),
        e if e.is_forbidden() => t(P::ErrorForbidden).to_owned(),
        e if e.is_conflict() => t(P::ErrorConflict).to_owned(),
        FetchError::Api(e) => match &e.field {
            Some(field) => tf(
                P::ErrorRefusedField,
                &[("field", &field_label(field)), ("message", &e.message)],
            ),
            None => tf(P::ErrorRefused, &[("message", &e.message)]),
        },
        FetchError::Http(status) => tf(P::ErrorHttp, &[("status", &status.to_string())]),
        FetchError::Decode(_) => t(P::ErrorDecode).to_owned(),
    }
}

/// The label of a request field, as the form shows it.
pub fn field_label(field: &str) -> String {
    let msg = match field.split(['.', '[']).next().unwrap_or(field) {
        "issue_key" => P::IssueKey,
        "title" => P::PublicTitle,
        "summary" => P::Summary,
        "severity" => P::Severity,
        "impact" => P::Impact,
        "message" | "body" => P::ExternalMessage,
        "internal_message" | "internal_body" => P::InternalMessage,
        "components" => P::AffectedComponents,
        "started_at" => P::StartedAt,
        "roles" => P::RolesHeading,
        "url" => P::PostmortemUrl,
        "name" => P::Name,
        "email" => P::Email,
        "address" => P::Address,
        "password" => P::Password,
        "scheduled_for" => P::WindowStart,
        "scheduled_until" => P::WindowEnd,
        _ => return field.to_owned(),
    };
    t(msg).to_owned()
}

/// The problem a form's last refusal has with `field`, if it is about it.
pub fn field_problem(
    problem: RwSignal<Option<FieldError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|p| {
                    p.field == field
                        || p.field.starts_with(&format!("{field}."))
                        || p.field.starts_with(&format!("{field}["))
                })
                .map(|p| p.message.clone())
        })
    })
}

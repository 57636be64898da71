//! The audit trail: every write, newest first — when, who (by name when the
//! actor has an account), what, on which object, and the object before and
//! after (JSON, folded away).

use crate::components::LocalTime;
use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::error_text;
use crate::portal::t;
use herald_model::portal::AuditEvent;
use leptos::prelude::*;

/// How many events the trail shows at first, and adds per "Show more".
const PAGE: usize = 50;

/// The JSON of a stored state, indented for reading; as stored when it is
/// not JSON.
pub fn readable(state: &str) -> String {
    serde_json::from_str::<serde_json::Value>(state)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| state.to_owned())
}

/// The newest events, with more on demand.
#[component]
pub fn AuditSection() -> impl IntoView {
    let limit = RwSignal::new(PAGE);
    let events = LocalResource::new(move || api::audit(limit.get()));
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t(P::AuditHeading)}</h2>
            {move || match events.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{t(P::NoAudit)}</p> }.into_any(),
                Some(Ok(list)) => {
                    let full = list.len() >= limit.get_untracked();
                    view! {
                        <table class="admin audit" data-testid="audit">
                            <thead><tr>
                                <th scope="col">{t(P::AuditWhen)}</th>
                                <th scope="col">{t(P::AuditWho)}</th>
                                <th scope="col">{t(P::AuditWhat)}</th>
                                <th scope="col">{t(P::AuditChange)}</th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|e| view! { <AuditRow event=e /> }).collect_view()}</tbody>
                        </table>
                        {full.then(|| view! {
                            <button type="button" on:click=move |_| limit.update(|l| *l += PAGE)>{t(P::ShowMore)}</button>
                        })}
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AuditRow(event: AuditEvent) -> impl IntoView {
    let state = |label: &'static str, value: Option<String>| {
        value.map(|v| {
            view! {
                <p class="hint">{label}</p>
                <pre>{readable(&v)}</pre>
            }
        })
    };
    let has_change = event.before.is_some() || event.after.is_some();
    view! {
        <tr data-testid="audit-row">
            <td><LocalTime at=event.at /></td>
            <td>
                {match event.actor_name {
                    Some(name) => view! {
                        {name}
                        <span class="muted actor-email">{event.actor}</span>
                    }
                    .into_any(),
                    None => view! { {event.actor} }.into_any(),
                }}
            </td>
            <td>
                <code>{event.action}</code>
                " "
                <span class="muted">{format!("{} {}", event.object_type, event.object_id)}</span>
            </td>
            <td>
                {has_change.then(|| view! {
                    <details>
                        <summary>{t(P::AuditShowChange)}</summary>
                        {state(t(P::AuditBefore), event.before)}
                        {state(t(P::AuditAfter), event.after)}
                    </details>
                })}
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_states_are_indented_json_or_kept_as_they_are() {
        assert_eq!(readable(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(readable("not json"), "not json");
    }
}

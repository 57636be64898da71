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

/// How many events the trail shows at first, and adds per "Show more"
/// (the server sends at most 500 at a time).
const PAGE: usize = 50;

/// The JSON of a stored state, indented for reading; as stored when it is
/// not JSON.
pub fn readable(state: &str) -> String {
    serde_json::from_str::<serde_json::Value>(state)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| state.to_owned())
}

/// Where the next page starts: the id of the oldest event shown, when the
/// last page was full (a shorter one was the end of the trail).
pub fn next_page(shown: &[AuditEvent], last_page_len: usize) -> Option<i64> {
    (last_page_len >= PAGE)
        .then(|| shown.last().map(|e| e.id))
        .flatten()
}

/// The newest events, with older pages on demand.
#[component]
pub fn AuditSection() -> impl IntoView {
    let newest = LocalResource::new(|| api::audit(PAGE, None));
    // Pages older than the first, in the order they were fetched.
    let older = RwSignal::new(Vec::<Vec<AuditEvent>>::new());
    let more = Action::new_local(|before: &i64| api::audit(PAGE, Some(*before)));
    Effect::new(move || {
        if let Some(Ok(page)) = more.value().get() {
            older.update(|pages| pages.push(page));
        }
    });
    view! {
        <section aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t(P::AuditHeading)}</h2>
            {move || match newest.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{t(P::NoAudit)}</p> }.into_any(),
                Some(Ok(first)) => {
                    let pages = older.get();
                    let last_len = pages.last().map_or(first.len(), Vec::len);
                    let shown: Vec<AuditEvent> = first.into_iter().chain(pages.into_iter().flatten()).collect();
                    let next = next_page(&shown, last_len);
                    view! {
                        <table class="admin audit" data-testid="audit">
                            <thead><tr>
                                <th scope="col">{t(P::AuditWhen)}</th>
                                <th scope="col">{t(P::AuditWho)}</th>
                                <th scope="col">{t(P::AuditWhat)}</th>
                                <th scope="col">{t(P::AuditChange)}</th>
                            </tr></thead>
                            <tbody>{shown.into_iter().map(|e| view! { <AuditRow event=e /> }).collect_view()}</tbody>
                        </table>
                        {next.map(|before| view! {
                            <button type="button" disabled=move || more.pending().get()
                                on:click=move |_| { more.dispatch(before); }>
                                {t(P::ShowMore)}
                            </button>
                        })}
                    }
                    .into_any()
                }
            }}
            <p class="problem" role="alert">
                {move || more.value().get().and_then(Result::err).map(|e| error_text(&e))}
            </p>
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
        <tr data-testid="audit-row" data-id=event.id>
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

    fn event(id: i64) -> AuditEvent {
        serde_json::from_value(serde_json::json!({
            "id": id, "at": "2026-01-01T00:00:00.000Z", "actor": "a@herald.test",
            "action": "user.create", "object_type": "user", "object_id": "u",
            "before": null, "after": null
        }))
        .unwrap()
    }

    #[test]
    fn the_next_page_starts_below_the_oldest_event_shown_until_a_page_is_short() {
        let shown: Vec<AuditEvent> = (1..=PAGE as i64 + 3).rev().map(event).collect();
        assert_eq!(next_page(&shown, PAGE), Some(1));
        assert_eq!(next_page(&shown, 3), None, "a short page is the end");
        assert_eq!(next_page(&[], PAGE), None);
    }

    #[test]
    fn stored_states_are_indented_json_or_kept_as_they_are() {
        assert_eq!(readable(r#"{"a":1}"#), "{\n  \"a\": 1\n}");
        assert_eq!(readable("not json"), "not json");
    }
}

//! `/portal`: the open incidents with their update countdowns, what
//! monitoring detected, your drafts, and the recently resolved incidents.

use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::components::{error_text, NextUpdate};
use crate::portal::context::{use_clock, use_incidents, use_session};
use crate::portal::countdown::age;
use crate::portal::{t, tf};
use herald_model::api::IncidentRecord;
use herald_model::portal::{Detection, DraftRecord};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// How many resolved incidents the page lists.
const RECENT: usize = 10;

/// Where a draft is edited, from its key (`declare`, `incident-<id>-update`,
/// `incident-<id>-resolve`); `None` for a key the portal does not know.
pub fn draft_link(key: &str) -> Option<String> {
    if key == "declare" {
        return Some("/portal/declare".to_owned());
    }
    if let Some(detection) = key.strip_prefix("declare-detection-") {
        return Some(format!("/portal/declare?detection={detection}"));
    }
    let rest = key.strip_prefix("incident-")?;
    let id = rest
        .strip_suffix("-update")
        .or_else(|| rest.strip_suffix("-resolve"))?;
    Some(format!("/portal/incidents/{id}"))
}

/// The portal's home page.
#[component]
pub fn IncidentListPage() -> impl IntoView {
    let incidents = use_incidents();
    let session = use_session();
    let drafts = LocalResource::new(api::drafts);
    // Fresh numbers on arrival, not the last refresh's.
    incidents.refresh();
    view! {
        <div class="page-head">
            <h1>{t(P::IncidentsHeading)}</h1>
            <Show when=move || session.can_publish()>
                <A href="/portal/declare" attr:class="button primary" attr:data-testid="declare-link">
                    {t(P::DeclareIncident)}
                </A>
            </Show>
        </div>
        {move || match incidents.0.get() {
            None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
            Some(Ok(list)) => {
                let (open, resolved): (Vec<_>, Vec<_>) =
                    list.into_iter().partition(|i| i.status.is_unresolved());
                view! {
                    <section aria-labelledby="open-heading" data-testid="open-incidents">
                        <h2 id="open-heading">{t(P::OpenIncidents)}</h2>
                        {if open.is_empty() {
                            view! { <p class="empty">{t(P::NoOpenIncidents)}</p> }.into_any()
                        } else {
                            incident_table(open, true).into_any()
                        }}
                    </section>
                    <Detections />
                    <section aria-labelledby="drafts-heading" data-testid="drafts">
                        <h2 id="drafts-heading">{t(P::YourDrafts)}</h2>
                        <Transition fallback=|| view! { <p class="loading">{t(P::Loading)}</p> }>
                            {move || Suspend::new(async move {
                                match drafts.await {
                                    Ok(list) => drafts_list(list).into_any(),
                                    Err(e) => view! { <p class="problem">{error_text(&e)}</p> }.into_any(),
                                }
                            })}
                        </Transition>
                    </section>
                    <section aria-labelledby="resolved-heading" data-testid="resolved-incidents">
                        <h2 id="resolved-heading">{t(P::RecentlyResolved)}</h2>
                        {if resolved.is_empty() {
                            view! { <p class="empty">{t(P::NoResolvedIncidents)}</p> }.into_any()
                        } else {
                            incident_table(resolved.into_iter().take(RECENT).collect(), false).into_any()
                        }}
                    </section>
                }
                .into_any()
            }
        }}
    }
}

/// What monitoring tools detected and nobody has declared or dismissed
/// yet, each with a way to declare it (publishers) or dismiss it.
#[component]
fn Detections() -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let detections = LocalResource::new(api::detections);
    let problem = RwSignal::new(None::<String>);
    let dismiss = move |id: String| {
        spawn_local(async move {
            match api::dismiss_detection(id).await {
                Ok(_) => problem.set(None),
                Err(e) => problem.set(Some(error_text(&e))),
            }
            detections.refetch();
        });
    };
    let row = move |d: Detection| {
        let seen = if d.count > 1 {
            tf(
                P::DetectionSeen,
                &[
                    ("count", &d.count.to_string()),
                    ("time", &locale.datetime(d.last_seen_at)),
                ],
            )
        } else {
            tf(
                P::DetectionSeenOnce,
                &[("time", &locale.datetime(d.last_seen_at))],
            )
        };
        let id = d.id.clone();
        view! {
            <li data-testid="detection" data-detection-id=d.id.clone()>
                <p>
                    <strong>{d.source}</strong> " " {d.summary}
                    " " <span class="meta">{seen}</span>
                </p>
                <Show when=move || session.can_publish()>
                    <p class="row-actions">
                        <A href=format!("/portal/declare?detection={}", id) attr:class="button">
                            {t(P::DeclareDetection)}
                        </A>
                        " "
                        <button type="button" on:click={
                            let id = id.clone();
                            move |_| dismiss(id.clone())
                        }>{t(P::DismissDetection)}</button>
                    </p>
                </Show>
            </li>
        }
    };
    view! {
        <section aria-labelledby="detections-heading" data-testid="detections">
            <h2 id="detections-heading">{t(P::DetectionsHeading)}</h2>
            <p class="problem" role="alert">{move || problem.get()}</p>
            <Transition fallback=|| view! { <p class="loading">{t(P::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match detections.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p class="empty">{t(P::NoDetections)}</p> }.into_any()
                        }
                        Ok(list) => view! {
                            <ul class="detections">{list.into_iter().map(row).collect_view()}</ul>
                        }
                        .into_any(),
                        Err(e) => view! { <p class="problem">{error_text(&e)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// A table of incidents; `open` adds the age and the update countdown.
fn incident_table(list: Vec<IncidentRecord>, open: bool) -> impl IntoView {
    let locale = use_locale();
    let clock = use_clock();
    view! {
        <table class="incidents">
            <thead>
                <tr>
                    <th scope="col">{t(P::IssueKey)}</th>
                    <th scope="col">{t(P::PublicTitle)}</th>
                    <th scope="col">{t(P::Severity)}</th>
                    <th scope="col">{t(P::Status)}</th>
                    {if open {
                        view! {
                            <th scope="col">{t(P::Age)}</th>
                            <th scope="col">{t(P::NextUpdate)}</th>
                        }
                        .into_any()
                    } else {
                        view! { <th scope="col">{t(P::ResolvedAt)}</th> }.into_any()
                    }}
                </tr>
            </thead>
            <tbody>
                {list
                    .into_iter()
                    .map(|i| {
                        let href = format!("/portal/incidents/{}", i.id);
                        let started = i.started_at;
                        let key = i.issue_key.clone();
                        let title = i.title.clone();
                        view! {
                            <tr data-testid="incident-row" data-issue-key=i.issue_key.clone() data-status=i.status.as_str()>
                                <td><A href=href.clone()>{key}</A></td>
                                <td>
                                    <A href=href>{title}</A>
                                    {i.drill.then(|| view! { " " <span class="tag drill">{t(P::Drill)}</span> })}
                                    {(i.visibility == herald_model::api::Visibility::Internal)
                                        .then(|| view! { " " <span class="tag internal">{t(P::InternalOnly)}</span> })}
                                </td>
                                <td><span class=format!("sev sev{}", i.severity.level())>{i.severity.label()}</span></td>
                                <td>{locale.text(Msg::Update(i.status.into()))}</td>
                                {if open {
                                    view! {
                                        <td>{move || age(started, clock.now())}</td>
                                        <td><NextUpdate due=i.next_update_due /></td>
                                    }
                                    .into_any()
                                } else {
                                    view! {
                                        <td>{i.resolved_at.map(|at| locale.datetime(at))}</td>
                                    }
                                    .into_any()
                                }}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The person's drafts, each linking to where it is edited.
fn drafts_list(list: Vec<DraftRecord>) -> impl IntoView {
    let locale = use_locale();
    if list.is_empty() {
        return view! { <p class="empty">{t(P::NoDrafts)}</p> }.into_any();
    }
    view! {
        <ul class="drafts">
            {list
                .into_iter()
                .map(|d| {
                    let saved = tf(P::DraftSavedAt, &[("time", &locale.datetime(d.updated_at))]);
                    let label = draft_label(&d.key);
                    view! {
                        <li data-testid="draft-row" data-key=d.key.clone()>
                            {match draft_link(&d.key) {
                                Some(href) => view! { <A href=href>{label}</A> }.into_any(),
                                None => view! { <span>{label}</span> }.into_any(),
                            }}
                            " "
                            <span class="meta">{saved}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// What a draft is, in words.
fn draft_label(key: &str) -> String {
    if key == "declare" || key.starts_with("declare-detection-") {
        t(P::DraftDeclare).to_owned()
    } else if key.ends_with("-resolve") {
        t(P::DraftResolve).to_owned()
    } else if key.ends_with("-update") {
        t(P::DraftUpdate).to_owned()
    } else {
        key.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::draft_link;

    #[test]
    fn drafts_link_to_where_they_are_edited() {
        assert_eq!(draft_link("declare").as_deref(), Some("/portal/declare"));
        assert_eq!(
            draft_link("incident-abc-update").as_deref(),
            Some("/portal/incidents/abc")
        );
        assert_eq!(
            draft_link("incident-abc-resolve").as_deref(),
            Some("/portal/incidents/abc")
        );
        assert_eq!(
            draft_link("declare-detection-d1").as_deref(),
            Some("/portal/declare?detection=d1")
        );
        assert_eq!(draft_link("other"), None);
    }
}

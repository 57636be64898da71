//! `/portal/incidents/:id`: everything about one incident for staff — key,
//! severity, status, roles, assessment, support cases, the countdown to the
//! next update and the whole timeline (public and internal updates) — and
//! the forms that move it on: post an update, resolve with final
//! communications, publish the postmortem.

use crate::api::FetchError;
use crate::components::StatusBadge;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::components::{
    error_text, field_problem, preview_component, preview_incident, CheckBox, DraftStatus,
    ExternalPreview, IncidentEdit, InternalPreview, NextUpdate, PublishConfirmation, TextArea,
    TextField,
};
use crate::portal::compose::{Facts, Message};
use crate::portal::context::{use_clock, use_incidents, use_session};
use crate::portal::countdown::age;
use crate::portal::drafts::use_draft;
use crate::portal::incident_forms::{update_statuses, ResolveForm, UpdateForm};
use crate::portal::{t, tf};
use herald_model::api::ErrorCode;
use herald_model::api::{
    Audience, ComponentChange, ComponentRecord, FieldError, IncidentRecord, NewUpdate,
    PublishPostmortem, ResolveIncident, UpdateEdit, UpdateRecord, Visibility,
};
use herald_model::assessment::{AffectedScope, Assessment, ImpactAudience, Symptom};
use herald_model::portal::TemplateRecord;
use herald_model::v2;
use herald_model::{ComponentStatus, IncidentStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;

/// The incident page; re-created when the id in the URL changes.
#[component]
pub fn IncidentPortalPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    move || view! { <IncidentPortal id=id.get() /> }
}

/// Which form is at its confirmation step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Editing,
    ConfirmUpdate,
    ConfirmResolve,
}

type Loaded<T> = LocalResource<Result<T, FetchError>>;

/// One incident, its timeline and its forms.
#[component]
fn IncidentPortal(
    /// The incident's id.
    id: String,
) -> impl IntoView {
    let session = use_session();
    let incidents = use_incidents();
    let record: Loaded<IncidentRecord> = {
        let id = id.clone();
        LocalResource::new(move || api::incident(id.clone()))
    };
    let components: Loaded<Vec<ComponentRecord>> = LocalResource::new(api::components);
    let templates: Loaded<Vec<TemplateRecord>> = LocalResource::new(api::templates);
    let current = Memo::new(move |_| record.get().and_then(Result::ok));
    let templates = Memo::new(move |_| templates.get().and_then(Result::ok).unwrap_or_default());
    let internal_components = Memo::new(move |_| {
        components
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|c| c.internal_only)
            .map(|c| c.component.name)
            .collect::<Vec<_>>()
    });
    let changed = move || {
        record.refetch();
        incidents.refresh();
    };
    Effect::new(move || {
        if let Some(r) = current.get() {
            document().set_title(&format!(
                "{} {} – {}",
                r.issue_key,
                r.title,
                t(P::PortalTitle)
            ));
        }
    });

    let open = move || current.with(|r| r.as_ref().is_some_and(|r| r.status.is_unresolved()));
    let closed = move || current.with(|r| r.as_ref().is_some_and(|r| !r.status.is_unresolved()));
    let ctx = FormContext {
        id: StoredValue::new(id),
        current,
        templates,
        internal_components,
    };

    view! {
        {move || match record.get() {
            None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
            Some(Ok(r)) => {
                details(r, session.can_publish(), Callback::new(move |()| changed())).into_any()
            }
        }}
        <Show when=move || open() && session.can_publish()>
            {move || incident_forms(ctx, changed)}
        </Show>
        <Show when=move || session.can_publish()>
            {move || current.get().map(|r| view! {
                <IncidentEdit record=r on_saved=Callback::new(move |()| changed()) />
            })}
        </Show>
        <Show when=move || open() && !session.can_publish()>
            <p class="notice" data-testid="read-only">{t(P::ViewerCannotPublish)}</p>
        </Show>
        <Show when=closed>
            {move || postmortem_section(ctx, changed)}
        </Show>
    }
}

/// What the forms share.
#[derive(Clone, Copy)]
struct FormContext {
    id: StoredValue<String>,
    current: Memo<Option<IncidentRecord>>,
    templates: Memo<Vec<TemplateRecord>>,
    internal_components: Memo<Vec<String>>,
}

/// The incident's facts and timeline; publishers (`can_edit`) may correct
/// the text of an update, after which `on_saved` runs.
fn details(r: IncidentRecord, can_edit: bool, on_saved: Callback<()>) -> impl IntoView {
    let locale = use_locale();
    let clock = use_clock();
    let started = r.started_at;
    let status_label = locale.text(Msg::Update(r.status.into()));
    view! {
        <header class="incident-head" data-testid="incident-head" data-status=r.status.as_str() data-version=r.version>
            <p class="issue-key" data-testid="issue-key">{r.issue_key.clone()}</p>
            <h1>{r.title.clone()}</h1>
            <p class="tags">
                <span class=format!("sev sev{}", r.severity.level()) data-testid="severity">{r.severity.label()}</span>
                " "
                <span class="tag status" data-testid="status">{status_label}</span>
                " "
                <span class="tag">{locale.text(Msg::Impact(r.impact))}</span>
                {(r.visibility == Visibility::Internal).then(|| view! { " " <span class="tag internal">{t(P::InternalOnly)}</span> })}
                {r.drill.then(|| view! { " " <span class="tag drill">{t(P::Drill)}</span> })}
            </p>
            <p class="summary">{r.summary.clone()}</p>
            <p class="timing">
                {tf(P::StartedAtTime, &[("time", &locale.datetime(r.started_at))])}
                " · "
                {move || tf(P::OpenFor, &[("time", &age(started, clock.now()))])}
                " "
                <NextUpdate due=r.next_update_due />
            </p>
        </header>
        <div class="incident-facts">
            <section aria-labelledby="roles-heading">
                <h2 id="roles-heading">{t(P::RolesHeading)}</h2>
                <dl class="facts">
                    <dt>{t(P::RoleIncidentManager)}</dt>
                    <dd>{r.roles.incident_manager.clone().unwrap_or_else(|| t(P::Unassigned).into())}</dd>
                    <dt>{t(P::RoleTechnicalLead)}</dt>
                    <dd>{r.roles.technical_lead.clone().unwrap_or_else(|| t(P::Unassigned).into())}</dd>
                    <dt>{t(P::RoleCommunicationsManager)}</dt>
                    <dd>{r.roles.communications_manager.clone().unwrap_or_else(|| t(P::Unassigned).into())}</dd>
                    <dt>{t(P::SupportCases)}</dt>
                    <dd data-testid="support-cases">{r.support_cases}</dd>
                </dl>
            </section>
            <section aria-labelledby="assessment-heading" data-testid="assessment-facts">
                <h2 id="assessment-heading">{t(P::AssessmentHeading)}</h2>
                {match r.assessment.clone() {
                    Some(a) => assessment_facts(a).into_any(),
                    None => view! { <p class="empty">{t(P::NoAssessment)}</p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="components-heading">
                <h2 id="components-heading">{t(P::AffectedComponents)}</h2>
                <ul class="component-states" role="list">
                    {r.components
                        .iter()
                        .map(|c| view! { <li data-testid="incident-component">{c.name.clone()} " " <StatusBadge status=c.status /></li> })
                        .collect_view()}
                </ul>
            </section>
        </div>
        {r.postmortem_url.clone().map(|url| view! {
            <p class="postmortem-link">{t(P::PostmortemUrl)} ": " <a href=url.clone()>{url.clone()}</a></p>
        })}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t(P::TimelineHeading)}</h2>
            <ol class="timeline" data-testid="timeline">
                {r.updates
                    .iter()
                    .map(|u| {
                        let public = u.audience == Audience::Public;
                        view! {
                            <li class="timeline-update" class:internal=!public data-testid="timeline-update"
                                data-audience=u.audience.as_str() data-status=u.status.as_str()>
                                <p class="update-meta">
                                    <span class=if public { "tag public" } else { "tag internal" }>
                                        {if public { t(P::AudiencePublic) } else { t(P::AudienceStaff) }}
                                    </span>
                                    " "
                                    <strong>{locale.text(Msg::Update(u.status.into()))}</strong>
                                    " · "
                                    <time datetime=herald_model::time::format(&u.created_at)>{locale.datetime(u.created_at)}</time>
                                    " · "
                                    <span class="author">{u.author.clone()}</span>
                                </p>
                                <UpdateText incident_id=r.id.clone() version=r.version update=u.clone()
                                    can_edit on_saved />
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// An update's text, and for publishers a way to correct it in place (the
/// server checks a public one for internal information again).
#[component]
fn UpdateText(
    /// The incident's id.
    incident_id: String,
    /// The incident's version the correction is based on.
    version: i64,
    /// The update.
    update: UpdateRecord,
    /// Whether the viewer may correct it.
    can_edit: bool,
    /// Runs after a correction is saved.
    on_saved: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let editing = RwSignal::new(false);
    let text = RwSignal::new(update.body.clone());
    let problem = RwSignal::new(None::<String>);
    let leak = RwSignal::new(false);
    let confirm_leaks = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let body = StoredValue::new(update.body.clone());
    let ids = StoredValue::new((incident_id, update.id.clone()));
    let field_id = format!("correct-{}", update.id);
    let confirm_id = StoredValue::new(format!("{field_id}-confirm"));
    let save = move |_| {
        saving.set(true);
        let (id, update_id) = ids.get_value();
        let edit = UpdateEdit {
            version,
            body: text.get_untracked(),
            confirm_leaks: confirm_leaks.get_untracked(),
        };
        spawn_local(async move {
            let result = api::edit_update(id, update_id, edit).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    editing.set(false);
                    on_saved.run(());
                }
                Err(e) => {
                    leak.set(matches!(&e, FetchError::Api(a) if a.code == ErrorCode::Leak));
                    problem.set(Some(error_text(&e)));
                }
            }
        });
    };
    let edited = update.edited_at;
    let shown = move || {
        view! {
            <p class="update-body" data-testid="update-body">{body.get_value()}</p>
            {edited.map(|at| view! {
                <p class="muted edited" data-testid="update-edited">{tf(P::EditedAt, &[("time", &locale.datetime(at))])}</p>
            })}
            {can_edit.then(|| view! {
                <button type="button" class="link" on:click=move |_| editing.set(true)>
                    {t(P::CorrectText)}
                </button>
            })}
        }
    };
    view! {
        <Show when=move || editing.get() fallback=shown>
            <TextArea id=field_id.clone() label=t(P::CorrectTextLabel) value=text
                on_input=move |v| text.set(v) hint=t(P::CorrectTextHint).to_owned() />
            <Show when=move || leak.get()>
                <CheckBox id=confirm_id.get_value() label=t(P::LeakConfirm).to_owned()
                    checked=confirm_leaks on_change=move |on| confirm_leaks.set(on) />
            </Show>
            <p class="problem" role="alert" data-testid="correction-problem">{move || problem.get()}</p>
            <p class="actions">
                <button type="button" class="primary" on:click=save disabled=move || saving.get()>{t(P::SaveCorrection)}</button>
                " "
                <button type="button" on:click=move |_| editing.set(false)>{t(P::Cancel)}</button>
            </p>
        </Show>
    }
}

/// The assessment answers in words.
fn assessment_facts(a: Assessment) -> impl IntoView {
    let audience = match a.audience {
        ImpactAudience::External => t(P::AudienceExternal),
        ImpactAudience::Internal => t(P::AudienceInternal),
    };
    let scope = match a.scope {
        AffectedScope::Some => t(P::ScopeSome),
        AffectedScope::All => t(P::ScopeAll),
    };
    let symptom = match a.symptom {
        Symptom::Down => t(P::SymptomDown),
        Symptom::CoreImpaired => t(P::SymptomCoreImpaired),
        Symptom::Degraded => t(P::SymptomDegraded),
        Symptom::MinorInconvenience => t(P::SymptomMinor),
    };
    let mut factors = Vec::new();
    if a.security_or_privacy {
        factors.push(t(P::FactorSecurity));
    }
    if a.data_loss {
        factors.push(t(P::FactorDataLoss));
    }
    if a.public_attention {
        factors.push(t(P::FactorAttention));
    }
    let suggestion = herald_model::assessment::suggest(&a);
    view! {
        <dl class="facts">
            <dt>{t(P::QuestionAudience)}</dt><dd>{audience}</dd>
            <dt>{t(P::QuestionScope)}</dt><dd>{scope}</dd>
            <dt>{t(P::QuestionSymptom)}</dt><dd>{symptom}</dd>
            <dt>{t(P::QuestionSupportCases)}</dt><dd>{a.support_cases}</dd>
            <dt>{t(P::QuestionOtherFactors)}</dt>
            <dd>{if factors.is_empty() { t(P::NoFactors).to_owned() } else { factors.join("; ") }}</dd>
            <dt>{t(P::SuggestedSeverity)}</dt>
            <dd>{format!("{} — {}", suggestion.severity.label(), suggestion.reason)}</dd>
        </dl>
    }
}

/// The public updates of a record as the public documents carry them.
fn public_updates(r: &IncidentRecord) -> Vec<v2::IncidentUpdate> {
    r.updates
        .iter()
        .filter(|u| u.audience == Audience::Public)
        .map(|u| {
            let mut p = crate::portal::components::preview_update(u.status, &u.body, u.created_at);
            p.id = u.id.clone();
            p
        })
        .collect()
}

/// Whether the record's public updates reach customers at all.
fn reaches_public(r: &IncidentRecord) -> bool {
    r.visibility == Visibility::Public && !r.drill
}

/// The "post update" and "resolve" forms with their previews.
fn incident_forms(
    ctx: FormContext,
    changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = use_locale();
    let clock = use_clock();
    let session = use_session();
    let FormContext {
        id,
        current,
        templates,
        internal_components,
    } = ctx;
    let id_text = id.get_value();

    let update = RwSignal::new(UpdateForm::default());
    let update_draft = use_draft(format!("incident-{id_text}-update"), update);
    let resolve = RwSignal::new(ResolveForm::default());
    let resolve_draft = use_draft(format!("incident-{id_text}-resolve"), resolve);
    let step = RwSignal::new(Step::Editing);
    let confirmed = RwSignal::new(false);
    let problem = RwSignal::new(None::<FieldError>);
    let conflict = RwSignal::new(false);

    let status_label = move |s: IncidentStatus| locale.text(Msg::Update(s.into()));
    let update_out = Memo::new(move |_| {
        let now = clock.now();
        current
            .with(|r| {
                r.as_ref().map(|r| {
                    update.with(|f| {
                        templates.with(|tpl| f.outgoing(r, tpl, status_label(f.status(r)), now))
                    })
                })
            })
            .unwrap_or_default()
    });
    let resolve_out = Memo::new(move |_| {
        let now = clock.now();
        current
            .with(|r| {
                r.as_ref().map(|r| {
                    resolve.with(|f| {
                        templates.with(|tpl| {
                            f.outgoing(r, tpl, status_label(IncidentStatus::Resolved), now)
                        })
                    })
                })
            })
            .unwrap_or_default()
    });
    let leaks_in = move |text: String| {
        current.with(|r| {
            r.as_ref()
                .map(|r| {
                    let facts = Facts::of_record(r, r.status, "");
                    internal_components.with(|names| facts.leaks(&text, names))
                })
                .unwrap_or_default()
        })
    };
    let update_public = Signal::derive(move || {
        !update.with(|f| f.internal_only)
            && current.with(|r| r.as_ref().is_some_and(reaches_public))
    });
    let resolve_public =
        Signal::derive(move || current.with(|r| r.as_ref().is_some_and(reaches_public)));

    let post =
        Action::new_local(move |req: &NewUpdate| api::post_update(id.get_value(), req.clone()));
    let finish =
        Action::new_local(move |req: &ResolveIncident| api::resolve(id.get_value(), req.clone()));
    let outcome = move |result: Option<Result<IncidentRecord, FetchError>>,
                        after_success: &dyn Fn()| {
        match result {
            Some(Ok(_)) => {
                after_success();
                step.set(Step::Editing);
                confirmed.set(false);
                changed();
            }
            Some(Err(e)) if e.is_conflict() => {
                conflict.set(true);
                step.set(Step::Editing);
                changed();
            }
            Some(Err(FetchError::Api(e))) if e.code != ErrorCode::Leak && e.field.is_some() => {
                problem.set(
                    e.field
                        .clone()
                        .map(|f| FieldError::new(f, e.message.clone())),
                );
                step.set(Step::Editing);
            }
            _ => {}
        }
    };
    Effect::new(move || {
        outcome(post.value().get(), &|| {
            update_draft.discard();
            update.set(UpdateForm::default());
            post.value().set(None);
        })
    });
    Effect::new(move || {
        outcome(finish.value().get(), &|| {
            resolve_draft.discard();
            resolve.set(ResolveForm::default());
        })
    });

    let review = move |which: Step| {
        let checked = current.with_untracked(|r| {
            let r = r.as_ref()?;
            Some(match which {
                Step::ConfirmResolve => {
                    let (e, i) = resolve_out.get_untracked();
                    resolve
                        .with_untracked(|f| f.request(r, &e, &i, false))
                        .map(|_| ())
                }
                _ => {
                    let (e, i) = update_out.get_untracked();
                    update
                        .with_untracked(|f| f.request(r, &e, &i, false))
                        .map(|_| ())
                }
            })
        });
        match checked {
            Some(Ok(())) => {
                problem.set(None);
                conflict.set(false);
                confirmed.set(false);
                post.value().set(None);
                finish.value().set(None);
                step.set(which);
            }
            Some(Err(e)) => problem.set(Some(e)),
            None => {}
        }
    };
    let send = move |_| {
        let which = step.get_untracked();
        current.with_untracked(|r| {
            let Some(r) = r.as_ref() else { return };
            let confirm = confirmed.get_untracked();
            match which {
                Step::ConfirmResolve => {
                    let (e, i) = resolve_out.get_untracked();
                    if let Ok(req) = resolve.with_untracked(|f| f.request(r, &e, &i, confirm)) {
                        finish.dispatch(req);
                    }
                }
                Step::ConfirmUpdate => {
                    let (e, i) = update_out.get_untracked();
                    if let Ok(req) = update.with_untracked(|f| f.request(r, &e, &i, confirm)) {
                        post.dispatch(req);
                    }
                }
                Step::Editing => {}
            }
        });
    };

    let update_preview = Signal::derive(move || {
        let now = clock.now();
        let (external, _) = update_out.get();
        current
            .with(|r| {
                let r = r.as_ref()?;
                update.with(|f| {
                    let components = r
                        .components
                        .iter()
                        .map(|c| {
                            preview_component(
                                &c.id,
                                &c.name,
                                f.component_status(r, &c.id).unwrap_or(c.status),
                                now,
                            )
                        })
                        .collect();
                    Some(preview_incident(
                        &r.title,
                        f.status(r),
                        r.impact,
                        components,
                        public_updates(r),
                        &external.body,
                        now,
                    ))
                })
            })
            .unwrap_or_else(|| {
                preview_incident(
                    "",
                    IncidentStatus::Investigating,
                    herald_model::Impact::None,
                    vec![],
                    vec![],
                    "",
                    now,
                )
            })
    });
    let resolve_preview = Signal::derive(move || {
        let now = clock.now();
        let (external, _) = resolve_out.get();
        current
            .with(|r| {
                let r = r.as_ref()?;
                let components = r
                    .components
                    .iter()
                    .map(|c| preview_component(&c.id, &c.name, ComponentStatus::Operational, now))
                    .collect();
                let mut i = preview_incident(
                    &r.title,
                    IncidentStatus::Resolved,
                    r.impact,
                    components,
                    public_updates(r),
                    &external.body,
                    now,
                );
                i.resolved_at = Some(now);
                Some(i)
            })
            .unwrap_or_else(|| {
                preview_incident(
                    "",
                    IncidentStatus::Resolved,
                    herald_model::Impact::None,
                    vec![],
                    vec![],
                    "",
                    now,
                )
            })
    });
    let internal_details = move |status: Signal<IncidentStatus>| {
        Signal::derive(move || {
            current.with(|r| {
                r.as_ref()
                    .map(|r| {
                        vec![
                            (t(P::Status), status_label(status.get()).to_owned()),
                            (
                                t(P::Severity),
                                format!("{} — {}", r.severity.label(), r.severity.meaning()),
                            ),
                            (
                                t(P::AffectedComponents),
                                herald_model::templates::join_names(
                                    &r.components
                                        .iter()
                                        .map(|c| c.name.clone())
                                        .collect::<Vec<_>>(),
                                ),
                            ),
                            (
                                t(P::RoleIncidentManager),
                                r.roles.incident_manager.clone().unwrap_or_default(),
                            ),
                            (
                                t(P::RoleTechnicalLead),
                                r.roles.technical_lead.clone().unwrap_or_default(),
                            ),
                            (
                                t(P::RoleCommunicationsManager),
                                r.roles.communications_manager.clone().unwrap_or_default(),
                            ),
                            (t(P::SupportCases), r.support_cases.to_string()),
                        ]
                    })
                    .unwrap_or_default()
            })
        })
    };
    let update_status = Signal::derive(move || {
        current
            .with(|r| r.as_ref().map(|r| update.with(|f| f.status(r))))
            .unwrap_or(IncidentStatus::Investigating)
    });

    view! {
        {move || conflict.get().then(|| view! {
            <p class="notice" role="alert" data-testid="conflict">{t(P::ErrorConflict)}</p>
        })}
        <Show when=move || step.get() == Step::Editing>
            <div class="compose">
                <form class="compose-form" data-testid="update-form" aria-labelledby="update-heading" on:submit=|ev| ev.prevent_default()>
                    <h2 id="update-heading">{t(P::PostUpdateHeading)}</h2>
                    <div class="field">
                        <label for="update-status">{t(P::Status)}</label>
                        <select
                            id="update-status"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                update.update(|f| f.status = v.parse().ok());
                            }
                        >
                            {move || {
                                let chosen = update_status.get();
                                current.with(|r| r.as_ref().map(|r| update_statuses(r.status)).unwrap_or_default())
                                    .into_iter()
                                    .map(|s| view! { <option value=s.as_str() selected=s == chosen>{status_label(s)}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <fieldset>
                        <legend>{t(P::ComponentTransitions)}</legend>
                        {move || current.with(|r| r.as_ref().map(|r| r.components.clone())).unwrap_or_default()
                            .into_iter()
                            .map(|c| {
                                let select_id = format!("update-component-{}", c.id);
                                let cid = c.id.clone();
                                let chosen = move || {
                                    let cid = cid.clone();
                                    current.with(|r| r.as_ref().and_then(|r| update.with(|f| f.component_status(r, &cid))))
                                };
                                let cid = c.id.clone();
                                view! {
                                    <div class="field inline">
                                        <label for=select_id.clone()>{c.name.clone()}</label>
                                        <select
                                            id=select_id
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                if let Ok(status) = v.parse::<ComponentStatus>() {
                                                    let id = cid.clone();
                                                    update.update(|f| {
                                                        f.components.retain(|x| x.id != id);
                                                        f.components.push(ComponentChange { id, status });
                                                    });
                                                }
                                            }
                                        >
                                            {ComponentStatus::ALL.iter().map(|s| {
                                                let chosen = chosen.clone();
                                                view! { <option value=s.as_str() selected=move || chosen() == Some(*s)>{locale.text(Msg::Component(*s))}</option> }
                                            }).collect_view()}
                                        </select>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <CheckBox id="update-internal-only".to_owned() label=t(P::InternalNoteOnly)
                        checked=Signal::derive(move || update.with(|f| f.internal_only))
                        on_change=move |v| update.update(|f| f.internal_only = v) />
                    <Show when=move || !update.with(|f| f.internal_only)>
                        <TextArea id="update-external" label=t(P::ExternalMessage) hint=t(P::ExternalMessageHint).to_owned()
                            value=Signal::derive(move || update_out.get().0.body)
                            on_input=move |v| update.update(|f| f.external_message = Some(v))
                            problem=field_problem(problem, "body") />
                    </Show>
                    <TextArea id="update-internal" label=t(P::InternalMessage) hint=t(P::InternalMessageHint).to_owned()
                        value=Signal::derive(move || update_out.get().1.body)
                        on_input=move |v| update.update(|f| f.internal_message = Some(v))
                        problem=field_problem(problem, "internal_body") />
                    {move || (update.with(|f| f.external_message.is_some() || f.internal_message.is_some())).then(|| view! {
                        <button type="button" class="link" on:click=move |_| update.update(|f| { f.external_message = None; f.internal_message = None; })>
                            {t(P::ResetToTemplate)}
                        </button>
                    })}
                    <div class="actions">
                        <button type="button" class="primary" data-testid="review-update" on:click=move |_| review(Step::ConfirmUpdate)>
                            {t(P::ReviewUpdate)}
                        </button>
                        <DraftStatus draft=update_draft />
                    </div>
                </form>
                <aside class="previews" aria-label=t(P::PreviewsLabel)>
                    <ExternalPreview incident=update_preview public=update_public />
                    <InternalPreview message=Signal::derive(move || update_out.get().1) details=internal_details(update_status) />
                </aside>
            </div>

            <div class="compose">
                <form class="compose-form" data-testid="resolve-form" aria-labelledby="resolve-heading" on:submit=|ev| ev.prevent_default()>
                    <h2 id="resolve-heading">{t(P::ResolveHeading)}</h2>
                    <p class="hint">{t(P::ResolveHint)}</p>
                    <TextArea id="resolve-internal" label=t(P::FinalInternalMessage) rows=5
                        value=Signal::derive(move || resolve_out.get().1.body)
                        on_input=move |v| resolve.update(|f| f.internal_message = Some(v))
                        problem=field_problem(problem, "internal_body") />
                    <TextArea id="resolve-external" label=t(P::FinalExternalMessage)
                        value=Signal::derive(move || resolve_out.get().0.body)
                        on_input=move |v| resolve.update(|f| f.external_message = Some(v))
                        problem=field_problem(problem, "body") />
                    <TextField id="resolve-support-cases" label=t(P::SupportCases) kind="number"
                        value=Signal::derive(move || {
                            let recorded = current.with(|r| r.as_ref().map(|r| r.support_cases).unwrap_or(0));
                            resolve.with(|f| f.support_cases.unwrap_or(recorded)).to_string()
                        })
                        on_input=move |v: String| resolve.update(|f| f.support_cases = v.trim().parse().ok()) />
                    <CheckBox id="resolve-recurring".to_owned() label=t(P::RecurringLabel)
                        checked=Signal::derive(move || resolve.with(|f| f.recurring))
                        on_change=move |v| resolve.update(|f| f.recurring = v) />
                    <div class="actions">
                        <button type="button" class="primary" data-testid="review-resolve" on:click=move |_| review(Step::ConfirmResolve)>
                            {t(P::ReviewResolve)}
                        </button>
                        <DraftStatus draft=resolve_draft />
                    </div>
                    {move || problem.get().map(|p| view! {
                        <p class="problem" role="alert" data-testid="form-problem">
                            {tf(P::FieldProblem, &[("field", &crate::portal::components::field_label(&p.field)), ("message", &p.message)])}
                        </p>
                    })}
                </form>
                <aside class="previews" aria-label=t(P::PreviewsLabel)>
                    <ExternalPreview incident=resolve_preview public=resolve_public />
                    <InternalPreview message=Signal::derive(move || resolve_out.get().1)
                        details=internal_details(Signal::derive(|| IncidentStatus::Resolved)) />
                </aside>
            </div>
        </Show>
        <Show when=move || step.get() == Step::ConfirmUpdate>
            <PublishConfirmation
                external=Signal::derive(move || update_public.get().then(|| update_out.get().0).map(|m| Message { title: current.with(|r| r.as_ref().map(|r| r.title.clone()).unwrap_or_default()), body: m.body }))
                internal=Signal::derive(move || { let m = update_out.get().1; (!m.body.trim().is_empty()).then_some(m) })
                leaks=Signal::derive(move || if update_public.get() { leaks_in(update_out.get().0.body) } else { Vec::new() })
                confirmed
                error=Signal::derive(move || post.value().get().and_then(Result::err))
                pending=post.pending()
                allowed=Signal::derive(move || session.can_publish())
                action_label=t(P::PublishUpdate)
                on_publish=send
                on_back=move |_| step.set(Step::Editing)
            />
        </Show>
        <Show when=move || step.get() == Step::ConfirmResolve>
            <PublishConfirmation
                external=Signal::derive(move || resolve_public.get().then(|| resolve_out.get().0).map(|m| Message { title: current.with(|r| r.as_ref().map(|r| r.title.clone()).unwrap_or_default()), body: m.body }))
                internal=Signal::derive(move || Some(resolve_out.get().1))
                leaks=Signal::derive(move || if resolve_public.get() { leaks_in(resolve_out.get().0.body) } else { Vec::new() })
                confirmed
                error=Signal::derive(move || finish.value().get().and_then(Result::err))
                pending=finish.pending()
                allowed=Signal::derive(move || session.can_publish())
                action_label=t(P::ResolveIncident)
                on_publish=send
                on_back=move |_| step.set(Step::Editing)
            />
        </Show>
    }
}

/// After resolution: the postmortem verdict and the form to publish the
/// review's link.
fn postmortem_section(
    ctx: FormContext,
    changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let FormContext { id, current, .. } = ctx;
    let url = RwSignal::new(String::new());
    let body = RwSignal::new(None::<String>);
    let confirmed = RwSignal::new(false);
    let publish = Action::new_local(move |req: &PublishPostmortem| {
        api::publish_postmortem(id.get_value(), req.clone())
    });
    Effect::new(move || {
        if let Some(Ok(_)) = publish.value().get() {
            changed();
        }
    });
    let text = Signal::derive(move || {
        body.get()
            .unwrap_or_else(|| tf(P::PostmortemDefaultBody, &[("url", url.get().trim())]))
    });
    let send = move |_| {
        let Some(version) = current.with_untracked(|r| r.as_ref().map(|r| r.version)) else {
            return;
        };
        let leak_refused = publish
            .value()
            .with_untracked(|v| matches!(v, Some(Err(e)) if e.is_leak()));
        publish.dispatch(PublishPostmortem {
            version,
            url: url.get_untracked().trim().to_owned(),
            body: text.get_untracked().trim().to_owned(),
            confirm_leaks: leak_refused && confirmed.get_untracked(),
        });
    };
    view! {
        <section class="postmortem" aria-labelledby="postmortem-heading" data-testid="postmortem">
            <h2 id="postmortem-heading">{t(P::PostmortemHeading)}</h2>
            {move || current.with(|r| r.as_ref().and_then(|r| r.postmortem.clone())).map(|v| view! {
                <div class="verdict" data-testid="postmortem-verdict" data-required=v.required.to_string()>
                    <p><strong>{if v.required { t(P::PostmortemRequired) } else { t(P::PostmortemNotRequired) }}</strong></p>
                    <ul>{v.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    <p class="hint">{t(P::PostmortemRule)}</p>
                </div>
            })}
            <Show when=move || session.can_publish()>
                <form class="compose-form" data-testid="postmortem-form" on:submit=|ev| ev.prevent_default()>
                    <TextField id="postmortem-url" label=t(P::PostmortemUrl) kind="url"
                        value=url on_input=move |v| url.set(v) />
                    <TextArea id="postmortem-body" label=t(P::PostmortemBody)
                        value=text on_input=move |v| body.set(Some(v)) />
                    {move || publish.value().get().and_then(Result::err).map(|e| view! {
                        <p class="problem" role="alert" data-testid="publish-error">{error_text(&e)}</p>
                        {e.is_leak().then(|| view! {
                            <CheckBox id="postmortem-confirm".to_owned() label=t(P::LeakConfirm)
                                checked=confirmed on_change=move |v| confirmed.set(v) />
                        })}
                    })}
                    {move || matches!(publish.value().get(), Some(Ok(_))).then(|| view! {
                        <p class="notice" role="status" data-testid="postmortem-published">{t(P::PostmortemPublished)}</p>
                    })}
                    <button type="button" class="primary" data-testid="publish-postmortem" on:click=send
                        disabled=move || publish.pending().get()>
                        {t(P::PublishPostmortem)}
                    </button>
                </form>
            </Show>
        </section>
    }
}

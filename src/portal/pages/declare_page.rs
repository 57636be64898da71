//! `/portal/declare`: declare an incident. The form asks the assessment
//! questions and suggests a severity with its reason; the messages are
//! pre-filled from the `investigating` templates; beside the form, live
//! previews show the public update exactly as the public page renders it
//! and the internal notice as staff receive it. The form autosaves as a
//! draft. Publishing is a separate, explicit step with the leak guard.

use crate::api::FetchError;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::browser;
use crate::portal::components::{
    field_problem, preview_component, preview_incident, CheckBox, DraftStatus, ExternalPreview,
    InternalPreview, PublishConfirmation, TextArea, TextField,
};
use crate::portal::compose::Message;
use crate::portal::context::{use_clock, use_incidents, use_session};
use crate::portal::declare_form::DeclareForm;
use crate::portal::drafts::use_draft;
use crate::portal::{t, tf};
use herald_model::api::ErrorCode;
use herald_model::api::{
    ComponentChange, ComponentRecord, FieldError, IncidentRecord, NewIncident,
};
use herald_model::assessment::{AffectedScope, ImpactAudience, Symptom};
use herald_model::portal::{Detection, TemplateRecord};
use herald_model::{ComponentStatus, Impact, IncidentStatus, Severity};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The draft key of the declare form.
const DRAFT_KEY: &str = "declare";

/// The status a newly ticked component is put in.
const DEFAULT_COMPONENT_STATUS: ComponentStatus = ComponentStatus::PartialOutage;

/// The declare page: loads components and templates (and, from
/// `?detection=ID`, the monitoring detection it declares), then the form.
#[component]
pub fn DeclarePage() -> impl IntoView {
    let components = LocalResource::new(api::components);
    let templates = LocalResource::new(api::templates);
    let query = use_query_map();
    let detection_id = query.with_untracked(|q| q.get("detection"));
    let detection = LocalResource::new(move || {
        let id = detection_id.clone();
        async move {
            match id {
                None => Ok(Ok(None)),
                Some(id) => api::detections()
                    .await
                    .map(|open| open.into_iter().find(|d| d.id == id).ok_or(id).map(Some)),
            }
        }
    });
    Effect::new(move || document().set_title(t(P::DeclareTitle)));
    view! {
        <h1>{t(P::DeclareHeading)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{t(P::Loading)}</p> }>
            {move || Suspend::new(async move {
                let components = components.await;
                // Without the server's templates the built-in ones still work.
                let templates = templates.await.unwrap_or_default();
                // A detection that is gone (declared, dismissed) leaves a
                // plain form, and says so.
                let (detection, gone) = match detection.await {
                    Ok(Ok(found)) => (found, false),
                    Ok(Err(_)) => (None, true),
                    Err(_) => (None, false),
                };
                match components {
                    Ok(components) => view! {
                        {gone.then(|| view! { <p class="notice" data-testid="detection-gone">{t(P::DetectionGone)}</p> })}
                        <DeclareForm components templates detection />
                    }
                    .into_any(),
                    Err(e) => view! {
                        <p class="problem" role="alert">{crate::portal::components::error_text(&e)}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form as a detection starts it: its text as the internal summary,
/// its components affected, linked so that declaring closes it.
fn from_detection(d: Detection) -> DeclareForm {
    DeclareForm {
        summary: d.summary,
        components: d
            .components
            .into_iter()
            .map(|id| ComponentChange {
                id,
                status: DEFAULT_COMPONENT_STATUS,
            })
            .collect(),
        detection_id: Some(d.id),
        ..DeclareForm::default()
    }
}

/// The form, its previews and the confirmation step.
#[component]
fn DeclareForm(
    /// Every component (groups are listed as headings, not choices).
    components: Vec<ComponentRecord>,
    /// The templates in force.
    templates: Vec<TemplateRecord>,
    /// The monitoring detection being declared, if any.
    detection: Option<Detection>,
) -> impl IntoView {
    let locale = use_locale();
    let clock = use_clock();
    let session = use_session();
    let incidents = use_incidents();
    let navigate = use_navigate();
    let all = StoredValue::new(components);
    let templates = StoredValue::new(templates);

    // A detection starts the form from what the tool reported, with a
    // draft of its own.
    let draft_key = match &detection {
        Some(d) => format!("{DRAFT_KEY}-detection-{}", d.id),
        None => DRAFT_KEY.to_owned(),
    };
    let declaring = detection.as_ref().map(|d| {
        tf(
            P::DeclaringDetection,
            &[("source", &d.source), ("summary", &d.summary)],
        )
    });
    let form = RwSignal::new(detection.map(from_detection).unwrap_or_default());
    let draft = use_draft(draft_key, form);
    let problem = RwSignal::new(None::<FieldError>);
    let confirming = RwSignal::new(false);
    let confirmed = RwSignal::new(false);

    let started_at = Memo::new(move |_| form.with(|f| browser::parse_local(&f.started_at)));
    let outgoing = Memo::new(move |_| {
        let now = clock.now();
        form.with(|f| {
            all.with_value(|all| {
                templates
                    .with_value(|tpl| f.outgoing(all, tpl, started_at.get().unwrap_or(now), now))
            })
        })
    });
    let leaks = Memo::new(move |_| {
        let out = outgoing.get();
        form.with(|f| all.with_value(|all| f.leaks(all, &out)))
    });
    let is_public = Signal::derive(move || form.with(DeclareForm::is_public));

    let publish = Action::new_local(|request: &NewIncident| api::declare(request.clone()));
    Effect::new(move || {
        if let Some(Ok(record)) = publish.value().get() {
            let record: IncidentRecord = record;
            draft.discard();
            incidents.refresh();
            navigate(
                &format!("/portal/incidents/{}", record.id),
                Default::default(),
            );
        }
    });
    // A refusal about a field goes back to the form, next to the field.
    Effect::new(move || {
        if let Some(Err(FetchError::Api(e))) = publish.value().get() {
            if let Some(field) = e.field.clone().filter(|_| e.code != ErrorCode::Leak) {
                problem.set(Some(FieldError::new(field, e.message)));
                confirming.set(false);
            }
        }
    });

    let review = move |_| {
        let now = chrono::Utc::now();
        let checked = form.with(|f| {
            f.request(
                &outgoing.get_untracked(),
                started_at.get_untracked(),
                false,
                now,
            )
        });
        match checked {
            Ok(_) => {
                problem.set(None);
                confirmed.set(false);
                publish.value().set(None);
                confirming.set(true);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let send = move |_| {
        let now = chrono::Utc::now();
        let must_confirm = !leaks.get_untracked().is_empty()
            || publish
                .value()
                .with_untracked(|v| matches!(v, Some(Err(e)) if e.is_leak()));
        let confirm = must_confirm && confirmed.get_untracked();
        match form.with_untracked(|f| {
            f.request(
                &outgoing.get_untracked(),
                started_at.get_untracked(),
                confirm,
                now,
            )
        }) {
            Ok(request) => {
                publish.dispatch(request);
            }
            Err(e) => {
                problem.set(Some(e));
                confirming.set(false);
            }
        }
    };

    let set = move |change: fn(&mut DeclareForm, String)| {
        Callback::new(move |value: String| form.update(|f| change(f, value)))
    };
    let get = move |read: fn(&DeclareForm) -> String| Signal::derive(move || form.with(read));

    let suggestion = Memo::new(move |_| form.with(DeclareForm::suggestion));
    let preview = Signal::derive(move || {
        let now = clock.now();
        let out = outgoing.get();
        form.with(|f| {
            let affected = all.with_value(|all| {
                all.iter()
                    .filter(|c| !c.internal_only)
                    .filter_map(|c| {
                        f.components
                            .iter()
                            .find(|x| x.id == c.component.id)
                            .map(|x| preview_component(&x.id, &c.component.name, x.status, now))
                    })
                    .collect()
            });
            preview_incident(
                &out.external.title,
                IncidentStatus::Investigating,
                f.effective_impact(),
                affected,
                Vec::new(),
                &out.external.body,
                now,
            )
        })
    });
    let internal_details = Signal::derive(move || {
        form.with(|f| {
            let names = all.with_value(|all| f.component_names(all));
            vec![
                (
                    t(P::Severity),
                    f.severity
                        .map(|s| format!("{} — {}", s.label(), s.meaning()))
                        .unwrap_or_default(),
                ),
                (
                    t(P::Impact),
                    locale.text(Msg::Impact(f.effective_impact())).to_owned(),
                ),
                (
                    t(P::AffectedComponents),
                    herald_model::templates::join_names(&names),
                ),
                (t(P::RoleIncidentManager), f.incident_manager.clone()),
                (t(P::RoleTechnicalLead), f.technical_lead.clone()),
                (
                    t(P::RoleCommunicationsManager),
                    f.communications_manager.clone(),
                ),
                (t(P::SupportCases), f.support_cases.to_string()),
                (t(P::Visibility), visibility_text(f).to_owned()),
            ]
        })
    });
    let internal_message = Signal::derive(move || outgoing.get().internal);

    view! {
        {declaring.map(|text| view! { <p class="notice" data-testid="declaring-detection">{text}</p> })}
        <div class="compose" class:confirming=confirming>
            <form class="compose-form" on:submit=|ev| ev.prevent_default() aria-label=t(P::DeclareHeading) hidden=confirming>
                <fieldset>
                    <legend>{t(P::IncidentHeading)}</legend>
                    <TextField
                        id="issue_key"
                        label=t(P::IssueKey)
                        hint=t(P::IssueKeyHint).to_owned()
                        required=true
                        value=get(|f| f.issue_key.clone())
                        on_input=set(|f, v| f.issue_key = v.to_uppercase())
                        problem=Signal::derive(move || {
                            form.with(DeclareForm::issue_key_problem)
                                .or_else(|| field_problem(problem, "issue_key").get())
                        })
                    />
                    <TextField
                        id="title"
                        label=t(P::PublicTitle)
                        hint=t(P::PublicTitleHint).to_owned()
                        value=Signal::derive(move || outgoing.get().external.title)
                        on_input=set(|f, v| f.title = Some(v))
                        problem=field_problem(problem, "title")
                    />
                    <TextArea
                        id="summary"
                        label=t(P::Summary)
                        hint=t(P::SummaryHint).to_owned()
                        rows=2
                        value=get(|f| f.summary.clone())
                        on_input=set(|f, v| f.summary = v)
                        problem=field_problem(problem, "summary")
                    />
                </fieldset>

                <fieldset data-testid="assessment">
                    <legend>{t(P::AssessmentHeading)}</legend>
                    {radio_group(form, "audience", t(P::QuestionAudience), &[
                        (ImpactAudience::External.as_str(), t(P::AudienceExternal)),
                        (ImpactAudience::Internal.as_str(), t(P::AudienceInternal)),
                    ], |f| f.audience.map(|a| a.as_str()), |f, v| f.audience = v.parse().ok())}
                    {radio_group(form, "scope", t(P::QuestionScope), &[
                        (AffectedScope::Some.as_str(), t(P::ScopeSome)),
                        (AffectedScope::All.as_str(), t(P::ScopeAll)),
                    ], |f| f.scope.map(|a| a.as_str()), |f, v| f.scope = v.parse().ok())}
                    {radio_group(form, "symptom", t(P::QuestionSymptom), &[
                        (Symptom::Down.as_str(), t(P::SymptomDown)),
                        (Symptom::CoreImpaired.as_str(), t(P::SymptomCoreImpaired)),
                        (Symptom::Degraded.as_str(), t(P::SymptomDegraded)),
                        (Symptom::MinorInconvenience.as_str(), t(P::SymptomMinor)),
                    ], |f| f.symptom.map(|a| a.as_str()), |f, v| f.symptom = v.parse().ok())}
                    <TextField
                        id="support_cases"
                        label=t(P::QuestionSupportCases)
                        kind="number"
                        value=get(|f| f.support_cases.to_string())
                        on_input=set(|f, v| f.support_cases = v.trim().parse().unwrap_or(0))
                    />
                    <p class="question">{t(P::QuestionOtherFactors)}</p>
                    <CheckBox id="security_or_privacy".to_owned() label=t(P::FactorSecurity)
                        checked=Signal::derive(move || form.with(|f| f.security_or_privacy))
                        on_change=move |v| form.update(|f| f.security_or_privacy = v) />
                    <CheckBox id="data_loss".to_owned() label=t(P::FactorDataLoss)
                        checked=Signal::derive(move || form.with(|f| f.data_loss))
                        on_change=move |v| form.update(|f| f.data_loss = v) />
                    <CheckBox id="public_attention".to_owned() label=t(P::FactorAttention)
                        checked=Signal::derive(move || form.with(|f| f.public_attention))
                        on_change=move |v| form.update(|f| f.public_attention = v) />
                </fieldset>

                <fieldset>
                    <legend>{t(P::SeverityHeading)}</legend>
                    <div class="severity-row">
                        <div class="field">
                            <label for="severity">{t(P::Severity)}</label>
                            <select
                                id="severity"
                                aria-invalid=move || field_problem(problem, "severity").get().is_some().then_some("true")
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    form.update(|f| f.severity = v.parse::<u8>().ok().and_then(|n| Severity::try_from(n).ok()));
                                }
                                prop:value=move || form.with(|f| f.severity.map(|s| s.level().to_string()).unwrap_or_default())
                            >
                                <option value="">{t(P::ChooseSeverity)}</option>
                                {Severity::ALL
                                    .iter()
                                    .map(|s| view! { <option value=s.level().to_string()>{format!("{} — {}", s.label(), s.meaning())}</option> })
                                    .collect_view()}
                            </select>
                            {move || field_problem(problem, "severity").get().map(|p| view! { <p class="problem">{p}</p> })}
                        </div>
                        <div class="suggestion" data-testid="severity-suggestion" aria-live="polite">
                            {move || match suggestion.get() {
                                None => view! { <p class="hint">{t(P::SuggestionPending)}</p> }.into_any(),
                                Some(s) => {
                                    let chosen = form.with(|f| f.severity);
                                    let level = s.severity;
                                    view! {
                                        <p>
                                            <strong data-testid="suggested-severity">{tf(P::Suggested, &[("severity", level.label())])}</strong>
                                            " — "
                                            <span data-testid="suggestion-reason">{s.reason.clone()}</span>
                                        </p>
                                        {(chosen != Some(level)).then(|| view! {
                                            <button type="button" data-testid="use-suggestion"
                                                on:click=move |_| form.update(|f| f.severity = Some(level))>
                                                {tf(P::UseSuggestion, &[("severity", level.label())])}
                                            </button>
                                        })}
                                        {chosen.filter(|c| *c != level).map(|c| view! {
                                            <p class="hint" data-testid="severity-override">
                                                {tf(P::SeverityOverridden, &[("chosen", c.label()), ("suggested", level.label())])}
                                            </p>
                                        })}
                                    }
                                    .into_any()
                                }
                            }}
                        </div>
                    </div>
                    {move || form.with(|f| f.severity).map(|s| view! {
                        <p class="severity-help">
                            {s.examples().join("; ")} ". " {tf(P::SeverityResponse, &[("response", s.response())])}
                        </p>
                    })}
                    <div class="field">
                        <label for="impact">{t(P::Impact)}</label>
                        <select
                            id="impact"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                form.update(|f| f.impact = v.parse().ok());
                            }
                            prop:value=move || form.with(|f| f.effective_impact().as_str())
                        >
                            {[Impact::None, Impact::Minor, Impact::Major, Impact::Critical]
                                .into_iter()
                                .map(|i| view! { <option value=i.as_str()>{locale.text(Msg::Impact(i))}</option> })
                                .collect_view()}
                        </select>
                        <p class="hint">{t(P::ImpactHint)}</p>
                    </div>
                </fieldset>

                <fieldset data-testid="components">
                    <legend>{t(P::AffectedComponents)}</legend>
                    {all.with_value(|all| component_choices(form, all))}
                </fieldset>

                <fieldset>
                    <legend>{t(P::DetailsHeading)}</legend>
                    <TextField
                        id="started_at"
                        label=t(P::StartedAt)
                        kind="datetime-local"
                        hint=t(P::StartedAtHint).to_owned()
                        value=get(|f| f.started_at.clone())
                        on_input=set(|f, v| f.started_at = v)
                        problem=field_problem(problem, "started_at")
                    />
                    <TextField id="incident_manager" label=t(P::RoleIncidentManager)
                        value=get(|f| f.incident_manager.clone()) on_input=set(|f, v| f.incident_manager = v) />
                    <TextField id="technical_lead" label=t(P::RoleTechnicalLead)
                        value=get(|f| f.technical_lead.clone()) on_input=set(|f, v| f.technical_lead = v) />
                    <TextField id="communications_manager" label=t(P::RoleCommunicationsManager)
                        value=get(|f| f.communications_manager.clone()) on_input=set(|f, v| f.communications_manager = v) />
                    <CheckBox id="internal_only".to_owned() label=t(P::VisibilityInternal)
                        checked=Signal::derive(move || form.with(|f| f.internal_only))
                        on_change=move |v| form.update(|f| f.internal_only = v) />
                    <CheckBox id="drill".to_owned() label=t(P::DrillLabel)
                        checked=Signal::derive(move || form.with(|f| f.drill))
                        on_change=move |v| form.update(|f| f.drill = v) />
                </fieldset>

                <fieldset>
                    <legend>{t(P::MessagesHeading)}</legend>
                    <TextArea
                        id="external_message"
                        label=t(P::ExternalMessage)
                        hint=t(P::ExternalMessageHint).to_owned()
                        value=Signal::derive(move || outgoing.get().external.body)
                        on_input=set(|f, v| f.external_message = Some(v))
                        problem=field_problem(problem, "message")
                    />
                    {move || form.with(|f| f.external_message.is_some()).then(|| view! {
                        <button type="button" class="link" on:click=move |_| form.update(|f| f.external_message = None)>
                            {t(P::ResetToTemplate)}
                        </button>
                    })}
                    <TextArea
                        id="internal_message"
                        label=t(P::InternalMessage)
                        hint=t(P::InternalMessageHint).to_owned()
                        value=Signal::derive(move || outgoing.get().internal.body)
                        on_input=set(|f, v| f.internal_message = Some(v))
                        problem=field_problem(problem, "internal_message")
                    />
                    {move || form.with(|f| f.internal_message.is_some()).then(|| view! {
                        <button type="button" class="link" on:click=move |_| form.update(|f| f.internal_message = None)>
                            {t(P::ResetToTemplate)}
                        </button>
                    })}
                </fieldset>

                {move || problem.get().filter(|p| !matches!(p.field.as_str(), "issue_key" | "title" | "summary" | "severity" | "started_at" | "message" | "internal_message")).map(|p| view! {
                    <p class="problem" role="alert" data-testid="form-problem">
                        {tf(P::FieldProblem, &[("field", &crate::portal::components::field_label(&p.field)), ("message", &p.message)])}
                    </p>
                })}
                <div class="actions">
                    <button type="button" class="primary" data-testid="review" on:click=review
                        disabled=move || !session.can_publish()>
                        {t(P::ReviewAndPublish)}
                    </button>
                    <button type="button" class="link" data-testid="discard-draft" on:click=move |_| {
                        draft.discard();
                        form.set(DeclareForm::default());
                    }>
                        {t(P::DiscardDraft)}
                    </button>
                    <DraftStatus draft />
                </div>
                {move || (!session.can_publish()).then(|| view! {
                    <p class="problem" data-testid="read-only">{t(P::ViewerCannotPublish)}</p>
                })}
            </form>

            <Show when=move || confirming.get()>
                <PublishConfirmation
                    external=Signal::derive(move || is_public.get().then(|| outgoing.get().external))
                    internal=Signal::derive(move || Some::<Message>(outgoing.get().internal))
                    leaks=Signal::derive(move || if is_public.get() { leaks.get() } else { Vec::new() })
                    confirmed
                    error=Signal::derive(move || publish.value().get().and_then(Result::err))
                    pending=publish.pending()
                    allowed=Signal::derive(move || session.can_publish())
                    action_label=t(P::PublishIncident)
                    on_publish=send
                    on_back=move |_| confirming.set(false)
                />
            </Show>

            <aside class="previews" aria-label=t(P::PreviewsLabel)>
                <ExternalPreview incident=preview public=is_public />
                <InternalPreview message=internal_message details=internal_details />
            </aside>
        </div>
    }
}

/// Whether and where it is published, in words.
fn visibility_text(f: &DeclareForm) -> &'static str {
    if f.drill {
        t(P::VisibilityDrill)
    } else if f.internal_only {
        t(P::VisibilityInternal)
    } else {
        t(P::VisibilityPublic)
    }
}

/// One assessment question answered with radio buttons.
fn radio_group(
    form: RwSignal<DeclareForm>,
    name: &'static str,
    question: &'static str,
    answers: &[(&'static str, &'static str)],
    read: fn(&DeclareForm) -> Option<&'static str>,
    write: fn(&mut DeclareForm, &str),
) -> impl IntoView {
    view! {
        <fieldset class="question" role="radiogroup">
            <legend>{question}</legend>
            {answers
                .iter()
                .map(|(value, label)| {
                    let id = format!("{name}-{value}");
                    let value = *value;
                    view! {
                        <div class="check">
                            <input
                                type="radio"
                                id=id.clone()
                                name=name
                                value=value
                                prop:checked=move || form.with(|f| read(f) == Some(value))
                                on:change=move |_| form.update(|f| write(f, value))
                            />
                            <label for=id>{*label}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// A checkbox and a status for each component that can be affected.
fn component_choices(form: RwSignal<DeclareForm>, all: &[ComponentRecord]) -> impl IntoView {
    let locale = use_locale();
    all.iter()
        .filter(|c| !c.component.group)
        .map(|c| {
            let id = c.component.id.clone();
            let name = c.component.name.clone();
            let check_id = format!("component-{id}");
            let select_id = format!("component-status-{id}");
            let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
            let internal = c.internal_only;
            view! {
                <div class="component-choice" data-testid="component-choice" data-component-id=id.clone()>
                    <div class="check">
                        <input
                            type="checkbox"
                            id=check_id.clone()
                            prop:checked=move || form.with(|f| f.affects(&id1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let id = id2.clone();
                                form.update(|f| {
                                    f.components.retain(|x| x.id != id);
                                    if on {
                                        f.components.push(ComponentChange { id, status: DEFAULT_COMPONENT_STATUS });
                                    }
                                });
                            }
                        />
                        <label for=check_id>
                            {name.clone()}
                            {internal.then(|| view! { " " <span class="tag internal">{t(P::InternalOnly)}</span> })}
                        </label>
                    </div>
                    {
                        let id_for_show = id3.clone();
                        move || {
                            let id = id_for_show.clone();
                            form.with(|f| f.components.iter().find(|x| x.id == id).map(|x| x.status)).map(|current| {
                                let id = id.clone();
                                view! {
                                    <label class="visually-hidden" for=select_id.clone()>
                                        {tf(P::ComponentStatusFor, &[("name", &name)])}
                                    </label>
                                    <select
                                        id=select_id.clone()
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            if let Ok(status) = v.parse::<ComponentStatus>() {
                                                let id = id.clone();
                                                form.update(|f| {
                                                    if let Some(x) = f.components.iter_mut().find(|x| x.id == id) {
                                                        x.status = status;
                                                    }
                                                });
                                            }
                                        }
                                    >
                                        {ComponentStatus::ALL
                                            .iter()
                                            .map(|s| view! {
                                                <option value=s.as_str() selected=*s == current>{locale.text(Msg::Component(*s))}</option>
                                            })
                                            .collect_view()}
                                    </select>
                                }
                            })
                        }
                    }
                </div>
            }
        })
        .collect_view()
}

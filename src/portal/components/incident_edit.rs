//! "Change the incident": what is known about an incident as it unfolds
//! (a better public title, a severity raised or lowered, the summary, the
//! people in the roles), changed in place without posting an update.

use crate::api::FetchError;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::components::{error_text, field_problem, CheckBox, TextArea, TextField};
use crate::portal::t;
use herald_model::api::ErrorCode;
use herald_model::api::{FieldError, IncidentPatch, IncidentRecord, Roles};
use herald_model::{Impact, Severity};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form, closed until opened; `on_saved` runs after a change is saved.
#[component]
pub fn IncidentEdit(
    /// The incident as loaded.
    record: IncidentRecord,
    /// Runs after a change is saved.
    on_saved: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let open = RwSignal::new(false);
    let title = RwSignal::new(record.title.clone());
    let summary = RwSignal::new(record.summary.clone());
    let severity = RwSignal::new(record.severity);
    let impact = RwSignal::new(record.impact);
    let manager = RwSignal::new(record.roles.incident_manager.clone().unwrap_or_default());
    let lead = RwSignal::new(record.roles.technical_lead.clone().unwrap_or_default());
    let comms = RwSignal::new(
        record
            .roles
            .communications_manager
            .clone()
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<FieldError>);
    let message = RwSignal::new(None::<String>);
    let leak = RwSignal::new(false);
    let confirm_leaks = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let original = StoredValue::new(record);

    let save = move |_| {
        let before = original.get_value();
        let role = |v: RwSignal<String>| {
            Some(v.get_untracked().trim().to_owned()).filter(|v| !v.is_empty())
        };
        let roles = Roles {
            incident_manager: role(manager),
            technical_lead: role(lead),
            communications_manager: role(comms),
        };
        // Only what changed, so a concurrent change elsewhere is not undone.
        let changed = |new: String, old: &str| (new.trim() != old).then_some(new);
        let patch = IncidentPatch {
            version: before.version,
            title: changed(title.get_untracked(), &before.title),
            summary: changed(summary.get_untracked(), &before.summary),
            severity: Some(severity.get_untracked()).filter(|s| *s != before.severity),
            impact: Some(impact.get_untracked()).filter(|i| *i != before.impact),
            roles: (roles != before.roles).then_some(roles),
            confirm_leaks: confirm_leaks.get_untracked(),
        };
        saving.set(true);
        spawn_local(async move {
            let result = api::edit_incident(before.id.clone(), patch).await;
            saving.set(false);
            match result {
                Ok(_) => {
                    open.set(false);
                    on_saved.run(());
                }
                Err(e) => {
                    let api_error = match &e {
                        FetchError::Api(a) => Some(a.clone()),
                        _ => None,
                    };
                    leak.set(
                        api_error
                            .as_ref()
                            .is_some_and(|a| a.code == ErrorCode::Leak),
                    );
                    problem.set(
                        api_error
                            .and_then(|a| a.field.map(|field| FieldError::new(field, a.message))),
                    );
                    message.set(Some(error_text(&e)));
                }
            }
        });
    };

    view! {
        <section class="incident-edit" aria-labelledby="incident-edit-heading" data-testid="incident-edit">
            <h2 id="incident-edit-heading">{t(P::EditIncidentHeading)}</h2>
            <Show when=move || open.get() fallback=move || view! {
                <p class="hint">{t(P::EditIncidentHint)}</p>
                <button type="button" on:click=move |_| open.set(true)>{t(P::EditIncident)}</button>
            }>
                <TextField id="edit-title" label=t(P::PublicTitle) value=title
                    on_input=move |v| title.set(v) problem=field_problem(problem, "title") />
                <TextArea id="edit-summary" label=t(P::Summary) value=summary
                    on_input=move |v| summary.set(v) problem=field_problem(problem, "summary") rows=2 />
                <div class="field">
                    <label for="edit-severity">{t(P::Severity)}</label>
                    <select id="edit-severity"
                        on:change=move |ev| {
                            let level = event_target_value(&ev).parse::<u8>().ok();
                            if let Some(s) = level.and_then(|n| Severity::try_from(n).ok()) {
                                severity.set(s);
                            }
                        }
                        prop:value=move || severity.get().level().to_string()>
                        {Severity::ALL
                            .iter()
                            .map(|s| view! { <option value=s.level().to_string()>{format!("{} — {}", s.label(), s.meaning())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="edit-impact">{t(P::Impact)}</label>
                    <select id="edit-impact"
                        on:change=move |ev| {
                            if let Ok(i) = event_target_value(&ev).parse::<Impact>() {
                                impact.set(i);
                            }
                        }
                        prop:value=move || impact.get().as_str()>
                        {[Impact::None, Impact::Minor, Impact::Major, Impact::Critical]
                            .into_iter()
                            .map(|i| view! { <option value=i.as_str()>{locale.text(Msg::Impact(i))}</option> })
                            .collect_view()}
                    </select>
                </div>
                <TextField id="edit-incident-manager" label=t(P::RoleIncidentManager) value=manager
                    on_input=move |v| manager.set(v) />
                <TextField id="edit-technical-lead" label=t(P::RoleTechnicalLead) value=lead
                    on_input=move |v| lead.set(v) />
                <TextField id="edit-communications-manager" label=t(P::RoleCommunicationsManager) value=comms
                    on_input=move |v| comms.set(v) />
                <Show when=move || leak.get()>
                    <CheckBox id="edit-confirm-leaks".to_owned() label=t(P::LeakConfirm).to_owned()
                        checked=confirm_leaks on_change=move |on| confirm_leaks.set(on) />
                </Show>
                <p class="problem" role="alert" data-testid="incident-edit-problem">{move || message.get()}</p>
                <p class="actions">
                    <button type="button" class="primary" on:click=save disabled=move || saving.get()>
                        {t(P::SaveIncident)}
                    </button>
                    " "
                    <button type="button" on:click=move |_| open.set(false)>{t(P::Cancel)}</button>
                </p>
            </Show>
        </section>
    }
}

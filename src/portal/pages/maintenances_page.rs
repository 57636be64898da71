//! `/portal/maintenances`: scheduled maintenance windows — schedule one
//! with its components and window, extend it, or cancel it. The server's
//! clock starts and completes windows by themselves.

use crate::components::LocalTime;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::browser;
use crate::portal::components::{error_text, CheckBox, ComponentChoices, TextArea, TextField};
use crate::portal::context::use_session;
use crate::portal::t;
use chrono::{Duration, Utc};
use herald_model::portal::{
    MaintenanceAction, MaintenanceChange, MaintenanceRecord, NewMaintenance,
};
use leptos::prelude::*;

/// The maintenance list and the scheduling form.
#[component]
pub fn MaintenancesPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(api::maintenances);
    let components = LocalResource::new(api::components);
    Effect::new(move || {
        document().set_title(&format!(
            "{} – {}",
            t(P::MaintenanceHeading),
            t(P::PortalTitle)
        ))
    });

    let name = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let now = Utc::now();
    let start = RwSignal::new(browser::to_local_input(now + Duration::hours(1)));
    let end = RwSignal::new(browser::to_local_input(now + Duration::hours(2)));
    let create = Action::new_local(|m: &NewMaintenance| api::create_maintenance(m.clone()));
    let local_problem = RwSignal::new(None::<String>);
    // Offered once the server found internal information in the texts.
    let confirm_leaks = RwSignal::new(false);
    let refused_as_leak = move || {
        create
            .value()
            .with(|v| matches!(v, Some(Err(e)) if e.is_leak()))
    };
    Effect::new(move || {
        if let Some(Ok(_)) = create.value().get() {
            name.set(String::new());
            body.set(String::new());
            chosen.set(Vec::new());
            confirm_leaks.set(false);
            list.refetch();
        }
    });
    let schedule = move |_| {
        let (Some(from), Some(until)) = (
            browser::parse_local(&start.get_untracked()),
            browser::parse_local(&end.get_untracked()),
        ) else {
            local_problem.set(Some(t(P::WindowUnreadable).to_owned()));
            return;
        };
        local_problem.set(None);
        create.dispatch(NewMaintenance {
            name: name.get_untracked().trim().to_owned(),
            body: body.get_untracked().trim().to_owned(),
            components: chosen.get_untracked(),
            scheduled_for: from,
            scheduled_until: until,
            confirm_leaks: confirm_leaks.get_untracked(),
        });
    };

    view! {
        <h1>{t(P::MaintenanceHeading)}</h1>
        <section aria-labelledby="maintenance-list-heading">
            <h2 id="maintenance-list-heading">{t(P::MaintenanceListHeading)}</h2>
            <Transition fallback=|| view! { <p class="loading">{t(P::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(items) if items.is_empty() => view! { <p class="empty">{t(P::NoMaintenances)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="maintenances" role="list">
                                {items.into_iter().map(|m| view! { <MaintenanceItem record=m on_change=move |_| list.refetch() /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
        <Show when=move || session.can_publish()>
            <section aria-labelledby="schedule-heading">
                <form class="compose-form" data-testid="maintenance-form" on:submit=|ev| ev.prevent_default()>
                    <h2 id="schedule-heading">{t(P::ScheduleMaintenance)}</h2>
                    <TextField id="maintenance-name" label=t(P::PublicTitle) value=name on_input=move |v| name.set(v) />
                    <TextArea id="maintenance-body" label=t(P::Announcement) value=body on_input=move |v| body.set(v) />
                    <TextField id="maintenance-start" label=t(P::WindowStart) kind="datetime-local" value=start on_input=move |v| start.set(v) />
                    <TextField id="maintenance-end" label=t(P::WindowEnd) kind="datetime-local" value=end on_input=move |v| end.set(v) />
                    <fieldset>
                        <legend>{t(P::AffectedComponents)}</legend>
                        <ComponentChoices id_prefix="maintenance-component" chosen
                            components=Signal::derive(move || components.get().and_then(Result::ok).unwrap_or_default()) />
                    </fieldset>
                    {move || local_problem.get().map(|p| view! { <p class="problem" role="alert">{p}</p> })}
                    {move || create.value().get().and_then(Result::err).map(|e| view! { <p class="problem" role="alert" data-testid="publish-error">{error_text(&e)}</p> })}
                    <Show when=refused_as_leak>
                        <CheckBox id="maintenance-confirm-leaks".to_owned() label=t(P::LeakConfirm).to_owned()
                            checked=confirm_leaks on_change=move |on| confirm_leaks.set(on) />
                    </Show>
                    <div class="actions">
                        <button type="button" class="primary" on:click=schedule disabled=move || create.pending().get()>
                            {t(P::ScheduleMaintenance)}
                        </button>
                    </div>
                </form>
            </section>
        </Show>
    }
}

/// One maintenance with its extend and cancel actions.
#[component]
fn MaintenanceItem(
    /// The maintenance.
    record: MaintenanceRecord,
    /// Called after it changed.
    #[prop(into)]
    on_change: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let session = use_session();
    let m = record.maintenance;
    let version = record.version;
    let id = StoredValue::new(m.id.clone());
    let open = !matches!(m.status, herald_model::MaintenanceStatus::Completed);
    let until = RwSignal::new(browser::to_local_input(
        m.scheduled_until + Duration::hours(1),
    ));
    let message = RwSignal::new(String::new());
    let change = Action::new_local(move |c: &MaintenanceChange| {
        api::change_maintenance(id.get_value(), c.clone())
    });
    let confirm_leaks = RwSignal::new(false);
    let refused_as_leak = move || {
        change
            .value()
            .with(|v| matches!(v, Some(Err(e)) if e.is_leak()))
    };
    Effect::new(move || {
        if let Some(Ok(_)) = change.value().get() {
            on_change.run(());
        }
    });
    let act = move |action: MaintenanceAction| {
        let scheduled_until = match action {
            MaintenanceAction::Extend => browser::parse_local(&until.get_untracked()),
            MaintenanceAction::Cancel => None,
        };
        let body = message.get_untracked().trim().to_owned();
        let body = if body.is_empty() {
            match action {
                MaintenanceAction::Extend => t(P::ExtendDefaultBody).to_owned(),
                MaintenanceAction::Cancel => t(P::CancelDefaultBody).to_owned(),
            }
        } else {
            body
        };
        change.dispatch(MaintenanceChange {
            version,
            action,
            scheduled_until,
            body,
            confirm_leaks: confirm_leaks.get_untracked(),
        });
    };
    let item_id = m.id.clone();
    view! {
        <li class="card" data-testid="maintenance" data-status=m.status.as_str()>
            <h3>{m.name.clone()}</h3>
            <p>
                <span class="tag">{locale.text(Msg::Update(m.status.into()))}</span>
                " "
                <LocalTime at=m.scheduled_for />
                " – "
                <LocalTime at=m.scheduled_until />
            </p>
            <p class="hint">{m.components.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", ")}</p>
            {m.incident_updates.first().map(|u| view! { <p>{u.body.clone()}</p> })}
            {(open && session.can_publish()).then(|| view! {
                <details>
                    <summary>{t(P::ChangeMaintenance)}</summary>
                    <TextField id=format!("extend-until-{item_id}") label=t(P::NewEnd) kind="datetime-local" value=until on_input=move |v| until.set(v) />
                    <TextArea id=format!("change-message-{item_id}") label=t(P::Announcement) rows=2 value=message on_input=move |v| message.set(v) />
                    <div class="actions">
                        <button type="button" on:click=move |_| act(MaintenanceAction::Extend)>{t(P::Extend)}</button>
                        <button type="button" on:click=move |_| act(MaintenanceAction::Cancel)>{t(P::CancelMaintenance)}</button>
                    </div>
                    {move || change.value().get().and_then(Result::err).map(|e| view! { <p class="problem" role="alert">{error_text(&e)}</p> })}
                    <Show when=refused_as_leak>
                        <CheckBox id=format!("change-confirm-leaks-{item_id}") label=t(P::LeakConfirm).to_owned()
                            checked=confirm_leaks on_change=move |on| confirm_leaks.set(on) />
                    </Show>
                </details>
            })}
        </li>
    }
}

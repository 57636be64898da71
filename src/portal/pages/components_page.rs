//! `/portal/components`: the page's groups and components in display
//! order, internal-only ones labelled; publishers add a component or group
//! and change one (name, description, group, position, status, uptime bars,
//! hidden while operational, internal only) or move one up or down among its
//! neighbours. Viewers see the list.

use crate::api::FetchError;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::component_order::{can_move, in_page_order, moves, Step};
use crate::portal::components::{error_text, CheckBox, TextArea, TextField};
use crate::portal::context::use_session;
use crate::portal::{t, tf};
use herald_model::api::{ComponentPatch, ComponentRecord, NewComponent};
use herald_model::ComponentStatus;
use leptos::prelude::*;

/// What the component form holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentForm {
    /// Display name.
    pub name: String,
    /// Description shown to customers ("" for none).
    pub description: String,
    /// A group rather than a component.
    pub group: bool,
    /// The group it sits in ("" for none).
    pub group_id: String,
    /// Order within its group, as typed ("" for last).
    pub position: String,
    /// Its status (components only).
    pub status: ComponentStatus,
    /// Uptime bars on the public page.
    pub showcase: bool,
    /// Hidden on the public page while operational.
    pub only_show_if_degraded: bool,
    /// Staff only.
    pub internal_only: bool,
}

impl Default for ComponentForm {
    fn default() -> Self {
        ComponentForm {
            name: String::new(),
            description: String::new(),
            group: false,
            group_id: String::new(),
            position: String::new(),
            status: ComponentStatus::Operational,
            showcase: true,
            only_show_if_degraded: false,
            internal_only: false,
        }
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl ComponentForm {
    /// The form filled from a stored component.
    pub fn from_record(record: &ComponentRecord) -> ComponentForm {
        let c = &record.component;
        ComponentForm {
            name: c.name.clone(),
            description: c.description.clone().unwrap_or_default(),
            group: c.group,
            group_id: c.group_id.clone().unwrap_or_default(),
            position: c.position.to_string(),
            status: c.status,
            showcase: c.showcase,
            only_show_if_degraded: c.only_show_if_degraded,
            internal_only: record.internal_only,
        }
    }

    /// The position as a number, `Err` when it is not one.
    fn position(&self) -> Result<Option<i64>, ()> {
        match non_empty(&self.position) {
            None => Ok(None),
            Some(p) => p.parse().map(Some).map_err(|_| ()),
        }
    }

    /// The request that creates it; `Err` when the position is not a number.
    pub fn to_new(&self) -> Result<NewComponent, ()> {
        Ok(NewComponent {
            name: self.name.trim().to_owned(),
            description: non_empty(&self.description),
            group: self.group,
            group_id: if self.group {
                None
            } else {
                non_empty(&self.group_id)
            },
            position: self.position()?,
            status: (!self.group).then_some(self.status),
            showcase: Some(self.showcase),
            only_show_if_degraded: self.only_show_if_degraded,
            start_date: None,
            internal_only: self.internal_only,
        })
    }

    /// The change that makes `version` of the component look like the form.
    pub fn to_patch(&self, version: i64) -> Result<ComponentPatch, ()> {
        Ok(ComponentPatch {
            version,
            name: Some(self.name.trim().to_owned()),
            description: Some(non_empty(&self.description)),
            group_id: (!self.group).then(|| non_empty(&self.group_id)),
            position: self.position()?,
            status: (!self.group).then_some(self.status),
            showcase: Some(self.showcase),
            only_show_if_degraded: Some(self.only_show_if_degraded),
            internal_only: Some(self.internal_only),
        })
    }
}

/// The list and, for publishers, the forms.
#[component]
pub fn ComponentsPage() -> impl IntoView {
    let session = use_session();
    let list = LocalResource::new(api::components);
    Effect::new(move || {
        document().set_title(&format!(
            "{} – {}",
            t(P::ComponentsHeading),
            t(P::PortalTitle)
        ))
    });
    // The component being edited: its id and version.
    let editing = RwSignal::new(None::<(String, i64)>);
    // A step up or down: one position change per neighbour that moves.
    let reorder = Action::new_local(move |(id, step): &(String, Step)| {
        let changes = list
            .get_untracked()
            .and_then(Result::ok)
            .map(|records| moves(&records, id, *step))
            .unwrap_or_default();
        async move {
            for change in changes {
                let patch = ComponentPatch {
                    version: change.version,
                    position: Some(change.position),
                    ..ComponentPatch::default()
                };
                api::change_component(change.id, patch).await?;
            }
            Ok::<(), FetchError>(())
        }
    });
    Effect::new(move || {
        if reorder.value().get().is_some() {
            list.refetch();
        }
    });
    let records = move || list.get().and_then(Result::ok).unwrap_or_default();
    let groups = Signal::derive(move || {
        records()
            .into_iter()
            .filter(|r| r.component.group)
            .map(|r| (r.component.id, r.component.name))
            .collect::<Vec<_>>()
    });

    view! {
        <h1>{t(P::ComponentsHeading)}</h1>
        <section aria-labelledby="component-list-heading">
            <h2 id="component-list-heading">{t(P::ComponentListHeading)}</h2>
            {move || match list.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(items)) if items.is_empty() => {
                    view! { <p class="empty">{t(P::NoComponentsYet)}</p> }.into_any()
                }
                Some(Ok(items)) => view! {
                    <ComponentTable
                        records=items
                        can_edit=session.can_publish()
                        busy=reorder.pending()
                        on_edit=move |(id, version)| editing.set(Some((id, version)))
                        on_move=move |(id, step)| { reorder.dispatch((id, step)); }
                    />
                }
                .into_any(),
            }}
            <p class="problem" role="alert" data-testid="order-problem">
                {move || reorder.value().get().and_then(Result::err).map(|e| error_text(&e))}
            </p>
            <p class="saved" role="status">
                {move || matches!(reorder.value().get(), Some(Ok(()))).then(|| t(P::Moved))}
            </p>
        </section>
        <Show when=move || session.can_publish()>
            {move || {
                let record = editing.get().and_then(|(id, _)| {
                    records().into_iter().find(|r| r.component.id == id)
                });
                match record {
                    Some(record) => view! {
                        <ComponentEditor
                            record=Some(record)
                            groups
                            on_done=move |()| {
                                editing.set(None);
                                list.refetch();
                            }
                        />
                    }
                    .into_any(),
                    None => view! {
                        <ComponentEditor record=None groups on_done=move |()| list.refetch() />
                    }
                    .into_any(),
                }
            }}
        </Show>
    }
}

/// The components as a table, in page order.
#[component]
fn ComponentTable(
    /// Every component and group.
    records: Vec<ComponentRecord>,
    /// Whether each row has edit and move buttons.
    can_edit: bool,
    /// Whether a move is on its way (the move buttons wait for it).
    #[prop(into)]
    busy: Signal<bool>,
    /// Called with the id and version of the row to edit.
    #[prop(into)]
    on_edit: Callback<(String, i64)>,
    /// Called with the id of the row to move, and which way.
    #[prop(into)]
    on_move: Callback<(String, Step)>,
) -> impl IntoView {
    let locale = use_locale();
    let body = in_page_order(&records)
        .into_iter()
        .map(|(record, member)| {
            let c = record.component;
            let (id, version) = (c.id.clone(), record.version);
            let status = if c.group {
                t(P::GroupTag).to_owned()
            } else {
                locale.text(Msg::Component(c.status)).to_owned()
            };
            let name_class = match (c.group, member) {
                (true, _) => "component-name group",
                (false, true) => "component-name member",
                (false, false) => "component-name",
            };
            view! {
                <tr data-testid="component-row" data-name=c.name.clone()>
                    <th scope="row" class=name_class>
                        {c.name.clone()}
                        {record.internal_only.then(|| view! { <span class="tag internal">{t(P::InternalOnly)}</span> })}
                        {c.description.map(|d| view! { <span class="description">{d}</span> })}
                    </th>
                    <td>{status}</td>
                    <td>{if c.group { "" } else if c.showcase { t(P::Yes) } else { t(P::No) }}</td>
                    <td>{c.position}</td>
                    {can_edit.then(|| {
                        let label = tf(P::EditNamed, &[("name", &c.name)]);
                        let step = |step: Step, text: P, named: P| {
                            let id = c.id.clone();
                            let first_or_last = !can_move(&records, &id, step);
                            view! {
                                <button type="button" class="link"
                                    aria-label=tf(named, &[("name", &c.name)])
                                    disabled=move || first_or_last || busy.get()
                                    on:click=move |_| on_move.run((id.clone(), step))>
                                    {t(text)}
                                </button>
                            }
                        };
                        view! {
                            <td class="row-actions">
                                <button type="button" class="link" aria-label=label
                                    on:click=move |_| on_edit.run((id.clone(), version))>
                                    {t(P::Edit)}
                                </button>
                                {step(Step::Up, P::MoveUp, P::MoveUpNamed)}
                                {step(Step::Down, P::MoveDown, P::MoveDownNamed)}
                            </td>
                        }
                    })}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="components-table">
            <thead>
                <tr>
                    <th scope="col">{t(P::Name)}</th>
                    <th scope="col">{t(P::Status)}</th>
                    <th scope="col">{t(P::UptimeBars)}</th>
                    <th scope="col">{t(P::Position)}</th>
                    {can_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{t(P::Actions)}</span></th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// The form that adds a component or group (`record` is `None`) or changes one.
#[component]
fn ComponentEditor(
    /// The component to change, or `None` to add one.
    record: Option<ComponentRecord>,
    /// The groups to choose from: id and name.
    #[prop(into)]
    groups: Signal<Vec<(String, String)>>,
    /// Called after a successful save (or a cancelled change).
    #[prop(into)]
    on_done: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let editing = record
        .as_ref()
        .map(|r| (r.component.id.clone(), r.version, r.component.name.clone()));
    let form = RwSignal::new(
        record
            .as_ref()
            .map(ComponentForm::from_record)
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let target = StoredValue::new(editing.clone().map(|(id, version, _)| (id, version)));
    let save = Action::new_local(move |f: &ComponentForm| {
        let f = f.clone();
        let target = target.get_value();
        async move {
            match target {
                Some((id, version)) => match f.to_patch(version) {
                    Ok(patch) => api::change_component(id, patch)
                        .await
                        .map_err(|e| error_text(&e)),
                    Err(()) => Err(t(P::PositionNotNumber).to_owned()),
                },
                None => match f.to_new() {
                    Ok(new) => api::create_component(new).await.map_err(|e| error_text(&e)),
                    Err(()) => Err(t(P::PositionNotNumber).to_owned()),
                },
            }
        }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => {
            problem.set(None);
            saved.set(true);
            if target.get_value().is_none() {
                form.set(ComponentForm::default());
            }
            on_done.run(());
        }
        Some(Err(p)) => problem.set(Some(p)),
        None => {}
    });
    let heading = match &editing {
        Some((_, _, name)) => tf(P::EditNamed, &[("name", name)]),
        None => t(P::AddComponentHeading).to_owned(),
    };
    // Deleting asks once more; the server refuses one with history.
    let confirm_delete = RwSignal::new(false);
    let delete_question = editing
        .as_ref()
        .map(|(_, _, name)| tf(P::DeleteComponentQuestion, &[("name", name)]))
        .unwrap_or_default();
    let delete = Action::new_local(move |(): &()| {
        let target = target.get_value();
        async move {
            match target {
                Some((id, version)) => api::delete_component(id, version)
                    .await
                    .map_err(|e| error_text(&e)),
                None => Ok(()),
            }
        }
    });
    Effect::new(move || match delete.value().get() {
        Some(Ok(())) => on_done.run(()),
        Some(Err(p)) => {
            confirm_delete.set(false);
            problem.set(Some(p));
        }
        None => {}
    });
    let is_edit = editing.is_some();
    let prefix = if is_edit { "edit" } else { "new" };
    let field = move |name: &str| format!("{prefix}-component-{name}");

    view! {
        <section aria-labelledby=field("heading")>
            <form class="compose-form component-form" data-testid=format!("{prefix}-component-form") on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(form.get_untracked());
            }>
                <h2 id=field("heading")>{heading}</h2>
                <Show when=move || !is_edit>
                    <fieldset>
                        <legend>{t(P::Kind)}</legend>
                        <label class="check">
                            <input type="radio" name="component-kind" prop:checked=move || !form.with(|f| f.group)
                                on:change=move |_| form.update(|f| f.group = false) />
                            {t(P::KindComponent)}
                        </label>
                        <label class="check">
                            <input type="radio" name="component-kind" prop:checked=move || form.with(|f| f.group)
                                on:change=move |_| form.update(|f| f.group = true) />
                            {t(P::KindGroup)}
                        </label>
                    </fieldset>
                </Show>
                <TextField id=field("name") label=t(P::Name)
                    value=Signal::derive(move || form.with(|f| f.name.clone()))
                    on_input=move |v| form.update(|f| f.name = v) />
                <TextArea id=field("description") label=t(P::Description) rows=2
                    hint=t(P::DescriptionHint).to_owned()
                    value=Signal::derive(move || form.with(|f| f.description.clone()))
                    on_input=move |v| form.update(|f| f.description = v) />
                <Show when=move || !form.with(|f| f.group)>
                    <div class="field">
                        <label for=field("group")>{t(P::GroupLabel)}</label>
                        <select id=field("group")
                            prop:value=move || form.with(|f| f.group_id.clone())
                            on:change=move |ev| form.update(|f| f.group_id = event_target_value(&ev))>
                            <option value="">{t(P::NoGroup)}</option>
                            {move || groups.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=field("status")>{t(P::Status)}</label>
                        <select id=field("status")
                            prop:value=move || form.with(|f| f.status.as_str())
                            on:change=move |ev| {
                                if let Ok(s) = event_target_value(&ev).parse::<ComponentStatus>() {
                                    form.update(|f| f.status = s);
                                }
                            }>
                            {ComponentStatus::ALL.iter().map(|s| view! {
                                <option value=s.as_str()>{locale.text(Msg::Component(*s))}</option>
                            }).collect_view()}
                        </select>
                    </div>
                </Show>
                <TextField id=field("position") label=t(P::Position) kind="number"
                    hint=t(P::PositionHint).to_owned()
                    value=Signal::derive(move || form.with(|f| f.position.clone()))
                    on_input=move |v| form.update(|f| f.position = v) />
                <Show when=move || !form.with(|f| f.group)>
                    <CheckBox id=field("showcase") label=t(P::ShowcaseLabel)
                        checked=Signal::derive(move || form.with(|f| f.showcase))
                        on_change=move |v| form.update(|f| f.showcase = v) />
                </Show>
                <CheckBox id=field("hidden") label=t(P::HideWhileOperational)
                    checked=Signal::derive(move || form.with(|f| f.only_show_if_degraded))
                    on_change=move |v| form.update(|f| f.only_show_if_degraded = v) />
                <CheckBox id=field("internal") label=t(P::InternalOnlyLabel)
                    checked=Signal::derive(move || form.with(|f| f.internal_only))
                    on_change=move |v| form.update(|f| f.internal_only = v) />
                <p class="problem" role="alert" data-testid="component-problem">{move || problem.get()}</p>
                <p class="saved" role="status">{move || saved.get().then(|| t(P::Saved))}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || save.pending().get()>
                        {if is_edit { t(P::SaveChanges) } else { t(P::AddComponent) }}
                    </button>
                    {is_edit.then(|| view! {
                        <button type="button" on:click=move |_| on_done.run(())>{t(P::CancelEditing)}</button>
                        " "
                        <button type="button" class="link" hidden=confirm_delete
                            on:click=move |_| confirm_delete.set(true)>{t(P::DeleteComponent)}</button>
                    })}
                </div>
                <Show when=move || confirm_delete.get()>
                    <div class="confirm-delete" role="group" data-testid="confirm-delete">
                        <p>{delete_question.clone()}</p>
                        <button type="button" class="danger" disabled=move || delete.pending().get()
                            on:click=move |_| { delete.dispatch(()); }>{t(P::DeleteComponentConfirm)}</button>
                        " "
                        <button type="button" on:click=move |_| confirm_delete.set(false)>{t(P::KeepComponent)}</button>
                    </div>
                </Show>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, group: bool, group_id: Option<&str>, position: i64) -> ComponentRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id.to_uppercase(), "status": "operational",
            "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
            "position": position, "description": null, "showcase": true, "start_date": null,
            "group_id": group_id, "page_id": "p", "group": group, "only_show_if_degraded": false,
            "components": null, "version": 3, "internal_only": id == "vault"
        }))
        .unwrap()
    }

    #[test]
    fn the_form_becomes_the_request_that_matches_it() {
        let mut form = ComponentForm::from_record(&record("vault", false, Some("platform"), 4));
        assert!(form.internal_only);
        form.description = "  Secrets  ".to_owned();
        form.position = "x".to_owned();
        assert!(form.to_patch(3).is_err(), "a position that is not a number");
        form.position = " 7 ".to_owned();
        let patch = form.to_patch(3).unwrap();
        assert_eq!(patch.version, 3);
        assert_eq!(patch.description, Some(Some("Secrets".to_owned())));
        assert_eq!(patch.group_id, Some(Some("platform".to_owned())));
        assert_eq!(patch.position, Some(7));
        assert_eq!(patch.internal_only, Some(true));

        let group = ComponentForm {
            name: " Data ".to_owned(),
            group: true,
            group_id: "platform".to_owned(),
            ..ComponentForm::default()
        };
        let new = group.to_new().unwrap();
        assert_eq!(new.name, "Data");
        assert!(new.group);
        assert_eq!(new.group_id, None, "a group sits in no group");
        assert_eq!(new.status, None, "a group shows its worst member");
        assert_eq!(new.position, None, "empty: last");
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::{Element, HtmlButtonElement};

    wasm_bindgen_test_configure!(run_in_browser);

    fn record(
        id: &str,
        name: &str,
        group: bool,
        group_id: Option<&str>,
        position: i64,
    ) -> ComponentRecord {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": name, "status": "operational",
            "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
            "position": position, "description": null, "showcase": true, "start_date": null,
            "group_id": group_id, "page_id": "p", "group": group,
            "only_show_if_degraded": false, "components": null, "version": 1,
            "internal_only": id == "vault"
        }))
        .unwrap()
    }

    fn button(parent: &Element, label: &str) -> HtmlButtonElement {
        parent
            .query_selector(&format!("button[aria-label='{label}']"))
            .unwrap()
            .unwrap_or_else(|| panic!("no button {label}"))
            .unchecked_into()
    }

    #[wasm_bindgen_test]
    async fn rows_move_up_and_down_among_their_neighbours_only() {
        let parent = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&parent).unwrap();
        let asked = RwSignal::new(None::<(String, Step)>);
        let records = vec![
            record("platform", "Platform", true, None, 1),
            record("api", "API", false, Some("platform"), 1),
            record("db", "Database", false, Some("platform"), 2),
            record("vault", "Vault", false, None, 2),
        ];
        let _handle = leptos::mount::mount_to(parent.clone().unchecked_into(), move || {
            view! {
                <ComponentTable records can_edit=true busy=Signal::from(false)
                    on_edit=|_| {} on_move=move |m| asked.set(Some(m)) />
            }
        });
        let names: Vec<String> = (0..4)
            .map(|i| {
                let rows = parent
                    .query_selector_all("[data-testid=component-row]")
                    .unwrap();
                rows.item(i)
                    .unwrap()
                    .unchecked_into::<Element>()
                    .get_attribute("data-name")
                    .unwrap()
            })
            .collect();
        assert_eq!(names, ["Platform", "API", "Database", "Vault"]);
        assert!(parent.text_content().unwrap().contains("Internal only"));

        assert!(
            button(&parent, "Move API up").disabled(),
            "first in its group"
        );
        assert!(
            button(&parent, "Move Database down").disabled(),
            "last in its group"
        );
        assert!(button(&parent, "Move Platform up").disabled());
        assert!(!button(&parent, "Move Vault up").disabled());

        button(&parent, "Move Database up").click();
        leptos::task::tick().await;
        assert_eq!(asked.get_untracked(), Some(("db".to_owned(), Step::Up)));
    }
}

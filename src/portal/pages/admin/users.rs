//! The people who use the portal: their roles, changed in place, and a form
//! that adds someone (with a generated password when none is given).

use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, role_label, TextField};
use crate::portal::{t, tf};
use herald_model::api::Role;
use herald_model::portal::{NewUser, UserChange};
use leptos::prelude::*;

fn role_select(id: String, value: Signal<Role>, on_change: Callback<Role>) -> impl IntoView {
    view! {
        <select id=id prop:value=move || value.get().as_str()
            on:change=move |ev| {
                if let Ok(role) = event_target_value(&ev).parse::<Role>() {
                    on_change.run(role);
                }
            }>
            {Role::ALL
                .iter()
                .map(|r| view! { <option value=r.as_str()>{role_label(*r)}</option> })
                .collect_view()}
        </select>
    }
}

/// The list of people and the form that adds one.
#[component]
pub fn UsersSection() -> impl IntoView {
    let list = LocalResource::new(api::users);
    let problem = RwSignal::new(None::<String>);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Viewer);
    let added = RwSignal::new(None::<String>);
    let add = Action::new_local(|u: &NewUser| api::create_user(u.clone()));
    Effect::new(move || match add.value().get() {
        Some(Ok(created)) => {
            let note = match created.password {
                Some(p) => tf(
                    P::UserAddedWithPassword,
                    &[("name", &created.user.name), ("password", &p)],
                ),
                None => tf(P::UserAdded, &[("name", &created.user.name)]),
            };
            added.set(Some(note));
            problem.set(None);
            email.set(String::new());
            name.set(String::new());
            password.set(String::new());
            list.refetch();
        }
        Some(Err(e)) => {
            added.set(None);
            problem.set(Some(error_text(&e)));
        }
        None => {}
    });
    let change_role = move |id: String, version: i64, role: Role| {
        leptos::task::spawn_local(async move {
            match api::change_user(id, UserChange { role, version }).await {
                Ok(_) => problem.set(None),
                Err(e) => problem.set(Some(error_text(&e))),
            }
            list.refetch();
        });
    };

    view! {
        <section aria-labelledby="users-heading">
            <h2 id="users-heading">{t(P::UsersHeading)}</h2>
            {move || match list.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(users)) => view! {
                    <table class="admin" data-testid="users">
                        <thead><tr>
                            <th scope="col">{t(P::Name)}</th>
                            <th scope="col">{t(P::Email)}</th>
                            <th scope="col">{t(P::Role)}</th>
                        </tr></thead>
                        <tbody>
                            {users.into_iter().map(|u| {
                                let id = u.id.clone();
                                let version = u.version;
                                let select_id = format!("role-{}", u.id);
                                view! {
                                    <tr data-testid="user-row" data-email=u.email.clone()>
                                        <th scope="row">{u.name.clone()}</th>
                                        <td>{u.email.clone()}</td>
                                        <td>
                                            <label class="visually-hidden" for=select_id.clone()>
                                                {tf(P::RoleOf, &[("name", &u.name)])}
                                            </label>
                                            {role_select(select_id, Signal::stored(u.role), Callback::new(move |r| change_role(id.clone(), version, r)))}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
            <form class="compose-form" data-testid="add-user-form" on:submit=move |ev| {
                ev.prevent_default();
                added.set(None);
                let password = password.get_untracked();
                add.dispatch(NewUser {
                    email: email.get_untracked().trim().to_owned(),
                    name: name.get_untracked().trim().to_owned(),
                    role: role.get_untracked(),
                    password: (!password.is_empty()).then_some(password),
                });
            }>
                <h3>{t(P::AddUserHeading)}</h3>
                <TextField id="new-user-name" label=t(P::Name) value=name on_input=move |v| name.set(v) />
                <TextField id="new-user-email" label=t(P::Email) kind="email" value=email on_input=move |v| email.set(v) />
                <TextField id="new-user-password" label=t(P::Password) kind="password"
                    hint=t(P::PasswordHint).to_owned() value=password on_input=move |v| password.set(v) />
                <div class="field">
                    <label for="new-user-role">{t(P::Role)}</label>
                    {role_select("new-user-role".to_owned(), role.into(), Callback::new(move |r| role.set(r)))}
                </div>
                <p class="problem" role="alert" data-testid="users-problem">{move || problem.get()}</p>
                <p class="saved secret-note" role="status" data-testid="user-added">{move || added.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || add.pending().get()>{t(P::AddUser)}</button>
                </div>
            </form>
        </section>
    }
}

//! API tokens: create one (its secret is shown once, to copy), list them,
//! revoke one. A token acts as the person who created it.

use crate::components::LocalTime;
use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, TextField};
use crate::portal::{t, tf};
use herald_model::api::{CreatedToken, NewToken};
use leptos::prelude::*;

/// The token list and the form that creates one.
#[component]
pub fn TokensSection() -> impl IntoView {
    let list = LocalResource::new(api::tokens);
    let name = RwSignal::new(String::new());
    let created = RwSignal::new(None::<CreatedToken>);
    let problem = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewToken {
            name: name.get_untracked().trim().to_owned(),
        };
        leptos::task::spawn_local(async move {
            match api::create_token(body).await {
                Ok(token) => {
                    created.set(Some(token));
                    problem.set(None);
                    name.set(String::new());
                    list.refetch();
                }
                Err(e) => problem.set(Some(error_text(&e))),
            }
        });
    };
    let revoke = move |id: String| {
        leptos::task::spawn_local(async move {
            match api::revoke_token(id).await {
                Ok(()) => problem.set(None),
                Err(e) => problem.set(Some(error_text(&e))),
            }
            list.refetch();
        });
    };

    view! {
        <section aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t(P::TokensHeading)}</h2>
            <p class="hint">{t(P::TokensHint)}</p>
            {move || match list.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(tokens)) if tokens.is_empty() => view! { <p class="empty">{t(P::NoTokens)}</p> }.into_any(),
                Some(Ok(tokens)) => view! {
                    <table class="admin" data-testid="tokens">
                        <thead><tr>
                            <th scope="col">{t(P::Name)}</th>
                            <th scope="col">{t(P::Created)}</th>
                            <th scope="col">{t(P::Status)}</th>
                        </tr></thead>
                        <tbody>
                            {tokens.into_iter().map(|token| {
                                let id = token.id.clone();
                                let label = tf(P::RevokeNamed, &[("name", &token.name)]);
                                view! {
                                    <tr data-testid="token-row" data-name=token.name.clone()>
                                        <th scope="row">{token.name.clone()}</th>
                                        <td><LocalTime at=token.created_at /></td>
                                        <td>{match token.revoked_at {
                                            Some(at) => view! { <span>{t(P::Revoked)} " " <LocalTime at /></span> }.into_any(),
                                            None => view! {
                                                <button type="button" class="link" aria-label=label on:click=move |_| revoke(id.clone())>
                                                    {t(P::Revoke)}
                                                </button>
                                            }.into_any(),
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any(),
            }}
            <form class="compose-form" data-testid="token-form" on:submit=create>
                <h3>{t(P::CreateTokenHeading)}</h3>
                <TextField id="token-name" label=t(P::TokenName) hint=t(P::TokenNameHint).to_owned()
                    value=name on_input=move |v| name.set(v) />
                <p class="problem" role="alert">{move || problem.get()}</p>
                {move || created.get().map(|token| view! {
                    <div class="notice" role="status" data-testid="token-created">
                        <p>{tf(P::TokenCreated, &[("name", &token.name)])}</p>
                        <label for="token-secret">{t(P::TokenSecret)}</label>
                        <input id="token-secret" class="secret" readonly=true size="48" prop:value=token.token />
                    </div>
                })}
                <div class="actions">
                    <button type="submit" class="primary">{t(P::CreateToken)}</button>
                </div>
            </form>
        </section>
    }
}

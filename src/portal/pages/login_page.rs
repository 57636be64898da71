//! `/portal/login`: signing in with email and password. Someone who is
//! already signed in goes straight on to the portal.

use crate::api::FetchError;
use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, TextField};
use crate::portal::t;
use herald_model::api::ErrorCode;
use herald_model::api::LoginRequest;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Why signing in failed, in a sentence.
fn login_error(error: &FetchError) -> String {
    match error {
        FetchError::Api(e) if e.code == ErrorCode::InvalidCredentials => {
            t(P::LoginWrong).to_owned()
        }
        e => error_text(e),
    }
}

/// The sign-in form; on success, or for someone already signed in, the
/// portal's incident list.
#[component]
pub fn LoginPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let sign_in = Action::new_local(|request: &LoginRequest| api::sign_in(request.clone()));
    let already = LocalResource::new(api::current_user);
    let navigate = use_navigate();
    Effect::new(move || {
        let signed_in = matches!(sign_in.value().get(), Some(Ok(_)))
            || matches!(already.get(), Some(Ok(Some(_))));
        if signed_in {
            navigate("/portal", Default::default());
        }
    });
    Effect::new(move || document().set_title(t(P::SignInTitle)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sign_in.dispatch(LoginRequest {
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        });
    };
    view! {
        <main id="main" class="portal login">
            <form class="login-form" on:submit=submit aria-labelledby="login-heading">
                <h1 id="login-heading">{t(P::SignInHeading)}</h1>
                <TextField
                    id="email"
                    label=t(P::Email)
                    kind="email"
                    autocomplete="username"
                    required=true
                    value=email
                    on_input=move |v| email.set(v)
                />
                <TextField
                    id="password"
                    label=t(P::Password)
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    value=password
                    on_input=move |v| password.set(v)
                />
                {move || {
                    sign_in
                        .value()
                        .get()
                        .and_then(Result::err)
                        .map(|e| view! { <p class="problem" role="alert" data-testid="login-error">{login_error(&e)}</p> })
                }}
                <button type="submit" class="primary" disabled=move || sign_in.pending().get()>
                    {t(P::SignIn)}
                </button>
            </form>
        </main>
    }
}

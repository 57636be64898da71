//! The frame of every signed-in portal page: who is signed in, the portal's
//! navigation, the overdue banner, and the page itself (an `<Outlet/>`).
//! Nobody signed in sends the person to the sign-in page.

use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, OverdueBanner};
use crate::portal::context::provide_portal_context;
use crate::portal::t;
use herald_model::api::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_navigate;

/// The role in words.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Viewer => t(P::RoleViewer),
        Role::Publisher => t(P::RolePublisher),
        Role::Admin => t(P::RoleAdmin),
    }
}

/// The signed-in frame around every portal page but the sign-in page.
#[component]
pub fn PortalShell() -> impl IntoView {
    let session = provide_portal_context();
    let answer = LocalResource::new(api::current_user);
    let navigate = use_navigate();
    {
        let navigate = navigate.clone();
        Effect::new(move || match answer.get() {
            Some(Ok(Some(user))) => session.set(Some(user)),
            Some(Ok(None)) => {
                session.set(None);
                navigate("/portal/login", Default::default());
            }
            _ => {}
        });
    }
    let sign_out = move |_| {
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Err(e) = api::sign_out().await {
                leptos::logging::warn!("sign-out failed: {e}");
            }
            navigate("/portal/login", Default::default());
        });
    };
    Effect::new(move || document().set_title(t(P::PortalTitle)));

    view! {
        <div class="portal">
            <header class="portal-header">
                <a class="skip" href="#main">{t(P::SkipToContent)}</a>
                <p class="portal-brand">{t(P::PortalTitle)}</p>
                <nav aria-label=t(P::PortalNav)>
                    <ul role="list">
                        <li><A href="/portal" exact=true>{t(P::NavIncidents)}</A></li>
                        <li><A href="/portal/maintenances">{t(P::NavMaintenance)}</A></li>
                        <li><A href="/portal/components">{t(P::NavComponents)}</A></li>
                        <li><A href="/portal/notices">{t(P::NavNotices)}</A></li>
                        <Show when=move || session.is_admin()>
                            <li><A href="/portal/admin">{t(P::NavAdmin)}</A></li>
                            <li><A href="/portal/deliveries">{t(P::NavDeliveries)}</A></li>
                        </Show>
                        <li><a href="/" rel="external">{t(P::NavPublicPage)}</a></li>
                    </ul>
                </nav>
                {move || {
                    session
                        .user()
                        .map(|u| {
                            view! {
                                <p class="portal-user" data-testid="portal-user" data-role=u.role.as_str()>
                                    <span>{u.name}</span>
                                    " · "
                                    <span class="role">{role_label(u.role)}</span>
                                </p>
                                <button type="button" class="link" data-testid="sign-out" on:click=sign_out.clone()>
                                    {t(P::SignOut)}
                                </button>
                            }
                        })
                }}
            </header>
            <main id="main" class="portal-main">
                {move || match answer.get() {
                    Some(Ok(Some(_))) => view! {
                        <OverdueBanner />
                        <Outlet />
                    }
                    .into_any(),
                    Some(Err(e)) => view! {
                        <section class="notice" role="alert" data-testid="portal-error">
                            <p>{error_text(&e)}</p>
                            <button type="button" on:click=move |_| answer.refetch()>{t(P::Retry)}</button>
                        </section>
                    }
                    .into_any(),
                    _ => view! { <p class="loading" aria-busy="true">{t(P::Loading)}</p> }.into_any(),
                }}
            </main>
        </div>
    }
}

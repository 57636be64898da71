//! `/portal/admin` (admins only): the page's own facts, the people who use
//! the portal and their roles, the message templates with a live preview, the update cadence,
//! API tokens, and the audit trail. One file per section; other roles get
//! a sentence saying the page needs the admin role.

mod audit;
mod cadence;
mod page_settings;
mod templates;
mod tokens;
mod users;

use crate::i18n::PortalMsg as P;
use crate::portal::context::use_session;
use crate::portal::t;
use leptos::prelude::*;

/// The admin sections, or why they are not shown.
#[component]
pub fn AdminPage() -> impl IntoView {
    let session = use_session();
    Effect::new(move || {
        document().set_title(&format!("{} – {}", t(P::AdminHeading), t(P::PortalTitle)))
    });
    view! {
        <h1>{t(P::AdminHeading)}</h1>
        {move || match session.user() {
            None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
            Some(_) if !session.is_admin() => {
                view! { <p class="notice" role="alert" data-testid="needs-admin">{t(P::NeedsAdmin)}</p> }
                    .into_any()
            }
            Some(_) => view! {
                <page_settings::PageSection />
                <users::UsersSection />
                <templates::TemplatesSection />
                <cadence::CadenceSection />
                <tokens::TokensSection />
                <audit::AuditSection />
            }
            .into_any(),
        }}
    }
}

//! The internal notice as staff will receive it: the templated title
//! (`<issue key> - <severity> - <summary>`), the body, and the facts staff
//! need (severity, roles, components, visibility).

use crate::i18n::PortalMsg as P;
use crate::portal::compose::Message;
use crate::portal::t;
use leptos::prelude::*;

/// The notice, with its details as a list of label and value.
#[component]
pub fn InternalPreview(
    /// Title and body.
    #[prop(into)]
    message: Signal<Message>,
    /// Label and value of each detail line (empty values are left out).
    #[prop(into)]
    details: Signal<Vec<(&'static str, String)>>,
) -> impl IntoView {
    view! {
        <section class="preview internal-preview" data-testid="internal-preview" aria-labelledby="internal-preview-heading">
            <h2 id="internal-preview-heading">{t(P::InternalPreviewHeading)}</h2>
            <p class="hint">{t(P::InternalPreviewHint)}</p>
            <article class="notice-preview">
                <h3 data-testid="internal-preview-title">{move || message.with(|m| m.title.clone())}</h3>
                <p class="notice-body" data-testid="internal-preview-body">
                    {move || message.with(|m| m.body.clone())}
                </p>
                <dl class="facts">
                    {move || {
                        details
                            .get()
                            .into_iter()
                            .filter(|(_, v)| !v.trim().is_empty())
                            .map(|(label, value)| view! {
                                <dt>{label}</dt>
                                <dd>{value}</dd>
                            })
                            .collect_view()
                    }}
                </dl>
            </article>
        </section>
    }
}

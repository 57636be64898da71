//! The explicit publishing step: what goes out, to whom, what the leak
//! guard found, and the buttons to publish or go back.

use crate::api::FetchError;
use crate::i18n::PortalMsg as P;
use crate::portal::components::{error_text, CheckBox};
use crate::portal::compose::Message;
use crate::portal::{t, tf};
use herald_model::leak::Leak;
use leptos::prelude::*;

/// The leak kind in words.
fn leak_kind(kind: &str) -> &'static str {
    match kind {
        "issue_key" => t(P::LeakIssueKey),
        "summary" => t(P::LeakSummary),
        _ => t(P::LeakInternalComponent),
    }
}

/// A summary of what publishing sends, and the way to confirm it.
///
/// Publishing is refused until the person ticks the box when the leak
/// guard found internal information in the public text (here, or when the
/// server's own guard refused it).
#[component]
pub fn PublishConfirmation(
    /// The public title and message, when anything goes public.
    #[prop(into)]
    external: Signal<Option<Message>>,
    /// The internal notice, when one goes to staff.
    #[prop(into)]
    internal: Signal<Option<Message>>,
    /// What the leak guard found in the public text.
    #[prop(into)]
    leaks: Signal<Vec<Leak>>,
    /// The person's confirmation that the public text may go out anyway.
    confirmed: RwSignal<bool>,
    /// Why the last attempt failed, if it did.
    #[prop(into)]
    error: Signal<Option<FetchError>>,
    /// Whether publishing is under way.
    #[prop(into)]
    pending: Signal<bool>,
    /// Whether the person's role may publish.
    #[prop(into)]
    allowed: Signal<bool>,
    /// The publish button's text.
    action_label: &'static str,
    /// Publish.
    #[prop(into)]
    on_publish: Callback<()>,
    /// Back to the form.
    #[prop(into)]
    on_back: Callback<()>,
) -> impl IntoView {
    let server_leak = move || error.with(|e| e.as_ref().is_some_and(FetchError::is_leak));
    let must_confirm = move || !leaks.with(Vec::is_empty) || server_leak();
    let blocked = move || !allowed.get() || pending.get() || (must_confirm() && !confirmed.get());
    view! {
        <section class="confirmation" data-testid="publish-confirmation" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">{t(P::ConfirmHeading)}</h2>
            <div class="outgoing">
                <h3>{t(P::ConfirmExternalHeading)}</h3>
                {move || match external.get() {
                    Some(m) => view! {
                        <p class="to-whom">{t(P::ConfirmExternalTo)}</p>
                        <blockquote data-testid="confirm-external">
                            <strong>{m.title}</strong>
                            <p>{m.body}</p>
                        </blockquote>
                    }
                    .into_any(),
                    None => view! { <p class="to-whom">{t(P::NothingPublic)}</p> }.into_any(),
                }}
                <h3>{t(P::ConfirmInternalHeading)}</h3>
                {move || match internal.get() {
                    Some(m) => view! {
                        <p class="to-whom">{t(P::ConfirmInternalTo)}</p>
                        <blockquote data-testid="confirm-internal">
                            <strong>{m.title}</strong>
                            <p>{m.body}</p>
                        </blockquote>
                    }
                    .into_any(),
                    None => view! { <p class="to-whom">{t(P::NoInternalNotice)}</p> }.into_any(),
                }}
            </div>
            {move || {
                must_confirm().then(|| {
                    view! {
                        <div class="leak-warning" data-testid="leak-warning" role="alert">
                            <h3>{t(P::LeakHeading)}</h3>
                            <ul>
                                {leaks
                                    .get()
                                    .into_iter()
                                    .map(|l| view! { <li>{tf(P::LeakItem, &[("kind", leak_kind(&l.kind)), ("text", &l.fragment)])}</li> })
                                    .collect_view()}
                            </ul>
                            <p>{t(P::LeakAdvice)}</p>
                            <CheckBox
                                id="confirm-leaks".to_owned()
                                label=t(P::LeakConfirm)
                                checked=confirmed
                                on_change=move |v| confirmed.set(v)
                            />
                        </div>
                    }
                })
            }}
            {move || {
                error
                    .get()
                    .map(|e| {
                        leptos::logging::warn!("publishing failed: {e}");
                        view! { <p class="problem" role="alert" data-testid="publish-error">{error_text(&e)}</p> }
                    })
            }}
            {move || (!allowed.get()).then(|| view! { <p class="problem" data-testid="read-only">{t(P::ViewerCannotPublish)}</p> })}
            <div class="actions">
                <button
                    type="button"
                    class="primary"
                    data-testid="publish"
                    disabled=blocked
                    on:click=move |_| on_publish.run(())
                >
                    {move || if pending.get() { t(P::Publishing) } else { action_label }}
                </button>
                <button type="button" on:click=move |_| on_back.run(())>{t(P::BackToEditing)}</button>
            </div>
        </section>
    }
}

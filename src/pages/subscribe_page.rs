//! `/subscribe`: a customer subscribes to the page's public updates, by
//! email (nothing is sent before the address is confirmed) or by webhook,
//! to everything or to the components they choose. The feeds are offered
//! too. Subscribing needs the Herald server; on a static host the request
//! fails and the page says so. A page the server rendered starts with the
//! components it was rendered from (`crate::seed`); otherwise they are read
//! when someone wants to choose among them.

use crate::api::{subscribe, summary, FetchError};
use crate::components::{SiteFooter, SiteHeader, SiteTitle};
use crate::i18n::{use_locale, Msg};
use crate::seed::{seeded_page, SeedPage};
use crate::site::use_site_name;
use herald_model::api::NewSubscription;
use herald_model::component_tree::{visible_entries, Entry};
use herald_model::v2::Component;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How the subscriber is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// An email address, confirmed by a link before anything is sent.
    Email,
    /// A URL Herald POSTs Statuspage's webhook body to.
    Webhook,
}

/// The request for what the form holds: trimmed address, and the chosen
/// component ids when only some are wanted.
pub fn request(channel: Channel, address: &str, chosen: Option<Vec<String>>) -> NewSubscription {
    let address = Some(address.trim().to_owned());
    let (email, webhook_url) = match channel {
        Channel::Email => (address, None),
        Channel::Webhook => (None, address),
    };
    NewSubscription {
        email,
        webhook_url,
        components: chosen,
    }
}

/// The page's components to choose from: groups with their components and
/// the components outside any group, in page order, as the status page
/// lists them ([`visible_entries`]) — except that a component shown only
/// while degraded is offered too: that is when its subscribers want to hear.
pub fn choices(components: &[Component]) -> Vec<Entry> {
    let every: Vec<Component> = components
        .iter()
        .map(|c| Component {
            only_show_if_degraded: false,
            ..c.clone()
        })
        .collect();
    visible_entries(&every)
}

/// One component's check box; `chosen` holds the ids ticked.
fn choice(component: Component, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let id = component.id;
    // Drawn again (the list loaded again after a failed read), a box starts
    // as `chosen` says.
    let checked = chosen.with_untracked(|ids| ids.contains(&id));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        chosen.update(|ids| {
            ids.retain(|x| x != &id);
            if on {
                ids.push(id.clone());
            }
        });
    };
    view! {
        <li>
            <label class="check">
                <input type="checkbox" data-testid="subscribe-component" checked=checked on:change=toggle />
                {component.name}
            </label>
        </li>
    }
}

/// The subscription form.
#[component]
pub fn SubscribePage() -> impl IntoView {
    let locale = use_locale();
    let site = use_site_name();
    Effect::new(move || {
        let name = site
            .0
            .get()
            .unwrap_or_else(|| locale.text(Msg::SiteTitleFallback).to_owned());
        document().set_title(&locale.fill(
            Msg::PageDocumentTitle,
            &[
                ("title", locale.text(Msg::SubscribeHeading)),
                ("name", &name),
            ],
        ));
    });

    // The browser keeps what the radios, boxes and field hold; these copy it
    // for the request.
    let channel = RwSignal::new(Channel::Email);
    let address = RwSignal::new(String::new());
    let only_some = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<FetchError>);
    let done = RwSignal::new(None::<(Channel, String)>);
    let done_message = NodeRef::<leptos::html::P>::new();
    // The components: rendered with the page, or read (from the summary the
    // home page reads too) only when someone wants to choose among them.
    let seeded = match seeded_page("/subscribe") {
        Some((SeedPage::Subscribe(doc), _)) => Some(Ok(choices(&doc.components))),
        _ => None,
    };
    let components = RwSignal::new(seeded);
    let choose_some = move |_| {
        only_some.set(true);
        if components.with_untracked(|c| matches!(c, Some(Ok(_)))) {
            return;
        }
        components.set(None);
        spawn_local(async move {
            let answer = summary().fetch().await;
            if components.is_disposed() {
                return;
            }
            components.set(Some(answer.map(|(doc, _)| {
                doc.map(|doc| {
                    site.0.set(Some(doc.page.name.clone()));
                    choices(&doc.components)
                })
                .unwrap_or_default()
            })));
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let picked = only_some.get_untracked().then(|| chosen.get_untracked());
        if picked.as_ref().is_some_and(Vec::is_empty) {
            error.set(Some(FetchError::Api(herald_model::api::ApiError {
                code: herald_model::api::ErrorCode::Validation,
                message: locale.text(Msg::SubscribeChooseOne).to_owned(),
                field: Some("components".to_owned()),
            })));
            return;
        }
        let how = channel.get_untracked();
        let body = request(how, &address.get_untracked(), picked);
        sending.set(true);
        error.set(None);
        spawn_local(async move {
            let answer = subscribe(&body).await;
            if sending.is_disposed() {
                return;
            }
            sending.set(false);
            match answer {
                Ok(_) => {
                    done.set(Some((how, address.get_untracked().trim().to_owned())));
                    // After the form is hidden (the focused button with it).
                    request_animation_frame(move || {
                        if let Some(message) = done_message.get_untracked() {
                            let _ = message.focus();
                        }
                    });
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let is_email = move || channel.get() == Channel::Email;
    let address_invalid = move || {
        error.with(|e| {
            e.as_ref()
                .and_then(|e| match e {
                    FetchError::Api(api) => api.field.as_deref(),
                    _ => None,
                })
                .is_some_and(|f| f == "email" || f == "webhook_url")
        })
    };

    let component_choices = move || match components.get() {
        None => view! { <p class="muted">{locale.text(Msg::Loading)}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="stale">{e.message(locale)}</p> }.into_any(),
        Some(Ok(entries)) => view! {
            <ul class="component-choices" role="list">
                {entries
                    .into_iter()
                    .map(|entry| match entry {
                        Entry::Group { group, children, .. } => view! {
                            <li class="choice-group">
                                <span class="group-name">{group.name}</span>
                                <ul role="list">
                                    {children.into_iter().map(|c| choice(c, chosen)).collect_view()}
                                </ul>
                            </li>
                        }
                        .into_any(),
                        Entry::Standalone(c) => choice(c, chosen).into_any(),
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };

    let done_text = move || {
        done.get().map(|(how, to)| match how {
            Channel::Email => locale.fill(Msg::SubscribeEmailSent, &[("address", &to)]),
            Channel::Webhook => locale.fill(Msg::SubscribeWebhookDone, &[("url", &to)]),
        })
    };

    view! {
        <SiteHeader>
            <SiteTitle />
        </SiteHeader>
        <main id="main" class="wrap subscribe" tabindex="-1">
            <h1>{locale.text(Msg::SubscribeHeading)}</h1>
            <p>{locale.text(Msg::SubscribeIntro)}</p>
            // Always there, so its text is announced when it appears; the
            // form goes away and focus moves here.
            <p class="notice-ok" role="status" data-testid="subscribe-done" tabindex="-1"
                node_ref=done_message hidden=move || done.with(Option::is_none)>
                {done_text}
            </p>
            <form class="subscribe-form" on:submit=submit novalidate=true
                hidden=move || done.with(Option::is_some)>
                <fieldset>
                    <legend>{locale.text(Msg::SubscribeHow)}</legend>
                    <label class="check">
                        <input type="radio" name="channel" value="email" checked=true
                            on:change=move |_| channel.set(Channel::Email) />
                        {locale.text(Msg::SubscribeByEmail)}
                    </label>
                    <label class="check">
                        <input type="radio" name="channel" value="webhook"
                            on:change=move |_| channel.set(Channel::Webhook) />
                        {locale.text(Msg::SubscribeByWebhook)}
                    </label>
                </fieldset>
                <div class="field">
                    <label for="subscribe-address">
                        {move || locale.text(if is_email() { Msg::SubscribeEmailLabel } else { Msg::SubscribeWebhookLabel })}
                    </label>
                    <input
                        id="subscribe-address"
                        type=move || if is_email() { "email" } else { "url" }
                        autocomplete=move || if is_email() { "email" } else { "url" }
                        required=true
                        aria-describedby="subscribe-address-hint subscribe-error"
                        aria-invalid=move || address_invalid().to_string()
                        on:input=move |ev| address.set(event_target_value(&ev))
                    />
                    <p class="hint" id="subscribe-address-hint">
                        {move || locale.text(if is_email() { Msg::SubscribeEmailHint } else { Msg::SubscribeWebhookHint })}
                    </p>
                </div>
                <fieldset>
                    <legend>{locale.text(Msg::SubscribeWhat)}</legend>
                    <label class="check">
                        <input type="radio" name="scope" value="all" checked=true
                            on:change=move |_| only_some.set(false) />
                        {locale.text(Msg::SubscribeEverything)}
                    </label>
                    <label class="check">
                        <input type="radio" name="scope" value="some" on:change=choose_some />
                        {locale.text(Msg::SubscribeSomeComponents)}
                    </label>
                    <div hidden=move || !only_some.get()>{component_choices}</div>
                </fieldset>
                <p class="form-error" id="subscribe-error" role="alert" data-testid="subscribe-error">
                    {move || error.get().map(|e| e.message(locale))}
                </p>
                <button type="submit" aria-busy=move || sending.get().to_string()>
                    {locale.text(Msg::SubscribeButton)}
                </button>
            </form>
            <h2>{locale.text(Msg::SubscribeFeedsHeading)}</h2>
            <p>
                {locale.text(Msg::SubscribeFeedsIntro)} " "
                <a href="/history.atom" rel="external">"Atom"</a>
                " · "
                <a href="/history.rss" rel="external">"RSS"</a>
            </p>
        </main>
        <SiteFooter />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(id: &str, group: bool, group_id: Option<&str>, position: i64) -> Component {
        serde_json::from_value(serde_json::json!({
            "id": id, "name": id.to_uppercase(), "status": "operational",
            "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
            "position": position, "description": null, "showcase": true, "start_date": null,
            "group_id": group_id, "page_id": "p", "group": group, "only_show_if_degraded": false,
            "components": null
        }))
        .unwrap()
    }

    #[test]
    fn components_are_offered_by_group_in_page_order_even_those_shown_only_when_degraded() {
        let mut quiet = component("quiet", false, Some("platform"), 3);
        quiet.only_show_if_degraded = true;
        let list = vec![
            component("api", false, Some("platform"), 2),
            component("web", false, None, 1),
            component("platform", true, None, 0),
            component("db", false, Some("platform"), 1),
            component("empty", true, None, 3),
            component("orphan", false, Some("gone"), 4),
            quiet,
        ];
        let offered: Vec<(Option<String>, Vec<String>)> = choices(&list)
            .into_iter()
            .map(|entry| match entry {
                Entry::Group {
                    group, children, ..
                } => (
                    Some(group.name),
                    children.into_iter().map(|c| c.id).collect(),
                ),
                Entry::Standalone(c) => (None, vec![c.id]),
            })
            .collect();
        assert_eq!(
            offered,
            vec![
                (
                    Some("PLATFORM".to_owned()),
                    vec!["db".to_owned(), "api".to_owned(), "quiet".to_owned()]
                ),
                (None, vec!["web".to_owned()]),
                (None, vec!["orphan".to_owned()]),
            ]
        );
    }

    #[test]
    fn the_request_carries_the_trimmed_address_on_its_channel() {
        let email = request(Channel::Email, "  ops@example.com ", None);
        assert_eq!(email.email.as_deref(), Some("ops@example.com"));
        assert_eq!(email.webhook_url, None);
        assert_eq!(email.components, None);
        let hook = request(
            Channel::Webhook,
            "https://hooks.example.com/x",
            Some(vec!["api".to_owned()]),
        );
        assert_eq!(hook.email, None);
        assert_eq!(
            hook.webhook_url.as_deref(),
            Some("https://hooks.example.com/x")
        );
        assert_eq!(hook.components, Some(vec!["api".to_owned()]));
    }
}

//! `/subscribe`: a customer subscribes to the page's public updates, by
//! email (nothing is sent before the address is confirmed) or by webhook,
//! to everything or to the components they choose. The feeds are offered
//! too. Subscribing needs the Herald server; on a static host the request
//! fails and the page says so.

use crate::api::{fetch_components, subscribe, FetchError};
use crate::components::{SiteFooter, SiteHeader, SiteTitle};
use crate::i18n::{use_locale, Msg};
use crate::site::use_site_name;
use herald_model::api::NewSubscription;
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

/// The page's components to choose from: each group (by position) with its
/// components, then the components outside any group, as one "group" with
/// no name.
pub fn choices(components: &[Component]) -> Vec<(Option<String>, Vec<Component>)> {
    let mut sorted: Vec<&Component> = components.iter().collect();
    sorted.sort_by_key(|c| c.position);
    let is_group = |id: &str| sorted.iter().any(|g| g.group && g.id == id);
    let members = |group: Option<&str>| -> Vec<Component> {
        sorted
            .iter()
            .filter(|c| !c.group)
            .filter(|c| match (group, c.group_id.as_deref()) {
                (Some(g), Some(of)) => g == of,
                (None, of) => of.is_none_or(|of| !is_group(of)),
                (Some(_), None) => false,
            })
            .map(|c| (*c).clone())
            .collect()
    };
    let mut out: Vec<(Option<String>, Vec<Component>)> = sorted
        .iter()
        .filter(|g| g.group)
        .map(|g| (Some(g.name.clone()), members(Some(&g.id))))
        .filter(|(_, children)| !children.is_empty())
        .collect();
    let loose = members(None);
    if !loose.is_empty() {
        out.push((None, loose));
    }
    out
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

    let channel = RwSignal::new(Channel::Email);
    let address = RwSignal::new(String::new());
    let only_some = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let sending = RwSignal::new(false);
    let error = RwSignal::new(None::<FetchError>);
    let done = RwSignal::new(None::<(Channel, String)>);
    let components = LocalResource::new(fetch_components);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let picked = only_some.get_untracked().then(|| chosen.get_untracked());
        if picked.as_ref().is_some_and(Vec::is_empty) {
            error.set(Some(FetchError::Api(herald_model::api::ApiError {
                code: "invalid".to_owned(),
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
                Ok(_) => done.set(Some((how, address.get_untracked().trim().to_owned()))),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let address_label = move || match channel.get() {
        Channel::Email => locale.text(Msg::SubscribeEmailLabel),
        Channel::Webhook => locale.text(Msg::SubscribeWebhookLabel),
    };
    let address_hint = move || match channel.get() {
        Channel::Email => locale.text(Msg::SubscribeEmailHint),
        Channel::Webhook => locale.text(Msg::SubscribeWebhookHint),
    };
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

    let component_choices = move || {
        let list = match components.get() {
            Some(Ok(doc)) => choices(&doc.components),
            Some(Err(e)) => {
                return view! { <p class="stale">{e.message(locale)}</p> }.into_any();
            }
            None => return view! { <p class="muted">{locale.text(Msg::Loading)}</p> }.into_any(),
        };
        list.into_iter()
            .map(|(group, members)| {
                let boxes = members
                    .into_iter()
                    .map(|c| {
                        let id = c.id.clone();
                        let checked = {
                            let id = id.clone();
                            move || chosen.with(|ids| ids.contains(&id))
                        };
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
                                    <input type="checkbox" data-testid="subscribe-component" value=c.id.clone() prop:checked=checked on:change=toggle />
                                    {c.name}
                                </label>
                            </li>
                        }
                    })
                    .collect_view();
                match group {
                    Some(name) => view! {
                        <li class="choice-group">
                            <span class="group-name">{name}</span>
                            <ul role="list">{boxes}</ul>
                        </li>
                    }
                    .into_any(),
                    None => boxes.into_any(),
                }
            })
            .collect_view()
            .into_any()
    };

    view! {
        <SiteHeader>
            <SiteTitle />
        </SiteHeader>
        <main id="main" class="wrap subscribe" tabindex="-1">
            <h1>{locale.text(Msg::SubscribeHeading)}</h1>
            <p>{locale.text(Msg::SubscribeIntro)}</p>
            <Show
                when=move || done.get().is_none()
                fallback=move || {
                    let (how, to) = done.get().unwrap_or((Channel::Email, String::new()));
                    let text = match how {
                        Channel::Email => locale.fill(Msg::SubscribeEmailSent, &[("address", &to)]),
                        Channel::Webhook => locale.fill(Msg::SubscribeWebhookDone, &[("url", &to)]),
                    };
                    view! {
                        <p class="notice-ok" role="status" data-testid="subscribe-done">{text}</p>
                    }
                }
            >
                <form class="subscribe-form" on:submit=submit novalidate=true>
                    <fieldset>
                        <legend>{locale.text(Msg::SubscribeHow)}</legend>
                        <label class="check">
                            <input type="radio" name="channel" value="email"
                                prop:checked=move || channel.get() == Channel::Email
                                on:change=move |_| channel.set(Channel::Email) />
                            {locale.text(Msg::SubscribeByEmail)}
                        </label>
                        <label class="check">
                            <input type="radio" name="channel" value="webhook"
                                prop:checked=move || channel.get() == Channel::Webhook
                                on:change=move |_| channel.set(Channel::Webhook) />
                            {locale.text(Msg::SubscribeByWebhook)}
                        </label>
                    </fieldset>
                    <div class="field">
                        <label for="subscribe-address">{address_label}</label>
                        <input
                            id="subscribe-address"
                            type=move || if channel.get() == Channel::Email { "email" } else { "url" }
                            autocomplete=move || if channel.get() == Channel::Email { "email" } else { "url" }
                            required=true
                            aria-describedby="subscribe-address-hint subscribe-error"
                            aria-invalid=move || address_invalid().to_string()
                            prop:value=move || address.get()
                            on:input=move |ev| address.set(event_target_value(&ev))
                        />
                        <p class="hint" id="subscribe-address-hint">{address_hint}</p>
                    </div>
                    <fieldset>
                        <legend>{locale.text(Msg::SubscribeWhat)}</legend>
                        <label class="check">
                            <input type="radio" name="scope" value="all"
                                prop:checked=move || !only_some.get()
                                on:change=move |_| only_some.set(false) />
                            {locale.text(Msg::SubscribeEverything)}
                        </label>
                        <label class="check">
                            <input type="radio" name="scope" value="some"
                                prop:checked=move || only_some.get()
                                on:change=move |_| only_some.set(true) />
                            {locale.text(Msg::SubscribeSomeComponents)}
                        </label>
                        <Show when=move || only_some.get()>
                            <ul class="component-choices" role="list">{component_choices}</ul>
                        </Show>
                    </fieldset>
                    <p class="form-error" id="subscribe-error" role="alert" data-testid="subscribe-error">
                        {move || error.get().map(|e| e.message(locale))}
                    </p>
                    <button type="submit" aria-busy=move || sending.get().to_string()>
                        {locale.text(Msg::SubscribeButton)}
                    </button>
                </form>
            </Show>
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
    fn components_are_offered_by_group_in_page_order_with_loose_ones_last() {
        let list = vec![
            component("api", false, Some("platform"), 2),
            component("web", false, None, 1),
            component("platform", true, None, 0),
            component("db", false, Some("platform"), 1),
            component("empty", true, None, 3),
            component("orphan", false, Some("gone"), 4),
        ];
        let offered: Vec<(Option<String>, Vec<String>)> = choices(&list)
            .into_iter()
            .map(|(g, cs)| (g, cs.into_iter().map(|c| c.id).collect()))
            .collect();
        assert_eq!(
            offered,
            vec![
                (
                    Some("PLATFORM".to_owned()),
                    vec!["db".to_owned(), "api".to_owned()]
                ),
                (None, vec!["web".to_owned(), "orphan".to_owned()]),
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

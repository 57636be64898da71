//! `/portal/notices` (every signed-in role): the internal notices, newest
//! first — issue key, severity, status, summary, components, roles, and
//! labels for drills and internal-only incidents — and the person's own
//! subscriptions to them (email, JSON webhook, chat webhook; everything or
//! chosen components) and personal Atom feed (create, replace, revoke).

use crate::api::FetchError;
use crate::components::LocalTime;
use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::components::{error_text, ComponentChoices, TextField};
use crate::portal::{t, tf};
use herald_model::portal::{Notice, StaffSubscription, SubscriberRecord};
use herald_model::UpdateStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// How a staff member is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Email.
    Email,
    /// A webhook that gets the notice as JSON.
    Webhook,
    /// A chat webhook that gets `{"text": …}`.
    Chat,
}

impl Way {
    /// The subscription request for `address` and the chosen components.
    pub fn request(self, address: &str, components: Option<Vec<String>>) -> StaffSubscription {
        let (channel, format) = match self {
            Way::Email => ("email", None),
            Way::Webhook => ("webhook", Some("generic")),
            Way::Chat => ("webhook", Some("chat")),
        };
        StaffSubscription {
            channel: channel.to_owned(),
            address: address.trim().to_owned(),
            format: format.map(str::to_owned),
            components,
        }
    }

    /// How an existing subscription reaches its owner.
    pub fn of(record: &SubscriberRecord) -> Way {
        match (record.channel.as_str(), record.format.as_str()) {
            ("email", _) => Way::Email,
            (_, "chat") => Way::Chat,
            _ => Way::Webhook,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Way::Email => t(P::WayEmail),
            Way::Webhook => t(P::WayWebhook),
            Way::Chat => t(P::WayChat),
        }
    }
}

/// The notices, then the person's subscriptions and feed.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let notices = LocalResource::new(api::notices);
    Effect::new(move || {
        document().set_title(&format!("{} – {}", t(P::NoticesHeading), t(P::PortalTitle)))
    });
    view! {
        <h1>{t(P::NoticesHeading)}</h1>
        <p class="hint">{t(P::NoticesHint)}</p>
        <div class="notices-layout">
            <section aria-labelledby="notice-list-heading" class="notice-list">
                <h2 id="notice-list-heading">{t(P::LatestNotices)}</h2>
                {move || match notices.get() {
                    None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                    Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{t(P::NoNotices)}</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <ol class="notices" role="list">
                            {list.into_iter().map(|notice| view! { <NoticeItem notice /> }).collect_view()}
                        </ol>
                    }
                    .into_any(),
                }}
            </section>
            <div class="notice-settings">
                <MySubscriptions />
                <MyFeed />
            </div>
        </div>
    }
}

/// One notice.
#[component]
fn NoticeItem(notice: Notice) -> impl IntoView {
    let locale = use_locale();
    let status = notice
        .status
        .parse::<UpdateStatus>()
        .map(|s| locale.text(Msg::Update(s)).to_owned())
        .unwrap_or_else(|_| notice.status.clone());
    let audience = if notice.audience == "public" {
        t(P::NoticePublicUpdate)
    } else {
        t(P::NoticeInternalNote)
    };
    let roles = [
        (
            P::RoleIncidentManager,
            notice.roles.incident_manager.clone(),
        ),
        (P::RoleTechnicalLead, notice.roles.technical_lead.clone()),
        (
            P::RoleCommunicationsManager,
            notice.roles.communications_manager.clone(),
        ),
    ]
    .into_iter()
    .filter_map(|(role, who)| who.map(|who| format!("{}: {who}", t(role))))
    .collect::<Vec<_>>()
    .join(" · ");
    let href = format!("/portal/incidents/{}", notice.incident_id);
    // The severity comes as its label ("Sev 2"); its colour from the digit.
    let sev_class = match notice.severity.rsplit(' ').next() {
        Some(n @ ("1" | "2" | "3")) => format!("sev sev{n}"),
        _ => "muted".to_owned(),
    };
    view! {
        <li class="notice-item" data-testid="notice" data-issue-key=notice.issue_key.clone()>
            <p class="notice-head">
                <strong>{notice.issue_key.clone()}</strong>
                " · "
                <span class=sev_class>{notice.severity.clone()}</span>
                " · "
                <span>{status}</span>
                {notice.drill.then(|| view! { <span class="tag drill" data-testid="label-drill">{t(P::LabelDrill)}</span> })}
                {(notice.visibility == "internal").then(|| view! {
                    <span class="tag internal" data-testid="label-internal-only">{t(P::LabelInternalOnly)}</span>
                })}
                <span class="tag">{audience}</span>
            </p>
            <h3><A href=href>{notice.title.clone()}</A></h3>
            <p class="muted"><LocalTime at=notice.created_at /></p>
            <p><strong>{t(P::Summary)} ": "</strong>{notice.summary.clone()}</p>
            <p class="notice-body">{notice.body.clone()}</p>
            {(!notice.components.is_empty()).then(|| view! {
                <p><strong>{t(P::AffectedComponents)} ": "</strong>{notice.components.join(", ")}</p>
            })}
            {(!roles.is_empty()).then(|| view! { <p class="muted">{roles}</p> })}
        </li>
    }
}

/// The person's subscriptions to notices, and the form that adds one.
#[component]
fn MySubscriptions() -> impl IntoView {
    let list = LocalResource::new(api::my_subscriptions);
    let components = LocalResource::new(api::components);
    let way = RwSignal::new(Way::Email);
    let address = RwSignal::new(String::new());
    let only_some = RwSignal::new(false);
    let chosen = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<FetchError>);
    let note = RwSignal::new(None::<String>);
    let none_chosen = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let address_problem = Signal::derive(move || {
        problem.with(|p| match p {
            Some(FetchError::Api(e)) if e.field.as_deref() == Some("address") => {
                Some(e.message.clone())
            }
            _ => None,
        })
    });
    let names = move |ids: &[String]| {
        let all = components.get().and_then(Result::ok).unwrap_or_default();
        ids.iter()
            .map(|id| {
                all.iter()
                    .find(|c| &c.component.id == id)
                    .map(|c| c.component.name.clone())
                    .unwrap_or_else(|| id.clone())
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let picked = only_some.get_untracked().then(|| chosen.get_untracked());
        none_chosen.set(picked.as_ref().is_some_and(Vec::is_empty));
        if none_chosen.get_untracked() {
            problem.set(None);
            return;
        }
        let body = way
            .get_untracked()
            .request(&address.get_untracked(), picked);
        sending.set(true);
        note.set(None);
        spawn_local(async move {
            let answer = api::subscribe_me(body).await;
            if sending.is_disposed() {
                return;
            }
            sending.set(false);
            match answer {
                Ok(record) => {
                    problem.set(None);
                    note.set(Some(tf(
                        P::SubscriptionAdded,
                        &[("address", &record.address)],
                    )));
                    address.set(String::new());
                    list.refetch();
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let remove = move |(id, gone): (String, String)| {
        note.set(None);
        spawn_local(async move {
            let answer = api::unsubscribe_me(id).await;
            if problem.is_disposed() {
                return;
            }
            match answer {
                Ok(()) => {
                    problem.set(None);
                    note.set(Some(tf(P::SubscriptionRemoved, &[("address", &gone)])));
                }
                Err(e) => problem.set(Some(e)),
            }
            list.refetch();
        });
    };

    view! {
        <section aria-labelledby="my-subscriptions-heading">
            <h2 id="my-subscriptions-heading">{t(P::MySubscriptionsHeading)}</h2>
            {move || match list.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(subs)) if subs.is_empty() => view! { <p class="empty">{t(P::NoSubscriptions)}</p> }.into_any(),
                Some(Ok(subs)) => view! {
                    <ul class="subscriptions" role="list">
                        {subs.into_iter().map(|s| {
                            let id = s.id.clone();
                            let gone = s.address.clone();
                            let scope = match &s.components {
                                None => t(P::ScopeEverything).to_owned(),
                                Some(ids) => names(ids),
                            };
                            let label = tf(P::RemoveNamed, &[("address", &s.address)]);
                            view! {
                                <li data-testid="my-subscription" data-address=s.address.clone()>
                                    <span class="tag">{Way::of(&s).label()}</span>
                                    " " <span class="address">{s.address.clone()}</span>
                                    " · " <span class="muted">{scope}</span>
                                    " "
                                    <button type="button" class="link" aria-label=label on:click=move |_| remove((id.clone(), gone.clone()))>
                                        {t(P::Remove)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
            <form class="compose-form" data-testid="my-subscription-form" on:submit=add>
                <h3>{t(P::AddSubscriptionHeading)}</h3>
                <fieldset>
                    <legend>{t(P::WayLegend)}</legend>
                    {[Way::Email, Way::Webhook, Way::Chat].into_iter().map(|w| view! {
                        <label class="check">
                            <input type="radio" name="notice-way" prop:checked=move || way.get() == w
                                on:change=move |_| way.set(w) />
                            {w.label()}
                        </label>
                    }).collect_view()}
                </fieldset>
                <TextField id="notice-address" label=t(P::Address)
                    kind="text"
                    hint=Signal::derive(move || Some(if way.get() == Way::Email { t(P::AddressEmailHint) } else { t(P::AddressWebhookHint) }.to_owned()))
                    problem=address_problem
                    value=address on_input=move |v| address.set(v) />
                <fieldset>
                    <legend>{t(P::ScopeLegend)}</legend>
                    <label class="check">
                        <input type="radio" name="notice-scope" prop:checked=move || !only_some.get() on:change=move |_| only_some.set(false) />
                        {t(P::ScopeEverything)}
                    </label>
                    <label class="check">
                        <input type="radio" name="notice-scope" prop:checked=move || only_some.get() on:change=move |_| only_some.set(true) />
                        {t(P::ScopeChosen)}
                    </label>
                    <Show when=move || only_some.get()>
                        // Internal-only components too: notices are for staff.
                        <ComponentChoices id_prefix="notice-component" chosen
                            components=Signal::derive(move || {
                                components.get().and_then(Result::ok).unwrap_or_default()
                            }) />
                    </Show>
                </fieldset>
                <p class="problem" role="alert" data-testid="my-subscription-problem">
                    {move || {
                        problem
                            .get()
                            .map(|e| error_text(&e))
                            .or_else(|| none_chosen.get().then(|| t(P::ChooseOneComponent).to_owned()))
                    }}
                </p>
                <p class="saved" role="status" data-testid="my-subscription-note">{move || note.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary" aria-busy=move || sending.get().to_string()>
                        {t(P::SubscribeToNotices)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The personal Atom feed: its address is shown once, when made.
#[component]
fn MyFeed() -> impl IntoView {
    let url = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<&'static str>);
    let problem = RwSignal::new(None::<String>);
    let field = NodeRef::<leptos::html::Input>::new();
    let select_all = move || {
        if let Some(input) = field.get() {
            input.select();
        }
    };
    let create = move |_| {
        let done = if url.get_untracked().is_some() {
            t(P::FeedReplaced)
        } else {
            t(P::FeedCreated)
        };
        spawn_local(async move {
            match api::new_feed().await {
                Ok(feed) => {
                    url.set(Some(feed.url));
                    note.set(Some(done));
                    problem.set(None);
                }
                Err(e) => problem.set(Some(error_text(&e))),
            }
        });
    };
    let revoke = move |_| {
        spawn_local(async move {
            match api::revoke_feed().await {
                Ok(()) => {
                    url.set(None);
                    note.set(Some(t(P::FeedRevoked)));
                    problem.set(None);
                }
                Err(e) => problem.set(Some(error_text(&e))),
            }
        });
    };
    view! {
        <section aria-labelledby="my-feed-heading">
            <h2 id="my-feed-heading">{t(P::FeedHeading)}</h2>
            <p class="hint">{t(P::FeedHint)}</p>
            {move || url.get().map(|u| view! {
                <div class="field" data-testid="feed-url">
                    <label for="feed-url">{t(P::FeedUrl)}</label>
                    <input id="feed-url" class="secret" readonly=true prop:value=u node_ref=field
                        aria-describedby="feed-url-hint" on:focus=move |_| select_all() on:click=move |_| select_all() />
                    <p class="hint" id="feed-url-hint">{t(P::FeedUrlHint)}</p>
                </div>
            })}
            <p class="saved" role="status">{move || note.get()}</p>
            <p class="problem" role="alert">{move || problem.get()}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=create>
                    {move || if url.get().is_some() { t(P::RegenerateFeed) } else { t(P::CreateFeed) }}
                </button>
                <button type="button" on:click=revoke>{t(P::RevokeFeed)}</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_way_becomes_its_channel_and_format() {
        let email = Way::Email.request(" me@example.com ", None);
        assert_eq!(
            (email.channel.as_str(), email.format.as_deref()),
            ("email", None)
        );
        assert_eq!(email.address, "me@example.com");
        let chat = Way::Chat.request("https://chat.example/hook", Some(vec!["api".into()]));
        assert_eq!(
            (chat.channel.as_str(), chat.format.as_deref()),
            ("webhook", Some("chat"))
        );
        assert_eq!(chat.components, Some(vec!["api".to_owned()]));
        let hook = Way::Webhook.request("https://ops.example/hook", None);
        assert_eq!(hook.format.as_deref(), Some("generic"));
        for request in [email, chat, hook] {
            let record = SubscriberRecord {
                id: "s".into(),
                audience: "internal".into(),
                channel: request.channel.clone(),
                address: request.address.clone(),
                format: request.format.clone().unwrap_or_else(|| "email".into()),
                components: None,
                confirmed: true,
            };
            let back = Way::of(&record).request(&record.address, None);
            assert_eq!(
                (back.channel, back.format),
                (request.channel, request.format)
            );
        }
    }
}

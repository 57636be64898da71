//! `/portal/deliveries` (admins only): every recent delivery of a notice or
//! public update — to whom, what for, its status, how many attempts, and
//! why the last one failed — with a filter for the failed ones.

use crate::components::LocalTime;
use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::error_text;
use crate::portal::context::use_session;
use crate::portal::t;
use herald_model::portal::DeliveryRecord;
use leptos::prelude::*;

/// The status in words.
fn status_label(status: &str) -> P {
    match status {
        "pending" => P::DeliveryPending,
        "delivered" => P::DeliveryDelivered,
        "failed" => P::DeliveryFailed,
        _ => P::DeliveryUnknown,
    }
}

/// What a delivery carried, in words.
fn kind_label(kind: &str) -> P {
    match kind {
        "confirm" => P::KindConfirm,
        "new" => P::KindNew,
        "update" => P::KindUpdate,
        "reminder" => P::KindReminder,
        "notice" => P::KindNotice,
        _ => P::DeliveryUnknown,
    }
}

/// How a delivery travels, in words: the chat format is a webhook too, but
/// an admin chasing a missing message looks for it in a chat room.
fn channel_label(channel: &str, format: &str) -> P {
    match (channel, format) {
        ("email", _) => P::ChannelEmail,
        ("webhook", "chat") => P::ChannelChat,
        ("webhook", _) => P::ChannelWebhook,
        _ => P::DeliveryUnknown,
    }
}

/// The deliveries to show: all, or only the failed ones.
pub fn shown(all: Vec<DeliveryRecord>, only_failed: bool) -> Vec<DeliveryRecord> {
    all.into_iter()
        .filter(|d| !only_failed || d.status == "failed")
        .collect()
}

/// The delivery table, or why it is not shown.
#[component]
pub fn DeliveriesPage() -> impl IntoView {
    let session = use_session();
    Effect::new(move || {
        document().set_title(&format!(
            "{} – {}",
            t(P::DeliveriesHeading),
            t(P::PortalTitle)
        ))
    });
    view! {
        <h1>{t(P::DeliveriesHeading)}</h1>
        {move || match session.user() {
            None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
            Some(_) if !session.is_admin() => {
                view! { <p class="notice" role="alert" data-testid="needs-admin">{t(P::DeliveriesNeedAdmin)}</p> }
                    .into_any()
            }
            Some(_) => view! { <DeliveryTable /> }.into_any(),
        }}
    }
}

#[component]
fn DeliveryTable() -> impl IntoView {
    let list = LocalResource::new(api::deliveries);
    let only_failed = RwSignal::new(false);
    view! {
        <p class="hint">{t(P::DeliveriesHint)}</p>
        <div class="actions">
            <label class="check">
                <input type="checkbox" prop:checked=move || only_failed.get()
                    on:change=move |ev| only_failed.set(event_target_checked(&ev)) />
                {t(P::OnlyFailed)}
            </label>
            <button type="button" on:click=move |_| list.refetch()>{t(P::Refresh)}</button>
        </div>
        {move || match list.get() {
            None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
            Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
            Some(Ok(all)) => {
                let rows = shown(all, only_failed.get());
                if rows.is_empty() {
                    return view! { <p class="empty">{t(P::NoDeliveries)}</p> }.into_any();
                }
                view! {
                    <table class="admin deliveries" data-testid="deliveries">
                        <thead><tr>
                            <th scope="col">{t(P::Queued)}</th>
                            <th scope="col">{t(P::Status)}</th>
                            <th scope="col">{t(P::DeliveryChannel)}</th>
                            <th scope="col">{t(P::DeliveryTo)}</th>
                            <th scope="col">{t(P::DeliveryFor)}</th>
                            <th scope="col">{t(P::Attempts)}</th>
                            <th scope="col">{t(P::LastError)}</th>
                            <th scope="col">{t(P::NextAttempt)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|d| view! {
                                <tr data-testid="delivery" data-status=d.status.clone() data-address=d.address.clone()>
                                    <td><LocalTime at=d.created_at /></td>
                                    <td><span class=format!("tag delivery-{}", d.status)>{t(status_label(&d.status))}</span></td>
                                    <td class="channel">{t(channel_label(&d.channel, &d.format))}</td>
                                    <td class="address">{d.address.clone()}</td>
                                    <td>
                                        {t(kind_label(&d.kind))}
                                        {d.subject.clone().map(|s| view! { <span class="subject">{s}</span> })}
                                    </td>
                                    <td>{d.attempts}</td>
                                    <td class="last-error">{d.last_error.clone().unwrap_or_default()}</td>
                                    <td class="next-attempt">{match d.next_attempt_at {
                                        Some(at) => view! { <LocalTime at /> }.into_any(),
                                        None => view! { <span class="muted">{t(P::NothingDue)}</span> }.into_any(),
                                    }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn delivery(status: &str) -> DeliveryRecord {
        DeliveryRecord {
            id: 1,
            subscriber_id: "s".into(),
            address: "https://hooks.example.com/x".into(),
            channel: "webhook".into(),
            format: "statuspage".into(),
            kind: "update".into(),
            idempotency_key: status.into(),
            status: status.into(),
            attempts: 1,
            last_error: None,
            next_attempt_at: None,
            subject: None,
            created_at: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_filter_keeps_only_failed_deliveries_in_order() {
        let all = vec![
            delivery("failed"),
            delivery("delivered"),
            delivery("pending"),
            delivery("failed"),
        ];
        let keys = |list: Vec<DeliveryRecord>| {
            list.into_iter()
                .map(|d| d.idempotency_key)
                .collect::<Vec<_>>()
        };
        assert_eq!(keys(shown(all.clone(), false)).len(), 4);
        assert_eq!(keys(shown(all, true)), vec!["failed", "failed"]);
    }

    #[test]
    fn chat_webhooks_are_named_apart_from_other_webhooks() {
        assert_eq!(channel_label("email", "email"), P::ChannelEmail);
        assert_eq!(channel_label("webhook", "chat"), P::ChannelChat);
        assert_eq!(channel_label("webhook", "statuspage"), P::ChannelWebhook);
        assert_eq!(channel_label("webhook", "generic"), P::ChannelWebhook);
        assert_eq!(channel_label("sms", "text"), P::DeliveryUnknown);
    }

    #[test]
    fn every_status_and_kind_the_server_writes_has_its_own_words() {
        let statuses = ["pending", "delivered", "failed"].map(status_label);
        assert!(!statuses.contains(&P::DeliveryUnknown));
        assert_eq!(
            statuses.len(),
            statuses
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
        );
        let kinds = ["confirm", "new", "update", "reminder", "notice"].map(kind_label);
        assert!(!kinds.contains(&P::DeliveryUnknown));
        assert_eq!(
            kinds.len(),
            kinds.iter().collect::<std::collections::HashSet<_>>().len()
        );
    }
}

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
fn status_label(status: &str) -> &'static str {
    match status {
        "pending" => t(P::DeliveryPending),
        "delivered" => t(P::DeliveryDelivered),
        "failed" => t(P::DeliveryFailed),
        _ => t(P::DeliveryUnknown),
    }
}

/// What a delivery carried, in words.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "confirm" => t(P::KindConfirm),
        "new" => t(P::KindNew),
        "update" => t(P::KindUpdate),
        "reminder" => t(P::KindReminder),
        "notice" => t(P::KindNotice),
        _ => t(P::DeliveryUnknown),
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
                view! { <p class="notice" role="alert" data-testid="needs-admin">{t(P::NeedsAdmin)}</p> }
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
                            <th scope="col">{t(P::DeliveryTo)}</th>
                            <th scope="col">{t(P::DeliveryFor)}</th>
                            <th scope="col">{t(P::Status)}</th>
                            <th scope="col">{t(P::Attempts)}</th>
                            <th scope="col">{t(P::LastError)}</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|d| view! {
                                <tr data-testid="delivery" data-status=d.status.clone() data-address=d.address.clone()>
                                    <td><LocalTime at=d.created_at /></td>
                                    <td class="address">{d.address.clone()}</td>
                                    <td>{kind_label(&d.kind)}</td>
                                    <td><span class=format!("tag delivery-{}", d.status)>{status_label(&d.status)}</span></td>
                                    <td>{d.attempts}</td>
                                    <td class="last-error">{d.last_error.clone().unwrap_or_default()}</td>
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

//! Subscriptions and the outbox: who is told what, and the messages waiting
//! to be delivered.
//!
//! Architecture invariant: every message is written to the outbox in the
//! same transaction as the change that caused it (an update, a new
//! subscription, a maintenance reminder), so a change is never committed
//! without its notices, nor a notice without its change. Customers'
//! messages are built only from public data (`public::Reader`); staff
//! notices carry the internal fields and go only to staff subscribers.

use super::public::Reader;
use super::{new_id, parse_enum, parse_ts, parse_ts_opt, ts, StoreError, StoreResult};
use crate::auth;
use crate::text::status_label;
use chrono::{DateTime, Duration, Utc};
use herald_model::api::FieldError;
use herald_model::templates::join_names;
use herald_model::UpdateStatus;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// One message to deliver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "channel", rename_all = "snake_case")]
pub enum Message {
    /// An email (plain text).
    Email {
        /// Recipient.
        to: String,
        /// Subject line.
        subject: String,
        /// The text.
        text: String,
        /// One-click unsubscribe link (also sent as `List-Unsubscribe`).
        unsubscribe: Option<String>,
    },
    /// A JSON POST.
    Webhook {
        /// Where to.
        url: String,
        /// The body.
        body: serde_json::Value,
    },
}

impl Message {
    /// What the message is about, in one line, for the admins' delivery
    /// list: an email's subject, or the incident, maintenance or notice a
    /// webhook carries.
    pub fn headline(&self) -> Option<String> {
        match self {
            Message::Email { subject, .. } => Some(subject.clone()),
            Message::Webhook { body, .. } => {
                let text_at = |path: &str| body.pointer(path).and_then(|v| v.as_str());
                text_at("/incident/name")
                    .or_else(|| text_at("/scheduled_maintenance/name"))
                    .map(str::to_owned)
                    .or_else(|| {
                        let (key, summary) = (text_at("/issue_key")?, text_at("/summary")?);
                        Some(format!("{key} - {summary}"))
                    })
                    .or_else(|| text_at("/text")?.lines().next().map(str::to_owned))
            }
        }
    }
}

/// A subscriber's webhook body shape.
pub mod format {
    /// Statuspage's webhook body (`meta`, `page`, `incident`): customers.
    pub const STATUSPAGE: &str = "statuspage";
    /// Herald's notice as JSON: staff.
    pub const GENERIC: &str = "generic";
    /// `{"text": …}`, accepted by Slack-style incoming webhooks: staff.
    pub const CHAT: &str = "chat";
    /// Emails.
    pub const EMAIL: &str = "email";
}

pub use herald_model::portal::{DeliveryRecord, Notice, SubscriberRecord};

/// A new subscription.
pub struct NewSubscriber<'a> {
    /// `public` (customers) or `internal` (staff).
    pub audience: &'a str,
    /// `email` or `webhook`.
    pub channel: &'a str,
    /// Email address or URL.
    pub address: &'a str,
    /// See [`format`].
    pub format: &'a str,
    /// Component ids; `None` for the whole page.
    pub components: Option<&'a [String]>,
    /// The staff member, for internal subscriptions.
    pub user_id: Option<&'a str>,
    /// Whether it needs no confirmation (webhooks, staff).
    pub confirmed: bool,
}

/// Checks the components a subscription names: components, not groups;
/// internal-only ones only for staff (`internal_too`), since customers'
/// messages never mention them.
fn check_components(conn: &Connection, ids: &[String], internal_too: bool) -> StoreResult<()> {
    // An empty list would be a subscription that never hears anything.
    if ids.is_empty() {
        return Err(FieldError::new(
            "components",
            "choose at least one component, or leave components out for the whole page",
        )
        .into());
    }
    for (i, id) in ids.iter().enumerate() {
        let allowed: bool = conn
            .query_row(
                "SELECT (internal_only = 0 OR ?2) AND is_group = 0 FROM components WHERE id = ?1",
                params![id, internal_too],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false);
        if !allowed {
            return Err(FieldError::new(
                format!("components[{i}]"),
                format!("there is no component '{id}'"),
            )
            .into());
        }
    }
    Ok(())
}

/// Stores a subscription; returns it and the secret of its links.
pub fn subscribe(
    tx: &Transaction<'_>,
    input: &NewSubscriber<'_>,
    now: DateTime<Utc>,
) -> StoreResult<(SubscriberRecord, String)> {
    if let Some(ids) = input.components {
        check_components(tx, ids, input.audience == "internal")?;
    }
    let taken: bool = tx.query_row(
        "SELECT count(*) > 0 FROM subscribers WHERE audience = ?1 AND channel = ?2 AND address = ?3
         AND coalesce(user_id, '') = coalesce(?4, '') AND unsubscribed_at IS NULL",
        params![input.audience, input.channel, input.address, input.user_id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StoreError::Conflict(format!(
            "'{}' is already subscribed",
            input.address
        )));
    }
    let id = new_id();
    let secret = auth::new_secret();
    tx.execute(
        "INSERT INTO subscribers (id, audience, channel, address, format, components, user_id, confirmed,
             token_hash, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            input.audience,
            input.channel,
            input.address,
            input.format,
            input.components.map(|c| serde_json::to_string(c).unwrap_or_default()),
            input.user_id,
            input.confirmed,
            auth::digest(&secret),
            ts(&now),
        ],
    )?;
    Ok((get(tx, &id)?, secret))
}

fn get(conn: &Connection, id: &str) -> StoreResult<SubscriberRecord> {
    conn.query_row(
        "SELECT id, audience, channel, address, format, components, confirmed FROM subscribers WHERE id = ?1",
        [id],
        |r| {
            Ok(SubscriberRecord {
                id: r.get(0)?,
                audience: r.get(1)?,
                channel: r.get(2)?,
                address: r.get(3)?,
                format: r.get(4)?,
                components: r
                    .get::<_, Option<String>>(5)?
                    .and_then(|j| serde_json::from_str(&j).ok()),
                confirmed: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "subscription",
        id: id.to_owned(),
    })
}

/// A staff member's active subscriptions.
pub fn list_for_user(conn: &Connection, user_id: &str) -> StoreResult<Vec<SubscriberRecord>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM subscribers WHERE user_id = ?1 AND unsubscribed_at IS NULL ORDER BY created_at",
    )?;
    let ids = stmt
        .query_map([user_id], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter().map(|id| get(conn, id)).collect()
}

/// Confirms a subscription by the secret of its link.
pub fn confirm(tx: &Transaction<'_>, secret: &str) -> StoreResult<SubscriberRecord> {
    let id = by_secret(tx, secret)?;
    tx.execute("UPDATE subscribers SET confirmed = 1 WHERE id = ?1", [&id])?;
    get(tx, &id)
}

/// Ends a subscription by the token of its unsubscribe link (or the secret
/// of its confirmation link); pending messages to it are dropped.
pub fn unsubscribe(
    tx: &Transaction<'_>,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<SubscriberRecord> {
    let id = match by_unsubscribe_token(tx, token, now)? {
        Some(id) => id,
        None => by_secret(tx, token)?,
    };
    end(tx, &id, now)?;
    get(tx, &id)
}

/// Ends a staff member's own subscription.
pub fn unsubscribe_own(
    tx: &Transaction<'_>,
    user_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let owned: bool = tx.query_row(
        "SELECT count(*) > 0 FROM subscribers WHERE id = ?1 AND user_id = ?2 AND unsubscribed_at IS NULL",
        params![id, user_id],
        |r| r.get(0),
    )?;
    if !owned {
        return Err(StoreError::NotFound {
            what: "subscription",
            id: id.to_owned(),
        });
    }
    end(tx, id, now)
}

fn end(tx: &Transaction<'_>, id: &str, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "UPDATE subscribers SET unsubscribed_at = coalesce(unsubscribed_at, ?2) WHERE id = ?1",
        params![id, ts(&now)],
    )?;
    tx.execute(
        "UPDATE outbox SET status = 'failed', last_error = 'unsubscribed' WHERE subscriber_id = ?1 AND status = 'pending'",
        [id],
    )?;
    Ok(())
}

fn by_secret(conn: &Connection, secret: &str) -> StoreResult<String> {
    conn.query_row(
        "SELECT id FROM subscribers WHERE token_hash = ?1",
        [auth::digest(secret)],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound {
        what: "subscription link",
        id: "(secret)".to_owned(),
    })
}

/// Puts one message in the outbox.
pub fn enqueue(
    tx: &Transaction<'_>,
    subscriber_id: &str,
    kind: &str,
    key: &str,
    message: &Message,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "INSERT OR IGNORE INTO outbox (subscriber_id, idempotency_key, kind, message, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![subscriber_id, key, kind, serde_json::to_string(message).unwrap_or_default(), ts(&now)],
    )?;
    Ok(())
}

/// The confirmation email of a new customer email subscription.
pub fn enqueue_confirmation(
    tx: &Transaction<'_>,
    subscriber: &SubscriberRecord,
    secret: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let page = Reader::new(tx)?.page;
    let link = format!("{}/api/subscribers/confirm?token={secret}", page.url);
    let message = Message::Email {
        to: subscriber.address.clone(),
        subject: format!("[{}] Confirm your subscription", page.name),
        text: format!(
            "Please confirm that you want status updates from {} at this address:\n\n{link}\n\nIf you did not ask for this, ignore this email: nothing will be sent.\n",
            page.name
        ),
        unsubscribe: None,
    };
    enqueue(
        tx,
        &subscriber.id,
        "confirm",
        &format!("confirm-{}", subscriber.id),
        &message,
        now,
    )
}

/// Active subscribers of an audience whose scope covers any of `components`
/// (a whole-page subscriber covers everything).
fn recipients(
    conn: &Connection,
    audience: &str,
    components: &[String],
) -> StoreResult<Vec<(String, String, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, channel, address, format, components FROM subscribers
         WHERE audience = ?1 AND confirmed = 1 AND unsubscribed_at IS NULL",
    )?;
    let rows = stmt
        .query_map([audience], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows
        .into_iter()
        .filter(|(.., scope)| {
            match scope
                .as_deref()
                .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
            {
                None => true,
                Some(ids) => ids.iter().any(|id| components.contains(id)),
            }
        })
        .map(|(id, channel, address, format, _)| (id, channel, address, format))
        .collect())
}

/// Settings key of the secret unsubscribe links are signed with.
const LINK_KEY: &str = "link_key";

/// The secret unsubscribe links are signed with, made on first use.
fn link_key(conn: &Connection, now: DateTime<Utc>) -> StoreResult<String> {
    conn.execute(
        "INSERT OR IGNORE INTO settings (key, value_json, updated_at) VALUES (?1, json_quote(?2), ?3)",
        params![LINK_KEY, auth::new_secret(), ts(&now)],
    )?;
    Ok(conn.query_row(
        "SELECT json_extract(value_json, '$') FROM settings WHERE key = ?1",
        [LINK_KEY],
        |r| r.get(0),
    )?)
}

/// The unsubscribe token of a subscriber: its id and a signature of it
/// (`ID.HMAC`). The same in every message, so the link in an old email
/// works as well as the newest; nothing is stored per message.
fn unsubscribe_token(key: &str, subscriber_id: &str) -> String {
    format!(
        "{subscriber_id}.{}",
        auth::hex(&auth::sign(key, &format!("unsubscribe:{subscriber_id}")))
    )
}

/// The subscriber a signed unsubscribe token names, when its signature holds.
fn by_unsubscribe_token(
    conn: &Connection,
    token: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<String>> {
    let Some((id, signature)) = token.split_once('.') else {
        return Ok(None);
    };
    let Some(signature) = auth::unhex(signature) else {
        return Ok(None);
    };
    let key = link_key(conn, now)?;
    Ok(auth::verify(&key, &format!("unsubscribe:{id}"), &signature).then(|| id.to_owned()))
}

/// Unsubscribe link of a subscriber, signed with `key` ([`link_key`]).
fn unsubscribe_link(key: &str, page_url: &str, subscriber_id: &str) -> String {
    let token = unsubscribe_token(key, subscriber_id);
    format!("{page_url}/api/subscribers/unsubscribe?token={token}")
}

/// What a notice needs of its incident: kind, visibility, drill, issue
/// key, severity, summary and roles (JSON).
type IncidentFacts = (
    String,
    String,
    bool,
    Option<String>,
    Option<u8>,
    Option<String>,
    Option<String>,
);

/// Writes the notices an update causes: customers' messages when the update
/// is public and its incident public, and staff notices for every update.
pub fn on_update(
    tx: &Transaction<'_>,
    incident_id: &str,
    update_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let (kind, visibility, drill, issue_key, severity, summary, roles): IncidentFacts = tx.query_row(
        "SELECT kind, visibility, drill, issue_key, severity, summary, roles_json FROM incidents WHERE id = ?1",
        [incident_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    let (audience, status, body, seq): (String, String, String, i64) = tx.query_row(
        "SELECT audience, status, body, seq FROM incident_updates WHERE id = ?1",
        [update_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let status: UpdateStatus = parse_enum(&status)?;
    let reader = Reader::new(tx)?;
    let page = reader.page.clone();

    let mut component_stmt = tx.prepare_cached(
        "SELECT c.id, c.name, c.status, c.internal_only FROM incident_components ic
         JOIN components c ON c.id = ic.component_id WHERE ic.incident_id = ?1 ORDER BY c.position, c.name",
    )?;
    let affected: Vec<(String, String, String, bool)> = component_stmt
        .query_map([incident_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    drop(component_stmt);
    let all_ids: Vec<String> = affected.iter().map(|c| c.0.clone()).collect();

    // Customers: public updates of public incidents and maintenances only.
    if audience == "public" && visibility == "public" && !drill {
        let (name, shortlink, public_doc, doc_key) = if kind == "maintenance" {
            let m = reader.maintenance(incident_id)?;
            let Some(m) = m else { return Ok(()) };
            (
                m.name.clone(),
                m.shortlink.clone(),
                serde_json::to_value(&m).unwrap_or_default(),
                "scheduled_maintenance",
            )
        } else {
            let i = reader.incident(incident_id)?;
            let Some(i) = i else { return Ok(()) };
            (
                i.name.clone(),
                i.shortlink.clone(),
                serde_json::to_value(&i).unwrap_or_default(),
                "incident",
            )
        };
        let public_ids: Vec<String> = affected
            .iter()
            .filter(|c| !c.3)
            .map(|c| c.0.clone())
            .collect();
        let public_names: Vec<String> = affected
            .iter()
            .filter(|c| !c.3)
            .map(|c| c.1.clone())
            .collect();
        // The customer's first message about it is "new", whatever
        // internal notes came before.
        let earlier_public: bool = tx.query_row(
            "SELECT count(*) > 0 FROM incident_updates
             WHERE incident_id = ?1 AND audience = 'public' AND seq < ?2",
            params![incident_id, seq],
            |r| r.get(0),
        )?;
        let kind_label = if earlier_public { "update" } else { "new" };
        let customers = recipients(tx, "public", &public_ids)?;
        // The page's status as this message leaves, as Statuspage sends it.
        let indicator = if customers.is_empty() {
            herald_model::Indicator::None
        } else {
            super::public::load_with(&reader)?.indicator()
        };
        let key = link_key(tx, now)?;
        for (sid, channel, address, format) in customers {
            let unsubscribe = unsubscribe_link(&key, &page.url, &sid);
            let message = if channel == "email" {
                let mut text = format!("{} — {}\n\n{}\n", status_label(status), name, body);
                if !public_names.is_empty() {
                    text.push_str(&format!("\nAffected: {}\n", join_names(&public_names)));
                }
                text.push_str(&format!(
                    "\nDetails: {shortlink}\n\nUnsubscribe: {unsubscribe}\n"
                ));
                Message::Email {
                    to: address,
                    subject: format!("[{}] {}: {}", page.name, name, status_label(status)),
                    text,
                    unsubscribe: Some(unsubscribe),
                }
            } else {
                let _ = format;
                Message::Webhook {
                    url: address,
                    body: json!({
                        "meta": {"unsubscribe": unsubscribe, "documentation": format!("{}/api/openapi.json", page.url)},
                        "page": {"id": page.id, "status_indicator": indicator, "status_description": indicator.description(), "name": page.name, "url": page.url},
                        doc_key: public_doc,
                    }),
                }
            };
            enqueue(
                tx,
                &sid,
                kind_label,
                &format!("{update_id}-{sid}"),
                &message,
                now,
            )?;
        }
    }

    // Staff: every update of every incident, internal fields included.
    if kind == "incident" {
        let severity_label = severity
            .and_then(|s| herald_model::Severity::try_from(s).ok())
            .map(|s| s.label().to_owned())
            .unwrap_or_default();
        let roles: herald_model::api::Roles = roles
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default();
        let seen_by = herald_model::portal::visibility_or_internal(&visibility);
        let key = issue_key.unwrap_or_default();
        let summary = summary.unwrap_or_default();
        let subject =
            herald_model::portal::staff_subject(drill, seen_by, &key, &severity_label, &summary);
        let portal = format!("{}/portal/incidents/{incident_id}", page.url);
        let role_line = |role: &str, who: &Option<String>| {
            who.as_ref()
                .map(|w| format!("{role}: {w}\n"))
                .unwrap_or_default()
        };
        let names: Vec<String> = affected
            .iter()
            .map(|c| format!("{} ({})", c.1, c.2))
            .collect();
        let text = format!(
            "{subject}\nStatus: {} ({} update)\n\n{body}\n\nComponents: {}\n{}{}{}\nIn the portal: {portal}\n",
            status_label(status),
            audience,
            if names.is_empty() { "none".to_owned() } else { names.join(", ") },
            role_line("Incident manager", &roles.incident_manager),
            role_line("Technical lead", &roles.technical_lead),
            role_line("Communications manager", &roles.communications_manager),
        );
        for (sid, channel, address, format) in recipients(tx, "internal", &all_ids)? {
            let message = staff_message(
                &channel,
                &format,
                address,
                &page.name,
                &subject,
                &text,
                || {
                    json!({
                        "type": "notice", "drill": drill, "visibility": visibility,
                        "issue_key": key, "severity": severity_label, "summary": summary,
                        "status": status.as_str(), "audience": audience, "body": body,
                        "roles": roles,
                        "components": affected.iter().map(|c| json!({"id": c.0, "name": c.1, "status": c.2})).collect::<Vec<_>>(),
                        "incident_id": incident_id, "update_id": update_id, "url": portal,
                    })
                },
            );
            enqueue(
                tx,
                &sid,
                "notice",
                &format!("{update_id}-{sid}"),
                &message,
                now,
            )?;
        }
    }
    Ok(())
}

/// Tells staff subscribed to internal notices (for every component, or one
/// it concerns) that monitoring detected something, with a link to declare
/// it. Only for a new detection, not for each repeat of the same alert.
pub fn on_detection(
    tx: &Transaction<'_>,
    detection: &herald_model::portal::Detection,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let page = Reader::new(tx)?.page;
    let declare = format!("{}/portal/declare?detection={}", page.url, detection.id);
    let subject = format!(
        "Detected by {}: {}",
        detection.source,
        first_line(&detection.summary)
    );
    let text = format!(
        "{subject}\n\n{}\n\nDeclare it or dismiss it in the portal: {declare}\n",
        detection.summary
    );
    for (sid, channel, address, format) in recipients(tx, "internal", &detection.components)? {
        let message = staff_message(
            &channel,
            &format,
            address,
            &page.name,
            &subject,
            &text,
            || json!({ "type": "detection", "detection": detection, "url": declare }),
        );
        enqueue(
            tx,
            &sid,
            "notice",
            &format!("detection-{}-{sid}", detection.id),
            &message,
            now,
        )?;
    }
    Ok(())
}

/// A message to a staff subscriber: an email, a chat message (`{"text"}`),
/// or Herald's JSON (`json`, built only when it is the one sent).
fn staff_message(
    channel: &str,
    format: &str,
    address: String,
    page_name: &str,
    subject: &str,
    text: &str,
    json: impl FnOnce() -> serde_json::Value,
) -> Message {
    match (channel, format) {
        ("email", _) => Message::Email {
            to: address,
            subject: format!("[{page_name}] {subject}"),
            text: text.to_owned(),
            unsubscribe: None,
        },
        (_, format::CHAT) => Message::Webhook {
            url: address,
            body: json!({ "text": text }),
        },
        _ => Message::Webhook {
            url: address,
            body: json(),
        },
    }
}

/// The first line of a text, at most 120 characters (for a subject).
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    match line.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// Reminds subscribers of maintenances starting within `ahead`; each
/// maintenance is reminded of once.
pub fn remind_maintenances(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    ahead: Duration,
) -> StoreResult<usize> {
    let mut stmt = tx.prepare(
        "SELECT id FROM incidents WHERE kind = 'maintenance' AND status = 'scheduled' AND visibility = 'public'
         AND reminded_at IS NULL AND scheduled_for <= ?1 AND scheduled_for > ?2",
    )?;
    let ids = stmt
        .query_map(params![ts(&(now + ahead)), ts(&now)], |r| {
            r.get::<_, String>(0)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    let reader = Reader::new(tx)?;
    for id in &ids {
        tx.execute(
            "UPDATE incidents SET reminded_at = ?2 WHERE id = ?1",
            params![id, ts(&now)],
        )?;
        let Some(m) = reader.maintenance(id)? else {
            continue;
        };
        let component_ids: Vec<String> = m.components.iter().map(|c| c.id.clone()).collect();
        let key = link_key(tx, now)?;
        for (sid, channel, address, _) in recipients(tx, "public", &component_ids)? {
            let unsubscribe = unsubscribe_link(&key, &reader.page.url, &sid);
            let message = if channel == "email" {
                Message::Email {
                    to: address,
                    subject: format!("[{}] Reminder: {} starts {}", reader.page.name, m.name, m.scheduled_for.format("%b %-d, %H:%M UTC")),
                    text: format!(
                        "Scheduled maintenance: {}\nWindow: {} – {} (UTC)\n\nDetails: {}\n\nUnsubscribe: {unsubscribe}\n",
                        m.name,
                        m.scheduled_for.format("%b %-d, %H:%M"),
                        m.scheduled_until.format("%b %-d, %H:%M"),
                        m.shortlink
                    ),
                    unsubscribe: Some(unsubscribe),
                }
            } else {
                Message::Webhook {
                    url: address,
                    body: json!({
                        "meta": {"unsubscribe": unsubscribe, "reminder": true},
                        "page": {"id": reader.page.id, "name": reader.page.name, "url": reader.page.url},
                        "scheduled_maintenance": m,
                    }),
                }
            };
            enqueue(
                tx,
                &sid,
                "reminder",
                &format!("reminder-{id}-{sid}"),
                &message,
                now,
            )?;
        }
    }
    Ok(ids.len())
}

/// One outbox row: what admins see ([`DeliveryRecord`], its fields read
/// through `Deref`) and the message the worker sends.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The row as admins see it.
    pub record: DeliveryRecord,
    /// The message.
    pub message: Option<Message>,
}

impl std::ops::Deref for Delivery {
    type Target = DeliveryRecord;

    fn deref(&self) -> &DeliveryRecord {
        &self.record
    }
}

impl From<Delivery> for DeliveryRecord {
    fn from(d: Delivery) -> Self {
        d.record
    }
}

fn delivery_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Delivery> {
    let message: Option<Message> = serde_json::from_str(&r.get::<_, String>(9)?).ok();
    Ok(Delivery {
        record: DeliveryRecord {
            id: r.get(0)?,
            subscriber_id: r.get(1)?,
            address: r.get(2)?,
            kind: r.get(3)?,
            idempotency_key: r.get(4)?,
            status: r.get(5)?,
            attempts: r.get(6)?,
            last_error: r.get(7)?,
            created_at: parse_ts(&r.get::<_, String>(8)?)?,
            channel: r.get(10)?,
            format: r.get(11)?,
            next_attempt_at: parse_ts_opt(r.get(12)?)?,
            subject: message.as_ref().and_then(Message::headline),
        },
        message,
    })
}

const DELIVERY_COLUMNS: &str =
    "o.id, o.subscriber_id, s.address, o.kind, o.idempotency_key, o.status,
    o.attempts, o.last_error, o.created_at, o.message, s.channel, s.format,
    CASE WHEN o.status = 'pending' THEN o.next_attempt_at END";

/// Deliveries due at `now`, oldest first.
pub fn due(conn: &Connection, now: DateTime<Utc>, limit: usize) -> StoreResult<Vec<Delivery>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
         WHERE o.status = 'pending' AND o.next_attempt_at <= ?1 ORDER BY o.id LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![ts(&now), limit as i64], delivery_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The most recent deliveries, for admins.
pub fn recent(conn: &Connection, limit: usize) -> StoreResult<Vec<Delivery>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
         ORDER BY o.id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit as i64], delivery_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Records a successful delivery.
pub fn delivered(tx: &Transaction<'_>, id: i64, now: DateTime<Utc>) -> StoreResult<()> {
    tx.execute(
        "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = ?2, last_error = NULL
         WHERE id = ?1 AND status = 'pending'",
        params![id, ts(&now)],
    )?;
    Ok(())
}

/// Records a failed attempt: retried after `retry_in`, or failed for good
/// once `max_attempts` are spent.
pub fn attempt_failed(
    tx: &Transaction<'_>,
    id: i64,
    error: &str,
    retry_in: Duration,
    max_attempts: i64,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    tx.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3,
             status = CASE WHEN attempts + 1 >= ?4 THEN 'failed' ELSE 'pending' END
         WHERE id = ?1 AND status = 'pending'",
        params![id, error, ts(&(now + retry_in)), max_attempts],
    )?;
    Ok(())
}

/// Creates (or replaces) a staff member's feed secret; returns it.
pub fn new_feed_token(
    tx: &Transaction<'_>,
    user_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let secret = auth::new_secret();
    tx.execute(
        "INSERT INTO feed_tokens (user_id, token_hash, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        params![user_id, auth::digest(&secret), ts(&now)],
    )?;
    Ok(secret)
}

/// Revokes a staff member's feed.
pub fn revoke_feed_token(tx: &Transaction<'_>, user_id: &str) -> StoreResult<()> {
    tx.execute("DELETE FROM feed_tokens WHERE user_id = ?1", [user_id])?;
    Ok(())
}

/// Whether a feed secret is valid.
pub fn feed_token_valid(conn: &Connection, secret: &str) -> StoreResult<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM feed_tokens WHERE token_hash = ?1",
        [auth::digest(secret)],
        |r| r.get(0),
    )?)
}

/// The most recent notices (every update of every incident), newest first.
pub fn notices(conn: &Connection, limit: usize) -> StoreResult<Vec<Notice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, i.id, coalesce(i.issue_key, ''), i.name, coalesce(i.summary, ''), i.severity, i.drill,
             i.visibility, u.status, u.audience, u.body, u.created_at, i.roles_json,
             (SELECT json_group_array(c.name) FROM incident_components ic
                  JOIN components c ON c.id = ic.component_id WHERE ic.incident_id = i.id)
         FROM incident_updates u JOIN incidents i ON i.id = u.incident_id
         WHERE i.kind = 'incident' ORDER BY u.created_at DESC, u.seq DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit as i64], |r| {
            Ok(Notice {
                id: r.get(0)?,
                incident_id: r.get(1)?,
                issue_key: r.get(2)?,
                title: r.get(3)?,
                summary: r.get(4)?,
                severity: r
                    .get::<_, Option<u8>>(5)?
                    .and_then(|s| herald_model::Severity::try_from(s).ok())
                    .map(|s| s.label().to_owned())
                    .unwrap_or_default(),
                drill: r.get(6)?,
                visibility: r.get(7)?,
                status: r.get(8)?,
                audience: r.get(9)?,
                body: r.get(10)?,
                created_at: parse_ts(&r.get::<_, String>(11)?)?,
                roles: r
                    .get::<_, Option<String>>(12)?
                    .and_then(|json| serde_json::from_str(&json).ok())
                    .unwrap_or_default(),
                components: r
                    .get::<_, Option<String>>(13)?
                    .and_then(|json| serde_json::from_str(&json).ok())
                    .unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hook(body: serde_json::Value) -> Message {
        Message::Webhook {
            url: "https://hooks.example.com/x".into(),
            body,
        }
    }

    #[test]
    fn a_headline_names_what_each_shape_of_message_is_about() {
        let email = Message::Email {
            to: "a@example.com".into(),
            subject: "[Acme] API errors: Monitoring".into(),
            text: "…".into(),
            unsubscribe: None,
        };
        assert_eq!(
            email.headline().as_deref(),
            Some("[Acme] API errors: Monitoring")
        );
        let statuspage =
            hook(json!({"meta": {}, "page": {"name": "Acme"}, "incident": {"name": "API errors"}}));
        assert_eq!(statuspage.headline().as_deref(), Some("API errors"));
        let reminder = hook(json!({"meta": {}, "scheduled_maintenance": {"name": "DB upgrade"}}));
        assert_eq!(reminder.headline().as_deref(), Some("DB upgrade"));
        let notice =
            hook(json!({"type": "notice", "issue_key": "OPS-1", "summary": "replica lag"}));
        assert_eq!(notice.headline().as_deref(), Some("OPS-1 - replica lag"));
        let chat = hook(json!({"text": "OPS-1 - Sev 2 - replica lag\nStatus: Identified"}));
        assert_eq!(
            chat.headline().as_deref(),
            Some("OPS-1 - Sev 2 - replica lag")
        );
        assert_eq!(hook(json!({"other": 1})).headline(), None);
    }
}

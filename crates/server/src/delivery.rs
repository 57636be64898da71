//! The delivery worker: takes due messages from the outbox, sends them by
//! SMTP (lettre) or HTTP (reqwest), and records the outcome — delivered, or
//! retried with exponential backoff, or failed for good after a limit.
//!
//! A message is recorded as delivered only after the receiver accepted it.
//! If the server dies in between, the message is sent again on restart with
//! the same idempotency key (`Idempotency-Key` header for webhooks, the
//! `Message-ID` for email), so a receiver can tell a repeat from a new one.

use crate::store::notify::{self, Delivery, Message};
use crate::AppState;
use chrono::Duration;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// How deliveries are made.
#[derive(Clone)]
pub struct DeliveryConfig {
    /// The SMTP transport, when the operator configured one.
    pub smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    /// The sender of every email.
    pub from: Mailbox,
    /// Delay before the first retry; doubles each time, at most an hour.
    pub retry_base: std::time::Duration,
    /// Attempts before a delivery is failed for good.
    pub max_attempts: i64,
    /// Timeout of one webhook request.
    pub timeout: std::time::Duration,
    /// Whether webhooks may go to loopback and private addresses (see
    /// `crate::outbound`); off unless the operator says so.
    pub allow_private: bool,
}

impl DeliveryConfig {
    /// A configuration from an SMTP URL (`smtp://host:port`,
    /// `smtp://user:pass@host:587?tls=required`, `smtps://host`) and a sender.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<DeliveryConfig> {
        let smtp = smtp_url
            .map(|url| AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map(|b| b.build()))
            .transpose()
            .map_err(|e| anyhow::anyhow!("the SMTP URL is not valid: {e}"))?;
        Ok(DeliveryConfig {
            smtp,
            from: from
                .parse()
                .map_err(|e| anyhow::anyhow!("'{from}' is not a sender address: {e}"))?,
            retry_base: std::time::Duration::from_secs(2),
            max_attempts: 10,
            timeout: std::time::Duration::from_secs(10),
            allow_private: false,
        })
    }
}

/// Backoff before retry number `attempt` (1-based).
pub fn backoff(base: std::time::Duration, attempt: i64) -> Duration {
    let factor = 1u32 << attempt.clamp(0, 20) as u32;
    let delay = base
        .saturating_mul(factor)
        .min(std::time::Duration::from_secs(3600));
    Duration::from_std(delay).unwrap_or(Duration::hours(1))
}

async fn send(
    config: &DeliveryConfig,
    http: &reqwest::Client,
    delivery: &Delivery,
) -> Result<(), String> {
    match &delivery.message {
        None => Err("the stored message cannot be read".to_owned()),
        Some(Message::Webhook { url, body }) => {
            // Names are checked by the client's resolver; a literal address
            // is never resolved, so it is checked here.
            if !config.allow_private {
                if let Some(reason) = crate::outbound::refusal(url) {
                    return Err(format!("not sent: {reason}"));
                }
            }
            let response = http
                .post(url)
                .header("Idempotency-Key", &delivery.idempotency_key)
                .header("User-Agent", "Herald")
                .json(body)
                .send()
                .await
                .map_err(|e| format!("the webhook could not be reached: {e}"))?;
            if response.status().is_success() {
                Ok(())
            } else {
                Err(format!("the webhook answered HTTP {}", response.status()))
            }
        }
        Some(Message::Email {
            to,
            subject,
            text,
            unsubscribe,
        }) => {
            let Some(smtp) = &config.smtp else {
                return Err("no SMTP server is configured (herald serve --smtp URL)".to_owned());
            };
            let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
            let domain = config.from.email.domain().to_owned();
            let mut builder = lettre::Message::builder()
                .from(config.from.clone())
                .to(to)
                .subject(subject)
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .message_id(Some(format!("<{}@{domain}>", delivery.idempotency_key)));
            if let Some(link) = unsubscribe {
                // RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe.
                builder = builder
                    .raw_header(HeaderValue::new(
                        HeaderName::new_from_ascii_str("List-Unsubscribe"),
                        format!("<{link}>"),
                    ))
                    .raw_header(HeaderValue::new(
                        HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                        "List-Unsubscribe=One-Click".to_owned(),
                    ));
            }
            let email = builder
                .body(text.clone())
                .map_err(|e| format!("the email could not be built: {e}"))?;
            smtp.send(email)
                .await
                .map(|_| ())
                .map_err(|e| format!("the SMTP server refused or failed: {e}"))
        }
    }
}

/// Delivers what is due, once. Returns how many deliveries it attempted.
pub async fn run_once(state: &AppState, config: &DeliveryConfig, http: &reqwest::Client) -> usize {
    let now = state.clock.now();
    let due = match state.read(move |conn| notify::due(conn, now, 50)).await {
        Ok(due) => due,
        Err(e) => {
            tracing::error!(error = ?e.body, "reading the outbox failed");
            return 0;
        }
    };
    for delivery in &due {
        let outcome = send(config, http, delivery).await;
        let id = delivery.id;
        let attempt = delivery.attempts + 1;
        let (base, max) = (config.retry_base, config.max_attempts);
        let recorded = state
            .write_internal(move |tx, now| match &outcome {
                Ok(()) => notify::delivered(tx, id, now),
                Err(error) => {
                    notify::attempt_failed(tx, id, error, backoff(base, attempt - 1), max, now)
                }
            })
            .await;
        if let Err(e) = recorded {
            tracing::error!(error = ?e.body, "recording a delivery failed");
        }
    }
    due.len()
}

/// Runs the worker: checks the outbox every `every` until the process ends.
pub fn spawn_worker(state: AppState, config: DeliveryConfig, every: std::time::Duration) {
    tokio::spawn(async move {
        let http = crate::outbound::client(config.timeout, config.allow_private);
        loop {
            let busy = run_once(&state, &config, &http).await;
            if busy == 0 {
                tokio::time::sleep(every).await;
            }
        }
    });
}

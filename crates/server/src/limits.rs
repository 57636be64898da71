//! Rate limits on what anyone may try without an account: signing in (per
//! account and per client address, so a password cannot be guessed at
//! speed) and subscribing (per client address and per address subscribed,
//! so the confirmation email cannot be used to flood someone's inbox).
//! governor's GCRA limiters, keyed; a refusal is 429 with `Retry-After`.
//!
//! The client address is the connection's peer: behind a reverse proxy
//! every request comes from the proxy, and the per-address limits then
//! hold for everyone together (the per-account and per-target limits still
//! hold for each).

use crate::error::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// The limits of one server.
pub struct Limits {
    sign_in_account: DefaultKeyedRateLimiter<String>,
    sign_in_client: DefaultKeyedRateLimiter<String>,
    subscribe_target: DefaultKeyedRateLimiter<String>,
    subscribe_client: DefaultKeyedRateLimiter<String>,
}

/// `burst` at once, then one more every `every`.
fn quota(burst: u32, every: Duration) -> Quota {
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN))
}

impl Default for Limits {
    /// Sign-in: 20 attempts per account, then one per 30 s; 60 per client
    /// address, then one a second. Subscribing: 3 per address subscribed,
    /// then one per 10 min; 20 per client address, then one per 30 s.
    fn default() -> Limits {
        Limits {
            sign_in_account: DefaultKeyedRateLimiter::keyed(quota(20, Duration::from_secs(30))),
            sign_in_client: DefaultKeyedRateLimiter::keyed(quota(60, Duration::from_secs(1))),
            subscribe_target: DefaultKeyedRateLimiter::keyed(quota(3, Duration::from_secs(600))),
            subscribe_client: DefaultKeyedRateLimiter::keyed(quota(20, Duration::from_secs(30))),
        }
    }
}

/// Counts one attempt for `key`; the seconds to wait when it is over.
fn take(limiter: &DefaultKeyedRateLimiter<String>, key: &str) -> Result<(), u64> {
    // Keys whose limit has recovered are forgotten now and then, so the
    // table does not grow with every address ever seen.
    if limiter.len() > 10_000 {
        limiter.retain_recent();
    }
    limiter.check_key(&key.to_owned()).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        wait.as_secs() + 1
    })
}

fn client_key(client: Option<IpAddr>) -> String {
    client.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

impl Limits {
    /// One sign-in attempt for `account` (the email, any case) from `client`.
    pub fn sign_in(&self, account: &str, client: Option<IpAddr>) -> Result<(), AppError> {
        take(&self.sign_in_client, &client_key(client))
            .and_then(|()| take(&self.sign_in_account, &account.trim().to_lowercase()))
            .map_err(|wait| AppError::rate_limited("sign-in attempts", wait))
    }

    /// One subscription to `target` (an email address or a URL) from `client`.
    pub fn subscribe(&self, target: &str, client: Option<IpAddr>) -> Result<(), AppError> {
        take(&self.subscribe_client, &client_key(client))
            .and_then(|()| take(&self.subscribe_target, &target.trim().to_lowercase()))
            .map_err(|wait| AppError::rate_limited("subscription requests", wait))
    }
}

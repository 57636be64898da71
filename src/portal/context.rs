//! What every portal page shares, provided once by the portal shell: who is
//! signed in, a clock that ticks so countdowns move, and the incident list
//! (the overdue banner and the incident list page read the same one, and a
//! page that changes an incident refreshes it for both).

use crate::api::FetchError;
use chrono::{DateTime, Utc};
use herald_model::api::{IncidentRecord, Role, SessionUser};
use leptos::prelude::*;
use std::time::Duration;

/// How often the clock ticks. Countdowns are written in minutes, so a few
/// seconds of lag never shows.
const TICK: Duration = Duration::from_secs(5);

/// How often the incident list is fetched again while a portal page is open.
const REFRESH: Duration = Duration::from_secs(30);

/// The signed-in person, once `GET /api/session` answered.
#[derive(Clone, Copy)]
pub struct PortalSession(RwSignal<Option<SessionUser>>);

impl PortalSession {
    /// The signed-in person, if known yet.
    pub fn user(&self) -> Option<SessionUser> {
        self.0.get()
    }

    /// Records who is signed in (or nobody).
    pub fn set(&self, user: Option<SessionUser>) {
        self.0.set(user);
    }

    /// Whether the person may declare and publish (reactive).
    pub fn can_publish(&self) -> bool {
        self.0
            .with(|u| u.as_ref().is_some_and(|u| u.role.can_publish()))
    }

    /// Whether the person is an admin (reactive).
    pub fn is_admin(&self) -> bool {
        self.0
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Admin))
    }
}

/// The current time, ticking every few seconds.
#[derive(Clone, Copy)]
pub struct Clock(RwSignal<DateTime<Utc>>);

impl Clock {
    /// Now (reactive: re-runs the caller on every tick).
    pub fn now(&self) -> DateTime<Utc> {
        self.0.get()
    }
}

/// The incident list every portal page shares.
#[derive(Clone, Copy)]
pub struct Incidents(pub LocalResource<Result<Vec<IncidentRecord>, FetchError>>);

impl Incidents {
    /// Fetches the list again (after a change, or on a timer).
    pub fn refresh(&self) {
        self.0.refetch();
    }
}

/// Provides the session, the clock and the incident list to the portal.
pub fn provide_portal_context() -> PortalSession {
    let session = PortalSession(RwSignal::new(None));
    provide_context(session);
    let clock = Clock(RwSignal::new(Utc::now()));
    provide_context(clock);
    if let Ok(timer) = set_interval_with_handle(move || clock.0.set(Utc::now()), TICK) {
        on_cleanup(move || timer.clear());
    }
    let incidents = Incidents(LocalResource::new(move || {
        // Only once someone is signed in: before that the answer is a 401.
        let signed_in = session.0.with(Option::is_some);
        async move {
            if signed_in {
                crate::portal::api::incidents().await
            } else {
                Ok(Vec::new())
            }
        }
    }));
    provide_context(incidents);
    if let Ok(timer) = set_interval_with_handle(move || incidents.refresh(), REFRESH) {
        on_cleanup(move || timer.clear());
    }
    session
}

/// The signed-in person (inside the portal shell).
pub fn use_session() -> PortalSession {
    expect_context()
}

/// The ticking clock (inside the portal shell).
pub fn use_clock() -> Clock {
    expect_context()
}

/// The shared incident list (inside the portal shell).
pub fn use_incidents() -> Incidents {
    expect_context()
}

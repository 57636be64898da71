//! The few browser facilities the portal needs beyond HTTP: localStorage
//! for drafts, and the viewer's time zone for `datetime-local` inputs.
//! Every function degrades quietly when the facility is missing (private
//! browsing without storage, a test outside a browser).

use chrono::{DateTime, Utc};

fn storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// The stored text under `key`, if any.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; a full or missing storage is ignored (the
/// server copy of the draft still exists).
pub fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Forgets `key`.
pub fn forget(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Reads a `datetime-local` value ("2026-11-22T09:30"), which is in the
/// viewer's time zone, as an instant. `None` when empty or unreadable.
pub fn parse_local(value: &str) -> Option<DateTime<Utc>> {
    if value.trim().is_empty() {
        return None;
    }
    // A date-time without an offset is local time for `Date`.
    let ms = js_sys::Date::new(&value.into()).get_time();
    if ms.is_nan() {
        return None;
    }
    DateTime::from_timestamp_millis(ms as i64)
}
/// Writes an instant as a `datetime-local` value in the viewer's time zone.
pub fn to_local_input(at: DateTime<Utc>) -> String {
    let d = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

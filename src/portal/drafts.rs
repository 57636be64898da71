//! Autosaving a form as a draft: to localStorage at once (it survives a
//! reload even offline) and to `PUT /api/drafts/{key}` a second after the
//! last keystroke (it follows the person to another browser). On load the
//! newer of the two copies is restored.

use crate::portal::api;
use crate::portal::browser;
use chrono::{DateTime, Utc};
use herald_model::portal::DraftBody;
use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How long typing must pause before the draft goes to the server.
const DEBOUNCE: Duration = Duration::from_millis(1000);

/// Where the draft is.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftState {
    /// Nothing typed since the page opened (or restored).
    Idle,
    /// The server copy is being saved.
    Saving,
    /// Saved on the server at this time.
    Saved(DateTime<Utc>),
    /// Only this browser holds the latest text; the reason the server
    /// refused or could not be reached.
    LocalOnly(String),
}

/// The local copy: the form's JSON and when it was written.
#[derive(Serialize, Deserialize)]
struct LocalCopy {
    saved_at: i64,
    content: String,
}

/// A form's draft under one key.
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<String>,
    state: RwSignal<DraftState>,
    version: StoredValue<Option<i64>>,
    last: StoredValue<String>,
    timer: StoredValue<Option<TimeoutHandle>>,
    discarded: StoredValue<bool>,
    /// Whether a saved draft was put back into the form.
    pub restored: RwSignal<bool>,
}

fn local_key(key: &str) -> String {
    format!("herald.draft.{key}")
}

impl Draft {
    /// The draft's state, for the "saved" line (reactive).
    pub fn state(&self) -> DraftState {
        self.state.get()
    }

    /// Discards both copies (after publishing, or on request).
    pub fn discard(&self) {
        self.discarded.set_value(true);
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let key = self.key.get_value();
        browser::forget(&local_key(&key));
        self.state.set(DraftState::Idle);
        spawn_local(async move {
            if let Err(e) = api::delete_draft(key).await {
                leptos::logging::warn!("draft not discarded: {e}");
            }
        });
    }

    fn save_to_server(self) {
        self.timer.try_set_value(None);
        let key = self.key.get_value();
        let content = self.last.get_value();
        self.state.set(DraftState::Saving);
        spawn_local(async move {
            let body = |version| DraftBody {
                content: content.clone(),
                version,
            };
            let version = self.version.try_get_value().flatten();
            let mut result = api::save_draft(key.clone(), body(version)).await;
            if matches!(&result, Err(e) if e.is_conflict()) {
                // Saved from another tab or browser in the meantime. It is
                // the same person's draft and this is the newest text, so
                // it wins: learn the current version and save again.
                let current = api::draft(key.clone()).await.ok().map(|d| d.version);
                result = api::save_draft(key.clone(), body(current)).await;
            }
            if self.discarded.try_get_value().unwrap_or(false) {
                // Published while this save was under way.
                let _ = api::delete_draft(key).await;
                return;
            }
            // The page may have been left meanwhile; then nobody looks.
            match result {
                Ok(record) => {
                    self.version.try_set_value(Some(record.version));
                    self.state.try_set(DraftState::Saved(record.updated_at));
                }
                Err(e) => {
                    self.state.try_set(DraftState::LocalOnly(e.to_string()));
                }
            }
        });
    }
}

/// Keeps `form` saved as the draft `key`, and restores a saved draft into
/// it on load. Call once per form, inside its page.
pub fn use_draft<T>(key: String, form: RwSignal<T>) -> Draft
where
    T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static,
{
    let initial = form.with_untracked(|f| serde_json::to_string(f).unwrap_or_default());
    let draft = Draft {
        key: StoredValue::new(key.clone()),
        state: RwSignal::new(DraftState::Idle),
        version: StoredValue::new(None),
        last: StoredValue::new(initial),
        timer: StoredValue::new(None),
        discarded: StoredValue::new(false),
        restored: RwSignal::new(false),
    };

    // Restore: the newer of the local and the server copy.
    let local: Option<LocalCopy> =
        browser::load(&local_key(&key)).and_then(|text| serde_json::from_str(&text).ok());
    spawn_local(async move {
        // The list, not `GET /api/drafts/{key}`: no draft is the usual
        // case, and a 404 would be logged as an error by the browser.
        let server = api::drafts()
            .await
            .ok()
            .and_then(|all| all.into_iter().find(|d| d.key == key));
        if let Some(s) = &server {
            draft.version.try_set_value(Some(s.version));
        }
        let newest = match (local, server) {
            (Some(l), Some(s)) if s.updated_at.timestamp_millis() > l.saved_at => Some(s.content),
            (Some(l), _) => Some(l.content),
            (None, Some(s)) => Some(s.content),
            (None, None) => None,
        };
        let Some(content) = newest else { return };
        // The page was left, or typing already began (the fresh text wins).
        let Some(current) =
            form.try_with_untracked(|f| serde_json::to_string(f).unwrap_or_default())
        else {
            return;
        };
        if draft.last.try_get_value() != Some(current) {
            return;
        }
        if let Ok(value) = serde_json::from_str::<T>(&content) {
            draft.last.set_value(content);
            form.set(value);
            draft.restored.set(true);
        }
    });

    // Save on every change.
    Effect::new(move |_| {
        let content = form.with(|f| serde_json::to_string(f).unwrap_or_default());
        if content == draft.last.get_value() || draft.discarded.get_value() {
            return;
        }
        draft.last.set_value(content.clone());
        let copy = LocalCopy {
            saved_at: Utc::now().timestamp_millis(),
            content,
        };
        if let Ok(text) = serde_json::to_string(&copy) {
            browser::store(&local_key(&draft.key.get_value()), &text);
        }
        if let Some(t) = draft.timer.get_value() {
            t.clear();
        }
        draft.state.set(DraftState::Saving);
        let handle = set_timeout_with_handle(move || draft.save_to_server(), DEBOUNCE).ok();
        draft.timer.set_value(handle);
    });
    on_cleanup(move || {
        // Leaving the page with a save pending: send it now rather than lose
        // the server copy (the local copy is already written).
        if let Some(Some(t)) = draft.timer.try_get_value() {
            t.clear();
            if draft.state.try_get_untracked() == Some(DraftState::Saving) {
                let key = draft.key.get_value();
                let body = DraftBody {
                    content: draft.last.get_value(),
                    version: draft.version.get_value(),
                };
                spawn_local(async move {
                    let _ = api::save_draft(key, body).await;
                });
            }
        }
    });
    draft
}

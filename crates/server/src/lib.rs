//! Herald's server: the public documents, the internal API, the embedded
//! database, the web app's files and the static export.
//!
//! Code map: `routes` translates HTTP into calls (handlers only translate),
//! `store` is the only module that touches the database, `docs` renders and
//! publishes the public documents, `auth` knows who is calling, `export`
//! writes a static copy of the public side. Rules live in `herald_model`.

pub mod auth;
pub mod calendar;
pub mod clock;
pub mod delivery;
pub mod demo;
pub mod docs;
pub mod error;
pub mod export;
pub mod feeds;
pub mod limits;
pub mod outbound;
pub mod prerender;
pub mod routes;
pub mod store;
pub mod text;

use chrono::{DateTime, Utc};
pub use clock::Clock;
use docs::Documents;
use error::AppError;
use std::path::PathBuf;
use std::sync::Arc;
use store::{in_transaction, Store, StoreResult};
use store::{Connection, Transaction};

pub use routes::app;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The current public documents.
    pub docs: Arc<Documents>,
    /// The built web app (trunk's `dist/`).
    pub web_dir: PathBuf,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Whether webhooks may be subscribed to loopback and private
    /// addresses (`herald serve --allow-private-webhooks`; see `outbound`).
    pub allow_private_webhooks: bool,
    /// Whether the page is served over https (its public URL says so):
    /// the session cookie is then `Secure` and responses carry HSTS.
    pub https: bool,
    /// Rate limits on signing in and subscribing.
    pub limits: Arc<limits::Limits>,
}

impl AppState {
    /// Opens the store in `data_dir`, renders the public documents once, and
    /// serves the web app from `web_dir`.
    pub fn open(data_dir: &std::path::Path, web_dir: PathBuf) -> anyhow::Result<AppState> {
        AppState::open_with_clock(data_dir, web_dir, Clock::system())
    }

    /// [`AppState::open`] with "now" read from `clock`.
    pub fn open_with_clock(
        data_dir: &std::path::Path,
        web_dir: PathBuf,
        clock: Clock,
    ) -> anyhow::Result<AppState> {
        let store = Store::open(data_dir, clock.now())?;
        // A kill during a write can leave a temporary file in the mirror.
        let leftovers = docs::remove_leftovers(&data_dir.join("public"))?;
        if leftovers > 0 {
            tracing::info!(leftovers, "removed unfinished document writes");
        }
        let docs = Arc::new(Documents::new(data_dir.join("public")));
        let state = AppState {
            store,
            docs,
            web_dir,
            clock,
            allow_private_webhooks: false,
            https: false,
            limits: Arc::default(),
        };
        state.republish()?;
        Ok(state)
    }

    /// Re-renders the documents kept in memory (the v2 set, uptime, the
    /// history index) and, when the disk mirror was made by another version
    /// of Herald, every per-object document too.
    pub fn republish(&self) -> anyhow::Result<()> {
        self.render(!self.docs.is_current(), true)?;
        // Documents are written without fsync: after a crash, the last
        // day's per-object documents may be behind the database.
        let conn = self.store.lock();
        let templates = self.templates();
        let recent = docs::render_changed(
            &conn,
            self.clock.now() - chrono::Duration::hours(24),
            templates.index.as_deref(),
        )?;
        docs::write_files(self.docs.dir(), &recent)?;
        Ok(())
    }

    /// Re-renders every public document, per-object ones included (after
    /// seeding or importing history).
    pub fn republish_all(&self) -> anyhow::Result<()> {
        self.render(true, true)
    }

    /// Re-renders the in-memory set (and every per-object document when
    /// `all_objects`); with `mirror_now`, its disk copy is written before
    /// returning, so an unwritable data directory is an error here.
    fn render(&self, all_objects: bool, mirror_now: bool) -> anyhow::Result<()> {
        let conn = self.store.lock();
        let now = self.clock.now();
        let templates = self.templates();
        let hot = docs::render_hot(&conn, now, &templates)?;
        if mirror_now {
            self.docs.publish_now(hot)?;
        } else {
            self.docs.publish(hot);
        }
        if all_objects {
            let objects = docs::render_all_objects(&conn, now, templates.index.as_deref())?;
            docs::write_files(self.docs.dir(), &objects)?;
            self.docs.mark_current()?;
        }
        Ok(())
    }

    /// Starts and completes maintenance windows on time: checks every
    /// `every` and takes the write path only when a window is due.
    pub fn spawn_maintenance_clock(&self, every: std::time::Duration) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                let now = state.clock.now();
                let due = state
                    .read(move |conn| store::maintenance::anything_due(conn, now))
                    .await;
                if matches!(due, Ok(true)) {
                    if let Err(e) = state.write(store::maintenance::tick).await {
                        tracing::error!(error = ?e.body, "moving maintenance windows failed");
                    }
                }
            }
        });
    }

    /// Keeps time-dependent documents current (today's uptime, the day
    /// rolling over) by re-rendering the in-memory set every minute.
    pub fn spawn_refresher(&self) {
        let state = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
            tick.tick().await;
            loop {
                tick.tick().await;
                let state = state.clone();
                let result = tokio::task::spawn_blocking(move || state.render(false, false)).await;
                if let Ok(Err(e)) = result {
                    tracing::error!(error = %e, "refreshing the public documents failed");
                }
            }
        });
    }

    /// The built public apps' pages, read afresh so a rebuilt app is picked
    /// up.
    pub fn templates(&self) -> docs::Templates {
        docs::Templates::read(&self.web_dir)
    }

    /// Runs a read on the database off the async runtime.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || f(&store.lock()))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::from)
    }

    /// Runs a write that changes nothing public (sessions, tokens, users) in
    /// one transaction, without re-rendering the public documents.
    pub async fn write_internal<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>, DateTime<Utc>) -> StoreResult<T> + Send + 'static,
    {
        let store = self.store.clone();
        let clock = self.clock;
        tokio::task::spawn_blocking(move || {
            in_transaction(&mut store.lock(), |tx| f(tx, clock.now()))
        })
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::from)
    }

    /// Runs a write in one transaction, then — still holding the database —
    /// re-renders and publishes the public documents, so documents are
    /// published in commit order. `f` gets the transaction and "now".
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>, DateTime<Utc>) -> StoreResult<T> + Send + 'static,
    {
        let store = self.store.clone();
        let docs = self.docs.clone();
        let templates = self.templates();
        let clock = self.clock;
        tokio::task::spawn_blocking(move || {
            let mut conn = store.lock();
            let now = clock.now();
            let value = in_transaction(&mut conn, |tx| f(tx, now))?;
            let hot = docs::render_hot(&conn, now, &templates)?;
            let changed = docs::render_changed(&conn, now, templates.index.as_deref())?;
            // In memory first (the disk copy of the set follows on the
            // mirror thread); per-object documents are served from disk, so
            // they are written before the answer.
            docs.publish(hot);
            if let Err(e) = docs::write_files(docs.dir(), &changed) {
                // The write is committed and the documents in memory are
                // current; the disk copy is behind. Say so loudly.
                tracing::error!(error = %e, dir = %docs.dir().display(), "writing the public documents to disk failed");
            }
            Ok::<T, store::StoreError>(value)
        })
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::from)
    }
}

//! The public documents: rendering them from [`PublicData`], keeping the
//! current set in memory for serving, and writing them to disk.
//!
//! Architecture invariant: a document set is replaced whole. Readers hold an
//! `Arc` to the set they started with, and each file on disk is written to a
//! temporary name and renamed over the old one, so no reader — of the server
//! or of a static host serving the directory — ever sees a half-written
//! document.

use crate::auth::hex;
use crate::calendar;
use crate::feeds;
use crate::store::archive;
use crate::store::public::{self, PublicData, Reader};
use crate::store::{Connection, StoreResult};
use axum::body::Bytes;
use chrono::{DateTime, DurationRound, Utc};
use herald_model::herald::{
    self, HistoryIndex, HistoryMonth, IncidentDoc, MaintenanceDoc, UptimeDoc, UPTIME_DAYS,
};
use herald_model::v2::{
    self, paths, ComponentsDoc, IncidentsDoc, MaintenancesDoc, StatusDoc, SummaryDoc,
};
use herald_web::seed::{HistoryDocs, StatusDocs};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};

/// One rendered document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The bytes.
    pub bytes: Bytes,
    /// Strong entity tag, quoted.
    pub etag: String,
    /// The `Content-Type` to serve it with.
    pub content_type: &'static str,
}

/// The content type of JSON documents.
pub const JSON: &str = "application/json; charset=utf-8";

impl Doc {
    /// A JSON document.
    pub fn new(bytes: Vec<u8>) -> Doc {
        Doc::typed(bytes, JSON)
    }

    /// A document of another type.
    pub fn typed(bytes: Vec<u8>, content_type: &'static str) -> Doc {
        let digest = Sha256::digest(&bytes);
        Doc {
            etag: format!("\"{}\"", hex(&digest[..16])),
            bytes: Bytes::from(bytes),
            content_type,
        }
    }
}

/// A complete set of documents, keyed by URL path (`/api/v2/summary.json`).
pub type DocSet = BTreeMap<String, Doc>;

/// Documents that are not kept in memory but written to disk one by one:
/// one per incident, maintenance and month, keyed by URL path.
pub type FileDocs = Vec<(String, Vec<u8>)>;

/// Bumped whenever a document's shape changes, so a server starting on an
/// older data directory re-renders every per-object document once.
const RENDER_VERSION: &str = "3";

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Our wire types serialise infallibly (no maps with non-string keys).
    serde_json::to_vec(value).unwrap_or_default()
}

/// `/api/v2/summary.json`.
fn summary_doc(data: &PublicData) -> SummaryDoc {
    SummaryDoc {
        page: data.page.clone(),
        status: data.indicator().into(),
        components: data.components.clone(),
        incidents: data.unresolved_incidents.clone(),
        scheduled_maintenances: data
            .active_maintenances
            .iter()
            .chain(&data.upcoming_maintenances)
            .cloned()
            .collect(),
    }
}

/// `/api/v2/incidents.json`: the recent incidents.
fn recent_incidents_doc(data: &PublicData) -> IncidentsDoc {
    IncidentsDoc {
        page: data.page.clone(),
        incidents: data.recent_incidents.clone(),
    }
}

/// Renders the v2 documents, the feeds and the badge from the public data.
pub fn render(data: &PublicData) -> DocSet {
    let indicator = data.indicator();
    let page = &data.page;
    let status: v2::Status = indicator.into();

    let mut docs = DocSet::new();
    let mut put = |path: &str, bytes: Vec<u8>| {
        docs.insert(path.to_owned(), Doc::new(bytes));
    };
    put(paths::SUMMARY, json(&summary_doc(data)));
    put(
        paths::STATUS,
        json(&StatusDoc {
            page: page.clone(),
            status,
        }),
    );
    put(
        paths::COMPONENTS,
        json(&ComponentsDoc {
            page: page.clone(),
            components: data.components.clone(),
        }),
    );
    put(paths::INCIDENTS, json(&recent_incidents_doc(data)));
    put(
        paths::INCIDENTS_UNRESOLVED,
        json(&IncidentsDoc {
            page: page.clone(),
            incidents: data.unresolved_incidents.clone(),
        }),
    );
    let maintenances = |list: &[v2::ScheduledMaintenance]| {
        json(&MaintenancesDoc {
            page: page.clone(),
            scheduled_maintenances: list.to_vec(),
        })
    };
    put(paths::MAINTENANCES, maintenances(&data.recent_maintenances));
    put(
        paths::MAINTENANCES_UPCOMING,
        maintenances(&data.upcoming_maintenances),
    );
    put(
        paths::MAINTENANCES_ACTIVE,
        maintenances(&data.active_maintenances),
    );
    docs.insert(
        feeds::ATOM_PATH.to_owned(),
        Doc::typed(feeds::atom(data), "application/atom+xml; charset=utf-8"),
    );
    docs.insert(
        feeds::RSS_PATH.to_owned(),
        Doc::typed(feeds::rss(data), "application/rss+xml; charset=utf-8"),
    );
    docs.insert(
        feeds::BADGE_PATH.to_owned(),
        Doc::typed(feeds::badge(indicator), "image/svg+xml"),
    );
    docs.insert(
        ROBOTS_PATH.to_owned(),
        Doc::typed(
            robots(data.indexable).as_bytes().to_vec(),
            "text/plain; charset=utf-8",
        ),
    );
    docs
}

/// Path of the instructions for crawlers.
pub const ROBOTS_PATH: &str = "/robots.txt";

/// The instructions for crawlers: they may index the public pages (unless
/// the page says it may not be indexed); the portal and the internal API
/// are no place for them.
pub fn robots(indexable: bool) -> &'static str {
    if indexable {
        "User-agent: *\nDisallow: /portal\nDisallow: /api/\nAllow: /api/v2/\n"
    } else {
        "User-agent: *\nDisallow: /\n"
    }
}

/// Path of the web app's page with the first paint written in.
pub const INDEX_PATH: &str = "/index.html";

/// The paths the second public app shows (`dist/more/`: the history and
/// the subscription form, kept out of the first visit's download). The web
/// app's `PublicApp::showing` lists the same paths.
pub const MORE_APP_PATHS: [&str; 2] = [
    crate::prerender::HISTORY_PATH,
    crate::prerender::SUBSCRIBE_PATH,
];

/// The file the page at `path` (`/history`, `/incidents/abc`) is rendered
/// to: `/history.html`, which static hosts serve at `/history` (clean URLs,
/// or nginx's `try_files $uri $uri.html`), and the server from memory or
/// its disk mirror.
pub fn page_file(path: &str) -> String {
    format!("{path}.html")
}

/// The built public apps' pages the HTML pages are rendered into; a page
/// whose app is not built is not rendered.
#[derive(Clone, Debug, Default)]
pub struct Templates {
    /// `index.html`: the status page, the permalinks, the not-found page.
    pub index: Option<String>,
    /// `more/index.html`: the history and the subscription form.
    pub more: Option<String>,
}

impl Templates {
    /// The pages of the apps built into `web_dir` (`scripts/build-web.sh`).
    pub fn read(web_dir: &Path) -> Templates {
        let read = |file: PathBuf| std::fs::read_to_string(file).ok();
        Templates {
            index: read(web_dir.join("index.html")),
            more: read(web_dir.join("more").join("index.html")),
        }
    }
}

/// The archive of `month` (`YYYY-MM`), `None` for text that names no month.
fn month_doc(reader: &Reader<'_>, month: &str) -> StoreResult<Option<HistoryMonth>> {
    let Some(first) = calendar::parse_month(month) else {
        return Ok(None);
    };
    let (incidents, scheduled_maintenances) = reader.month(first)?;
    Ok(Some(HistoryMonth {
        page: reader.page.clone(),
        month: month.to_owned(),
        incidents,
        scheduled_maintenances,
    }))
}

/// Renders the documents kept in memory: the v2 set, feeds and badge, the
/// uptime bars, the history index, and — given the built apps' pages — the
/// status page, the not-found page, the history (with its newest month) and
/// the subscription form. None of them grows with the length of the
/// history.
pub fn render_hot(
    conn: &Connection,
    now: DateTime<Utc>,
    templates: &Templates,
) -> StoreResult<DocSet> {
    let reader = Reader::new(conn)?;
    let data = public::load_with(&reader)?;
    let mut docs = render(&data);
    let mut put_html = |path: String, html: String| {
        docs.insert(
            path,
            Doc::typed(html.into_bytes(), "text/html; charset=utf-8"),
        );
    };
    // Today's uptime moves with the clock; measuring up to the start of the
    // minute keeps the document (and its ETag) the same for a minute, and
    // the same from the server and from an export made in that minute.
    let as_of = now
        .duration_trunc(chrono::TimeDelta::minutes(1))
        .unwrap_or(now);
    let uptime = UptimeDoc {
        page: reader.page.clone(),
        days: UPTIME_DAYS,
        components: reader.uptime(as_of)?,
    };
    let index = HistoryIndex {
        page: reader.page.clone(),
        months: reader.history_index(now)?,
    };
    // The pages, from the very documents published beside them.
    if let Some(template) = &templates.index {
        let seeded = StatusDocs {
            summary: summary_doc(&data),
            uptime: uptime.clone(),
            incidents: recent_incidents_doc(&data),
        };
        let html = crate::prerender::index_html(template, &data, seeded, as_of);
        put_html(INDEX_PATH.to_owned(), html);
        let html = crate::prerender::not_found_html(template, &data, as_of);
        put_html(crate::prerender::NOT_FOUND_PATH.to_owned(), html);
    }
    if let Some(template) = &templates.more {
        let newest = match index.months.first() {
            Some(month) => month_doc(&reader, &month.month)?,
            None => None,
        };
        let seeded = HistoryDocs {
            index: index.clone(),
            newest,
        };
        let html = crate::prerender::history_html(template, &data, seeded, as_of);
        put_html(page_file(crate::prerender::HISTORY_PATH), html);
        let components = ComponentsDoc {
            page: reader.page.clone(),
            components: data.components.clone(),
        };
        let html = crate::prerender::subscribe_html(template, &data, components, as_of);
        put_html(page_file(crate::prerender::SUBSCRIBE_PATH), html);
    }
    docs.insert(herald::paths::UPTIME.to_owned(), Doc::new(json(&uptime)));
    docs.insert(
        herald::paths::HISTORY_INDEX.to_owned(),
        Doc::new(json(&index)),
    );
    Ok(docs)
}

/// The file of a public incident's or maintenance's permalink page
/// (`kind` is `incidents` or `maintenances`): `/incidents/{id}.html`.
pub fn permalink_file(kind: &str, id: &str) -> String {
    page_file(&format!("/{kind}/{id}"))
}

/// Renders the per-object documents of some incidents, maintenances and
/// months, and with the app's page `index_template` the incidents' and
/// maintenances' permalink pages. Unknown or non-public ids are skipped.
pub fn render_objects(
    conn: &Connection,
    incidents: &[String],
    maintenances: &[String],
    months: &BTreeSet<String>,
    index_template: Option<&str>,
) -> StoreResult<FileDocs> {
    let reader = Reader::new(conn)?;
    let site = crate::prerender::Site {
        page: &reader.page,
        indexable: reader.indexable,
    };
    let mut out = Vec::new();
    for id in incidents {
        if let Some(incident) = reader.incident(id)? {
            let doc = IncidentDoc {
                page: reader.page.clone(),
                incident,
            };
            out.push((herald::paths::incident(id), json(&doc)));
            if let Some(template) = index_template {
                let html = crate::prerender::incident_html(template, &site, doc);
                out.push((permalink_file("incidents", id), html.into_bytes()));
            }
        }
    }
    for id in maintenances {
        if let Some(m) = reader.maintenance(id)? {
            let doc = MaintenanceDoc {
                page: reader.page.clone(),
                scheduled_maintenance: m,
            };
            out.push((herald::paths::maintenance(id), json(&doc)));
            if let Some(template) = index_template {
                let html = crate::prerender::maintenance_html(template, &site, doc);
                out.push((permalink_file("maintenances", id), html.into_bytes()));
            }
        }
    }
    for month in months {
        if let Some(doc) = month_doc(&reader, month)? {
            out.push((herald::paths::history_month(month), json(&doc)));
        }
    }
    Ok(out)
}

/// The per-object documents of everything changed at or after `since`.
pub fn render_changed(
    conn: &Connection,
    since: DateTime<Utc>,
    index_template: Option<&str>,
) -> StoreResult<FileDocs> {
    let tz = calendar::zone(&Reader::new(conn)?.page.time_zone);
    let (mut incidents, mut maintenances, mut months) = (Vec::new(), Vec::new(), BTreeSet::new());
    for (id, kind, month) in archive::changed_since(conn, since, tz)? {
        if kind == "maintenance" {
            maintenances.push(id);
        } else {
            incidents.push(id);
        }
        months.insert(month);
    }
    let rendered = render_objects(conn, &incidents, &maintenances, &months, index_template)?;
    archive::republished(conn)?;
    Ok(rendered)
}

/// Every per-object document (for an export, or a data directory rendered
/// by an older version).
pub fn render_all_objects(
    conn: &Connection,
    now: DateTime<Utc>,
    index_template: Option<&str>,
) -> StoreResult<FileDocs> {
    let reader = Reader::new(conn)?;
    let (incidents, maintenances) = archive::public_objects(conn)?;
    let months = reader
        .history_index(now)?
        .into_iter()
        .map(|m| m.month)
        .collect();
    render_objects(conn, &incidents, &maintenances, &months, index_template)
}

/// Writes per-object documents under `root`, each atomically.
pub fn write_files(root: &Path, files: &FileDocs) -> std::io::Result<()> {
    for (path, bytes) in files {
        write_atomically(root, path, bytes)?;
    }
    Ok(())
}

/// Writes `bytes` to `root/rel` atomically: a temporary file in the same
/// directory, renamed over the target. Not fsynced: the database is the
/// record, and the server re-renders what may be behind when it starts.
pub fn write_atomically(root: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = root.join(rel.trim_start_matches('/'));
    let dir = target.parent().unwrap_or(root);
    std::fs::create_dir_all(dir)?;
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    std::fs::File::create(&tmp)?.write_all(bytes)?;
    std::fs::rename(&tmp, &target)
}

/// Removes the temporary files that [`write_atomically`] leaves behind
/// when the process is killed between writing and renaming. Returns how
/// many it removed. Only for a directory no other process writes to.
pub fn remove_leftovers(root: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    let Ok(entries) = std::fs::read_dir(root) else {
        return Ok(0);
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            removed += remove_leftovers(&path)?;
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            std::fs::remove_file(&path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes a whole set under `root`.
pub fn write_set(root: &Path, docs: &DocSet) -> std::io::Result<()> {
    for (path, doc) in docs {
        write_atomically(root, path, &doc.bytes)?;
    }
    Ok(())
}

/// The current document set, served from memory and mirrored to a directory.
///
/// The set is served from memory, so a write's answer need not wait for
/// its disk copy: [`Documents::publish`] swaps the set and hands the copy
/// to one mirror thread, which writes sets in the order they were
/// published. (Per-object documents are served from the disk and written
/// before the answer; see `AppState::write`.)
pub struct Documents {
    current: RwLock<Arc<DocSet>>,
    dir: PathBuf,
    mirror: mpsc::Sender<Mirror>,
}

/// Work for the mirror thread.
enum Mirror {
    /// Write what changed from the first set to the second.
    Changes(Arc<DocSet>, Arc<DocSet>),
    /// Answer once everything before is written.
    Flush(mpsc::Sender<()>),
}

impl Documents {
    /// An empty set mirrored to `dir` (`DATA/public`).
    pub fn new(dir: PathBuf) -> Documents {
        let (mirror, jobs) = mpsc::channel();
        let mirror_dir = dir.clone();
        // Ends when the `Documents` (the only sender) is dropped.
        std::thread::Builder::new()
            .name("docs-mirror".into())
            .spawn(move || {
                for job in jobs {
                    match job {
                        Mirror::Changes(previous, docs) => {
                            if let Err(e) = write_changes(&mirror_dir, &previous, &docs) {
                                tracing::error!(error = %e, dir = %mirror_dir.display(), "writing the public documents to disk failed");
                            }
                        }
                        Mirror::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            })
            .expect("starting the document mirror thread");
        Documents {
            current: RwLock::new(Arc::new(DocSet::new())),
            dir,
            mirror,
        }
    }

    /// The directory the documents are mirrored to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The current set.
    pub fn snapshot(&self) -> Arc<DocSet> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Reads a per-object document from the disk mirror. `path` must be one
    /// of Herald's per-object paths; callers check its shape.
    pub fn read_file(&self, path: &str) -> Option<Doc> {
        std::fs::read(self.dir.join(path.trim_start_matches('/')))
            .ok()
            .map(Doc::new)
    }

    /// Whether the disk mirror holds a per-object document at `path`.
    pub fn has_file(&self, path: &str) -> bool {
        self.dir.join(path.trim_start_matches('/')).is_file()
    }

    /// Whether the disk mirror was rendered by this version of Herald.
    pub fn is_current(&self) -> bool {
        std::fs::read_to_string(self.dir.join(".render-version")).is_ok_and(|v| v == RENDER_VERSION)
    }

    /// Records that the disk mirror is complete for this version.
    pub fn mark_current(&self) -> std::io::Result<()> {
        write_atomically(&self.dir, ".render-version", RENDER_VERSION.as_bytes())
    }

    /// Replaces the set in one swap, and has the mirror thread write what
    /// changed to the disk copy after it (errors there are logged).
    pub fn publish(&self, docs: DocSet) {
        let (previous, docs) = self.swap(docs);
        // The thread only stops when `self` is dropped.
        let _ = self.mirror.send(Mirror::Changes(previous, docs));
    }

    /// Replaces the set and writes what changed to the disk copy before
    /// returning (at start-up, where a data directory that cannot be
    /// written should stop the server).
    pub fn publish_now(&self, docs: DocSet) -> std::io::Result<()> {
        self.flush_mirror();
        let (previous, docs) = self.swap(docs);
        write_changes(&self.dir, &previous, &docs)
    }

    /// Waits until the disk copy holds every set published so far.
    pub fn flush_mirror(&self) {
        let (done, finished) = mpsc::channel();
        if self.mirror.send(Mirror::Flush(done)).is_ok() {
            let _ = finished.recv();
        }
    }

    fn swap(&self, docs: DocSet) -> (Arc<DocSet>, Arc<DocSet>) {
        let docs = Arc::new(docs);
        let mut current = self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let previous = std::mem::replace(&mut *current, docs.clone());
        (previous, docs)
    }
}

/// Writes the documents of `docs` that differ from `previous` (or are
/// missing on disk) under `dir`, each atomically.
fn write_changes(dir: &Path, previous: &DocSet, docs: &DocSet) -> std::io::Result<()> {
    let mut result = Ok(());
    for (path, doc) in docs {
        let unchanged = previous.get(path).is_some_and(|old| old.etag == doc.etag)
            && dir.join(path.trim_start_matches('/')).exists();
        if !unchanged {
            if let Err(e) = write_atomically(dir, path, &doc.bytes) {
                result = Err(e);
            }
        }
    }
    result
}

//! The public documents: rendering them from [`PublicData`], keeping the
//! current set in memory for serving, and writing them to disk.
//!
//! Architecture invariant: a document set is replaced whole. Readers hold an
//! `Arc` to the set they started with, and each file on disk is written to a
//! temporary name and renamed over the old one, so no reader — of the server
//! or of a static host serving the directory — ever sees a half-written
//! document.

use crate::auth::hex;
use crate::store::public::PublicData;
use axum::body::Bytes;
use herald_model::v2::{
    self, paths, ComponentsDoc, IncidentsDoc, MaintenancesDoc, StatusDoc, SummaryDoc,
};
use herald_model::{overall_status, ComponentStatus, Impact, RollupInput};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// One rendered document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The JSON bytes.
    pub bytes: Bytes,
    /// Strong entity tag, quoted.
    pub etag: String,
}

impl Doc {
    fn new(bytes: Vec<u8>) -> Doc {
        let digest = Sha256::digest(&bytes);
        Doc {
            etag: format!("\"{}\"", hex(&digest[..16])),
            bytes: Bytes::from(bytes),
        }
    }
}

/// A complete set of documents, keyed by URL path (`/api/v2/summary.json`).
pub type DocSet = BTreeMap<&'static str, Doc>;

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Our wire types serialise infallibly (no maps with non-string keys).
    serde_json::to_vec(value).unwrap_or_default()
}

/// Renders every public document from the public data.
pub fn render(data: &PublicData) -> DocSet {
    let statuses: Vec<ComponentStatus> = data
        .components
        .iter()
        .filter(|c| !c.group)
        .map(|c| c.status)
        .collect();
    let impacts: Vec<Impact> = data.unresolved_incidents.iter().map(|i| i.impact).collect();
    let indicator = overall_status(&RollupInput {
        component_statuses: &statuses,
        incident_impacts: &impacts,
        maintenance_active: !data.active_maintenances.is_empty(),
    });
    let page = &data.page;
    let status: v2::Status = indicator.into();
    let summary_maintenances: Vec<_> = data
        .active_maintenances
        .iter()
        .chain(&data.upcoming_maintenances)
        .cloned()
        .collect();

    let mut docs = DocSet::new();
    let mut put = |path: &'static str, bytes: Vec<u8>| {
        docs.insert(path, Doc::new(bytes));
    };
    put(
        paths::SUMMARY,
        json(&SummaryDoc {
            page: page.clone(),
            status: status.clone(),
            components: data.components.clone(),
            incidents: data.unresolved_incidents.clone(),
            scheduled_maintenances: summary_maintenances,
        }),
    );
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
    put(
        paths::INCIDENTS,
        json(&IncidentsDoc {
            page: page.clone(),
            incidents: data.recent_incidents.clone(),
        }),
    );
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
    docs
}

/// Writes `bytes` to `root/rel` atomically: a temporary file in the same
/// directory, flushed, then renamed over the target.
pub fn write_atomically(root: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = root.join(rel.trim_start_matches('/'));
    let dir = target.parent().unwrap_or(root);
    std::fs::create_dir_all(dir)?;
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_data()?;
    }
    std::fs::rename(&tmp, &target)
}

/// Writes a whole set under `root`.
pub fn write_set(root: &Path, docs: &DocSet) -> std::io::Result<()> {
    for (path, doc) in docs {
        write_atomically(root, path, &doc.bytes)?;
    }
    Ok(())
}

/// The current document set, served from memory and mirrored to a directory.
pub struct Documents {
    current: RwLock<Arc<DocSet>>,
    dir: PathBuf,
}

impl Documents {
    /// An empty set mirrored to `dir` (`DATA/public`).
    pub fn new(dir: PathBuf) -> Documents {
        Documents {
            current: RwLock::new(Arc::new(DocSet::new())),
            dir,
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

    /// Replaces the set: changed files on disk first, then the in-memory set
    /// in one swap. An error writing the disk copy is returned after the
    /// in-memory set is swapped, so the server never serves stale data.
    pub fn publish(&self, docs: DocSet) -> std::io::Result<()> {
        let previous = self.snapshot();
        let mut result = Ok(());
        for (path, doc) in &docs {
            let unchanged = previous.get(path).is_some_and(|old| old.etag == doc.etag)
                && self.dir.join(path.trim_start_matches('/')).exists();
            if !unchanged {
                if let Err(e) = write_atomically(&self.dir, path, &doc.bytes) {
                    result = Err(e);
                }
            }
        }
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(docs);
        result
    }
}

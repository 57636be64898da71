//! `herald export`: a directory that works on any static file server, with
//! no Herald process: the built web app plus every public document at its
//! fixed path.

use crate::docs;
use crate::store::Store;
use anyhow::Context;
use chrono::{DateTime, Utc};
use std::path::Path;

/// Writes the web app from `web_dir` and the public documents rendered from
/// the database in `data_dir` as of `now` into `out`. Returns how many
/// documents it wrote.
pub fn export(
    data_dir: &Path,
    web_dir: &Path,
    out: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    if !data_dir.join("herald.db").exists() {
        anyhow::bail!(
            "no Herald database in {} (expected herald.db there)",
            data_dir.display()
        );
    }
    if !web_dir.join("index.html").exists() {
        anyhow::bail!(
            "no built web app in {} (expected index.html there; build it with `scripts/build-web.sh`)",
            web_dir.display()
        );
    }
    let store = Store::open(data_dir, now)?;
    let conn = store.lock();
    let templates = docs::Templates::read(web_dir);
    let set = docs::render_hot(&conn, now, &templates)?;
    let objects = docs::render_all_objects(&conn, now, templates.index.as_deref())?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    // The public apps first (not the portal, `portal/`: it needs the
    // server's API and is never part of a static copy); the rendered
    // documents (the rendered index.html among them) then replace its files
    // of the same name.
    copy_dir(web_dir, out, &["portal"])?;
    let writing = || format!("writing documents into {}", out.display());
    docs::write_set(out, &set).with_context(writing)?;
    docs::write_files(out, &objects).with_context(writing)?;
    // Among the set: `404.html`, the not-found page, which static hosts
    // answer unknown paths with (and status 404), and `history.html` and
    // `subscribe.html`, which they serve for `/history` and `/subscribe`
    // (with "clean URLs", or nginx's `try_files $uri $uri.html`).
    Ok(set.len() + objects.len())
}

/// Copies the tree `from` into `to`, leaving out the entries named in `skip`
/// at its top level.
fn copy_dir(from: &Path, to: &Path, skip: &[&str]) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        if skip.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target, &[])?;
        } else {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

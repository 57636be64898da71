//! What a server-rendered page was rendered from: the documents, written
//! into the page as JSON (`<script id="herald-seed">`), so the app in the
//! browser starts from exactly the data the HTML shows and takes that HTML
//! over (hydrates it) instead of fetching and painting it again.
//!
//! The server ([`crate::render`]) and the browser (`src/main.rs`) both read
//! this module: one shape, one element id, one escaping rule.

use chrono::{DateTime, NaiveDate, Utc};
use herald_model::herald::{HistoryIndex, HistoryMonth, IncidentDoc, MaintenanceDoc, UptimeDoc};
use herald_model::v2::{ComponentsDoc, IncidentsDoc, SummaryDoc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The id of the element the public app is rendered into and hydrated from.
pub const APP_ELEMENT_ID: &str = "herald-app";

/// The id of the `<script type="application/json">` holding the [`Seed`].
pub const SEED_ELEMENT_ID: &str = "herald-seed";

/// The documents of the status page (`/`), as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusDocs {
    /// `/api/v2/summary.json`.
    pub summary: SummaryDoc,
    /// `/api/herald/uptime.json`.
    pub uptime: UptimeDoc,
    /// `/api/v2/incidents.json`: the past incidents.
    pub incidents: IncidentsDoc,
}

/// The documents of the history (`/history`), as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryDocs {
    /// `/api/herald/history/index.json`.
    pub index: HistoryIndex,
    /// The archive of the index's first (newest) month, when it has one:
    /// what the page shows before "Show older".
    pub newest: Option<HistoryMonth>,
}

/// Which page was rendered, with its documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SeedPage {
    /// `/`.
    Status(Box<StatusDocs>),
    /// `/incidents/{id}`.
    Incident(Box<IncidentDoc>),
    /// `/maintenances/{id}`.
    Maintenance(Box<MaintenanceDoc>),
    /// `/history`.
    History(Box<HistoryDocs>),
    /// `/subscribe`: `/api/v2/components.json`, the components to choose.
    Subscribe(Box<ComponentsDoc>),
    /// A path with no page: the not-found page, which shows no documents.
    /// Never taken over (a static host serves it for any path, some of
    /// which are routes), only replaced by the app's own rendering.
    NotFound {
        /// The status page's name, for the header.
        site_name: String,
    },
}

/// A rendered page's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seed {
    /// The path the page was rendered for (`/`, `/incidents/abc`).
    pub path: String,
    /// When it was rendered: "today" for the past incidents until the
    /// viewer's own calendar is known.
    pub rendered_at: DateTime<Utc>,
    /// The page and its documents.
    pub page: SeedPage,
}

impl Seed {
    /// Whether this seed is the one for `path` (the browser's
    /// `location.pathname`): a page saved under another name, or a static
    /// host that serves `index.html` for an unknown path, must not hydrate
    /// what it did not render.
    pub fn renders(&self, path: &str) -> bool {
        if matches!(self.page, SeedPage::NotFound { .. }) {
            return false;
        }
        // `/`, `/index.html`; `/incidents/abc`, `/incidents/abc.html`, and
        // either with a trailing slash.
        let trim = |p: &str| {
            let p = p.strip_suffix("index.html").unwrap_or(p);
            p.strip_suffix(".html")
                .unwrap_or(p)
                .trim_end_matches('/')
                .to_owned()
        };
        trim(&self.path) == trim(path)
    }

    /// The status page's name, as the documents give it.
    pub fn site_name(&self) -> String {
        match &self.page {
            SeedPage::Status(docs) => docs.summary.page.name.clone(),
            SeedPage::Incident(doc) => doc.page.name.clone(),
            SeedPage::Maintenance(doc) => doc.page.name.clone(),
            SeedPage::History(docs) => docs.index.page.name.clone(),
            SeedPage::Subscribe(doc) => doc.page.name.clone(),
            SeedPage::NotFound { site_name } => site_name.clone(),
        }
    }

    /// The UTC day the page was rendered on.
    pub fn today(&self) -> NaiveDate {
        self.rendered_at.date_naive()
    }

    /// The seed as the text of a `<script type="application/json">`: JSON
    /// with every `<` escaped, so no text in a document (an incident named
    /// `</script>`) can end the element or open a comment.
    pub fn to_script_text(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }

    /// The seed from the text of its element; `None` when it is not one
    /// (then the app renders from fetched documents, as without a server).
    pub fn from_script_text(text: &str) -> Option<Seed> {
        serde_json::from_str(text).ok()
    }

    /// The seed the server wrote into the current document, when it is the
    /// one for the current path.
    #[cfg(target_arch = "wasm32")]
    pub fn from_document() -> Option<Seed> {
        let doc = document();
        let text = doc.get_element_by_id(SEED_ELEMENT_ID)?.text_content()?;
        let path = window().location().pathname().ok()?;
        Seed::from_script_text(&text).filter(|seed| seed.renders(&path))
    }
}

/// Starts a public app in the browser: takes over the page the server
/// rendered into `<div id="herald-app">` (hydrates it, repainting nothing)
/// when the document carries the seed for the current path; otherwise
/// removes whatever is there and renders the app from fetched documents.
/// Either way, marks the document `data-app="running"` once the app runs.
#[cfg(target_arch = "wasm32")]
pub fn start<V: IntoView + 'static>(app: fn(Option<Seed>) -> V) {
    use leptos::wasm_bindgen::JsCast;
    let rendered = document().get_element_by_id(APP_ELEMENT_ID);
    match (Seed::from_document(), rendered) {
        (Some(seed), Some(rendered)) => {
            leptos::mount::hydrate_from(rendered.unchecked_into(), move || app(Some(seed)))
                .forget();
        }
        (_, rendered) => {
            if let Some(rendered) = rendered {
                rendered.remove();
            }
            leptos::mount::mount_to_body(move || app(None));
        }
    }
    // From here on the page's controls answer: `<html data-app="running">`
    // (what a test waits for before it presses a button the page was
    // rendered with).
    if let Some(root) = document().document_element() {
        _ = root.set_attribute("data-app", "running");
    }
}

/// The seed an app was started with, for its pages to take their first
/// data from.
#[derive(Clone, Copy, Debug)]
struct Seeded(StoredValue<Option<Seed>>);

/// Makes `seed` the data the pages beneath the caller start from.
pub fn provide_seed(seed: Option<Seed>) {
    provide_context(Seeded(StoredValue::new(seed)));
}

/// The page data of the seed, when the seed was rendered for `path`.
pub fn seeded_page(path: &str) -> Option<(SeedPage, NaiveDate)> {
    let seeded = use_context::<Seeded>()?;
    seeded.0.with_value(|seed| {
        seed.as_ref()
            .filter(|seed| seed.renders(path))
            .map(|seed| (seed.page.clone(), seed.today()))
    })
}

/// Whether times are shown in the viewer's own zone yet. A page is
/// rendered (on the server, and again when the browser takes it over) in
/// UTC, named, since the server cannot know the viewer's zone; right after
/// the app has taken the page over it switches to the viewer's zone and
/// calendar.
#[derive(Clone, Copy, Debug)]
pub struct ViewerZone(RwSignal<bool>);

impl ViewerZone {
    /// Whether the viewer's zone is used.
    pub fn known(self) -> bool {
        self.0.get()
    }
}

/// Provides a [`ViewerZone`] that switches to the viewer's zone once the
/// app runs in a browser (an effect, which the server never runs). The
/// switch is a task of its own, after the one that takes the page over, so
/// neither holds the main thread as long as both would.
pub fn provide_viewer_zone() {
    let zone = RwSignal::new(false);
    Effect::new(move || {
        // A page left meanwhile has disposed of the signal: nothing to do.
        set_timeout(move || _ = zone.try_set(true), std::time::Duration::ZERO);
    });
    provide_context(ViewerZone(zone));
}

/// The [`ViewerZone`] provided by [`provide_viewer_zone`], or one that
/// already knows the viewer's zone (a component rendered on its own).
pub fn use_viewer_zone() -> ViewerZone {
    use_context::<ViewerZone>().unwrap_or_else(|| ViewerZone(RwSignal::new(true)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn seed(path: &str, name: &str) -> Seed {
        let page = json!({"id": "p", "name": name, "url": "https://status.example.com",
            "time_zone": "Etc/UTC", "updated_at": "2026-11-30T10:00:00Z"});
        let incident = json!({"page": page, "incident": {
            "id": "abc", "name": name, "status": "investigating", "impact": "minor",
            "created_at": "2026-11-30T09:00:00Z", "updated_at": "2026-11-30T09:00:00Z",
            "monitoring_at": null, "resolved_at": null, "shortlink": "",
            "started_at": "2026-11-30T09:00:00Z", "page_id": "p",
            "incident_updates": [], "components": []}});
        Seed {
            path: path.to_owned(),
            rendered_at: "2026-11-30T23:59:00Z".parse().unwrap(),
            page: SeedPage::Incident(Box::new(serde_json::from_value(incident).unwrap())),
        }
    }

    #[test]
    fn a_seed_is_for_its_own_path_only() {
        let s = seed("/incidents/abc", "x");
        assert!(s.renders("/incidents/abc"));
        assert!(s.renders("/incidents/abc/"));
        assert!(s.renders("/incidents/abc.html"));
        assert!(!s.renders("/incidents/abd"));
        assert!(!s.renders("/"));
        assert!(seed("/", "x").renders("/index.html"));
        assert!(seed("/", "x").renders("/"));
        assert!(!seed("/", "x").renders("/history"));
    }

    #[test]
    fn no_text_in_a_document_can_end_the_script_element() {
        let s = seed("/incidents/abc", "</script><script>alert(1)</script><!--");
        let text = s.to_script_text();
        assert!(!text.contains('<'), "{text}");
        assert_eq!(Seed::from_script_text(&text), Some(s));
    }

    #[test]
    fn today_is_the_utc_day_it_was_rendered_on() {
        assert_eq!(
            seed("/", "x").today(),
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        );
    }

    #[test]
    fn text_that_is_not_a_seed_is_none() {
        assert_eq!(Seed::from_script_text("{}"), None);
        assert_eq!(Seed::from_script_text(""), None);
    }
}

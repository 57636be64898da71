//! What every page knows about the status page itself: its name, learned
//! from whichever public document a page loaded first (they all carry
//! `page`), so the header of a permalink shows it too.

use leptos::prelude::*;

/// The status page's name, once any document has been loaded.
#[derive(Clone, Copy, Debug)]
pub struct SiteName(pub RwSignal<Option<String>>);

/// Provides a [`SiteName`] to everything beneath the caller: `known` (the
/// name in the documents a page was rendered from), or none until a
/// document is loaded.
pub fn provide_site_name(known: Option<String>) {
    provide_context(SiteName(RwSignal::new(known)));
}

/// The [`SiteName`] provided by [`provide_site_name`], or a fresh one when
/// none was (a component rendered on its own in a test).
pub fn use_site_name() -> SiteName {
    use_context::<SiteName>().unwrap_or_else(|| SiteName(RwSignal::new(None)))
}

/// The public side is two apps, so that a first visit downloads only what
/// it shows: [`PublicApp::Status`] (`src/main.rs`, `index.html`) and
/// [`PublicApp::More`] (`src/bin/herald-more.rs`, `more.html`). A link to a
/// page of the other app is a full page load (`rel="external"`, which the
/// router leaves to the browser); see [`link_rel`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PublicApp {
    /// The status page and the incident and maintenance permalinks: what a
    /// visitor lands on and clicks through during an incident.
    #[default]
    Status,
    /// The history and the subscription form: visited rarely, a page load
    /// away.
    More,
}

impl PublicApp {
    /// The app that shows the root-relative URL `href`.
    pub fn showing(href: &str) -> PublicApp {
        let path = href.split(['?', '#']).next().unwrap_or(href);
        match path {
            "/history" | "/subscribe" => PublicApp::More,
            _ => PublicApp::Status,
        }
    }
}

/// Makes `app` the app every link beneath the caller is relative to.
pub fn provide_public_app(app: PublicApp) {
    provide_context(app);
}

/// `rel` for a link to `href`: `external` when another app shows it, so the
/// router lets the browser load that app instead of showing "not found".
pub fn link_rel(href: &str) -> Option<&'static str> {
    let here = use_context::<PublicApp>().unwrap_or_default();
    (PublicApp::showing(href) != here).then_some("external")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_public_path_belongs_to_one_app() {
        for path in [
            "/",
            "/incidents/abc",
            "/maintenances/m1",
            "/no/such/page",
            "/history.atom",
        ] {
            assert_eq!(PublicApp::showing(path), PublicApp::Status, "{path}");
        }
        for path in [
            "/history",
            "/subscribe",
            "/history?month=2026-10",
            "/subscribe#form",
        ] {
            assert_eq!(PublicApp::showing(path), PublicApp::More, "{path}");
        }
    }
}

//! What every page knows about the status page itself: its name, learned
//! from whichever public document a page loaded first (they all carry
//! `page`), so the header of a permalink shows it too.

use leptos::prelude::*;

/// The status page's name, once any document has been loaded.
#[derive(Clone, Copy, Debug)]
pub struct SiteName(pub RwSignal<Option<String>>);

/// Provides an empty [`SiteName`] to everything beneath the caller.
pub fn provide_site_name() {
    provide_context(SiteName(RwSignal::new(None)));
}

/// The [`SiteName`] provided by [`provide_site_name`], or a fresh one when
/// none was (a component rendered on its own in a test).
pub fn use_site_name() -> SiteName {
    use_context::<SiteName>().unwrap_or_else(|| SiteName(RwSignal::new(None)))
}

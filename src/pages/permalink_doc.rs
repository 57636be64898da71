//! The document a permalink page shows: the one the server rendered the
//! page from when there is one (`crate::seed`), else fetched; fetched again
//! whenever the route's `:id` changes.

use crate::api::FetchError;
use crate::components::{PageMessage, StatusSkeleton};
use crate::seed::{seeded_page, SeedPage};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::future::Future;

/// What a permalink page has of its document: nothing yet (`None`), the
/// document, or why it could not be read.
pub type Answer<T> = Option<Result<T, FetchError>>;

/// The document of the permalink `/{kind}/:id` as a signal: seeded by
/// `from_seed` when the page was rendered for this id, fetched by `fetch`
/// otherwise and for every later id.
pub fn permalink_doc<T, Fut>(
    kind: &'static str,
    from_seed: fn(SeedPage) -> Option<T>,
    fetch: fn(String) -> Fut,
) -> RwSignal<Answer<T>>
where
    T: Send + Sync + 'static,
    Fut: Future<Output = Result<T, FetchError>> + 'static,
{
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let first_id = untrack(id);
    let seeded = seeded_page(&format!("/{kind}/{first_id}")).and_then(|(page, _)| from_seed(page));
    // The rendered id needs no fetch; any other does.
    let shown = StoredValue::new(seeded.is_some().then_some(first_id));
    let doc = RwSignal::new(seeded.map(Ok));
    Effect::new(move || {
        let id = id();
        if shown.get_value().as_deref() == Some(id.as_str()) {
            return;
        }
        shown.set_value(Some(id.clone()));
        doc.set(None);
        leptos::task::spawn_local(async move {
            let answer = fetch(id.clone()).await;
            // Left the page, or moved on to another id, meanwhile.
            if shown.try_with_value(|shown| shown.as_deref() == Some(id.as_str())) == Some(true) {
                doc.try_set(Some(answer));
            }
        });
    });
    doc
}

/// The body of a permalink page: a skeleton while the document loads, then
/// `show`n, or the page's message for a missing or unreadable one.
pub fn permalink_body<T, V>(
    doc: RwSignal<Answer<T>>,
    show: fn(T) -> V,
    not_found_heading: &'static str,
    not_found_body: &'static str,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match doc.get() {
        None => view! { <StatusSkeleton /> }.into_any(),
        Some(Ok(doc)) => show(doc).into_any(),
        Some(Err(error)) => {
            view! { <PageMessage error not_found_heading not_found_body /> }.into_any()
        }
    }
}

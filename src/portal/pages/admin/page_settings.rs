//! The page's own facts: its name, where customers read it, the time zone
//! its days are counted in, what it says about itself, and whether search
//! engines may index it. Every public document follows when they are saved.

use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, CheckBox, TextArea, TextField};
use crate::portal::t;
use herald_model::portal::PageSettings;
use leptos::prelude::*;

/// The page's settings form.
#[component]
pub fn PageSection() -> impl IntoView {
    let current = LocalResource::new(api::page_settings);
    let name = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let time_zone = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let indexable = RwSignal::new(true);
    // The version the next save is based on (a stale one is refused).
    let version = RwSignal::new(1);
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let show = move |p: PageSettings| {
        name.set(p.name);
        url.set(p.url);
        time_zone.set(p.time_zone);
        description.set(p.description);
        indexable.set(p.indexable);
        version.set(p.version);
    };
    Effect::new(move || {
        if let Some(Ok(p)) = current.get() {
            show(p);
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let body = PageSettings {
            name: name.get_untracked().trim().to_owned(),
            url: url.get_untracked().trim().to_owned(),
            time_zone: time_zone.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            indexable: indexable.get_untracked(),
            version: version.get_untracked(),
        };
        if let Err(e) = body.validate() {
            problem.set(Some(format!("{}: {}", e.field, e.message)));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::save_page_settings(body).await {
                Ok(now) => {
                    show(now);
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(error_text(&e))),
            }
        });
    };
    view! {
        <section aria-labelledby="page-heading">
            <form class="compose-form page-form" data-testid="page-form" on:submit=save>
                <h2 id="page-heading">{t(P::PageHeading)}</h2>
                <p class="hint">{t(P::PageHint)}</p>
                <TextField id="page-name" label=t(P::PageName) value=name on_input=move |v| name.set(v) required=true />
                <TextField id="page-url" label=t(P::PageUrl) kind="url" value=url on_input=move |v| url.set(v) required=true />
                <TextField id="page-time-zone" label=t(P::PageTimeZone) value=time_zone
                    on_input=move |v| time_zone.set(v) hint=t(P::PageTimeZoneHint).to_owned() required=true />
                <TextArea id="page-description" label=t(P::PageDescription) rows=2 value=description
                    on_input=move |v| description.set(v) />
                <CheckBox id="page-indexable".to_owned() label=t(P::PageIndexable) checked=indexable
                    on_change=move |v| indexable.set(v) />
                <p class="problem" role="alert">{move || problem.get()}</p>
                <p class="saved" role="status">{move || saved.get().then(|| t(P::Saved))}</p>
                <div class="actions">
                    <button type="submit" class="primary">{t(P::SavePage)}</button>
                </div>
            </form>
        </section>
    }
}

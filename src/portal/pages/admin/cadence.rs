//! The update cadence: how many minutes may pass between updates of an
//! open incident, by severity. The portal flags an incident once its next
//! update is late.

use crate::i18n::PortalMsg as P;
use crate::portal::api;
use crate::portal::components::{error_text, TextField};
use crate::portal::t;
use herald_model::cadence::Cadence;
use herald_model::portal::CadenceSetting;
use leptos::prelude::*;

/// The three minutes fields and a save button.
#[component]
pub fn CadenceSection() -> impl IntoView {
    let current = LocalResource::new(api::cadence);
    let minutes = [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ];
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    // The version the next save is based on (a stale one is refused).
    let version = RwSignal::new(1);
    Effect::new(move || {
        if let Some(Ok(c)) = current.get() {
            version.set(c.version);
            for (field, value) in
                minutes
                    .iter()
                    .zip([c.sev1_minutes, c.sev2_minutes, c.sev3_minutes])
            {
                field.set(value.to_string());
            }
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let parsed: Option<Vec<u32>> = minutes
            .iter()
            .map(|m| m.get_untracked().trim().parse().ok())
            .collect();
        let Some([sev1, sev2, sev3]) = parsed.and_then(|v| <[u32; 3]>::try_from(v).ok()) else {
            problem.set(Some(t(P::MinutesNotNumber).to_owned()));
            return;
        };
        leptos::task::spawn_local(async move {
            let cadence = Cadence {
                sev1_minutes: sev1,
                sev2_minutes: sev2,
                sev3_minutes: sev3,
            };
            let body = CadenceSetting::new(cadence, version.get_untracked());
            match api::save_cadence(body).await {
                Ok(now) => {
                    version.set(now.version);
                    problem.set(None);
                    saved.set(true);
                }
                Err(e) => problem.set(Some(error_text(&e))),
            }
        });
    };
    let labels = [P::Sev1Minutes, P::Sev2Minutes, P::Sev3Minutes];
    view! {
        <section aria-labelledby="cadence-heading">
            <form class="compose-form cadence-form" data-testid="cadence-form" on:submit=save>
                <h2 id="cadence-heading">{t(P::CadenceHeading)}</h2>
                <p class="hint">{t(P::CadenceHint)}</p>
                {minutes.iter().zip(labels).enumerate().map(|(i, (m, label))| {
                    let m = *m;
                    view! {
                        <TextField id=format!("cadence-sev{}", i + 1) label=t(label) kind="number"
                            value=m on_input=move |v| m.set(v) />
                    }
                }).collect_view()}
                <p class="problem" role="alert">{move || problem.get()}</p>
                <p class="saved" role="status">{move || saved.get().then(|| t(P::Saved))}</p>
                <div class="actions">
                    <button type="submit" class="primary">{t(P::SaveCadence)}</button>
                </div>
            </form>
        </section>
    }
}

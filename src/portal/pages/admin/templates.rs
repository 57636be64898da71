//! The eight message templates (four stages, internal and external), each
//! with an editor, the placeholders it may use, and a live preview filled
//! with sample values by the model's own `fill` — the same filling the
//! declare and update forms use. An unknown placeholder shows in the
//! preview before the server refuses it.

use crate::i18n::{use_locale, Msg, PortalMsg as P};
use crate::portal::api;
use crate::portal::components::{error_text, TextArea, TextField};
use crate::portal::compose::Facts;
use crate::portal::{t, tf};
use herald_model::portal::{TemplateChange, TemplateRecord};
use herald_model::templates::{fill, Channel, PLACEHOLDERS};
use herald_model::IncidentStatus;
use leptos::prelude::*;

/// The stages a template exists for, in the order an incident goes through them.
pub const STAGES: [IncidentStatus; 4] = [
    IncidentStatus::Investigating,
    IncidentStatus::Identified,
    IncidentStatus::Monitoring,
    IncidentStatus::Resolved,
];

/// `text` filled with the sample values, or the reason it cannot be.
pub fn preview(text: &str, stage: IncidentStatus, stage_label: &str) -> Result<String, String> {
    let now = chrono::Utc::now();
    let values = Facts::sample(stage, stage_label, now).values(now);
    fill(text, &values).map_err(|e| e.to_string())
}

/// Every template, one editor each.
#[component]
pub fn TemplatesSection() -> impl IntoView {
    let list = LocalResource::new(api::templates);
    view! {
        <section aria-labelledby="templates-heading">
            <h2 id="templates-heading">{t(P::TemplatesHeading)}</h2>
            <p class="hint">{t(P::TemplatesHint)}</p>
            <details class="placeholders" data-testid="placeholders">
                <summary>{t(P::PlaceholdersHeading)}</summary>
                <dl>
                    {PLACEHOLDERS.iter().map(|(name, meaning)| view! {
                        <dt><code>{format!("{{{name}}}")}</code></dt>
                        <dd>{*meaning}</dd>
                    }).collect_view()}
                </dl>
            </details>
            {move || match list.get() {
                None => view! { <p class="loading">{t(P::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="problem" role="alert">{error_text(&e)}</p> }.into_any(),
                Some(Ok(records)) => STAGES
                    .iter()
                    .flat_map(|stage| [Channel::Internal, Channel::External].map(|channel| (*stage, channel)))
                    .filter_map(|(stage, channel)| {
                        records.iter().find(|r| r.stage == stage && r.channel == channel).cloned()
                    })
                    .map(|record| view! { <TemplateEditor record /> })
                    .collect_view()
                    .into_any(),
            }}
        </section>
    }
}

/// One template: title and message, the preview, save and reset.
#[component]
pub fn TemplateEditor(
    /// The template in force.
    record: TemplateRecord,
) -> impl IntoView {
    let locale = use_locale();
    let stage = record.stage;
    let channel = record.channel;
    let stage_label = locale.text(Msg::Update(stage.into()));
    let channel_label = match channel {
        Channel::Internal => t(P::ChannelInternal),
        Channel::External => t(P::ChannelExternal),
    };
    let heading = tf(
        P::TemplateFor,
        &[("stage", stage_label), ("channel", channel_label)],
    );
    let id = format!("template-{}-{}", stage.as_str(), channel.as_str());
    let title = RwSignal::new(record.template.title.clone());
    let body = RwSignal::new(record.template.body.clone());
    let customised = RwSignal::new(record.customised);
    // The version the next save or reset is based on (a stale one is refused).
    let version = RwSignal::new(record.version);
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<&'static str>);
    let apply = move |answer: Result<TemplateRecord, crate::api::FetchError>,
                      note: &'static str| match answer {
        Ok(r) => {
            title.set(r.template.title);
            body.set(r.template.body);
            customised.set(r.customised);
            version.set(r.version);
            problem.set(None);
            saved.set(Some(note));
        }
        Err(e) => {
            saved.set(None);
            problem.set(Some(error_text(&e)));
        }
    };
    let save = move |_| {
        let change = TemplateChange {
            title: title.get_untracked(),
            body: body.get_untracked(),
            version: version.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            apply(
                api::save_template(stage, channel, change).await,
                t(P::Saved),
            );
        });
    };
    let reset = move |_| {
        leptos::task::spawn_local(async move {
            apply(
                api::reset_template(stage, channel, version.get_untracked()).await,
                t(P::TemplateReset),
            );
        });
    };
    let filled = move |text: String| match preview(&text, stage, stage_label) {
        Ok(text) => view! { <span>{text}</span> }.into_any(),
        Err(reason) => view! { <span class="problem">{reason}</span> }.into_any(),
    };

    view! {
        <article class="template-editor" data-testid=id.clone() aria-labelledby=format!("{id}-heading")>
            <h3 id=format!("{id}-heading")>
                {heading}
                " "
                <span class="tag">{move || if customised.get() { t(P::Customised) } else { t(P::BuiltIn) }}</span>
            </h3>
            <div class="template-columns">
                <div>
                    <TextField id=format!("{id}-title") label=t(P::TemplateTitle) value=title on_input=move |v| title.set(v) />
                    <TextArea id=format!("{id}-body") label=t(P::TemplateBody) rows=5 value=body on_input=move |v| body.set(v) />
                </div>
                <div class="template-preview" data-testid="template-preview" aria-live="polite">
                    <p class="hint">{t(P::TemplatePreview)}</p>
                    <p class="preview-title"><strong>{move || filled(title.get())}</strong></p>
                    <p class="preview-body">{move || filled(body.get())}</p>
                </div>
            </div>
            <p class="problem" role="alert">{move || problem.get()}</p>
            <p class="saved" role="status">{move || saved.get()}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=save>{t(P::SaveTemplate)}</button>
                <button type="button" on:click=reset disabled=move || !customised.get()>{t(P::ResetTemplate)}</button>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_fills_placeholders_and_names_an_unknown_one() {
        let text = preview(
            "{severity} on {components}: {status}",
            IncidentStatus::Identified,
            "Identified",
        )
        .unwrap();
        assert_eq!(text, "Sev 2 on API and Webhooks: Identified");
        let error = preview(
            "Hello {customer}",
            IncidentStatus::Investigating,
            "Investigating",
        )
        .unwrap_err();
        assert!(error.contains("{customer}"), "{error}");
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use herald_model::templates::Template;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::Element;

    wasm_bindgen_test_configure!(run_in_browser);

    fn editor() -> (Element, impl Drop) {
        let parent = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&parent).unwrap();
        let record = TemplateRecord {
            stage: IncidentStatus::Identified,
            channel: Channel::External,
            template: Template {
                title: "{title}".to_owned(),
                body: "We found the cause of the problems with {components}.".to_owned(),
            },
            customised: false,
            version: 1,
        };
        let handle = leptos::mount::mount_to(
            wasm_bindgen::JsCast::unchecked_into(parent.clone()),
            move || view! { <TemplateEditor record /> },
        );
        (parent, handle)
    }

    fn text(parent: &Element, selector: &str) -> String {
        parent
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    }

    /// Types `value` into the textarea the way a person does: the value, then `input`.
    fn type_into(parent: &Element, selector: &str, value: &str) {
        let area = parent.query_selector(selector).unwrap().unwrap();
        js_sys::Reflect::set(
            &area,
            &JsValue::from_str("value"),
            &JsValue::from_str(value),
        )
        .unwrap();
        let event = web_sys::Event::new("input").unwrap();
        area.dispatch_event(&event).unwrap();
    }

    #[wasm_bindgen_test]
    async fn the_preview_follows_the_template_as_it_is_typed() {
        let (parent, _handle) = editor();
        assert!(text(&parent, "h3").starts_with("Identified · External"));
        assert!(text(&parent, "h3").contains("Built-in"));
        assert_eq!(
            text(&parent, ".preview-body"),
            "We found the cause of the problems with API and Webhooks."
        );
        assert_eq!(text(&parent, ".preview-title"), "Elevated API error rates");

        type_into(&parent, "textarea", "{severity}: {summary}");
        leptos::task::tick().await;
        assert_eq!(
            text(&parent, ".preview-body"),
            "Sev 2: Primary database failover stalled after the 14:00 deploy"
        );

        type_into(&parent, "textarea", "Dear {customer}");
        leptos::task::tick().await;
        let preview = text(&parent, ".preview-body");
        assert!(
            preview.contains("unknown placeholder {customer}"),
            "{preview}"
        );
        assert!(parent
            .query_selector(".preview-body .problem")
            .unwrap()
            .is_some());
    }

    #[wasm_bindgen_test]
    fn every_placeholder_is_listed_with_its_meaning() {
        let parent = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&parent).unwrap();
        let _handle = leptos::mount::mount_to(
            wasm_bindgen::JsCast::unchecked_into(parent.clone()),
            || view! { <TemplatesSection /> },
        );
        let names = parent.query_selector_all(".placeholders dt").unwrap();
        assert_eq!(names.length() as usize, PLACEHOLDERS.len());
        let listed = text(&parent, ".placeholders");
        for (name, meaning) in PLACEHOLDERS {
            assert!(listed.contains(&format!("{{{name}}}")), "{name}");
            assert!(listed.contains(meaning), "{meaning}");
        }
    }
}

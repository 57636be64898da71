//! The first paint: the current status (banner, active incidents,
//! components) written as plain HTML into the `index.html` the server and
//! the export serve, so a visitor sees it before — or without — the
//! WebAssembly app. The app removes `#herald-prerender` when it mounts.
//!
//! The markup reuses the app's CSS classes so the hand-over does not jump,
//! and carries no `data-testid` of the app's, so nothing is counted twice.

use crate::feeds::{escape_html, status_label};
use crate::store::public::PublicData;
use herald_model::component_tree::{visible_entries, Entry};
use herald_model::v2::Component;
use herald_model::{ComponentStatus, Impact, Indicator};
use std::fmt::Write;

/// The id of the element the app removes when it takes over.
pub const ELEMENT_ID: &str = "herald-prerender";

fn component_label(status: ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Operational => "Operational",
        ComponentStatus::DegradedPerformance => "Degraded performance",
        ComponentStatus::PartialOutage => "Partial outage",
        ComponentStatus::MajorOutage => "Major outage",
        ComponentStatus::UnderMaintenance => "Under maintenance",
    }
}

fn impact_label(impact: Impact) -> &'static str {
    match impact {
        Impact::None => "No impact",
        Impact::Minor => "Minor impact",
        Impact::Major => "Major impact",
        Impact::Critical => "Critical impact",
        Impact::Maintenance => "Maintenance",
    }
}

fn component_item(out: &mut String, c: &Component, status: ComponentStatus) {
    let _ = write!(
        out,
        r#"<div class="component-row" data-status="{}"><div class="component-text"><span class="component-name">{}</span></div><span class="status level-{}"><span class="status-label">{}</span></span></div>"#,
        status.as_str(),
        escape_html(&c.name),
        Indicator::from_component(status).as_str(),
        component_label(status)
    );
}

/// The HTML of the current status.
pub fn status_html(data: &PublicData, indicator: Indicator) -> String {
    let mut out = String::new();
    let page = &data.page;
    let _ = write!(
        out,
        r#"<div id="{ELEMENT_ID}"><header class="site-header"><div class="wrap"><h1>{}</h1></div></header><main class="wrap">"#,
        escape_html(&page.name)
    );
    let _ = write!(
        out,
        r#"<section class="overall level-{}" aria-labelledby="prerender-overall"><div class="overall-text"><h2 id="prerender-overall">{}</h2><p class="overall-updated">Last updated <time datetime="{}">{}</time></p></div></section>"#,
        indicator.as_str(),
        indicator.description(),
        herald_model::time::format(&page.updated_at),
        page.updated_at.format("%b %-d, %Y, %H:%M UTC")
    );
    if !data.unresolved_incidents.is_empty() {
        out.push_str(r#"<section aria-labelledby="prerender-incidents"><h2 id="prerender-incidents">Active incidents</h2>"#);
        for incident in &data.unresolved_incidents {
            let _ = write!(
                out,
                r#"<article class="card incident level-{}"><h3><a href="/incidents/{}">{}</a></h3><p class="status level-{}"><span class="status-label">{}</span></p>"#,
                Indicator::from_impact(incident.impact).as_str(),
                escape_html(&incident.id),
                escape_html(&incident.name),
                Indicator::from_impact(incident.impact).as_str(),
                impact_label(incident.impact)
            );
            if let Some(latest) = incident.incident_updates.first() {
                let _ = write!(
                    out,
                    r#"<p><strong>{}</strong> — {} <time datetime="{}">{}</time></p>"#,
                    status_label(latest.status),
                    escape_html(&latest.body),
                    herald_model::time::format(&latest.display_at),
                    latest.display_at.format("%b %-d, %H:%M UTC")
                );
            }
            out.push_str("</article>");
        }
        out.push_str("</section>");
    }
    out.push_str(r#"<section aria-labelledby="prerender-components"><h2 id="prerender-components">Components</h2><ul class="component-list">"#);
    for entry in visible_entries(&data.components) {
        out.push_str(match entry {
            Entry::Group { .. } => r#"<li class="entry group">"#,
            Entry::Standalone(_) => r#"<li class="entry">"#,
        });
        match entry {
            Entry::Group {
                group,
                status,
                children,
            } => {
                component_item(&mut out, &group, status);
                out.push_str(r#"<ul class="children">"#);
                for child in &children {
                    out.push_str("<li>");
                    component_item(&mut out, child, child.status);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
            Entry::Standalone(c) => component_item(&mut out, &c, c.status),
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section></main></div>");
    out
}

/// What the page's `<head>` says of it: the page's name as the title, its
/// description, and whether search engines may index it.
fn head_html(data: &PublicData) -> String {
    let mut out = format!("<title>{}</title>", escape_html(&data.page.name));
    if !data.description.is_empty() {
        let _ = write!(
            out,
            r#"<meta name="description" content="{}" />"#,
            escape_html(&data.description)
        );
    }
    if !data.indexable {
        out.push_str(r#"<meta name="robots" content="noindex" />"#);
    }
    out
}

/// `template` (the built `index.html`) with the page's own title and meta
/// in place of its `<title>`, and the status written in right after
/// `<body>`. A template without a `<body>` tag is returned unchanged.
pub fn index_html(template: &str, data: &PublicData, indicator: Indicator) -> String {
    let template = match (template.find("<title>"), template.find("</title>")) {
        (Some(from), Some(to)) if from < to => format!(
            "{}{}{}",
            &template[..from],
            head_html(data),
            &template[to + "</title>".len()..]
        ),
        _ => template.to_owned(),
    };
    let template = template.as_str();
    let Some(open) = template.find("<body") else {
        return template.to_owned();
    };
    let Some(end) = template[open..].find('>').map(|i| open + i + 1) else {
        return template.to_owned();
    };
    let mut html = String::with_capacity(template.len() + 4096);
    html.push_str(&template[..end]);
    html.push_str(&status_html(data, indicator));
    html.push_str(&template[end..]);
    html
}

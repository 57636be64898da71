//! The first paint: the current status (banner, active incidents,
//! components) written as plain HTML into the `index.html` the server and
//! the export serve, so a visitor sees it before — or without — the
//! WebAssembly app; and each public incident's and maintenance's permalink
//! page, with its own title, Open Graph and Twitter card meta (so a pasted
//! link previews well) and its whole public timeline. The app removes
//! `#herald-prerender` when it mounts.
//!
//! The markup reuses the app's CSS classes so the hand-over does not jump,
//! and carries no `data-testid` of the app's, so nothing is counted twice.

use crate::store::public::PublicData;
use crate::text::{escape_html, status_label};
use herald_model::component_tree::{visible_entries, Entry};
use herald_model::v2::{Component, Incident, IncidentUpdate, Page, ScheduledMaintenance};
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

/// One update: its status, message and time.
fn update_text(out: &mut String, update: &IncidentUpdate) {
    let _ = write!(
        out,
        r#"<strong>{}</strong> — {} <time datetime="{}">{}</time>"#,
        status_label(update.status),
        escape_html(&update.body),
        herald_model::time::format(&update.display_at),
        update.display_at.format("%b %-d, %H:%M UTC")
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
                out.push_str("<p>");
                update_text(&mut out, latest);
                out.push_str("</p>");
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

/// What a page's `<head>` says of it: its title, its description, whether
/// search engines may index it, and for a permalink the link-preview meta.
struct Head<'a> {
    title: String,
    description: &'a str,
    indexable: bool,
    /// The page's canonical URL and the site's name, for link previews.
    preview: Option<(String, &'a str)>,
}

impl Head<'_> {
    fn html(&self) -> String {
        let mut out = format!("<title>{}</title>", escape_html(&self.title));
        if !self.description.is_empty() {
            let _ = write!(
                out,
                r#"<meta name="description" content="{}" />"#,
                escape_html(self.description)
            );
        }
        if !self.indexable {
            out.push_str(r#"<meta name="robots" content="noindex" />"#);
        }
        if let Some((url, site)) = &self.preview {
            for (property, value) in [
                ("og:type", "website"),
                ("og:site_name", site),
                ("og:title", &self.title),
                ("og:description", self.description),
                ("og:url", url),
            ] {
                let _ = write!(
                    out,
                    r#"<meta property="{property}" content="{}" />"#,
                    escape_html(value)
                );
            }
            out.push_str(r#"<meta name="twitter:card" content="summary" />"#);
            let _ = write!(
                out,
                r#"<link rel="canonical" href="{}" />"#,
                escape_html(url)
            );
        }
        out
    }
}

/// `template` (a built app page) with `head` in place of its `<title>` and
/// `body` right after `<body>`. A template without a `<body>` tag is
/// returned unchanged.
fn page_html(template: &str, head: &Head<'_>, body: &str) -> String {
    let template = match (template.find("<title>"), template.find("</title>")) {
        (Some(from), Some(to)) if from < to => format!(
            "{}{}{}",
            &template[..from],
            head.html(),
            &template[to + "</title>".len()..]
        ),
        _ => template.to_owned(),
    };
    let Some(open) = template.find("<body") else {
        return template;
    };
    let Some(end) = template[open..].find('>').map(|i| open + i + 1) else {
        return template;
    };
    let mut html = String::with_capacity(template.len() + body.len());
    html.push_str(&template[..end]);
    html.push_str(body);
    html.push_str(&template[end..]);
    html
}

/// What the status page says of itself to search engines and link
/// previews: the description its admins wrote, or else a plain sentence
/// naming it (a page without a description is harder to find).
pub fn page_description(name: &str, written: &str) -> String {
    match written.trim() {
        "" => format!(
            "The live status of {name}: current incidents, scheduled maintenance and uptime."
        ),
        written => written.to_owned(),
    }
}

/// `template` (the built `index.html`) with the page's own title and meta,
/// and the current status written in.
pub fn index_html(template: &str, data: &PublicData, indicator: Indicator) -> String {
    let description = page_description(&data.page.name, &data.description);
    let head = Head {
        title: data.page.name.clone(),
        description: &description,
        indexable: data.indexable,
        preview: None,
    };
    page_html(template, &head, &status_html(data, indicator))
}

/// What a permalink page shows of the site around the incident.
pub struct Site<'a> {
    /// The page.
    pub page: &'a Page,
    /// Whether search engines may index it.
    pub indexable: bool,
}

/// What an incident and a maintenance have in common on their page.
struct Permalink<'a> {
    kind: &'static str,
    id: &'a str,
    name: &'a str,
    impact: Impact,
    /// E.g. "Resolved", or the maintenance window.
    state: String,
    components: &'a [Component],
    updates: &'a [IncidentUpdate],
}

fn permalink_html(template: &str, site: &Site<'_>, p: &Permalink<'_>) -> String {
    // The newest update says where things stand: the preview's text.
    let said = p.updates.first().map_or(String::new(), |u| {
        let body: String = u.body.chars().take(200).collect();
        format!("{} — {body}", status_label(u.status))
    });
    let head = Head {
        title: format!("{} · {}", p.name, site.page.name),
        description: &said,
        indexable: site.indexable,
        preview: Some((
            format!("{}/{}/{}", site.page.url, p.kind, p.id),
            &site.page.name,
        )),
    };
    let level = Indicator::from_impact(p.impact).as_str();
    let mut body = String::new();
    let _ = write!(
        body,
        r#"<div id="{ELEMENT_ID}"><header class="site-header"><div class="wrap"><p class="site-name"><a href="/">{}</a></p></div></header><main class="wrap"><article class="card incident level-{level}"><h1>{}</h1><p class="status level-{level}"><span class="status-label">{}</span> · {}</p>"#,
        escape_html(&site.page.name),
        escape_html(p.name),
        impact_label(p.impact),
        escape_html(&p.state),
    );
    if !p.components.is_empty() {
        let names: Vec<String> = p.components.iter().map(|c| escape_html(&c.name)).collect();
        let _ = write!(body, "<p>Affected: {}</p>", names.join(", "));
    }
    body.push_str(r#"<h2>Updates</h2><ol class="timeline">"#);
    for update in p.updates {
        body.push_str("<li>");
        update_text(&mut body, update);
        body.push_str("</li>");
    }
    body.push_str("</ol></article></main></div>");
    page_html(template, &head, &body)
}

/// The permalink page of a public incident (`/incidents/{id}`).
pub fn incident_html(template: &str, site: &Site<'_>, incident: &Incident) -> String {
    let state = incident
        .incident_updates
        .first()
        .map_or("", |u| status_label(u.status));
    permalink_html(
        template,
        site,
        &Permalink {
            kind: "incidents",
            id: &incident.id,
            name: &incident.name,
            impact: incident.impact,
            state: state.to_owned(),
            components: &incident.components,
            updates: &incident.incident_updates,
        },
    )
}

/// The permalink page of a public maintenance (`/maintenances/{id}`).
pub fn maintenance_html(template: &str, site: &Site<'_>, m: &ScheduledMaintenance) -> String {
    let state = format!(
        "{} – {}",
        m.scheduled_for.format("%b %-d, %Y, %H:%M UTC"),
        m.scheduled_until.format("%b %-d, %Y, %H:%M UTC")
    );
    permalink_html(
        template,
        site,
        &Permalink {
            kind: "maintenances",
            id: &m.id,
            name: &m.name,
            impact: m.impact,
            state,
            components: &m.components,
            updates: &m.incident_updates,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_described_by_its_admins_or_else_by_its_name() {
        assert_eq!(
            page_description("Acme Cloud", "  Is Acme up?  "),
            "Is Acme up?"
        );
        assert_eq!(
            page_description("Acme Cloud", " "),
            "The live status of Acme Cloud: current incidents, scheduled maintenance and uptime."
        );
    }
}

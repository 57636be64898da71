//! The public pages as HTML: the status page, each public incident's and
//! maintenance's permalink page, the history and the subscription form,
//! rendered by the web app's own components (`herald_web::render`) from
//! the documents as published, into the built apps' pages (`index.html`,
//! `more/index.html`), with each page's title, description, canonical URL
//! and link-preview meta (Open Graph, Twitter card). A reader without WebAssembly gets the whole page; the
//! app takes it over without painting it again.

use crate::store::public::PublicData;
use crate::text::{escape_html, status_label};
use chrono::{DateTime, Utc};
use herald_model::herald::{IncidentDoc, MaintenanceDoc};
use herald_model::v2::{ComponentsDoc, Page};
use herald_web::i18n::{Locale, Msg};
use herald_web::seed::{HistoryDocs, Seed, SeedPage, StatusDocs};
use std::fmt::Write;

/// What a page's `<head>` says of it: its title, its description, whether
/// search engines may index it, and (when the site's URL is absolute) its
/// canonical URL with the link-preview meta.
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

/// The absolute URL of the page at `path` (`/`, `/history`) of the site at
/// `site_url`; `None` when the site's URL is not an absolute http(s) URL (a
/// canonical link must be absolute).
pub fn canonical_url(site_url: &str, path: &str) -> Option<String> {
    let base = site_url.trim().trim_end_matches('/');
    let absolute = ["https://", "http://"]
        .iter()
        .any(|scheme| base.len() > scheme.len() && base.starts_with(scheme));
    absolute.then(|| format!("{base}{path}"))
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
/// and the status page rendered from the documents as published.
pub fn index_html(
    template: &str,
    data: &PublicData,
    docs: StatusDocs,
    rendered_at: DateTime<Utc>,
) -> String {
    let description = page_description(&data.page.name, &data.description);
    let head = Head {
        title: data.page.name.clone(),
        description: &description,
        indexable: data.indexable,
        preview: canonical_url(&data.page.url, "/").map(|url| (url, data.page.name.as_str())),
    };
    let seed = Seed {
        path: "/".to_owned(),
        rendered_at,
        page: SeedPage::Status(Box::new(docs)),
    };
    page_html(template, &head, &herald_web::render::app_html(&seed))
}

/// The page at `path` of the second public app (`template` is its built
/// `more/index.html`): titled `heading` and the site's name, described as
/// the status page is.
fn more_page_html(
    template: &str,
    data: &PublicData,
    path: &str,
    heading: Msg,
    page: SeedPage,
    rendered_at: DateTime<Utc>,
) -> String {
    let locale = Locale::En;
    let description = page_description(&data.page.name, &data.description);
    let head = Head {
        title: locale.fill(
            Msg::PageDocumentTitle,
            &[("title", locale.text(heading)), ("name", &data.page.name)],
        ),
        description: &description,
        indexable: data.indexable,
        preview: canonical_url(&data.page.url, path).map(|url| (url, data.page.name.as_str())),
    };
    let seed = Seed {
        path: path.to_owned(),
        rendered_at,
        page,
    };
    page_html(template, &head, &herald_web::render::app_html(&seed))
}

/// The history page's route.
pub const HISTORY_PATH: &str = "/history";
/// The subscription form's route.
pub const SUBSCRIBE_PATH: &str = "/subscribe";

/// The history (`/history`): the months with history and the newest
/// month's incidents and maintenances.
pub fn history_html(
    template: &str,
    data: &PublicData,
    docs: HistoryDocs,
    rendered_at: DateTime<Utc>,
) -> String {
    let page = SeedPage::History(Box::new(docs));
    more_page_html(
        template,
        data,
        HISTORY_PATH,
        Msg::HistoryHeading,
        page,
        rendered_at,
    )
}

/// The subscription form (`/subscribe`), with the components to choose.
pub fn subscribe_html(
    template: &str,
    data: &PublicData,
    components: ComponentsDoc,
    rendered_at: DateTime<Utc>,
) -> String {
    let page = SeedPage::Subscribe(Box::new(components));
    more_page_html(
        template,
        data,
        SUBSCRIBE_PATH,
        Msg::SubscribeHeading,
        page,
        rendered_at,
    )
}

/// `template` with the app's not-found page, for every path that names no
/// page (static hosts serve `404.html` for those).
pub fn not_found_html(template: &str, data: &PublicData, rendered_at: DateTime<Utc>) -> String {
    let head = Head {
        title: Locale::En.text(Msg::NotFoundDocumentTitle).to_owned(),
        description: "",
        indexable: false,
        preview: None,
    };
    let seed = Seed {
        path: NOT_FOUND_PATH.to_owned(),
        rendered_at,
        page: SeedPage::NotFound {
            site_name: data.page.name.clone(),
        },
    };
    page_html(template, &head, &herald_web::render::app_html(&seed))
}

/// Where the not-found page is written.
pub const NOT_FOUND_PATH: &str = "/404.html";

/// What a permalink page shows of the site around the incident.
pub struct Site<'a> {
    /// The page.
    pub page: &'a Page,
    /// Whether search engines may index it.
    pub indexable: bool,
}

/// A permalink page: its head from `name` and its newest update, its body
/// the app's page rendered from `page`.
fn permalink_html(
    template: &str,
    site: &Site<'_>,
    path: String,
    name: &str,
    newest: Option<&herald_model::v2::IncidentUpdate>,
    page: SeedPage,
) -> String {
    // The newest update says where things stand: the preview's text.
    let said = newest.map_or(String::new(), |u| {
        let body: String = u.body.chars().take(200).collect();
        format!("{} — {body}", status_label(u.status))
    });
    let head = Head {
        title: format!("{name} · {}", site.page.name),
        description: &said,
        indexable: site.indexable,
        preview: canonical_url(&site.page.url, &path).map(|url| (url, site.page.name.as_str())),
    };
    let seed = Seed {
        path,
        // Permalinks show no "today"; the page's own time keeps the file
        // the same until the page changes.
        rendered_at: site.page.updated_at,
        page,
    };
    page_html(template, &head, &herald_web::render::app_html(&seed))
}

/// The permalink page of a public incident (`/incidents/{id}`).
pub fn incident_html(template: &str, site: &Site<'_>, doc: IncidentDoc) -> String {
    let path = format!("/incidents/{}", doc.incident.id);
    let name = doc.incident.name.clone();
    let newest = doc.incident.incident_updates.first().cloned();
    let page = SeedPage::Incident(Box::new(doc));
    permalink_html(template, site, path, &name, newest.as_ref(), page)
}

/// The permalink page of a public maintenance (`/maintenances/{id}`).
pub fn maintenance_html(template: &str, site: &Site<'_>, doc: MaintenanceDoc) -> String {
    let m = &doc.scheduled_maintenance;
    let path = format!("/maintenances/{}", m.id);
    let name = m.name.clone();
    let newest = m.incident_updates.first().cloned();
    let page = SeedPage::Maintenance(Box::new(doc));
    permalink_html(template, site, path, &name, newest.as_ref(), page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_canonical_url_is_absolute_or_there_is_none() {
        let url = |site, path| canonical_url(site, path);
        assert_eq!(
            url("https://status.example.com", "/"),
            Some("https://status.example.com/".to_owned())
        );
        assert_eq!(
            url("https://status.example.com/", "/history"),
            Some("https://status.example.com/history".to_owned())
        );
        assert_eq!(
            url("http://localhost:8080", "/incidents/abc"),
            Some("http://localhost:8080/incidents/abc".to_owned())
        );
        assert_eq!(url("", "/"), None);
        assert_eq!(url("status.example.com", "/"), None);
        assert_eq!(url("https://", "/"), None);
        assert_eq!(url("javascript:alert(1)//", "/"), None);
    }

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

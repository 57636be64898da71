//! The public feeds (`/history.atom`, `/history.rss`) and the status badge
//! (`/badge.svg`), rendered from the same public data as the documents.
//!
//! Feeds carry one entry per public update, newest first, so a feed reader
//! shows every new update as a new item. Each entry's content has the shape
//! Statuspage's feeds use: `<p><small>time</small><br><strong>Status</strong>
//! - message</p>`.

use crate::store::public::PublicData;
use crate::text::{escape_html, status_label};
use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use chrono::{DateTime, Utc};
use herald_model::v2::IncidentUpdate;
use herald_model::{Indicator, UpdateStatus};

/// Most entries a feed carries.
pub const FEED_CAP: usize = 100;

/// Path of the Atom feed.
pub const ATOM_PATH: &str = "/history.atom";
/// Path of the RSS feed.
pub const RSS_PATH: &str = "/history.rss";
/// Path of the status badge.
pub const BADGE_PATH: &str = "/badge.svg";

/// One feed entry: an update of an incident or maintenance.
struct Item<'a> {
    title: &'a str,
    link: &'a str,
    update: &'a IncidentUpdate,
}

impl Item<'_> {
    fn id(&self) -> String {
        format!("{}#update-{}", self.link, self.update.id)
    }

    fn title(&self) -> String {
        format!("{} — {}", self.title, status_label(self.update.status))
    }

    /// The Statuspage-shaped HTML of the update.
    fn html(&self) -> String {
        let body = escape_html(&self.update.body).replace('\n', "<br>");
        format!(
            "<p><small>{}</small><br><strong>{}</strong> - {}</p>",
            self.update.display_at.format("%b %-d, %H:%M UTC"),
            status_label(self.update.status),
            body
        )
    }
}

/// The newest public updates of the recent incidents and maintenances.
fn items(data: &PublicData) -> Vec<Item<'_>> {
    let incidents = data.recent_incidents.iter().flat_map(|i| {
        i.incident_updates.iter().map(move |u| Item {
            title: &i.name,
            link: &i.shortlink,
            update: u,
        })
    });
    let maintenances = data.recent_maintenances.iter().flat_map(|m| {
        m.incident_updates.iter().map(move |u| Item {
            title: &m.name,
            link: &m.shortlink,
            update: u,
        })
    });
    let mut all: Vec<Item<'_>> = incidents.chain(maintenances).collect();
    all.sort_by(|a, b| {
        b.update
            .display_at
            .cmp(&a.update.display_at)
            .then_with(|| b.update.id.cmp(&a.update.id))
    });
    all.truncate(FEED_CAP);
    all
}

fn feed_updated(data: &PublicData, items: &[Item<'_>]) -> DateTime<Utc> {
    items
        .first()
        .map(|i| i.update.display_at)
        .unwrap_or(data.page.updated_at)
}

/// The Atom feed.
pub fn atom(data: &PublicData) -> Vec<u8> {
    let items = items(data);
    let page = &data.page;
    let entries: Vec<Entry> = items
        .iter()
        .map(|item| Entry {
            id: item.id(),
            title: Text::plain(item.title()),
            updated: item.update.updated_at.fixed_offset(),
            published: Some(item.update.created_at.fixed_offset()),
            links: vec![Link {
                href: item.link.to_owned(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }],
            content: Some(Content {
                value: Some(item.html()),
                content_type: Some("html".into()),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let feed = Feed {
        id: format!("{}{ATOM_PATH}", page.url),
        title: Text::plain(format!("{} status history", page.name)),
        subtitle: Some(Text::plain(about(data))),
        updated: feed_updated(data, &items).fixed_offset(),
        authors: vec![Person {
            name: page.name.clone(),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: format!("{}{ATOM_PATH}", page.url),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: page.url.clone(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    feed.to_string().into_bytes()
}

/// What a feed says it is: the page's description, or what it holds.
fn about(data: &PublicData) -> String {
    if data.description.is_empty() {
        format!("Incidents and maintenance of {}", data.page.name)
    } else {
        data.description.clone()
    }
}

/// The RSS 2.0 feed.
pub fn rss(data: &PublicData) -> Vec<u8> {
    let items = items(data);
    let page = &data.page;
    let rss_items: Vec<rss::Item> = items
        .iter()
        .map(|item| rss::Item {
            title: Some(item.title()),
            link: Some(item.link.to_owned()),
            description: Some(item.html()),
            pub_date: Some(item.update.display_at.to_rfc2822()),
            guid: Some(rss::Guid {
                value: item.id(),
                permalink: false,
            }),
            ..Default::default()
        })
        .collect();
    let channel = rss::Channel {
        title: format!("{} status history", page.name),
        link: page.url.clone(),
        description: about(data),
        last_build_date: Some(feed_updated(data, &items).to_rfc2822()),
        items: rss_items,
        ..Default::default()
    };
    channel.to_string().into_bytes()
}

/// A small SVG badge with the overall status, for READMEs and dashboards.
pub fn badge(indicator: Indicator) -> Vec<u8> {
    let (text, colour) = match indicator {
        Indicator::None => ("operational", "#1a7f37"),
        Indicator::Minor => ("minor outage", "#9a6700"),
        Indicator::Major => ("partial outage", "#bc4c00"),
        Indicator::Critical => ("major outage", "#cf222e"),
        Indicator::Maintenance => ("maintenance", "#0969da"),
    };
    // Widths from an average glyph width of 7 px at 11 px Verdana.
    let (left, right) = (6 * 7 + 12, text.len() * 7 + 12);
    let width = left + right;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="status: {text}"><title>status: {text}</title><rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{colour}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="{lx}" y="14">status</text><text x="{rx}" y="14">{text}</text></g></svg>"##,
        lx = left / 2,
        rx = left + right / 2,
    )
    .into_bytes()
}

/// A staff member's Atom feed of internal notices. Drills and internal-only
/// incidents are labelled in every title.
pub fn staff_atom(
    page: &herald_model::v2::Page,
    notices: &[crate::store::notify::Notice],
    secret: &str,
) -> Vec<u8> {
    let self_url = format!("{}/api/feeds/staff/{secret}.atom", page.url);
    let entries: Vec<Entry> = notices
        .iter()
        .map(|n| {
            let status = n
                .status
                .parse::<UpdateStatus>()
                .map(status_label)
                .unwrap_or("Update");
            let link = format!("{}/portal/incidents/{}", page.url, n.incident_id);
            Entry {
                id: format!("{link}#notice-{}", n.id),
                title: Text::plain(format!("{}: {status}", n.subject())),
                updated: n.created_at.fixed_offset(),
                links: vec![Link {
                    href: link,
                    rel: "alternate".into(),
                    ..Default::default()
                }],
                content: Some(Content {
                    value: Some(format!(
                        "<p><strong>{status}</strong> ({} update) — {}</p><p>{}</p>",
                        escape_html(&n.audience),
                        escape_html(&n.title),
                        escape_html(&n.body).replace('\n', "<br>")
                    )),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let feed = Feed {
        id: format!("{}/api/feeds/staff", page.url),
        title: Text::plain(format!("{} internal notices", page.name)),
        updated: notices
            .first()
            .map_or(page.updated_at, |n| n.created_at)
            .fixed_offset(),
        authors: vec![Person {
            name: page.name.clone(),
            ..Default::default()
        }],
        links: vec![Link {
            href: self_url,
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        }],
        entries,
        ..Default::default()
    };
    feed.to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn the_badge_names_the_status_in_text() {
        let svg = String::from_utf8(badge(Indicator::Critical)).unwrap();
        assert!(svg.contains("major outage") && svg.contains("aria-label"));
    }
}

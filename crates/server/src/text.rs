//! The words and the escaping the server's own texts share: the feeds, the
//! first paint and the emails label an update's status the same way and
//! escape text for HTML the same way.

use herald_model::UpdateStatus;

/// The English label of an update's status.
pub fn status_label(status: UpdateStatus) -> &'static str {
    match status {
        UpdateStatus::Investigating => "Investigating",
        UpdateStatus::Identified => "Identified",
        UpdateStatus::Monitoring => "Monitoring",
        UpdateStatus::Resolved => "Resolved",
        UpdateStatus::Postmortem => "Postmortem",
        UpdateStatus::Scheduled => "Scheduled",
        UpdateStatus::InProgress => "In progress",
        UpdateStatus::Verifying => "Verifying",
        UpdateStatus::Completed => "Completed",
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

//! The one message catalogue: every sentence, label and heading the web app
//! shows to a person, and how times are written for the viewer.
//!
//! Views never hold user-facing text. They ask the [`Locale`] for a [`Msg`]
//! (`locale.text(Msg::ComponentsHeading)`), or fill a template with named
//! placeholders (`locale.fill(Msg::ErrorHttp, &[("status", "503")])`), so a
//! translation is a new `Locale` variant and one more table here; no view
//! changes. The wire vocabularies (component statuses, indicators, impacts,
//! update statuses) are labelled here too, never with their wire spelling.
//!
//! The locale is provided once at the root ([`provide_locale`]) and read with
//! [`use_locale`]. It is a plain value, not a signal: switching language
//! later means re-rendering from the root with a new context value.
//!
//! Not here: the wire spellings themselves (`herald_model`), and the one
//! `<noscript>` sentence in `index.html`, which is shown before any Rust runs.

use chrono::{DateTime, Utc};
use herald_model::{ComponentStatus, Impact, Indicator, UpdateStatus};
use leptos::prelude::*;

/// A language the interface can be shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English, the catalogue every other language is translated from.
    #[default]
    En,
}

impl Locale {
    /// Every supported locale.
    pub const ALL: &'static [Locale] = &[Locale::En];

    /// The BCP 47 language tag, used for `Intl` formatting and `lang`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }

    /// The text of `msg` in this locale. Templates keep their `{name}`
    /// placeholders; use [`Locale::fill`] for those.
    pub const fn text(self, msg: Msg) -> &'static str {
        match self {
            Locale::En => en(msg),
        }
    }

    /// The text of `msg` with each `{name}` placeholder replaced by its value.
    pub fn fill(self, msg: Msg, args: &[(&str, &str)]) -> String {
        args.iter()
            .fold(self.text(msg).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }

    /// The text of `msg` split around its `{name}` placeholder, for a value
    /// that is markup rather than text (e.g. a `<time>` element).
    pub fn split(self, msg: Msg, name: &str) -> (&'static str, &'static str) {
        let text = self.text(msg);
        let mark = format!("{{{name}}}");
        match text.find(&mark) {
            Some(at) => (&text[..at], &text[at + mark.len()..]),
            None => (text, ""),
        }
    }

    /// `at` as a date and time in the viewer's own time zone, with the zone
    /// named (e.g. "Nov 22, 2026, 09:47 AM GMT+1"), written the way this
    /// locale writes dates. Uses the browser's `Intl`, so it needs a browser.
    pub fn datetime(self, at: DateTime<Utc>) -> String {
        use js_sys::Intl::{
            DateTimeFormatOptions, DayFormat, MonthFormat, NumericFormat, TimeZoneNameFormat,
            YearFormat,
        };
        let options = DateTimeFormatOptions::new();
        options.set_year(YearFormat::Numeric);
        options.set_month(MonthFormat::Short);
        options.set_day(DayFormat::Numeric);
        options.set_hour(NumericFormat::TwoDigit);
        options.set_minute(NumericFormat::TwoDigit);
        options.set_time_zone_name(TimeZoneNameFormat::Short);
        // Milliseconds since the epoch fit an f64 exactly for any real date.
        let date = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
        date.to_locale_string(self.tag(), &options).into()
    }
}

/// Makes `locale` the language of everything rendered beneath the caller.
pub fn provide_locale(locale: Locale) {
    provide_context(locale);
}

/// The locale provided by [`provide_locale`]; English when none was (so a
/// component renders on its own in a test).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The key of every user-facing text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Msg {
    /// The page heading until the page's own name is known.
    SiteTitleFallback,
    /// Document title; `{name}` is the status page's name.
    DocumentTitle,
    /// Document title of the not-found page.
    NotFoundDocumentTitle,
    /// Announced while the status loads.
    Loading,
    /// `{time}` is when anything on the page last changed.
    LastUpdated,
    /// Heading of the component list.
    ComponentsHeading,
    /// Shown when the page lists no components.
    NoComponents,
    /// Heading of the unresolved incidents.
    IncidentsHeading,
    /// Heading of the upcoming and active maintenances.
    MaintenanceHeading,
    /// Label before the components an incident or maintenance affects.
    AffectedComponents,
    /// Accessible name of the list of an incident's updates.
    UpdatesLabel,
    /// Label before a maintenance's planned window.
    MaintenanceWindow,
    /// Between the start and end of a time range.
    RangeSeparator,
    /// Footer credit.
    PoweredBy,
    /// Heading of the not-found page.
    NotFoundHeading,
    /// Explanation on the not-found page.
    NotFoundBody,
    /// Link from the not-found page back to the status page.
    BackToStatus,
    /// Heading shown when the status could not be loaded.
    LoadFailedHeading,
    /// Button that loads the status again.
    Retry,
    /// The browser got no answer at all.
    ErrorNetwork,
    /// The server has no status document at this address (HTTP 404).
    ErrorNotFound,
    /// The server answered with another HTTP error; `{status}` is its code.
    ErrorHttp,
    /// The server explained the failure; `{message}` is its sentence.
    ErrorApi,
    /// The answer could not be read as a status document.
    ErrorDecode,
    /// Label of a component status.
    Component(ComponentStatus),
    /// The overall status sentence for an indicator.
    Indicator(Indicator),
    /// Label of an incident's public impact.
    Impact(Impact),
    /// Label of the status an incident or maintenance update announced.
    Update(UpdateStatus),
}

/// The English table.
const fn en(msg: Msg) -> &'static str {
    match msg {
        Msg::SiteTitleFallback => "Service status",
        Msg::DocumentTitle => "{name} status",
        Msg::NotFoundDocumentTitle => "Page not found",
        Msg::Loading => "Loading the current status…",
        Msg::LastUpdated => "Last updated {time}",
        Msg::ComponentsHeading => "Components",
        Msg::NoComponents => "No components are listed on this page.",
        Msg::IncidentsHeading => "Active incidents",
        Msg::MaintenanceHeading => "Scheduled maintenance",
        Msg::AffectedComponents => "Affected components:",
        Msg::UpdatesLabel => "Updates, newest first",
        Msg::MaintenanceWindow => "Planned window:",
        Msg::RangeSeparator => "–",
        Msg::PoweredBy => "Powered by Herald",
        Msg::NotFoundHeading => "Page not found",
        Msg::NotFoundBody => "There is no page at this address. It may have moved, or the link may be mistyped.",
        Msg::BackToStatus => "Go to the status page",
        Msg::LoadFailedHeading => "The current status could not be loaded",
        Msg::Retry => "Try again",
        Msg::ErrorNetwork => "This page could not reach its server. Check your internet connection, then try again.",
        Msg::ErrorNotFound => "The server has no status information at this address yet (HTTP 404).",
        Msg::ErrorHttp => "The server could not send the current status (HTTP {status}). Please try again in a few minutes.",
        Msg::ErrorApi => "The server could not send the current status: {message}",
        Msg::ErrorDecode => "The server sent status information in a form this page cannot read. Please try again later.",
        Msg::Component(status) => match status {
            ComponentStatus::Operational => "Operational",
            ComponentStatus::DegradedPerformance => "Degraded performance",
            ComponentStatus::PartialOutage => "Partial outage",
            ComponentStatus::MajorOutage => "Major outage",
            ComponentStatus::UnderMaintenance => "Under maintenance",
        },
        Msg::Indicator(indicator) => match indicator {
            Indicator::None => "All Systems Operational",
            Indicator::Minor => "Minor Service Outage",
            Indicator::Major => "Partial System Outage",
            Indicator::Critical => "Major Service Outage",
            Indicator::Maintenance => "Service Under Maintenance",
        },
        Msg::Impact(impact) => match impact {
            Impact::None => "No impact",
            Impact::Minor => "Minor impact",
            Impact::Major => "Major impact",
            Impact::Critical => "Critical impact",
            Impact::Maintenance => "Maintenance",
        },
        Msg::Update(status) => match status {
            UpdateStatus::Investigating => "Investigating",
            UpdateStatus::Identified => "Identified",
            UpdateStatus::Monitoring => "Monitoring",
            UpdateStatus::Resolved => "Resolved",
            UpdateStatus::Postmortem => "Postmortem",
            UpdateStatus::Scheduled => "Scheduled",
            UpdateStatus::InProgress => "In progress",
            UpdateStatus::Verifying => "Verifying",
            UpdateStatus::Completed => "Completed",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_msg() -> Vec<Msg> {
        let mut all = vec![
            Msg::SiteTitleFallback,
            Msg::DocumentTitle,
            Msg::NotFoundDocumentTitle,
            Msg::Loading,
            Msg::LastUpdated,
            Msg::ComponentsHeading,
            Msg::NoComponents,
            Msg::IncidentsHeading,
            Msg::MaintenanceHeading,
            Msg::AffectedComponents,
            Msg::UpdatesLabel,
            Msg::MaintenanceWindow,
            Msg::RangeSeparator,
            Msg::PoweredBy,
            Msg::NotFoundHeading,
            Msg::NotFoundBody,
            Msg::BackToStatus,
            Msg::LoadFailedHeading,
            Msg::Retry,
            Msg::ErrorNetwork,
            Msg::ErrorNotFound,
            Msg::ErrorHttp,
            Msg::ErrorApi,
            Msg::ErrorDecode,
        ];
        all.extend(ComponentStatus::ALL.iter().map(|s| Msg::Component(*s)));
        all.extend(Indicator::ALL.iter().map(|i| Msg::Indicator(*i)));
        all.extend(Impact::ALL.iter().map(|i| Msg::Impact(*i)));
        all.extend(UpdateStatus::ALL.iter().map(|s| Msg::Update(*s)));
        all
    }

    #[test]
    fn every_message_has_text_in_every_locale() {
        for locale in Locale::ALL {
            for msg in every_msg() {
                assert!(!locale.text(msg).trim().is_empty(), "{locale:?} {msg:?}");
            }
        }
    }

    #[test]
    fn every_locale_keeps_the_english_placeholders() {
        let placeholders = |text: &str| {
            let mut names: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            names.sort();
            names
        };
        for locale in Locale::ALL {
            for msg in every_msg() {
                assert_eq!(
                    placeholders(locale.text(msg)),
                    placeholders(Locale::En.text(msg)),
                    "{locale:?} {msg:?}"
                );
            }
        }
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        let text = Locale::En.fill(Msg::ErrorHttp, &[("status", "503")]);
        assert!(text.contains("(HTTP 503)"), "{text}");
        assert!(!text.contains('{'), "{text}");
    }

    #[test]
    fn split_cuts_around_the_placeholder() {
        assert_eq!(
            Locale::En.split(Msg::LastUpdated, "time"),
            ("Last updated ", "")
        );
        assert_eq!(Locale::En.split(Msg::Retry, "time"), ("Try again", ""));
    }

    #[test]
    fn indicator_sentences_match_the_wire_descriptions() {
        for indicator in Indicator::ALL {
            assert_eq!(
                Locale::En.text(Msg::Indicator(*indicator)),
                indicator.description()
            );
        }
    }
}

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

use chrono::{DateTime, NaiveDate, Utc};
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
    ///
    /// Always inlined, like the table itself: `msg` is a constant at almost
    /// every call, so each call folds to its one string and the module
    /// carries only the texts its views use (the public app none of the
    /// portal's).
    #[inline(always)]
    pub const fn text(self, msg: Msg) -> &'static str {
        match self {
            Locale::En => en(msg),
        }
    }

    /// The text of `msg` with each `{name}` placeholder replaced by its value.
    #[inline(always)]
    pub fn fill(self, msg: Msg, args: &[(&str, &str)]) -> String {
        fill(self.text(msg), args)
    }

    /// The text of `msg` split around its `{name}` placeholder, for a value
    /// that is markup rather than text (e.g. a `<time>` element).
    #[inline(always)]
    pub fn split(self, msg: Msg, name: &str) -> (&'static str, &'static str) {
        split(self.text(msg), name)
    }

    /// `at` as a date and time in the viewer's own time zone, with the zone
    /// named (e.g. "Nov 22, 2026, 09:47 AM GMT+1"), written the way this
    /// locale writes dates. Uses the browser's `Intl`, so it needs a browser;
    /// one formatter per locale, made once (a page shows many times).
    #[cfg(target_arch = "wasm32")]
    pub fn datetime(self, at: DateTime<Utc>) -> String {
        use js_sys::Intl::{
            DateTimeFormat, DateTimeFormatOptions, DayFormat, MonthFormat, NumericFormat,
            TimeZoneNameFormat, YearFormat,
        };
        thread_local! {
            static FORMATS: std::cell::RefCell<Vec<(Locale, js_sys::Function)>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        let format = FORMATS.with_borrow_mut(|formats| {
            if let Some((_, format)) = formats.iter().find(|(locale, _)| *locale == self) {
                return format.clone();
            }
            let options = DateTimeFormatOptions::new();
            options.set_year(YearFormat::Numeric);
            options.set_month(MonthFormat::Short);
            options.set_day(DayFormat::Numeric);
            options.set_hour(NumericFormat::TwoDigit);
            options.set_minute(NumericFormat::TwoDigit);
            options.set_time_zone_name(TimeZoneNameFormat::Short);
            let locales = js_sys::Array::of1(&self.tag().into());
            let format = DateTimeFormat::new(&locales, &options).format();
            formats.push((self, format.clone()));
            format
        });
        // Milliseconds since the epoch fit an f64 exactly for any real date.
        let date = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
        format
            .call1(&wasm_bindgen::JsValue::NULL, &date)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| self.utc_words(at))
    }

    /// `at` in UTC, for the tooltip of every local time ("2026-11-22 08:36
    /// UTC"): the same instant for everyone, whatever their zone.
    pub fn utc_datetime(self, at: DateTime<Utc>) -> String {
        use chrono::{Datelike, Timelike};
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            at.year(),
            at.month(),
            at.day(),
            at.hour(),
            at.minute()
        )
    }

    /// `at` as a date and time in UTC, named, written as the browser's
    /// `Intl` writes it for this locale ("Nov 22, 2026, 08:47 AM UTC"): what
    /// a page rendered on the server shows, since the viewer's zone is
    /// unknown there, and UTC, named, misleads nobody.
    pub fn utc_words(self, at: DateTime<Utc>) -> String {
        match self {
            Locale::En => at.format("%b %-d, %Y, %I:%M %p UTC").to_string(),
        }
    }

    /// Off the browser the viewer's zone is unknown: [`Locale::utc_words`].
    #[cfg(not(target_arch = "wasm32"))]
    pub fn datetime(self, at: DateTime<Utc>) -> String {
        self.utc_words(at)
    }

    /// A calendar date ("Nov 5, 2026"). Dates are days already (of the
    /// page's or the viewer's zone), so no zone conversion happens.
    pub fn date(self, date: NaiveDate) -> String {
        self.format_date(date, true, true)
    }

    /// A calendar date without the year ("Nov 5"), for labels in a list
    /// whose year is plain.
    pub fn short_date(self, date: NaiveDate) -> String {
        self.format_date(date, false, true)
    }

    /// A month ("November 2026") from its `YYYY-MM` spelling; the spelling
    /// itself when it is not one.
    pub fn month(self, month: &str) -> String {
        let first = month
            .split_once('-')
            .filter(|(year, month)| year.len() == 4 && month.len() == 2)
            .and_then(|(year, month)| Some((year.parse().ok()?, month.parse().ok()?)))
            .and_then(|(year, month)| NaiveDate::from_ymd_opt(year, month, 1));
        match first {
            Some(first) => self.format_date(first, true, false),
            None => month.to_owned(),
        }
    }

    /// A calendar date in this locale's words, the same on the server and
    /// in the browser (the words `Intl` writes for it). Written here rather
    /// than by `Intl`: a date needs no zone, the page taking over the
    /// server's rendering must read the same, and `Intl` costs a formatter
    /// per call (hundreds of uptime days).
    fn format_date(self, date: NaiveDate, year: bool, day: bool) -> String {
        let pattern = match (self, year, day) {
            (Locale::En, true, true) => "%b %-d, %Y",
            (Locale::En, false, true) => "%b %-d",
            (Locale::En, true, false) => "%B %Y",
            (Locale::En, false, false) => "%B",
        };
        date.format(pattern).to_string()
    }

    /// An uptime percentage ("99.95 %"), cut (not rounded) to two decimals
    /// so that anything short of 100 % never reads as 100 %.
    pub fn percent(self, value: f64) -> String {
        let hundredths = (value.clamp(0.0, 100.0) * 100.0 + 1e-6).floor() as u64;
        let (whole, frac) = (hundredths / 100, hundredths % 100);
        let number = match frac {
            0 => whole.to_string(),
            f if f % 10 == 0 => format!("{whole}.{}", f / 10),
            f => format!("{whole}.{f:02}"),
        };
        match self {
            Locale::En => format!("{number} %"),
        }
    }

    /// A duration in words ("37 min", "1 h 5 min").
    pub fn duration(self, seconds: i64) -> String {
        let minutes = seconds.max(0) / 60;
        match minutes {
            0 => self.text(Msg::UnderAMinute).to_owned(),
            m if m < 60 => self.fill(Msg::Minutes, &[("minutes", &m.to_string())]),
            m => self.fill(
                Msg::HoursMinutes,
                &[
                    ("hours", &(m / 60).to_string()),
                    ("minutes", &(m % 60).to_string()),
                ],
            ),
        }
    }

    /// "no incidents", "1 incident", "3 incidents".
    pub fn incident_count(self, count: usize) -> String {
        match count {
            0 => self.text(Msg::NoIncidentsCount).to_owned(),
            1 => self.text(Msg::OneIncident).to_owned(),
            n => self.fill(Msg::IncidentsCount, &[("count", &n.to_string())]),
        }
    }
}

/// `text` with each `{name}` placeholder replaced by its value.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(text.to_owned(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// `text` split around its `{name}` placeholder.
fn split(text: &'static str, name: &str) -> (&'static str, &'static str) {
    let mark = format!("{{{name}}}");
    match text.find(&mark) {
        Some(at) => (&text[..at], &text[at + mark.len()..]),
        None => (text, ""),
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
    /// Link that skips the header to the main content.
    SkipToContent,
    /// Accessible name of the header navigation.
    NavLabel,
    /// Header link to the current status.
    NavCurrent,
    /// Header link to the incident history.
    NavHistory,
    /// A refresh failed and older data stays on screen; `{time}` is when it was last loaded.
    RefreshFailed,
    /// Heading of the uptime bars; `{days}` is how many days they cover.
    UptimeHeading,
    /// A component's uptime over the whole period; `{percent}` is e.g. "99.95 %".
    UptimePeriod,
    /// Shown instead of a percentage when nothing was measured.
    UptimeNoData,
    /// Left end of an uptime bar; `{days}` is how many days back it starts.
    UptimeDaysAgo,
    /// Right end of an uptime bar.
    Today,
    /// Accessible name of one day of an uptime bar.
    UptimeDayLabel,
    /// Accessible name of a day without data; `{date}` is the day.
    UptimeDayNoDataLabel,
    /// Accessible name of the days of one bar; `{name}` is the component.
    UptimeDaysLabel,
    /// A day without incidents, in a day's summary.
    NoIncidentsCount,
    /// One incident, in a day's summary.
    OneIncident,
    /// Several incidents, in a day's summary; `{count}` is how many.
    IncidentsCount,
    /// After the incidents a busy day names: how many it does not, linking
    /// to the history; `{count}`.
    MoreIncidents,
    /// Time a component spent in a status on one day; `{status}` and `{duration}`.
    OutageFor,
    /// A duration under an hour; `{minutes}`.
    Minutes,
    /// A duration of an hour or more; `{hours}` and `{minutes}`.
    HoursMinutes,
    /// A duration under a minute.
    UnderAMinute,
    /// Heading of the last days' incidents on the home page.
    PastIncidentsHeading,
    /// A day without incidents in the past incidents.
    NoIncidentsReported,
    /// Link from the home page to the incident history.
    ShowHistory,
    /// Label before an incident's current status.
    IncidentStatusLabel,
    /// Label before when an incident started.
    StartedLabel,
    /// Label before when an incident was resolved.
    ResolvedLabel,
    /// Label before how long an incident lasted.
    DurationLabel,
    /// Duration of an incident that is not resolved yet.
    Ongoing,
    /// Heading of an incident's or maintenance's updates.
    TimelineHeading,
    /// Heading when an incident permalink names no incident.
    IncidentNotFoundHeading,
    /// Explanation when an incident permalink names no incident.
    IncidentNotFoundBody,
    /// Heading when a maintenance permalink names no maintenance.
    MaintenanceNotFoundHeading,
    /// Explanation when a maintenance permalink names no maintenance.
    MaintenanceNotFoundBody,
    /// Heading (and document title) of the history page.
    HistoryHeading,
    /// The history page when nothing was ever reported.
    HistoryEmpty,
    /// A month without incidents in the history.
    MonthNoIncidents,
    /// Heading of a month's maintenances in the history.
    MonthMaintenances,
    /// Button that loads the previous month of history.
    ShowOlder,
    /// Document title of a sub-page; `{title}` and the status page's `{name}`.
    PageDocumentTitle,
    /// Link to the subscription page in the public navigation.
    NavSubscribe,
    /// Heading (and document title) of the subscription page.
    SubscribeHeading,
    /// What a subscription brings.
    SubscribeIntro,
    /// Legend of the choice between email and webhook.
    SubscribeHow,
    /// The email choice.
    SubscribeByEmail,
    /// The webhook choice.
    SubscribeByWebhook,
    /// Label of the address field when subscribing by email.
    SubscribeEmailLabel,
    /// Label of the address field when subscribing by webhook.
    SubscribeWebhookLabel,
    /// Under the email field.
    SubscribeEmailHint,
    /// Under the webhook field.
    SubscribeWebhookHint,
    /// Legend of the choice of what to subscribe to.
    SubscribeWhat,
    /// Subscribe to the whole page.
    SubscribeEverything,
    /// Subscribe to chosen components.
    SubscribeSomeComponents,
    /// When only some components are wanted but none is chosen.
    SubscribeChooseOne,
    /// The form's button.
    SubscribeButton,
    /// After subscribing by email; `{address}`.
    SubscribeEmailSent,
    /// After subscribing a webhook; `{url}`.
    SubscribeWebhookDone,
    /// Heading of the feeds on the subscription page.
    SubscribeFeedsHeading,
    /// Before the feed links.
    SubscribeFeedsIntro,
    /// Label of a component status.
    Component(ComponentStatus),
    /// The overall status sentence for an indicator.
    Indicator(Indicator),
    /// Label of an incident's public impact.
    Impact(Impact),
    /// Label of the status an incident or maintenance update announced.
    Update(UpdateStatus),
    // Portal
    /// A text of the internal portal (its own table, [`PortalMsg`]).
    Portal(PortalMsg),
}

/// The English table.
#[inline(always)]
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
        Msg::SkipToContent => "Skip to content",
        Msg::NavLabel => "Status page",
        Msg::NavCurrent => "Current status",
        Msg::NavHistory => "History",
        Msg::RefreshFailed => "Couldn't refresh. Showing the status as of {time}.",
        Msg::UptimeHeading => "Uptime over the past {days} days",
        Msg::UptimePeriod => "{percent} uptime",
        Msg::UptimeNoData => "No data",
        Msg::UptimeDaysAgo => "{days} days ago",
        Msg::Today => "Today",
        Msg::UptimeDayLabel => "{date}: {status}, {uptime} uptime, {incidents}",
        Msg::UptimeDayNoDataLabel => "{date}: no data",
        Msg::UptimeDaysLabel => "Daily status of {name}, oldest first",
        Msg::NoIncidentsCount => "no incidents",
        Msg::OneIncident => "1 incident",
        Msg::IncidentsCount => "{count} incidents",
        Msg::MoreIncidents => "and {count} more in the history",
        Msg::OutageFor => "{status}: {duration}",
        Msg::Minutes => "{minutes} min",
        Msg::HoursMinutes => "{hours} h {minutes} min",
        Msg::UnderAMinute => "less than a minute",
        Msg::PastIncidentsHeading => "Past incidents",
        Msg::NoIncidentsReported => "No incidents reported.",
        Msg::ShowHistory => "Incident history",
        Msg::IncidentStatusLabel => "Status:",
        Msg::StartedLabel => "Started:",
        Msg::ResolvedLabel => "Resolved:",
        Msg::DurationLabel => "Duration:",
        Msg::Ongoing => "ongoing",
        Msg::TimelineHeading => "Updates",
        Msg::IncidentNotFoundHeading => "Incident not found",
        Msg::IncidentNotFoundBody => "There is no public incident at this address. It may have been removed, or the link may be mistyped.",
        Msg::MaintenanceNotFoundHeading => "Maintenance not found",
        Msg::MaintenanceNotFoundBody => "There is no scheduled maintenance at this address. It may have been removed, or the link may be mistyped.",
        Msg::HistoryHeading => "Incident history",
        Msg::HistoryEmpty => "No incidents have been reported yet.",
        Msg::MonthNoIncidents => "No incidents reported this month.",
        Msg::MonthMaintenances => "Scheduled maintenance",
        Msg::ShowOlder => "Show older",
        Msg::PageDocumentTitle => "{title} · {name}",
        Msg::NavSubscribe => "Subscribe",
        Msg::SubscribeHeading => "Subscribe to updates",
        Msg::SubscribeIntro => "Get a message when an incident is declared, updated and resolved, and before, at the start and at the end of scheduled maintenance.",
        Msg::SubscribeHow => "How",
        Msg::SubscribeByEmail => "By email",
        Msg::SubscribeByWebhook => "By webhook",
        Msg::SubscribeEmailLabel => "Email address",
        Msg::SubscribeWebhookLabel => "Webhook URL",
        Msg::SubscribeEmailHint => "We send a link to confirm the address first; nothing else is sent before you confirm. Every email has a one-click unsubscribe link.",
        Msg::SubscribeWebhookHint => "We POST a JSON body in Statuspage's webhook format (meta, page, incident) to this URL.",
        Msg::SubscribeWhat => "What",
        Msg::SubscribeEverything => "Everything on this page",
        Msg::SubscribeSomeComponents => "Only the components I choose",
        Msg::SubscribeChooseOne => "Choose at least one component, or subscribe to everything.",
        Msg::SubscribeButton => "Subscribe",
        Msg::SubscribeEmailSent => "Check your inbox: we sent a link to {address}. Nothing is sent before you confirm.",
        Msg::SubscribeWebhookDone => "Subscribed: updates will be posted to {url}.",
        Msg::SubscribeFeedsHeading => "Feeds",
        Msg::SubscribeFeedsIntro => "Every public update is also in the page's feeds:",
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
        // Portal
        Msg::Portal(msg) => en_portal(msg),
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

// Portal ----------------------------------------------------------------
// The internal portal's texts (src/portal), kept in this one block apart
// from the public page's. Each entry: the key, optionally what it is for,
// and the English text. `{name}` placeholders are filled by the portal.

macro_rules! portal_messages {
    ($( $(#[doc = $doc:literal])* $name:ident => $en:literal, )+) => {
        /// The key of every text of the internal portal (see [`Msg::Portal`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum PortalMsg {
            $( $(#[doc = $doc])* #[allow(missing_docs)] $name, )+
        }

        impl PortalMsg {
            /// Every portal text, for the catalogue's tests.
            pub const ALL: &'static [PortalMsg] = &[ $( PortalMsg::$name, )+ ];
        }

        /// The English table of the portal.
        const fn en_portal(msg: PortalMsg) -> &'static str {
            match msg {
                $( PortalMsg::$name => $en, )+
            }
        }
    };
}

portal_messages! {
    // The frame, navigation and sign-in.
    PortalTitle => "Herald portal",
    PortalNav => "Portal",
    SkipToContent => "Skip to content",
    NavIncidents => "Incidents",
    NavMaintenance => "Maintenance",
    NavComponents => "Components",
    NavAdmin => "Admin",
    NavNotices => "Notices",
    NavDeliveries => "Deliveries",
    NavPublicPage => "Public page",
    SignInTitle => "Sign in – Herald portal",
    SignInHeading => "Sign in to the Herald portal",
    SignIn => "Sign in",
    SignOut => "Sign out",
    Email => "Email",
    Password => "Password",
    Name => "Name",
    LoginWrong => "The email or password is wrong. Check both and try again.",
    Loading => "Loading…",
    Retry => "Try again",
    RoleViewer => "Viewer",
    RolePublisher => "Publisher",
    RoleAdmin => "Admin",
    ViewerCannotPublish => "Your role can read incidents but not publish. Ask an admin to make you a publisher.",
    // Errors of the internal API.
    ErrorNetwork => "The portal could not reach the Herald server. Check your connection, then try again.",
    ErrorSignedOut => "You are no longer signed in. Sign in again; your draft is kept.",
    ErrorForbidden => "Your role may not do this.",
    ErrorConflict => "Someone else changed this in the meantime. It has been reloaded: check it, then send again.",
    /// `{message}`: the server's sentence.
    ErrorRefused => "The server refused this: {message}.",
    /// `{field}`: the field's label; `{message}`: what is wrong.
    ErrorRefusedField => "The server refused “{field}”: {message}.",
    /// `{status}`: the HTTP status.
    ErrorHttp => "The server answered with an error (HTTP {status}). Try again in a moment.",
    ErrorDecode => "The server's answer could not be read. Reload the page.",
    /// `{field}`: the field's label; `{message}`: what is wrong.
    FieldProblem => "{field}: {message}.",
    // Overdue updates and countdowns.
    OverdueHeading => "Updates overdue",
    /// `{time}`: e.g. "12 min".
    NextUpdateIn => "Next update due in {time}",
    /// `{time}`: e.g. "3 min".
    UpdateOverdueBy => "Update overdue by {time}",
    // The incident list.
    IncidentsHeading => "Incidents",
    DeclareIncident => "Declare an incident",
    OpenIncidents => "Open incidents",
    NoOpenIncidents => "No incident is open.",
    YourDrafts => "Your drafts",
    NoDrafts => "You have no unsent drafts.",
    RecentlyResolved => "Recently resolved",
    NoResolvedIncidents => "No incident has been resolved yet.",
    Age => "Open for",
    NextUpdate => "Next update",
    ResolvedAt => "Resolved",
    Status => "Status",
    Drill => "Drill",
    InternalOnly => "Internal only",
    DraftDeclare => "New incident (not declared yet)",
    DraftUpdate => "Update to an incident",
    DraftResolve => "Resolution of an incident",
    /// `{time}`: when it was saved.
    DraftSavedAt => "saved {time}",
    // Drafts.
    DraftSaving => "Saving draft…",
    /// `{time}`: when it was saved.
    DraftSaved => "Draft saved {time}",
    DraftLocalOnly => "Draft kept in this browser only; the server copy could not be saved.",
    DraftRestored => "Your draft was restored.",
    DiscardDraft => "Discard draft",
    // Declaring.
    DeclareTitle => "Declare an incident – Herald portal",
    DeclareHeading => "Declare an incident",
    IncidentHeading => "The incident",
    IssueKey => "Issue key",
    IssueKeyHint => "The internal ticket, like OPS-142. Never shown to customers.",
    PublicTitle => "Public title",
    PublicTitleHint => "What customers see as the incident's name.",
    Summary => "Internal summary",
    SummaryHint => "What is going on, for staff only.",
    AssessmentHeading => "Who is affected?",
    QuestionAudience => "Is the impact on customers, or internal only?",
    AudienceExternal => "Customers (external)",
    AudienceInternal => "Internal users only",
    QuestionScope => "How many of them are affected?",
    ScopeSome => "Some",
    ScopeAll => "All",
    QuestionSymptom => "What are they seeing?",
    SymptomDown => "The service does not work at all",
    SymptomCoreImpaired => "Core functionality is significantly impaired",
    SymptomDegraded => "It works, slower or less reliably",
    SymptomMinor => "A minor inconvenience with a workaround",
    QuestionSupportCases => "How many support cases have customers opened?",
    QuestionOtherFactors => "Other factors:",
    FactorSecurity => "Confidentiality or privacy is breached",
    FactorDataLoss => "Customer data has been lost",
    FactorAttention => "It draws attention on social media or in the press",
    SeverityHeading => "Severity",
    Severity => "Severity",
    ChooseSeverity => "Choose a severity…",
    SuggestionPending => "Answer the questions above for a suggested severity.",
    /// `{severity}`: e.g. "Sev 2".
    Suggested => "Suggested: {severity}",
    /// `{severity}`: e.g. "Sev 2".
    UseSuggestion => "Use {severity}",
    /// `{chosen}`, `{suggested}`: severities.
    SeverityOverridden => "You chose {chosen} over the suggested {suggested}.",
    /// `{response}`: how responders are brought in.
    SeverityResponse => "Response: {response}.",
    Impact => "Public impact",
    ImpactHint => "Follows the severity unless you choose another.",
    AffectedComponents => "Affected components",
    /// `{name}`: the component.
    ComponentStatusFor => "Status of {name}",
    DetailsHeading => "Start, roles and visibility",
    StartedAt => "Started at",
    StartedAtHint => "In your time zone. Leave empty for now.",
    RolesHeading => "Roles",
    RoleIncidentManager => "Incident manager",
    RoleTechnicalLead => "Technical lead",
    RoleCommunicationsManager => "Communications manager",
    SupportCases => "Support cases",
    Visibility => "Visibility",
    VisibilityPublic => "Public: the status page, its feeds and staff",
    VisibilityInternal => "Internal only: staff, never the public page",
    VisibilityDrill => "Drill: a rehearsal for staff, never public",
    DrillLabel => "This is a drill (never public)",
    MessagesHeading => "Messages",
    ExternalMessage => "External message",
    ExternalMessageHint => "For customers, on the public page and in feeds. Pre-filled from the template.",
    InternalMessage => "Internal message",
    InternalMessageHint => "For staff. Pre-filled from the template.",
    ResetToTemplate => "Back to the template's text",
    ReviewAndPublish => "Review and publish…",
    PublishIncident => "Declare and publish",
    Publishing => "Publishing…",
    // Previews.
    PreviewsLabel => "Previews",
    ExternalPreviewHeading => "Public page preview",
    ExternalPreviewHint => "Exactly as the public status page will show it.",
    InternalPreviewHeading => "Internal notice preview",
    InternalPreviewHint => "As staff will receive it.",
    NothingPublic => "Nothing goes to the public page: this is internal only.",
    // The confirmation step and the leak guard.
    ConfirmHeading => "Check what goes out",
    ConfirmExternalHeading => "External",
    ConfirmExternalTo => "To customers: the public status page, its Atom and RSS feeds, and their subscribers.",
    ConfirmInternalHeading => "Internal",
    ConfirmInternalTo => "To staff: the portal and internal notices.",
    NoInternalNotice => "No internal notice.",
    LeakHeading => "The public text contains internal information",
    /// `{kind}`: what was found; `{text}`: the fragment.
    LeakItem => "{kind}: “{text}”",
    LeakIssueKey => "The issue key",
    LeakSummary => "Words of the internal summary",
    LeakInternalComponent => "An internal-only component",
    LeakAdvice => "Customers should not see this. Go back and change the text, or confirm that it may go out.",
    LeakConfirm => "I have checked the public text: publish it anyway",
    BackToEditing => "Back to editing",
    // The incident page.
    /// `{time}`: when it began.
    StartedAtTime => "Started {time}",
    /// `{time}`: e.g. "1 h 5 min".
    OpenFor => "open for {time}",
    Unassigned => "Not assigned",
    NoAssessment => "No assessment was recorded.",
    NoFactors => "None",
    SuggestedSeverity => "Suggested severity",
    TimelineHeading => "Timeline",
    AudiencePublic => "Public",
    AudienceStaff => "Internal",
    EditedAt => "edited {time}",
    CorrectText => "Correct the text",
    CorrectTextLabel => "Corrected text",
    CorrectTextHint => "Fixes a mistake in place: the status, time and component changes stay, and nobody is notified again.",
    SaveCorrection => "Save correction",
    Cancel => "Cancel",
    EditIncidentHeading => "Change the incident",
    EditIncidentHint => "As it unfolds: a better public title, the severity raised or lowered, the summary, the roles. Nobody is notified; the public page shows the new title and impact.",
    EditIncident => "Change…",
    SaveIncident => "Save changes",
    DeleteComponent => "Delete…",
    DeleteComponentQuestion => "Delete {name}? This cannot be undone. One that incidents, maintenances or subscriptions refer to cannot be deleted: make it internal-only instead.",
    DeleteComponentConfirm => "Delete",
    KeepComponent => "Keep it",
    DetectionsHeading => "Detected by monitoring",
    NoDetections => "Nothing detected.",
    DetectionSeen => "reported {count} times, last {time}",
    DetectionSeenOnce => "reported {time}",
    DeclareDetection => "Declare…",
    DismissDetection => "Dismiss",
    DeclaringDetection => "Declaring what {source} detected: {summary}",
    DetectionGone => "That detection is no longer open. You can still declare an incident here.",
    PostUpdateHeading => "Post an update",
    ComponentTransitions => "Component statuses",
    InternalNoteOnly => "Internal note only (nothing public)",
    ReviewUpdate => "Review update…",
    PublishUpdate => "Publish update",
    ResolveHeading => "Resolve",
    ResolveHint => "Resolve when the business impact is over. Affected components return to operational; final communications go out and no further communication will follow.",
    FinalInternalMessage => "Final internal message",
    FinalExternalMessage => "Final external message",
    RecurringLabel => "It has happened before or is likely to recur",
    ReviewResolve => "Review resolution…",
    ResolveIncident => "Resolve and publish",
    PostmortemHeading => "Post-incident review",
    PostmortemRequired => "A post-incident review is required.",
    PostmortemNotRequired => "A post-incident review is not required.",
    PostmortemRule => "The rule: a review is required when at least two hold — more than one user was affected; it lasted more than 5 minutes; it has happened before or is likely to recur.",
    PostmortemBody => "Public announcement",
    /// `{url}`: the review's address.
    PostmortemDefaultBody => "We have published a post-incident review of this incident: {url}",
    PublishPostmortem => "Publish the review",
    PostmortemPublished => "The post-incident review is published.",
    // Maintenance.
    MaintenanceHeading => "Maintenance",
    MaintenanceListHeading => "Scheduled and recent windows",
    NoMaintenances => "No maintenance is scheduled.",
    ScheduleMaintenance => "Schedule maintenance",
    Announcement => "Announcement",
    WindowUnreadable => "Give the window's start and end as dates and times.",
    ChangeMaintenance => "Extend or cancel…",
    NewEnd => "New end",
    Extend => "Extend",
    CancelMaintenance => "Cancel the maintenance",
    ExtendDefaultBody => "The maintenance window has been extended.",
    CancelDefaultBody => "The maintenance has been cancelled.",
    // Components.
    ComponentsHeading => "Components",
    ComponentListHeading => "The page's components, in the order the page shows them",
    NoComponentsYet => "There are no components yet. Add the first one below.",
    GroupTag => "Group",
    Yes => "Yes",
    No => "No",
    UptimeBars => "Uptime bars",
    Position => "Position",
    Edit => "Edit",
    /// `{name}`: the component.
    EditNamed => "Edit {name}",
    AddComponentHeading => "Add a component or group",
    Kind => "Kind",
    KindComponent => "Component",
    KindGroup => "Group of components",
    Description => "Description",
    DescriptionHint => "Optional; customers see it beside the name.",
    GroupLabel => "Group",
    NoGroup => "No group",
    PositionHint => "Order within its group, smallest first. Leave empty to put it last.",
    PositionNotNumber => "The position must be a whole number.",
    ShowcaseLabel => "Show uptime bars on the public page",
    HideWhileOperational => "Hide on the public page while operational",
    InternalOnlyLabel => "Internal only: staff see it; it never appears on the public page, in documents, feeds or notifications",
    Saved => "Saved.",
    SaveChanges => "Save changes",
    AddComponent => "Add",
    CancelEditing => "Cancel",
    MoveUp => "Up",
    MoveDown => "Down",
    /// `{name}`: the component.
    MoveUpNamed => "Move {name} up",
    /// `{name}`: the component.
    MoveDownNamed => "Move {name} down",
    Actions => "Actions",
    Moved => "Order saved.",
    // Admin.
    AdminHeading => "Admin",
    NeedsAdmin => "This page needs the admin role. Ask an admin if you need to manage people, templates or tokens.",
    UsersHeading => "People",
    Role => "Role",
    /// `{name}`: the person.
    RoleOf => "Role of {name}",
    AddUserHeading => "Add a person",
    PasswordHint => "At least 10 characters. Leave it empty to have one generated and shown once.",
    AddUser => "Add",
    /// `{name}`: the person.
    UserAdded => "{name} can now sign in.",
    /// `{name}`: the person; `{password}`: the generated password.
    UserAddedWithPassword => "{name} can now sign in with this password, shown only now: {password}",
    TemplatesHeading => "Message templates",
    TemplatesHint => "Each stage has an internal template (staff notices) and an external one (the public page and subscribers). Declaring and updating an incident fills them in; the comms manager edits the result before publishing.",
    PlaceholdersHeading => "Placeholders you can use",
    /// `{stage}` and `{channel}`, e.g. "Identified · External".
    TemplateFor => "{stage} · {channel}",
    ChannelInternal => "Internal",
    ChannelExternal => "External",
    Customised => "Customised",
    BuiltIn => "Built-in",
    TemplateTitle => "Title",
    TemplateBody => "Message",
    TemplatePreview => "Preview with sample values",
    SaveTemplate => "Save template",
    ResetTemplate => "Back to the built-in template",
    TemplateReset => "Back to the built-in template.",
    CadenceHeading => "Update cadence",
    CadenceHint => "How many minutes may pass between updates of an open incident. The portal counts down to the next update and flags late ones on every page.",
    Sev1Minutes => "Sev 1: minutes between updates",
    Sev2Minutes => "Sev 2: minutes between updates",
    Sev3Minutes => "Sev 3: minutes between updates",
    MinutesNotNumber => "Give each cadence as a whole number of minutes.",
    SaveCadence => "Save cadence",
    PageHeading => "The page",
    PageHint => "What the public page says about itself. Every public document, feed and email follows as soon as you save.",
    PageName => "Name",
    PageUrl => "Public URL",
    PageTimeZone => "Time zone",
    PageTimeZoneHint => "The IANA name, e.g. Europe/Berlin or America/New_York: days and months of the history are counted in it.",
    PageDescription => "Description (for search results and link previews)",
    PageIndexable => "Search engines may index the public page",
    SavePage => "Save page settings",
    TokensHeading => "API tokens",
    TokensHint => "A token lets a script or another tool use Herald's API as you. Send it as `Authorization: Bearer <token>`.",
    NoTokens => "No tokens yet.",
    Created => "Created",
    Revoke => "Revoke",
    /// `{name}`: the token.
    RevokeNamed => "Revoke {name}",
    Revoked => "Revoked",
    CreateTokenHeading => "Create a token",
    TokenName => "Token name",
    TokenNameHint => "What it is for, e.g. “deploy pipeline”.",
    CreateToken => "Create token",
    /// `{name}`: the token.
    TokenCreated => "Token “{name}” created. Copy it now: it will not be shown again.",
    TokenSecret => "Token",
    AuditHeading => "Audit trail",
    NoAudit => "Nothing has been recorded yet.",
    AuditWhen => "When",
    AuditWho => "Who",
    AuditWhat => "What",
    AuditChange => "Change",
    AuditShowChange => "Before and after",
    AuditBefore => "Before",
    AuditAfter => "After",
    ShowMore => "Show more",
    // Notices.
    NoticesHeading => "Internal notices",
    NoticesHint => "Every update of every incident as staff receive it, with what customers never see. Subscribe below to get them by email, webhook or chat, or in your own feed.",
    LatestNotices => "Latest notices",
    NoNotices => "No notices yet.",
    LabelDrill => "DRILL",
    LabelInternalOnly => "INTERNAL ONLY",
    NoticePublicUpdate => "Public update",
    NoticeInternalNote => "Internal note",
    MySubscriptionsHeading => "My subscriptions",
    NoSubscriptions => "You are not subscribed yet.",
    AddSubscriptionHeading => "Subscribe to notices",
    WayLegend => "How",
    WayEmail => "Email",
    WayWebhook => "Webhook (JSON)",
    WayChat => "Chat webhook (Slack-compatible)",
    Address => "Address",
    AddressEmailHint => "Your email address.",
    AddressWebhookHint => "The webhook's URL.",
    ScopeLegend => "Which incidents",
    ScopeEverything => "Every incident",
    ScopeChosen => "Only incidents on the components I choose",
    ChooseOneComponent => "Choose at least one component, or subscribe to every incident.",
    SubscribeToNotices => "Subscribe",
    Remove => "Remove",
    /// `{address}`: the subscription's email address or URL.
    RemoveNamed => "Remove {address}",
    /// `{address}`: the new subscription's email address or URL.
    SubscriptionAdded => "Subscribed: {address}.",
    /// `{address}`: the ended subscription's email address or URL.
    SubscriptionRemoved => "Removed {address}.",
    FeedHeading => "My Atom feed",
    FeedHint => "A private feed of these notices for your feed reader. Its address is the key: anyone with it can read the notices. Make a new one if it leaks; the old one stops working.",
    FeedUrl => "Feed address (shown only now)",
    FeedUrlHint => "Copy it into your feed reader now: it is selected when you click it, and it is not shown again.",
    CreateFeed => "Create my feed",
    RegenerateFeed => "Make a new address",
    RevokeFeed => "Revoke my feed",
    FeedCreated => "Your feed is ready: add its address to your feed reader.",
    FeedReplaced => "Your feed has a new address; the old one no longer works.",
    FeedRevoked => "Your feed is revoked.",
    // Deliveries.
    DeliveriesHeading => "Deliveries",
    DeliveriesHint => "Every email and webhook call, newest first. Failed ones are retried with growing delays before they are given up.",
    OnlyFailed => "Only failed deliveries",
    Refresh => "Refresh",
    NoDeliveries => "No deliveries to show.",
    DeliveriesNeedAdmin => "Deliveries need the admin role: they show every subscriber's address. Ask an admin if you need to know why a notice did not arrive.",
    Queued => "Queued",
    DeliveryTo => "To",
    DeliveryChannel => "Channel",
    DeliveryFor => "For",
    Attempts => "Attempts",
    LastError => "Last error",
    NextAttempt => "Next attempt",
    NothingDue => "none",
    ChannelEmail => "Email",
    ChannelWebhook => "Webhook",
    ChannelChat => "Chat webhook",
    DeliveryPending => "Pending",
    DeliveryDelivered => "Delivered",
    DeliveryFailed => "Failed",
    DeliveryUnknown => "Other",
    KindConfirm => "Confirmation request",
    KindNew => "New incident",
    KindUpdate => "Incident update",
    KindReminder => "Maintenance reminder",
    KindNotice => "Internal notice",
    // Places named in errors.
    PostmortemUrl => "Postmortem link",
    WindowStart => "Start",
    WindowEnd => "End",
}

#[cfg(test)]
mod portal_message_tests {
    use super::*;

    #[test]
    fn every_portal_text_is_written_and_keeps_its_placeholders() {
        let names = |text: &str| {
            let mut n: Vec<String> = text
                .split('{')
                .skip(1)
                .filter_map(|r| r.split_once('}').map(|(n, _)| n.to_owned()))
                .collect();
            n.sort();
            n
        };
        for locale in Locale::ALL {
            for msg in PortalMsg::ALL {
                let text = locale.text(Msg::Portal(*msg));
                assert!(!text.trim().is_empty(), "{locale:?} {msg:?}");
                assert_eq!(
                    names(text),
                    names(Locale::En.text(Msg::Portal(*msg))),
                    "{msg:?}"
                );
            }
        }
    }
}
// End of the portal block ------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates in the words `Intl` writes for the locale, in the browser and
    /// off it alike, so a page rendered on the server reads as the app's.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn dates_read_the_same_in_the_browser_and_on_the_server() {
        let date: NaiveDate = "2026-11-05".parse().unwrap();
        assert_eq!(Locale::En.date(date), "Nov 5, 2026");
        assert_eq!(Locale::En.short_date(date), "Nov 5");
        assert_eq!(Locale::En.month("2026-11"), "November 2026");
        assert_eq!(Locale::En.month("soon"), "soon");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn off_the_browser_times_are_written_in_utc_and_say_so() {
        let at: DateTime<Utc> = "2026-11-22T20:07:00Z".parse().unwrap();
        assert_eq!(Locale::En.datetime(at), "Nov 22, 2026, 08:07 PM UTC");
        let morning: DateTime<Utc> = "2026-01-02T09:47:00Z".parse().unwrap();
        assert_eq!(Locale::En.datetime(morning), "Jan 2, 2026, 09:47 AM UTC");
    }

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
            Msg::SkipToContent,
            Msg::NavLabel,
            Msg::NavCurrent,
            Msg::NavHistory,
            Msg::RefreshFailed,
            Msg::UptimeHeading,
            Msg::UptimePeriod,
            Msg::UptimeNoData,
            Msg::UptimeDaysAgo,
            Msg::Today,
            Msg::UptimeDayLabel,
            Msg::UptimeDayNoDataLabel,
            Msg::UptimeDaysLabel,
            Msg::NoIncidentsCount,
            Msg::OneIncident,
            Msg::IncidentsCount,
            Msg::OutageFor,
            Msg::Minutes,
            Msg::HoursMinutes,
            Msg::UnderAMinute,
            Msg::PastIncidentsHeading,
            Msg::NoIncidentsReported,
            Msg::ShowHistory,
            Msg::IncidentStatusLabel,
            Msg::StartedLabel,
            Msg::ResolvedLabel,
            Msg::DurationLabel,
            Msg::Ongoing,
            Msg::TimelineHeading,
            Msg::IncidentNotFoundHeading,
            Msg::IncidentNotFoundBody,
            Msg::MaintenanceNotFoundHeading,
            Msg::MaintenanceNotFoundBody,
            Msg::HistoryHeading,
            Msg::HistoryEmpty,
            Msg::MonthNoIncidents,
            Msg::MonthMaintenances,
            Msg::ShowOlder,
            Msg::PageDocumentTitle,
            Msg::MoreIncidents,
            Msg::NavSubscribe,
            Msg::SubscribeHeading,
            Msg::SubscribeIntro,
            Msg::SubscribeHow,
            Msg::SubscribeByEmail,
            Msg::SubscribeByWebhook,
            Msg::SubscribeEmailLabel,
            Msg::SubscribeWebhookLabel,
            Msg::SubscribeEmailHint,
            Msg::SubscribeWebhookHint,
            Msg::SubscribeWhat,
            Msg::SubscribeEverything,
            Msg::SubscribeSomeComponents,
            Msg::SubscribeChooseOne,
            Msg::SubscribeButton,
            Msg::SubscribeEmailSent,
            Msg::SubscribeWebhookDone,
            Msg::SubscribeFeedsHeading,
            Msg::SubscribeFeedsIntro,
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
    fn percentages_are_cut_never_rounded_up_to_100() {
        let en = Locale::En;
        assert_eq!(en.percent(100.0), "100 %");
        assert_eq!(en.percent(99.957), "99.95 %");
        assert_eq!(en.percent(99.999), "99.99 %");
        assert_eq!(en.percent(97.43055), "97.43 %");
        assert_eq!(en.percent(99.5), "99.5 %");
        assert_eq!(en.percent(0.0), "0 %");
        assert_eq!(en.percent(98.1), "98.1 %");
    }

    #[test]
    fn durations_read_in_minutes_and_hours() {
        let en = Locale::En;
        assert_eq!(en.duration(20), "less than a minute");
        assert_eq!(en.duration(2220), "37 min");
        assert_eq!(en.duration(3600 + 300), "1 h 5 min");
        assert_eq!(en.duration(-5), "less than a minute");
    }

    #[test]
    fn incident_counts_agree_with_their_number() {
        let en = Locale::En;
        assert_eq!(en.incident_count(0), "no incidents");
        assert_eq!(en.incident_count(1), "1 incident");
        assert_eq!(en.incident_count(4), "4 incidents");
    }

    #[test]
    fn utc_times_name_the_zone() {
        let at = herald_model::time::parse("2026-11-05T17:48:13.845Z").unwrap();
        assert_eq!(Locale::En.utc_datetime(at), "2026-11-05 17:48 UTC");
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

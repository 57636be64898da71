//! One component's uptime bar: a day per stripe, coloured by the worst
//! status of that day, with the day's details in a popover.
//!
//! The popover opens on hover, on keyboard focus and on tap (click), and
//! stays open while the pointer or the focus is inside the bar, so its
//! incident links can be reached. The days are one tab stop (a roving
//! `tabindex`): Tab enters the bar on the latest day, arrow keys, Home and
//! End move between days, Escape closes the details.

use crate::components::StatusIcon;
use crate::i18n::{use_locale, Locale, Msg};
use crate::site::link_rel;
use herald_model::herald::{ComponentUptime, UptimeDay};
use herald_model::{ComponentStatus, Indicator};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// The CSS level of a day: its worst status as an indicator level, or
/// `none-data` (neutral) for a day without measurement.
fn day_level(day: &UptimeDay) -> &'static str {
    match day.uptime.worst {
        Some(status) => Indicator::from_component(status).as_str(),
        None => "nodata",
    }
}

/// The accessible name of a day: everything its stripe shows in colour,
/// in words ("Nov 4: partial outage, 99.2 % uptime, 1 incident").
pub fn day_label(locale: Locale, day: &UptimeDay) -> String {
    let date = locale.short_date(day.uptime.date);
    match (day.uptime.worst, day.uptime.uptime) {
        (Some(worst), Some(uptime)) => locale.fill(
            Msg::UptimeDayLabel,
            &[
                ("date", &date),
                ("status", &locale.text(Msg::Component(worst)).to_lowercase()),
                ("uptime", &locale.percent(uptime)),
                ("incidents", &locale.incident_count(day.incident_count())),
            ],
        ),
        _ => locale.fill(Msg::UptimeDayNoDataLabel, &[("date", &date)]),
    }
}

/// The uptime bar of one showcased component, with its name and its
/// uptime over the whole period.
#[component]
pub fn UptimeBar(
    /// The component's days (oldest first) and period uptime.
    uptime: ComponentUptime,
) -> impl IntoView {
    let locale = use_locale();
    let ComponentUptime {
        id,
        name,
        uptime: period,
        days,
        ..
    } = uptime;
    let count = days.len();
    let days = StoredValue::new(days);
    // The day under the pointer, and the day focused or tapped; the
    // popover shows the first of them.
    let hovered = RwSignal::new(None::<usize>);
    let selected = RwSignal::new(None::<usize>);
    // Which day takes the tab stop: the last one touched, else today.
    let roving = RwSignal::new(count.saturating_sub(1));
    let shown = Memo::new(move |_| hovered.get().or(selected.get()));
    let details_id = format!("uptime-details-{id}");
    let days_label = locale.fill(Msg::UptimeDaysLabel, &[("name", &name)]);
    let wrapper = NodeRef::<leptos::html::Div>::new();

    let focus_day = move |index: usize| {
        let Some(wrapper) = wrapper.get_untracked() else {
            return;
        };
        if let Ok(Some(el)) = wrapper.query_selector(&format!("[data-day-index=\"{index}\"]")) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                _ = el.focus();
            }
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let current = roving.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => current.saturating_sub(1),
            "ArrowRight" | "ArrowUp" => (current + 1).min(count.saturating_sub(1)),
            "Home" => 0,
            "End" => count.saturating_sub(1),
            "Escape" => {
                selected.set(None);
                hovered.set(None);
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        roving.set(next);
        focus_day(next);
    };
    // Focus leaving the bar (not moving into its popover) closes it.
    let on_focusout = move |ev: web_sys::FocusEvent| {
        let inside = match (wrapper.get_untracked(), ev.related_target()) {
            (Some(wrapper), Some(target)) => target
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|node| wrapper.contains(Some(node))),
            _ => false,
        };
        if !inside {
            selected.set(None);
        }
    };

    let stripes = (0..count)
        .map(|index| {
            let (label, level, date, worst) = days.with_value(|days| {
                let day = &days[index];
                (
                    day_label(locale, day),
                    day_level(day),
                    day.uptime.date.to_string(),
                    day.uptime.worst.map(ComponentStatus::as_str),
                )
            });
            view! {
                <button
                    type="button"
                    class=format!("day level-{level}")
                    data-testid="uptime-day"
                    data-date=date
                    data-worst=worst
                    data-day-index=index
                    aria-label=label
                    tabindex=move || if roving.get() == index { "0" } else { "-1" }
                    on:mouseenter=move |_| hovered.set(Some(index))
                    on:focus=move |_| {
                        roving.set(index);
                        selected.set(Some(index));
                    }
                    on:click=move |_| {
                        roving.set(index);
                        selected.set(Some(index));
                    }
                ></button>
            }
        })
        .collect_view();

    view! {
        <div class="uptime" data-testid="uptime-bar" data-component-id=id>
            <div class="uptime-head">
                <h3 class="uptime-name">{name}</h3>
                <p class="uptime-period" data-testid="uptime-period">
                    {match period {
                        Some(p) => locale.fill(Msg::UptimePeriod, &[("percent", &locale.percent(p))]),
                        None => locale.text(Msg::UptimeNoData).to_owned(),
                    }}
                </p>
            </div>
            <div
                class="uptime-track"
                node_ref=wrapper
                on:mouseleave=move |_| hovered.set(None)
                on:keydown=on_keydown
                on:focusout=on_focusout
            >
                <div class="days" role="group" aria-label=days_label>
                    {stripes}
                </div>
                {move || {
                    shown
                        .get()
                        .map(|index| {
                            let day = days.with_value(|days| days[index].clone());
                            // Centre the popover on its day, clamped
                            // inside the bar by CSS; in hundredths of a
                            // percent (whole numbers: no float formatting
                            // in the module).
                            let at = (2 * index + 1) * 10_000 / (2 * count.max(1));
                            view! { <DayDetails day id=details_id.clone() at /> }
                        })
                }}
            </div>
            <p class="uptime-legend" aria-hidden="true">
                <span>{locale.fill(Msg::UptimeDaysAgo, &[("days", &count.to_string())])}</span>
                <span>{locale.text(Msg::Today)}</span>
            </p>
        </div>
    }
}

/// The popover of one day: date, status, uptime, outage times and the
/// day's incidents as links to their permalinks.
#[component]
fn DayDetails(
    /// The day to describe.
    day: UptimeDay,
    /// The element id (the days point at it with `aria-controls`).
    id: String,
    /// Where the day's stripe is, in hundredths of a percent of the bar's
    /// width.
    at: usize,
) -> impl IntoView {
    let locale = use_locale();
    let UptimeDay {
        uptime,
        incidents,
        more_incidents,
    } = day;
    let level = uptime
        .worst
        .map(Indicator::from_component)
        .unwrap_or(Indicator::None);
    let status = match uptime.worst {
        Some(worst) => view! {
            <p class=format!("status level-{}", level.as_str())>
                <StatusIcon level />
                <span class="status-label">{locale.text(Msg::Component(worst))}</span>
            </p>
        }
        .into_any(),
        None => view! { <p class="muted">{locale.text(Msg::UptimeNoData)}</p> }.into_any(),
    };
    let outages = [
        (ComponentStatus::MajorOutage, uptime.major_outage_seconds),
        (ComponentStatus::PartialOutage, uptime.partial_outage_seconds),
    ]
    .into_iter()
    .filter(|(_, seconds)| *seconds > 0)
    .map(|(status, seconds)| {
        view! {
            <li>
                {locale.fill(
                    Msg::OutageFor,
                    &[("status", locale.text(Msg::Component(status))), ("duration", &locale.duration(seconds))],
                )}
            </li>
        }
    })
    .collect_view();
    let incident_links = if incidents.is_empty() {
        view! { <p class="muted">{locale.text(Msg::NoIncidentsReported)}</p> }.into_any()
    } else {
        view! {
            <ul class="day-incidents" role="list">
                {incidents
                    .into_iter()
                    .map(|incident| {
                        let level = Indicator::from_impact(incident.impact);
                        view! {
                            <li class=format!("level-{}", level.as_str())>
                                <A href=format!("/incidents/{}", incident.id)>{incident.name}</A>
                                " · "
                                <span class="muted">{locale.text(Msg::Impact(incident.impact))}</span>
                            </li>
                        }
                    })
                    .collect_view()}
                {(more_incidents > 0).then(|| view! {
                    <li>
                        <A href="/history" attr:rel=link_rel("/history")>
                            {locale.fill(Msg::MoreIncidents, &[("count", &more_incidents.to_string())])}
                        </A>
                    </li>
                })}
            </ul>
        }
        .into_any()
    };
    view! {
        <div
            class="day-details"
            id=id
            data-testid="uptime-day-details"
            data-date=uptime.date.to_string()
            style=format!("--at: {}.{:02}%", at / 100, at % 100)
        >
            <p class="day-date">{locale.date(uptime.date)}</p>
            {status}
            {uptime.uptime.map(|u| {
                view! {
                    <p>{locale.fill(Msg::UptimePeriod, &[("percent", &locale.percent(u))])}</p>
                }
            })}
            <ul class="day-outages" role="list">{outages}</ul>
            {incident_links}
        </div>
    }
}

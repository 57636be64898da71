//! The banner on every portal page that lists incidents whose next update
//! is late: the cadence is a promise to customers and staff.

use crate::i18n::PortalMsg as P;
use crate::portal::components::NextUpdate;
use crate::portal::context::{use_clock, use_incidents};
use crate::portal::t;
use herald_model::cadence::is_overdue;
use leptos::prelude::*;
use leptos_router::components::A;

/// Each overdue incident with a link to it; nothing when none is late.
#[component]
pub fn OverdueBanner() -> impl IntoView {
    let incidents = use_incidents();
    let clock = use_clock();
    // Which incidents are late changes rarely; the memo keeps the list (and
    // what a screen reader announces) still while the clock ticks.
    let overdue = Memo::new(move |_| {
        let now = clock.now();
        incidents.0.with(|answer| match answer {
            Some(Ok(list)) => list
                .iter()
                .filter(|i| i.status.is_unresolved())
                .filter(|i| i.next_update_due.is_some_and(|due| is_overdue(due, now)))
                .map(|i| {
                    (
                        i.id.clone(),
                        i.issue_key.clone(),
                        i.title.clone(),
                        i.next_update_due,
                    )
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    move || {
        let list = overdue.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="overdue-banner" data-testid="overdue-banner" role="alert" aria-labelledby="overdue-heading">
                    <h2 id="overdue-heading">{t(P::OverdueHeading)}</h2>
                    <ul>
                        {list
                            .into_iter()
                            .map(|(id, key, title, due)| {
                                view! {
                                    <li data-testid="overdue-incident">
                                        <A href=format!("/portal/incidents/{id}")>
                                            <strong>{key}</strong>
                                            " "
                                            {title}
                                        </A>
                                        " "
                                        <NextUpdate due />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

//! The placeholder shown while the status loads for the first time.

use crate::i18n::{use_locale, Msg};
use leptos::prelude::*;

/// Grey shapes where the banner and the first component rows will be, sized
/// like them so nothing jumps when the status arrives, and one sentence for
/// screen readers and slow connections.
#[component]
pub fn StatusSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" data-testid="loading" aria-busy="true">
            <div class="overall level-loading">
                <span class="icon skeleton-block"></span>
                <div class="overall-text">
                    <p class="overall-loading" role="status">
                        {use_locale().text(Msg::Loading)}
                    </p>
                    <span class="skeleton-line"></span>
                </div>
            </div>
            <div class="skeleton-list" aria-hidden="true">
                <span class="skeleton-line wide"></span>
                <span class="skeleton-row"></span>
                <span class="skeleton-row"></span>
                <span class="skeleton-row"></span>
            </div>
        </div>
    }
}

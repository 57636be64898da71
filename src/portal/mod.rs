//! The internal portal under `/portal`: where comms managers declare
//! incidents, write templated internal and external updates with live
//! previews, keep the update cadence and resolve with final communications,
//! and where admins manage components, maintenances, users and templates.
//!
//! Code map:
//! - [`app`]: the portal app's root and router (every portal route).
//! - [`pages`]: one `…Page` component per portal route.
//! - [`components`]: the portal's own pieces (shell, previews, confirmation).
//! - [`api`]: the portal's part of the HTTP layer (the internal API).
//! - [`declare_form`], [`incident_forms`]: what each form holds and the
//!   request it becomes; [`compose`]: filling templates; [`countdown`]: the
//!   update cadence in words; [`component_order`]: the components page's
//!   order and moving one up or down. These are plain functions with host
//!   tests.
//! - [`drafts`]: autosaving a form to localStorage and the server.
//!
//! Not here: the rules (severity suggestion, leak guard, templates, cadence,
//! transitions) — they are the model crate's, called from here. Texts are
//! in [`crate::i18n`] (`Msg::Portal`).

pub mod api;
pub mod app;
mod browser;
pub mod component_order;
pub mod components;
pub mod compose;
pub mod context;
pub mod countdown;
pub mod declare_form;
pub mod drafts;
pub mod incident_forms;
pub mod pages;

pub use pages::*;

use crate::i18n::{use_locale, Msg, PortalMsg};

/// The portal text `msg` in the viewer's locale.
pub(crate) fn t(msg: PortalMsg) -> &'static str {
    use_locale().text(Msg::Portal(msg))
}

/// The portal text `msg` with its `{placeholders}` filled.
pub(crate) fn tf(msg: PortalMsg, args: &[(&str, &str)]) -> String {
    use_locale().fill(Msg::Portal(msg), args)
}

//! Herald's web app: the public status page (and, later, the internal
//! portal), a Leptos client-side-rendered app built to wasm32 by trunk.
//!
//! Code map:
//! - [`app`]: the root component and the router (which URL shows which page).
//! - [`pages`]: one component per route, named `…Page`.
//! - [`components`]: the pieces pages are built from, one per file.
//! - [`api`]: the only module that talks HTTP; typed results and errors.
//! - [`i18n`]: the one message catalogue; every user-facing text is there.
//! - [`past_days`], [`site`]: what pages derive from documents (the past
//!   incidents by the viewer's day) and share (the status page's name).
//!
//! Architecture invariant: the app reads the public documents
//! (`/api/v2/*.json`) by root-relative paths and needs nothing else, so the
//! same build works behind the Herald server and on a plain static host.
//! The wire types come from `herald-model`; nothing here redefines them.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod past_days;
pub mod portal;
pub mod site;

pub use app::App;

//! Herald's web apps: the public status page and the internal portal, Leptos
//! apps built to wasm32 by trunk. The public status app is also rendered to
//! HTML by the server (the `ssr` feature, [`render`]), and the browser's
//! build (the `hydrate` feature) takes that HTML over. They share this
//! library but are two binaries (`src/main.rs` from `index.html`,
//! `src/bin/herald-portal.rs` from `portal.html`), so the public page's
//! wasm carries none of the portal.
//!
//! Code map:
//! - [`app`]: the public app's root component and router (which URL shows
//!   which page); the portal's is [`portal::app`].
//! - [`pages`]: one component per route, named `…Page`.
//! - [`components`]: the pieces pages are built from, one per file.
//! - [`api`]: the only module that talks HTTP; typed results and errors.
//! - [`i18n`]: the one message catalogue; every user-facing text is there.
//! - [`seed`]: the documents a server-rendered page was rendered from,
//!   written into it for the browser to start from; [`render`] (server
//!   only) renders a page from them.
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
#[cfg(feature = "ssr")]
pub mod render;
pub mod seed;
pub mod site;

pub use app::App;

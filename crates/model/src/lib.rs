//! Herald's domain model: the vocabularies of statuses and severities, the
//! rules that hold between them, and the wire shapes of every document and
//! request.
//!
//! Architecture invariant: this crate knows no UI, no HTTP, no database and
//! no clock. Callers pass "now". It builds for the host (server) and for
//! wasm32 (web app), and every rule is unit-tested in its own file.

pub mod api;
pub mod assessment;
pub mod cadence;
pub mod component_tree;
pub mod herald;
pub mod leak;
pub mod outbound;
pub mod portal;
pub mod postmortem;
pub mod public_state;
pub mod rollup;
pub mod severity;
pub mod status;
pub mod templates;
pub mod time;
pub mod uptime;
pub mod v2;

pub use rollup::{overall_status, Indicator, RollupInput};
pub use severity::Severity;
pub use status::{
    ComponentStatus, Impact, IncidentStatus, MaintenanceStatus, UnknownValue, UpdateStatus,
};

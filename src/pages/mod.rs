//! One component per route, each named `…Page` and kept in the file of the
//! same name in snake_case. Pages fetch their data (through [`crate::api`])
//! and lay out [`crate::components`]; they hold no markup worth reusing.

mod history_page;
mod incident_page;
mod maintenance_page;
mod not_found_page;
mod permalink_doc;
mod status_page;
pub mod subscribe_page;

pub use history_page::HistoryPage;
pub use incident_page::IncidentPage;
pub use maintenance_page::MaintenancePage;
pub use not_found_page::NotFoundPage;
pub use status_page::StatusPage;
pub use subscribe_page::SubscribePage;

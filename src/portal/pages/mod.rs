//! One component per portal route, named `…Page` (routes: `crate::portal::app`).
//! The admin page is a folder: one file per section.

mod admin;
mod components_page;
mod declare_page;
mod deliveries_page;
mod incident_list_page;
mod incident_portal_page;
mod login_page;
mod maintenances_page;
mod notices_page;

pub use admin::AdminPage;
pub use components_page::ComponentsPage;
pub use declare_page::DeclarePage;
pub use deliveries_page::DeliveriesPage;
pub use incident_list_page::IncidentListPage;
pub use incident_portal_page::IncidentPortalPage;
pub use login_page::LoginPage;
pub use maintenances_page::MaintenancesPage;
pub use notices_page::NoticesPage;

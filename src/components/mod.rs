//! The pieces pages are built from: one component per file, named like the
//! file, each prop documented. Components take data and render it; they do
//! not fetch (that is [`crate::api`], called by pages) and hold no text of
//! their own (that is [`crate::i18n`]).

mod affected_components;
mod component_list;
mod component_row;
mod error_notice;
mod facts;
mod incident_card;
mod incident_list;
mod local_time;
mod maintenance_card;
mod maintenance_list;
mod overall_status;
mod page_message;
mod past_incidents;
mod site_footer;
mod site_header;
mod site_title;
mod status_badge;
mod status_icon;
mod status_skeleton;
mod update_list;
mod uptime_bar;
mod uptime_list;

pub use affected_components::AffectedComponents;
pub use component_list::ComponentList;
pub use component_row::ComponentRow;
pub use error_notice::ErrorNotice;
pub use facts::{Fact, Facts};
pub use incident_card::IncidentCard;
pub use incident_list::IncidentList;
pub use local_time::LocalTime;
pub use maintenance_card::MaintenanceCard;
pub use maintenance_list::MaintenanceList;
pub use overall_status::OverallStatus;
pub use page_message::PageMessage;
pub use past_incidents::PastIncidents;
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use site_title::SiteTitle;
pub use status_badge::StatusBadge;
pub use status_icon::StatusIcon;
pub use status_skeleton::StatusSkeleton;
pub use update_list::UpdateList;
pub use uptime_bar::UptimeBar;
pub use uptime_list::UptimeList;

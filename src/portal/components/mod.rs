//! The portal's own pieces, one component per file, each prop documented.
//! Like the public components they take data and render it; the pages
//! fetch (through [`crate::portal::api`]).

mod check_box;
mod component_choices;
mod draft_status;
mod error_text;
mod external_preview;
mod incident_edit;
mod internal_preview;
mod next_update;
mod overdue_banner;
mod portal_shell;
mod publish_confirmation;
mod text_area;
mod text_field;

pub use check_box::CheckBox;
pub use component_choices::ComponentChoices;
pub use draft_status::DraftStatus;
pub use error_text::{error_text, field_label, field_problem};
pub use external_preview::{preview_component, preview_incident, preview_update, ExternalPreview};
pub use incident_edit::IncidentEdit;
pub use internal_preview::InternalPreview;
pub use next_update::NextUpdate;
pub use overdue_banner::OverdueBanner;
pub use portal_shell::{role_label, PortalShell};
pub use publish_confirmation::PublishConfirmation;
pub use text_area::TextArea;
pub use text_field::TextField;

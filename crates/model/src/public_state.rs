//! What customers see is derived from what they were told: the public state
//! of an incident or a component moves only with public events.
//!
//! A drill, an internal-only incident or an internal update is an internal
//! event: it may move the staff's view (the incident's status in the
//! portal, a component's status there) but never a public document, the
//! overall indicator or public uptime.

use crate::api::{Audience, Visibility};
use crate::v2::IncidentUpdate;
use crate::{IncidentStatus, UpdateStatus};
use chrono::{DateTime, Utc};

/// Whether an update reaches customers: a public update of a public
/// incident or maintenance. Only such an update moves public state.
pub fn reaches_public(visibility: Visibility, audience: Audience) -> bool {
    visibility == Visibility::Public && audience == Audience::Public
}

/// An incident's progress as its public updates tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicProgress {
    /// The status of the newest public update.
    pub status: IncidentStatus,
    /// When the first public update said `monitoring`.
    pub monitoring_at: Option<DateTime<Utc>>,
    /// When the public was told it is resolved (the newest `resolved`
    /// update), while the newest public update says resolved or postmortem.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// The public progress of an incident from its public updates, newest
/// first; `None` when it has none (or they carry maintenance statuses).
pub fn incident_progress(public_updates: &[IncidentUpdate]) -> Option<PublicProgress> {
    let status = incident_status(public_updates.first()?.status)?;
    let monitoring_at = public_updates
        .iter()
        .rev()
        .find(|u| u.status == UpdateStatus::Monitoring)
        .map(|u| u.created_at);
    let resolved_at = matches!(
        status,
        IncidentStatus::Resolved | IncidentStatus::Postmortem
    )
    .then(|| {
        public_updates
            .iter()
            .find(|u| u.status == UpdateStatus::Resolved)
            .map(|u| u.created_at)
    })
    .flatten();
    Some(PublicProgress {
        status,
        monitoring_at,
        resolved_at,
    })
}

/// The incident status an update announces; `None` for a maintenance's.
pub fn incident_status(status: UpdateStatus) -> Option<IncidentStatus> {
    Some(match status {
        UpdateStatus::Investigating => IncidentStatus::Investigating,
        UpdateStatus::Identified => IncidentStatus::Identified,
        UpdateStatus::Monitoring => IncidentStatus::Monitoring,
        UpdateStatus::Resolved => IncidentStatus::Resolved,
        UpdateStatus::Postmortem => IncidentStatus::Postmortem,
        UpdateStatus::Scheduled
        | UpdateStatus::InProgress
        | UpdateStatus::Verifying
        | UpdateStatus::Completed => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(status: UpdateStatus, minute: i64) -> IncidentUpdate {
        let at: DateTime<Utc> = "2026-06-17T10:00:00Z".parse().unwrap();
        let at = at + chrono::Duration::minutes(minute);
        IncidentUpdate {
            id: format!("u{minute}"),
            status,
            body: String::new(),
            incident_id: "i".to_owned(),
            created_at: at,
            updated_at: at,
            display_at: at,
            affected_components: vec![],
            deliver_notifications: true,
            custom_tweet: None,
            tweet_id: None,
        }
    }

    #[test]
    fn only_a_public_update_of_a_public_incident_reaches_customers() {
        assert!(reaches_public(Visibility::Public, Audience::Public));
        assert!(!reaches_public(Visibility::Public, Audience::Internal));
        assert!(!reaches_public(Visibility::Internal, Audience::Public));
        assert!(!reaches_public(Visibility::Internal, Audience::Internal));
    }

    #[test]
    fn the_public_status_is_the_newest_public_updates() {
        let updates = [
            update(UpdateStatus::Identified, 20),
            update(UpdateStatus::Investigating, 0),
        ];
        let progress = incident_progress(&updates).unwrap();
        assert_eq!(progress.status, IncidentStatus::Identified);
        assert_eq!(progress.monitoring_at, None);
        assert_eq!(progress.resolved_at, None);
    }

    #[test]
    fn monitoring_since_the_first_public_monitoring_update_and_resolved_when_told() {
        let updates = [
            update(UpdateStatus::Postmortem, 90),
            update(UpdateStatus::Resolved, 60),
            update(UpdateStatus::Monitoring, 40),
            update(UpdateStatus::Monitoring, 30),
            update(UpdateStatus::Investigating, 0),
        ];
        let progress = incident_progress(&updates).unwrap();
        assert_eq!(progress.status, IncidentStatus::Postmortem);
        assert_eq!(progress.monitoring_at, Some(updates[3].created_at));
        assert_eq!(progress.resolved_at, Some(updates[1].created_at));
    }

    #[test]
    fn a_resolution_taken_back_is_no_longer_resolved() {
        // Reopened: the newest public update says investigating again.
        let updates = [
            update(UpdateStatus::Investigating, 70),
            update(UpdateStatus::Resolved, 60),
            update(UpdateStatus::Investigating, 0),
        ];
        let progress = incident_progress(&updates).unwrap();
        assert_eq!(progress.status, IncidentStatus::Investigating);
        assert_eq!(progress.resolved_at, None);
    }

    #[test]
    fn no_public_update_no_public_progress() {
        assert_eq!(incident_progress(&[]), None);
        assert_eq!(
            incident_progress(&[update(UpdateStatus::Scheduled, 0)]),
            None
        );
    }
}

//! Where the server reads "now". The model takes "now" from its callers;
//! this is the one place the server gets it from, so a test can run the
//! whole server on a calendar of its choosing.

use chrono::{DateTime, Duration, Utc};
use std::time::Instant;

/// The server's clock: the system clock, or one that starts at a chosen
/// instant and then runs at the system clock's pace.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    from: Option<(DateTime<Utc>, Instant)>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock { from: None }
    }

    /// A clock that reads `at` now and runs on from there, so a test sees
    /// the same calendar (the same months, the same hour of the day)
    /// whatever the day it runs.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock {
            from: Some((at, Instant::now())),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self.from {
            None => Utc::now(),
            Some((at, started)) => {
                let elapsed = Duration::from_std(started.elapsed()).unwrap_or(Duration::MAX);
                at + elapsed
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_started_at_an_instant_runs_on_from_it() {
        let at: DateTime<Utc> = "2026-06-15T10:00:00Z".parse().unwrap();
        let clock = Clock::starting_at(at);
        let first = clock.now();
        assert!(first >= at && first - at < Duration::seconds(5));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(clock.now() > first);
    }

    #[test]
    fn the_system_clock_reads_the_system_time() {
        let before = Utc::now();
        let now = Clock::system().now();
        assert!(now >= before && now - before < Duration::seconds(5));
    }
}

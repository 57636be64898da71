//! Times each part of what a publish re-renders, on an existing data
//! directory (e.g. one made by `seed_history`), to find the slow part when
//! the publish latency misses its budget:
//!
//! `cargo run --profile server -p herald-server --example profile_publish -- DATA_DIR [ROUNDS]`
//!
//! Prints one line per round; the first round runs with a cold cache.

use herald_server::docs;
use herald_server::store::public::{self, Reader};
use herald_server::store::Store;
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(data) = args.next() else {
        anyhow::bail!("usage: profile_publish DATA_DIR [ROUNDS]");
    };
    let rounds: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(5);
    let now = chrono::Utc::now();
    let store = Store::open(std::path::Path::new(&data), now)?;
    let conn = store.lock();
    for _ in 0..rounds {
        let mut lap = Lap::start();
        let reader = Reader::new(&conn)?;
        let t_reader = lap.next();
        let data = public::load_with(&reader)?;
        let t_load = lap.next();
        let set = docs::render(&data);
        let t_render = lap.next();
        let uptime = reader.uptime(now)?;
        let t_uptime = lap.next();
        let months = reader.history_index(now)?;
        let t_history = lap.next();
        let changed = docs::render_changed(&conn, now - chrono::Duration::hours(24), None)?;
        let t_changed = lap.next();
        println!(
            "reader {t_reader:?}  load {t_load:?}  v2 render {t_render:?}  uptime {t_uptime:?}  \
             history index {t_history:?}  changed objects {t_changed:?}  \
             ({} documents, {} uptime bars, {} months, {} changed files)",
            set.len(),
            uptime.len(),
            months.len(),
            changed.len()
        );
    }
    Ok(())
}

/// Time since the previous lap.
struct Lap(Instant);

impl Lap {
    fn start() -> Lap {
        Lap(Instant::now())
    }

    fn next(&mut self) -> Duration {
        let now = Instant::now();
        let lap = now - self.0;
        self.0 = now;
        lap
    }
}

//! The invariants ARCHITECTURE.md states about the server's code, checked
//! on its source: SQL lives in `store/` only.

fn sources(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn only_the_store_touches_the_database() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let store = src.join("store");
    let outside: Vec<String> = sources(&src)
        .into_iter()
        .filter(|p| !p.starts_with(&store))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            text.contains("rusqlite") || text.contains(".prepare(") || text.contains(".execute(")
        })
        .map(|p| p.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    assert!(
        outside.is_empty(),
        "SQL outside crates/server/src/store/: {outside:?}"
    );
}

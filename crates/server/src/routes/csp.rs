//! The Content-Security-Policy of the web apps' pages: what they need and
//! nothing more. Scripts only from this origin, plus each inline script the
//! page itself holds (trunk's loader), by its hash (a JSON data block, the
//! page's seed, is never run and needs none); WebAssembly compiled
//! from fetched bytes (`'wasm-unsafe-eval'`); styles from this origin and
//! in `style` attributes (the uptime bars place their tooltips with a CSS
//! variable); fetches to this origin only; no plugins, no `<base>`, forms
//! only to this origin. The portal also refuses every frame.

use base64::Engine;
use sha2::{Digest, Sha256};

/// The policy for an HTML page, given its text.
pub fn policy(html: &str, framable: bool) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let frames = if framable {
        ""
    } else {
        "; frame-ancestors 'none'"
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'{frames}"
    )
}

/// The contents of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let rest = &html[start..];
        let open_end = rest.find('>')?;
        let open = &rest[..open_end];
        // A data block (the page's seed) is never run.
        if open.contains(" src=") || open.contains(" src =") || open.contains("application/json") {
            return None;
        }
        let body = &rest[open_end + 1..];
        let close = body.find("</script>")?;
        Some(&body[..close])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_nothing_else() {
        let html = r#"<html><head><script type="module">import init from '/app.js';init();</script>
            <script src="/other.js"></script></head><body>
            <script id="herald-seed" type="application/json">{"path":"/"}</script></body></html>"#;
        let p = policy(html, true);
        // echo -n "import init from '/app.js';init();" | openssl dgst -sha256 -binary | base64
        let digest = Sha256::digest(b"import init from '/app.js';init();");
        let hash = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(p.contains(&format!("'sha256-{hash}'")), "{p}");
        assert_eq!(p.matches("'sha256-").count(), 1, "{p}");
        assert!(p.contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert!(!p.contains("'unsafe-eval'") || p.contains("'wasm-unsafe-eval'"));
        assert!(
            !p.contains("frame-ancestors"),
            "public pages may be embedded"
        );
        assert!(policy(html, false).ends_with("frame-ancestors 'none'"));
    }
}

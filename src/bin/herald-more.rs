//! Entry point of the second public wasm binary: mounts
//! [`herald_web::app::MoreApp`] (the history and the subscription form) on
//! `<body>`. Built from `more.html`; the server serves it for `/history`
//! and `/subscribe`.

fn main() {
    // Panic messages in the console (debug builds; release builds stop at
    // a panic without formatting it, see scripts/web-toolchain.sh).
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(herald_web::app::MoreApp);
}

//! Entry point of the wasm binary: mounts [`herald_web::App`] on `<body>`.

fn main() {
    // Panics show up in the browser console with a Rust backtrace message
    // instead of "unreachable executed".
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(herald_web::App);
}

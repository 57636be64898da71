//! Entry point of the portal's wasm binary: mounts
//! [`herald_web::portal::app::PortalApp`] on `<body>`. Built from
//! `portal.html`; the public page's binary is `src/main.rs`.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(herald_web::portal::app::PortalApp);
}

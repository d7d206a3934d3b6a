//! cartlift: a cart drawer with cross-sell recommendations that a shop runs itself.
//!
//! This crate is the Leptos app: components hydrate in the browser (`hydrate`), and
//! with `ssr` the same components render on the server next to the HTTP API.
//! `server` is the one module that exists only on the server.

pub mod app;
pub mod i18n;
pub mod money;
pub mod settings;
pub mod storefront;
pub mod widget;

#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point: attaches the app to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

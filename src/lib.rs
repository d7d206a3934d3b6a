//! cartlift: a cart drawer with cross-sell recommendations that a shop runs itself.
//!
//! This crate is the Leptos app in islands mode: the server renders every page
//! (`ssr`), and only the islands (the cart widget in the page frame, and the shop's
//! buy, cart and checkout controls) hydrate in the browser (`hydrate`). `server` and
//! `app` (the page shell and routes) exist only on the server.

// The merchant's pages: server-rendered, with plain forms and public/admin.js.
// Leptos views nest deep types (the shop frame as one of two page frames).
#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod app;
pub mod i18n;
pub mod money;
pub mod settings;
// The demo shop: not in the embed's bundle, which renders the widget in other shops.
#[cfg(not(feature = "embed"))]
pub mod storefront;
pub mod widget;

#[cfg(feature = "ssr")]
pub mod server;

/// The browser entry point: sets up the reactive root; Leptos' island script then
/// hydrates each island of the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Release bundles abort on panic without messages (smaller); debug ones explain.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

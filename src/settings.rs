//! The widget's own settings: what the browser needs to behave as the shop configured
//! it. Loaded by the server from `Leptos.toml`; an embedding host would pass the same
//! values to `init`, so nothing here refers to server-only state.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// Settings of the widget as the browser sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WidgetSettings {
    pub shop_name: String,
    pub language: Language,
    pub cart_enabled: bool,
    pub external_update_event: String,
    pub cross_sell_debounce_ms: u32,
    pub cart_update_debounce_ms: u32,
}

impl Default for WidgetSettings {
    /// The values of the shipped `Leptos.toml`, used until the server's arrive.
    fn default() -> Self {
        WidgetSettings {
            shop_name: String::new(),
            language: Language::En,
            cart_enabled: true,
            external_update_event: "neuroon:cart-update".into(),
            cross_sell_debounce_ms: 600,
            cart_update_debounce_ms: 300,
        }
    }
}

/// The widget settings of this server's shop.
#[server]
pub async fn load_widget_settings() -> Result<WidgetSettings, ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    Ok(state.widget_settings())
}

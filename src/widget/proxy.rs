//! Server functions the widget calls: they forward to the configured widget API
//! (this server's own by default) with the widget token, so the browser never holds
//! the token and the same widget can point at any compatible backend.

use cartlift_contract::CrossSellResponse;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::i18n::Language;

/// How many cross-sell cards the drawer shows.
pub const CROSS_SELL_CARDS: u32 = 6;

/// Cross-sell for the cart's products; `None` when the API has nothing (204).
#[server(input = Json)]
pub async fn fetch_cross_sell(
    product_ids: Vec<String>,
    exclude_product_ids: Vec<String>,
    language: Language,
) -> Result<Option<CrossSellResponse>, ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    crate::server::upstream::cross_sell(&state, product_ids, exclude_product_ids, language, CROSS_SELL_CARDS).await.map_err(ServerFnError::new)
}

/// What the shopper did with a cross-sell card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CardEvent {
    /// The cards were shown (one event per card, with its position).
    Impression,
    /// The card was opened.
    Click,
    /// Its Add button was pressed (a click too, with `action = add`).
    Add,
}

/// Records events on cross-sell cards (`metadata.source = "cross_sell"`): products
/// with their 1-based positions.
#[server(input = Json)]
pub async fn track_cross_sell(event: CardEvent, products: Vec<(String, u32)>) -> Result<(), ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    crate::server::upstream::track_cross_sell(&state, event, products).await.map_err(ServerFnError::new)
}

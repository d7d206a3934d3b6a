//! Server functions the storefront's widget calls (see `api`): they forward to the configured widget API
//! (this server's own by default) with the widget token, so the browser never holds
//! the token and the same widget can point at any compatible backend.

use cartlift_contract::{AutocompleteResponse, CartState, CrossSellResponse, SearchResponse};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use crate::i18n::Language;

/// Cross-sell for the cart's products; `None` when the API has nothing (204).
#[server(input = Json)]
pub async fn fetch_cross_sell(
    product_ids: Vec<String>,
    exclude_product_ids: Vec<String>,
    language: Language,
) -> Result<Option<CrossSellResponse>, ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    let shopper = crate::server::storefront::shopper().await;
    crate::server::upstream::cross_sell(
        &state,
        product_ids,
        exclude_product_ids,
        language,
        &shopper,
    )
    .await
    .map_err(ServerFnError::new)
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
pub async fn track_cross_sell(
    event: CardEvent,
    products: Vec<(String, u32)>,
) -> Result<(), ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    let shopper = crate::server::storefront::shopper().await;
    crate::server::upstream::track_cross_sell(&state, event, products, &shopper)
        .await
        .map_err(ServerFnError::new)
}

/// One turn of the search conversation. The server builds the cart snapshot from
/// the host's cart (numbers parsed from its formatting, hashed, long carts cut).
#[server(input = Json)]
pub async fn search_turn(
    query: String,
    language: Language,
    conversation_id: Option<String>,
    cart: Option<CartState>,
) -> Result<SearchResponse, ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    crate::server::upstream::search(&state, query, language, conversation_id, cart)
        .await
        .map_err(ServerFnError::new)
}

/// Completions for what the shopper has typed so far.
#[server(input = Json)]
pub async fn search_completions(typed: String) -> Result<AutocompleteResponse, ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    crate::server::upstream::autocomplete(&state, typed)
        .await
        .map_err(ServerFnError::new)
}

/// A search result was opened (`added: false`) or added: a click tied to its turn.
#[server(input = Json)]
pub async fn track_search_click(
    search_log_id: String,
    product_id: String,
    position: u32,
    added: bool,
) -> Result<(), ServerFnError> {
    let state = expect_context::<crate::server::AppState>();
    crate::server::upstream::track_search(&state, search_log_id, product_id, position, added)
        .await
        .map_err(ServerFnError::new)
}

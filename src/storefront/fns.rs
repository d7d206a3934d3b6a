//! The storefront's server functions: catalog pages and the visitor's cart. Each is
//! an adapter over `server::storefront`.

use cartlift_contract::{CartOperationResult, CartState, Product};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

use super::{HomeData, Listing};

#[server]
pub async fn shop_home() -> Result<HomeData, ServerFnError> {
    crate::server::storefront::home()
        .await
        .map_err(ServerFnError::new)
}

#[server(input = Json)]
pub async fn shop_listing(
    category: Option<String>,
    query: Option<String>,
    page: u32,
) -> Result<Listing, ServerFnError> {
    crate::server::storefront::listing(category, query, page)
        .await
        .map_err(ServerFnError::new)
}

/// A product by its shop id (the page URL) or API id; `None` when there is none.
#[server(input = Json)]
pub async fn shop_product(id: String) -> Result<Option<Product>, ServerFnError> {
    crate::server::storefront::product(&id)
        .await
        .map_err(ServerFnError::new)
}

#[server]
pub async fn cart_read() -> Result<CartState, ServerFnError> {
    crate::server::storefront::read_cart()
        .await
        .map_err(ServerFnError::new)
}

// The shop's own page script (`public/shop.js`) calls these three by their endpoint.
#[server(input = Json, endpoint = "cart_add")]
pub async fn cart_add(
    product_id: String,
    quantity: u32,
) -> Result<CartOperationResult, ServerFnError> {
    Ok(crate::server::storefront::add(&product_id, quantity).await)
}

/// Sets a line's quantity; 0 removes the line.
#[server(input = Json, endpoint = "cart_set_quantity")]
pub async fn cart_set_quantity(
    item_key: String,
    quantity: u32,
) -> Result<CartOperationResult, ServerFnError> {
    Ok(crate::server::storefront::set_quantity(&item_key, quantity).await)
}

#[server(input = Json)]
pub async fn cart_set_country(country_code: String) -> Result<CartOperationResult, ServerFnError> {
    Ok(crate::server::storefront::set_country(&country_code).await)
}

/// Closes the cart as an order; answers the order number.
#[server(input = Json, endpoint = "cart_checkout")]
pub async fn cart_checkout() -> Result<String, ServerFnError> {
    crate::server::storefront::checkout()
        .await
        .map_err(ServerFnError::new)
}

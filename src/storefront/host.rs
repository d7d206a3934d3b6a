use cartlift_contract::{CartOperationResult, CartState};

use super::fns;
use crate::widget::{CartFuture, HostCart};

/// The demo shop's cart, kept on the server per visitor (a cookie names it).
#[derive(Clone, Copy, Debug, Default)]
pub struct ServerCart;

fn answered(r: Result<CartOperationResult, leptos::prelude::ServerFnError>) -> CartOperationResult {
    r.unwrap_or_else(|e| CartOperationResult::failed(format!("The shop did not answer: {e}")))
}

impl HostCart for ServerCart {
    fn get_cart(&self) -> CartFuture<Result<CartState, String>> {
        Box::pin(async {
            fns::cart_read()
                .await
                .map_err(|e| format!("The cart could not be read: {e}"))
        })
    }

    fn add_to_cart(
        &self,
        product_id: String,
        quantity: u32,
        external_id: Option<String>,
    ) -> CartFuture<CartOperationResult> {
        // The host's own id wins when given, as the reference integration does.
        Box::pin(async move {
            answered(fns::cart_add(external_id.unwrap_or(product_id), quantity).await)
        })
    }

    fn remove_from_cart(&self, item_key: String) -> CartFuture<CartOperationResult> {
        Box::pin(async move { answered(fns::cart_set_quantity(item_key, 0).await) })
    }

    fn update_quantity(&self, item_key: String, quantity: u32) -> CartFuture<CartOperationResult> {
        Box::pin(async move { answered(fns::cart_set_quantity(item_key, quantity).await) })
    }

    fn checkout(&self) {
        #[cfg(feature = "browser")]
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href("/checkout");
        }
    }

    fn set_destination_country(
        &self,
        country_code: String,
    ) -> CartFuture<Option<CartOperationResult>> {
        Box::pin(async move { Some(answered(fns::cart_set_country(country_code).await)) })
    }
}

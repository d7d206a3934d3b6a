//! The host-cart contract (`CartConfig` of the reference documents) as a trait: the
//! widget never touches a cart itself, it asks the host. The demo storefront
//! implements it with its server-side cart; an embedding page will implement it with
//! its JavaScript callbacks.

use std::future::Future;
use std::pin::Pin;

use cartlift_contract::{CartOperationResult, CartState, Product};

/// A host callback's answer, awaited in the browser.
pub type CartFuture<T> = Pin<Box<dyn Future<Output = T>>>;

pub trait HostCart: Send + Sync + 'static {
    /// `onGetCart`: the cart as it is now.
    fn get_cart(&self) -> CartFuture<Result<CartState, String>>;
    /// `onAddToCart`.
    fn add_to_cart(
        &self,
        product_id: String,
        quantity: u32,
        external_id: Option<String>,
    ) -> CartFuture<CartOperationResult>;
    /// `onRemoveFromCart`.
    fn remove_from_cart(&self, item_key: String) -> CartFuture<CartOperationResult>;
    /// `onUpdateQuantity`.
    fn update_quantity(&self, item_key: String, quantity: u32) -> CartFuture<CartOperationResult>;
    /// `onCheckout`: the host takes the shopper to its checkout.
    fn checkout(&self);
    /// `canAddToCart`: whether the Add button is offered for a product.
    fn can_add_to_cart(&self, product: &Product) -> bool {
        product.in_stock
    }
    /// `onSetDestinationCountry`; `None` when the host has no such callback.
    fn set_destination_country(
        &self,
        country_code: String,
    ) -> CartFuture<Option<CartOperationResult>>;
}

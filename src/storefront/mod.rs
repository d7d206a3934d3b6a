//! The demo storefront: a UK gift shop's catalog and orders, with browse, search,
//! cart and checkout. Its pages render on the server; only [`ShopFrame`] (the frame
//! with the widget) hydrates, and the shop's own controls are `public/shop.js`, as a
//! host shop's would be. It is the widget's host: [`ServerCart`] implements [`HostCart`](crate::widget::HostCart) with a
//! server-side cart per visitor, and a completed checkout becomes an order the
//! recommendations learn at once.

pub mod fns;
mod frame;
mod host;
#[cfg(feature = "ssr")]
mod pages;

use cartlift_contract::Product;
use serde::{Deserialize, Serialize};

pub use frame::{ShopFrame, LANGUAGE_COOKIE};
pub use host::ServerCart;
#[cfg(feature = "ssr")]
pub use pages::{encode, CartPage, CheckoutPage, HomePage, ListingPage, ProductPage};

/// How many products a listing page shows.
pub const PAGE_SIZE: u32 = 24;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub name: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub shop_name: String,
    pub categories: Vec<CategoryCount>,
    pub popular: Vec<Product>,
}

/// One page of a listing: a category, a search, or everything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    pub products: Vec<Product>,
    pub total: u32,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
}

use serde::{Deserialize, Serialize};

use crate::Product;

/// How many products the cross-sell endpoint returns when `limit` is absent.
pub const CROSS_SELL_DEFAULT_LIMIT: u32 = 8;
/// The largest `limit` the endpoint accepts.
pub const CROSS_SELL_MAX_LIMIT: u32 = 24;
/// The most cart products (`productIds`) and seen products (`excludeProductIds`) a
/// request may carry.
pub const CROSS_SELL_MAX_CART_IDS: usize = 100;
pub const CROSS_SELL_MAX_EXCLUDED_IDS: usize = 500;

/// `POST /api/widget/cart/cross-sell` body: the reference `CartCrossSellRequestDTO`
/// plus two optional extensions, `limit` and `excludeProductIds` (already seen).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossSellRequest {
    pub product_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::whole::option_u32"
    )]
    pub limit: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude_product_ids: Vec<String>,
}

/// `200` answer of the cross-sell endpoint. No relevant product is a `204` with no body.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrossSellResponse {
    pub message: String,
    pub products: Vec<Product>,
}

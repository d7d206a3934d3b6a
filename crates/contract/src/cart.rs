use serde::{Deserialize, Serialize};

/// The host cart as the widget sees it. Money is host-formatted text ("232,48 €"),
/// so the widget never argues with the host about rounding or formatting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartState {
    pub items: Vec<CartItem>,
    pub total_items: u32,
    pub subtotal: String,
    pub total: String,
    /// ISO 4217.
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<CartShippingInfo>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartItem {
    /// Unique item identifier in the cart.
    pub key: String,
    /// cartlift product id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub name: String,
    /// Host-formatted unit price.
    pub price: String,
    pub quantity: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// "Size: 42, Color: Black".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_quantity: Option<u32>,
}

/// Free-shipping progress and destination.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartShippingInfo {
    pub free_shipping_threshold: f64,
    pub current_amount: f64,
    /// What is left to reach the threshold (0 once met).
    pub delta: f64,
    pub threshold_met: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination_country: Option<String>,
    #[serde(default)]
    pub available_countries: Vec<String>,
    pub formatted_threshold: String,
    pub formatted_delta: String,
}

/// What a host cart callback answers. On success the widget replaces its cart state
/// with `cart`; on failure it shows `error` in a toast and changes nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartOperationResult {
    pub success: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart: Option<CartState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CartOperationResult {
    pub fn ok(cart: CartState) -> Self {
        Self {
            success: true,
            cart: Some(cart),
            notice: None,
            error: None,
        }
    }

    pub fn failed(error: impl Into<String>) -> Self {
        Self {
            success: false,
            cart: None,
            notice: None,
            error: Some(error.into()),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CartActionType {
    Remove,
    UpdateQuantity,
    AddSuggestion,
    Clear,
    SetDestinationCountry,
}

/// An action the search agent asks the widget to take on the cart. The widget always
/// asks the shopper first, except for `SET_DESTINATION_COUNTRY`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartAction {
    #[serde(rename = "type")]
    pub kind: CartActionType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_product_id: Option<String>,
    /// Legacy alias of `externalProductId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_key: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_quantity: Option<u32>,
    /// ISO-3166-1 alpha-2, uppercase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmation_prompt: Option<String>,
    /// Only on `ADD_SUGGESTION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<CartActionProduct>,
}

/// The product an `ADD_SUGGESTION` proposes, with what its premium card shows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartActionProduct {
    pub id: String,
    pub name: String,
    pub price: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<f64>,
    pub currency: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

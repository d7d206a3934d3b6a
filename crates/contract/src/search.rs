//! `GET|POST /api/widget/search` and its autocomplete: the second channel of the
//! reference documents, where the agent may propose or request a cart action.

use serde::{Deserialize, Serialize};

use crate::{CartAction, CartShippingInfo, Product};

/// Results per page when `limit` is absent, and the most a page may hold.
pub const SEARCH_DEFAULT_LIMIT: u32 = 12;
pub const SEARCH_MAX_LIMIT: u32 = 48;
/// A snapshot lists at most this many lines; a longer cart is cut and `truncated`.
pub const SNAPSHOT_MAX_ITEMS: usize = 30;
/// The longest query accepted, in characters.
pub const QUERY_MAX_CHARS: usize = 200;

/// `POST /api/widget/search` body. `limit` and `offset` are cartlift's extensions
/// for paging.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Continues a conversation; absent starts one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<SearchFilters>,
    /// Sent by the widget whenever the host cart has items: switches on the
    /// cart-aware agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart_snapshot: Option<CartSnapshot>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::whole::option_u32"
    )]
    pub limit: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::whole::option_u32"
    )]
    pub offset: Option<u32>,
}

/// Filters asked for (request) and applied (`filtersApplied`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchFilters {
    /// A product matches when it is in any of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price: Option<f64>,
    /// `true`: only products in stock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_stock: Option<bool>,
}

impl SearchFilters {
    pub fn is_empty(&self) -> bool {
        self == &SearchFilters::default()
    }
}

/// The filter drawer: what the current matches could be narrowed to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AvailableFilters {
    pub categories: Vec<FacetCount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_range: Option<PriceRange>,
    /// Matches in stock.
    pub in_stock_count: u64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceRange {
    pub min: f64,
    pub max: f64,
}

/// A refinement the shopper can run with one click.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuerySuggestion {
    pub query: String,
    /// Products it finds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
}

/// A chip under the agent's answer: `label` is shown, `query` is sent as the next turn.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuickReply {
    pub label: String,
    pub query: String,
}

/// `SearchResponse` of the reference documents. Optional fields are absent, never
/// `null`, when they do not apply.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    /// The query after normalisation (trimmed, spaces collapsed, lower case).
    pub query: String,
    pub results: Vec<Product>,
    /// Products matching the query and filters (all pages).
    pub total: u64,
    /// This turn, for tracking (`Event.searchLogId`).
    pub search_log_id: String,
    pub query_time_ms: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intent_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_new_conversation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn_number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters_applied: Option<SearchFilters>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_filters: Option<AvailableFilters>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_suggestions: Option<Vec<QuerySuggestion>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cart_action: Option<CartAction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quick_replies: Option<Vec<QuickReply>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_language: Option<String>,
}

/// The host cart as the agent needs it, sent with every `POST` search while the
/// cart has items. Money is numeric here (parsed from the host's formatting).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartSnapshot {
    /// ISO 4217.
    pub currency: String,
    #[serde(deserialize_with = "crate::whole::u32")]
    pub total_items: u32,
    pub subtotal: f64,
    pub total: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_subtotal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted_total: Option<String>,
    pub items: Vec<CartSnapshotItem>,
    /// The cart had more lines than `items` holds (`SNAPSHOT_MAX_ITEMS`).
    pub truncated: bool,
    /// `snapshot_hash` of every line of the cart, truncated or not.
    pub hash: String,
    /// ISO-8601: when the widget last read the cart.
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<CartShippingInfo>,
}

/// One cart line of a `CartSnapshot`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartSnapshotItem {
    /// The host's item key: what `REMOVE` and `UPDATE_QUANTITY` name.
    pub key: String,
    /// cartlift product id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    pub name: String,
    #[serde(deserialize_with = "crate::whole::u32")]
    pub quantity: u32,
    /// Unit price, numeric.
    pub price: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
}

/// The snapshot's `hash`: FNV-1a (64 bit, hex) over each line's key, product id and
/// quantity. Both ends compute it, so the server can tell a snapshot whose lines
/// were edited from the cart the widget read.
pub fn snapshot_hash<'a>(lines: impl IntoIterator<Item = (&'a str, &'a str, u32)>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (key, id, quantity) in lines {
        eat(key.as_bytes());
        eat(&[0x1f]);
        eat(id.as_bytes());
        eat(&[0x1f]);
        eat(&quantity.to_le_bytes());
        eat(&[0x1e]);
    }
    format!("{h:016x}")
}

/// `GET /api/widget/search/autocomplete` answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutocompleteResponse {
    pub query: String,
    pub suggestions: Vec<Suggestion>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionType {
    Query,
    Category,
    Brand,
    Product,
}

/// An autocomplete item, as `data-models.txt` names it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    #[serde(rename = "type")]
    pub kind: SuggestionType,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_hash_follows_lines_and_quantities() {
        let a = snapshot_hash([("k1", "p1", 2), ("k2", "p2", 1)]);
        assert_eq!(a.len(), 16);
        assert_eq!(a, snapshot_hash([("k1", "p1", 2), ("k2", "p2", 1)]));
        assert_ne!(a, snapshot_hash([("k1", "p1", 3), ("k2", "p2", 1)]));
        assert_ne!(a, snapshot_hash([("k2", "p2", 1), ("k1", "p1", 2)]));
        // Field boundaries count: ("k1p", "1") is not ("k1", "p1").
        assert_ne!(
            snapshot_hash([("k1p", "1", 1)]),
            snapshot_hash([("k1", "p1", 1)])
        );
    }

    #[test]
    fn optional_fields_are_absent_not_null() {
        let r = SearchResponse {
            query: "lantern".into(),
            results: vec![],
            total: 0,
            search_log_id: "s".into(),
            query_time_ms: 1.5,
            intent_id: None,
            conversation_id: None,
            is_new_conversation: None,
            turn_number: None,
            filters_applied: None,
            available_filters: None,
            query_suggestions: None,
            ai_response: None,
            cart_action: None,
            quick_replies: None,
            response_language: None,
        };
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"query":"lantern","results":[],"total":0,"searchLogId":"s","queryTimeMs":1.5}"#
        );
    }
}

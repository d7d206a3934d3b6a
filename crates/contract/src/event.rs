use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `metadata.source` of a click on a cross-sell card.
pub const CROSS_SELL_SOURCE: &str = "cross_sell";

/// An analytics event (`POST /api/widget/track/click`, `POST /api/widget/track/event`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// snake_case: `click`, `impression`, `category_click`...
    #[serde(rename = "type")]
    pub kind: String,
    /// Ties the event to a search turn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_log_id: Option<String>,
    /// Free-form pairs; never personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub metadata: Option<Map<String, Value>>,
    /// ISO-8601; the server stamps it when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
}

/// The answer to a stored event.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventAck {
    pub id: String,
    pub timestamp: String,
}

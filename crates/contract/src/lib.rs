//! The widget API's wire types, exactly as the reference documents name them
//! (`shared/spec/data-models.txt`, `cart-integration.txt`, `cross-sell-endpoint.txt`).
//!
//! Serde only: this crate is compiled for the server and for wasm32, so it must not
//! depend on anything that does I/O. Optional fields are left out of the JSON when
//! absent (never `null`), as the widget expects.

mod cart;
mod cross_sell;
mod event;
mod experiment;
mod language;
mod product;
mod search;
mod whole;

pub use cart::{
    CartAction, CartActionProduct, CartActionType, CartItem, CartOperationResult, CartShippingInfo,
    CartState,
};
pub use cross_sell::{
    CrossSellRequest, CrossSellResponse, CROSS_SELL_DEFAULT_LIMIT, CROSS_SELL_MAX_CART_IDS,
    CROSS_SELL_MAX_EXCLUDED_IDS, CROSS_SELL_MAX_LIMIT,
};
pub use event::{Event, EventAck, CROSS_SELL_SOURCE};
pub use experiment::{
    ArmTotals, ArmValue, DailyTotals, ExperimentAssignment, LiftReport, MetricLift,
    SoldFromSection, ARM_HEADER, EXPOSURE_EVENT, VISITOR_HEADER,
};
pub use language::Language;
pub use product::{Badge, Product};
pub use search::{
    snapshot_hash, AutocompleteResponse, AvailableFilters, CartSnapshot, CartSnapshotItem,
    FacetCount, PriceRange, QuerySuggestion, QuickReply, SearchFilters, SearchRequest,
    SearchResponse, Suggestion, SuggestionType, QUERY_MAX_CHARS, SEARCH_DEFAULT_LIMIT,
    SEARCH_MAX_LIMIT, SNAPSHOT_MAX_ITEMS,
};

use serde::{Deserialize, Serialize};

/// The body of every error answer of the widget API: a stable machine code and a
/// sentence a developer can act on.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable, snake_case: `unauthorized`, `invalid_request`, `payload_too_large`...
    pub error: String,
    /// What went wrong and how to fix it.
    pub message: String,
}

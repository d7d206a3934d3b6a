//! The HTTP API: the widget API of the reference documents (`/api/widget/...`) and
//! the shop's admin API (`/api/admin/...`). Errors are JSON `{error, message}`.

mod admin;
mod auth;
mod body;
mod cross_sell;
mod error;
mod experiment;
mod openapi;
mod search;
mod track;

use axum::routing::{get, patch, post, put};
use axum::Router;

use super::AppState;
pub use auth::{AdminShop, KeyCache, ADMIN_KEY_HEADER, WIDGET_TOKEN_HEADER};
pub use error::ApiError;

/// Whether a text holds nothing but spaces and control characters: no id, query or
/// name. The OpenAPI document says the same with [`NOT_BLANK`].
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c.is_control())
}

/// [`is_blank`] as a JSON Schema pattern: one character that is neither.
pub(crate) const NOT_BLANK: &str = "[^\\s\\x00-\\x1f\\x7f-\\x9f]";

/// Largest request body the API reads.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn routes(state: AppState) -> Router<AppState> {
    let widget = Router::new()
        .route("/cart/cross-sell", post(cross_sell::cross_sell))
        .route("/search", get(search::search_get).post(search::search_post))
        .route("/search/autocomplete", get(search::autocomplete))
        .route("/track/click", post(track::click))
        .route("/track/event", post(track::event))
        .route("/experiment", get(experiment::assignment))
        .layer(axum::middleware::from_fn_with_state(
            state,
            auth::widget_cors,
        ));
    let admin = Router::new()
        .route("/orders", post(admin::add_orders))
        .route("/products", put(admin::upsert_products))
        .route("/products/{external_id}/stock", patch(admin::set_stock))
        .route("/events", get(admin::events))
        .route("/lift", get(experiment::report))
        .route("/lift.csv", get(experiment::report_csv));
    // Nested under /api: unknown API paths get a JSON 404 instead of the page 404,
    // while server functions (static /api/... routes) still take precedence.
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .nest("/widget", widget)
        .nest("/admin", admin)
        .fallback(|| async { ApiError::not_found("no such API endpoint; see /api/openapi.json") })
        .layer(axum::middleware::from_fn(super::layers::json_rejections))
}

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cartlift_contract::{
    CrossSellRequest, CrossSellResponse, Language, CROSS_SELL_DEFAULT_LIMIT, CROSS_SELL_MAX_LIMIT,
};

use super::auth::WidgetShop;
use super::body::JsonBody;
use super::ApiError;
use crate::server::AppState;

// Limits of a request, stated in the OpenAPI document too (`openapi.rs`).
pub(super) const MAX_CART_IDS: usize = 100;
pub(super) const MAX_EXCLUDED_IDS: usize = 500;
pub(super) const MAX_ID_LEN: usize = 128;

/// `POST /api/widget/cart/cross-sell`: products often bought with the cart's,
/// or `204 No Content` when nothing relevant is known.
#[utoipa::path(
    post,
    path = "/api/widget/cart/cross-sell",
    tag = "widget",
    request_body = CrossSellRequest,
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "Products often bought with the cart, best first", body = CrossSellResponse),
        (status = 204, description = "Nothing relevant is known (unknown ids, empty cart or model); no body"),
        (status = 400, description = "Malformed JSON or an invalid field", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
        (status = 413, description = "Body larger than 64 KiB", body = cartlift_contract::ApiError),
        (status = 415, description = "Content-Type is not application/json", body = cartlift_contract::ApiError),
    )
)]
pub async fn cross_sell(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    JsonBody(req): JsonBody<CrossSellRequest>,
) -> Result<Response, ApiError> {
    let limit = req.limit.unwrap_or(CROSS_SELL_DEFAULT_LIMIT);
    if !(1..=CROSS_SELL_MAX_LIMIT).contains(&limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be from 1 to {CROSS_SELL_MAX_LIMIT}, got {limit}"
        )));
    }
    check_ids("productIds", &req.product_ids, MAX_CART_IDS)?;
    check_ids(
        "excludeProductIds",
        &req.exclude_product_ids,
        MAX_EXCLUDED_IDS,
    )?;
    // A language cartlift does not speak (or none) gets the shop's.
    let language = req
        .language
        .as_deref()
        .and_then(|l| l.parse::<Language>().ok())
        .unwrap_or_else(|| shop.language.parse().unwrap_or_default());
    if req.product_ids.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }

    let engine = state.engines.get(&state.store, &shop).await?;
    let engine = engine.read();
    let suggestions = engine.cross_sell(&req.product_ids, &req.exclude_product_ids, limit as usize);
    if suggestions.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let products: Vec<_> = suggestions
        .iter()
        .map(|s| engine.suggestion_dto(s, language))
        .collect();
    let message = match language {
        Language::En => format!("{} products often bought with your cart", products.len()),
        Language::Es => format!(
            "{} productos que se compran a menudo con tu carrito",
            products.len()
        ),
    };
    Ok(Json(CrossSellResponse { message, products }).into_response())
}

fn check_ids(field: &str, ids: &[String], max: usize) -> Result<(), ApiError> {
    if ids.len() > max {
        return Err(ApiError::bad_request(format!(
            "{field} holds {} ids; at most {max}",
            ids.len()
        )));
    }
    if let Some((i, _)) = ids
        .iter()
        .enumerate()
        .find(|(_, id)| super::is_blank(id) || id.chars().count() > MAX_ID_LEN)
    {
        return Err(ApiError::bad_request(format!(
            "{field}[{i}] must be a product id of 1 to {MAX_ID_LEN} characters"
        )));
    }
    Ok(())
}

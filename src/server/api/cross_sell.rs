use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cartlift_contract::{
    CrossSellRequest, CrossSellResponse, Language, ARM_HEADER, CROSS_SELL_DEFAULT_LIMIT,
    CROSS_SELL_MAX_LIMIT,
};
use cartlift_engine::lift::Arm;
use cartlift_store::Shop;

use super::auth::WidgetShop;
use super::body::JsonBody;
use super::ApiError;
use crate::server::{lift, AppState};

// Limits of a request, stated in the OpenAPI document too (`openapi.rs`).
pub(super) const MAX_CART_IDS: usize = cartlift_contract::CROSS_SELL_MAX_CART_IDS;
pub(super) const MAX_EXCLUDED_IDS: usize = cartlift_contract::CROSS_SELL_MAX_EXCLUDED_IDS;
pub(super) const MAX_ID_LEN: usize = 128;

/// `POST /api/widget/cart/cross-sell`: products often bought with the cart's,
/// or `204 No Content` when nothing relevant is known.
#[utoipa::path(
    post,
    path = "/api/widget/cart/cross-sell",
    tag = "widget",
    request_body = CrossSellRequest,
    params(
        ("X-Visitor-Id" = Option<String>, Header, description = "The widget's anonymous visitor id: puts the call in the visitor's arm of the shop's holdout experiment (the answer's X-Cartlift-Arm names it); without it, the engine answers"),
    ),
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "Products often bought with the cart, best first (the control arm: the shop's best sellers, when it shows them)", body = CrossSellResponse),
        (status = 204, description = "Nothing relevant is known (unknown ids, empty cart or model), or the visitor's arm shows no section; no body"),
        (status = 400, description = "Malformed JSON or an invalid field", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
        (status = 413, description = "Body larger than 64 KiB", body = cartlift_contract::ApiError),
        (status = 415, description = "Content-Type is not application/json", body = cartlift_contract::ApiError),
    )
)]
pub async fn cross_sell(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    headers: HeaderMap,
    JsonBody(req): JsonBody<CrossSellRequest>,
) -> Result<Response, ApiError> {
    let arm = super::experiment::visitor_of(&headers)?.map(|v| lift::arm_of(&shop, v));
    let mut res = answer(&state, &shop, req, arm).await?;
    if let Some(arm) = arm {
        res.headers_mut()
            .insert(ARM_HEADER, HeaderValue::from_static(arm.as_str()));
    }
    Ok(res)
}

async fn answer(
    state: &AppState,
    shop: &Shop,
    req: CrossSellRequest,
    arm: Option<Arm>,
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

    let control = (arm == Some(Arm::Control)).then_some(shop.settings.experiment.control.as_str());
    if control.is_some_and(|c| c != "popularity") {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let engine = state.engines.get(&state.store, shop).await?;
    let engine = engine.read();
    let suggestions = if control.is_some() {
        engine.best_sellers(&req.product_ids, &req.exclude_product_ids, limit as usize)
    } else {
        engine.cross_sell(&req.product_ids, &req.exclude_product_ids, limit as usize)
    };
    if suggestions.is_empty() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let products: Vec<_> = suggestions
        .iter()
        .map(|s| engine.suggestion_dto(s, language))
        .collect();
    let message = match (language, control.is_some()) {
        (Language::En, true) => format!("{} of the shop's best sellers", products.len()),
        (Language::Es, true) => format!("{} de los más vendidos de la tienda", products.len()),
        (Language::En, _) => format!("{} products often bought with your cart", products.len()),
        (Language::Es, _) => format!(
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

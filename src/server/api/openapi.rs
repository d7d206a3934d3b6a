//! `GET /api/openapi.json`: the widget API described from the handlers themselves
//! (their `#[utoipa::path]` attributes) and the contract DTOs.

use axum::Json;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "cartlift widget API", description = "Cross-sell recommendations, conversational search with cart actions, and tracking for the cart widget."),
    paths(
        super::cross_sell::cross_sell,
        super::search::search_get,
        super::search::search_post,
        super::search::autocomplete,
        super::track::click,
        super::track::event
    ),
    modifiers(&WidgetToken)
)]
struct WidgetApi;

/// The `X-Widget-Token` header every widget call carries.
struct WidgetToken;

impl Modify for WidgetToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "widget_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("X-Widget-Token"))),
        );
    }
}

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(WidgetApi::openapi())
}

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use cartlift_store::{NewOrder, NewProduct};
use serde::Deserialize;
use serde_json::{json, Value};

use super::auth::AdminShop;
use super::body::JsonBody;
use super::ApiError;
use crate::server::AppState;

/// One order, or several.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> OneOrMany<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::Many(v) => v,
            OneOrMany::One(t) => vec![t],
        }
    }
}

/// `POST /api/admin/orders`: closed orders; an order number sent again adds nothing.
/// The model learns each new order at once.
pub async fn add_orders(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    JsonBody(orders): JsonBody<OneOrMany<NewOrder>>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let orders = orders.into_vec();
    if orders.is_empty() || orders.len() > 1000 {
        return Err(ApiError::bad_request("send 1 to 1000 orders"));
    }
    let outcome = state.store.add_orders(&shop, &orders).await?;
    state.engines.get(&state.store, &shop).await?;
    state.engines.catch_up(&state.store, &shop).await?;
    state.metrics.orders_imported(outcome.orders_added);
    let status = if outcome.orders_added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(
            json!({ "ordersAdded": outcome.orders_added, "ordersAlreadyPresent": outcome.orders_already_present }),
        ),
    ))
}

/// `PUT /api/admin/products`: adds or replaces products by `externalId`.
pub async fn upsert_products(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    JsonBody(products): JsonBody<OneOrMany<NewProduct>>,
) -> Result<Json<Value>, ApiError> {
    let products = products.into_vec();
    if products.is_empty() || products.len() > 1000 {
        return Err(ApiError::bad_request("send 1 to 1000 products"));
    }
    let n = state.store.upsert_products(&shop, &products).await?;
    state.metrics.products_imported(n);
    refresh_products(
        &state,
        &shop,
        products.iter().map(|p| p.external_id.as_str()),
    )
    .await?;
    Ok(Json(json!({ "productsUpserted": n })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StockUpdate {
    /// Units in stock; `null` when the shop stops tracking stock.
    stock: Option<i64>,
    #[serde(default = "yes")]
    available: bool,
}

fn yes() -> bool {
    true
}

/// `PATCH /api/admin/products/{externalId}/stock`.
pub async fn set_stock(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    Path(external_id): Path<String>,
    JsonBody(update): JsonBody<StockUpdate>,
) -> Result<Json<Value>, ApiError> {
    if update.stock.is_some_and(|s| s < 0) {
        return Err(ApiError::bad_request(
            "stock must be 0 or more, or null when not tracked",
        ));
    }
    if !state
        .store
        .set_stock(&shop, &external_id, update.stock, update.available)
        .await?
    {
        return Err(ApiError::not_found(format!(
            "the shop has no product with externalId {external_id:?}"
        )));
    }
    refresh_products(&state, &shop, std::iter::once(external_id.as_str())).await?;
    Ok(Json(
        json!({ "externalId": external_id, "stock": update.stock, "available": update.available }),
    ))
}

async fn refresh_products<'a>(
    state: &AppState,
    shop: &cartlift_store::Shop,
    ids: impl Iterator<Item = &'a str>,
) -> Result<(), ApiError> {
    let mut stored = Vec::new();
    for id in ids {
        if let Some(p) = state.store.product(shop, id).await? {
            stored.push(p);
        }
    }
    let engine = state.engines.get(&state.store, shop).await?;
    let mut engine = engine.write();
    engine.upsert_products(stored).map_err(ApiError::internal)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventFilter {
    #[serde(rename = "type")]
    kind: Option<String>,
    source: Option<String>,
    limit: Option<i64>,
}

/// `GET /api/admin/events?type=click&source=cross_sell&limit=100`: newest first.
pub async fn events(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    Query(filter): Query<EventFilter>,
) -> Result<Json<Value>, ApiError> {
    let limit = filter.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::bad_request("limit must be from 1 to 1000"));
    }
    let events = state
        .store
        .events(
            &shop,
            filter.kind.as_deref(),
            filter.source.as_deref(),
            limit,
        )
        .await?;
    let events: Vec<Value> = events
        .into_iter()
        .map(|e| {
            json!({
                "id": e.id, "type": e.kind, "searchLogId": e.search_log_id,
                "metadata": e.metadata, "timestamp": e.occurred_at, "receivedAt": e.received_at,
            })
        })
        .collect();
    Ok(Json(json!({ "events": events })))
}

//! The widget's server functions forward to the widget API here, with the
//! storefront's widget token, bounded by `widget.upstream_timeout_ms`.

use cartlift_contract::{
    snapshot_hash, AutocompleteResponse, CartSnapshot, CartSnapshotItem, CartState, CrossSellRequest, CrossSellResponse, Event,
    Language, SearchRequest, SearchResponse, CROSS_SELL_SOURCE, SNAPSHOT_MAX_ITEMS,
};
use reqwest::StatusCode;
use serde_json::{json, Map, Value};

use super::AppState;
use crate::widget::proxy::CardEvent;

fn token(state: &AppState) -> Result<&str, String> {
    state.upstream.widget_token.as_deref().ok_or_else(|| {
        format!("no widget token for shop {:?}: set widget.token, or create the shop in this store", state.settings.widget.shop)
    })
}

/// `POST /api/widget/cart/cross-sell` upstream; `None` on its 204.
pub async fn cross_sell(
    state: &AppState,
    product_ids: Vec<String>,
    exclude_product_ids: Vec<String>,
    language: Language,
    limit: u32,
) -> Result<Option<CrossSellResponse>, String> {
    let url = format!("{}/api/widget/cart/cross-sell", state.upstream.base_url);
    let body = CrossSellRequest { product_ids, language: Some(language.code().into()), limit: Some(limit), exclude_product_ids };
    let res = state.http.post(&url).header("x-widget-token", token(state)?).json(&body).send().await.map_err(|e| failed(&url, e))?;
    match res.status() {
        StatusCode::NO_CONTENT => Ok(None),
        s if s.is_success() => res.json().await.map(Some).map_err(|e| failed(&url, e)),
        s => Err(refused(&url, s, res).await),
    }
}

/// Cross-sell card events: clicks to `/track/click`, impressions to `/track/event`,
/// one event per product with its position.
pub async fn track_cross_sell(state: &AppState, event: CardEvent, products: Vec<(String, u32)>) -> Result<(), String> {
    if products.is_empty() || products.len() > 24 {
        return Err(format!("send 1 to 24 products, got {}", products.len()));
    }
    let (path, kind, action) = match event {
        CardEvent::Impression => ("event", "impression", None),
        CardEvent::Click => ("click", "click", Some("open")),
        CardEvent::Add => ("click", "click", Some("add")),
    };
    let url = format!("{}/api/widget/track/{path}", state.upstream.base_url);
    for (product_id, position) in products {
        let mut metadata = Map::new();
        metadata.insert("source".into(), json!(CROSS_SELL_SOURCE));
        metadata.insert("productId".into(), Value::String(product_id));
        metadata.insert("position".into(), json!(position));
        if let Some(a) = action {
            metadata.insert("action".into(), json!(a));
        }
        let event = Event { kind: kind.into(), search_log_id: None, metadata: Some(metadata), timestamp: None };
        let res = state.http.post(&url).header("x-widget-token", token(state)?).json(&event).send().await.map_err(|e| failed(&url, e))?;
        if !res.status().is_success() {
            return Err(refused(&url, res.status(), res).await);
        }
    }
    Ok(())
}

/// The snapshot the search agent needs, from the host's cart: money parsed into
/// numbers, lines cut at `SNAPSHOT_MAX_ITEMS` (the hash still covers them all).
pub fn cart_snapshot(cart: &CartState) -> Option<CartSnapshot> {
    if cart.items.is_empty() {
        return None;
    }
    let money = |s: &str| crate::money::parse_money(s).unwrap_or(0.0);
    Some(CartSnapshot {
        currency: cart.currency.clone(),
        total_items: cart.items.iter().map(|i| i.quantity).sum(),
        subtotal: money(&cart.subtotal),
        total: money(&cart.total),
        formatted_subtotal: Some(cart.subtotal.clone()),
        formatted_total: Some(cart.total.clone()),
        items: cart
            .items
            .iter()
            .take(SNAPSHOT_MAX_ITEMS)
            .map(|i| CartSnapshotItem {
                key: i.key.clone(),
                id: i.id.clone(),
                external_id: i.external_id.clone(),
                name: i.name.clone(),
                quantity: i.quantity,
                price: money(&i.price),
                variant: i.variant.clone(),
            })
            .collect(),
        truncated: cart.items.len() > SNAPSHOT_MAX_ITEMS,
        hash: snapshot_hash(cart.items.iter().map(|i| (i.key.as_str(), i.id.as_str(), i.quantity))),
        updated_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        shipping: cart.shipping.clone(),
    })
}

/// `POST /api/widget/search` upstream, with the cart's snapshot when it has items.
pub async fn search(
    state: &AppState,
    query: String,
    language: Language,
    conversation_id: Option<String>,
    cart: Option<CartState>,
) -> Result<SearchResponse, String> {
    let url = format!("{}/api/widget/search", state.upstream.base_url);
    let body = SearchRequest {
        query,
        language: Some(language.code().into()),
        conversation_id,
        cart_snapshot: cart.as_ref().and_then(cart_snapshot),
        limit: Some(8),
        ..SearchRequest::default()
    };
    let res = state.http.post(&url).header("x-widget-token", token(state)?).json(&body).send().await.map_err(|e| failed(&url, e))?;
    match res.status() {
        s if s.is_success() => res.json().await.map_err(|e| failed(&url, e)),
        StatusCode::BAD_REQUEST => {
            let message = res.json::<cartlift_contract::ApiError>().await.map(|e| e.message).unwrap_or_default();
            Err(message)
        }
        s => Err(refused(&url, s, res).await),
    }
}

/// `GET /api/widget/search/autocomplete` upstream.
pub async fn autocomplete(state: &AppState, typed: String) -> Result<AutocompleteResponse, String> {
    let url = format!("{}/api/widget/search/autocomplete", state.upstream.base_url);
    let res = state
        .http
        .get(&url)
        .header("x-widget-token", token(state)?)
        .query(&[("q", typed.as_str()), ("limit", "6")])
        .send()
        .await
        .map_err(|e| failed(&url, e))?;
    match res.status() {
        s if s.is_success() => res.json().await.map_err(|e| failed(&url, e)),
        s => Err(refused(&url, s, res).await),
    }
}

/// A search result was opened or added: a click tied to the search turn.
pub async fn track_search(state: &AppState, search_log_id: String, product_id: String, position: u32, added: bool) -> Result<(), String> {
    let url = format!("{}/api/widget/track/click", state.upstream.base_url);
    let mut metadata = Map::new();
    metadata.insert("source".into(), json!("search"));
    metadata.insert("productId".into(), Value::String(product_id));
    metadata.insert("position".into(), json!(position));
    metadata.insert("action".into(), json!(if added { "add" } else { "open" }));
    let event = Event { kind: "click".into(), search_log_id: Some(search_log_id), metadata: Some(metadata), timestamp: None };
    let res = state.http.post(&url).header("x-widget-token", token(state)?).json(&event).send().await.map_err(|e| failed(&url, e))?;
    if !res.status().is_success() {
        return Err(refused(&url, res.status(), res).await);
    }
    Ok(())
}

fn failed(url: &str, e: reqwest::Error) -> String {
    let why = if e.is_timeout() { "timed out".to_string() } else { e.to_string() };
    tracing::warn!(%url, %why, "widget API call failed");
    format!("the recommendation service did not answer ({why})")
}

async fn refused(url: &str, status: StatusCode, res: reqwest::Response) -> String {
    let body = res.text().await.unwrap_or_default();
    tracing::warn!(%url, %status, %body, "widget API refused a call");
    format!("the recommendation service answered {status}")
}

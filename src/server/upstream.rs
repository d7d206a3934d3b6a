//! The widget's server functions forward to the widget API here, with the
//! storefront's widget token, bounded by `widget.upstream_timeout_ms`.

use cartlift_contract::{CrossSellRequest, CrossSellResponse, Event, Language, CROSS_SELL_SOURCE};
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

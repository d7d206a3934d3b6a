//! The widget's server functions forward to the widget API here, with the
//! storefront's widget token, bounded by `widget.upstream_timeout_ms`.

use cartlift_contract::{
    AutocompleteResponse, CartState, CrossSellResponse, Language, SearchResponse,
};
use reqwest::StatusCode;

use super::storefront::Shopper;
use super::AppState;
use crate::widget::api;
use crate::widget::proxy::CardEvent;

fn token(state: &AppState) -> Result<&str, String> {
    state.upstream.widget_token.as_deref().ok_or_else(|| {
        format!(
            "no widget token for shop {:?}: set widget.token, or create the shop in this store",
            state.settings.widget.shop
        )
    })
}

/// `POST /api/widget/cart/cross-sell` upstream, as the shopper's visitor (their arm
/// of the holdout experiment decides what comes back); `None` on its 204.
pub async fn cross_sell(
    state: &AppState,
    product_ids: Vec<String>,
    exclude_product_ids: Vec<String>,
    language: Language,
    shopper: &Shopper,
) -> Result<Option<CrossSellResponse>, String> {
    let url = format!("{}/api/widget/cart/cross-sell", state.upstream.base_url);
    let body = api::cross_sell_request(product_ids, exclude_product_ids, language);
    let mut req = forwarded_for(
        state
            .http
            .post(&url)
            .header("x-widget-token", token(state)?)
            .json(&body),
    );
    if let Some(v) = &shopper.visitor {
        req = req.header(cartlift_contract::VISITOR_HEADER, v);
    }
    let res = req.send().await.map_err(|e| failed(&url, e))?;
    // The drawer is showing: the visitor is in the experiment, in the arm the API
    // chose (an exposure whether or not the section has anything to show).
    let arm = res
        .headers()
        .get(cartlift_contract::ARM_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let (Some(arm), Some(visitor)) = (arm, &shopper.visitor) {
        let exposure = api::exposure_event(visitor, shopper.session.as_deref(), &arm);
        let track = format!("{}/api/widget/track/event", state.upstream.base_url);
        match post(state, &track, &exposure).await {
            Ok(r) if r.status().is_success() => {}
            Ok(r) => tracing::warn!(status = %r.status(), "the exposure event was refused"),
            Err(e) => tracing::warn!(error = %e, "the exposure event was not sent"),
        }
    }
    match res.status() {
        StatusCode::NO_CONTENT => Ok(None),
        s if s.is_success() => res.json().await.map(Some).map_err(|e| failed(&url, e)),
        s => Err(refused(&url, s, res).await),
    }
}

/// Cross-sell card events, one request per product (see `widget::api`), each with
/// the shopper's visitor and session ids (anonymous: the experiment's unit).
pub async fn track_cross_sell(
    state: &AppState,
    event: CardEvent,
    products: Vec<(String, u32)>,
    shopper: &Shopper,
) -> Result<(), String> {
    let (path, mut events) = api::cross_sell_events(event, products)?;
    for e in &mut events {
        let metadata = e.metadata.get_or_insert_with(Default::default);
        for (key, id) in [
            ("visitorId", &shopper.visitor),
            ("sessionId", &shopper.session),
        ] {
            if let Some(id) = id {
                metadata.insert(key.into(), id.clone().into());
            }
        }
    }
    let url = format!("{}{path}", state.upstream.base_url);
    for event in events {
        let res = post(state, &url, &event).await?;
        if !res.status().is_success() {
            return Err(refused(&url, res.status(), res).await);
        }
    }
    Ok(())
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
    let updated_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let body = api::search_request(
        query,
        language,
        conversation_id,
        cart.as_ref()
            .and_then(|c| api::cart_snapshot(c, updated_at)),
    );
    let res = post(state, &url, &body).await?;
    match res.status() {
        s if s.is_success() => res.json().await.map_err(|e| failed(&url, e)),
        StatusCode::BAD_REQUEST => {
            let message = res
                .json::<cartlift_contract::ApiError>()
                .await
                .map(|e| e.message)
                .unwrap_or_default();
            Err(message)
        }
        s => Err(refused(&url, s, res).await),
    }
}

/// `GET /api/widget/search/autocomplete` upstream.
pub async fn autocomplete(state: &AppState, typed: String) -> Result<AutocompleteResponse, String> {
    let url = format!("{}/api/widget/search/autocomplete", state.upstream.base_url);
    let res = forwarded_for(
        state
            .http
            .get(&url)
            .header("x-widget-token", token(state)?)
            .query(&[("q", typed.as_str()), ("limit", "6")]),
    )
    .send()
    .await
    .map_err(|e| failed(&url, e))?;
    match res.status() {
        s if s.is_success() => res.json().await.map_err(|e| failed(&url, e)),
        s => Err(refused(&url, s, res).await),
    }
}

/// A search result was opened or added: a click tied to the search turn.
pub async fn track_search(
    state: &AppState,
    search_log_id: String,
    product_id: String,
    position: u32,
    added: bool,
) -> Result<(), String> {
    let url = format!("{}/api/widget/track/click", state.upstream.base_url);
    let event = api::search_click_event(search_log_id, product_id, position, added);
    let res = post(state, &url, &event).await?;
    if !res.status().is_success() {
        return Err(refused(&url, res.status(), res).await);
    }
    Ok(())
}

/// A JSON POST to the widget API with the storefront's token.
async fn post(
    state: &AppState,
    url: &str,
    body: &impl serde::Serialize,
) -> Result<reqwest::Response, String> {
    let req = forwarded_for(
        state
            .http
            .post(url)
            .header("x-widget-token", token(state)?)
            .json(body),
    );
    req.send().await.map_err(|e| failed(url, e))
}

/// Tells the API which shopper the call is for, so its per-address rate limit
/// counts the shopper and not this server (it trusts the header from this machine).
fn forwarded_for(req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() else {
        return req;
    };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0);
    match super::layers::client_address(&parts.headers, peer) {
        Some(address) => req.header("x-forwarded-for", address.to_string()),
        None => req,
    }
}

/// The cause (with the upstream's URL) goes to the log; the browser learns only
/// what kind of failure it was.
fn failed(url: &str, e: reqwest::Error) -> String {
    tracing::warn!(%url, error = %e, "widget API call failed");
    let why = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not be reached"
    } else if e.is_decode() {
        "answered something unreadable"
    } else {
        "failed"
    };
    format!("the recommendation service {why}")
}

async fn refused(url: &str, status: StatusCode, res: reqwest::Response) -> String {
    let body = res.text().await.unwrap_or_default();
    tracing::warn!(%url, %status, %body, "widget API refused a call");
    format!("the recommendation service answered {status}")
}

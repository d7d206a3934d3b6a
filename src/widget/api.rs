//! How the widget reaches the widget API. In the demo storefront it calls this
//! server's functions ([`super::proxy`]), which hold the token; embedded in another
//! shop's page it calls the API itself, across origins, with the token the page gave
//! `init`. Both send the same requests, built here.

#[cfg(feature = "embed")]
use std::sync::Arc;

use cartlift_contract::{
    snapshot_hash, AutocompleteResponse, CartSnapshot, CartSnapshotItem, CartState,
    CrossSellRequest, CrossSellResponse, Event, Language, SearchRequest, SearchResponse,
    CROSS_SELL_SOURCE, SNAPSHOT_MAX_ITEMS,
};
use serde_json::{json, Map, Value};

#[cfg(not(feature = "embed"))]
use super::proxy;
use super::proxy::CardEvent;

/// How many cross-sell cards the drawer shows.
pub const CROSS_SELL_CARDS: u32 = 6;

/// Each bundle has the one way it needs (the storefront's cannot be embedded, the
/// embed's has no server functions to call), so neither carries the other's code.
#[derive(Clone)]
pub enum WidgetApi {
    /// This server's functions (the storefront).
    #[cfg(not(feature = "embed"))]
    ServerFunctions,
    /// The widget API at `base_url` (an embedding page), as the page's visitor in its
    /// browser session (anonymous ids the loader keeps; see `public/widget.js`).
    #[cfg(feature = "embed")]
    Direct {
        base_url: Arc<str>,
        token: Arc<str>,
        visitor: Option<Arc<str>>,
        session: Option<Arc<str>>,
    },
}

impl WidgetApi {
    /// A file of the API's server (a product's art) as the page must ask for it: an
    /// embedding page is on another origin, so a path gets the API's base.
    pub fn asset(&self, url: String) -> String {
        #[cfg(feature = "embed")]
        {
            let WidgetApi::Direct { base_url, .. } = self;
            if url.starts_with('/') && !url.starts_with("//") {
                return format!("{base_url}{url}");
            }
        }
        url
    }

    /// Cross-sell for the cart's products; `None` when the API has nothing (204).
    pub async fn cross_sell(
        &self,
        product_ids: Vec<String>,
        exclude: Vec<String>,
        language: Language,
    ) -> Result<Option<CrossSellResponse>, String> {
        match self {
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => proxy::fetch_cross_sell(product_ids, exclude, language)
                .await
                .map_err(server_fn_error),
            #[cfg(feature = "embed")]
            WidgetApi::Direct {
                base_url,
                token,
                visitor,
                session,
            } => {
                let body = cross_sell_request(product_ids, exclude, language);
                let (answer, arm) = direct::send_as(
                    base_url,
                    token,
                    visitor.as_deref(),
                    "POST",
                    "/api/widget/cart/cross-sell",
                    Some(direct::body(&body)?),
                    false,
                )
                .await?;
                // The drawer is showing: the visitor is in the experiment, in the arm
                // the API chose, whether or not the section has anything to show.
                if let (Some(visitor), Some(arm)) = (visitor, arm) {
                    let exposure = exposure_event(visitor, session.as_deref(), &arm);
                    let path = "/api/widget/track/event";
                    if let Err(e) = direct::send(
                        base_url,
                        token,
                        "POST",
                        path,
                        Some(direct::body(&exposure)?),
                        true,
                    )
                    .await
                    {
                        leptos::logging::warn!(
                            "cartlift: the exposure event was not recorded: {e}"
                        );
                    }
                }
                answer.map(|text| direct::read(&text)).transpose()
            }
        }
    }

    /// Cross-sell card events (`metadata.source = "cross_sell"`), one per product.
    pub async fn track_cross_sell(
        &self,
        event: CardEvent,
        products: Vec<(String, u32)>,
    ) -> Result<(), String> {
        match self {
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => proxy::track_cross_sell(event, products)
                .await
                .map_err(server_fn_error),
            #[cfg(feature = "embed")]
            WidgetApi::Direct {
                base_url,
                token,
                visitor,
                session,
            } => {
                let (path, mut events) = cross_sell_events(event, products)?;
                for e in &mut events {
                    let metadata = e.metadata.get_or_insert_with(Default::default);
                    for (key, id) in [("visitorId", visitor), ("sessionId", session)] {
                        if let Some(id) = id {
                            metadata.insert(key.into(), Value::String(id.to_string()));
                        }
                    }
                }
                for e in events {
                    let body = direct::body(&e)?;
                    direct::send(base_url, token, "POST", path, Some(body), true).await?;
                }
                Ok(())
            }
        }
    }

    /// One turn of the search conversation; the cart goes with it as a snapshot.
    pub async fn search(
        &self,
        query: String,
        language: Language,
        conversation_id: Option<String>,
        cart: Option<CartState>,
    ) -> Result<SearchResponse, String> {
        match self {
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => {
                proxy::search_turn(query, language, conversation_id, cart)
                    .await
                    .map_err(server_fn_error)
            }
            #[cfg(feature = "embed")]
            WidgetApi::Direct {
                base_url, token, ..
            } => {
                let snapshot = cart
                    .as_ref()
                    .and_then(|c| cart_snapshot(c, direct::now_rfc3339()));
                let body = search_request(query, language, conversation_id, snapshot);
                let answer = direct::send(
                    base_url,
                    token,
                    "POST",
                    "/api/widget/search",
                    Some(direct::body(&body)?),
                    false,
                )
                .await?;
                direct::read(&answer.unwrap_or_default())
            }
        }
    }

    /// Completions for what the shopper has typed so far.
    pub async fn completions(&self, typed: String) -> Result<AutocompleteResponse, String> {
        match self {
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => proxy::search_completions(typed)
                .await
                .map_err(server_fn_error),
            #[cfg(feature = "embed")]
            WidgetApi::Direct {
                base_url, token, ..
            } => {
                let path = format!(
                    "/api/widget/search/autocomplete?limit=6&q={}",
                    direct::encode(&typed)
                );
                let answer = direct::send(base_url, token, "GET", &path, None, false).await?;
                direct::read(&answer.unwrap_or_default())
            }
        }
    }

    /// A search result was opened (`added: false`) or added: a click tied to its turn.
    pub async fn track_search_click(
        &self,
        search_log_id: String,
        product_id: String,
        position: u32,
        added: bool,
    ) -> Result<(), String> {
        match self {
            #[cfg(not(feature = "embed"))]
            WidgetApi::ServerFunctions => {
                proxy::track_search_click(search_log_id, product_id, position, added)
                    .await
                    .map_err(server_fn_error)
            }
            #[cfg(feature = "embed")]
            WidgetApi::Direct {
                base_url, token, ..
            } => {
                let body = direct::body(&search_click_event(
                    search_log_id,
                    product_id,
                    position,
                    added,
                ))?;
                direct::send(
                    base_url,
                    token,
                    "POST",
                    "/api/widget/track/click",
                    Some(body),
                    true,
                )
                .await
                .map(|_| ())
            }
        }
    }
}

#[cfg(not(feature = "embed"))]
fn server_fn_error(e: leptos::prelude::ServerFnError) -> String {
    match e {
        leptos::prelude::ServerFnError::ServerError(message) => message,
        _ => "the recommendation service did not answer".into(),
    }
}

#[cfg_attr(not(feature = "embed"), allow(dead_code))]
fn unreadable(e: serde_json::Error) -> String {
    format!("the recommendation service answered in a form the widget cannot read ({e})")
}

/// The body of `POST /api/widget/cart/cross-sell`.
/// The cross-sell request for a cart. A cart longer than the API takes asks about its
/// newest products (the last lines), which say most about what the shopper is after.
pub fn cross_sell_request(
    mut product_ids: Vec<String>,
    mut exclude: Vec<String>,
    language: Language,
) -> CrossSellRequest {
    let newest = |ids: &mut Vec<String>, max: usize| {
        if ids.len() > max {
            ids.drain(..ids.len() - max);
        }
    };
    newest(&mut product_ids, cartlift_contract::CROSS_SELL_MAX_CART_IDS);
    newest(&mut exclude, cartlift_contract::CROSS_SELL_MAX_EXCLUDED_IDS);
    CrossSellRequest {
        product_ids,
        language: Some(language.code().into()),
        limit: Some(CROSS_SELL_CARDS),
        exclude_product_ids: exclude,
    }
}

/// The body of `POST /api/widget/search`.
pub fn search_request(
    query: String,
    language: Language,
    conversation_id: Option<String>,
    snapshot: Option<CartSnapshot>,
) -> SearchRequest {
    SearchRequest {
        query,
        language: Some(language.code().into()),
        conversation_id,
        cart_snapshot: snapshot,
        limit: Some(8),
        ..SearchRequest::default()
    }
}

/// Card events as the API takes them: clicks to `/track/click`, impressions to
/// `/track/event`, one per product with its 1-based position.
pub fn cross_sell_events(
    event: CardEvent,
    products: Vec<(String, u32)>,
) -> Result<(&'static str, Vec<Event>), String> {
    if products.is_empty() || products.len() > 24 {
        return Err(format!("send 1 to 24 products, got {}", products.len()));
    }
    let (path, kind, action) = match event {
        CardEvent::Impression => ("/api/widget/track/event", "impression", None),
        CardEvent::Click => ("/api/widget/track/click", "click", Some("open")),
        CardEvent::Add => ("/api/widget/track/click", "click", Some("add")),
    };
    let events = products
        .into_iter()
        .map(|(product_id, position)| {
            let mut metadata = Map::new();
            metadata.insert("source".into(), json!(CROSS_SELL_SOURCE));
            metadata.insert("productId".into(), Value::String(product_id));
            metadata.insert("position".into(), json!(position));
            if let Some(a) = action {
                metadata.insert("action".into(), json!(a));
            }
            Event {
                kind: kind.into(),
                search_log_id: None,
                metadata: Some(metadata),
                timestamp: None,
            }
        })
        .collect();
    Ok((path, events))
}

/// The event that puts a visitor in the holdout experiment: the drawer showed, in
/// this arm (`X-Cartlift-Arm` of the cross-sell answer).
pub fn exposure_event(visitor: &str, session: Option<&str>, arm: &str) -> Event {
    let mut metadata = Map::new();
    metadata.insert("visitorId".into(), json!(visitor));
    metadata.insert("arm".into(), json!(arm));
    if let Some(session) = session {
        metadata.insert("sessionId".into(), json!(session));
    }
    Event {
        kind: cartlift_contract::EXPOSURE_EVENT.into(),
        search_log_id: None,
        metadata: Some(metadata),
        timestamp: None,
    }
}

/// A click on a search result, tied to its turn.
pub fn search_click_event(
    search_log_id: String,
    product_id: String,
    position: u32,
    added: bool,
) -> Event {
    let mut metadata = Map::new();
    metadata.insert("source".into(), json!("search"));
    metadata.insert("productId".into(), Value::String(product_id));
    metadata.insert("position".into(), json!(position));
    metadata.insert("action".into(), json!(if added { "add" } else { "open" }));
    Event {
        kind: "click".into(),
        search_log_id: Some(search_log_id),
        metadata: Some(metadata),
        timestamp: None,
    }
}

/// The snapshot the search agent needs, from the host's cart: money parsed into
/// numbers, lines cut at `SNAPSHOT_MAX_ITEMS` (the hash still covers them all).
pub fn cart_snapshot(cart: &CartState, updated_at: String) -> Option<CartSnapshot> {
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
        hash: snapshot_hash(
            cart.items
                .iter()
                .map(|i| (i.key.as_str(), i.id.as_str(), i.quantity)),
        ),
        updated_at,
        shipping: cart.shipping.clone(),
    })
}

/// The widget API over the browser's `fetch`. Bodies go out and answers come in
/// as JSON text read straight into the contract's types: no `serde_json::Value` in
/// between, whose deserializers would double the bundle's share of serde.
#[cfg(feature = "embed")]
mod direct {
    use serde::de::DeserializeOwned;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    pub fn now_rfc3339() -> String {
        String::from(js_sys::Date::new_0().to_iso_string())
    }

    pub fn encode(s: &str) -> String {
        String::from(js_sys::encode_uri_component(s))
    }

    pub fn body(value: &impl serde::Serialize) -> Result<String, String> {
        serde_json::to_string(value).map_err(super::unreadable)
    }

    pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(super::unreadable)
    }

    /// Sends one request; `Ok(None)` for an answer without a body (204). `keepalive`
    /// lets a tracking call outlive the page the shopper is leaving.
    pub async fn send(
        base: &str,
        token: &str,
        method: &str,
        path: &str,
        body: Option<String>,
        keepalive: bool,
    ) -> Result<Option<String>, String> {
        send_as(base, token, None, method, path, body, keepalive)
            .await
            .map(|(body, _)| body)
    }

    /// [`send`] as a visitor (`X-Visitor-Id`), with the arm the answer names
    /// (`X-Cartlift-Arm`, exposed to the page by the API's CORS).
    pub async fn send_as(
        base: &str,
        token: &str,
        visitor: Option<&str>,
        method: &str,
        path: &str,
        body: Option<String>,
        keepalive: bool,
    ) -> Result<(Option<String>, Option<String>), String> {
        let offline = |_| "the recommendation service did not answer".to_string();
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        // `keepalive` has no setter in this web-sys: set the field itself.
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &keepalive.into());
        let headers = web_sys::Headers::new().map_err(offline)?;
        headers.set("X-Widget-Token", token).map_err(offline)?;
        if let Some(visitor) = visitor {
            headers
                .set(cartlift_contract::VISITOR_HEADER, visitor)
                .map_err(offline)?;
        }
        if let Some(body) = body {
            headers
                .set("Content-Type", "application/json")
                .map_err(offline)?;
            init.set_body(&wasm_bindgen::JsValue::from_str(&body));
        }
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(&format!("{base}{path}"), &init)
            .map_err(offline)?;
        let window = web_sys::window().ok_or("no window")?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
            .await
            .map_err(offline)?
            .unchecked_into();
        let status = response.status();
        let arm = response
            .headers()
            .get(cartlift_contract::ARM_HEADER)
            .ok()
            .flatten();
        if status == 204 {
            return Ok((None, arm));
        }
        let text = JsFuture::from(response.text().map_err(offline)?)
            .await
            .map_err(offline)?
            .as_string()
            .unwrap_or_default();
        if !response.ok() {
            // The API's errors are `{error, message}`: the message says what to fix.
            let message = serde_json::from_str::<cartlift_contract::ApiError>(&text)
                .map(|e| e.message)
                .ok();
            return Err(
                message.unwrap_or_else(|| format!("the recommendation service answered {status}"))
            );
        }
        Ok(((!text.is_empty()).then_some(text), arm))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cart_asks_about_its_newest_products() {
        let ids: Vec<String> = (0..150).map(|i| format!("p{i}")).collect();
        let seen: Vec<String> = (0..600).map(|i| format!("s{i}")).collect();
        let r = cross_sell_request(ids, seen, Language::En);
        assert_eq!(r.product_ids.len(), 100);
        assert_eq!(r.product_ids.first().map(String::as_str), Some("p50"));
        assert_eq!(r.product_ids.last().map(String::as_str), Some("p149"));
        assert_eq!(r.exclude_product_ids.len(), 500);
        assert_eq!(
            r.exclude_product_ids.first().map(String::as_str),
            Some("s100")
        );
        let short = cross_sell_request(vec!["a".into()], vec![], Language::En);
        assert_eq!(short.product_ids, ["a"]);
    }
}

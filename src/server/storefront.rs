//! The demo storefront on the server: its catalog pages read the shop's engine in
//! memory; its cart lives in the store, one per visitor, named by a cookie.

use std::sync::Arc;

use parking_lot::RwLock;

use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use cartlift_contract::{CartItem, CartOperationResult, CartShippingInfo, CartState, Product};
use cartlift_engine::ProductIdx;
use cartlift_store::{Shop, StoredCart};
use leptos::prelude::{expect_context, use_context};

use super::admin::cookie;
use super::shops::ShopEngine;
use super::AppState;
use crate::i18n::Language;
use crate::money::{format_money, image_or_art};
use crate::settings::WidgetSettings;
use crate::storefront::{CategoryCount, HomeData, Listing, LANGUAGE_COOKIE, PAGE_SIZE};

const CART_COOKIE: &str = "cartlift_cart";
/// Orders from this amount (in the shop's currency) ship free.
const FREE_SHIPPING_OVER: f64 = 40.0;
const COUNTRIES: [&str; 7] = ["GB", "IE", "FR", "DE", "ES", "NL", "US"];

struct Storefront {
    state: AppState,
    shop: Shop,
    engine: Arc<RwLock<ShopEngine>>,
}

/// A store failure as the shopper sees it: the cause goes to the log only.
fn failed(e: cartlift_store::Error) -> String {
    tracing::error!(error = %e, "a storefront request failed");
    "the shop could not answer; please try again".to_string()
}

async fn storefront() -> Result<Storefront, String> {
    let state = expect_context::<AppState>();
    let slug = &state.settings.widget.shop;
    let shop = state
        .store
        .shop_by_slug(slug)
        .await
        .map_err(failed)?
        .ok_or_else(|| {
            format!("the shop {slug:?} does not exist yet: start with `cartlift serve --seed-demo`")
        })?;
    let engine = state
        .engines
        .get(&state.store, &shop)
        .await
        .map_err(failed)?;
    Ok(Storefront {
        state,
        shop,
        engine,
    })
}

fn card(engine: &ShopEngine, idx: ProductIdx) -> Product {
    let mut p = engine.product_dto(idx);
    p.image_url = Some(image_or_art(p.image_url.as_deref(), &p.id));
    p
}

pub async fn home() -> Result<HomeData, String> {
    let sf = storefront().await?;
    let engine = sf.engine.read();
    let categories = engine
        .category_counts()
        .into_iter()
        .map(|(name, count)| CategoryCount {
            name,
            count: count as u32,
        })
        .collect();
    let popular = engine
        .listing(None, None)
        .into_iter()
        .take(12)
        .map(|i| card(&engine, i))
        .collect();
    Ok(HomeData {
        shop_name: sf.shop.name.clone(),
        categories,
        popular,
    })
}

pub async fn listing(
    category: Option<String>,
    query: Option<String>,
    page: u32,
) -> Result<Listing, String> {
    let query = query
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty());
    if query.as_ref().is_some_and(|q| q.len() > 200) {
        return Err("the search is longer than 200 characters".into());
    }
    let sf = storefront().await?;
    let engine = sf.engine.read();
    let all = engine.listing(
        category.as_deref().filter(|c| !c.is_empty()),
        query.as_deref(),
    );
    let total = all.len() as u32;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let products = all
        .into_iter()
        .skip(((page - 1) * PAGE_SIZE) as usize)
        .take(PAGE_SIZE as usize)
        .map(|i| card(&engine, i))
        .collect();
    Ok(Listing {
        products,
        total,
        page,
        pages,
    })
}

pub async fn product(id: &str) -> Result<Option<Product>, String> {
    let sf = storefront().await?;
    let engine = sf.engine.read();
    Ok(engine.find(id).map(|i| card(&engine, i)))
}

const SESSION_COOKIE: &str = "cartlift_session";

/// The shopper as the holdout experiment knows them: their cart's id is the visitor
/// (a random id in a cookie, never personal data), and a cookie that ends with the
/// browser session names the session.
#[derive(Clone, Debug, Default)]
pub struct Shopper {
    pub visitor: Option<String>,
    pub session: Option<String>,
}

/// The request's shopper; a visitor without a session cookie gets one now.
pub async fn shopper() -> Shopper {
    let Ok(headers) = leptos_axum::extract::<HeaderMap>().await else {
        return Shopper::default();
    };
    let visitor = cookie(&headers, CART_COOKIE);
    let session = match cookie(&headers, SESSION_COOKIE) {
        Some(s) => Some(s),
        None if visitor.is_some() => new_session(),
        None => None,
    };
    Shopper { visitor, session }
}

fn new_session() -> Option<String> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let cookie = format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax");
    let response = use_context::<leptos_axum::ResponseOptions>()?;
    response.append_header(header::SET_COOKIE, HeaderValue::from_str(&cookie).ok()?);
    Some(id)
}

/// The visitor's cart id from the cookie; with `create`, a new one is issued.
async fn cart_id(create: bool) -> Option<String> {
    let headers: HeaderMap = leptos_axum::extract().await.ok()?;
    let existing = cookie(&headers, CART_COOKIE);
    if existing.is_some() || !create {
        return existing;
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    let cookie = format!("{CART_COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000");
    let response = expect_context::<leptos_axum::ResponseOptions>();
    response.append_header(header::SET_COOKIE, HeaderValue::from_str(&cookie).ok()?);
    Some(id)
}

/// How many items the visitor's cart holds, gathered before a page renders (the
/// render itself is synchronous); the badge shows it until the widget's first read.
#[derive(Clone, Copy, Debug, Default)]
struct PageCartCount(u32);

/// Middleware on the page routes: counts the visitor's cart for the page frame.
pub async fn count_cart_for_page(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        let count = match cookie(request.headers(), CART_COOKIE) {
            Some(id) => cart_count(&state, &id).await,
            None => 0,
        };
        request.extensions_mut().insert(PageCartCount(count));
    }
    next.run(request).await
}

async fn cart_count(state: &AppState, cart_id: &str) -> u32 {
    let Ok(Some(shop)) = state.store.shop_by_slug(&state.settings.widget.shop).await else {
        return 0;
    };
    state
        .store
        .cart(&shop, cart_id)
        .await
        .map_or(0, |c| c.lines.iter().map(|l| l.quantity as u32).sum())
}

/// What the page frame of this request starts with: the shop's widget settings, the
/// shopper's language if they picked one, and the cart's count.
pub struct Frame {
    pub settings: WidgetSettings,
    pub chosen: Option<Language>,
    pub cart_count: u32,
}

pub fn frame() -> Frame {
    // Outside a request (listing the routes at start-up) there is no state: defaults.
    let settings = use_context::<AppState>()
        .map(|s| s.widget_settings())
        .unwrap_or_default();
    let parts = use_context::<Parts>();
    let chosen = parts
        .as_ref()
        .and_then(|p| cookie(&p.headers, LANGUAGE_COOKIE))
        .and_then(|v| v.parse().ok());
    let cart_count = parts
        .as_ref()
        .and_then(|p| p.extensions.get::<PageCartCount>())
        .map_or(0, |c| c.0);
    Frame {
        settings,
        chosen,
        cart_count,
    }
}

pub fn cart_state(shop: &Shop, cart: &StoredCart) -> CartState {
    let currency = shop.currency.as_str();
    let items: Vec<CartItem> = cart
        .lines
        .iter()
        .map(|l| {
            let p = &l.product;
            CartItem {
                key: p.id.clone(),
                id: p.id.clone(),
                external_id: Some(p.external_id.clone()),
                name: p.name.clone(),
                price: format_money(p.sale_price.unwrap_or(p.price), currency),
                quantity: l.quantity as u32,
                image: Some(image_or_art(p.image_url.as_deref(), &p.id)),
                url: Some(p.url.clone()),
                variant: None,
                max_quantity: Some(l.max_quantity() as u32),
            }
        })
        .collect();
    let subtotal: f64 = cart
        .lines
        .iter()
        .map(|l| l.product.sale_price.unwrap_or(l.product.price) * l.quantity as f64)
        .sum();
    let delta = (FREE_SHIPPING_OVER - subtotal).max(0.0);
    CartState {
        total_items: cart.lines.iter().map(|l| l.quantity as u32).sum(),
        subtotal: format_money(subtotal, currency),
        // Shipping is free or charged at checkout; the total here is the goods.
        total: format_money(subtotal, currency),
        currency: shop.currency.clone(),
        shipping: Some(CartShippingInfo {
            free_shipping_threshold: FREE_SHIPPING_OVER,
            current_amount: (subtotal * 100.0).round() / 100.0,
            delta: (delta * 100.0).round() / 100.0,
            threshold_met: delta == 0.0,
            destination_country: cart.destination_country.clone(),
            available_countries: COUNTRIES.iter().map(|c| c.to_string()).collect(),
            formatted_threshold: format_money(FREE_SHIPPING_OVER, currency),
            formatted_delta: format_money(delta, currency),
        }),
        items,
    }
}

pub async fn read_cart() -> Result<CartState, String> {
    let sf = storefront().await?;
    let cart = match cart_id(false).await {
        Some(id) => sf.state.store.cart(&sf.shop, &id).await.map_err(failed)?,
        None => StoredCart::default(),
    };
    Ok(cart_state(&sf.shop, &cart))
}

/// Runs a cart change; the answer follows `CartOperationResult` (an error is for
/// the shopper, as the widget shows it in a toast).
async fn change<F, Fut>(f: F) -> CartOperationResult
where
    F: FnOnce(Storefront, String) -> Fut,
    Fut: std::future::Future<Output = Result<(Shop, StoredCart), cartlift_store::Error>>,
{
    let sf = match storefront().await {
        Ok(sf) => sf,
        Err(e) => return CartOperationResult::failed(e),
    };
    let Some(id) = cart_id(true).await else {
        return CartOperationResult::failed("The cart needs cookies to be allowed");
    };
    match f(sf, id).await {
        Ok((shop, cart)) => CartOperationResult::ok(cart_state(&shop, &cart)),
        Err(cartlift_store::Error::Invalid(why)) => CartOperationResult::failed(why),
        Err(e) => {
            tracing::error!(error = %e, "cart change failed");
            CartOperationResult::failed("The cart could not be changed; please try again")
        }
    }
}

pub async fn add(product: &str, quantity: u32) -> CartOperationResult {
    let product = product.to_string();
    change(|sf, id| async move {
        Ok((
            sf.shop.clone(),
            sf.state
                .store
                .add_to_cart(&sf.shop, &id, &product, quantity as i64)
                .await?,
        ))
    })
    .await
}

pub async fn set_quantity(item_key: &str, quantity: u32) -> CartOperationResult {
    let key = item_key.to_string();
    change(|sf, id| async move {
        Ok((
            sf.shop.clone(),
            sf.state
                .store
                .set_cart_quantity(&sf.shop, &id, &key, quantity as i64)
                .await?,
        ))
    })
    .await
}

pub async fn set_country(code: &str) -> CartOperationResult {
    let code = code.trim().to_ascii_uppercase();
    if !COUNTRIES.contains(&code.as_str()) {
        return CartOperationResult::failed(format!(
            "We do not ship to {code} yet; we ship to {}",
            COUNTRIES.join(", ")
        ));
    }
    change(|sf, id| async move {
        Ok((
            sf.shop.clone(),
            sf.state
                .store
                .set_destination_country(&sf.shop, &id, &code)
                .await?,
        ))
    })
    .await
}

/// Closes the visitor's cart as an order; the shop's model learns it at once and
/// the products' stock follows.
pub async fn checkout() -> Result<String, String> {
    let sf = storefront().await?;
    let id = cart_id(false).await.ok_or("the cart is empty")?;
    let shopper = shopper().await;
    let done = sf
        .state
        .store
        .checkout(&sf.shop, &id, shopper.session.as_deref())
        .await
        .map_err(|e| match e {
            cartlift_store::Error::Invalid(why) => why,
            e => {
                tracing::error!(error = %e, "checkout failed");
                "the order could not be placed; please try again".into()
            }
        })?;
    let mut restocked = Vec::new();
    for pid in &done.restocked {
        if let Ok(Some(p)) = sf.state.store.product(&sf.shop, pid).await {
            restocked.push(p);
        }
    }
    // The model learns it now (and every other server sharing the store within a second).
    if let Err(e) = sf.state.engines.catch_up(&sf.state.store, &sf.shop).await {
        tracing::error!(error = %e, "learning the order after checkout failed");
    }
    // The order is placed; a search index failure must not undo it for the shopper.
    if let Err(e) = sf.engine.write().upsert_products(restocked) {
        tracing::error!(error = %e, "search index update after checkout failed");
    }
    Ok(done.order.external_id)
}

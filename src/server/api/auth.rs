//! Who is calling: widget tokens (public, read-only) and admin keys (secret), and
//! CORS for browsers calling the widget API from a shop's own pages.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::RwLock;
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cartlift_store::{ApiKeyKind, Shop};

use super::ApiError;
use crate::server::AppState;

pub const WIDGET_TOKEN_HEADER: &str = "x-widget-token";
pub const ADMIN_KEY_HEADER: &str = "x-admin-key";

/// How long a checked key (and the shop settings read with it) is trusted before the
/// store is asked again: a rotated key, a revoked one, or changed allowed origins take
/// effect on every running server within this time (well inside a second).
const KEY_FRESH_FOR: Duration = Duration::from_millis(500);

/// Keys checked against the store in the last `KEY_FRESH_FOR`, so a burst of widget
/// calls costs two queries a second.
#[derive(Clone, Default)]
pub struct KeyCache {
    known: Arc<RwLock<HashMap<KeySlot, Checked>>>,
}

/// A key and whether it is an admin key.
type KeySlot = (String, bool);
/// The key's shop, and when the store said so.
type Checked = (Arc<Shop>, Instant);

impl KeyCache {
    /// The shop of `key` (of `kind`), as the store said within the last half second.
    pub async fn shop(
        &self,
        state: &AppState,
        key: &str,
        kind: ApiKeyKind,
    ) -> Result<Option<Arc<Shop>>, ApiError> {
        let slot = (key.to_string(), kind == ApiKeyKind::Admin);
        // A panic elsewhere under the lock leaves the map as it was: keep using it.
        if let Some((shop, checked)) = self.known.read().get(&slot) {
            if checked.elapsed() < KEY_FRESH_FOR {
                return Ok(Some(shop.clone()));
            }
        }
        let shop = state.store.shop_for_key(key, kind).await?.map(Arc::new);
        let mut known = self.known.write();
        match &shop {
            Some(shop) => {
                known.insert(slot, (shop.clone(), Instant::now()));
            }
            None => {
                known.remove(&slot);
            }
        }
        Ok(shop)
    }

    /// Forgets everything (a shop's settings changed, or keys were re-issued).
    pub fn clear(&self) {
        self.known.write().clear();
    }
}

/// The shop of the request's `X-Widget-Token`.
pub struct WidgetShop(pub Arc<Shop>);

/// The shop of the request's admin key (`X-Admin-Key`, or `Authorization: Bearer`).
pub struct AdminShop(pub Arc<Shop>);

fn header_str<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

impl FromRequestParts<AppState> for WidgetShop {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = header_str(parts, WIDGET_TOKEN_HEADER).ok_or_else(|| {
            ApiError::unauthorized(
                "the X-Widget-Token header is missing: send the shop's widget token",
            )
        })?;
        match state.keys.shop(state, token, ApiKeyKind::Widget).await? {
            Some(shop) => Ok(WidgetShop(shop)),
            None => Err(ApiError::unauthorized(
                "the X-Widget-Token is not a widget token of any shop",
            )),
        }
    }
}

impl FromRequestParts<AppState> for AdminShop {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let key = header_str(parts, ADMIN_KEY_HEADER)
            .or_else(|| {
                header_str(parts, header::AUTHORIZATION.as_str())
                    .and_then(|v| v.strip_prefix("Bearer "))
            })
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "an admin key is required: send it as X-Admin-Key or Authorization: Bearer",
                )
            })?;
        match state
            .keys
            .shop(state, key.trim(), ApiKeyKind::Admin)
            .await?
        {
            Some(shop) => Ok(AdminShop(shop)),
            None => Err(ApiError::unauthorized(
                "the admin key is not an admin key of any shop",
            )),
        }
    }
}

/// CORS for the widget API: a browser on one of the shop's `allowedOrigins` may
/// call it; any other origin gets no CORS headers (and so no access).
pub async fn widget_cors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(origin) = req.headers().get(header::ORIGIN).cloned() else {
        return next.run(req).await;
    };
    let origin_str = origin.to_str().unwrap_or_default().to_string();
    if req.method() == Method::OPTIONS {
        // A preflight carries no token: any shop allowing the origin lets it through.
        return match state.store.origin_is_allowed(&origin_str).await {
            Ok(true) => {
                let mut res = StatusCode::NO_CONTENT.into_response();
                let h = res.headers_mut();
                h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_METHODS,
                    HeaderValue::from_static("GET, POST, OPTIONS"),
                );
                h.insert(
                    header::ACCESS_CONTROL_ALLOW_HEADERS,
                    HeaderValue::from_static("content-type, x-widget-token, x-visitor-id"),
                );
                h.insert(
                    header::ACCESS_CONTROL_MAX_AGE,
                    HeaderValue::from_static("600"),
                );
                h.insert(header::VARY, HeaderValue::from_static("Origin"));
                res
            }
            Ok(false) => ApiError::new(
                StatusCode::FORBIDDEN,
                "origin_not_allowed",
                format!("origin {origin_str:?} is not in any shop's allowedOrigins"),
            )
            .into_response(),
            Err(e) => ApiError::from(e).into_response(),
        };
    }
    let token = req
        .headers()
        .get(WIDGET_TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut res = next.run(req).await;
    let allowed = match token {
        Some(t) => {
            matches!(state.keys.shop(&state, &t, ApiKeyKind::Widget).await, Ok(Some(shop)) if shop.settings.allowed_origins.contains(&origin_str))
        }
        None => false,
    };
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Origin"));
    if allowed {
        let h = res.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        // The embedded widget reads its arm from the cross-sell answer.
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("x-cartlift-arm"),
        );
    }
    res
}

//! What every request passes through before a handler sees it: a panic answered as
//! a JSON 500, a time limit, a body limit, and rate limits per client address and
//! per key. Each refusal is the API's JSON `{error, message}`.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use parking_lot::Mutex;

use super::api::ApiError;
use super::config::LimitsSection;
use super::AppState;

/// The JSON 500 for a handler that panicked; the panic goes to the log only.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    ApiError::internal(format!("a request handler panicked: {what}")).into_response()
}

/// Answers 503 when a request is not answered within `limits.request_timeout_ms`.
/// The handler is dropped; work that must finish (an engine build) runs in its own task.
pub async fn time_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = Duration::from_millis(state.settings.limits.request_timeout_ms);
    // A shared handle, not a copy of the path: most requests never need it.
    let uri = req.uri().clone();
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(path = %uri.path(), ?limit, "request timed out");
            let mut res = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                format!(
                    "the request was not answered within {} ms; try again",
                    limit.as_millis()
                ),
            )
            .into_response();
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            res
        }
    }
}

/// Refuses a body larger than `limits.max_body_bytes` on every route (server
/// functions and forms included): at once when its Content-Length says so, and
/// once it has passed the limit otherwise. What passes is read here, so a handler
/// never meets a cut-off body.
pub async fn body_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    use http_body_util::BodyExt;
    let limit = state.settings.limits.max_body_bytes;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large(limit).into_response();
    }
    let (parts, body) = req.into_parts();
    let bytes = match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            return too_large(limit).into_response()
        }
        Err(e) => {
            return ApiError::bad_request(format!("the request body could not be read: {e}"))
                .into_response()
        }
    };
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

fn too_large(limit: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
        format!("request body is larger than {limit} bytes"),
    )
}

/// Who is calling: the peer's address, or, when the peer is on this machine (a
/// proxy in front, or this server's own storefront calling its API), the address
/// that proxy put last in `X-Forwarded-For`. A remote peer cannot claim another
/// address this way.
pub fn client_address(headers: &HeaderMap, peer: Option<SocketAddr>) -> Option<IpAddr> {
    let peer = peer?.ip();
    if !peer.is_loopback() {
        return Some(peer);
    }
    // Only the last entry: the ones before it are whatever the client sent.
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|a| a.trim().parse::<IpAddr>().ok());
    Some(forwarded.unwrap_or(peer))
}

/// Static files and product art are cheap and fetched many to a page, and the
/// operator's probes and scraper must never be refused: not counted.
fn is_uncounted(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
        || path.starts_with("/pkg/")
        || path.starts_with("/art/")
        || [".js", ".css", ".ico", ".svg", ".png", ".wasm", ".txt"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// Token buckets: each holds `burst` requests and refills at `per_second`.
struct Buckets {
    per_second: f64,
    burst: f64,
    hasher: RandomState,
    /// Keyed by a hash, so no key is kept in memory as it was sent.
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
}

/// Beyond this many clients, the buckets that have refilled are dropped.
const MAX_TRACKED: usize = 100_000;

impl Buckets {
    fn new(per_second: u32) -> Option<Buckets> {
        (per_second > 0).then(|| Buckets {
            per_second: per_second as f64,
            // Three seconds' worth: a page's burst of calls passes, a flood does not.
            burst: per_second as f64 * 3.0,
            hasher: RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Takes one request from `key`'s bucket; `Err(seconds)` until one is back.
    fn take(&self, key: impl std::hash::Hash) -> Result<(), u64> {
        let key = self.hasher.hash_one(key);
        let now = Instant::now();
        let mut buckets = self.buckets.lock();
        if buckets.len() >= MAX_TRACKED {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * rate < burst
            });
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

/// Rate limits per client address and per widget token or admin key.
#[derive(Clone)]
pub struct RateLimits(Arc<(Option<Buckets>, Option<Buckets>)>);

impl RateLimits {
    pub fn new(limits: &LimitsSection) -> RateLimits {
        RateLimits(Arc::new((
            Buckets::new(limits.per_address_per_second),
            Buckets::new(limits.per_key_per_second),
        )))
    }
}

/// 429 with `Retry-After` once an address or a key has used its requests.
pub async fn rate_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_uncounted(req.uri().path()) {
        return next.run(req).await;
    }
    let (by_address, by_key) = &*state.rate_limits.0;
    if let Some(buckets) = by_address {
        let peer = req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0);
        if let Some(address) = client_address(req.headers(), peer) {
            if let Err(wait) = buckets.take(address) {
                return too_many(
                    wait,
                    format!(
                        "too many requests from {address}: at most {} a second",
                        buckets.per_second
                    ),
                );
            }
        }
    }
    if let Some(buckets) = by_key {
        let h = req.headers();
        let key = h
            .get(super::api::WIDGET_TOKEN_HEADER)
            .or_else(|| h.get(super::api::ADMIN_KEY_HEADER))
            .or_else(|| h.get(header::AUTHORIZATION));
        if let Some(key) = key {
            if let Err(wait) = buckets.take(key.as_bytes()) {
                return too_many(
                    wait,
                    format!(
                        "too many requests with this key: at most {} a second",
                        buckets.per_second
                    ),
                );
            }
        }
    }
    next.run(req).await
}

fn too_many(wait: u64, message: String) -> Response {
    let mut res = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("{message}; retry after {wait} s"),
    )
    .into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait));
    res
}

/// Axum's own rejections (a malformed query or path, a wrong method) come as plain
/// text or empty: the API answers them as JSON `{error, message}` like its own.
pub async fn json_rejections(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let (code, fallback) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "this endpoint does not take that method; see /api/openapi.json",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Content-Type must be application/json",
        ),
        s if s.is_server_error() => ("internal", "the server failed; the cause is in its log"),
        _ => (
            "invalid_request",
            "the request is malformed; see /api/openapi.json",
        ),
    };
    let message = if text.is_empty() || status.is_server_error() {
        fallback.to_string()
    } else {
        text
    };
    let mut json = ApiError::new(status, code, message).into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            json.headers_mut().insert(name, value.clone());
        }
    }
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_is_a_json_500_and_the_next_request_is_served() {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/boom",
                axum::routing::get(|| async {
                    if true {
                        panic!("the engine's invariant broke");
                    }
                }),
            )
            .route("/fine", axum::routing::get(|| async { "fine" }))
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                panic_response,
            ));
        let get = |p: &str| {
            axum::http::Request::get(p)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let res = app.clone().oneshot(get("/boom")).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"], "internal");
        // The panic's text stays in the log.
        assert!(!body["message"].as_str().unwrap().contains("invariant"));
        let res = app.oneshot(get("/fine")).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
    }

    #[test]
    fn a_bucket_lets_a_burst_through_then_says_when_to_retry() {
        let b = Buckets::new(2).unwrap();
        for _ in 0..6 {
            assert_eq!(b.take("a"), Ok(()));
        }
        assert_eq!(b.take("a"), Err(1));
        // Another key has its own bucket.
        assert_eq!(b.take("b"), Ok(()));
    }

    #[test]
    fn forwarded_addresses_count_only_from_this_machine() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("10.0.0.9, 203.0.113.7"),
        );
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let remote: SocketAddr = "198.51.100.2:5000".parse().unwrap();
        assert_eq!(client_address(&h, Some(local)), "203.0.113.7".parse().ok());
        assert_eq!(
            client_address(&h, Some(remote)),
            "198.51.100.2".parse().ok()
        );
        assert_eq!(
            client_address(&HeaderMap::new(), Some(local)),
            Some(local.ip())
        );
        assert_eq!(client_address(&h, None), None);
    }
}

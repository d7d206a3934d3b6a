//! What an operator's tools ask the server: `/healthz` (the process answers),
//! `/readyz` (the store answers and every shop's engine is built) and `/metrics`
//! (Prometheus text: requests, latency, engine sizes, imports).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use parking_lot::Mutex;

use super::api::ApiError;
use super::AppState;

/// Upper bounds (seconds) of the latency histogram's buckets.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 2.5, 10.0,
];

#[derive(Default)]
struct Latency {
    /// `counts[i]`: requests no slower than `BUCKETS[i]` (cumulative, as Prometheus wants).
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

/// Counters of this process since it started.
#[derive(Clone, Default)]
pub struct Metrics(Arc<MetricsInner>);

#[derive(Default)]
struct MetricsInner {
    /// route → its requests and latency. Looked up by the route as matched, so
    /// counting a request allocates nothing once its route was seen.
    routes: Mutex<BTreeMap<String, RouteCounts>>,
    orders_imported: AtomicU64,
    products_imported: AtomicU64,
}

#[derive(Default)]
struct RouteCounts {
    /// (method, status) → requests: a handful a route.
    requests: Vec<(Method, u16, u64)>,
    latency: Latency,
}

impl Metrics {
    fn record(&self, method: &Method, route: &str, status: u16, seconds: f64) {
        let mut routes = self.0.routes.lock();
        let r = match routes.get_mut(route) {
            Some(r) => r,
            None => routes.entry(route.to_string()).or_default(),
        };
        match r
            .requests
            .iter_mut()
            .find(|(m, s, _)| m == method && *s == status)
        {
            Some((_, _, n)) => *n += 1,
            None => r.requests.push((method.clone(), status, 1)),
        }
        let l = &mut r.latency;
        for (count, bound) in l.counts.iter_mut().zip(BUCKETS) {
            if seconds <= bound {
                *count += 1;
            }
        }
        l.count += 1;
        l.sum += seconds;
    }

    /// Orders learned through the admin API.
    pub fn orders_imported(&self, n: usize) {
        self.0
            .orders_imported
            .fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Products written through the admin API.
    pub fn products_imported(&self, n: usize) {
        self.0
            .products_imported
            .fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// The route a response came from, as the router matched it (`/product/{id}`, not
/// the id itself), so the metrics' labels stay few.
#[derive(Clone)]
struct RouteLabel(MatchedPath);

/// Marks each routed response with its route (as a route layer, where the match is known).
pub async fn label_route(path: Option<MatchedPath>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    if let Some(path) = path {
        res.extensions_mut().insert(RouteLabel(path));
    }
    res
}

/// Counts every request and how long it took, by method, route and status.
pub async fn measure(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let res = next.run(req).await;
    let route = match res.extensions().get::<RouteLabel>() {
        Some(r) => r.0.as_str(),
        // Static files and anything unmatched, in one label.
        None => "(other)",
    };
    state.metrics.record(
        &method,
        route,
        res.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    res
}

/// `GET /healthz`: the process is up and answering.
pub async fn healthz() -> impl IntoResponse {
    Json(serde_json::json!({ "status": "ok" }))
}

/// `GET /readyz`: 200 once the store answers and every shop's engine is built; 503
/// before (a load balancer sends no shopper here until then).
pub async fn readyz(State(state): State<AppState>) -> Response {
    if let Err(e) = state.store.ping().await {
        tracing::warn!(error = %e, "not ready: the store does not answer");
        return not_ready("the store does not answer; the cause is in the server's log");
    }
    if !state.engines.ready() {
        return not_ready("the shops' engines are being built from the store");
    }
    Json(serde_json::json!({ "status": "ready" })).into_response()
}

fn not_ready(message: &str) -> Response {
    let mut res =
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "not_ready", message).into_response();
    res.headers_mut().insert(
        header::RETRY_AFTER,
        axum::http::HeaderValue::from_static("1"),
    );
    res
}

/// `GET /metrics`: Prometheus text format, for a scraper on this machine only (the
/// counts are the shops' business): a peer elsewhere, or a request forwarded by a
/// proxy, is refused.
pub async fn metrics(State(state): State<AppState>, req: Request) -> Response {
    let local = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|p| p.0.ip().is_loopback());
    if !local || req.headers().contains_key("x-forwarded-for") {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "/metrics answers only a scraper on the server's own machine (127.0.0.1 or ::1, not through a proxy)",
        )
        .into_response();
    }
    let m = &state.metrics.0;
    let mut out = String::new();
    out.push_str("# HELP cartlift_requests_total HTTP requests answered, by method, route and status.\n# TYPE cartlift_requests_total counter\n");
    let routes = m.routes.lock();
    // By method, route and status, as a reader looks for them.
    let mut requests: Vec<(&str, &str, u16, u64)> = routes
        .iter()
        .flat_map(|(route, r)| {
            r.requests
                .iter()
                .map(move |(method, status, n)| (method.as_str(), route.as_str(), *status, *n))
        })
        .collect();
    requests.sort_unstable();
    for (method, route, status, n) in requests {
        let _ = writeln!(
            out,
            "cartlift_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
            escape(route)
        );
    }
    out.push_str("# HELP cartlift_request_duration_seconds Time to answer a request, by route.\n# TYPE cartlift_request_duration_seconds histogram\n");
    for (route, r) in routes.iter() {
        let l = &r.latency;
        let route = escape(route);
        for (count, bound) in l.counts.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "cartlift_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "cartlift_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\ncartlift_request_duration_seconds_sum{{route=\"{route}\"}} {}\ncartlift_request_duration_seconds_count{{route=\"{route}\"}} {}",
            l.count, l.sum, l.count
        );
    }
    drop(routes);
    let sizes = state.engines.sizes();
    for (name, help, value) in [
        (
            "cartlift_model_products",
            "Products in a shop's engine.",
            (|s: &super::shops::EngineSize| s.products as u64) as fn(&_) -> u64,
        ),
        (
            "cartlift_model_pairs",
            "Product pairs the shop's co-purchase model holds.",
            |s| s.pairs as u64,
        ),
        (
            "cartlift_model_orders",
            "Orders the shop's co-purchase model has learned.",
            |s| s.orders,
        ),
        (
            "cartlift_linear_model_orders",
            "Orders the shop's linear model was last solved from, in the background (0: none yet).",
            |s| s.linear_orders,
        ),
    ] {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
        for s in &sizes {
            let _ = writeln!(out, "{name}{{shop=\"{}\"}} {}", escape(&s.shop), value(s));
        }
    }
    let _ = writeln!(
        out,
        "# HELP cartlift_engines_ready Whether every shop's engine is built (1) or still building (0).\n# TYPE cartlift_engines_ready gauge\ncartlift_engines_ready {}",
        u8::from(state.engines.ready())
    );
    let _ = writeln!(
        out,
        "# HELP cartlift_orders_imported_total Orders taken through the admin API.\n# TYPE cartlift_orders_imported_total counter\ncartlift_orders_imported_total {}",
        m.orders_imported.load(Ordering::Relaxed)
    );
    let _ = writeln!(
        out,
        "# HELP cartlift_products_imported_total Products written through the admin API.\n# TYPE cartlift_products_imported_total counter\ncartlift_products_imported_total {}",
        m.products_imported.load(Ordering::Relaxed)
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
        .into_response()
}

/// A label value as Prometheus reads it.
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

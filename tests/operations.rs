//! The server under load and abuse: rate limits, body and time limits, JSON for
//! every rejection, readiness, metrics, errors that keep their causes to the log,
//! and a stop that answers the requests in flight.
#![cfg(feature = "ssr")]

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use leptos::server_fn::ServerFn;

use cartlift::widget::proxy::FetchCrossSell;
use common::{assert_error, body_bytes, json, server};

/// A request as it arrives from `peer` over TCP.
fn from(peer: &str, req: Request<Body>) -> Request<Body> {
    let mut req = req;
    let addr: SocketAddr = peer.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

#[tokio::test]
async fn one_address_is_limited_and_told_when_to_come_back() {
    let s = server(&[("CARTLIFT_RATE_PER_ADDRESS", "2")]).await;
    let token = s.widget_token();
    let autocomplete = |peer: &str| {
        from(
            peer,
            Request::get("/api/widget/search/autocomplete?q=lan")
                .header("x-widget-token", &token)
                .body(Body::empty())
                .unwrap(),
        )
    };
    // Two a second, bursts of three seconds' worth: six pass at once, the seventh not.
    for _ in 0..6 {
        let res = s.send(autocomplete("203.0.113.7:4000")).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = s.send(autocomplete("203.0.113.7:4001")).await;
    assert_eq!(res.headers()[header::RETRY_AFTER], "1");
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "203.0.113.7").await;
    // Another shopper is not held back by the first.
    let res = s.send(autocomplete("198.51.100.2:4000")).await;
    assert_eq!(res.status(), StatusCode::OK);
    // A proxy on this machine speaks for its clients: each is counted apart...
    for i in 0..6 {
        let mut req = autocomplete("127.0.0.1:5000");
        req.headers_mut()
            .insert("x-forwarded-for", format!("192.0.2.{i}").parse().unwrap());
        assert_eq!(s.send(req).await.status(), StatusCode::OK);
    }
    // ...while a remote client cannot slip out by claiming another address.
    let mut req = autocomplete("203.0.113.7:4002");
    req.headers_mut()
        .insert("x-forwarded-for", "192.0.2.99".parse().unwrap());
    assert_eq!(s.send(req).await.status(), StatusCode::TOO_MANY_REQUESTS);
    // Files of the page are not counted, nor the operator's probes.
    let res = s.send(from("203.0.113.7:4003", get("/art/x.svg"))).await;
    assert_ne!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    for path in ["/healthz", "/readyz"] {
        let res = s.send(from("203.0.113.7:4004", get(path))).await;
        assert_ne!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
    }
}

#[tokio::test]
async fn answers_are_gzipped_for_a_client_that_accepts_it() {
    let s = server(&[]).await;
    let spec = |accept: Option<&str>| {
        let mut req = Request::get("/api/openapi.json");
        if let Some(a) = accept {
            req = req.header(header::ACCEPT_ENCODING, a);
        }
        req.body(Body::empty()).unwrap()
    };
    let plain = s.send(spec(None)).await;
    assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    let plain = body_bytes(plain).await;
    let gzipped = s.send(spec(Some("gzip, deflate"))).await;
    assert_eq!(gzipped.headers()[header::CONTENT_ENCODING], "gzip");
    let bytes = body_bytes(gzipped).await;
    let mut unzipped = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain);
}

#[tokio::test]
async fn one_key_is_limited_whichever_address_uses_it() {
    let s = server(&[("CARTLIFT_RATE_PER_KEY", "1")]).await;
    let admin = s.admin_key();
    let events = |i: u32| {
        from(
            &format!("198.51.100.{i}:4000"),
            Request::get("/api/admin/events")
                .header("x-admin-key", &admin)
                .body(Body::empty())
                .unwrap(),
        )
    };
    for i in 0..3 {
        assert_eq!(s.send(events(i)).await.status(), StatusCode::OK);
    }
    let res = s.send(events(9)).await;
    assert!(res.headers().contains_key(header::RETRY_AFTER));
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, "this key").await;
    // The shop's widget token is another key, with its own allowance.
    let res = s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await;
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_rejection_of_the_api_is_json() {
    let s = server(&[]).await;
    let admin = s.admin_key();
    // A malformed query string.
    let res = s
        .send(
            Request::get("/api/admin/events?limit=many")
                .header("x-admin-key", &admin)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "limit").await;
    // A method the endpoint does not take keeps its Allow header.
    let res = s.send(get("/api/widget/cart/cross-sell")).await;
    assert!(res.headers().contains_key(header::ALLOW));
    assert_error(res, StatusCode::METHOD_NOT_ALLOWED, "method").await;
    // Unknown endpoint.
    let res = s.send(get("/api/widget/nothing")).await;
    assert_error(res, StatusCode::NOT_FOUND, "openapi").await;
}

#[tokio::test]
async fn bodies_past_the_limit_are_refused_on_every_route() {
    let s = server(&[("CARTLIFT_MAX_BODY_BYTES", "2048")]).await;
    let big = format!(r#"{{"productIds":["{}"]}}"#, "A".repeat(4000));
    // A server function...
    let res = s
        .send(
            Request::post(FetchCrossSell::PATH)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(big.clone()))
                .unwrap(),
        )
        .await;
    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "2048 bytes").await;
    // ...and GraphQL, which reads its own body.
    let res = s
        .post_json(
            "/graphql",
            &[("x-admin-key", &s.admin_key())],
            &format!(
                r#"{{"query":"{{ categories }}","x":"{}"}}"#,
                "B".repeat(4000)
            ),
        )
        .await;
    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "2048 bytes").await;
    // A body sent without a length is cut off when it passes the limit.
    let chunks = vec![Ok::<_, std::io::Error>(big.into_bytes())];
    let res = s
        .send(
            Request::post("/api/widget/cart/cross-sell")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-widget-token", s.widget_token())
                .body(Body::from_stream(futures_util::stream::iter(chunks)))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_503() {
    let s = server(&[("CARTLIFT_REQUEST_TIMEOUT_MS", "300")]).await;
    // A client that starts a body and never finishes it.
    let (_tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    let stream = tokio_stream_from(rx);
    let res = s
        .send(
            Request::post("/api/widget/cart/cross-sell")
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-widget-token", s.widget_token())
                .body(Body::from_stream(stream))
                .unwrap(),
        )
        .await;
    assert_eq!(res.headers()[header::RETRY_AFTER], "1");
    assert_error(res, StatusCode::SERVICE_UNAVAILABLE, "300 ms").await;
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

#[tokio::test]
async fn ready_once_every_shops_engine_is_built_without_a_request() {
    let s = server(&[]).await;
    assert_eq!(s.send(get("/healthz")).await.status(), StatusCode::OK);
    let res = s.send(get("/readyz")).await;
    assert_eq!(res.headers()[header::RETRY_AFTER], "1");
    assert_error(res, StatusCode::SERVICE_UNAVAILABLE, "being built").await;
    s.state.engines.build_all(&s.state.store);
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..100 {
        status = s.send(get("/readyz")).await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK);
    let sizes = s.state.engines.sizes();
    assert_eq!(sizes.len(), 1);
    assert_eq!((sizes[0].shop.as_str(), sizes[0].products), ("demo", 5));
    assert_eq!(sizes[0].orders, 7);
}

#[tokio::test]
async fn metrics_count_requests_by_route_for_a_local_scraper_only() {
    let s = server(&[]).await;
    for _ in 0..3 {
        let res = s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await;
        assert_eq!(res.status(), StatusCode::OK);
    }
    let res = s.send(from("127.0.0.1:6000", get("/metrics"))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(
        text.contains(r#"cartlift_requests_total{method="POST",route="/api/widget/cart/cross-sell",status="200"} 3"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#"cartlift_request_duration_seconds_count{route="/api/widget/cart/cross-sell"} 3"#
        ),
        "{text}"
    );
    assert!(
        text.contains(r#"cartlift_model_products{shop="demo"} 5"#),
        "{text}"
    );
    assert!(
        text.contains(r#"cartlift_model_orders{shop="demo"} 7"#),
        "{text}"
    );
    // Not for the world, and not through a proxy.
    let res = s.send(from("198.51.100.2:6000", get("/metrics"))).await;
    assert_error(res, StatusCode::FORBIDDEN, "own machine").await;
    let mut req = from("127.0.0.1:6000", get("/metrics"));
    req.headers_mut()
        .insert("x-forwarded-for", "198.51.100.2".parse().unwrap());
    assert_eq!(s.send(req).await.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_failed_upstream_call_tells_the_browser_nothing_of_the_upstream() {
    // Port 9 (discard) on this machine: nothing listens there.
    let s = server(&[
        ("CARTLIFT_API_BASE_URL", "http://127.0.0.1:9"),
        ("CARTLIFT_WIDGET_TOKEN", "clw_secret"),
    ])
    .await;
    let res = s
        .send(
            Request::post(FetchCrossSell::PATH)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    r#"{"product_ids":["x"],"exclude_product_ids":[],"language":"en"}"#,
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let text = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(text.contains("could not be reached"), "{text}");
    assert!(
        !text.contains("127.0.0.1") && !text.contains(":9"),
        "{text}"
    );
}

#[tokio::test]
async fn servers_sharing_a_store_keep_each_others_storefront_token() {
    let s = server(&[]).await;
    let first = s.state.upstream.widget_token.clone().unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("cartlift")
        .build();
    let second = cartlift::server::AppState::new(
        options,
        common::settings(&[]),
        s.state.store.clone(),
        "127.0.0.1:10".parse().unwrap(),
    )
    .await
    .unwrap();
    let second = second.upstream.widget_token.clone().unwrap();
    assert_ne!(first, second);
    for token in [&first, &second] {
        let shop = s
            .state
            .store
            .shop_for_key(token, cartlift_store::ApiKeyKind::Widget)
            .await
            .unwrap();
        assert!(shop.is_some(), "a server's storefront token was revoked");
    }
    // The shop's own widget token is untouched too.
    let res = s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await;
    assert_eq!(json(res).await["products"][0]["externalId"], "CANDLE");
}

/// Polls `check` every 50 ms for up to `within`; how long it took, if it came true.
async fn comes_true<F, Fut>(within: Duration, mut check: F) -> Option<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while started.elapsed() < within {
        if check().await {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    None
}

#[tokio::test]
async fn two_servers_on_one_store_agree_within_a_second() {
    use tower::ServiceExt;
    let a = server(&[]).await;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("cartlift")
        .build();
    let b_state = cartlift::server::AppState::new(
        options,
        common::settings(&[]),
        a.state.store.clone(),
        "127.0.0.1:10".parse().unwrap(),
    )
    .await
    .unwrap();
    let b = cartlift::server::app(b_state.clone());
    for engines in [&a.state.engines, &b_state.engines] {
        engines.build_all(&a.state.store);
    }
    let token = a.widget_token();
    let first_on_b = |b: axum::Router| {
        let token = token.clone();
        async move {
            let res = b
                .oneshot(
                    Request::post("/api/widget/cart/cross-sell")
                        .header(header::CONTENT_TYPE, "application/json")
                        .header("x-widget-token", &token)
                        .body(Body::from(r#"{"productIds":["LANTERN"]}"#))
                        .unwrap(),
                )
                .await
                .unwrap();
            json(res).await["products"][0]["externalId"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    };
    assert_eq!(first_on_b(b.clone()).await, "CANDLE");

    // Orders taken by A: the mug now goes with the lantern more than candles do.
    let orders: Vec<String> = (0..8)
        .map(|i| format!(r#"{{"externalId":"a{i}","closedAt":"2011-06-01T10:00:00Z","lines":[{{"productExternalId":"LANTERN","quantity":1,"unitPrice":5}},{{"productExternalId":"MUG","quantity":1,"unitPrice":5}}]}}"#))
        .collect();
    let res = a
        .post_json(
            "/api/admin/orders",
            &[("x-admin-key", &a.admin_key())],
            &format!("[{}]", orders.join(",")),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let took = comes_true(Duration::from_secs(1), || async {
        first_on_b(b.clone()).await == "MUG"
    })
    .await;
    assert!(took.is_some(), "B never learned A's orders within a second");
    println!("B learned A's orders in {:?}", took.unwrap());
    // Learned once each, on both servers.
    for state in [&a.state, &b_state] {
        assert_eq!(state.engines.sizes()[0].orders, 15);
    }

    // A rule written on one server (here by the command line's store call) reaches B.
    let shop = a.shop.shop.clone();
    a.state
        .store
        .set_category_rule(
            &shop,
            cartlift_store::CategoryRuleRecord {
                from: "lighting".into(),
                to: "kitchen".into(),
                effect: "deny".into(),
            },
        )
        .await
        .unwrap();
    let took = comes_true(Duration::from_secs(1), || async {
        first_on_b(b.clone()).await == "CANDLE"
    })
    .await;
    assert!(took.is_some(), "B never followed the rule within a second");

    // A key rotated through one server stops working on the other, which had it cached.
    let old = a.admin_key();
    let res = b
        .clone()
        .oneshot(
            Request::get("/api/admin/events")
                .header("x-admin-key", &old)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    a.state
        .store
        .reissue_admin_key(&shop.id, "default")
        .await
        .unwrap();
    let took = comes_true(Duration::from_secs(1), || {
        let b = b.clone();
        let old = old.clone();
        async move {
            let res = b
                .oneshot(
                    Request::get("/api/admin/events")
                        .header("x-admin-key", &old)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            res.status() == StatusCode::UNAUTHORIZED
        }
    })
    .await;
    assert!(took.is_some(), "the rotated key still opened B");
}

/// `n` closed orders of the demo shop through the admin API, numbered from `first`.
async fn add_orders(s: &common::TestServer, first: usize, n: usize) {
    let pairs = [["LANTERN", "MUG"], ["MUG", "TIN"], ["CANDLE", "BAG"]];
    let orders: Vec<serde_json::Value> = (first..first + n)
        .map(|i| {
            serde_json::json!({
                "externalId": format!("linear-{i}"),
                "closedAt": "2011-06-01T10:00:00Z",
                "lines": pairs[i % 3].iter().map(|p| serde_json::json!({
                    "productExternalId": p, "quantity": 1, "unitPrice": 2.5
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let res = s
        .post_json(
            "/api/admin/orders",
            &[("x-admin-key", &s.admin_key())],
            &serde_json::Value::from(orders).to_string(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "{}", json(res).await);
}

/// What `/metrics` says the demo shop's linear model was solved from, once it says
/// `want` (the solve runs in the background), or what it last said.
async fn linear_orders_become(s: &common::TestServer, want: u64) -> u64 {
    let mut seen = u64::MAX;
    for _ in 0..100 {
        let text = String::from_utf8(
            body_bytes(s.send(from("127.0.0.1:6000", get("/metrics"))).await).await,
        )
        .unwrap();
        seen = text
            .lines()
            .find_map(|l| l.strip_prefix(r#"cartlift_linear_model_orders{shop="demo"} "#))
            .expect("the gauge, once the engine is built")
            .parse()
            .unwrap();
        if seen == want {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    seen
}

#[tokio::test]
async fn the_linear_model_is_solved_off_the_request_path_and_again_as_orders_come_in() {
    let s = server(&[]).await;
    // Built on first use from 7 orders: too few for a linear model, co-purchase answers.
    let res = s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(linear_orders_become(&s, 0).await, 0);
    // 30 new orders (37 in all) make it due: solved in the background from all 37.
    add_orders(&s, 0, 30).await;
    assert_eq!(linear_orders_become(&s, 37).await, 37);
    // It answers meanwhile and after, and the new orders count at once (co-purchase):
    // the mug now goes with the lantern more than the candle does.
    let answer = json(s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await).await;
    assert_eq!(answer["products"][0]["externalId"], "MUG", "{answer}");
    // Solved again only once enough new orders came in: 19 are not, 20 are.
    add_orders(&s, 30, 19).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(linear_orders_become(&s, 37).await, 37);
    add_orders(&s, 49, 1).await;
    assert_eq!(linear_orders_become(&s, 57).await, 57);
}

//! Every request decoder on arbitrary input, through the real router: whatever the
//! body or query string, the answer is never a 5xx, and every refusal is the API's
//! JSON `{error, message}`. (proptest; `PROPTEST_CASES` sets how many per endpoint.)
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{header, Request};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Bodies: raw bytes, JSON of the wrong shape, and near-miss requests.
fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..300),
        "\\PC{0,200}".prop_map(String::into_bytes),
        (
            prop_oneof![
                Just("productIds"),
                Just("query"),
                Just("type"),
                Just("limit"),
                Just("cartSnapshot"),
                Just("metadata"),
                Just("filters"),
                Just("externalId"),
                Just("lines"),
            ],
            prop_oneof![
                Just("null".to_string()),
                Just("[]".to_string()),
                Just("{}".to_string()),
                Just("-1".to_string()),
                Just("1e400".to_string()),
                Just("[\"\"]".to_string()),
                "\"\\PC{0,40}\"".prop_map(|s| s.replace('\\', "")),
                (0u64..u64::MAX).prop_map(|n| n.to_string()),
            ],
        )
            .prop_map(|(k, v)| format!("{{\"{k}\": {v}, \"query\": \"lamp\", \"productIds\": [\"X\"], \"type\": \"click\"}}").into_bytes()),
    ]
}

#[test]
fn no_body_or_query_makes_the_api_fail() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(common::server(&[
        ("CARTLIFT_RATE_PER_ADDRESS", "0"),
        ("CARTLIFT_RATE_PER_KEY", "0"),
    ]));
    let (token, admin) = (s.widget_token(), s.admin_key());
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(300);
    let check = |req: Request<Body>| -> Result<(), TestCaseError> {
        let what = format!("{} {}", req.method(), req.uri());
        let res = rt.block_on(s.send(req));
        let status = res.status();
        prop_assert!(!status.is_server_error(), "{what} answered {status}");
        if status.is_client_error() {
            prop_assert_eq!(&res.headers()[header::CONTENT_TYPE], "application/json");
            let body = rt.block_on(common::json(res));
            prop_assert!(body["error"].is_string() && body["message"].is_string());
        }
        Ok(())
    };
    let posts = [
        ("/api/widget/cart/cross-sell", "x-widget-token", &token),
        ("/api/widget/search", "x-widget-token", &token),
        ("/api/widget/track/click", "x-widget-token", &token),
        ("/api/widget/track/event", "x-widget-token", &token),
        ("/api/admin/orders", "x-admin-key", &admin),
    ];
    for (path, key, value) in posts {
        let mut runner = TestRunner::new(Config::with_cases(cases));
        runner
            .run(&bodies(), |body| {
                check(
                    Request::post(path)
                        .header(header::CONTENT_TYPE, "application/json")
                        .header(key, value.as_str())
                        .body(Body::from(body))
                        .unwrap(),
                )
            })
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
    }
    let mut runner = TestRunner::new(Config::with_cases(cases));
    runner
        .run(&bodies(), |body| {
            check(
                Request::put("/api/admin/products")
                    .header(header::CONTENT_TYPE, "application/json")
                    .header("x-admin-key", admin.as_str())
                    .body(Body::from(body))
                    .unwrap(),
            )
        })
        .unwrap();
    // Query strings: any printable text after `?`, percent-encoded or not.
    for path in [
        "/api/widget/search",
        "/api/widget/search/autocomplete",
        "/api/admin/events",
    ] {
        let mut runner = TestRunner::new(Config::with_cases(cases));
        runner
            .run(&"[!-~]{0,80}", |query| {
                let Ok(req) = Request::get(format!("{path}?{query}"))
                    .header("x-widget-token", token.as_str())
                    .header("x-admin-key", admin.as_str())
                    .body(Body::empty())
                else {
                    return Ok(()); // not a URI at all: no request to make
                };
                check(req)
            })
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    }
}

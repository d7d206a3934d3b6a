//! The server, driven in-process through its router: pages and server functions.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::server_fn::ServerFn;

use cartlift::settings::{LoadWidgetSettings, WidgetSettings};
use common::{body_bytes, server};

#[tokio::test]
async fn home_page_renders_the_shell_with_hydration_scripts() {
    let s = server(&[]).await;
    let res = s.send(Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(html.contains("data-testid=\"cart-button\""), "{html}");
    assert!(
        html.contains("/pkg/cartlift.js"),
        "hydration script missing: {html}"
    );
}

#[tokio::test]
async fn with_the_cart_switched_off_pages_have_search_but_no_cart() {
    let s = server(&[("CARTLIFT_CART_ENABLED", "false")]).await;
    let res = s.send(Request::get("/").body(Body::empty()).unwrap()).await;
    let html = String::from_utf8(body_bytes(res).await).unwrap();
    assert!(!html.contains("data-testid=\"cart-button\""), "{html}");
    assert!(html.contains("data-testid=\"assistant-input\""), "{html}");
}

#[tokio::test]
async fn the_embed_loader_and_bundle_load_from_any_origin() {
    // Other shops' pages load them as module scripts: in CORS mode.
    let s = server(&[]).await;
    for path in ["/widget.js", "/pkg/cartlift.wasm"] {
        let res = s
            .send(
                Request::get(path)
                    .header(header::ORIGIN, "https://shop.example")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(
            res.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN],
            "*",
            "{path}"
        );
    }
}

#[tokio::test]
async fn unknown_page_is_a_404() {
    let s = server(&[]).await;
    let res = s
        .send(Request::get("/no-such-page").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn server_function_returns_the_configured_widget_settings() {
    let s = server(&[
        ("CARTLIFT_LANGUAGE", "es"),
        ("CARTLIFT_CROSS_SELL_DEBOUNCE_MS", "450"),
    ])
    .await;
    let res = s
        .send(
            Request::post(LoadWidgetSettings::PATH)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let settings: WidgetSettings = serde_json::from_slice(&body_bytes(res).await).unwrap();
    assert_eq!(settings.language, cartlift::i18n::Language::Es);
    assert_eq!(settings.cross_sell_debounce_ms, 450);
    assert_eq!(settings.external_update_event, "neuroon:cart-update");
}

#[tokio::test]
async fn the_storefront_gets_a_widget_token_of_its_own_shop() {
    let s = server(&[]).await;
    let token = s
        .state
        .upstream
        .widget_token
        .clone()
        .expect("demo shop exists");
    assert_ne!(token, s.widget_token());
    let shop = s
        .state
        .store
        .shop_for_key(&token, cartlift_store::ApiKeyKind::Widget)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shop.slug, "demo");
    assert_eq!(s.state.upstream.base_url, "http://127.0.0.1:9");
}

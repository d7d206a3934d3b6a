//! Shared set-up for the server tests: a real SQLite file in a temporary folder (or
//! a fresh PostgreSQL database when `CARTLIFT_TEST_POSTGRES` is set), a shop with a
//! small known order history, and the router driven in-process.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::Router;
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use serde_json::Value;
use tower::ServiceExt;

use cartlift::server::{app, AppState, Settings};
use cartlift_store::{NewOrder, NewOrderLine, NewProduct, ShopCredentials, Store};

pub struct TestServer {
    pub app: Router,
    pub state: AppState,
    pub shop: ShopCredentials,
    _dir: tempfile::TempDir,
}

pub fn settings(env: &[(&str, &str)]) -> Settings {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::load(None, |k| {
        env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    })
    .unwrap()
}

pub fn product(ext: &str, name: &str, categories: &[&str]) -> NewProduct {
    NewProduct {
        external_id: ext.into(),
        name: name.into(),
        description: None,
        price: 5.0,
        sale_price: None,
        cost_price: None,
        url: None,
        image_url: None,
        categories: categories.iter().map(|c| c.to_string()).collect(),
        tags: vec![],
        brands: vec![],
        family: None,
        stock: None,
        available: true,
    }
}

pub fn order(ext: &str, items: &[&str]) -> NewOrder {
    NewOrder {
        external_id: ext.into(),
        customer_id: None,
        visitor_id: None,
        session_id: None,
        closed_at: "2011-05-01T10:00:00Z".into(),
        lines: items
            .iter()
            .map(|i| NewOrderLine {
                product_external_id: i.to_string(),
                quantity: 1,
                unit_price: 5.0,
            })
            .collect(),
    }
}

/// A shop "demo" where the lantern goes with candles (often) and a mug (once).
pub async fn server(env: &[(&str, &str)]) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = Store::test_url(dir.path()).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    let shop = store
        .create_shop("demo", "Test Gifts", "GBP", "en")
        .await
        .unwrap();
    let products = vec![
        product("LANTERN", "WHITE METAL LANTERN", &["lighting"]),
        product("CANDLE", "SCENTED CANDLE", &["candles"]),
        product("MUG", "ENAMEL MUG", &["kitchen"]),
        product("BAG", "JUMBO BAG RED", &["bags"]),
        product("TIN", "CAKE TIN", &["kitchen"]),
    ];
    let mut orders: Vec<NewOrder> = (0..5)
        .map(|i| order(&format!("o{i}"), &["LANTERN", "CANDLE"]))
        .collect();
    orders.push(order("o-mug", &["LANTERN", "MUG"]));
    orders.push(order("o-bag", &["BAG"]));
    store.import(&shop.shop, &products, &orders).await.unwrap();
    let options = LeptosOptions::builder().output_name("cartlift").build();
    let state = AppState::new(
        options,
        settings(env),
        store,
        "127.0.0.1:9".parse().unwrap(),
    )
    .await
    .unwrap();
    TestServer {
        app: app(state.clone()),
        state,
        shop,
        _dir: dir,
    }
}

impl TestServer {
    pub fn widget_token(&self) -> String {
        self.shop.widget_token.0.clone()
    }

    pub fn admin_key(&self) -> String {
        self.shop.admin_key.0.clone()
    }

    pub fn product_id(&self, ext: &str) -> String {
        cartlift_store::product_id(&self.shop.shop.id, ext)
    }

    pub async fn send(&self, req: Request<Body>) -> Response {
        self.app.clone().oneshot(req).await.unwrap()
    }

    pub async fn post_json(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Response {
        let mut req = Request::post(path).header("content-type", "application/json");
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub async fn cross_sell(&self, body: &str) -> Response {
        let token = self.widget_token();
        self.post_json(
            "/api/widget/cart/cross-sell",
            &[("x-widget-token", &token)],
            body,
        )
        .await
    }
}

impl TestServer {
    /// The first cross-sell suggestion for `cart` once it is `external_id` (rules and
    /// settings reach a running engine within a second), or the last one seen.
    pub async fn first_suggestion_becomes(&self, cart: &str, external_id: &str) -> Value {
        let mut first = Value::Null;
        for _ in 0..30 {
            let answer = json(self.cross_sell(cart).await).await;
            first = answer["products"][0].clone();
            if first["externalId"] == external_id {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        first
    }
}

pub async fn body_bytes(res: Response) -> Vec<u8> {
    res.into_body().collect().await.unwrap().to_bytes().to_vec()
}

pub async fn json(res: Response) -> Value {
    let bytes = body_bytes(res).await;
    serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)))
}

/// Asserts an error answer: the status, a JSON `{error, message}` body, and that the
/// message mentions `needle`.
pub async fn assert_error(res: Response, status: StatusCode, needle: &str) {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body = json(res).await;
    assert!(body["error"].is_string(), "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains(needle),
        "message {message:?} should mention {needle:?}"
    );
}

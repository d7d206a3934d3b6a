//! Contract tests of the widget API (`shared/spec/cross-sell-endpoint.txt`,
//! `data-models.txt`): status codes, headers and every field name.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

use common::{assert_error, body_bytes, json, order, product, server};

#[tokio::test]
async fn cross_sell_answers_the_documented_shape() {
    let s = server(&[]).await;
    let lantern = s.product_id("LANTERN");
    let res = s
        .cross_sell(&json!({ "productIds": [lantern], "language": "en" }).to_string())
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body = json(res).await;
    let obj = body.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>(), ["message", "products"]);
    let products = body["products"].as_array().unwrap();
    assert_eq!(
        products[0]["id"],
        s.product_id("CANDLE"),
        "the strongest co-purchase comes first"
    );
    assert_eq!(
        products[0]["aiReason"],
        "Often bought with WHITE METAL LANTERN"
    );
    let p = products[0].as_object().unwrap();
    for field in [
        "id",
        "shopId",
        "shopName",
        "name",
        "price",
        "currency",
        "url",
        "categories",
        "tags",
        "brands",
        "inStock",
    ] {
        assert!(
            p.contains_key(field),
            "required field {field} missing: {p:?}"
        );
    }
    for field in p.keys() {
        let known = [
            "id",
            "shopId",
            "shopName",
            "name",
            "description",
            "price",
            "salePrice",
            "currency",
            "url",
            "imageUrl",
            "categories",
            "tags",
            "brands",
            "inStock",
            "score",
            "rating",
            "reviewCount",
            "stockCount",
            "externalId",
            "badge",
            "aiReason",
            "aiScore",
        ];
        assert!(
            known.contains(&field.as_str()),
            "field {field} is not in the Product DTO"
        );
        assert!(
            !p[field].is_null(),
            "optional fields are absent, never null: {field}"
        );
    }
    assert_eq!(p["shopId"], s.shop.shop.id.as_str());
    assert_eq!(p["shopName"], "Test Gifts");
    assert_eq!(p["currency"], "GBP");
    assert_eq!(p["externalId"], "CANDLE");
    assert_eq!(p["inStock"], true);
    assert!(
        products.iter().all(|p| p["id"] != lantern),
        "never the cart's own products"
    );
}

#[tokio::test]
async fn cross_sell_speaks_spanish_and_accepts_external_ids() {
    let s = server(&[]).await;
    let body = json(
        s.cross_sell(r#"{"productIds":["LANTERN"],"language":"es"}"#)
            .await,
    )
    .await;
    assert_eq!(
        body["products"][0]["aiReason"],
        "Se compra a menudo con WHITE METAL LANTERN"
    );
    assert!(body["message"].as_str().unwrap().contains("carrito"));
}

#[tokio::test]
async fn limit_and_exclusions_are_honoured() {
    let s = server(&[]).await;
    let candle = s.product_id("CANDLE");
    let body = json(
        s.cross_sell(
            &json!({"productIds": ["LANTERN"], "limit": 1, "excludeProductIds": [candle]})
                .to_string(),
        )
        .await,
    )
    .await;
    let products = body["products"].as_array().unwrap();
    assert_eq!(products.len(), 1);
    assert_eq!(products[0]["id"], s.product_id("MUG"));
}

#[tokio::test]
async fn nothing_relevant_is_204_with_an_empty_body() {
    let s = server(&[]).await;
    for body in [
        r#"{"productIds":["no-such-product"]}"#,
        r#"{"productIds":[]}"#,
    ] {
        let res = s.cross_sell(body).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{body}");
        assert!(body_bytes(res).await.is_empty());
    }
}

#[tokio::test]
async fn missing_or_unknown_token_is_401_json() {
    let s = server(&[]).await;
    let res = s
        .post_json(
            "/api/widget/cart/cross-sell",
            &[],
            r#"{"productIds":["LANTERN"]}"#,
        )
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "X-Widget-Token").await;
    let res = s
        .post_json(
            "/api/widget/cart/cross-sell",
            &[("x-widget-token", "clw_nope")],
            r#"{"productIds":["LANTERN"]}"#,
        )
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "not a widget token").await;
    // An admin key is not a widget token.
    let admin = s.admin_key();
    let res = s
        .post_json(
            "/api/widget/cart/cross-sell",
            &[("x-widget-token", &admin)],
            r#"{"productIds":["LANTERN"]}"#,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn malformed_or_invalid_bodies_are_400_with_a_message() {
    let s = server(&[]).await;
    for (body, needle) in [
        ("{not json", "invalid JSON"),
        (r#"{"language":"en"}"#, "productIds"),
        (r#"{"productIds":"LANTERN"}"#, "invalid type"),
        (
            r#"{"productIds":["LANTERN"],"limit":0}"#,
            "limit must be from 1 to 24",
        ),
        (
            r#"{"productIds":["LANTERN"],"limit":25}"#,
            "limit must be from 1 to 24",
        ),
        (r#"{"productIds":[""]}"#, "productIds[0]"),
        ("", "empty"),
    ] {
        assert_error(s.cross_sell(body).await, StatusCode::BAD_REQUEST, needle).await;
    }
}

#[tokio::test]
async fn oversized_body_is_413_and_wrong_content_type_415() {
    let s = server(&[]).await;
    let ids: Vec<String> = (0..10_000).map(|i| format!("product-{i:06}")).collect();
    let res = s
        .cross_sell(&json!({ "productIds": ids }).to_string())
        .await;
    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, "larger than").await;
    let token = s.widget_token();
    let res = s
        .send(
            Request::post("/api/widget/cart/cross-sell")
                .header("content-type", "text/plain")
                .header("x-widget-token", token)
                .body(Body::from(r#"{"productIds":["LANTERN"]}"#))
                .unwrap(),
        )
        .await;
    assert_error(res, StatusCode::UNSUPPORTED_MEDIA_TYPE, "application/json").await;
}

#[tokio::test]
async fn cors_only_for_the_shops_allowed_origins() {
    let s = server(&[]).await;
    let mut settings = s.shop.shop.settings.clone();
    settings.allowed_origins = vec!["https://shop.example".into()];
    s.state
        .store
        .update_shop_settings(&s.shop.shop.id, &settings)
        .await
        .unwrap();
    s.state.keys.clear();
    let token = s.widget_token();
    let ask = |origin: &'static str| {
        Request::post("/api/widget/cart/cross-sell")
            .header("content-type", "application/json")
            .header("origin", origin)
            .header("x-widget-token", token.clone())
            .body(Body::from(r#"{"productIds":["LANTERN"]}"#))
            .unwrap()
    };
    let res = s.send(ask("https://shop.example")).await;
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://shop.example"
    );
    let res = s.send(ask("https://evil.example")).await;
    assert!(res.headers().get("access-control-allow-origin").is_none());

    let preflight = |origin: &'static str| {
        Request::options("/api/widget/cart/cross-sell")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type, x-widget-token",
            )
            .body(Body::empty())
            .unwrap()
    };
    let res = s.send(preflight("https://shop.example")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(res.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-widget-token"));
    let res = s.send(preflight("https://evil.example")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_cross_sell_click_is_stored_and_read_back() {
    let s = server(&[]).await;
    let token = s.widget_token();
    let candle = s.product_id("CANDLE");
    let res = s
        .post_json(
            "/api/widget/track/click",
            &[("x-widget-token", &token)],
            &json!({"type": "click", "metadata": {"source": "cross_sell", "productId": candle, "position": 1}}).to_string(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let ack = json(res).await;
    assert!(
        ack["id"].is_string() && ack["timestamp"].is_string(),
        "the server stamps the time: {ack}"
    );

    let admin = s.admin_key();
    let res = s
        .send(
            Request::get("/api/admin/events?type=click&source=cross_sell")
                .header("x-admin-key", admin)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let events = json(res).await;
    let e = &events["events"][0];
    assert_eq!(e["type"], "click");
    assert_eq!(e["metadata"]["source"], "cross_sell");
    assert_eq!(e["metadata"]["productId"], Value::String(candle));
    assert_eq!(e["timestamp"], ack["timestamp"]);
}

#[tokio::test]
async fn events_keep_the_clients_time_and_refuse_personal_data() {
    let s = server(&[]).await;
    let token = s.widget_token();
    let post = |body: Value| {
        let token = token.clone();
        let s = &s;
        async move {
            s.post_json(
                "/api/widget/track/event",
                &[("x-widget-token", &token)],
                &body.to_string(),
            )
            .await
        }
    };
    let res = post(json!({"type": "impression", "searchLogId": "t1", "timestamp": "2024-05-01T10:00:00Z", "metadata": {"source": "cross_sell"}})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(json(res).await["timestamp"], "2024-05-01T10:00:00.000Z");
    for (body, needle) in [
        (
            json!({"type": "click", "metadata": {"email": "x"}}),
            "personal data",
        ),
        (
            json!({"type": "click", "metadata": {"customer_name": "Ann"}}),
            "personal data",
        ),
        (
            json!({"type": "click", "metadata": {"note": "ann@example.com"}}),
            "email address",
        ),
        (json!({"type": "Click Event"}), "snake_case"),
        (
            json!({"type": "click", "timestamp": "yesterday"}),
            "ISO-8601",
        ),
        (
            json!({"type": "click", "metadata": {"list": [1, 2]}}),
            "flat pairs",
        ),
        (json!({"metadata": {}}), "type"),
    ] {
        assert_error(post(body.clone()).await, StatusCode::BAD_REQUEST, needle).await;
    }
    let res = s
        .post_json(
            "/api/widget/track/click",
            &[("x-widget-token", &token)],
            r#"{"type":"impression"}"#,
        )
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "not a click").await;
}

#[tokio::test]
async fn a_closed_order_changes_the_next_recommendation() {
    let s = server(&[]).await;
    // Nothing was ever bought with the bag but itself: cold start answers.
    let before = json(s.cross_sell(r#"{"productIds":["BAG"]}"#).await).await;
    assert_ne!(before["products"][0]["externalId"], "TIN");
    let admin = s.admin_key();
    let orders: Vec<Value> = (0..3)
        .map(|i| json!({"externalId": format!("live-{i}"), "closedAt": "2011-10-01T09:00:00Z",
            "lines": [{"productExternalId": "BAG", "quantity": 1, "unitPrice": 2.0}, {"productExternalId": "TIN", "quantity": 1, "unitPrice": 3.0}]}))
        .collect();
    let res = s
        .post_json(
            "/api/admin/orders",
            &[("x-admin-key", &admin)],
            &Value::Array(orders.clone()).to_string(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(json(res).await["ordersAdded"], 3);
    let after = json(s.cross_sell(r#"{"productIds":["BAG"]}"#).await).await;
    assert_eq!(after["products"][0]["externalId"], "TIN");
    assert_eq!(
        after["products"][0]["aiReason"],
        "Often bought with JUMBO BAG RED"
    );
    // Idempotent by external order id.
    let res = s
        .post_json(
            "/api/admin/orders",
            &[("x-admin-key", &admin)],
            &Value::Array(orders).to_string(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let again = json(res).await;
    assert_eq!(
        (
            again["ordersAdded"].clone(),
            again["ordersAlreadyPresent"].clone()
        ),
        (json!(0), json!(3))
    );
}

#[tokio::test]
async fn an_order_naming_an_unknown_product_is_refused_and_writes_nothing() {
    let s = server(&[]).await;
    let admin = s.admin_key();
    let body = json!([
        {"externalId": "ok-1", "closedAt": "2011-10-01T09:00:00Z", "lines": [{"productExternalId": "BAG", "quantity": 1, "unitPrice": 2.0}]},
        {"externalId": "bad-1", "closedAt": "2011-10-01T09:00:00Z", "lines": [{"productExternalId": "NOPE", "quantity": 1, "unitPrice": 2.0}]},
    ]);
    let res = s
        .post_json(
            "/api/admin/orders",
            &[("x-admin-key", &admin)],
            &body.to_string(),
        )
        .await;
    assert_error(res, StatusCode::BAD_REQUEST, "\"NOPE\"").await;
    assert_eq!(
        s.state.store.order_count(&s.shop.shop).await.unwrap(),
        7,
        "the valid order was not written either"
    );
    let res = s
        .post_json("/api/admin/orders", &[], &body.to_string())
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "admin key").await;
}

async fn patch_stock(
    s: &common::TestServer,
    external_id: &str,
    body: &str,
) -> axum::response::Response {
    let admin = s.admin_key();
    s.send(
        Request::patch(format!("/api/admin/products/{external_id}/stock"))
            .header("content-type", "application/json")
            .header("x-admin-key", &admin)
            .body(Body::from(body.to_string()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn stock_updates_take_out_of_stock_products_out() {
    let s = server(&[]).await;
    assert_eq!(
        patch_stock(&s, "CANDLE", r#"{"stock":0}"#).await.status(),
        StatusCode::OK
    );
    let body = json(s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await).await;
    assert!(body["products"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["externalId"] != "CANDLE"));
    // Low stock shows as stockCount, for the widget's badge.
    assert_eq!(
        patch_stock(&s, "CANDLE", r#"{"stock":3}"#).await.status(),
        StatusCode::OK
    );
    let body = json(s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await).await;
    assert_eq!(body["products"][0]["externalId"], "CANDLE");
    assert_eq!(body["products"][0]["stockCount"], 3);
    assert_error(
        patch_stock(&s, "NOPE", r#"{"stock":3}"#).await,
        StatusCode::NOT_FOUND,
        "NOPE",
    )
    .await;
    assert_error(
        patch_stock(&s, "CANDLE", r#"{"stock":-1}"#).await,
        StatusCode::BAD_REQUEST,
        "0 or more",
    )
    .await;
}

#[tokio::test]
async fn unknown_api_paths_are_json_404() {
    let s = server(&[]).await;
    let res = s
        .send(
            Request::get("/api/widget/nothing")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND, "openapi").await;
}

#[tokio::test]
async fn openapi_document_describes_the_handlers_and_the_dto() {
    let s = server(&[]).await;
    let res = s
        .send(
            Request::get("/api/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let doc = json(res).await;
    let cross_sell = &doc["paths"]["/api/widget/cart/cross-sell"]["post"];
    for status in ["200", "204", "400", "401", "413", "415"] {
        assert!(
            cross_sell["responses"][status].is_object(),
            "status {status} undocumented: {cross_sell}"
        );
    }
    assert!(doc["paths"]["/api/widget/track/click"]["post"]["responses"]["201"].is_object());
    assert!(doc["paths"]["/api/widget/track/event"]["post"].is_object());
    assert_eq!(
        doc["components"]["securitySchemes"]["widget_token"]["name"],
        "X-Widget-Token"
    );
    let product = &doc["components"]["schemas"]["Product"];
    let fields: Vec<&str> = product["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for f in [
        "id",
        "shopId",
        "shopName",
        "name",
        "description",
        "price",
        "salePrice",
        "currency",
        "url",
        "imageUrl",
        "categories",
        "tags",
        "brands",
        "inStock",
        "score",
        "rating",
        "reviewCount",
        "stockCount",
        "externalId",
        "badge",
        "aiReason",
        "aiScore",
    ] {
        assert!(fields.contains(&f), "Product.{f} missing from the schema");
    }
    let required: Vec<&str> = product["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for f in [
        "id",
        "shopId",
        "shopName",
        "name",
        "price",
        "currency",
        "url",
        "categories",
        "tags",
        "brands",
        "inStock",
    ] {
        assert!(required.contains(&f), "Product.{f} should be required");
    }
    assert!(!required.contains(&"aiReason"));
    let request = &doc["components"]["schemas"]["CrossSellRequest"]["properties"];
    for f in ["productIds", "language", "limit", "excludeProductIds"] {
        assert!(request[f].is_object(), "CrossSellRequest.{f} missing");
    }
}

#[tokio::test]
async fn unknown_fields_and_languages_are_not_refused() {
    let s = server(&[]).await;
    let res = s
        .cross_sell(r#"{"productIds":["LANTERN"],"language":"fr","colour":"red"}"#)
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json(res).await;
    assert_eq!(
        body["products"][0]["aiReason"], "Often bought with WHITE METAL LANTERN",
        "the shop's language: {body}"
    );
}

#[tokio::test]
async fn a_rotated_token_and_changed_origins_take_effect_within_a_second() {
    // As on a running server: the key cache has seen the token and the shop's origins.
    let s = server(&[]).await;
    let old = s.widget_token();
    let ask = |token: &str| {
        Request::post("/api/widget/cart/cross-sell")
            .header("content-type", "application/json")
            .header("origin", "https://shop.example")
            .header("x-widget-token", token)
            .body(Body::from(r#"{"productIds":["LANTERN"]}"#))
            .unwrap()
    };
    let res = s.send(ask(&old)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("access-control-allow-origin").is_none());

    // What `cartlift shop update --allowed-origin` and `cartlift shop token` do, from
    // another process: nothing tells this server.
    let mut shop = s.shop.shop.clone();
    shop.settings.allowed_origins = vec!["https://shop.example".into()];
    s.state.store.update_shop(&shop).await.unwrap();
    let new = s
        .state
        .store
        .reissue_widget_token(&shop.id, "default")
        .await
        .unwrap()
        .0;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;

    let res = s.send(ask(&old)).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the old token is revoked"
    );
    let res = s.send(ask(&new)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "https://shop.example"
    );
}

#[tokio::test]
async fn shop_updates_are_checked_before_anything_is_written() {
    let s = server(&[]).await;
    for (origin, needle) in [
        ("shop.example", "scheme://host"),
        ("https://shop.example/", "no trailing slash"),
        ("https://Shop.example", "scheme://host"),
    ] {
        let mut shop = s.shop.shop.clone();
        shop.settings.allowed_origins = vec![origin.into()];
        let err = s
            .state
            .store
            .update_shop(&shop)
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains(needle), "{origin}: {err}");
    }
    let mut shop = s.shop.shop.clone();
    shop.currency = "pounds".into();
    assert!(s
        .state
        .store
        .update_shop(&shop)
        .await
        .unwrap_err()
        .to_string()
        .contains("ISO 4217"));
    let stored = s.state.store.shop_by_id(&shop.id).await.unwrap().unwrap();
    assert_eq!(stored, s.shop.shop, "nothing was written");
}

/// A shop whose baskets are staples drawn at random: the engine, tuning itself on
/// its newest orders, finds that co-purchase predicts nothing popularity does not,
/// and the drawer shows the best sellers.
#[tokio::test]
async fn a_shop_of_staples_learns_to_show_its_best_sellers() {
    let s = server(&[]).await;
    let mut staples: Vec<_> = (0..40)
        .map(|i| product(&format!("S{i:02}"), &format!("STAPLE {i:02}"), &["food"]))
        .collect();
    // A product bought with the cart's product in a run of orders months ago: the
    // default ranking shows it second, though nobody has bought the two together since.
    staples.push(product("RARE", "RARE TREAT", &["food"]));
    // A deterministic stream: every basket draws four staples from one skewed
    // popularity, whatever else is in it.
    let mut x: u64 = 11;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % 1_000_000) as f64 / 1_000_000.0
    };
    let start = chrono::NaiveDate::from_ymd_opt(2011, 1, 1).unwrap();
    let mut counts = [0u32; 40];
    let mut orders: Vec<_> = (0..2000)
        .map(|i| {
            let mut basket: Vec<String> = Vec::new();
            while basket.len() < 4 {
                let k = (next().powi(3) * 40.0) as usize;
                let ext = format!("S{k:02}");
                if !basket.contains(&ext) {
                    counts[k] += 1;
                    basket.push(ext);
                }
            }
            let items: Vec<&str> = basket.iter().map(String::as_str).collect();
            let mut o = order(&format!("staple-{i}"), &items);
            let day = start + chrono::Days::new(i / 8);
            o.closed_at = format!("{day}T12:00:00Z");
            o
        })
        .collect();
    for i in 0..60 {
        let mut o = order(&format!("rare-{i}"), &["S39", "RARE"]);
        o.closed_at = "2011-05-31T12:00:00Z".into();
        orders.push(o);
    }
    s.state
        .store
        .import(&s.shop.shop, &staples, &orders)
        .await
        .unwrap();
    let mut best: Vec<usize> = (0..40).filter(|&k| k != 39).collect();
    best.sort_by(|a, b| counts[*b].cmp(&counts[*a]).then(a.cmp(b)));
    let expected: Vec<String> = best[..3].iter().map(|k| format!("S{k:02}")).collect();

    // The first answer builds the engine; tuning follows in the background.
    let body = r#"{"productIds":["S39"],"limit":3}"#;
    assert_eq!(s.cross_sell(body).await.status(), StatusCode::OK);
    let mut shown = Vec::new();
    for _ in 0..600 {
        let answer = json(s.cross_sell(body).await).await;
        shown = answer["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["externalId"].as_str().unwrap().to_string())
            .collect();
        if shown == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        shown, expected,
        "the three best sellers, most ordered first"
    );
}

/// The shop's rules between products: an accessory the orders never paired comes
/// first with its own reason, an alternative never shows beside its product, and a
/// deleted rule stops acting within a second on the running server.
#[tokio::test]
async fn the_shops_rules_act_at_once_and_stop_when_deleted() {
    let s = server(&[]).await;
    let store = &s.state.store;
    let shop = &s.shop.shop;
    let body = r#"{"productIds":["LANTERN"]}"#;
    let ids = |answer: &Value| -> Vec<String> {
        answer["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["externalId"].as_str().unwrap().to_string())
            .collect()
    };
    let before = json(s.cross_sell(body).await).await;
    assert_eq!(ids(&before)[..2], ["CANDLE", "MUG"]);

    let rule = |kind: &str, to: &str| cartlift_store::NewProductRule {
        kind: kind.into(),
        product_from: Some("LANTERN".into()),
        product_to: Some(to.into()),
        ..Default::default()
    };
    let accessory = store
        .create_product_rule(shop, rule("ACCESSORIES", "TIN"))
        .await
        .unwrap();
    store
        .create_product_rule(shop, rule("ALTERNATIVES", "MUG"))
        .await
        .unwrap();
    let mut after = Value::Null;
    for _ in 0..30 {
        after = json(s.cross_sell(body).await).await;
        if ids(&after)[0] == "TIN" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ids(&after)[0], "TIN", "{after}");
    assert_eq!(
        after["products"][0]["aiReason"],
        "An accessory for WHITE METAL LANTERN"
    );
    assert!(!ids(&after).contains(&"MUG".to_string()), "{after}");

    assert!(store
        .delete_product_rule(shop, &accessory.id)
        .await
        .unwrap());
    for _ in 0..30 {
        after = json(s.cross_sell(body).await).await;
        if ids(&after)[0] != "TIN" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(ids(&after)[0], "CANDLE", "{after}");
}

//! Contract and behaviour tests of `GET|POST /api/widget/search` and its
//! autocomplete, over a real SQLite file and the real router.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cartlift_contract::snapshot_hash;
use serde_json::{json, Value};

use common::{assert_error, json, server, TestServer};

async fn get(s: &TestServer, path_and_query: &str) -> axum::response::Response {
    let req = Request::get(path_and_query)
        .header("x-widget-token", s.widget_token())
        .body(Body::empty())
        .unwrap();
    s.send(req).await
}

async fn post(s: &TestServer, body: Value) -> axum::response::Response {
    let token = s.widget_token();
    s.post_json(
        "/api/widget/search",
        &[("x-widget-token", &token)],
        &body.to_string(),
    )
    .await
}

/// A snapshot of a cart with the lantern (2) and the mug (1), as the widget sends it.
fn snapshot(s: &TestServer) -> Value {
    let (lantern, mug) = (s.product_id("LANTERN"), s.product_id("MUG"));
    json!({
        "currency": "GBP",
        "totalItems": 3,
        "subtotal": 15.0,
        "total": 15.0,
        "formattedSubtotal": "£15.00",
        "items": [
            { "key": "k-lantern", "id": lantern, "name": "WHITE METAL LANTERN", "quantity": 2, "price": 5.0 },
            { "key": "k-mug", "id": mug, "name": "ENAMEL MUG", "quantity": 1, "price": 5.0 }
        ],
        "truncated": false,
        "hash": snapshot_hash([("k-lantern", lantern.as_str(), 2), ("k-mug", mug.as_str(), 1)]),
        "updatedAt": "2026-11-25T10:00:00Z",
        "shipping": {
            "freeShippingThreshold": 50.0, "currentAmount": 15.0, "delta": 35.0, "thresholdMet": false,
            "availableCountries": ["GB", "ES", "FR"], "formattedThreshold": "£50.00", "formattedDelta": "£35.00"
        }
    })
}

const RESPONSE_FIELDS: [&str; 20] = [
    "query",
    "results",
    "total",
    "searchLogId",
    "queryTimeMs",
    "intentId",
    "conversationId",
    "isNewConversation",
    "turnNumber",
    "filtersApplied",
    "availableFilters",
    "guidedFilters",
    "querySuggestions",
    "topProducts",
    "aiResponse",
    "cartAction",
    "quickReplies",
    "responseLanguage",
    "comparison",
    "recommendations",
];

#[tokio::test]
async fn get_search_answers_the_documented_shape() {
    let s = server(&[]).await;
    let res = get(&s, "/api/widget/search?q=%20White%20%20LANTERNS%20").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body = json(res).await;
    let obj = body.as_object().unwrap();
    for field in ["query", "results", "total", "searchLogId", "queryTimeMs"] {
        assert!(
            obj.contains_key(field),
            "required field {field} missing: {body}"
        );
    }
    for (field, value) in obj {
        assert!(
            RESPONSE_FIELDS.contains(&field.as_str()),
            "{field} is not a SearchResponse field"
        );
        assert!(
            !value.is_null(),
            "optional fields are absent, never null: {field}"
        );
    }
    assert_eq!(body["query"], "white lanterns");
    assert_eq!(body["total"], 1);
    assert_eq!(body["results"][0]["id"], s.product_id("LANTERN"));
    assert_eq!(body["results"][0]["shopName"], "Test Gifts");
    assert_eq!(body["isNewConversation"], true);
    assert_eq!(body["turnNumber"], 1);
    assert_eq!(body["responseLanguage"], "en");
    assert!(body.get("cartAction").is_none(), "no cart, no action");
    assert!(body.get("filtersApplied").is_none(), "no filters asked for");
    assert_eq!(
        body["availableFilters"]["categories"][0]["value"],
        "lighting"
    );
    // The turn is stored: tracking can tie a click to it.
    let logged = s
        .state
        .store
        .search_log(&s.shop.shop, body["searchLogId"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(logged.turn.query, "white lanterns");
    assert_eq!(logged.turn.total, 1);
}

#[tokio::test]
async fn typos_spanish_and_filters() {
    let s = server(&[]).await;
    let body = json(get(&s, "/api/widget/search?q=lanturn").await).await;
    assert_eq!(body["results"][0]["id"], s.product_id("LANTERN"), "{body}");
    let body = json(get(&s, "/api/widget/search?q=linterna%20blanca").await).await;
    assert_eq!(body["results"][0]["id"], s.product_id("LANTERN"), "{body}");
    assert_eq!(body["responseLanguage"], "es");
    let body = json(
        post(
            &s,
            json!({ "query": "tin", "filters": { "categories": ["kitchen"], "maxPrice": 10 } }),
        )
        .await,
    )
    .await;
    assert_eq!(body["results"][0]["id"], s.product_id("TIN"), "{body}");
    assert_eq!(
        body["filtersApplied"],
        json!({ "categories": ["kitchen"], "maxPrice": 10.0 })
    );
    let body = json(get(&s, "/api/widget/search?q=lantern&category=kitchen").await).await;
    assert_eq!(body["total"], 0);
    assert!(
        body["aiResponse"].as_str().unwrap().contains("Nothing"),
        "{body}"
    );
}

#[tokio::test]
async fn a_conversation_remembers_its_turns() {
    let s = server(&[]).await;
    let first = json(post(&s, json!({ "query": "lantern" })).await).await;
    let id = first["conversationId"].as_str().unwrap().to_string();
    let second = json(post(&s, json!({ "query": "candle", "conversationId": id })).await).await;
    assert_eq!(second["conversationId"], id.as_str());
    assert_eq!(second["isNewConversation"], false);
    assert_eq!(second["turnNumber"], 2);
    assert_ne!(second["searchLogId"], first["searchLogId"]);
}

#[tokio::test]
async fn add_a_product_is_one_add_suggestion() {
    let s = server(&[]).await;
    for query in ["add a lantern", "añade una linterna"] {
        let body =
            json(post(&s, json!({ "query": query, "cartSnapshot": snapshot(&s) })).await).await;
        let action = &body["cartAction"];
        assert_eq!(action["type"], "ADD_SUGGESTION", "{query}: {body}");
        assert_eq!(action["productId"], s.product_id("LANTERN"));
        assert_eq!(action["product"]["name"], "WHITE METAL LANTERN");
        assert_eq!(action["product"]["currency"], "GBP");
        assert!(action["confirmationPrompt"]
            .as_str()
            .unwrap()
            .contains("WHITE METAL LANTERN"));
    }
}

#[tokio::test]
async fn a_search_that_complements_the_cart_proposes_it() {
    let s = server(&[]).await;
    let mut cart = snapshot(&s);
    // Only the lantern in the cart: candles are what its buyers take with it.
    let lantern = s.product_id("LANTERN");
    cart["items"] = json!([{ "key": "k-lantern", "id": lantern, "name": "WHITE METAL LANTERN", "quantity": 1, "price": 5.0 }]);
    cart["totalItems"] = json!(1);
    cart["hash"] = json!(snapshot_hash([("k-lantern", lantern.as_str(), 1)]));
    let body = json(post(&s, json!({ "query": "candle", "cartSnapshot": cart })).await).await;
    assert_eq!(body["cartAction"]["type"], "ADD_SUGGESTION", "{body}");
    assert_eq!(body["cartAction"]["productId"], s.product_id("CANDLE"));
    assert!(body["cartAction"]["confirmationPrompt"]
        .as_str()
        .unwrap()
        .contains("Often bought with WHITE METAL LANTERN"));
    let body = json(
        post(
            &s,
            json!({ "query": "what goes with my cart?", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(body["intentId"], "complement");
    assert_eq!(body["results"][0]["id"], s.product_id("CANDLE"));
}

#[tokio::test]
async fn cart_commands_name_the_line_and_ask_first() {
    let s = server(&[]).await;
    let cart = snapshot(&s);
    let body = json(
        post(
            &s,
            json!({ "query": "remove the mugs", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(body["cartAction"]["type"], "REMOVE", "{body}");
    assert_eq!(body["cartAction"]["itemKey"], "k-mug");
    assert!(body["cartAction"]["confirmationPrompt"].is_string());

    let body = json(
        post(
            &s,
            json!({ "query": "change the lantern to 3", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(body["cartAction"]["type"], "UPDATE_QUANTITY", "{body}");
    assert_eq!(body["cartAction"]["itemKey"], "k-lantern");
    assert_eq!(body["cartAction"]["newQuantity"], 3);
    // "make it 5" in the same conversation: the lantern again.
    let id = body["conversationId"].as_str().unwrap();
    let body = json(
        post(
            &s,
            json!({ "query": "make it 5", "conversationId": id, "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(body["cartAction"]["itemKey"], "k-lantern", "{body}");
    assert_eq!(body["cartAction"]["newQuantity"], 5);

    let body = json(
        post(
            &s,
            json!({ "query": "vacía mi carrito", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(body["cartAction"]["type"], "CLEAR", "{body}");
    assert_eq!(body["responseLanguage"], "es");

    // Naming nothing in the cart: a question, no action.
    let body = json(
        post(
            &s,
            json!({ "query": "remove the umbrella", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert!(body.get("cartAction").is_none(), "{body}");
    assert!(
        body["aiResponse"].as_str().unwrap().contains("umbrella"),
        "{body}"
    );
}

#[tokio::test]
async fn the_destination_is_set_and_remembered() {
    let s = server(&[]).await;
    let cart = snapshot(&s);
    let body = json(
        post(
            &s,
            json!({ "query": "envío a Francia", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert_eq!(
        body["cartAction"],
        json!({ "type": "SET_DESTINATION_COUNTRY", "countryCode": "FR" }),
        "{body}"
    );
    let id = body["conversationId"].as_str().unwrap();
    let conversation = s
        .state
        .store
        .conversation(&s.shop.shop, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(conversation.destination_country.as_deref(), Some("FR"));
    // A country the shop does not ship to: said so, nothing set.
    let body = json(
        post(
            &s,
            json!({ "query": "ship to Japan", "cartSnapshot": cart }),
        )
        .await,
    )
    .await;
    assert!(body.get("cartAction").is_none(), "{body}");
    assert!(
        body["aiResponse"]
            .as_str()
            .unwrap()
            .contains("does not ship"),
        "{body}"
    );
}

#[tokio::test]
async fn bad_requests_are_400_with_a_message() {
    let s = server(&[]).await;
    assert_error(
        get(&s, "/api/widget/search").await,
        StatusCode::BAD_REQUEST,
        "q parameter",
    )
    .await;
    assert_error(
        get(&s, "/api/widget/search?q=lamp&limit=0").await,
        StatusCode::BAD_REQUEST,
        "limit",
    )
    .await;
    assert_error(
        get(&s, "/api/widget/search?q=lamp&minPrice=abc").await,
        StatusCode::BAD_REQUEST,
        "minPrice",
    )
    .await;
    assert_error(
        post(&s, json!({ "query": "  " })).await,
        StatusCode::BAD_REQUEST,
        "query is empty",
    )
    .await;
    // A range no price is in finds nothing.
    let res = post(
        &s,
        json!({ "query": "lantern", "filters": { "minPrice": 9, "maxPrice": 2 } }),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = json(res).await;
    assert_eq!(
        (page["total"].clone(), page["results"].clone()),
        (json!(0), json!([]))
    );
    let mut cart = snapshot(&s);
    cart["currency"] = json!("pounds");
    assert_error(
        post(&s, json!({ "query": "x", "cartSnapshot": cart })).await,
        StatusCode::BAD_REQUEST,
        "cartSnapshot.currency",
    )
    .await;
    let mut cart = snapshot(&s);
    // A count that disagrees with the lines is the host's slip: the lines are the cart.
    cart["totalItems"] = json!(7);
    let res = post(&s, json!({ "query": "x", "cartSnapshot": cart })).await;
    assert_eq!(res.status(), StatusCode::OK);
    let mut cart = snapshot(&s);
    cart["updatedAt"] = json!("yesterday");
    assert_error(
        post(&s, json!({ "query": "x", "cartSnapshot": cart })).await,
        StatusCode::BAD_REQUEST,
        "updatedAt",
    )
    .await;
    let res = s
        .post_json("/api/widget/search", &[], r#"{"query":"x"}"#)
        .await;
    assert_error(res, StatusCode::UNAUTHORIZED, "X-Widget-Token").await;
}

#[tokio::test]
async fn the_index_follows_product_upserts() {
    let s = server(&[]).await;
    let res = s
        .send(
            Request::put("/api/admin/products")
                .header("content-type", "application/json")
                .header("x-admin-key", s.admin_key())
                .body(Body::from(
                    json!([{ "externalId": "UMB", "name": "RED POLKADOT UMBRELLA", "price": 7.5, "categories": ["outdoor"] }]).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    let body = json(get(&s, "/api/widget/search?q=umbrella").await).await;
    assert_eq!(body["results"][0]["id"], s.product_id("UMB"), "{body}");
}

#[tokio::test]
async fn autocomplete_suggests_with_counts() {
    let s = server(&[]).await;
    let res = get(&s, "/api/widget/search/autocomplete?q=lan").await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json(res).await;
    assert_eq!(body["query"], "lan");
    let suggestions = body["suggestions"].as_array().unwrap();
    assert!(
        suggestions
            .iter()
            .any(|s| s["type"] == "query" && s["text"] == "lantern" && s["count"] == 1),
        "{body}"
    );
    let product = suggestions
        .iter()
        .find(|s| s["type"] == "product")
        .expect("a product suggestion");
    assert_eq!(product["product"]["name"], "WHITE METAL LANTERN");
    assert_error(
        get(&s, "/api/widget/search/autocomplete").await,
        StatusCode::BAD_REQUEST,
        "q parameter",
    )
    .await;
}

#[tokio::test]
async fn openapi_documents_search() {
    let s = server(&[]).await;
    let doc = json(
        s.send(
            Request::get("/api/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await,
    )
    .await;
    assert!(doc["paths"]["/api/widget/search"]["get"]["responses"]["200"].is_object());
    assert!(doc["paths"]["/api/widget/search"]["post"]["responses"]["400"].is_object());
    assert!(doc["paths"]["/api/widget/search/autocomplete"]["get"].is_object());
    let fields = doc["components"]["schemas"]["SearchResponse"]["properties"]
        .as_object()
        .unwrap();
    for f in [
        "query",
        "results",
        "total",
        "searchLogId",
        "queryTimeMs",
        "cartAction",
        "quickReplies",
        "responseLanguage",
    ] {
        assert!(fields.contains_key(f), "SearchResponse.{f} missing");
    }
    assert!(doc["components"]["schemas"]["CartSnapshot"]["properties"]["hash"].is_object());
}

#[tokio::test]
async fn a_client_written_to_the_documents_is_not_refused() {
    // The documents do not define the snapshot's hash, do not forbid fields of their
    // own, and let the page pass any language: none of these is a reason for a 400.
    let s = server(&[]).await;
    let mut cart = snapshot(&s);
    cart["hash"] = json!("cart-v7");
    cart["coupon"] = json!("XMAS");
    cart["items"][0]["sku"] = json!("WL-1");
    let res = post(&s, json!({ "query": "candle", "language": "fr", "cartSnapshot": cart, "widgetVersion": "2.1" })).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body = json(res).await;
    assert_eq!(
        body["responseLanguage"], "en",
        "the shop's language: {body}"
    );
    assert_eq!(
        body["cartAction"]["type"], "ADD_SUGGESTION",
        "the cart was read: {body}"
    );
    let res = get(
        &s,
        "/api/widget/search?q=lantern&language=de&utm_source=mail",
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
}

/// A shop's own words: the agent finds "the hot water bottle" in a line named
/// "HOTTIE" once the shop's settings say what the word means, without a restart.
#[tokio::test]
async fn the_shops_words_name_its_lines() {
    let s = server(&[]).await;
    let mug = s.product_id("MUG");
    let mut cart = snapshot(&s);
    cart["items"] = json!([{ "key": "k-hottie", "id": mug, "name": "RED WOOLLY HOTTIE", "quantity": 1, "price": 5.0 }]);
    cart["totalItems"] = json!(1);
    cart["hash"] = json!(snapshot_hash([("k-hottie", mug.as_str(), 1)]));
    let ask = json!({ "query": "remove the hot water bottle", "cartSnapshot": cart });
    let before = json(post(&s, ask.clone()).await).await;
    assert!(before["cartAction"].is_null(), "{before}");

    let mut shop = s.shop.shop.clone();
    shop.settings.shop_words = vec![cartlift_store::ShopWordRecord {
        word: "hottie".into(),
        means: "hot water bottle".into(),
    }];
    s.state.store.update_shop(&shop).await.unwrap();
    let mut after = Value::Null;
    // the key cache re-reads the shop's settings within a second
    for _ in 0..30 {
        after = json(post(&s, ask.clone()).await).await;
        if !after["cartAction"].is_null() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(after["cartAction"]["type"], "REMOVE", "{after}");
    assert_eq!(after["cartAction"]["itemKey"], "k-hottie");
}

#[tokio::test]
async fn a_count_may_be_written_with_a_point() {
    // JSON Schema calls 3.0 an integer, as the OpenAPI document's clients do.
    let s = server(&[]).await;
    let res = post(&s, json!({ "query": "lantern", "limit": 1.0 })).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(json(res).await["results"].as_array().unwrap().len(), 1);
    let res = post(&s, json!({ "query": "lantern", "limit": 1.5 })).await;
    assert_error(res, StatusCode::BAD_REQUEST, "whole number").await;
}

//! Tenant isolation: two shops in one store, A (the "demo" shop the storefront
//! serves) and B. With A's credentials (its widget token, its admin key, its admin
//! sign-in, its storefront), no endpoint, server function or GraphQL operation shows
//! or changes anything of B's: products (two with A's external ids), orders, events,
//! carts, conversations, search logs, rules, clusters and category rules, even when
//! A names B's ids on purpose. Every answer A gets is searched for B's names and ids
//! (those A itself sent excepted), and B's rows are compared before and after.
//! Runs on SQLite, and on PostgreSQL when `CARTLIFT_TEST_POSTGRES` is set.
#![cfg(feature = "ssr")]

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use leptos::server_fn::ServerFn;
use serde_json::{json, Value};
use tower::ServiceExt;

use cartlift::admin::fns::{
    AdminCategoryRuleDelete, AdminCategoryRuleSave, AdminCategoryRules, AdminFindProducts,
    AdminLift, AdminPreview, AdminRule, AdminRuleDelete, AdminRuleSave, AdminRules, AdminSignIn,
    AdminSignOut,
};
use cartlift::settings::LoadWidgetSettings;
use cartlift::storefront::fns::{
    CartAdd, CartCheckout, CartRead, CartSetCountry, CartSetQuantity, ShopHome, ShopListing,
    ShopProduct,
};
use cartlift::widget::proxy::{
    FetchCrossSell, SearchCompletions, SearchTurn, TrackCrossSell, TrackSearchClick,
};
use cartlift_store::{
    product_id, CategoryRuleRecord, Cluster, Conversation, NewEvent, NewProduct, NewProductRule,
    OrderItems, ProductRuleRecord, Shop, ShopCredentials, StoredCart, StoredEvent, StoredProduct,
    StoredSearch,
};
use common::{body_bytes, json, order, product, server, TestServer};

/// Every server function the server registers; each is called by a test below.
const SERVER_FUNCTIONS: [&str; 26] = [
    AdminSignIn::PATH,
    AdminLift::PATH,
    AdminSignOut::PATH,
    AdminRules::PATH,
    AdminRule::PATH,
    AdminRuleSave::PATH,
    AdminRuleDelete::PATH,
    AdminCategoryRules::PATH,
    AdminCategoryRuleSave::PATH,
    AdminCategoryRuleDelete::PATH,
    AdminFindProducts::PATH,
    AdminPreview::PATH,
    ShopHome::PATH,
    ShopListing::PATH,
    ShopProduct::PATH,
    CartRead::PATH,
    CartAdd::PATH,
    CartSetQuantity::PATH,
    CartSetCountry::PATH,
    CartCheckout::PATH,
    LoadWidgetSettings::PATH,
    FetchCrossSell::PATH,
    TrackCrossSell::PATH,
    SearchTurn::PATH,
    SearchCompletions::PATH,
    TrackSearchClick::PATH,
];

/// Every GraphQL query and mutation; each is sent by `graphql_...` below.
const GRAPHQL_OPERATIONS: [&str; 14] = [
    "crossupsell",
    "crossupsells",
    "clusters",
    "categoryRules",
    "categories",
    "crossupsellCreate",
    "crossupsellUpdate",
    "crossupsellDelete",
    "categoryRuleSet",
    "categoryRuleDelete",
    "categoryRulesReplace",
    "clusterCreate",
    "clusterUpdate",
    "clusterDelete",
];

/// Every endpoint of the HTTP API; each is called by `widget_api_...` or
/// `admin_api_...` below.
const API_ENDPOINTS: [&str; 12] = [
    "/api/widget/cart/cross-sell",
    "/api/widget/experiment",
    "/api/widget/search",
    "/api/widget/search/autocomplete",
    "/api/widget/track/click",
    "/api/widget/track/event",
    "/api/admin/orders",
    "/api/admin/products",
    "/api/admin/products/{externalId}/stock",
    "/api/admin/events",
    "/api/admin/lift",
    "/api/admin/lift.csv",
];

const B_SLUG: &str = "nightjar";
/// B's catalog: LANTERN and MUG are A's external ids too, OWLCLOCK and QUILT only B's.
const B_PRODUCTS: [(&str, &str, &str); 4] = [
    ("LANTERN", "BRASS STORM LANTERN", "lighting"),
    ("MUG", "SPECKLED STONEWARE MUG", "kitchen"),
    ("OWLCLOCK", "OWL CUCKOO CLOCK", "clocks"),
    ("QUILT", "PATCHWORK QUILT", "bedding"),
];

/// Shop B and the ids of what it holds: what A will pass on purpose.
struct ShopB {
    creds: ShopCredentials,
    rule: String,
    cluster_rule: String,
    cluster: String,
    search_log: String,
    conversation: String,
    event: String,
    cart: String,
}

impl ShopB {
    fn shop(&self) -> &Shop {
        &self.creds.shop
    }

    fn id(&self, external_id: &str) -> String {
        product_id(&self.shop().id, external_id)
    }

    /// What only B has: none of it may reach A unless A itself sent it. (Every
    /// product answer carries its id, so a B product cannot hide behind a name.)
    fn secrets(&self) -> Vec<String> {
        let mut s: Vec<String> = [
            B_SLUG, // in B's shop name, cluster name and event campaign too
            "OWLCLOCK",
            "QUILT",
            "BRASS STORM",
            "SPECKLED",
            "CUCKOO",
            "PATCHWORK",
            "clocks",
            "bedding",
            "b-only-order",
            "b-visitor",
        ]
        .map(String::from)
        .to_vec();
        s.extend(B_PRODUCTS.map(|(ext, _, _)| self.id(ext)));
        s.extend([
            self.shop().id.clone(),
            self.rule.clone(),
            self.cluster_rule.clone(),
            self.cluster.clone(),
            self.search_log.clone(),
            self.conversation.clone(),
            self.event.clone(),
            self.cart.clone(),
        ]);
        s
    }

    /// Everything B holds, as the store has it now.
    async fn held(&self, t: &TestServer) -> Held {
        let (store, shop) = (&t.state.store, self.shop());
        Held {
            shop: store.shop_by_id(&shop.id).await.unwrap(),
            products: store.products(shop).await.unwrap(),
            orders: store.order_items(shop).await.unwrap(),
            events: store.events(shop, None, None, 1000).await.unwrap(),
            rules: store.product_rules(shop).await.unwrap(),
            clusters: store.clusters(shop).await.unwrap(),
            cart: store.cart(shop, &self.cart).await.unwrap(),
            search: store.search_log(shop, &self.search_log).await.unwrap(),
            conversation: store.conversation(shop, &self.conversation).await.unwrap(),
        }
    }
}

/// B's rows. `shop` holds its settings (category rules) and rules revision.
#[derive(Debug, PartialEq)]
struct Held {
    shop: Option<Shop>,
    products: Vec<StoredProduct>,
    orders: Vec<OrderItems>,
    events: Vec<StoredEvent>,
    rules: Vec<ProductRuleRecord>,
    clusters: Vec<Cluster>,
    cart: StoredCart,
    search: Option<StoredSearch>,
    conversation: Option<Conversation>,
}

/// What A got back. `location` is a redirect's target (the admin forms answer so).
struct Answer {
    status: StatusCode,
    location: Option<String>,
    set_cookie: Option<String>,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

/// The server with A ("demo", from `common::server`) and B in one store.
struct Tenants {
    a: TestServer,
    b: ShopB,
}

impl Tenants {
    async fn new() -> Tenants {
        let a = server(&[]).await;
        let store = &a.state.store;
        let creds = store
            .create_shop(B_SLUG, "Nightjar Homeware", "EUR", "en")
            .await
            .unwrap();
        let shop = &creds.shop;
        let products: Vec<NewProduct> = B_PRODUCTS
            .iter()
            .map(|(ext, name, category)| NewProduct {
                stock: Some(9),
                ..product(ext, name, &[category])
            })
            .collect();
        // "o0" and "o2" are A's order numbers too.
        let orders = [
            order("o0", &["LANTERN", "QUILT"]),
            order("o1", &["LANTERN", "QUILT"]),
            order("o2", &["MUG", "OWLCLOCK"]),
            order("b-only-order", &["OWLCLOCK"]),
        ];
        store.import(shop, &products, &orders).await.unwrap();
        let id = |ext: &str| Some(product_id(&shop.id, ext));
        let rule = store
            .create_product_rule(
                shop,
                NewProductRule {
                    kind: "ACCESSORIES".into(),
                    product_from: id("LANTERN"),
                    product_to: id("OWLCLOCK"),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .id;
        let cluster = store
            .create_cluster(
                shop,
                "Nightjar bedroom set",
                false,
                &[id("QUILT").unwrap(), id("OWLCLOCK").unwrap()],
            )
            .await
            .unwrap()
            .id;
        let cluster_rule = store
            .create_product_rule(
                shop,
                NewProductRule {
                    kind: "RELATED".into(),
                    product_from: id("MUG"),
                    cluster_to: Some(cluster.clone()),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .id;
        store
            .set_category_rule(
                shop,
                CategoryRuleRecord {
                    from: "clocks".into(),
                    to: "bedding".into(),
                    effect: "boost:2".into(),
                },
            )
            .await
            .unwrap();
        // A search turn through B's own widget token: B's conversation and search log.
        let turn = json(
            a.post_json(
                "/api/widget/search",
                &[("x-widget-token", &creds.widget_token.0)],
                r#"{"query":"patchwork quilt"}"#,
            )
            .await,
        )
        .await;
        let text = |v: &Value| v.as_str().unwrap().to_string();
        let (search_log, conversation) =
            (text(&turn["searchLogId"]), text(&turn["conversationId"]));
        let event = store
            .add_event(
                shop,
                &NewEvent {
                    kind: "click".into(),
                    search_log_id: Some(search_log.clone()),
                    metadata: json!({"source": "cross_sell", "productId": id("QUILT"), "campaign": "nightjar-winter"})
                        .as_object()
                        .unwrap()
                        .clone(),
                    occurred_at: "2024-05-01T10:00:00.000Z".into(),
                },
            )
            .await
            .unwrap()
            .id;
        // A visitor of B's in B's experiment: exposed, clicked, bought.
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for (kind, extra) in [
            ("exposure", json!({"arm": "treatment"})),
            (
                "click",
                json!({"source": "cross_sell", "productId": id("QUILT")}),
            ),
        ] {
            let mut metadata = json!({"visitorId": "b-visitor", "sessionId": "b-session"});
            metadata
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            store
                .add_event(
                    shop,
                    &NewEvent {
                        kind: kind.into(),
                        search_log_id: None,
                        metadata: metadata.as_object().unwrap().clone(),
                        occurred_at: now.clone(),
                    },
                )
                .await
                .unwrap();
        }
        let mut bought = order("b-visitor-order", &["QUILT"]);
        bought.visitor_id = Some("b-visitor".into());
        bought.session_id = Some("b-session".into());
        bought.closed_at = now.clone();
        store.add_orders(shop, &[bought]).await.unwrap();
        let cart = uuid::Uuid::new_v4().simple().to_string();
        store.add_to_cart(shop, &cart, "QUILT", 2).await.unwrap();
        store
            .set_destination_country(shop, &cart, "FR")
            .await
            .unwrap();
        let b = ShopB {
            creds,
            rule,
            cluster_rule,
            cluster,
            search_log,
            conversation,
            event,
            cart,
        };
        Tenants { a, b }
    }

    fn a_shop(&self) -> &Shop {
        &self.a.shop.shop
    }

    /// Sends a request to `app` and fails if the answer names anything of B's that
    /// the request did not (A's own words coming back are no leak).
    async fn ask_on(
        &self,
        app: &Router,
        method: Method,
        uri: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = tokio::time::timeout(
            std::time::Duration::from_secs(30),
            app.clone()
                .oneshot(req.body(Body::from(body.to_string())).unwrap()),
        )
        .await
        .unwrap_or_else(|_| panic!("{uri} hung"))
        .unwrap();
        let header_text = |name| {
            res.headers()
                .get(name)
                .map(|v: &header::HeaderValue| v.to_str().unwrap().to_string())
        };
        let location = header_text(header::LOCATION);
        let set_cookie = header_text(header::SET_COOKIE);
        let status = res.status();
        let text = String::from_utf8_lossy(&body_bytes(res).await).into_owned();
        let sent = format!("{uri} {headers:?} {body}");
        let got = format!("{text} {}", location.as_deref().unwrap_or_default());
        self.assert_nothing_of_b(&sent, &got, uri);
        Answer {
            status,
            location,
            set_cookie,
            text,
        }
    }

    async fn ask(&self, method: Method, uri: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        self.ask_on(&self.a.app, method, uri, headers, body).await
    }

    fn assert_nothing_of_b(&self, sent: &str, got: &str, uri: &str) {
        // Compared without case, and with form and URL encoding's spaces as spaces.
        let plain = |s: &str| s.to_lowercase().replace("%20", " ").replace('+', " ");
        let (sent, got) = (plain(sent), plain(got));
        for secret in self.b.secrets().iter().map(|s| plain(s)) {
            assert!(
                sent.contains(&secret) || !got.contains(&secret),
                "{uri}: the answer to shop A names {secret:?} of shop B: {got}"
            );
        }
    }

    async fn widget(&self, method: Method, uri: &str, body: &str) -> Answer {
        let token = self.a.widget_token();
        let headers = [
            ("x-widget-token", token.as_str()),
            ("content-type", "application/json"),
        ];
        self.ask(method, uri, &headers, body).await
    }

    async fn admin(&self, method: Method, uri: &str, body: &str) -> Answer {
        let key = self.a.admin_key();
        let headers = [
            ("x-admin-key", key.as_str()),
            ("content-type", "application/json"),
        ];
        self.ask(method, uri, &headers, body).await
    }

    /// A GraphQL request with A's admin key; answers the GraphQL response.
    async fn graphql(&self, query: &str, variables: Value) -> Value {
        let body = json!({ "query": query, "variables": variables }).to_string();
        let res = self.admin(Method::POST, "/graphql", &body).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        res.json()
    }

    /// A server function taking JSON, with `cookie` (A's sign-in, a cart).
    async fn call_on(&self, app: &Router, path: &str, args: Value, cookie: &str) -> Answer {
        let headers = [
            ("content-type", "application/json"),
            ("accept", "application/json"),
            ("cookie", cookie),
        ];
        self.ask_on(app, Method::POST, path, &headers, &args.to_string())
            .await
    }

    async fn call(&self, path: &str, args: Value, cookie: &str) -> Answer {
        self.call_on(&self.a.app, path, args, cookie).await
    }

    /// A server function taking no arguments (URL-encoded input).
    async fn call_bare(&self, path: &str, cookie: &str) -> Answer {
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "application/json"),
            ("cookie", cookie),
        ];
        self.ask(Method::POST, path, &headers, "").await
    }

    /// A plain HTML form post, as the admin pages send them; answers the redirect.
    async fn form(&self, path: &str, cookie: &str, fields: &[(&str, &str)]) -> String {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", cartlift::storefront::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let headers = [
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "text/html"),
            ("referer", "http://localhost/admin"),
            ("cookie", cookie),
        ];
        let res = self.ask(Method::POST, path, &headers, &body).await;
        assert_eq!(res.status, StatusCode::FOUND, "{path}: {}", res.text);
        res.location.unwrap()
    }

    async fn page(&self, path: &str, cookie: &str) -> Answer {
        self.ask(Method::GET, path, &[("cookie", cookie)], "").await
    }

    /// Every product of `list` is one of A's.
    fn all_of_a(&self, list: &Value) {
        let a = &self.a_shop().id;
        for p in list.as_array().unwrap_or_else(|| panic!("no list: {list}")) {
            let ext = p["externalId"].as_str().unwrap();
            assert_eq!(p["shopId"], json!(a), "{p}");
            assert_eq!(p["id"], json!(product_id(a, ext)), "{p}");
        }
    }

    async fn assert_b_unchanged(&self, before: &Held) {
        let now = self.b.held(&self.a).await;
        assert_eq!(&now, before, "shop B changed");
    }
}

fn enc(s: &str) -> String {
    cartlift::storefront::encode(s)
}

/// A cart snapshot holding B's quilt, as a widget could send it.
fn snapshot_with(b: &ShopB) -> Value {
    json!({
        "currency": "EUR", "totalItems": 2, "subtotal": 10.0, "total": 10.0,
        "truncated": false, "hash": "any", "updatedAt": "2026-01-01T00:00:00Z",
        "items": [{"key": "line-1", "id": b.id("QUILT"), "externalId": "QUILT",
                   "name": "PATCHWORK QUILT", "quantity": 2, "price": 5.0}],
    })
}

/// The checks below mean something only if B's data is there and reachable with B's
/// own credentials.
#[tokio::test]
async fn b_reaches_its_own_data_with_its_own_credentials() {
    let t = Tenants::new().await;
    let b = &t.b;
    let token = b.creds.widget_token.0.clone();
    let res =
        t.a.post_json(
            "/api/widget/cart/cross-sell",
            &[("x-widget-token", &token)],
            r#"{"productIds":["LANTERN"]}"#,
        )
        .await;
    let names = json(res).await["products"].to_string();
    assert!(
        names.contains("OWL CUCKOO CLOCK") && names.contains("PATCHWORK QUILT"),
        "{names}"
    );
    let res =
        t.a.send(
            Request::get("/api/widget/search/autocomplete?q=quil")
                .header("x-widget-token", &token)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert!(json(res).await.to_string().contains("PATCHWORK QUILT"));
    let res =
        t.a.post_json(
            "/graphql",
            &[("x-admin-key", &b.creds.admin_key.0)],
            r#"{"query":"{ crossupsells { total } clusters { name } categoryRules { from } }"}"#,
        )
        .await;
    let data = json(res).await;
    assert_eq!(data["data"]["crossupsells"]["total"], 2, "{data}");
    assert_eq!(data["data"]["clusters"][0]["name"], "Nightjar bedroom set");
    assert_eq!(data["data"]["categoryRules"][0]["from"], "clocks");
    let held = b.held(&t.a).await;
    assert!(held.events.iter().any(|e| e.id == b.event));
    assert_eq!(held.cart.lines[0].quantity, 2);
    assert!(held.search.is_some() && held.conversation.is_some());
}

#[tokio::test]
async fn widget_api_with_a_token_answers_and_records_for_a_only() {
    let t = Tenants::new().await;
    let (b, store) = (&t.b, &t.a.state.store);
    let before = b.held(&t.a).await;
    let cross_sell = "/api/widget/cart/cross-sell";

    // B's ids are nothing to A's recommender; A's LANTERN gets A's answer (B's rule
    // from its own LANTERN to its clock does not act).
    let b_ids = [
        b.id("OWLCLOCK"),
        b.id("QUILT"),
        b.id("LANTERN"),
        "QUILT".into(),
    ];
    let body = json!({ "productIds": b_ids }).to_string();
    let res = t.widget(Method::POST, cross_sell, &body).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text);
    let body = json!({ "productIds": ["LANTERN"], "excludeProductIds": b_ids }).to_string();
    let res = t.widget(Method::POST, cross_sell, &body).await;
    assert_eq!(res.status, StatusCode::OK);
    t.all_of_a(&res.json()["products"]);

    // Searches find A's products only, and B's conversation does not go on: A starts
    // its own, whose turns are logged in A.
    for q in [
        "cuckoo clock",
        "patchwork quilt",
        "brass storm lantern",
        "nightjar",
        "lantern",
    ] {
        let uri = format!(
            "/api/widget/search?q={}&conversationId={}&category=clocks,lighting",
            enc(q),
            b.conversation
        );
        let res = t.widget(Method::GET, &uri, "").await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let answer = res.json();
        t.all_of_a(&answer["results"]);
        assert_eq!(answer["isNewConversation"], true);
        assert_ne!(answer["conversationId"], json!(b.conversation));
        let log = answer["searchLogId"].as_str().unwrap();
        assert!(store.search_log(t.a_shop(), log).await.unwrap().is_some());
        assert!(store.search_log(b.shop(), log).await.unwrap().is_none());
    }
    // With a cart snapshot holding B's product, the agent acts on A's catalog only.
    for q in [
        "remove the quilt",
        "what goes with my cart",
        "add a lantern",
        "make it 3",
    ] {
        let body = json!({
            "query": q, "conversationId": b.conversation, "cartSnapshot": snapshot_with(b),
            "filters": {"categories": ["clocks", "bedding", "lighting"]},
        });
        let res = t
            .widget(Method::POST, "/api/widget/search", &body.to_string())
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
        let answer = res.json();
        t.all_of_a(&answer["results"]);
        assert_ne!(answer["conversationId"], json!(b.conversation));
        // A proposed product is one of A's (the product card carries no shop id).
        if let Some(p) = answer["cartAction"].get("product") {
            let ext = p["externalId"].as_str().unwrap();
            assert_eq!(p["id"], json!(t.a.product_id(ext)), "{p}");
        }
    }
    for q in [
        "cuck", "quil", "patch", "bras", "owl", "clo", "bed", "nightj", "speck", "lan",
    ] {
        let uri = format!("/api/widget/search/autocomplete?q={q}&limit=20");
        let res = t.widget(Method::GET, &uri, "").await;
        assert_eq!(res.status, StatusCode::OK);
        for s in res.json()["suggestions"].as_array().unwrap() {
            if let Some(p) = s.get("product") {
                t.all_of_a(&json!([p]));
            }
        }
    }

    // B's visitor asked about with A's token is in A's experiment, by A's split.
    let res = t
        .widget(
            Method::GET,
            "/api/widget/experiment?visitorId=b-visitor",
            "",
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    assert_eq!(res.json()["treatmentShare"], 0.9);

    // Events naming B's search turn and products are A's own events: B's search log
    // and events stay as they were.
    let mut recorded = Vec::new();
    for (path, kind) in [
        ("/api/widget/track/click", "click"),
        ("/api/widget/track/event", "impression"),
    ] {
        let body = json!({
            "type": kind, "searchLogId": b.search_log,
            "metadata": {"source": "cross_sell", "productId": b.id("QUILT")},
        });
        let res = t.widget(Method::POST, path, &body.to_string()).await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
        recorded.push(res.json()["id"].as_str().unwrap().to_string());
    }
    let a_events = store.events(t.a_shop(), None, None, 100).await.unwrap();
    for id in &recorded {
        assert!(a_events.iter().any(|e| &e.id == id));
    }
    t.assert_b_unchanged(&before).await;
}

#[tokio::test]
async fn admin_api_with_a_key_reads_and_writes_a_only() {
    let t = Tenants::new().await;
    let (b, store) = (&t.b, &t.a.state.store);
    let before = b.held(&t.a).await;

    // A's events, whatever the filter, never hold B's (same type, same source).
    for filter in [
        "",
        "?type=click",
        "?source=cross_sell",
        "?type=click&source=cross_sell&limit=1000",
    ] {
        let res = t
            .admin(Method::GET, &format!("/api/admin/events{filter}"), "")
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(res.json()["events"], json!([]), "{filter}");
    }

    // The lift report and its CSV count A's visitors only (B's visitor was exposed,
    // clicked and bought), whatever the period.
    for path in ["/api/admin/lift", "/api/admin/lift.csv"] {
        let res = t
            .admin(
                Method::GET,
                &format!("{path}?since=2000-01-01T00:00:00Z"),
                "",
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.text);
        if path.ends_with("lift") {
            let r = res.json();
            assert_eq!(r["treatmentTotals"]["visitors"], 0);
            assert_eq!(r["controlTotals"]["visitors"], 0);
            assert_eq!(r["topProducts"], json!([]));
        }
    }

    // Stock: products only B has, by external id or id, are not A's to change.
    let stock = r#"{"stock":0,"available":false}"#;
    for id in [
        "OWLCLOCK".into(),
        "QUILT".into(),
        b.id("LANTERN"),
        b.id("QUILT"),
    ] {
        let uri = format!("/api/admin/products/{id}/stock");
        let res = t.admin(Method::PATCH, &uri, stock).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{id}: {}", res.text);
    }
    // LANTERN is A's own: A's changes, B's (same external id) does not.
    let res = t
        .admin(
            Method::PATCH,
            "/api/admin/products/LANTERN/stock",
            r#"{"stock":1}"#,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let lantern = store.product(t.a_shop(), "LANTERN").await.unwrap().unwrap();
    assert_eq!(lantern.stock, Some(1));

    // Orders: a line naming a product only B has is refused; B's order numbers are
    // A's to use for its own orders.
    let orders = json!([order("b-only-order", &["QUILT"])]).to_string();
    let res = t.admin(Method::POST, "/api/admin/orders", &orders).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text);
    let orders = json!([
        order("b-only-order", &["LANTERN", "MUG"]),
        order("o2", &["LANTERN", "CANDLE"]),
    ])
    .to_string();
    let res = t.admin(Method::POST, "/api/admin/orders", &orders).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text);
    assert_eq!(
        res.json(),
        json!({"ordersAdded": 1, "ordersAlreadyPresent": 1})
    );
    assert_eq!(store.order_count(t.a_shop()).await.unwrap(), 8);

    // Products: A's MUG, a new product A calls OWLCLOCK, and one whose external id
    // is B's quilt's id are all A's own.
    let products = json!([
        product("MUG", "ENAMEL MUG LARGE", &["kitchen"]),
        product("OWLCLOCK", "A WALL CLOCK", &["kitchen"]),
        product(&b.id("QUILT"), "A THROW", &["kitchen"]),
    ])
    .to_string();
    let res = t.admin(Method::PUT, "/api/admin/products", &products).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let a_products = store.products(t.a_shop()).await.unwrap();
    assert_eq!(a_products.len(), 7);
    assert!(a_products
        .iter()
        .all(|p| p.id == t.a.product_id(&p.external_id)));
    t.assert_b_unchanged(&before).await;
}

#[tokio::test]
async fn graphql_with_a_key_reads_and_writes_a_only() {
    let t = Tenants::new().await;
    let b = &t.b;
    let before = b.held(&t.a).await;
    let code = |answer: &Value| -> String {
        answer["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error: {answer}"))
            .to_string()
    };

    // A's own rule and cluster, so that A's lists are not empty.
    let created = t
        .graphql(
            r#"mutation { clusterCreate(input: {name: "A lights", productIds: ["LANTERN", "CANDLE"]}) { id productIds }
                          crossupsellCreate(input: {type: ACCESSORIES, productFrom: "LANTERN", productTo: "MUG"}) { id } }"#,
            json!({}),
        )
        .await;
    assert!(created["errors"].is_null(), "{created}");
    let a_rule = created["data"]["crossupsellCreate"]["id"].clone();

    // Reads: A's lists hold A's only, whatever B's ids the filter names.
    let lists = t
        .graphql(
            r#"query($bLantern: String, $bCluster: String) {
                all: crossupsells { total items { id productFrom { id } productTo(hidden: true) { id } clusterTo(hidden: true) { id } } }
                byProduct: crossupsells(filter: {productFrom: $bLantern}) { total }
                byCluster: crossupsells(filter: {clusterTo: $bCluster}) { total }
                clusters { name productIds }
                categoryRules { from to }
                categories { name productCount } }"#,
            json!({"bLantern": b.id("LANTERN"), "bCluster": b.cluster}),
        )
        .await;
    let data = &lists["data"];
    assert_eq!(data["all"]["total"], 1, "{lists}");
    assert_eq!(data["all"]["items"][0]["id"], a_rule);
    assert_eq!(data["byProduct"]["total"], 0);
    assert_eq!(data["byCluster"]["total"], 0);
    assert_eq!(data["clusters"].as_array().unwrap().len(), 1);
    assert_eq!(data["categoryRules"], json!([]));
    let categories: Vec<&str> = data["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(categories, ["bags", "candles", "kitchen", "lighting"]);
    let rule = t
        .graphql(
            "query($id: String!) { crossupsell(id: $id) { id } }",
            json!({"id": b.rule}),
        )
        .await;
    assert_eq!(code(&rule), "NOT_FOUND");

    // Writes naming B's rules and clusters find nothing; rules and clusters naming
    // B's products or clusters are refused.
    let valid = json!({"type": "PARTS", "productFrom": "LANTERN", "productTo": "CANDLE"});
    for id in [&b.rule, &b.cluster_rule] {
        let update = t
            .graphql(
                "mutation($id: String!, $input: CrossupsellInput!) { crossupsellUpdate(id: $id, input: $input) { id } }",
                json!({"id": id, "input": valid}),
            )
            .await;
        assert_eq!(code(&update), "NOT_FOUND");
        let delete = t
            .graphql(
                "mutation($id: String!) { crossupsellDelete(id: $id) }",
                json!({"id": id}),
            )
            .await;
        assert_eq!(code(&delete), "NOT_FOUND");
    }
    let b_ends = [
        json!({"type": "ACCESSORIES", "productFrom": "LANTERN", "productTo": b.id("QUILT")}),
        json!({"type": "ACCESSORIES", "productFrom": "LANTERN", "productTo": "QUILT"}),
        json!({"type": "ACCESSORIES", "productFrom": b.id("LANTERN"), "productTo": "MUG"}),
        json!({"type": "RELATED", "productFrom": "LANTERN", "clusterTo": b.cluster}),
        json!({"type": "RELATED", "clusterFrom": b.cluster, "productTo": "MUG"}),
    ];
    for input in &b_ends {
        let create = t
            .graphql(
                "mutation($input: CrossupsellInput!) { crossupsellCreate(input: $input) { id } }",
                json!({"input": input}),
            )
            .await;
        assert_eq!(code(&create), "BAD_USER_INPUT", "{input}");
        let update = t
            .graphql(
                "mutation($id: String!, $input: CrossupsellInput!) { crossupsellUpdate(id: $id, input: $input) { id } }",
                json!({"id": a_rule, "input": input}),
            )
            .await;
        assert_eq!(code(&update), "BAD_USER_INPUT", "{input}");
    }
    let cluster_input = json!({"name": "taken", "productIds": ["LANTERN", b.id("QUILT")]});
    let create = t
        .graphql(
            "mutation($input: ClusterInput!) { clusterCreate(input: $input) { id } }",
            json!({"input": cluster_input}),
        )
        .await;
    assert_eq!(code(&create), "BAD_USER_INPUT");
    let update = t
        .graphql(
            "mutation($id: String!) { clusterUpdate(id: $id, input: {name: \"taken\", productIds: [\"LANTERN\"]}) { id } }",
            json!({"id": b.cluster}),
        )
        .await;
    assert_eq!(code(&update), "NOT_FOUND");
    let delete = t
        .graphql(
            "mutation($id: String!) { clusterDelete(id: $id) }",
            json!({"id": b.cluster}),
        )
        .await;
    assert_eq!(code(&delete), "NOT_FOUND");

    // Category rules are the shop's own settings: B's categories are not A's, B's
    // rule is not A's to delete, and replacing A's rules leaves B's.
    let set = t
        .graphql(
            "mutation { categoryRuleSet(input: {from: \"clocks\", to: \"bedding\", effect: DENY}) { from } }",
            json!({}),
        )
        .await;
    assert_eq!(code(&set), "BAD_USER_INPUT");
    let delete = t
        .graphql(
            "mutation { categoryRuleDelete(from: \"clocks\", to: \"bedding\") }",
            json!({}),
        )
        .await;
    assert_eq!(code(&delete), "NOT_FOUND");
    let replace = t
        .graphql(
            "mutation { categoryRulesReplace(rules: [{from: \"lighting\", to: \"kitchen\", effect: BOOST, boost: 3}]) { from to } }",
            json!({}),
        )
        .await;
    assert_eq!(
        replace["data"]["categoryRulesReplace"],
        json!([{"from": "lighting", "to": "kitchen"}])
    );
    let emptied = t
        .graphql(
            "mutation { categoryRulesReplace(rules: []) { from } }",
            json!({}),
        )
        .await;
    assert_eq!(emptied["data"]["categoryRulesReplace"], json!([]));

    // GraphiQL's way in, A's sign-in cookie, is A's shop too.
    let cookie = format!("cartlift_admin={}", t.a.admin_key());
    let headers = [
        ("content-type", "application/json"),
        ("cookie", cookie.as_str()),
    ];
    let body = r#"{"query":"{ clusters { name } crossupsells { total } }"}"#;
    let res = t.ask(Method::POST, "/graphql", &headers, body).await;
    assert_eq!(
        res.json()["data"],
        json!({"clusters": [{"name": "A lights"}], "crossupsells": {"total": 1}})
    );
    t.assert_b_unchanged(&before).await;
}

/// Posts the rule form: PARTS from LANTERN to the end `to` (a field and its value),
/// as a new rule or, with `id`, a change of that rule; answers where it sends back.
async fn save_rule(t: &Tenants, cookie: &str, id: &str, to: (&str, String)) -> String {
    let mut fields = vec![
        ("id", id.to_string()),
        ("kind", "PARTS".into()),
        ("sub_type", String::new()),
        ("product_from", "LANTERN".into()),
        ("cluster_from", String::new()),
        ("back", "/admin".into()),
    ];
    fields.extend([("product_to", String::new()), ("cluster_to", String::new())]);
    for field in fields.iter_mut().filter(|(k, _)| *k == to.0) {
        field.1 = to.1.clone();
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t.form(AdminRuleSave::PATH, cookie, &fields).await
}

#[tokio::test]
async fn admin_pages_signed_in_as_a_read_and_write_a_only() {
    let t = Tenants::new().await;
    let b = &t.b;
    let before = b.held(&t.a).await;
    let key = t.a.admin_key();
    let res = t
        .ask(
            Method::POST,
            AdminSignIn::PATH,
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "text/html"),
                ("referer", "http://localhost/admin"),
            ],
            &format!("key={key}"),
        )
        .await;
    assert_eq!(res.location.as_deref(), Some("/admin"));
    let cookie = format!("cartlift_admin={key}");
    assert!(res.set_cookie.unwrap().starts_with(&cookie));
    let cookie = cookie.as_str();

    // Reads: A's rules page lists none of B's, and B's rule is not there by id.
    for product in [
        Value::Null,
        json!("QUILT"),
        json!(b.id("LANTERN")),
        json!("LANTERN"),
    ] {
        let res = t
            .call(
                AdminRules::PATH,
                json!({"kind": null, "product": product}),
                cookie,
            )
            .await;
        let page = &res.json()["SignedIn"];
        assert_eq!(page["total"], 0, "{}", res.text);
        assert_eq!(page["clusters"], json!([]));
    }
    let res = t.call(AdminRule::PATH, json!({"id": b.rule}), cookie).await;
    assert_eq!(res.json(), json!({"SignedIn": null}));
    // A's lift report, its page and its CSV: none of B's visitors (B's visitor was
    // exposed, clicked and bought).
    let res = t.call(AdminLift::PATH, json!({"days": 365}), cookie).await;
    let report = &res.json()["SignedIn"]["report"];
    assert_eq!(report["treatmentTotals"]["visitors"], 0, "{}", res.text);
    assert_eq!(report["controlTotals"]["visitors"], 0);
    for path in ["/admin/lift?days=365", "/admin/lift.csv?days=365"] {
        let res = t.page(path, cookie).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
    }
    let res = t.call_bare(AdminCategoryRules::PATH, cookie).await;
    let page = &res.json()["SignedIn"];
    assert_eq!(page["rules"], json!([]), "{}", res.text);
    assert_eq!(page["categories"].as_array().unwrap().len(), 4);
    for q in [
        "quilt",
        "cuckoo",
        "brass storm",
        "nightjar",
        &b.id("QUILT"),
        "OWLCLOCK",
    ] {
        let res = t
            .ask(
                Method::GET,
                &format!("{}?q={}", AdminFindProducts::PATH, enc(q)),
                &[("cookie", cookie)],
                "",
            )
            .await;
        assert_eq!(res.json(), json!([]), "{q}");
    }
    // The preview knows A's products only; an unsaved rule to B's cluster is refused.
    let rule = json!({"kind": "RELATED", "product_from": "LANTERN", "cluster_to": b.cluster});
    let cart = json!(["LANTERN", "QUILT", b.id("OWLCLOCK"), "PATCHWORK QUILT"]);
    let res = t
        .call(
            AdminPreview::PATH,
            json!({"cart": cart, "rule": rule}),
            cookie,
        )
        .await;
    let preview = &res.json()["SignedIn"];
    assert_eq!(
        preview["cart"],
        json!([{"id": "LANTERN", "name": "WHITE METAL LANTERN"}])
    );
    assert_eq!(preview["unknown"].as_array().unwrap().len(), 3);
    assert!(preview["rule_error"]
        .as_str()
        .unwrap()
        .contains("not a cluster of this shop"));
    for path in [
        "/admin".to_string(),
        format!("/admin/rules/{}", b.rule),
        "/admin/categories".into(),
        "/graphql".into(),
        format!("/admin/preview?cart=LANTERN&cart=QUILT&kind=RELATED&product_from=LANTERN&cluster_to={}", b.cluster),
    ] {
        let res = t.page(&path, cookie).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
    }

    // Writes: B's rule cannot be changed or deleted, no rule may name B's products or
    // clusters, and B's category rule is neither set nor deleted through A.
    let back = save_rule(&t, cookie, &b.rule, ("product_to", "CANDLE".into())).await;
    assert!(back.contains("error=that+rule+no+longer+exists"), "{back}");
    for to in [
        ("cluster_to", b.cluster.clone()),
        ("product_to", "PATCHWORK QUILT".into()),
        ("product_to", "QUILT".into()),
        ("product_to", b.id("QUILT")),
    ] {
        let back = save_rule(&t, cookie, "", to.clone()).await;
        assert!(back.starts_with("/admin?error="), "{to:?}: {back}");
    }
    let back = t
        .form(AdminRuleDelete::PATH, cookie, &[("id", &b.rule)])
        .await;
    assert!(back.contains("error=that+rule+no+longer+exists"), "{back}");
    let category_rule = [
        ("from", "clocks"),
        ("to", "bedding"),
        ("effect", "deny"),
        ("boost", ""),
    ];
    let back = t
        .form(AdminCategoryRuleSave::PATH, cookie, &category_rule)
        .await;
    assert!(back.contains("error=no+product+of+the+shop"), "{back}");
    let back = t
        .form(AdminCategoryRuleDelete::PATH, cookie, &category_rule[..2])
        .await;
    assert!(back.contains("error=there+is+no+rule"), "{back}");
    assert!(t
        .a
        .state
        .store
        .product_rules(t.a_shop())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(t.form(AdminSignOut::PATH, cookie, &[]).await, "/admin");
    t.assert_b_unchanged(&before).await;
}

#[tokio::test]
async fn the_storefront_neither_reads_nor_changes_a_cart_of_b() {
    // The storefront serves A ("demo"); a visitor sends B's cart id as its cookie.
    let t = Tenants::new().await;
    let b = &t.b;
    let before = b.held(&t.a).await;
    let a_orders = t.a.state.store.order_count(t.a_shop()).await.unwrap();
    let cookie = format!("cartlift_cart={}", b.cart);
    let cookie = cookie.as_str();

    let res = t.call_bare(CartRead::PATH, cookie).await;
    let cart = res.json();
    assert_eq!(
        (&cart["items"], &cart["totalItems"]),
        (&json!([]), &json!(0)),
        "{cart}"
    );
    for (path, args) in [
        (
            CartAdd::PATH,
            json!({"product_id": "LANTERN", "quantity": 1}),
        ),
        (CartAdd::PATH, json!({"product_id": "QUILT", "quantity": 1})),
        (
            CartAdd::PATH,
            json!({"product_id": b.id("QUILT"), "quantity": 1}),
        ),
        (
            CartSetQuantity::PATH,
            json!({"item_key": b.id("QUILT"), "quantity": 0}),
        ),
        (
            CartSetQuantity::PATH,
            json!({"item_key": "QUILT", "quantity": 5}),
        ),
        (
            CartSetQuantity::PATH,
            json!({"item_key": "LANTERN", "quantity": 5}),
        ),
        (CartSetCountry::PATH, json!({"country_code": "GB"})),
    ] {
        let res = t.call(path, args.clone(), cookie).await;
        assert_eq!(res.json()["success"], false, "{path} {args}: {}", res.text);
    }
    let res = t.call(CartCheckout::PATH, json!({}), cookie).await;
    assert!(res.text.contains("the cart is empty"), "{}", res.text);
    assert_eq!(
        t.a.state.store.order_count(t.a_shop()).await.unwrap(),
        a_orders
    );

    // The refusals are about B's cart: a visitor of A's own adds to A's cart.
    let res = t
        .call(
            CartAdd::PATH,
            json!({"product_id": "LANTERN", "quantity": 1}),
            "",
        )
        .await;
    assert_eq!(res.json()["success"], true, "{}", res.text);

    // A's catalog never shows B's products, by id, external id, category or words.
    for id in [b.id("QUILT"), "QUILT".into(), "OWLCLOCK".into()] {
        let res = t.call(ShopProduct::PATH, json!({"id": id}), cookie).await;
        assert_eq!(res.json(), Value::Null, "{id}");
    }
    for (category, query) in [
        (json!("bedding"), Value::Null),
        (Value::Null, json!("cuckoo clock")),
        (Value::Null, json!("quilt")),
    ] {
        let args = json!({"category": category, "query": query, "page": 1});
        let res = t.call(ShopListing::PATH, args, cookie).await;
        t.all_of_a(&res.json()["products"]);
    }
    let res = t.call_bare(ShopHome::PATH, cookie).await;
    t.all_of_a(&res.json()["popular"]);
    let res = t.call_bare(LoadWidgetSettings::PATH, cookie).await;
    assert_eq!(res.json()["shop_name"], "demo", "{}", res.text);
    // Pages too (the frame counts the visitor's cart: B's counts nothing).
    for path in [
        "/".to_string(),
        "/cart".into(),
        "/checkout".into(),
        "/products?category=clocks".into(),
        "/products?q=quilt".into(),
        "/products/QUILT".into(),
        format!("/products/{}", b.id("QUILT")),
    ] {
        t.page(&path, cookie).await;
    }
    t.assert_b_unchanged(&before).await;
}

/// Serves the app on a real port of this machine, over A's store: the storefront's
/// widget functions call the widget API over HTTP (their upstream), as in production.
async fn listening(t: &Tenants) -> Router {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("cartlift")
        .build();
    let state = cartlift::server::AppState::new(
        options,
        common::settings(&[]),
        t.a.state.store.clone(),
        address,
    )
    .await
    .unwrap();
    let app = cartlift::server::app(state);
    let served = app.clone();
    tokio::spawn(async move { axum::serve(listener, served).await });
    app
}

#[tokio::test]
async fn the_storefront_widget_functions_answer_and_record_for_a_only() {
    let t = Tenants::new().await;
    let (b, store) = (&t.b, &t.a.state.store);
    let before = b.held(&t.a).await;
    let app = listening(&t).await;

    let args = json!({"product_ids": [b.id("QUILT"), "QUILT", b.id("LANTERN")], "exclude_product_ids": [], "language": "en"});
    let res = t.call_on(&app, FetchCrossSell::PATH, args, "").await;
    assert_eq!(res.json(), Value::Null, "{}", res.text);
    let args = json!({"product_ids": ["LANTERN"], "exclude_product_ids": [b.id("OWLCLOCK")], "language": "en"});
    let res = t.call_on(&app, FetchCrossSell::PATH, args, "").await;
    t.all_of_a(&res.json()["products"]);

    // A turn naming B's conversation, with B's product in the cart, is A's own turn.
    let cart = json!({
        "items": [{"key": "line-1", "id": b.id("QUILT"), "externalId": "QUILT", "name": "PATCHWORK QUILT",
                   "price": "€5.00", "quantity": 2}],
        "totalItems": 2, "subtotal": "€10.00", "total": "€10.00", "currency": "EUR",
    });
    for query in [
        "patchwork quilt",
        "remove the quilt",
        "what goes with my cart",
    ] {
        let args = json!({"query": query, "language": "en", "conversation_id": b.conversation, "cart": cart});
        let res = t.call_on(&app, SearchTurn::PATH, args, "").await;
        let answer = res.json();
        t.all_of_a(&answer["results"]);
        assert_ne!(answer["conversationId"], json!(b.conversation), "{answer}");
    }
    for typed in ["quil", "cuck", "bras", "nightj"] {
        let res = t
            .call_on(&app, SearchCompletions::PATH, json!({"typed": typed}), "")
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    }

    // Clicks naming B's search turn and products are recorded as A's events.
    let args = json!({"search_log_id": b.search_log, "product_id": b.id("QUILT"), "position": 1, "added": true});
    let res = t.call_on(&app, TrackSearchClick::PATH, args, "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let args = json!({"event": "Click", "products": [[b.id("OWLCLOCK"), 1]]});
    let res = t.call_on(&app, TrackCrossSell::PATH, args, "").await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let a_events = store
        .events(t.a_shop(), Some("click"), None, 100)
        .await
        .unwrap();
    assert_eq!(a_events.len(), 2);
    assert!(a_events
        .iter()
        .any(|e| e.search_log_id.as_deref() == Some(b.search_log.as_str())));
    t.assert_b_unchanged(&before).await;
}

/// A new endpoint, server function or GraphQL operation must be added to the tests
/// above (and to these lists) before this passes.
#[tokio::test]
async fn every_server_function_and_graphql_operation_is_checked_here() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let checked: BTreeSet<&str> = SERVER_FUNCTIONS.into_iter().collect();
    assert_eq!(registered, checked);

    let t = server(&[]).await;
    let res = t
        .post_json(
            "/graphql",
            &[("x-admin-key", &t.admin_key())],
            r#"{"query":"{ __schema { queryType { fields { name } } mutationType { fields { name } } } }"}"#,
        )
        .await;
    let schema = json(res).await;
    let mut operations = BTreeSet::new();
    for root in ["queryType", "mutationType"] {
        for field in schema["data"]["__schema"][root]["fields"]
            .as_array()
            .unwrap()
        {
            operations.insert(field["name"].as_str().unwrap().to_string());
        }
    }
    let checked: BTreeSet<String> = GRAPHQL_OPERATIONS.map(String::from).into();
    assert_eq!(operations, checked);

    let res = t
        .send(
            Request::get("/api/openapi.json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    // Path parameters compared without their names.
    let template = |p: &str| {
        p.split('/')
            .map(|s| if s.starts_with('{') { "{}" } else { s })
            .collect::<Vec<_>>()
            .join("/")
    };
    let checked: BTreeSet<String> = API_ENDPOINTS.iter().map(|p| template(p)).collect();
    let document = json(res).await;
    for path in document["paths"].as_object().unwrap().keys() {
        assert!(
            checked.contains(&template(path)),
            "{path} is not checked here"
        );
    }
}

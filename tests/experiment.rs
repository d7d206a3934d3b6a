//! The holdout experiment through the HTTP API: a visitor's arm, what each arm is
//! shown, and the lift report from tracked events and orders (JSON and CSV), over a
//! real store.
#![cfg(feature = "ssr")]

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use cartlift_store::ExperimentRecord;
use common::{body_bytes, json, server, TestServer};
use serde_json::{json, Value};

impl TestServer {
    /// Sets the shop's experiment; the server follows within a second.
    async fn set_experiment(&self, share: f64, control: &str) {
        let mut shop = self
            .state
            .store
            .shop_by_slug("demo")
            .await
            .unwrap()
            .unwrap();
        shop.settings.experiment = ExperimentRecord {
            treatment_share: share,
            control: control.into(),
            attribution_window_hours: 24,
        };
        self.state.store.update_shop(&shop).await.unwrap();
        tokio::time::sleep(Duration::from_millis(700)).await;
    }

    async fn arm(&self, visitor: &str) -> Value {
        let res = self
            .send(
                Request::get(format!("/api/widget/experiment?visitorId={visitor}"))
                    .header("x-widget-token", self.widget_token())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::OK);
        json(res).await
    }

    /// Visitors of each arm, found by asking.
    async fn visitors_in(&self, arm: &str, n: usize) -> Vec<String> {
        let mut found = Vec::new();
        for i in 0.. {
            let v = format!("visitor{i:04}");
            if self.arm(&v).await["arm"] == arm {
                found.push(v);
                if found.len() == n {
                    break;
                }
            }
        }
        found
    }

    async fn cross_sell_as(&self, visitor: &str) -> (StatusCode, String, Value) {
        let res = self
            .post_json(
                "/api/widget/cart/cross-sell",
                &[
                    ("x-widget-token", &self.widget_token()),
                    ("x-visitor-id", visitor),
                ],
                r#"{"productIds":["LANTERN"]}"#,
            )
            .await;
        let status = res.status();
        let arm = res.headers()["x-cartlift-arm"]
            .to_str()
            .unwrap()
            .to_string();
        let body = if status == StatusCode::OK {
            json(res).await
        } else {
            Value::Null
        };
        (status, arm, body)
    }

    async fn track(
        &self,
        kind: &str,
        visitor: &str,
        session: &str,
        product: &str,
        action: Option<&str>,
    ) {
        let mut metadata = json!({
            "source": "cross_sell", "productId": self.product_id(product), "position": 1,
            "visitorId": visitor, "sessionId": session,
        });
        if let Some(a) = action {
            metadata["action"] = json!(a);
        }
        let path = if kind == "click" {
            "/api/widget/track/click"
        } else {
            "/api/widget/track/event"
        };
        let res = self
            .post_json(
                path,
                &[("x-widget-token", &self.widget_token())],
                &json!({ "type": kind, "metadata": metadata }).to_string(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }

    /// The widget's exposure event: the drawer shown, in the visitor's arm.
    async fn expose(&self, visitor: &str) {
        let arm = self.arm(visitor).await["arm"].as_str().unwrap().to_string();
        let res = self
            .post_json(
                "/api/widget/track/event",
                &[("x-widget-token", &self.widget_token())],
                &json!({ "type": "exposure", "metadata": { "visitorId": visitor, "sessionId": "s", "arm": arm } }).to_string(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
    }

    async fn order(&self, id: &str, visitor: Option<&str>, session: &str, lines: &[(&str, i64)]) {
        let mut order = json!({
            "externalId": id,
            "closedAt": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "lines": lines.iter().map(|(p, q)| json!({"productExternalId": p, "quantity": q, "unitPrice": 2.5})).collect::<Vec<_>>(),
        });
        if let Some(v) = visitor {
            order["visitorId"] = json!(v);
            order["sessionId"] = json!(session);
        }
        let res = self
            .post_json(
                "/api/admin/orders",
                &[("x-admin-key", &self.admin_key())],
                &order.to_string(),
            )
            .await;
        assert!(res.status().is_success(), "{}", json(res).await);
    }

    async fn lift(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let res = self
            .send(
                Request::get(path)
                    .header("x-admin-key", self.admin_key())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        (res.status(), body_bytes(res).await)
    }
}

#[tokio::test]
async fn a_visitors_arm_is_stable_and_the_split_is_the_shops() {
    let s = server(&[]).await;
    let first = s.arm("abc123").await;
    assert_eq!(first, s.arm("abc123").await);
    assert_eq!(first["control"], "none");
    assert_eq!(first["treatmentShare"], 0.9);
    let mut treated = 0;
    for i in 0..400 {
        treated += usize::from(s.arm(&format!("v{i}")).await["arm"] == "treatment");
    }
    // 90 % of 400 is 360, with a binomial sd of 6.
    assert!((336..=384).contains(&treated), "{treated}");
    s.set_experiment(0.5, "none").await;
    let mut treated = 0;
    for i in 0..400 {
        treated += usize::from(s.arm(&format!("v{i}")).await["arm"] == "treatment");
    }
    assert!((160..=240).contains(&treated), "{treated}");
    // A visitor id is required and not blank.
    for q in ["", "?visitorId=", "?visitorId=%20%20"] {
        let res = s
            .send(
                Request::get(format!("/api/widget/experiment{q}"))
                    .header("x-widget-token", s.widget_token())
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{q}");
    }
}

#[tokio::test]
async fn each_arm_sees_what_the_shop_chose() {
    let s = server(&[]).await;
    s.set_experiment(0.5, "none").await;
    let treated = s.visitors_in("treatment", 1).await.remove(0);
    let held_out = s.visitors_in("control", 1).await.remove(0);
    let (status, arm, body) = s.cross_sell_as(&treated).await;
    assert_eq!((status, arm.as_str()), (StatusCode::OK, "treatment"));
    assert_eq!(
        body["products"][0]["externalId"], "CANDLE",
        "the engine's answer"
    );
    let (status, arm, _) = s.cross_sell_as(&held_out).await;
    assert_eq!((status, arm.as_str()), (StatusCode::NO_CONTENT, "control"));

    s.set_experiment(0.5, "popularity").await;
    let (status, arm, body) = s.cross_sell_as(&held_out).await;
    assert_eq!((status, arm.as_str()), (StatusCode::OK, "control"));
    let names: Vec<&str> = body["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["externalId"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"LANTERN"),
        "never the cart's own: {names:?}"
    );
    assert_eq!(names[0], "CANDLE", "the best seller first: {names:?}");
    assert!(body["message"].as_str().unwrap().contains("best sellers"));
    // A call without a visitor is the engine's, as before the experiment.
    let res = s.cross_sell(r#"{"productIds":["LANTERN"]}"#).await;
    assert!(res.headers().get("x-cartlift-arm").is_none());
}

#[tokio::test]
async fn the_lift_report_counts_arms_attributes_orders_and_waits_for_enough_data() {
    let s = server(&[]).await;
    s.set_experiment(0.5, "none").await;
    let treated = s.visitors_in("treatment", 32).await;
    let held_out = s.visitors_in("control", 32).await;
    // Treatment: every visitor sees two cards, clicks the candle; half of them buy
    // it (attributed) with a mug. Control: a quarter buy a mug.
    for (i, v) in treated.iter().enumerate() {
        s.track("impression", v, "s1", "CANDLE", None).await;
        s.track("impression", v, "s1", "MUG", None).await;
        s.track("click", v, "s1", "CANDLE", Some("open")).await;
        if i % 2 == 0 {
            s.order(
                &format!("t{i}"),
                Some(v),
                "s1",
                &[("CANDLE", 2), ("MUG", 1)],
            )
            .await;
        }
    }
    for (i, v) in held_out.iter().enumerate() {
        if i % 4 == 0 {
            s.order(&format!("c{i}"), Some(v), "s9", &[("MUG", 1)])
                .await;
        }
    }
    // An order without a visitor id is in neither arm.
    s.order("anon", None, "", &[("MUG", 3)]).await;

    let (status, body) = s.lift("/api/admin/lift").await;
    assert_eq!(status, StatusCode::OK);
    let r: Value = serde_json::from_slice(&body).unwrap();
    let t = &r["treatmentTotals"];
    assert_eq!(t["visitors"], 32);
    assert_eq!(
        (t["impressions"].as_u64(), t["clicks"].as_u64()),
        (Some(64), Some(32))
    );
    assert_eq!(
        (t["orders"].as_u64(), t["revenue"].as_f64()),
        (Some(16), Some(120.0))
    );
    assert_eq!(t["attributedRevenue"], 80.0, "the candles, not the mugs");
    let c = &r["controlTotals"];
    let metric = |name: &str| {
        r["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()
            .clone()
    };
    // The control arm shows nothing, so its widget's exposures are all the
    // experiment knows of its visitors: none sent yet, none counted (their orders
    // neither), and every metric waits.
    assert_eq!(
        (c["visitors"].as_u64(), c["orders"].as_u64()),
        (Some(0), Some(0))
    );
    let conversion = metric("conversion");
    assert_eq!(conversion["status"], "notEnoughData");
    assert!(conversion["message"]
        .as_str()
        .unwrap()
        .starts_with("not enough data yet"));
    for v in treated.iter().chain(&held_out) {
        s.expose(v).await;
    }
    let (_, body) = s.lift("/api/admin/lift").await;
    let r: Value = serde_json::from_slice(&body).unwrap();
    let conversion = r["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "conversion")
        .unwrap()
        .clone();
    assert_eq!(conversion["status"], "ok", "{conversion}");
    assert_eq!(conversion["treatment"]["value"], 0.5);
    assert_eq!(conversion["control"]["value"], 0.25);
    assert_eq!(conversion["lift"], 1.0);
    let [low, high] = [
        conversion["liftInterval"][0].as_f64().unwrap(),
        conversion["liftInterval"][1].as_f64().unwrap(),
    ];
    assert!(low < 1.0 && 1.0 < high, "{low} {high}");
    assert_eq!(r["topProducts"][0]["externalId"], "CANDLE");
    assert!(!r["daily"].as_array().unwrap().is_empty());

    let (status, csv) = s.lift("/api/admin/lift.csv").await;
    assert_eq!(status, StatusCode::OK);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("metric,status,"));
    assert!(
        csv.lines().any(|l| l.starts_with("conversion,ok,0.5,")),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 7);

    // A bad period is refused, and the report needs the admin key.
    let (status, _) = s.lift("/api/admin/lift?since=yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let res = s
        .send(Request::get("/api/admin/lift").body(Body::empty()).unwrap())
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

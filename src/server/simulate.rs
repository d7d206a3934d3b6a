//! `cartlift simulate`: a holdout experiment played end to end on real orders.
//!
//! A shop is built from the demo data's orders before a cut; the orders after it
//! (which its model has never seen) become visitors. Each visitor, in the arm the
//! server assigns, starts with the first half of a real order in the cart, asks the
//! real HTTP API for cross-sell (on a server started here, on loopback), sees the
//! cards, and takes a suggestion when the real order holds it. Without a suggestion
//! a shopper finds each other product of the order with probability `find` (the
//! one assumption; stated in the output). The order then goes to the admin API with
//! the visitor's ids, and the lift report reads it all back.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use cartlift_store::{NewOrder, Store};
use serde_json::{json, Value};

use super::{app, AppState, Settings};

pub struct Options {
    pub shop: String,
    pub visitors: usize,
    /// Orders closed before this date train the shop; those after are replayed.
    pub cut: String,
    pub treatment_share: f64,
    pub control: String,
    /// Chance a shopper finds a product of their order without the section.
    pub find: f64,
    /// Days the visitors are spread over, ending now.
    pub days: u32,
}

pub async fn run(store: &Store, settings: Settings, o: Options) -> anyhow::Result<()> {
    let started = Instant::now();
    let parsed = super::commands::demo_data()?;
    let (train, replay): (Vec<NewOrder>, Vec<NewOrder>) = parsed
        .orders
        .into_iter()
        .partition(|order| order.closed_at.as_str() < o.cut.as_str());
    anyhow::ensure!(
        !train.is_empty() && !replay.is_empty(),
        "the cut {} leaves no orders on one side (the demo data runs from 2010-12 to 2011-09)",
        o.cut
    );
    let creds = match store.shop_by_slug(&o.shop).await? {
        Some(_) => anyhow::bail!(
            "a shop {:?} exists already: simulate into a new one (--shop), so the report holds the simulation only",
            o.shop
        ),
        None => {
            store
                .create_shop(&o.shop, "Simulated gift shop", "GBP", "en")
                .await?
        }
    };
    let mut shop = creds.shop.clone();
    shop.settings.experiment.treatment_share = o.treatment_share;
    shop.settings.experiment.control = o.control.clone();
    store.update_shop(&shop).await?;
    store.import(&shop, &parsed.products, &train).await?;
    eprintln!(
        "simulate: shop {:?} trained on {} orders before {}; {} later orders to replay",
        o.shop,
        train.len(),
        o.cut,
        replay.len()
    );

    // The real server, on loopback, without the per-client limits (one client
    // plays every visitor).
    let mut settings = settings;
    settings.limits.per_address_per_second = 0;
    settings.limits.per_key_per_second = 0;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr: SocketAddr = listener.local_addr()?;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("cartlift")
        .build();
    let state = AppState::new(options, settings, store.clone(), addr).await?;
    state.engines.build_all(&state.store);
    let router = app(state).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let base = format!("http://{addr}");
    let http = reqwest::Client::new();
    for _ in 0..600 {
        if http
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let token = creds.widget_token.0.clone();
    let key = creds.admin_key.0.clone();
    let mut rng = super::bench::Lcg(2011);
    let now = chrono::Utc::now();
    let span = chrono::Duration::days(i64::from(o.days.max(1)));
    let candidates: Vec<&NewOrder> = replay
        .iter()
        .filter(|order| distinct(order).len() >= 2)
        .collect();
    let (mut shown, mut taken, mut by_arm) = (0usize, 0usize, [0usize; 2]);
    for i in 0..o.visitors {
        let order = candidates[i % candidates.len()];
        let products = distinct(order);
        let in_cart = products.len().div_ceil(2);
        let (cart, wanted) = products.split_at(in_cart);
        let visitor = format!("sim-{i:06}");
        let session = format!("{visitor}-1");
        // Visitors spread evenly over the last `days`, oldest first.
        let at = now - span + span * i as i32 / o.visitors.max(1) as i32;
        let stamp = |secs: i64| {
            (at + chrono::Duration::seconds(secs))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        let res = http
            .post(format!("{base}/api/widget/cart/cross-sell"))
            .header("x-widget-token", &token)
            .header("x-visitor-id", &visitor)
            .json(&json!({ "productIds": cart, "language": "en" }))
            .send()
            .await?;
        let arm = res
            .headers()
            .get("x-cartlift-arm")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("treatment")
            .to_string();
        by_arm[usize::from(arm == "control")] += 1;
        let answer: Value = if res.status() == reqwest::StatusCode::OK {
            res.json().await?
        } else {
            Value::Null
        };
        let event = |kind: &str, metadata: Value, secs: i64| {
            let mut m = json!({ "visitorId": visitor, "sessionId": session });
            m.as_object_mut()
                .expect("an object")
                .extend(metadata.as_object().cloned().unwrap_or_default());
            json!({ "type": kind, "metadata": m, "timestamp": stamp(secs) })
        };
        let mut events = vec![(
            "event",
            event(super::lift::EXPOSURE, json!({ "arm": arm }), 0),
        )];
        let mut accepted = Vec::new();
        if let Some(cards) = answer["products"].as_array() {
            for (pos, card) in cards.iter().enumerate() {
                let (Some(id), Some(ext)) = (card["id"].as_str(), card["externalId"].as_str())
                else {
                    continue;
                };
                shown += 1;
                let card_meta = |action: Option<&str>| {
                    let mut m =
                        json!({ "source": "cross_sell", "productId": id, "position": pos + 1 });
                    if let Some(a) = action {
                        m["action"] = json!(a);
                    }
                    m
                };
                events.push(("event", event("impression", card_meta(None), 1)));
                if wanted.contains(&ext) {
                    events.push(("click", event("click", card_meta(Some("add")), 2)));
                    accepted.push(ext.to_string());
                }
            }
        }
        taken += accepted.len();
        for (path, body) in &events {
            let res = http
                .post(format!("{base}/api/widget/track/{path}"))
                .header("x-widget-token", &token)
                .json(body)
                .send()
                .await?;
            anyhow::ensure!(
                res.status().is_success(),
                "an event was refused: {}",
                res.text().await.unwrap_or_default()
            );
        }
        // The order: the cart, what the section sold, and what was found anyway.
        let bought: Vec<&str> = cart
            .iter()
            .copied()
            .chain(
                wanted
                    .iter()
                    .copied()
                    .filter(|p| accepted.iter().any(|a| a == p) || rng.unit() < o.find),
            )
            .collect();
        let lines: Vec<Value> = order
            .lines
            .iter()
            .filter(|l| bought.contains(&l.product_external_id.as_str()))
            .map(|l| json!({ "productExternalId": l.product_external_id, "quantity": l.quantity, "unitPrice": l.unit_price }))
            .collect();
        let res = http
            .post(format!("{base}/api/admin/orders"))
            .header("x-admin-key", &key)
            .json(&json!({
                "externalId": format!("{visitor}-{}", order.external_id),
                "closedAt": stamp(60),
                "lines": lines,
                "visitorId": visitor,
                "sessionId": session,
            }))
            .send()
            .await?;
        anyhow::ensure!(
            res.status().is_success(),
            "an order was refused: {}",
            res.text().await.unwrap_or_default()
        );
        if (i + 1) % 500 == 0 {
            eprintln!("simulate: {} visitors", i + 1);
        }
    }
    let since =
        (now - span - chrono::Duration::days(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let report: Value = http
        .get(format!("{base}/api/admin/lift?since={since}"))
        .header("x-admin-key", &key)
        .send()
        .await?
        .error_for_status()
        .context("the lift report")?
        .json()
        .await?;
    println!(
        "simulated {} visitors ({} treatment, {} control) in {:.0} s: {} cards shown, {} taken; \
         a shopper finds a product of their order without the section with probability {}",
        o.visitors,
        by_arm[0],
        by_arm[1],
        started.elapsed().as_secs_f64(),
        shown,
        taken,
        o.find
    );
    for m in report["metrics"].as_array().into_iter().flatten() {
        match (m["lift"].as_f64(), m["liftInterval"].as_array()) {
            (Some(lift), Some(i)) => println!(
                "  {:<28} treatment {:>10.4}  control {:>10.4}  lift {:+6.1} % [{:+.1} %, {:+.1} %]",
                m["name"].as_str().unwrap_or_default(),
                m["treatment"]["value"].as_f64().unwrap_or_default(),
                m["control"]["value"].as_f64().unwrap_or_default(),
                lift * 100.0,
                i[0].as_f64().unwrap_or_default() * 100.0,
                i[1].as_f64().unwrap_or_default() * 100.0,
            ),
            _ => println!(
                "  {:<28} {}",
                m["name"].as_str().unwrap_or_default(),
                m["message"].as_str().unwrap_or("no lift (the control's value is 0)")
            ),
        }
    }
    println!(
        "the report: GET /api/admin/lift?since={since} (admin key of {:?}), or /admin/lift signed in",
        o.shop
    );
    Ok(())
}

/// An order's products, each once, in line order.
fn distinct(order: &NewOrder) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for l in &order.lines {
        if !out.contains(&l.product_external_id.as_str()) {
            out.push(&l.product_external_id);
        }
    }
    out
}

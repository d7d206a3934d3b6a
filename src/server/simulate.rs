//! `cartlift simulate`: a holdout experiment played end to end on real orders.
//!
//! A shop is built from the demo data's orders before a cut; the orders after it
//! (which its model has never seen) become visitors of its storefront, served here
//! on loopback by the real server. Each visitor, in the arm the server assigns,
//! puts the first half of a real order in the storefront's cart, opens the drawer
//! (the storefront's cross-sell, which records the exposure), sees the cards, and
//! adds a suggestion when the real order holds it. Without a suggestion a shopper
//! finds each other product of the order with probability `find` (the one
//! assumption; stated in the output). The cart is then checked out, and the lift
//! report reads it all back.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use cartlift_store::{NewOrder, Store};
use serde_json::{json, Value};

use super::{app, AppState, Settings};
use leptos::server_fn::ServerFn;

use crate::storefront::fns::{CartAdd, CartCheckout};
use crate::widget::proxy::{CardEvent, FetchCrossSell, TrackCrossSell};

pub struct Options {
    pub shop: String,
    pub visitors: usize,
    /// Orders closed before this date train the shop; those after are replayed.
    pub cut: String,
    pub treatment_share: f64,
    pub control: String,
    /// Chance a shopper finds a product of their order without the section.
    pub find: f64,
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
    // Its storefront sells the simulated shop, with itself as the widget API.
    settings.widget.shop = o.shop.clone();
    settings.widget.api_base_url = String::new();
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

    let key = creds.admin_key.0.clone();
    let mut rng = super::bench::Lcg(2011);
    let since = chrono::Utc::now() - chrono::Duration::minutes(1);
    let candidates: Vec<&NewOrder> = replay
        .iter()
        .filter(|order| distinct(order).len() >= 2)
        .collect();
    let (mut shown, mut taken, mut orders, mut by_arm) = (0usize, 0usize, 0usize, [0usize; 2]);
    for i in 0..o.visitors {
        let order = candidates[i % candidates.len()];
        let products = distinct(order);
        let in_cart = products.len().div_ceil(2);
        let (cart, wanted) = products.split_at(in_cart);
        // The storefront's visitor is its cart cookie, the session its own cookie.
        let visitor = Visitor {
            http: &http,
            base: &base,
            cookie: format!("cartlift_cart=sim-{i:06}; cartlift_session=sim-{i:06}-1"),
        };
        by_arm[usize::from(
            super::lift::arm_of(&shop, &format!("sim-{i:06}"))
                == cartlift_engine::lift::Arm::Control,
        )] += 1;
        let quantity = |external: &str| {
            let q: i64 = order
                .lines
                .iter()
                .filter(|l| l.product_external_id == external)
                .map(|l| l.quantity)
                .sum();
            q.clamp(1, cartlift_store::MAX_LINE_QUANTITY)
        };
        let mut ids = Vec::new();
        for external in cart {
            if let Some(cart) = visitor.add(external, quantity(external)).await? {
                ids = cart;
            }
        }
        if ids.is_empty() {
            continue;
        }
        // The drawer opens: cross-sell in the visitor's arm (an exposure either way).
        let answer: Value = visitor
            .call(
                FetchCrossSell::PATH,
                json!({ "product_ids": ids, "exclude_product_ids": [], "language": "en" }),
            )
            .await?;
        let cards: Vec<(String, String)> = answer["products"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| {
                Some((
                    c["id"].as_str()?.to_string(),
                    c["externalId"].as_str()?.to_string(),
                ))
            })
            .collect();
        let positions = |keep: &dyn Fn(&str) -> bool| -> Vec<(String, u32)> {
            cards
                .iter()
                .enumerate()
                .filter(|(_, (_, ext))| keep(ext))
                .map(|(pos, (id, _))| (id.clone(), pos as u32 + 1))
                .collect()
        };
        shown += cards.len();
        if !cards.is_empty() {
            let all = positions(&|_| true);
            visitor
                .call(
                    TrackCrossSell::PATH,
                    json!({ "event": CardEvent::Impression, "products": all }),
                )
                .await?;
        }
        // What the real order holds is taken from the section, with its Add button.
        let accepted = positions(&|ext| wanted.contains(&ext));
        for (id, pos) in &accepted {
            visitor
                .call(
                    TrackCrossSell::PATH,
                    json!({ "event": CardEvent::Add, "products": [(id, pos)] }),
                )
                .await?;
        }
        taken += accepted.len();
        let from_section: Vec<&str> = cards
            .iter()
            .filter(|(_, ext)| wanted.contains(&ext.as_str()))
            .map(|(_, ext)| ext.as_str())
            .collect();
        // The rest of the order: taken from the section, or found anyway.
        for external in wanted {
            if from_section.contains(external) || rng.unit() < o.find {
                visitor.add(external, quantity(external)).await?;
            }
        }
        visitor.call(CartCheckout::PATH, json!({})).await?;
        orders += 1;
        if (i + 1) % 500 == 0 {
            eprintln!("simulate: {} visitors", i + 1);
        }
    }
    let since = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
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
        "simulated {} visitors ({} treatment, {} control) in {:.0} s: {} cards shown, {} taken, \
         {} orders through the storefront's checkout; a shopper finds a product of their order \
         without the section with probability {}",
        o.visitors,
        by_arm[0],
        by_arm[1],
        started.elapsed().as_secs_f64(),
        shown,
        taken,
        orders,
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

/// A simulated shopper of the storefront: its server functions, with its cookies.
struct Visitor<'a> {
    http: &'a reqwest::Client,
    base: &'a str,
    cookie: String,
}

impl Visitor<'_> {
    /// Calls a server function (JSON in and out); its error is the simulation's.
    async fn call(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .header("cookie", &self.cookie)
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await?;
        let status = res.status();
        let text = res.text().await?;
        anyhow::ensure!(status.is_success(), "{path} answered {status}: {text}");
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Adds a product to the cart: the cart's product ids after it, or `None` when
    /// the shop refused it (out of stock).
    async fn add(&self, external: &str, quantity: i64) -> anyhow::Result<Option<Vec<String>>> {
        let result = self
            .call(
                CartAdd::PATH,
                json!({ "product_id": external, "quantity": quantity }),
            )
            .await?;
        if result["success"] != json!(true) {
            return Ok(None);
        }
        Ok(Some(
            result["cart"]["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|item| item["id"].as_str().map(str::to_string))
                .collect(),
        ))
    }
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

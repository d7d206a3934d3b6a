//! `cartlift bench ...`: the measurements behind docs/benchmarks.md. Each prints
//! numbers, with a baseline measured in the same run where a target is a ratio.
//! Nothing here asserts a timing: tests check behaviour, this measures.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::post;
use axum::{Json, Router};
use cartlift_contract::CrossSellRequest;
use cartlift_engine::{
    Catalog, CategoryRules, CoPurchase, ModelParams, Product, ProductIdx, Query, RankSettings,
    Recommender,
};

use super::commands::demo_orders;

/// Model build from every order of the demo data, and one order's incremental
/// update, against the build of plain co-occurrence counts over the same orders.
pub fn model() -> anyhow::Result<()> {
    let (catalog, orders) = demo_orders()?;
    let runs = 5;
    let mut builds = Vec::new();
    let mut raw = Vec::new();
    let mut pairs = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let mut rec = Recommender::new(
            catalog.clone(),
            CoPurchase::new(ModelParams::default()),
            CategoryRules::default(),
            RankSettings::default(),
        );
        for (day, o) in &orders {
            rec.add_order(o, *day);
        }
        builds.push(t.elapsed());
        pairs = rec.model.pair_count();
        let t = Instant::now();
        let mut counts: Vec<rustc_hash::FxHashMap<u32, u32>> =
            vec![Default::default(); catalog.len()];
        for (_, o) in &orders {
            for &a in o {
                for &b in o {
                    if a != b {
                        *counts[a.get()].entry(b.0).or_insert(0) += 1;
                    }
                }
            }
        }
        raw.push(t.elapsed());
        std::hint::black_box(&counts);
    }
    builds.sort();
    raw.sort();
    let build = builds[runs / 2];
    let baseline = raw[runs / 2];

    // Incremental: learn the last 2,000 orders one by one on a model of the rest.
    let split = orders.len() - 2000;
    let mut rec = Recommender::new(
        catalog.clone(),
        CoPurchase::new(ModelParams::default()),
        CategoryRules::default(),
        RankSettings::default(),
    );
    for (day, o) in &orders[..split] {
        rec.add_order(o, *day);
    }
    let mut each: Vec<Duration> = orders[split..]
        .iter()
        .map(|(day, o)| {
            let t = Instant::now();
            rec.add_order(o, *day);
            t.elapsed()
        })
        .collect();
    each.sort();
    let mean = each.iter().sum::<Duration>() / each.len() as u32;
    println!(
        "model build, {} orders, {} products -> {} pairs",
        orders.len(),
        catalog.len(),
        pairs
    );
    println!(
        "  cartlift model build (median of {runs}): {:>8.1} ms   (target < 1000 ms)",
        ms(build)
    );
    println!(
        "  baseline, raw co-occurrence counts:     {:>8.1} ms   ratio {:.2}",
        ms(baseline),
        ms(build) / ms(baseline)
    );
    println!("incremental update, one order (last 2,000 orders, one at a time)");
    println!(
        "  mean {:.3} ms, p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms   (target < 1 ms)",
        ms(mean),
        ms(each[each.len() / 2]),
        ms(each[each.len() * 99 / 100]),
        ms(*each.last().expect("orders"))
    );

    // The linear model: solved in the background, and what it costs an answer.
    let t = Instant::now();
    let linear = cartlift_engine::LinearModel::solve(
        orders.iter().map(|(_, o)| o.as_slice()),
        cartlift_engine::linear::MAX_PRODUCTS,
        cartlift_engine::linear::LAMBDA,
        1,
    );
    let solve = t.elapsed();
    println!(
        "linear model, {} most ordered products, solved off the request path on one thread: {:.1} s",
        linear.products(),
        solve.as_secs_f64()
    );
    let carts: Vec<&[ProductIdx]> = orders
        .iter()
        .rev()
        .take(2000)
        .map(|(_, o)| &o[..o.len().min(3)])
        .filter(|c| !c.is_empty())
        .collect();
    let answer = |rec: &Recommender| {
        let t = Instant::now();
        for cart in &carts {
            std::hint::black_box(rec.top_products(cart, 10));
        }
        t.elapsed() / carts.len() as u32
    };
    let without = answer(&rec);
    rec.set_linear(linear);
    let with = answer(&rec);
    println!(
        "  a cart answered (first three products of the newest 2,000 orders): {:.0} µs with it, {:.0} µs without, ratio {:.2}",
        with.as_secs_f64() * 1e6,
        without.as_secs_f64() * 1e6,
        with.as_secs_f64() / without.as_secs_f64()
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A bare axum server that parses the same JSON as the cross-sell endpoint and
/// answers a fixed body of the same size: the ceiling the endpoint is measured against.
pub async fn baseline_server(addr: SocketAddr, body_file: &Path) -> anyhow::Result<()> {
    let body = Bytes::from(
        std::fs::read(body_file).with_context(|| format!("cannot read {}", body_file.display()))?,
    );
    let app = Router::new().route(
        "/api/widget/cart/cross-sell",
        post(move |Json(req): Json<CrossSellRequest>| {
            let body = body.clone();
            async move {
                std::hint::black_box(req);
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// Sends `rate` requests a second for `seconds` (an open loop: a slow answer does
/// not slow the sending) and prints the latency percentiles.
pub async fn load(
    url: &str,
    token: &str,
    body: &str,
    rate: u32,
    seconds: u32,
) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(256)
        .build()?;
    let total = (rate * seconds) as usize;
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut tasks = Vec::with_capacity(total);
    let started = Instant::now();
    for _ in 0..total {
        tick.tick().await;
        let req = client
            .post(url)
            .header("x-widget-token", token)
            .header("content-type", "application/json")
            .body(body.to_string());
        tasks.push(tokio::spawn(async move {
            let t = Instant::now();
            let ok = match req.send().await {
                Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                Err(_) => false,
            };
            (t.elapsed(), ok)
        }));
    }
    let mut lat = Vec::with_capacity(total);
    let mut errors = 0;
    for t in tasks {
        let (d, ok) = t.await?;
        lat.push(d);
        errors += (!ok) as usize;
    }
    let wall = started.elapsed();
    lat.sort();
    let p = |q: f64| ms(lat[((lat.len() as f64 * q) as usize).min(lat.len() - 1)]);
    println!(
        "  {total} requests at {rate}/s over {:.1} s: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms, errors {errors}",
        wall.as_secs_f64(),
        p(0.5),
        p(0.9),
        p(0.99),
        ms(*lat.last().expect("requests"))
    );
    Ok(())
}

/// A synthetic shop: `products` products in families of 4 and categories of 500,
/// `orders` orders of 2 to 30 lines drawn with a Zipf-like popularity and a
/// preference for neighbours of the previous line (as real carts have). Prints the
/// build time, the memory the process holds, and in-process recommendation latency.
pub fn scale(products: usize, orders: usize) -> anyhow::Result<()> {
    let rss_before = rss_kb();
    let mut catalog = Catalog::new();
    for i in 0..products {
        catalog.upsert(Product {
            id: format!("p{i}"),
            external_id: format!("p{i}"),
            name: format!("PRODUCT {i}"),
            categories: vec![format!("c{}", i / 500)],
            family: Some(format!("f{}", i / 4)),
            price: 10.0,
            cost: None,
            stock: None,
            available: true,
        });
    }
    let mut rng = Lcg(42);
    let zipf =
        |rng: &mut Lcg| -> usize { ((products as f64).powf(rng.unit()) - 1.0) as usize % products };
    let mut rec = Recommender::new(
        catalog,
        CoPurchase::new(ModelParams::default()),
        CategoryRules::default(),
        RankSettings::default(),
    );
    let t = Instant::now();
    let mut order = Vec::with_capacity(32);
    for i in 0..orders {
        order.clear();
        let n = 2 + (rng.next() % 29) as usize;
        let mut cur = zipf(&mut rng);
        for _ in 0..n {
            order.push(ProductIdx(cur as u32));
            cur = if rng.next().is_multiple_of(3) {
                zipf(&mut rng)
            } else {
                (cur + 1 + (rng.next() % 20) as usize) % products
            };
        }
        // A year of orders, evenly spread.
        rec.add_order(&order, i as f64 * 365.0 / orders as f64);
    }
    let build = t.elapsed();
    let rss_after = rss_kb();
    let mut lat = Vec::new();
    for _ in 0..2000 {
        let cart: Vec<ProductIdx> = (0..1 + rng.next() % 5)
            .map(|_| ProductIdx(zipf(&mut rng) as u32))
            .collect();
        let t = Instant::now();
        std::hint::black_box(rec.recommend(&Query {
            cart: &cart,
            exclude: &[],
            limit: 8,
        }));
        lat.push(t.elapsed());
    }
    lat.sort();
    println!(
        "synthetic shop: {products} products, {orders} orders -> {} pairs",
        rec.model.pair_count()
    );
    println!("  build {:.1} s (target < 60 s)", build.as_secs_f64());
    println!(
        "  resident memory {} MiB (before the catalog: {} MiB)",
        rss_after / 1024,
        rss_before / 1024
    );
    println!("  recommend in process, 2,000 carts of 1-5 products: p50 {:.2} ms, p99 {:.2} ms (target p99 < 10 ms)", ms(lat[lat.len() / 2]), ms(lat[lat.len() * 99 / 100]));
    Ok(())
}

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Loads the shop `slug` from the store `runs` times as a server does at start and
/// builds its engine; prints the median of each step, with the database's own count
/// of the same order lines (a floor no load can beat) measured in the same runs.
pub async fn store_load(
    store: &cartlift_store::Store,
    slug: &str,
    runs: usize,
) -> anyhow::Result<()> {
    let shop = store
        .shop_by_slug(slug)
        .await?
        .with_context(|| format!("no shop {slug:?}"))?;
    let runs = runs.max(1);
    let (mut floor, mut load, mut build) = (Vec::new(), Vec::new(), Vec::new());
    let (mut lines, mut orders_n, mut products_n) = (0, 0, 0);
    for _ in 0..runs {
        let t = Instant::now();
        lines = store.order_line_count(&shop).await?;
        floor.push(t.elapsed());

        let t = Instant::now();
        let products = store.products(&shop).await?;
        let orders = store.order_items(&shop).await?;
        let rules = store.product_rules(&shop).await?;
        let clusters = store.clusters(&shop).await?;
        load.push(t.elapsed());
        (orders_n, products_n) = (orders.len(), products.len());

        let t = Instant::now();
        let mut engine = super::shops::ShopEngine::build(shop.clone(), products, &orders)?;
        engine.set_product_rules(&rules, &clusters);
        build.push(t.elapsed());
        std::hint::black_box(engine);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64()
    };
    let (floor, load, build) = (median(&mut floor), median(&mut load), median(&mut build));
    println!("shop {slug}: {products_n} products, {orders_n} orders, {lines} order lines; median of {runs} runs");
    println!("  the database counting the lines (floor): {floor:.3} s");
    println!(
        "  load from the store: {load:.3} s ({:.1}x the floor; target well under 1 s)",
        load / floor.max(1e-6)
    );
    println!("  build the engine and search index: {build:.3} s (target < 1 s)");
    println!("  ready after {:.3} s", load + build);
    Ok(())
}

/// Writes `count` product rules into the shop `slug`: three from each of `from`
/// (so a cart of them meets rules), the rest between products drawn at random, the
/// five types in turn. Prints how many were written and how long the writes took.
pub async fn rules(
    store: &cartlift_store::Store,
    slug: &str,
    count: usize,
    from: &[String],
) -> anyhow::Result<()> {
    let shop = store
        .shop_by_slug(slug)
        .await?
        .with_context(|| format!("no shop {slug:?}"))?;
    let products = store.products(&shop).await?;
    anyhow::ensure!(
        products.len() >= 2,
        "the shop {slug:?} needs products first"
    );
    let mut rng = Lcg(7);
    let pick = |rng: &mut Lcg| products[rng.next() as usize % products.len()].id.clone();
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let given = from.get(written / 3);
        let source = given.cloned().unwrap_or_else(|| pick(&mut rng));
        let target = pick(&mut rng);
        let rule = cartlift_store::NewProductRule {
            kind: cartlift_store::RULE_KINDS[written % 5].to_string(),
            product_from: Some(source),
            product_to: Some(target),
            ..Default::default()
        };
        match store.create_product_rule(&shop, rule).await {
            Ok(_) => written += 1,
            Err(cartlift_store::Error::Invalid(why)) if given.is_some() => anyhow::bail!(why),
            // A rule from a product to itself: draw again.
            Err(cartlift_store::Error::Invalid(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    println!(
        "  {written} product rules written to {slug} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A tiny deterministic generator: the synthetic shop is the same on every run.
/// A small deterministic generator: the same numbers on every run and machine.
pub(crate) struct Lcg(pub(crate) u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }
}

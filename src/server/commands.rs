//! The `cartlift` subcommands other than `serve`: shops, imports, recommendations
//! and the offline evaluation. Each prints JSON or a table and returns errors for
//! `main` to turn into an exit code.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use cartlift_engine::eval::{self, Metrics, Ranker};
use cartlift_engine::{
    Catalog, CategoryRules, CoPurchase, ModelParams, Product, ProductIdx, RankSettings, Recommender,
};
use cartlift_store::import::{jsonl, online_retail, taxonomy::Taxonomy};
use cartlift_store::{CategoryRuleRecord, ImportOutcome, Shop, ShopWordRecord, Store};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

use super::shops::{day_number, ShopEngine};
use super::{DEMO_DATA, DEMO_SHOP_WORDS, DEMO_TAXONOMY};

pub async fn shop_create(
    store: &Store,
    slug: &str,
    name: &str,
    currency: &str,
    language: &str,
) -> anyhow::Result<()> {
    let created = store.create_shop(slug, name, currency, language).await?;
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({
            "shopId": created.shop.id,
            "widgetToken": created.widget_token.0,
            "adminKey": created.admin_key.0,
        }))?
    );
    Ok(())
}

/// What `cartlift shop update` changes; `None` and empty lists leave a setting alone.
pub struct ShopChange {
    pub name: Option<String>,
    pub currency: Option<String>,
    pub language: Option<String>,
    pub allowed_origins: Vec<String>,
    pub removed_origins: Vec<String>,
    pub clear_allowed_origins: bool,
    pub product_url_base: Option<String>,
    /// `word=what it means` pairs to set, and words to forget.
    pub words: Vec<String>,
    pub removed_words: Vec<String>,
    /// The holdout experiment's split, control and attribution window.
    pub treatment_share: Option<f64>,
    pub control: Option<String>,
    pub attribution_window_hours: Option<u32>,
}

pub async fn shop_update(store: &Store, slug: &str, change: ShopChange) -> anyhow::Result<()> {
    let mut shop = shop(store, slug).await?;
    if let Some(name) = change.name {
        shop.name = name;
    }
    if let Some(currency) = change.currency {
        shop.currency = currency;
    }
    if let Some(language) = change.language {
        shop.language = language;
    }
    let origins = &mut shop.settings.allowed_origins;
    if change.clear_allowed_origins {
        origins.clear();
    }
    origins.retain(|o| !change.removed_origins.contains(o));
    for origin in change.allowed_origins {
        cartlift_store::check_origin(&origin)?;
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    if let Some(base) = change.product_url_base {
        shop.settings.product_url_base =
            Some(base.trim_end_matches('/').to_string()).filter(|b| !b.is_empty());
    }
    let words = &mut shop.settings.shop_words;
    words.retain(|w| {
        !change
            .removed_words
            .iter()
            .any(|r| r.eq_ignore_ascii_case(&w.word))
    });
    for pair in &change.words {
        let (word, means) = pair
            .split_once('=')
            .map(|(w, m)| (w.trim(), m.trim()))
            .filter(|(w, m)| !w.is_empty() && !w.contains(' ') && !m.is_empty())
            .ok_or_else(|| {
                anyhow::anyhow!("--word takes one word, '=' and what it means (hottie=\"hot water bottle\"), got {pair:?}")
            })?;
        words.retain(|w| !w.word.eq_ignore_ascii_case(word));
        words.push(ShopWordRecord {
            word: word.to_string(),
            means: means.to_string(),
        });
    }
    let experiment = &mut shop.settings.experiment;
    if let Some(share) = change.treatment_share {
        anyhow::ensure!(
            (0.0..=1.0).contains(&share),
            "--treatment-share is a share from 0 to 1, got {share}"
        );
        experiment.treatment_share = share;
    }
    if let Some(control) = change.control {
        experiment.control = control;
    }
    if let Some(hours) = change.attribution_window_hours {
        anyhow::ensure!(
            (1..=24 * 90).contains(&hours),
            "--attribution-window-hours is from 1 to 2160 (90 days), got {hours}"
        );
        experiment.attribution_window_hours = hours;
    }
    store.update_shop(&shop).await?;
    let now = json!({
        "shopId": shop.id,
        "slug": shop.slug,
        "name": shop.name,
        "currency": shop.currency,
        "language": shop.language,
        "settings": shop.settings,
    });
    println!("{}", serde_json::to_string_pretty(&now)?);
    Ok(())
}

/// `cartlift shop rules`: removes, then sets, then prints the shop's category rules
/// (and its categories when asked). Each change is checked by the store; the first
/// mistake stops before it is written.
pub async fn shop_rules(
    store: &Store,
    slug: &str,
    set: &[String],
    remove: &[String],
    categories: bool,
) -> anyhow::Result<()> {
    let shop = shop(store, slug).await?;
    for pair in remove.chunks(2) {
        if !store
            .delete_category_rule(&shop, &pair[0], &pair[1])
            .await?
        {
            anyhow::bail!("no category rule from {:?} to {:?}", pair[0], pair[1]);
        }
    }
    for rule in set.chunks(3) {
        store
            .set_category_rule(
                &shop,
                CategoryRuleRecord {
                    from: rule[0].clone(),
                    to: rule[1].clone(),
                    effect: rule[2].clone(),
                },
            )
            .await?;
    }
    if categories {
        println!("categories of {slug} (products):");
        for (name, n) in store.categories(&shop).await? {
            println!("  {name} ({n})");
        }
    }
    let now = self::shop(store, slug).await?;
    let rules = &now.settings.category_rules;
    if rules.is_empty() {
        println!("{slug} has no category rules");
    } else {
        println!("category rules of {slug} (for each pair the most specific rule decides):");
        for r in rules {
            println!("  {} -> {}: {}", r.from, r.to, r.effect);
        }
    }
    Ok(())
}

async fn shop(store: &Store, slug: &str) -> anyhow::Result<Shop> {
    Ok(store
        .shop_by_slug(slug)
        .await?
        .ok_or_else(|| cartlift_store::Error::UnknownShop(slug.to_string()))?)
}

fn taxonomy(path: Option<&Path>) -> anyhow::Result<Taxonomy> {
    let text = match path {
        Some(p) => std::fs::read_to_string(p)
            .with_context(|| format!("cannot read taxonomy {}", p.display()))?,
        None => DEMO_TAXONOMY.to_string(),
    };
    Ok(Taxonomy::from_toml(&text)?)
}

/// Parses an Online Retail file with a progress bar on stderr.
fn parse_online_retail(
    reader: impl Read,
    size_hint: u64,
    taxonomy: &Taxonomy,
    quiet: bool,
) -> anyhow::Result<online_retail::Parsed> {
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new_spinner()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {pos} lines read ({per_sec})")
            .expect("valid template"),
    );
    bar.set_message(format!("parsing {} KB", size_hint / 1024));
    let parsed = online_retail::parse(reader, taxonomy, |n| bar.set_position(n))?;
    bar.finish_and_clear();
    Ok(parsed)
}

pub async fn import_online_retail(
    store: &Store,
    slug: &str,
    file: &Path,
    taxonomy_file: Option<&Path>,
) -> anyhow::Result<()> {
    let shop = shop(store, slug).await?;
    let taxonomy = taxonomy(taxonomy_file)?;
    let (reader, size) = cartlift_store::import::open(file)?;
    let parsed = parse_online_retail(reader, size, &taxonomy, false)?;
    let outcome = write(store, &shop, &parsed.products, &parsed.orders).await?;
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "parsed": parsed.report, "written": outcome }))?
    );
    Ok(())
}

pub async fn import_jsonl(
    store: &Store,
    slug: &str,
    kind: &str,
    file: &Path,
) -> anyhow::Result<()> {
    let shop = shop(store, slug).await?;
    let (reader, _) = cartlift_store::import::open(file)?;
    let outcome = match kind {
        "products" => write(store, &shop, &jsonl::products(reader)?, &[]).await?,
        "orders" => write(store, &shop, &[], &jsonl::orders(reader)?).await?,
        "clusters" => {
            let (created, replaced) = store
                .import_clusters(&shop, &jsonl::clusters(reader)?)
                .await?;
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &json!({ "clustersCreated": created, "clustersReplaced": replaced })
                )?
            );
            return Ok(());
        }
        other => bail!("unknown jsonl kind {other:?}: expected products, orders or clusters"),
    };
    println!("{}", serde_json::to_string_pretty(&outcome)?);
    Ok(())
}

async fn write(
    store: &Store,
    shop: &Shop,
    products: &[cartlift_store::NewProduct],
    orders: &[cartlift_store::NewOrder],
) -> anyhow::Result<ImportOutcome> {
    let bar = ProgressBar::new_spinner();
    bar.set_message(format!(
        "writing {} products and {} orders in one transaction",
        products.len(),
        orders.len()
    ));
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    let outcome = store.import(shop, products, orders).await;
    bar.finish_and_clear();
    Ok(outcome?)
}

/// Creates the demo shop from the compiled-in data set, unless it exists.
pub async fn seed_demo(store: &Store, slug: &str) -> anyhow::Result<()> {
    if store.shop_by_slug(slug).await?.is_some() {
        return Ok(());
    }
    tracing::info!(
        shop = slug,
        "seeding the demo shop from the bundled Online Retail data set"
    );
    let started = Instant::now();
    // Progress on a terminal (indicatif draws nothing when stderr is not one).
    let parsed = parse_online_retail(
        flate2::read::MultiGzDecoder::new(DEMO_DATA),
        DEMO_DATA.len() as u64,
        &taxonomy(None)?,
        false,
    )?;
    let mut created = store
        .create_shop(slug, "Online Retail Gift Shop", "GBP", "en")
        .await?;
    created.shop.settings.shop_words = demo_shop_words();
    // The holdout's visitors see the best sellers: every visitor of the demo sees a
    // section, and the lift report compares the engine with popularity.
    created.shop.settings.experiment.control = "popularity".into();
    store.update_shop(&created.shop).await?;
    let outcome = write(store, &created.shop, &parsed.products, &parsed.orders).await?;
    tracing::info!(
        products = outcome.products_upserted,
        orders = outcome.orders_added,
        seconds = started.elapsed().as_secs_f32(),
        "demo shop ready"
    );
    Ok(())
}

/// The demo shop's words (`data/demo-shop-words.tsv`) as its settings hold them.
fn demo_shop_words() -> Vec<ShopWordRecord> {
    DEMO_SHOP_WORDS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(word, means)| ShopWordRecord {
            word: word.trim().to_string(),
            means: means.trim().to_string(),
        })
        .collect()
}

/// Issues a new widget token (or admin key) for a shop under `label`, revoking the previous one
/// of that label; prints it (it is shown only once).
pub async fn shop_token(store: &Store, slug: &str, label: &str, admin: bool) -> anyhow::Result<()> {
    let shop = shop(store, slug).await?;
    let issued = if admin {
        json!({ "shopId": shop.id, "label": label, "adminKey": store.reissue_admin_key(&shop.id, label).await?.0 })
    } else {
        json!({ "shopId": shop.id, "label": label, "widgetToken": store.reissue_widget_token(&shop.id, label).await?.0 })
    };
    println!("{}", serde_json::to_string_pretty(&issued)?);
    Ok(())
}

pub async fn recommend(
    store: &Store,
    slug: &str,
    ids: &[String],
    limit: usize,
    language: &str,
) -> anyhow::Result<()> {
    let shop = shop(store, slug).await?;
    let language: cartlift_engine::Language = language.parse().map_err(anyhow::Error::msg)?;
    let products = store.products(&shop).await?;
    let orders = store.order_items(&shop).await?;
    let rules = store.product_rules(&shop).await?;
    let clusters = store.clusters(&shop).await?;
    let mut engine = ShopEngine::build(shop, products, &orders)?;
    engine.set_product_rules(&rules, &clusters);
    // As the server does, in the background, once the engine is built.
    match crate::server::shops::tune(&engine.tuning_start(), &orders) {
        Some(tuned) => {
            let t = &tuned.tuning;
            eprintln!(
                "ranking tuned on the shop's newest {} orders: HR@10 {:.4} with the defaults, {:.4} by popularity; {}",
                t.validation_orders,
                t.tried[0].1.hit_rate,
                t.popularity.hit_rate,
                if t.popularity_only {
                    "ranks by popularity (co-purchase breaks ties)".to_string()
                } else {
                    format!("popularity prior {}", t.settings.popularity_prior)
                }
            );
            engine.apply_tuning(tuned);
        }
        None => eprintln!("too few orders to tune the ranking: the defaults apply"),
    }
    if engine.recommender.linear_due() {
        let linear = crate::server::shops::solve_linear(
            &engine.recommender.catalog,
            &orders,
            cartlift_engine::linear::all_cores(),
        );
        eprintln!(
            "linear model solved from {} orders over the {} most ordered products",
            linear.orders(),
            linear.products()
        );
        engine.recommender.set_linear(linear);
    }
    for id in ids {
        if engine.find(id).is_none() {
            eprintln!("note: {id:?} is not a product of this shop (by id or externalId); ignored");
        }
    }
    let suggestions = engine.cross_sell(ids, &[], limit);
    if suggestions.is_empty() {
        println!("no recommendation (the API would answer 204 No Content)");
        return Ok(());
    }
    println!(
        "{:>3}  {:<10} {:<38} {:>8} {:>9} {:>8} {:>8} {:>5} {:>6} {:>5}  reason",
        "#", "external", "name", "score", "co-purch", "linear", "category", "rule", "margin", "pop"
    );
    for (i, s) in suggestions.iter().enumerate() {
        let p = engine.stored(s.product);
        let name: String = p.name.chars().take(38).collect();
        println!(
            "{:>3}  {:<10} {:<38} {:>8.4} {:>9.4} {:>8.4} {:>8.4} {:>5.2} {:>6.3} {:>5}  {}",
            i + 1,
            p.external_id,
            name,
            s.score,
            s.parts.co_purchase,
            s.parts.linear,
            s.parts.category,
            s.parts.rule,
            s.parts.margin,
            s.parts.popularity,
            engine.recommender.reason(&s.because, language)
        );
    }
    Ok(())
}

/// Options of the offline evaluation.
pub struct EvalOptions<'a> {
    pub file: Option<&'a Path>,
    /// Test months (`YYYY-MM`), oldest first; each fold trains on everything before
    /// its month. The last is the reported fold, the others are for tuning.
    pub folds: &'a [String],
    /// Months each fold tests, from its month on.
    pub horizon: u32,
    pub params: ModelParams,
    pub settings: RankSettings,
    /// EASE baseline over this many products (0: left out) with this `λ`.
    pub ease_products: usize,
    pub ease_lambda: f64,
    /// cartlift's own linear model: its products and `λ` (the server's by default).
    pub linear_products: usize,
    pub linear_lambda: f64,
    /// How many of the reported fold's misses to print.
    pub misses: usize,
    /// Replay the test months as the shop lives them: every order is learned once
    /// its carts were asked, before the next order's (the server learns each
    /// checkout at once). Otherwise the model stays as trained.
    pub online: bool,
}

/// An order as the benchmarks replay it: when it closed, and its products in line order.
pub type DatedOrder<T> = (T, Vec<ProductIdx>);

/// An Online Retail file (default: the bundled demo data) as an engine catalog and
/// its orders, oldest first, each with its close time and products in line order.
/// The demo data set's products and orders, parsed (the simulator replays them).
pub fn demo_data() -> anyhow::Result<online_retail::Parsed> {
    parse_online_retail(
        flate2::read::MultiGzDecoder::new(DEMO_DATA),
        DEMO_DATA.len() as u64,
        &taxonomy(None)?,
        true,
    )
}

pub fn online_retail_orders(
    file: Option<&Path>,
) -> anyhow::Result<(Catalog, Vec<DatedOrder<String>>)> {
    let taxonomy = taxonomy(None)?;
    let parsed = match file {
        Some(f) => {
            let (reader, size) = cartlift_store::import::open(f)?;
            parse_online_retail(reader, size, &taxonomy, true)?
        }
        None => parse_online_retail(
            flate2::read::MultiGzDecoder::new(DEMO_DATA),
            0,
            &taxonomy,
            true,
        )?,
    };
    let mut catalog = Catalog::new();
    for p in &parsed.products {
        catalog.upsert(Product {
            id: p.external_id.clone(),
            external_id: p.external_id.clone(),
            name: p.name.clone(),
            categories: p.categories.clone(),
            family: p.family.clone(),
            price: p.price,
            cost: p.cost_price,
            stock: p.stock,
            available: p.available,
        });
    }
    let mut orders: Vec<&cartlift_store::NewOrder> = parsed.orders.iter().collect();
    orders.sort_by(|a, b| {
        a.closed_at
            .cmp(&b.closed_at)
            .then(a.external_id.cmp(&b.external_id))
    });
    let orders = orders
        .into_iter()
        .map(|o| {
            (
                o.closed_at.clone(),
                o.lines
                    .iter()
                    .filter_map(|l| catalog.find(&l.product_external_id))
                    .collect(),
            )
        })
        .collect();
    Ok((catalog, orders))
}

/// The bundled demo data's catalog and orders (close day, products), oldest first.
pub fn demo_orders() -> anyhow::Result<(Catalog, Vec<DatedOrder<f64>>)> {
    let (catalog, orders) = online_retail_orders(None)?;
    Ok((
        catalog,
        orders
            .into_iter()
            .map(|(t, items)| (day_number(&t), items))
            .collect(),
    ))
}

/// Rolling-origin evaluation on an Online Retail file: each fold tests one month
/// with a model trained only on the orders before it, against baselines computed in
/// the same run. Parameters are chosen on the earlier folds (their mean is printed);
/// the last fold is the one to report, and its misses are printed to start from.
pub fn eval(opts: EvalOptions) -> anyhow::Result<()> {
    let (catalog, orders) = online_retail_orders(opts.file)?;
    if opts.folds.is_empty() {
        bail!("give at least one test month with --folds (YYYY-MM,...)");
    }
    let mut months = Vec::new();
    for f in opts.folds {
        let (start, end) = test_window(f, opts.horizon)?;
        months.push((f.as_str(), start, end));
    }
    if months.windows(2).any(|w| w[0].1 >= w[1].1) {
        bail!(
            "--folds must be months in increasing order, got {:?}",
            opts.folds
        );
    }
    println!(
        "cartlift eval: rolling origin, {} per fold from its month on, trained on all orders before it",
        if opts.horizon <= 1 {
            "one test month".to_string()
        } else {
            format!("{} test months", opts.horizon)
        }
    );
    if opts.online {
        println!("  replaying the test months: each order is learned once its carts were asked, as the server learns each checkout");
    }
    println!("  model: {:?}", opts.params);
    println!("  ranking: {:?}", opts.settings);
    if opts.settings.linear_weight > 0.0 {
        println!(
            "  cartlift's linear model: the {} most ordered products, lambda {}",
            opts.linear_products, opts.linear_lambda
        );
    }
    if opts.ease_products > 0 {
        println!(
            "  EASE baseline: the {} most ordered products, lambda {}",
            opts.ease_products, opts.ease_lambda
        );
    }
    println!();
    println!(
        "  {:<8} {:<7} {:>6} {:>6}  {:<18} {:>7} {:>9} {:>8}",
        "fold", "use", "train", "cases", "ranker", "HR@10", "Recall@10", "NDCG@10"
    );
    let mut tuning: Vec<Vec<(&str, Metrics)>> = Vec::new();
    let last = months.len() - 1;
    for (f, (name, start, end)) in months.iter().enumerate() {
        let train: Vec<(f64, &Vec<ProductIdx>)> = orders
            .iter()
            .filter(|(t, _)| t < start)
            .map(|(t, o)| (day_number(t), o))
            .collect();
        let test: Vec<(f64, Vec<ProductIdx>)> = orders
            .iter()
            .filter(|(t, _)| t >= start && t < end)
            .map(|(t, o)| (day_number(t), o.clone()))
            .collect();
        if train.is_empty() || test.is_empty() {
            bail!(
                "fold {name} has {} training and {} test orders; choose months inside the file",
                train.len(),
                test.len()
            );
        }
        let mut rec = Recommender::new(
            catalog.clone(),
            CoPurchase::new(opts.params.clone()),
            CategoryRules::default(),
            opts.settings.clone(),
        );
        for (day, o) in &train {
            rec.add_order(o, *day);
        }
        let train_orders: Vec<Vec<ProductIdx>> = train.iter().map(|(_, o)| (*o).clone()).collect();
        let known: std::collections::HashSet<ProductIdx> =
            train_orders.iter().flatten().copied().collect();
        let n = 10;
        // The shop choosing its own prior from the newest of these training orders.
        let dated: Vec<DatedOrder<f64>> = train.iter().map(|(d, o)| (*d, (*o).clone())).collect();
        let tuned_at = Instant::now();
        let self_tuning = cartlift_engine::tune(
            &catalog,
            &opts.params,
            &CategoryRules::default(),
            &opts.settings,
            &dated,
        );
        let tuning_time = tuned_at.elapsed().as_secs_f64();
        // `None` when tuning kept the defaults (or had too few orders to choose
        // from): the self-tuned row is then cartlift's, not computed twice.
        let tuned = match &self_tuning {
            Some(t) if t.params != opts.params => {
                let mut tuned = Recommender::new(
                    catalog.clone(),
                    CoPurchase::new(t.params.clone()),
                    CategoryRules::default(),
                    t.settings.clone(),
                );
                for (day, o) in &train {
                    tuned.add_order(o, *day);
                }
                Some(tuned)
            }
            Some(t) if t.settings != opts.settings => {
                let mut tuned = rec.clone();
                tuned.settings = t.settings.clone();
                Some(tuned)
            }
            _ => None,
        };
        let mut rankers: Vec<(&str, Box<dyn Ranker>)> = vec![
            ("popularity", Box::new(eval::Popularity::new(&train_orders))),
            (
                "co-occurrence",
                Box::new(eval::CoOccurrence::new(&train_orders)),
            ),
        ];
        if opts.ease_products > 0 {
            // Without an update per order, EASE replaying the shop solves again weekly.
            let refit_days = if opts.online { 7.0 } else { 0.0 };
            let ease = eval::Ease::new(
                &train_orders,
                opts.ease_products,
                opts.ease_lambda,
                refit_days,
            );
            let name = if opts.online { "EASE weekly" } else { "EASE" };
            rankers.push((name, Box::new(ease)));
        }
        let cartlift = rankers.len();
        rankers.push((
            "cartlift",
            Box::new(eval::LiveShop::with_linear(
                rec,
                &train_orders,
                opts.linear_products,
                opts.linear_lambda,
            )),
        ));
        let kept_defaults = tuned.is_none();
        if let Some(tuned) = tuned {
            rankers.push((
                "cartlift self-tuned",
                Box::new(eval::LiveShop::with_linear(
                    tuned,
                    &train_orders,
                    opts.linear_products,
                    opts.linear_lambda,
                )),
            ));
        }

        // Each test order in the order the shop closed them: its carts are asked, and
        // when replaying the shop, the order is learned before the next one is asked.
        let mut scores = vec![eval::Scores::default(); rankers.len()];
        let mut cartlift_time = std::time::Duration::ZERO;
        let mut misses: Vec<(eval::Case, Vec<ProductIdx>)> = Vec::new();
        for (day, order) in &test {
            for case in eval::cases(std::slice::from_ref(order), |p| known.contains(&p), 5) {
                for (r, (_, ranker)) in rankers.iter_mut().enumerate() {
                    let started = Instant::now();
                    let top = ranker.rank(&case.cart, n);
                    if r == cartlift {
                        cartlift_time += started.elapsed();
                    }
                    let hit = scores[r].add(&case, &top, n);
                    if r == cartlift && !hit && f == last && opts.misses > 0 {
                        misses.push((case.clone(), top));
                    }
                }
            }
            if opts.online {
                for (_, ranker) in rankers.iter_mut() {
                    ranker.learn(order, *day);
                }
            }
        }
        let mut rows: Vec<(&str, Metrics)> = rankers
            .iter()
            .zip(&scores)
            .map(|((name, _), s)| (*name, s.metrics()))
            .collect();
        if kept_defaults {
            rows.push(("cartlift self-tuned", rows[cartlift].1.clone()));
        }
        let cases = rows[0].1.cases;
        let per_cart = cartlift_time.as_secs_f64() * 1e6 / cases.max(1) as f64;
        let role = if f == last { "report" } else { "tune" };
        for (ranker, m) in &rows {
            println!(
                "  {:<8} {:<7} {:>6} {:>6}  {:<18} {:>7.4} {:>9.4} {:>8.4}",
                name,
                role,
                train.len(),
                m.cases,
                ranker,
                m.hit_rate,
                m.recall,
                m.ndcg
            );
        }
        println!("  {name:<8} {role:<7} cartlift answered in {per_cart:.0} µs a cart on average");
        if let Some(t) = &self_tuning {
            let tried: Vec<String> = t
                .tried
                .iter()
                .map(|(p, m)| format!("{p} {:.4}", m.hit_rate))
                .collect();
            println!(
                "  {name:<8} {role:<7} self-tuning on the newest {} of {} training orders ({:.1} s): popularity {:.4}; prior → HR@10 {}; chose {}",
                t.validation_orders,
                t.train_orders + t.validation_orders,
                tuning_time,
                t.popularity.hit_rate,
                tried.join(", "),
                if t.popularity_only {
                    "popularity (co-purchase breaks ties)".to_string()
                } else {
                    format!("prior {}", t.settings.popularity_prior)
                }
            );
        }
        if f == last {
            if !tuning.is_empty() {
                println!();
                println!("  mean of the {} tuning folds:", tuning.len());
                for (r, (ranker, _)) in rows.iter().enumerate() {
                    let mean = |get: fn(&Metrics) -> f64| {
                        tuning.iter().map(|fold| get(&fold[r].1)).sum::<f64>() / tuning.len() as f64
                    };
                    println!(
                        "  {:<8} {:<7} {:>6} {:>6}  {:<18} {:>7.4} {:>9.4} {:>8.4}",
                        "mean",
                        "tune",
                        "",
                        "",
                        ranker,
                        mean(|m| m.hit_rate),
                        mean(|m| m.recall),
                        mean(|m| m.ndcg)
                    );
                }
            }
            print_misses(&catalog, &misses, cases, opts.misses, name);
        } else {
            tuning.push(rows);
        }
    }
    Ok(())
}

/// Cases of the reported fold where nothing in cartlift's top `n` was bought,
/// spread evenly over the fold: the cart, what was bought, what was suggested.
fn print_misses(
    catalog: &Catalog,
    misses: &[(eval::Case, Vec<ProductIdx>)],
    cases: usize,
    count: usize,
    fold: &str,
) {
    if count == 0 {
        return;
    }
    let name = |p: &ProductIdx| catalog.get(*p).name.clone();
    println!();
    println!(
        "  misses of fold {fold}: {} of {} cases; {} of them:",
        misses.len(),
        cases,
        count.min(misses.len())
    );
    let step = (misses.len() / count.max(1)).max(1);
    for (case, top) in misses.iter().step_by(step).take(count) {
        let list = |ps: &[ProductIdx], k: usize| {
            let mut s: Vec<String> = ps.iter().take(k).map(name).collect();
            if ps.len() > k {
                s.push(format!("+{}", ps.len() - k));
            }
            s.join(" | ")
        };
        println!("  - cart:      {}", list(&case.cart, 5));
        println!("    bought:    {}", list(&case.targets, 4));
        println!("    suggested: {}", list(top, 4));
    }
}

/// `2011-09` → `2011-09-01T00:00:00Z`, in the format orders are compared in.
fn month_start(month: &str) -> anyhow::Result<String> {
    let ok = month.len() == 7
        && month.as_bytes()[4] == b'-'
        && month[..4].parse::<u32>().is_ok()
        && month[5..]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m));
    if !ok {
        bail!("a fold is a month written YYYY-MM, got {month:?}");
    }
    Ok(format!("{month}-01T00:00:00Z"))
}

/// The start of a fold's month and the start of the month `horizon` months on.
fn test_window(month: &str, horizon: u32) -> anyhow::Result<(String, String)> {
    let mut last = month.to_string();
    for _ in 0..horizon.max(1) {
        last = next_month(&last)?;
    }
    Ok((month_start(month)?, month_start(&last)?))
}

fn next_month(month: &str) -> anyhow::Result<String> {
    month_start(month)?;
    let (y, m): (u32, u32) = (month[..4].parse()?, month[5..].parse()?);
    Ok(if m == 12 {
        format!("{}-01", y + 1)
    } else {
        format!("{y}-{:02}", m + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::{month_start, next_month, test_window};

    #[test]
    fn a_fold_tests_its_horizon() {
        let (start, end) = test_window("2011-07", 3).unwrap();
        assert_eq!((&start[..7], &end[..7]), ("2011-07", "2011-10"));
        let (_, end) = test_window("2011-11", 3).unwrap();
        assert_eq!(&end[..7], "2012-02");
        let (_, end) = test_window("2011-07", 1).unwrap();
        assert_eq!(&end[..7], "2011-08");
    }

    #[test]
    fn folds_are_months() {
        assert_eq!(month_start("2011-09").unwrap(), "2011-09-01T00:00:00Z");
        assert_eq!(next_month("2011-09").unwrap(), "2011-10");
        assert_eq!(next_month("2011-12").unwrap(), "2012-01");
        for bad in ["2011-13", "2011-9", "sept", "2011/09"] {
            let e = month_start(bad).unwrap_err().to_string();
            assert!(e.contains("YYYY-MM"), "{bad}: {e}");
        }
    }
}

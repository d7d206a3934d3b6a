//! Each shop's recommender, built from the store once and then kept current: a
//! closed order or a product change updates it in place.

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::RwLock;

use cartlift_agent::ShopWords;
use cartlift_contract::{Badge, Language, Product as ProductDto};
use cartlift_engine::{
    Catalog, CategoryRule, CategoryRules, CoPurchase, LinearModel, ModelParams, Product,
    ProductIdx, ProductRule, ProductRules, Query, RankSettings, Recommender, RuleEffect, RuleEnd,
    RuleKind, Suggestion, Tuning,
};
use cartlift_search::{IndexedProduct, ProductIndex};
use cartlift_store::{Cluster, OrderItems, ProductRuleRecord, Shop, Store, StoredProduct};

/// A shop's recommender and search index with the stored products behind their
/// indices (the engine's product index is the search index's key).
pub struct ShopEngine {
    pub shop: Shop,
    pub recommender: Recommender,
    pub search: ProductIndex,
    /// The shop's own words in its product names, for the cart agent.
    pub words: ShopWords,
    /// `products[i]` is the stored product of engine index `i`.
    products: Vec<StoredProduct>,
    /// Orders learned while a tuned model is being built beside this one, so the
    /// new model can learn them too before it takes over (`None`: no tuning runs).
    learned_while_tuning: Option<Vec<(f64, Vec<ProductIdx>)>>,
    /// A linear model is being solved in the background.
    solving_linear: bool,
    /// The number of the last order learned (`OrderItems::received_no`): orders
    /// after it are learned from the store by [`ShopEngines::catch_up`].
    orders_seen: i64,
}

/// What a shop's self-tuning chose, ready to take over from the engine's defaults:
/// the settings, and a model rebuilt when the model's own parameters changed.
pub struct TunedRanking {
    pub tuning: Tuning,
    model: Option<CoPurchase>,
}

/// The engines of every shop served: built at start ([`ShopEngines::build_all`]),
/// and for a shop created later, on its first request.
#[derive(Clone, Default)]
pub struct ShopEngines {
    engines: Arc<RwLock<HashMap<String, Arc<RwLock<ShopEngine>>>>>,
    loading: Arc<tokio::sync::Mutex<()>>,
    /// Set once every shop the store had at start has its engine.
    ready: Arc<std::sync::atomic::AtomicBool>,
}

/// How often a server looks for orders other servers took.
const FOLLOW_EVERY: std::time::Duration = std::time::Duration::from_millis(400);

/// One shop's engine size, for `/metrics`.
pub struct EngineSize {
    pub shop: String,
    pub products: usize,
    pub pairs: usize,
    pub orders: u64,
    /// Orders its linear model was solved from (0: none solved yet).
    pub linear_orders: u64,
}

impl ShopEngines {
    /// The engine of `shop`, built from the store the first time.
    pub async fn get(
        &self,
        store: &Store,
        shop: &Shop,
    ) -> Result<Arc<RwLock<ShopEngine>>, cartlift_store::Error> {
        let known = self.engines.read().get(&shop.id).cloned();
        let Some(e) = known else {
            return self.build(store, shop).await;
        };
        // The caller's shop is fresh from the store: settings changed since the
        // build (rules, words) take effect now, and changed product rules are
        // read again.
        let (changed, rules_changed) = {
            let engine = e.read();
            (
                engine.shop != *shop,
                engine.shop.rules_revision != shop.rules_revision,
            )
        };
        if rules_changed {
            let rules = store.product_rules(shop).await?;
            let clusters = store.clusters(shop).await?;
            e.write().set_product_rules(&rules, &clusters);
        }
        if changed {
            e.write().set_rules(shop.clone());
        }
        Ok(e)
    }

    /// Builds a shop's engine in a task of its own, one shop at a time: a request
    /// that gives up waiting does not cancel it, and the next one finds it built.
    async fn build(
        &self,
        store: &Store,
        shop: &Shop,
    ) -> Result<Arc<RwLock<ShopEngine>>, cartlift_store::Error> {
        let (this, store, shop) = (self.clone(), store.clone(), shop.clone());
        let task = tokio::spawn(async move {
            let _one_builder = this.loading.clone().lock_owned().await;
            if let Some(e) = this.engines.read().get(&shop.id) {
                return Ok(e.clone());
            }
            let started = std::time::Instant::now();
            let products = store.products(&shop).await?;
            let orders = store.order_items(&shop).await?;
            let rules = store.product_rules(&shop).await?;
            let clusters = store.clusters(&shop).await?;
            let loaded = started.elapsed();
            let shop2 = shop.clone();
            let (engine, orders) = tokio::task::spawn_blocking(move || {
                ShopEngine::build(shop2, products, &orders).map(|mut e| {
                    e.set_product_rules(&rules, &clusters);
                    (e, orders)
                })
            })
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
            .map_err(|e| {
                cartlift_store::Error::Invalid(format!("cannot build the shop's search index: {e}"))
            })?;
            tracing::info!(
                shop = %shop.slug,
                products = engine.recommender.catalog.len(),
                orders = orders.len(),
                load_ms = loaded.as_millis() as u64,
                build_ms = (started.elapsed() - loaded).as_millis() as u64,
                "engine built"
            );
            let engine = Arc::new(RwLock::new(engine));
            this.engines.write().insert(shop.id.clone(), engine.clone());
            solve_linear_in_background(engine.clone(), orders.clone());
            tune_in_background(engine.clone(), orders);
            Ok(engine)
        });
        // A panic while building is the request's panic (answered as a JSON 500).
        task.await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
    }

    /// Learns the shop's orders that reached the store since its engine last
    /// looked, whoever took them (this server, another one sharing the store, the
    /// command line). Each order is learned once, however many callers race.
    pub async fn catch_up(
        &self,
        store: &Store,
        shop: &Shop,
    ) -> Result<usize, cartlift_store::Error> {
        let Some(engine) = self.engines.read().get(&shop.id).cloned() else {
            return Ok(0);
        };
        let seen = engine.read().orders_seen;
        let orders = store.orders_after(shop, seen).await?;
        let mut learned = 0;
        let due = {
            let mut engine = engine.write();
            for o in orders {
                if o.received_no > engine.orders_seen {
                    engine.add_order(&o.product_ids, &o.closed_at);
                    engine.orders_seen = o.received_no;
                    learned += 1;
                }
            }
            learned > 0 && !engine.solving_linear && engine.recommender.linear_due()
        };
        if due {
            // Every order so far, from the store: the engine keeps none.
            let orders = store.order_items(shop).await?;
            solve_linear_in_background(engine, orders);
        }
        Ok(learned)
    }

    /// Every `FOLLOW_EVERY`, each built engine learns the orders others put in the
    /// store: servers sharing a store agree within a second.
    fn follow(&self, store: &Store) {
        let (this, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(FOLLOW_EVERY);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let shops: Vec<Shop> = this
                    .engines
                    .read()
                    .values()
                    .map(|e| e.read().shop.clone())
                    .collect();
                for shop in shops {
                    match this.catch_up(&store, &shop).await {
                        Ok(0) => {}
                        Ok(n) => {
                            tracing::debug!(shop = %shop.slug, orders = n, "learned orders from the store")
                        }
                        Err(e) => {
                            tracing::warn!(shop = %shop.slug, error = %e, "cannot read new orders from the store")
                        }
                    }
                }
            }
        });
    }

    /// Builds the engine of every shop in the store, in the background; `ready`
    /// says when all are built. A shop that fails is logged and left to its first
    /// request, so one broken shop does not keep the others from being served.
    /// From then on the engines follow the store's new orders.
    pub fn build_all(&self, store: &Store) {
        self.follow(store);
        let (this, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            match store.shops().await {
                Ok(shops) => {
                    for shop in &shops {
                        if let Err(e) = this.get(&store, shop).await {
                            tracing::error!(shop = %shop.slug, error = %e, "cannot build the shop's engine");
                        }
                    }
                    tracing::info!(shops = shops.len(), "every shop's engine is built: ready");
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot list the shops to build their engines")
                }
            }
            this.ready.store(true, std::sync::atomic::Ordering::Release);
        });
    }

    /// Whether the engines of the shops there were at start are built.
    pub fn ready(&self) -> bool {
        self.ready.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Each built engine's size.
    pub fn sizes(&self) -> Vec<EngineSize> {
        let engines: Vec<_> = self.engines.read().values().cloned().collect();
        let mut sizes: Vec<EngineSize> = engines
            .iter()
            .map(|e| {
                let e = e.read();
                EngineSize {
                    shop: e.shop.slug.clone(),
                    products: e.recommender.catalog.len(),
                    pairs: e.recommender.model.pair_count(),
                    orders: e.recommender.model.orders(),
                    linear_orders: e.recommender.linear.as_ref().map_or(0, |l| l.orders()),
                }
            })
            .collect();
        sizes.sort_by(|a, b| a.shop.cmp(&b.shop));
        sizes
    }
}

/// Chooses a shop's ranking from its orders (the store's, oldest first), starting
/// from [`ShopEngine::tuning_start`], as [`cartlift_engine::tune`] says; `None` when
/// there are too few to tell.
pub fn tune(rec: &Recommender, orders: &[OrderItems]) -> Option<TunedRanking> {
    let dated: Vec<(f64, Vec<ProductIdx>)> = orders
        .iter()
        .map(|o| {
            let items = o
                .product_ids
                .iter()
                .filter_map(|id| rec.catalog.find(id))
                .collect();
            (day_number(&o.closed_at), items)
        })
        .collect();
    let tuning = cartlift_engine::tune(
        &rec.catalog,
        rec.model.params(),
        &rec.rules,
        &rec.settings,
        &dated,
    )?;
    let model = (tuning.params != *rec.model.params()).then(|| {
        let mut model = CoPurchase::new(tuning.params.clone());
        for (day, items) in &dated {
            model.add_order(&rec.catalog, items, *day);
        }
        model
    });
    Some(TunedRanking { tuning, model })
}

/// A shop's linear model solved from its orders (the store's, any order).
pub fn solve_linear(catalog: &Catalog, orders: &[OrderItems], threads: usize) -> LinearModel {
    let items: Vec<Vec<ProductIdx>> = orders
        .iter()
        .map(|o| {
            o.product_ids
                .iter()
                .filter_map(|id| catalog.find(id))
                .collect()
        })
        .collect();
    LinearModel::solve(
        items.iter().map(Vec::as_slice),
        cartlift_engine::linear::MAX_PRODUCTS,
        cartlift_engine::linear::LAMBDA,
        threads,
    )
}

/// Held while a linear model is solved, by any shop.
static SOLVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Solves the shop's linear model from its orders (seconds on a large shop, on a
/// blocking thread) while the engine answers with what it has; the new model takes
/// over when it is ready. Nothing to do when the ranking does not use one.
fn solve_linear_in_background(engine: Arc<RwLock<ShopEngine>>, orders: Vec<OrderItems>) {
    {
        let mut engine = engine.write();
        if engine.solving_linear || !engine.recommender.linear_due() {
            return;
        }
        engine.solving_linear = true;
    }
    tokio::task::spawn_blocking(move || {
        let catalog = engine.read().recommender.catalog.clone();
        // One solve at a time on one thread: the other cores answer requests.
        let one_at_a_time = SOLVING.lock().unwrap_or_else(|e| e.into_inner());
        let started = std::time::Instant::now();
        let linear = solve_linear(&catalog, &orders, 1);
        drop(one_at_a_time);
        let mut engine = engine.write();
        tracing::info!(
            shop = %engine.shop.slug,
            products = linear.products(),
            orders = linear.orders(),
            solve_ms = started.elapsed().as_millis() as u64,
            "linear model solved"
        );
        engine.recommender.set_linear(linear);
        engine.solving_linear = false;
    });
}

/// Lets the shop's engine choose its ranking from its own newest orders (seconds of
/// work on a large shop) while it answers with the defaults; the choice takes over
/// when it is ready.
fn tune_in_background(engine: Arc<RwLock<ShopEngine>>, orders: Vec<OrderItems>) {
    engine.write().learned_while_tuning = Some(Vec::new());
    tokio::task::spawn_blocking(move || {
        let start = engine.read().tuning_start();
        let tuned = tune(&start, &orders);
        let mut engine = engine.write();
        match tuned {
            Some(tuned) => engine.apply_tuning(tuned),
            None => engine.learned_while_tuning = None,
        }
    });
}

/// The shop's words as the cart agent takes them.
fn shop_words(shop: &Shop) -> ShopWords {
    ShopWords::new(
        shop.settings
            .shop_words
            .iter()
            .map(|w| (w.word.as_str(), w.means.as_str())),
    )
}

/// The shop's category rules as the engine takes them; a malformed stored rule is
/// skipped with a warning rather than taking the shop's recommendations down.
pub fn category_rules(shop: &Shop) -> CategoryRules {
    let mut rules = Vec::new();
    for r in &shop.settings.category_rules {
        let effect = match r.effect.as_str() {
            "allow" => Some(RuleEffect::Allow),
            "deny" => Some(RuleEffect::Deny),
            e => e
                .strip_prefix("boost:")
                .and_then(|f| f.parse().ok())
                .map(RuleEffect::Boost),
        };
        match effect.map(|e| CategoryRule::new(&r.from, &r.to, e)) {
            Some(Ok(rule)) => rules.push(rule),
            _ => tracing::warn!(shop = %shop.slug, rule = ?r, "ignoring a malformed category rule"),
        }
    }
    CategoryRules::new(rules)
}

fn engine_product(p: &StoredProduct) -> Product {
    Product {
        id: p.id.clone(),
        external_id: p.external_id.clone(),
        name: p.name.clone(),
        categories: p.categories.clone(),
        family: p.family.clone(),
        price: p.sale_price.unwrap_or(p.price),
        cost: p.cost_price,
        stock: p.stock,
        available: p.available,
    }
}

fn indexed_product(idx: ProductIdx, p: &StoredProduct, popularity: u32) -> IndexedProduct {
    IndexedProduct {
        key: idx.0,
        name: p.name.clone(),
        description: p.description.clone(),
        categories: p.categories.clone(),
        tags: p.tags.clone(),
        price: p.sale_price.unwrap_or(p.price),
        in_stock: p.stock.is_none_or(|s| s > 0),
        listed: p.available,
        popularity,
    }
}

impl ShopEngine {
    /// Builds the catalog, learns every order, oldest first, and indexes the
    /// products for search.
    pub fn build(
        shop: Shop,
        products: Vec<StoredProduct>,
        orders: &[OrderItems],
    ) -> Result<ShopEngine, cartlift_search::Error> {
        let mut catalog = Catalog::new();
        for p in &products {
            catalog.upsert(engine_product(p));
        }
        let rules = category_rules(&shop);
        let mut recommender = Recommender::new(
            catalog,
            CoPurchase::new(ModelParams::default()),
            rules,
            RankSettings::default(),
        );
        for o in orders {
            let items: Vec<ProductIdx> = o
                .product_ids
                .iter()
                .filter_map(|id| recommender.catalog.find(id))
                .collect();
            recommender.add_order(&items, day_number(&o.closed_at));
        }
        let search = ProductIndex::build(products.iter().enumerate().map(|(i, p)| {
            let idx = ProductIdx(i as u32);
            indexed_product(idx, p, recommender.model.popularity(idx))
        }))?;
        Ok(ShopEngine {
            words: shop_words(&shop),
            shop,
            recommender,
            search,
            products,
            learned_while_tuning: None,
            solving_linear: false,
            orders_seen: orders.iter().map(|o| o.received_no).max().unwrap_or(0),
        })
    }

    /// Learns one closed order (API product ids in line order, RFC 3339 close time).
    pub fn add_order(&mut self, product_ids: &[String], closed_at: &str) {
        let items: Vec<ProductIdx> = product_ids
            .iter()
            .filter_map(|id| self.recommender.catalog.find(id))
            .collect();
        let day = day_number(closed_at);
        self.recommender.add_order(&items, day);
        for i in &items {
            self.search.count_order(i.0);
        }
        if let Some(learned) = &mut self.learned_while_tuning {
            learned.push((day, items));
        }
    }

    /// What tuning starts from: the catalog, rules and settings, with an empty model
    /// of the same parameters (taken under a short lock; tuning runs outside it).
    pub fn tuning_start(&self) -> Recommender {
        let rec = &self.recommender;
        Recommender::new(
            rec.catalog.clone(),
            CoPurchase::new(rec.model.params().clone()),
            rec.rules.clone(),
            rec.settings.clone(),
        )
    }
    /// Puts a tuned ranking in place; a rebuilt model first learns the orders that
    /// came in while it was built.
    pub fn apply_tuning(&mut self, tuned: TunedRanking) {
        let learned = self.learned_while_tuning.take().unwrap_or_default();
        if let Some(mut model) = tuned.model {
            for (day, items) in &learned {
                model.add_order(&self.recommender.catalog, items, *day);
            }
            self.recommender.model = model;
        }
        let t = &tuned.tuning;
        tracing::info!(
            shop = %self.shop.slug,
            validation_orders = t.validation_orders,
            popularity_hit_rate = t.popularity.hit_rate,
            defaults_hit_rate = t.tried[0].1.hit_rate,
            popularity_only = t.popularity_only,
            popularity_prior = t.settings.popularity_prior,
            "ranking tuned on the shop's newest orders"
        );
        self.recommender.settings = tuned.tuning.settings;
    }

    /// Adds or replaces products, in the recommender and the search index.
    pub fn upsert_products(
        &mut self,
        products: Vec<StoredProduct>,
    ) -> Result<(), cartlift_search::Error> {
        let mut indexed = Vec::with_capacity(products.len());
        for p in products {
            let idx = self.recommender.catalog.upsert(engine_product(&p));
            indexed.push(indexed_product(
                idx,
                &p,
                self.recommender.model.popularity(idx),
            ));
            if idx.get() == self.products.len() {
                self.products.push(p);
            } else {
                self.products[idx.get()] = p;
            }
        }
        self.search.upsert_many(indexed)
    }

    /// Takes the shop's rules between products and clusters, as stored.
    pub fn set_product_rules(&mut self, rules: &[ProductRuleRecord], clusters: &[Cluster]) {
        self.recommender.product_rules = self.product_rules(rules, clusters);
    }

    /// Stored rules and clusters as the engine ranks with them. A hidden cluster is
    /// never a rule's target; hidden products are never suggested anyway.
    pub fn product_rules(&self, rules: &[ProductRuleRecord], clusters: &[Cluster]) -> ProductRules {
        let index: HashMap<&str, u32> = clusters
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        let members: Vec<Vec<ProductIdx>> = clusters
            .iter()
            .map(|c| {
                c.product_ids
                    .iter()
                    .filter_map(|id| self.find(id))
                    .collect()
            })
            .collect();
        let end = |product: &Option<String>, cluster: &Option<String>| match (product, cluster) {
            (Some(p), _) => self.find(p).map(RuleEnd::Product),
            (None, Some(c)) => index.get(c.as_str()).map(|&i| RuleEnd::Cluster(i)),
            (None, None) => None,
        };
        let engine_rules: Vec<ProductRule> = rules
            .iter()
            .filter_map(|r| {
                let kind = match r.rule.kind.as_str() {
                    "ACCESSORIES" => RuleKind::Accessories,
                    "ALTERNATIVES" => RuleKind::Alternatives,
                    "OPTIONS" => RuleKind::Options,
                    "PARTS" => RuleKind::Parts,
                    "RELATED" => RuleKind::Related,
                    _ => return None,
                };
                let to = end(&r.rule.product_to, &r.rule.cluster_to)?;
                if let RuleEnd::Cluster(c) = to {
                    if clusters[c as usize].hidden {
                        return None;
                    }
                }
                Some(ProductRule {
                    kind,
                    from: end(&r.rule.product_from, &r.rule.cluster_from)?,
                    to,
                })
            })
            .collect();
        ProductRules::new(&members, &engine_rules)
    }

    /// Takes the shop's current settings: its category rules and words.
    pub fn set_rules(&mut self, shop: Shop) {
        self.recommender.rules = category_rules(&shop);
        self.words = shop_words(&shop);
        self.shop = shop;
    }

    pub fn find(&self, id: &str) -> Option<ProductIdx> {
        self.recommender.catalog.find(id)
    }

    pub fn stored(&self, idx: ProductIdx) -> &StoredProduct {
        &self.products[idx.get()]
    }

    /// The product an admin typed: its id, its external id, or its whole name (any
    /// case) when only one product has it.
    pub fn find_typed(&self, text: &str) -> Option<ProductIdx> {
        let text = text.trim();
        self.find(text).or_else(|| {
            let mut named = self
                .products
                .iter()
                .enumerate()
                .filter(|(_, p)| p.name.eq_ignore_ascii_case(text));
            match (named.next(), named.next()) {
                (Some((i, _)), None) => Some(ProductIdx(i as u32)),
                _ => None,
            }
        })
    }

    /// Every category with its number of products, largest first.
    pub fn category_counts(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for p in self.products.iter().filter(|p| p.available) {
            for c in &p.categories {
                *counts.entry(c.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The storefront's listing: listed products of a category and/or found by the
    /// search index for `query` (typos, plurals and Spanish words too), best first;
    /// bestsellers first without a query.
    pub fn listing(&self, category: Option<&str>, query: Option<&str>) -> Vec<ProductIdx> {
        let filters = cartlift_search::Filters {
            categories: category.map(|c| vec![c.to_string()]).unwrap_or_default(),
            ..Default::default()
        };
        let text = query
            .map(|q| cartlift_agent::catalog_words(q, cartlift_agent::detect_language(q)))
            .unwrap_or_default();
        let q = cartlift_search::SearchQuery {
            text: &text,
            filters: &filters,
            offset: 0,
            limit: usize::MAX,
        };
        match self.search.search(&q) {
            Ok(found) => found.hits.into_iter().map(|h| ProductIdx(h.key)).collect(),
            Err(e) => {
                tracing::error!(error = %e, "storefront search failed");
                Vec::new()
            }
        }
    }

    /// Cross-sell for a cart of API or external ids; unknown ids are ignored.
    pub fn cross_sell(&self, cart: &[String], exclude: &[String], limit: usize) -> Vec<Suggestion> {
        let cart: Vec<ProductIdx> = cart.iter().filter_map(|id| self.find(id)).collect();
        let exclude: Vec<ProductIdx> = exclude.iter().filter_map(|id| self.find(id)).collect();
        self.recommender.recommend(&Query {
            cart: &cart,
            exclude: &exclude,
            limit,
        })
    }

    /// What the experiment's popularity control shows: the shop's best sellers,
    /// whatever the cart (none of the cart's own or the excluded).
    pub fn best_sellers(
        &self,
        cart: &[String],
        exclude: &[String],
        limit: usize,
    ) -> Vec<Suggestion> {
        let exclude: Vec<ProductIdx> = cart
            .iter()
            .chain(exclude)
            .filter_map(|id| self.find(id))
            .collect();
        self.recommender.best_sellers(&exclude, limit)
    }

    /// A suggestion as the widget receives it.
    pub fn suggestion_dto(&self, s: &Suggestion, language: Language) -> ProductDto {
        let mut dto = self.product_dto(s.product);
        dto.score = Some(round4(s.score));
        dto.ai_reason = Some(self.recommender.reason(&s.because, language));
        dto
    }

    pub fn product_dto(&self, idx: ProductIdx) -> ProductDto {
        let p = self.stored(idx);
        let popularity = self.recommender.model.popularity(idx);
        ProductDto {
            id: p.id.clone(),
            shop_id: self.shop.id.clone(),
            shop_name: self.shop.name.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            price: p.price,
            sale_price: p.sale_price,
            currency: p.currency.clone(),
            url: p.url.clone(),
            image_url: p.image_url.clone(),
            categories: p.categories.clone(),
            tags: p.tags.clone(),
            brands: p.brands.clone(),
            in_stock: p.available && p.stock.is_none_or(|s| s > 0),
            score: None,
            rating: None,
            review_count: None,
            stock_count: p.stock,
            external_id: Some(p.external_id.clone()),
            // In one order out of 50 or more: a bestseller of this shop.
            badge: (self.recommender.model.orders() >= 100
                && popularity as u64 * 50 >= self.recommender.model.orders())
            .then_some(Badge::Bestseller),
            ai_reason: None,
            ai_score: None,
        }
    }
}

/// Days since 1970 of an RFC 3339 time (the stored close times always parse; a
/// malformed one counts as today, the safe side for a weight that favours the new).
pub fn day_number(t: &str) -> f64 {
    let secs = chrono::DateTime::parse_from_rfc3339(t)
        .map(|t| t.timestamp())
        .unwrap_or_else(|_| chrono::Utc::now().timestamp());
    secs as f64 / 86_400.0
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

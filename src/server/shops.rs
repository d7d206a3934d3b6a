//! Each shop's recommender, built from the store once and then kept current: a
//! closed order or a product change updates it in place.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use cartlift_contract::{Badge, Language, Product as ProductDto};
use cartlift_engine::{
    Catalog, CategoryRule, CategoryRules, CoPurchase, ModelParams, Product, ProductIdx, Query, RankSettings,
    Recommender, RuleEffect, Suggestion,
};
use cartlift_store::{OrderItems, Shop, StoredProduct, Store};

/// A shop's recommender with the stored products behind its indices.
pub struct ShopEngine {
    pub shop: Shop,
    pub recommender: Recommender,
    /// `products[i]` is the stored product of engine index `i`.
    products: Vec<StoredProduct>,
}

/// The engines of every shop served, loaded on first use.
#[derive(Clone, Default)]
pub struct ShopEngines {
    engines: Arc<RwLock<HashMap<String, Arc<RwLock<ShopEngine>>>>>,
    loading: Arc<tokio::sync::Mutex<()>>,
}

impl ShopEngines {
    /// The engine of `shop`, built from the store the first time.
    pub async fn get(&self, store: &Store, shop: &Shop) -> Result<Arc<RwLock<ShopEngine>>, cartlift_store::Error> {
        if let Some(e) = self.engines.read().expect("engines lock").get(&shop.id) {
            return Ok(e.clone());
        }
        let _one_loader = self.loading.lock().await;
        if let Some(e) = self.engines.read().expect("engines lock").get(&shop.id) {
            return Ok(e.clone());
        }
        let products = store.products(shop).await?;
        let orders = store.order_items(shop).await?;
        let shop2 = shop.clone();
        let engine = tokio::task::spawn_blocking(move || ShopEngine::build(shop2, products, &orders))
            .await
            .expect("building a shop engine does not panic");
        let engine = Arc::new(RwLock::new(engine));
        self.engines.write().expect("engines lock").insert(shop.id.clone(), engine.clone());
        Ok(engine)
    }

    /// Drops a shop's engine so the next use rebuilds it (after a bulk import).
    pub fn forget(&self, shop_id: &str) {
        self.engines.write().expect("engines lock").remove(shop_id);
    }
}

/// The shop's category rules as the engine takes them; a malformed stored rule is
/// skipped with a warning rather than taking the shop's recommendations down.
pub fn category_rules(shop: &Shop) -> CategoryRules {
    let mut rules = Vec::new();
    for r in &shop.settings.category_rules {
        let effect = match r.effect.as_str() {
            "allow" => Some(RuleEffect::Allow),
            "deny" => Some(RuleEffect::Deny),
            e => e.strip_prefix("boost:").and_then(|f| f.parse().ok()).map(RuleEffect::Boost),
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

impl ShopEngine {
    /// Builds the catalog and learns every order, oldest first.
    pub fn build(shop: Shop, products: Vec<StoredProduct>, orders: &[OrderItems]) -> ShopEngine {
        let mut catalog = Catalog::new();
        for p in &products {
            catalog.upsert(engine_product(p));
        }
        let rules = category_rules(&shop);
        let mut engine = ShopEngine {
            shop,
            recommender: Recommender::new(catalog, CoPurchase::new(ModelParams::default()), rules, RankSettings::default()),
            products,
        };
        for o in orders {
            engine.add_order(&o.product_ids, &o.closed_at);
        }
        engine
    }

    /// Learns one closed order (API product ids in line order, RFC 3339 close time).
    pub fn add_order(&mut self, product_ids: &[String], closed_at: &str) {
        let items: Vec<ProductIdx> = product_ids.iter().filter_map(|id| self.recommender.catalog.find(id)).collect();
        self.recommender.add_order(&items, day_number(closed_at));
    }

    /// Adds or replaces a product.
    pub fn upsert_product(&mut self, p: StoredProduct) {
        let idx = self.recommender.catalog.upsert(engine_product(&p));
        if idx.get() == self.products.len() {
            self.products.push(p);
        } else {
            self.products[idx.get()] = p;
        }
    }

    pub fn set_rules(&mut self, shop: Shop) {
        self.recommender.rules = category_rules(&shop);
        self.shop = shop;
    }

    pub fn find(&self, id: &str) -> Option<ProductIdx> {
        self.recommender.catalog.find(id)
    }

    pub fn stored(&self, idx: ProductIdx) -> &StoredProduct {
        &self.products[idx.get()]
    }

    /// Every category with its number of products, largest first.
    pub fn category_counts(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for p in self.products.iter().filter(|p| p.available) {
            for c in &p.categories {
                *counts.entry(c.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts.into_iter().map(|(c, n)| (c.to_string(), n)).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The storefront's listing: listed products of a category and/or whose name
    /// holds every word of `query` (any case), bestsellers first.
    pub fn listing(&self, category: Option<&str>, query: Option<&str>) -> Vec<ProductIdx> {
        let words: Vec<String> = query.unwrap_or_default().split_whitespace().map(str::to_lowercase).collect();
        let mut hits: Vec<(u32, ProductIdx)> = self
            .products
            .iter()
            .enumerate()
            .filter(|(_, p)| p.available)
            .filter(|(_, p)| category.is_none_or(|c| p.categories.iter().any(|pc| pc == c)))
            .filter(|(_, p)| {
                let name = p.name.to_lowercase();
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .map(|(i, _)| {
                let idx = ProductIdx(i as u32);
                (self.recommender.model.popularity(idx), idx)
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.into_iter().map(|(_, i)| i).collect()
    }

    /// Cross-sell for a cart of API or external ids; unknown ids are ignored.
    pub fn cross_sell(&self, cart: &[String], exclude: &[String], limit: usize) -> Vec<Suggestion> {
        let cart: Vec<ProductIdx> = cart.iter().filter_map(|id| self.find(id)).collect();
        let exclude: Vec<ProductIdx> = exclude.iter().filter_map(|id| self.find(id)).collect();
        self.recommender.recommend(&Query { cart: &cart, exclude: &exclude, limit })
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
            badge: (self.recommender.model.orders() >= 100 && popularity as u64 * 50 >= self.recommender.model.orders())
                .then_some(Badge::Bestseller),
            ai_reason: None,
            ai_score: None,
        }
    }
}

/// Days since 1970 of an RFC 3339 time (the stored close times always parse; a
/// malformed one counts as today, the safe side for a weight that favours the new).
pub fn day_number(t: &str) -> f64 {
    let secs = chrono::DateTime::parse_from_rfc3339(t).map(|t| t.timestamp()).unwrap_or_else(|_| chrono::Utc::now().timestamp());
    secs as f64 / 86_400.0
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

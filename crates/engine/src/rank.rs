//! Ranking: from a cart to a short list of products, each with its score's parts
//! and the reason it is there.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalog::{Catalog, Product, ProductIdx};
use crate::model::CoPurchase;
use crate::reason;
use crate::rules::CategoryRules;
use crate::Language;

/// Ranking knobs beyond the model's own.
#[derive(Clone, Debug, PartialEq)]
pub struct RankSettings {
    /// An earlier cart item counts this much of the one added after it.
    pub recency: f64,
    /// Score lift per unit of margin (0.2 lifts a 50%-margin product by 10%).
    pub margin_weight: f64,
    /// At most this many suggestions whose names start with the same two words
    /// (ten colours of one bag are one suggestion to a shopper, not ten).
    pub same_name_cap: usize,
    /// Out-of-stock products are left out unless this is set.
    pub include_out_of_stock: bool,
}

impl Default for RankSettings {
    fn default() -> Self {
        RankSettings { recency: 0.7, margin_weight: 0.2, same_name_cap: 3, include_out_of_stock: false }
    }
}

/// What the caller asks for.
#[derive(Clone, Debug, Default)]
pub struct Query<'a> {
    /// The cart's products, in the order they were added.
    pub cart: &'a [ProductIdx],
    /// Products already shown to the shopper.
    pub exclude: &'a [ProductIdx],
    pub limit: usize,
}

/// Why a product is suggested.
#[derive(Clone, Debug, PartialEq)]
pub enum Because {
    /// Bought together with this cart product in closed orders.
    BoughtWith(ProductIdx),
    /// No history of its own: its category goes with this cart product's.
    GoesWith(ProductIdx),
    /// Nothing better known: it sells well.
    Popular,
}

/// The parts a suggestion's score is made of, for explanations and debugging.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreParts {
    /// Normalised co-purchase with the cart, recency-weighted over its items.
    pub co_purchase: f64,
    /// Category-level co-purchase (cold start only).
    pub category: f64,
    /// Orders holding the product.
    pub popularity: u32,
    /// The category rules' factor.
    pub rule: f64,
    /// The margin factor (1 when the cost is unknown).
    pub margin: f64,
    pub low_stock: bool,
}

/// One suggested product.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub product: ProductIdx,
    pub score: f64,
    pub parts: ScoreParts,
    pub because: Because,
}

/// The tiers a candidate can come from, best first; a lower tier only fills places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    CoPurchase,
    Category,
    Popular,
}

/// A shop's catalog, model and rules, ready to answer.
#[derive(Clone, Debug, Default)]
pub struct Recommender {
    pub catalog: Catalog,
    pub model: CoPurchase,
    pub rules: CategoryRules,
    pub settings: RankSettings,
}

impl Recommender {
    pub fn new(catalog: Catalog, model: CoPurchase, rules: CategoryRules, settings: RankSettings) -> Self {
        Recommender { catalog, model, rules, settings }
    }

    /// Learns a closed order (its products in line order), closed on `day` (days
    /// since 1970, fractions allowed).
    pub fn add_order(&mut self, items: &[ProductIdx], day: f64) {
        self.model.add_order(&self.catalog, items, day);
    }

    /// The best products to add to `query.cart`, at most `query.limit`.
    pub fn recommend(&self, query: &Query) -> Vec<Suggestion> {
        let cart = dedup(query.cart);
        if cart.is_empty() || query.limit == 0 {
            return Vec::new();
        }
        let cart_groups: FxHashSet<u32> = cart.iter().map(|&c| self.catalog.group(c)).collect();
        let excluded: FxHashSet<ProductIdx> = cart.iter().chain(query.exclude).copied().collect();
        let cart_categories: Vec<&str> = {
            let mut v: Vec<&str> = cart.iter().flat_map(|&c| self.categories(c)).collect();
            v.sort_unstable();
            v.dedup();
            v
        };

        let mut scored: Vec<(Tier, Suggestion)> = Vec::new();
        let mut taken: FxHashSet<ProductIdx> = FxHashSet::default();
        for (candidate, co, best) in self.co_purchase(&cart) {
            if let Some(s) = self.admit(candidate, &excluded, &cart_groups, &cart_categories) {
                taken.insert(candidate);
                let parts = ScoreParts { co_purchase: co, ..s };
                let score = co * parts.rule * parts.margin;
                scored.push((Tier::CoPurchase, Suggestion { product: candidate, score, parts, because: Because::BoughtWith(best) }));
            }
        }
        if scored.len() < query.limit * 2 {
            self.fill_cold_start(&cart, &excluded, &cart_groups, &cart_categories, &taken, &mut scored);
        }

        scored.sort_by(|(ta, a), (tb, b)| ta.cmp(tb).then(b.score.total_cmp(&a.score)).then(a.product.cmp(&b.product)));
        self.diverse(scored.into_iter().map(|(_, s)| s), query.limit)
    }

    /// The `aiReason` text of a suggestion.
    pub fn reason(&self, because: &Because, language: Language) -> String {
        reason::text(&self.catalog, because, language)
    }

    fn categories(&self, idx: ProductIdx) -> impl Iterator<Item = &str> + Clone {
        self.catalog.category_ids(idx).iter().map(|&c| self.catalog.category_name(c))
    }

    /// Candidates with their recency-weighted normalised co-purchase score, and the
    /// cart product that contributed most.
    fn co_purchase(&self, cart: &[ProductIdx]) -> Vec<(ProductIdx, f64, ProductIdx)> {
        let mut acc: FxHashMap<ProductIdx, (f64, f64, ProductIdx)> = FxHashMap::default();
        let last = cart.len() - 1;
        for (t, &c) in cart.iter().enumerate() {
            let weight = self.settings.recency.powi((last - t) as i32);
            for (j, raw) in self.model.neighbours(c) {
                let s = weight * self.model.affinity(c, j, raw);
                let e = acc.entry(j).or_insert((0.0, 0.0, c));
                e.0 += s;
                if s > e.1 {
                    e.1 = s;
                    e.2 = c;
                }
            }
        }
        acc.into_iter().map(|(j, (s, _, best))| (j, s, best)).collect()
    }

    /// Deduplication, stock and rules; the parts that do not depend on the tier.
    fn admit(
        &self,
        candidate: ProductIdx,
        excluded: &FxHashSet<ProductIdx>,
        cart_groups: &FxHashSet<u32>,
        cart_categories: &[&str],
    ) -> Option<ScoreParts> {
        if excluded.contains(&candidate) || cart_groups.contains(&self.catalog.group(candidate)) {
            return None;
        }
        let p: &Product = self.catalog.get(candidate);
        if !p.in_stock() && !self.settings.include_out_of_stock {
            return None;
        }
        let rule = self.rules.factor(cart_categories.iter().copied(), self.categories(candidate))?;
        let margin = 1.0 + self.settings.margin_weight * p.margin().unwrap_or(0.0);
        Some(ScoreParts {
            rule,
            margin,
            popularity: self.model.popularity(candidate),
            low_stock: p.low_stock(),
            ..Default::default()
        })
    }

    /// Cold start: products whose categories are bought with the cart's, then plain
    /// bestsellers, so a cart of new products still gets sensible suggestions.
    fn fill_cold_start(
        &self,
        cart: &[ProductIdx],
        excluded: &FxHashSet<ProductIdx>,
        cart_groups: &FxHashSet<u32>,
        cart_categories: &[&str],
        taken: &FxHashSet<ProductIdx>,
        out: &mut Vec<(Tier, Suggestion)>,
    ) {
        for (candidate, _) in self.catalog.iter() {
            let popularity = self.model.popularity(candidate);
            if popularity == 0 || taken.contains(&candidate) {
                continue;
            }
            let Some(parts) = self.admit(candidate, excluded, cart_groups, cart_categories) else { continue };
            // The cart product whose categories go best with the candidate's.
            let mut best = (0.0, cart[cart.len() - 1]);
            for &c in cart {
                for &from in self.catalog.category_ids(c) {
                    for &to in self.catalog.category_ids(candidate) {
                        let a = self.model.category_affinity(from, to);
                        if a > best.0 {
                            best = (a, c);
                        }
                    }
                }
            }
            let pop = (1.0 + popularity as f64).ln();
            let (tier, because, category) = if best.0 > 0.0 {
                (Tier::Category, Because::GoesWith(best.1), best.0)
            } else {
                (Tier::Popular, Because::Popular, 0.0)
            };
            let score = category.max(1e-3) * pop * parts.rule * parts.margin;
            out.push((tier, Suggestion { product: candidate, score, parts: ScoreParts { category, ..parts }, because }));
        }
    }

    /// Takes the best suggestions in order, at most one per group (variants of one
    /// product) and at most `same_name_cap` per two-word name start.
    fn diverse(&self, ranked: impl Iterator<Item = Suggestion>, limit: usize) -> Vec<Suggestion> {
        let mut groups = FxHashSet::default();
        let mut names: FxHashMap<String, usize> = FxHashMap::default();
        let mut out = Vec::with_capacity(limit);
        for s in ranked {
            if out.len() == limit {
                break;
            }
            if !groups.insert(self.catalog.group(s.product)) {
                continue;
            }
            let n = names.entry(name_start(&self.catalog.get(s.product).name)).or_insert(0);
            if *n >= self.settings.same_name_cap {
                continue;
            }
            *n += 1;
            out.push(s);
        }
        out
    }
}

fn dedup(items: &[ProductIdx]) -> Vec<ProductIdx> {
    let mut seen = FxHashSet::default();
    items.iter().copied().filter(|i| seen.insert(*i)).collect()
}

/// The first two words of a name, case-folded: "JUMBO BAG RED" -> "jumbo bag".
fn name_start(name: &str) -> String {
    name.split_whitespace().take(2).collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::product;
    use crate::model::ModelParams;
    use crate::rules::{CategoryRule, RuleEffect};

    /// A shop where "lantern" goes with "candle" often and with "mug" once.
    fn shop() -> (Recommender, FxHashMap<&'static str, ProductIdx>) {
        let mut c = Catalog::new();
        let mut ids = FxHashMap::default();
        for (name, cat) in [("lantern", "lighting"), ("candle", "candles"), ("mug", "kitchen"), ("bag", "bags"), ("tin", "kitchen")] {
            ids.insert(name, c.upsert(product(name, &[cat])));
        }
        let mut r = Recommender::new(c, CoPurchase::new(ModelParams::default()), CategoryRules::default(), RankSettings::default());
        for _ in 0..5 {
            r.add_order(&[ids["lantern"], ids["candle"]], 0.0);
        }
        r.add_order(&[ids["lantern"], ids["mug"]], 0.0);
        for _ in 0..3 {
            r.add_order(&[ids["bag"]], 0.0);
        }
        (r, ids)
    }

    fn names(r: &Recommender, s: &[Suggestion]) -> Vec<String> {
        s.iter().map(|s| r.catalog.get(s.product).external_id.clone()).collect()
    }

    fn ask(r: &Recommender, cart: &[ProductIdx]) -> Vec<Suggestion> {
        r.recommend(&Query { cart, exclude: &[], limit: 10 })
    }

    #[test]
    fn co_purchase_ranks_first_and_explains_itself() {
        let (r, p) = shop();
        let s = ask(&r, &[p["lantern"]]);
        assert_eq!(&names(&r, &s)[..2], ["candle", "mug"]);
        assert_eq!(s[0].because, Because::BoughtWith(p["lantern"]));
        assert_eq!(r.reason(&s[0].because, Language::En), "Often bought with LANTERN");
        assert_eq!(r.reason(&s[0].because, Language::Es), "Se compra a menudo con LANTERN");
        assert!(s[0].parts.co_purchase > s[1].parts.co_purchase);
    }

    #[test]
    fn cart_and_seen_products_never_come_back() {
        let (r, p) = shop();
        let s = r.recommend(&Query { cart: &[p["lantern"]], exclude: &[p["candle"]], limit: 10 });
        let n = names(&r, &s);
        assert!(!n.contains(&"lantern".to_string()) && !n.contains(&"candle".to_string()), "{n:?}");
    }

    #[test]
    fn out_of_stock_is_left_out_and_low_stock_flagged() {
        let (mut r, p) = shop();
        let mut candle = r.catalog.get(p["candle"]).clone();
        candle.stock = Some(0);
        r.catalog.upsert(candle.clone());
        assert!(!names(&r, &ask(&r, &[p["lantern"]])).contains(&"candle".to_string()));
        candle.stock = Some(2);
        r.catalog.upsert(candle);
        let s = ask(&r, &[p["lantern"]]);
        assert_eq!(s[0].product, p["candle"]);
        assert!(s[0].parts.low_stock);
    }

    #[test]
    fn a_deny_rule_removes_and_a_boost_reorders() {
        let (mut r, p) = shop();
        r.rules = CategoryRules::new(vec![CategoryRule::new("lighting", "candles", RuleEffect::Deny).unwrap()]);
        assert!(!names(&r, &ask(&r, &[p["lantern"]])).contains(&"candle".to_string()));
        r.rules = CategoryRules::new(vec![CategoryRule::new("lighting", "kitchen", RuleEffect::Boost(50.0)).unwrap()]);
        assert_eq!(names(&r, &ask(&r, &[p["lantern"]]))[0], "mug");
    }

    #[test]
    fn margin_lifts_between_equals() {
        let (mut r, p) = shop();
        // mug and a new twin with the same history: the twin has the better margin.
        let twin = r.catalog.upsert(Product { cost: Some(1.0), ..product("mug2", &["kitchen"]) });
        r.add_order(&[p["lantern"], twin], 0.0);
        let s = ask(&r, &[p["lantern"]]);
        let pos = |x| s.iter().position(|s| s.product == x).unwrap();
        assert!(pos(twin) < pos(p["mug"]));
        assert!(s[pos(twin)].parts.margin > 1.0);
    }

    #[test]
    fn one_variant_per_family_and_none_of_the_cart_family() {
        let mut c = Catalog::new();
        let mut fam = |ext: &str, f: &str| c.upsert(Product { family: Some(f.into()), ..product(ext, &["bags"]) });
        let red = fam("bag-red", "bag");
        let blue = fam("bag-blue", "bag");
        let pink = fam("bag-pink", "bag");
        let tin_a = fam("tin-a", "tin");
        let tin_b = fam("tin-b", "tin");
        let mut r = Recommender::new(c, CoPurchase::new(ModelParams::default()), CategoryRules::default(), RankSettings::default());
        r.add_order(&[red, blue, pink, tin_a, tin_b], 0.0);
        let s = ask(&r, &[red]);
        assert!(s.iter().all(|s| s.product != blue && s.product != pink));
        assert_eq!(s.iter().filter(|s| s.product == tin_a || s.product == tin_b).count(), 1);
    }

    #[test]
    fn same_name_start_is_capped() {
        let mut c = Catalog::new();
        let cart = c.upsert(product("lamp", &["lighting"]));
        let bags: Vec<_> = (0..6).map(|i| c.upsert(Product { name: format!("JUMBO BAG {i}"), ..product(&format!("b{i}"), &["bags"]) })).collect();
        let mut r = Recommender::new(c, CoPurchase::new(ModelParams::default()), CategoryRules::default(), RankSettings::default());
        let mut order = vec![cart];
        order.extend(&bags);
        r.add_order(&order, 0.0);
        assert_eq!(ask(&r, &[cart]).len(), 3);
    }

    #[test]
    fn recency_favours_the_last_added_item() {
        let (r, p) = shop();
        // bag has no co-purchase; lantern's partners lead. Adding bag last changes nothing
        // for lantern's partners' order, but a cart of [mug, lantern] favours lantern's.
        let s = ask(&r, &[p["mug"], p["lantern"]]);
        assert_eq!(names(&r, &s)[0], "candle");
    }

    #[test]
    fn cold_start_uses_categories_then_popularity() {
        let (mut r, p) = shop();
        // A new lighting product with no orders: lighting goes with candles and kitchen.
        let new = r.catalog.upsert(product("new-lamp", &["lighting"]));
        let s = ask(&r, &[new]);
        assert!(!s.is_empty());
        assert!(matches!(s[0].because, Because::GoesWith(x) if x == new));
        assert_eq!(r.reason(&s[0].because, Language::En), "Goes well with NEW-LAMP");
        // A product in a category nobody bought: bestsellers, labelled as such.
        let odd = r.catalog.upsert(product("odd", &["nothing-like-it"]));
        let s = ask(&r, &[odd]);
        assert_eq!(s[0].because, Because::Popular);
        assert_eq!(names(&r, &s)[0], "lantern", "in 6 orders, the bestseller");
        let _ = p;
    }

    #[test]
    fn an_order_updates_the_next_answer() {
        let (mut r, p) = shop();
        assert_eq!(ask(&r, &[p["bag"]])[0].because, Because::Popular, "no history for bag yet");
        for _ in 0..3 {
            r.add_order(&[p["bag"], p["tin"]], 0.0);
        }
        let s = ask(&r, &[p["bag"]]);
        assert_eq!(names(&r, &s)[0], "tin");
        assert_eq!(s[0].because, Because::BoughtWith(p["bag"]));
    }

    #[test]
    fn empty_cart_or_zero_limit_gives_nothing() {
        let (r, p) = shop();
        assert!(ask(&r, &[]).is_empty());
        assert!(r.recommend(&Query { cart: &[p["lantern"]], exclude: &[], limit: 0 }).is_empty());
    }
}

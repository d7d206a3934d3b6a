//! Ranking: from a cart to a short list of products, each with its score's parts
//! and the reason it is there.

use rustc_hash::{FxHashMap, FxHashSet};

use std::sync::Arc;

use crate::catalog::{Catalog, Product, ProductIdx};
use crate::linear::LinearModel;
use crate::model::{CoPurchase, STRONGEST};
use crate::product_rules::{ProductRules, RuleKind};
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
    /// Shrinks co-purchase towards popularity: each candidate gets this share of
    /// the weight it would have if it went with the cart's products no more than
    /// with any order (its share of orders times theirs). Where orders pair products
    /// at random around a few staples, that is most of what can be known.
    pub popularity_prior: f64,
    /// How much the linear model ([`crate::linear`]) adds, at most, to a co-purchase
    /// candidate: the candidate it scores best gains this share of the best
    /// co-purchase score (0: co-purchase alone).
    pub linear_weight: f64,
}

impl Default for RankSettings {
    fn default() -> Self {
        RankSettings {
            recency: 0.7,
            margin_weight: 0.2,
            same_name_cap: 3,
            include_out_of_stock: false,
            popularity_prior: 0.5,
            linear_weight: 0.5,
        }
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
    /// The shop's rule from this cart product says so (an accessory, a part, a
    /// related product, or an upgrade: [`RuleKind::Options`]).
    Rule { from: ProductIdx, kind: RuleKind },
}

/// The parts a suggestion's score is made of, for explanations and debugging.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScoreParts {
    /// Normalised co-purchase with the cart, recency-weighted over its items.
    pub co_purchase: f64,
    /// The popularity prior's part (see [`RankSettings::popularity_prior`]).
    pub prior: f64,
    /// The linear model's part (see [`RankSettings::linear_weight`]).
    pub linear: f64,
    /// Category-level co-purchase (cold start only).
    pub category: f64,
    /// Orders holding the product.
    pub popularity: u32,
    /// The category rules' factor.
    pub rule: f64,
    /// The margin factor (1 when the cost is unknown).
    pub margin: f64,
    pub low_stock: bool,
    /// The shop's rule that put the product here, if one did.
    pub product_rule: Option<RuleKind>,
    /// The out-of-stock product this one stands in for (the shop's ALTERNATIVES rule).
    pub stands_in_for: Option<ProductIdx>,
}

/// One suggested product.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub product: ProductIdx,
    pub score: f64,
    pub parts: ScoreParts,
    pub because: Because,
}

/// Co-purchase candidates the linear model re-scores: more than a drawer shows, so
/// it can lift a product from below the fold.
const BLEND_DEPTH: usize = 30;

/// The cold-start tiers, best first; they only fill places co-purchase left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
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
    /// The shop's rules between products (none unless set).
    pub product_rules: ProductRules,
    /// The linear model, once solved ([`Recommender::set_linear`]); shared, as it is
    /// large and replaced whole.
    pub linear: Option<Arc<LinearModel>>,
}

impl Recommender {
    pub fn new(
        catalog: Catalog,
        model: CoPurchase,
        rules: CategoryRules,
        settings: RankSettings,
    ) -> Self {
        Recommender {
            catalog,
            model,
            rules,
            settings,
            product_rules: ProductRules::default(),
            linear: None,
        }
    }

    /// Whether the linear model should be solved (again) from the shop's orders:
    /// the ranking uses it, and enough orders came in since it was last solved.
    pub fn linear_due(&self) -> bool {
        self.settings.linear_weight > 0.0
            && LinearModel::due(
                self.linear.as_ref().map(|l| l.orders()),
                self.model.orders(),
            )
    }

    /// Puts a freshly solved linear model in place.
    pub fn set_linear(&mut self, linear: LinearModel) {
        self.linear = Some(Arc::new(linear));
    }

    /// Learns a closed order (its products in line order), closed on `day` (days
    /// since 1970, fractions allowed).
    pub fn add_order(&mut self, items: &[ProductIdx], day: f64) {
        self.model.add_order(&self.catalog, items, day);
    }

    /// The first `n` products [`recommend`](Self::recommend) gives for `cart`, as
    /// the offline evaluation reads them.
    pub fn top_products(&self, cart: &[ProductIdx], n: usize) -> Vec<ProductIdx> {
        self.recommend(&Query {
            cart,
            exclude: &[],
            limit: n,
        })
        .into_iter()
        .map(|s| s.product)
        .collect()
    }

    /// The shop's best sellers in stock, whatever the cart (none of `exclude`), at
    /// most `limit`: the holdout experiment's popularity control, which knows
    /// nothing of co-purchase or the shop's rules.
    pub fn best_sellers(&self, exclude: &[ProductIdx], limit: usize) -> Vec<Suggestion> {
        self.model
            .most_ordered()
            .iter()
            .map(|&p| ProductIdx(p))
            .filter(|&p| !exclude.contains(&p) && p.get() < self.catalog.len())
            .filter(|&p| self.catalog.get(p).in_stock())
            .take(limit)
            .map(|p| Suggestion {
                product: p,
                score: self.model.order_share(p),
                parts: ScoreParts {
                    popularity: self.model.popularity(p),
                    ..ScoreParts::default()
                },
                because: Because::Popular,
            })
            .collect()
    }

    /// The best products to add to `query.cart`, at most `query.limit`.
    pub fn recommend(&self, query: &Query) -> Vec<Suggestion> {
        self.recommend_with_rules(query, &self.rules, &self.product_rules)
    }

    /// [`Recommender::recommend`] with other rules than the shop's own: what the
    /// answer would be with a rule the admin has not saved yet.
    pub fn recommend_with_rules(
        &self,
        query: &Query,
        rules: &CategoryRules,
        product_rules: &ProductRules,
    ) -> Vec<Suggestion> {
        let cart = dedup(query.cart);
        if cart.is_empty() || query.limit == 0 {
            return Vec::new();
        }
        let ctx = self.context(&cart, query.exclude, rules, product_rules);
        let mut picker = if product_rules.is_empty() {
            self.best_co_purchase(&cart, &ctx, query.limit)
        } else {
            self.with_product_rules(&cart, &ctx, query.limit)
        };
        if picker.out.len() < query.limit {
            let taken: FxHashSet<ProductIdx> = picker.out.iter().map(|s| s.product).collect();
            let mut fill = self.cold_start(&cart, &ctx, &taken);
            fill.sort_by(|(ta, a), (tb, b)| {
                ta.cmp(tb)
                    .then(b.score.total_cmp(&a.score))
                    .then(a.product.cmp(&b.product))
            });
            for (_, s) in fill {
                if picker.out.len() == query.limit {
                    break;
                }
                picker.offer(self, s);
            }
        }
        picker.out
    }

    /// The shop's rules first (what they point to from the cart's products, newest
    /// cart product first; alternatives are never suggested beside their product),
    /// above co-purchase, then co-purchase; stock, the cart and variants still rule
    /// out what they rule out.
    fn with_product_rules(&self, cart: &[ProductIdx], ctx: &Context, limit: usize) -> Picker {
        let mut picker = Picker::new(limit);
        let mut lifted = Vec::new();
        for &from in cart.iter().rev() {
            for &(target, kind) in ctx.product_rules.targets(from) {
                if kind == RuleKind::Alternatives {
                    continue;
                }
                if let Some((shown, parts)) = self.admit(target, ctx) {
                    lifted.push((shown, from, kind, parts));
                }
            }
        }
        // Above the best co-purchase score, in the rules' order: which targets the
        // picker takes does not depend on that score, so it is known after them.
        let n = lifted.len() as f64;
        for (i, (shown, from, kind, parts)) in lifted.into_iter().enumerate() {
            if picker.out.len() == limit {
                break;
            }
            picker.offer(
                self,
                Suggestion {
                    product: shown,
                    score: (1.0 + (n - i as f64) / n) * parts.rule * parts.margin,
                    parts: ScoreParts {
                        product_rule: Some(kind),
                        ..parts
                    },
                    because: Because::Rule { from, kind },
                },
            );
        }
        // Co-purchase fills the places left; each rule's product can push out at most
        // two of its picks (same product group, same name start). When the rules took
        // every place, only its best score is needed.
        let taken = picker.out.len();
        let co = self.best_co_purchase(cart, ctx, if taken == limit { 1 } else { limit + taken });
        let top = co.out.first().map_or(1.0, |s| s.score);
        for s in &mut picker.out {
            s.score *= top;
        }
        for s in co.out {
            if picker.out.len() == limit {
                break;
            }
            picker.offer(self, s);
        }
        picker
    }

    fn context<'a>(
        &'a self,
        cart: &[ProductIdx],
        exclude: &[ProductIdx],
        rules: &'a CategoryRules,
        product_rules: &'a ProductRules,
    ) -> Context<'a> {
        let mut cart_categories: Vec<&str> =
            cart.iter().flat_map(|&c| self.categories(c)).collect();
        cart_categories.sort_unstable();
        cart_categories.dedup();
        let mut cart_groups: Vec<u32> = cart.iter().map(|&c| self.catalog.group(c)).collect();
        cart_groups.sort_unstable();
        cart_groups.dedup();
        // a substitute of a cart product is never suggested beside it
        let mut excluded: Vec<ProductIdx> = cart
            .iter()
            .chain(exclude)
            .copied()
            .chain(cart.iter().flat_map(|&c| product_rules.alternatives(c)))
            .collect();
        excluded.sort_unstable();
        excluded.dedup();
        Context {
            cart_groups,
            excluded,
            cart_categories,
            rules,
            product_rules,
        }
    }

    /// The `aiReason` text of a suggestion.
    pub fn reason(&self, because: &Because, language: Language) -> String {
        reason::text(&self.catalog, because, language)
    }

    fn categories(&self, idx: ProductIdx) -> impl Iterator<Item = &str> + Clone {
        self.catalog
            .category_ids(idx)
            .iter()
            .map(|&c| self.catalog.category_name(c))
    }

    /// The co-purchase tier. Scores accumulate in a dense scratch array; only the
    /// `m` best raw scores are then admitted, ranked and diversified, and `m` grows
    /// until nothing outside could still overtake (its raw score times the largest
    /// possible rule and margin factor is below the last pick). Same answer as
    /// ranking every neighbour, at a fraction of the cost for popular carts.
    ///
    /// With the linear model, the picks go on past `limit` among the candidates
    /// already scored, up to [`BLEND_DEPTH`], and are re-scored with it
    /// ([`Recommender::blend`]): the first `limit` are exact, the rest a pool.
    fn best_co_purchase(&self, cart: &[ProductIdx], ctx: &Context, limit: usize) -> Picker {
        let linear = self
            .linear
            .as_deref()
            .filter(|_| self.settings.linear_weight > 0.0);
        let pool = if linear.is_some() {
            limit.max(BLEND_DEPTH)
        } else {
            limit
        };
        let picker = self
            .best_from_strongest(cart, ctx, limit, pool)
            .unwrap_or_else(|| self.best_from_all(cart, ctx, limit, pool));
        match linear {
            Some(linear) => self.blend(linear, cart, picker, limit),
            None => picker,
        }
    }

    /// Adds the linear model's opinion to co-purchase's candidates: the one it
    /// scores best gains `linear_weight` times the best co-purchase score, the
    /// others in proportion (negative opinions count as none). The candidates were
    /// picked under the diversity caps, so any `limit` of them still are.
    fn blend(
        &self,
        linear: &LinearModel,
        cart: &[ProductIdx],
        picker: Picker,
        limit: usize,
    ) -> Picker {
        let mut out = picker.out;
        let top = out.first().map_or(0.0, |s| s.score);
        let rows = linear.rows(cart);
        let opinion: Vec<f64> = out
            .iter()
            .map(|s| linear.score(&rows, s.product).max(0.0))
            .collect();
        let best = opinion.iter().copied().fold(0.0, f64::max);
        if best > 0.0 && top > 0.0 {
            let scale = self.settings.linear_weight * top / best;
            for (s, o) in out.iter_mut().zip(opinion) {
                s.parts.linear = scale * o;
                s.score += s.parts.linear;
            }
            out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.product.cmp(&b.product)));
        }
        let mut picker = Picker::new(limit);
        for s in out.into_iter().take(limit) {
            picker.offer(self, s);
        }
        picker
    }

    /// The popularity prior's scale for this cart: what a product in every order
    /// would score by co-purchase if orders paired products at random.
    fn prior_scale(&self, cart: &[ProductIdx]) -> f64 {
        let last = cart.len() - 1;
        self.settings.popularity_prior.max(0.0)
            * cart
                .iter()
                .enumerate()
                .map(|(t, &c)| {
                    self.settings.recency.powi((last - t) as i32)
                        * self.model.source_factor(c)
                        * self.model.order_weight(c)
                })
                .sum::<f64>()
    }

    /// The full scan: every neighbour of every cart product.
    /// `pool`: picks wanted in all, the first `limit` of them exact.
    fn best_from_all(
        &self,
        cart: &[ProductIdx],
        ctx: &Context,
        limit: usize,
        pool: usize,
    ) -> Picker {
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch {
                score,
                best,
                touched,
                ..
            } = &mut *scratch;
            if score.len() < self.catalog.len() {
                score.resize(self.catalog.len(), 0.0);
                best.resize(self.catalog.len(), (0.0, 0));
            }
            let last = cart.len() - 1;
            for (t, &c) in cart.iter().enumerate() {
                let weight =
                    self.settings.recency.powi((last - t) as i32) * self.model.source_factor(c);
                for (j, raw) in self.model.neighbours(c) {
                    let s = weight * raw as f64 * self.model.target_factor(j);
                    let i = j.get();
                    if i >= score.len() {
                        continue;
                    }
                    if score[i] == 0.0 {
                        touched.push(j.0);
                    }
                    score[i] += s;
                    if s > best[i].0 {
                        best[i] = (s, c.0);
                    }
                }
            }
            // With the prior, every ordered product is a candidate, bought with the
            // cart or not (this is the fallback path: the fast one reads only the most
            // ordered, as deep as it needs).
            let scale = self.prior_scale(cart);
            if scale > 0.0 {
                for &j in self.model.most_ordered() {
                    if (j as usize) < score.len() && score[j as usize] == 0.0 {
                        touched.push(j);
                    }
                }
            }
            // (raw score, candidate, the cart product that contributed most, co-purchase,
            // prior)
            let mut candidates: Vec<(f64, u32, u32, f64, f64)> = touched
                .iter()
                .map(|&j| {
                    let co = score[j as usize];
                    let prior = scale * self.model.order_share(ProductIdx(j));
                    (co + prior, j, best[j as usize].1, co, prior)
                })
                .collect();
            for &j in touched.iter() {
                score[j as usize] = 0.0;
                best[j as usize] = (0.0, 0);
            }
            touched.clear();

            let max_factor = ctx.rules.max_factor() * (1.0 + self.settings.margin_weight.max(0.0));
            let mut m = (limit * 4).max(32);
            loop {
                let head = m.min(candidates.len());
                if head < candidates.len() {
                    candidates.select_nth_unstable_by(head - 1, |a, b| b.0.total_cmp(&a.0));
                }
                let mut ranked: Vec<Suggestion> = candidates[..head]
                    .iter()
                    .filter_map(|&(raw, j, best, co, prior)| {
                        let candidate = ProductIdx(j);
                        let (shown, parts) = self.admit(candidate, ctx)?;
                        let score = raw * parts.rule * parts.margin;
                        Some(Suggestion {
                            product: shown,
                            score,
                            parts: ScoreParts {
                                co_purchase: co,
                                prior,
                                ..parts
                            },
                            because: if co > 0.0 {
                                Because::BoughtWith(ProductIdx(best))
                            } else {
                                Because::Popular
                            },
                        })
                    })
                    .collect();
                ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.product.cmp(&b.product)));
                let mut picker = Picker::new(pool);
                for s in ranked {
                    if picker.out.len() == pool {
                        break;
                    }
                    picker.offer(self, s);
                }
                let everything = head == candidates.len();
                let bound = if everything {
                    0.0
                } else {
                    candidates[head - 1].0 * max_factor
                };
                let settled = picker
                    .out
                    .get(limit.max(1) - 1)
                    .is_some_and(|s| s.score > bound);
                if everything || settled {
                    return picker;
                }
                m *= 4;
            }
        })
    }

    /// The fast path of the co-purchase tier: the candidates are the `depth`
    /// strongest neighbours of each cart product ([`CoPurchase::strongest`]),
    /// scored exactly over the whole cart, for a growing `depth`. Any other product
    /// scores at most the sum of the cart's floors, so once the last pick beats that
    /// (times the largest rule and margin factor) the answer is the full scan's.
    /// `None` when no depth settles it: then the full scan runs.
    fn best_from_strongest(
        &self,
        cart: &[ProductIdx],
        ctx: &Context,
        limit: usize,
        pool: usize,
    ) -> Option<Picker> {
        // Long carts read too many rows; a candidate-side normalisation breaks the bound.
        if cart.len() > 8 || self.model.params().target_norm != 0.0 {
            return None;
        }
        let last = cart.len() - 1;
        let weights: Vec<f64> = cart
            .iter()
            .enumerate()
            .map(|(t, &c)| {
                self.settings.recency.powi((last - t) as i32) * self.model.source_factor(c)
            })
            .collect();
        let max_factor = ctx.rules.max_factor() * (1.0 + self.settings.margin_weight.max(0.0));
        let scale = self.prior_scale(cart);
        let most = self.model.most_ordered();
        let mut depth = (limit * 4).max(64);
        loop {
            let depth_now = depth.min(STRONGEST);
            // With the prior, the `depth` most ordered products are candidates too.
            let popular = if scale > 0.0 {
                &most[..depth_now.min(most.len())]
            } else {
                &[]
            };
            let floor: f64 = cart
                .iter()
                .zip(&weights)
                .map(|(&c, w)| w * self.model.strongest_floor(c, depth_now) as f64)
                .sum::<f64>()
                + most
                    .get(popular.len())
                    .map_or(0.0, |&j| scale * self.model.order_share(ProductIdx(j)));
            // Each candidate once (a flag per product beats sorting them on every request).
            let candidates: Vec<u32> = SCRATCH.with(|scratch| {
                let seen = &mut scratch.borrow_mut().seen;
                if seen.len() < self.catalog.len() {
                    seen.resize(self.catalog.len(), false);
                }
                let candidates: Vec<u32> = cart
                    .iter()
                    .flat_map(|&c| self.model.strongest(c, depth_now).map(|j| j.0))
                    .chain(popular.iter().copied())
                    .filter(|&j| {
                        seen.get_mut(j as usize)
                            .is_some_and(|s| !std::mem::replace(s, true))
                    })
                    .collect();
                for &j in &candidates {
                    seen[j as usize] = false;
                }
                candidates
            });
            let mut raw: Vec<Raw> = candidates
                .iter()
                .map(|&j| {
                    let candidate = ProductIdx(j);
                    // Same arithmetic, in the same order, as the full scan.
                    let (mut co, mut best) = (0.0, (0.0, ProductIdx(0)));
                    for (&c, w) in cart.iter().zip(&weights) {
                        let s = w * self.model.weight(c, candidate) as f64;
                        co += s;
                        if s > best.0 {
                            best = (s, c);
                        }
                    }
                    let prior = scale * self.model.order_share(candidate);
                    (co + prior, j, co, prior, best.1)
                })
                .collect();
            let picker = self.pick_in_raw_order(&mut raw, ctx, pool, max_factor);
            let settled = picker
                .out
                .get(limit.max(1) - 1)
                .is_some_and(|s| s.score > floor * max_factor);
            if floor == 0.0 || settled {
                return Some(picker);
            }
            if depth_now == STRONGEST {
                return None;
            }
            depth *= 4;
        }
    }

    /// The `pool` picks over `raw`, admitting and ranking only as many candidates
    /// as it takes, the largest raw scores first (only those are sorted): once the
    /// last pick scores above what the next raw score could become (times the
    /// largest rule and margin factor), no candidate after it could enter, so the
    /// picks are those of ranking them all.
    fn pick_in_raw_order(
        &self,
        raw: &mut [Raw],
        ctx: &Context,
        pool: usize,
        max_factor: f64,
    ) -> Picker {
        let mut ranked: Vec<Suggestion> = Vec::new();
        let mut read = 0;
        let mut step = (pool * 2).max(16);
        loop {
            let end = (read + step).min(raw.len());
            let largest_first = |a: &Raw, b: &Raw| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            if end < raw.len() {
                raw[read..].select_nth_unstable_by(end - read - 1, largest_first);
            }
            raw[read..end].sort_unstable_by(largest_first);
            for &(score, j, co, prior, best) in &raw[read..end] {
                let candidate = ProductIdx(j);
                let Some((shown, parts)) = self.admit(candidate, ctx) else {
                    continue;
                };
                ranked.push(Suggestion {
                    product: shown,
                    score: score * parts.rule * parts.margin,
                    parts: ScoreParts {
                        co_purchase: co,
                        prior,
                        ..parts
                    },
                    because: if co > 0.0 {
                        Because::BoughtWith(best)
                    } else {
                        Because::Popular
                    },
                });
            }
            read = end;
            ranked.sort_unstable_by(|a, b| {
                b.score.total_cmp(&a.score).then(a.product.cmp(&b.product))
            });
            let mut picker = Picker::new(pool);
            for s in &ranked {
                if picker.out.len() == pool {
                    break;
                }
                picker.offer(self, s.clone());
            }
            let done = match raw.get(read) {
                None => true,
                Some(next) => {
                    picker.out.len() == pool && picker.out[pool - 1].score > next.0 * max_factor
                }
            };
            if done {
                return picker;
            }
            step *= 2;
        }
    }

    /// Deduplication, stock and rules; the parts that do not depend on the tier.
    /// Whether `candidate` may be suggested for this cart, and what is shown for it:
    /// itself, or (when it is out of stock) an alternative the shop's rules give.
    fn admit(&self, candidate: ProductIdx, ctx: &Context) -> Option<(ProductIdx, ScoreParts)> {
        let allowed = |p: ProductIdx| {
            ctx.excluded.binary_search(&p).is_err()
                && ctx
                    .cart_groups
                    .binary_search(&self.catalog.group(p))
                    .is_err()
        };
        if !allowed(candidate) {
            return None;
        }
        let mut shown = candidate;
        if !self.catalog.get(candidate).in_stock() && !self.settings.include_out_of_stock {
            shown = ctx
                .product_rules
                .alternatives(candidate)
                .find(|&a| allowed(a) && self.catalog.get(a).in_stock())?;
        }
        let p: &Product = self.catalog.get(shown);
        let rule = ctx
            .rules
            .factor(ctx.cart_categories.iter().copied(), self.categories(shown))?;
        let margin = 1.0 + self.settings.margin_weight * p.margin().unwrap_or(0.0);
        Some((
            shown,
            ScoreParts {
                rule,
                margin,
                popularity: self.model.popularity(shown),
                low_stock: p.low_stock(),
                stands_in_for: (shown != candidate).then_some(candidate),
                ..Default::default()
            },
        ))
    }

    /// Cold start: products whose categories are bought with the cart's, then plain
    /// bestsellers, so a cart of new products still gets sensible suggestions.
    fn cold_start(
        &self,
        cart: &[ProductIdx],
        ctx: &Context,
        taken: &FxHashSet<ProductIdx>,
    ) -> Vec<(Tier, Suggestion)> {
        let mut out = Vec::new();
        for (candidate, _) in self.catalog.iter() {
            let popularity = self.model.popularity(candidate);
            if popularity == 0 || taken.contains(&candidate) {
                continue;
            }
            let Some((shown, parts)) = self.admit(candidate, ctx) else {
                continue;
            };
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
            out.push((
                tier,
                Suggestion {
                    product: shown,
                    score,
                    parts: ScoreParts { category, ..parts },
                    because,
                },
            ));
        }
        out
    }
}

/// A co-purchase candidate before admission: (raw score, candidate, its
/// co-purchase part, its popularity prior part, the cart product that gave most).
type Raw = (f64, u32, f64, f64, ProductIdx);

/// What every candidate of one request is checked against.
struct Context<'a> {
    // Sorted: a handful each, searched for every candidate (no hashing, no table).
    cart_groups: Vec<u32>,
    excluded: Vec<ProductIdx>,
    cart_categories: Vec<&'a str>,
    rules: &'a CategoryRules,
    product_rules: &'a ProductRules,
}

/// Per-thread buffers of the co-purchase accumulation, reused across requests.
#[derive(Default)]
struct Scratch {
    score: Vec<f64>,
    best: Vec<(f64, u32)>,
    touched: Vec<u32>,
    /// The fast path's candidates already taken (all false between requests).
    seen: Vec<bool>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Takes suggestions in rank order, at most one per group (variants of one
/// product) and at most `same_name_cap` per two-word name start.
struct Picker {
    groups: FxHashSet<u32>,
    names: FxHashMap<u32, usize>,
    out: Vec<Suggestion>,
}

impl Picker {
    fn new(limit: usize) -> Self {
        Picker {
            groups: FxHashSet::with_capacity_and_hasher(limit, Default::default()),
            names: FxHashMap::with_capacity_and_hasher(limit, Default::default()),
            out: Vec::with_capacity(limit),
        }
    }

    fn offer(&mut self, rec: &Recommender, s: Suggestion) {
        let group = rec.catalog.group(s.product);
        if self.groups.contains(&group) {
            return;
        }
        let n = self
            .names
            .entry(rec.catalog.name_start(s.product))
            .or_insert(0);
        if *n >= rec.settings.same_name_cap {
            return;
        }
        *n += 1;
        self.groups.insert(group);
        self.out.push(s);
    }
}

fn dedup(items: &[ProductIdx]) -> Vec<ProductIdx> {
    let mut seen = FxHashSet::default();
    items.iter().copied().filter(|i| seen.insert(*i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::product;
    use crate::model::ModelParams;
    use crate::rules::{CategoryRule, RuleEffect};
    use crate::Language;

    /// A shop where "lantern" goes with "candle" often and with "mug" once.
    fn shop() -> (Recommender, FxHashMap<&'static str, ProductIdx>) {
        let mut c = Catalog::new();
        let mut ids = FxHashMap::default();
        for (name, cat) in [
            ("lantern", "lighting"),
            ("candle", "candles"),
            ("mug", "kitchen"),
            ("bag", "bags"),
            ("tin", "kitchen"),
        ] {
            ids.insert(name, c.upsert(product(name, &[cat])));
        }
        let mut r = Recommender::new(
            c,
            CoPurchase::new(ModelParams::default()),
            CategoryRules::default(),
            RankSettings::default(),
        );
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
        s.iter()
            .map(|s| r.catalog.get(s.product).external_id.clone())
            .collect()
    }

    fn ask(r: &Recommender, cart: &[ProductIdx]) -> Vec<Suggestion> {
        r.recommend(&Query {
            cart,
            exclude: &[],
            limit: 10,
        })
    }

    #[test]
    fn the_linear_model_reorders_what_co_purchase_found() {
        let (mut r, ids) = shop();
        let lantern = ids["lantern"];
        assert_eq!(names(&r, &ask(&r, &[lantern]))[..2], ["candle", "mug"]);
        assert!(!r.linear_due(), "nine orders are too few to solve from");
        // A model that has seen the lantern go with the mug, and only with it.
        let orders = [[lantern, ids["mug"]]; 4];
        r.set_linear(LinearModel::solve(
            orders.iter().map(|o| &o[..]),
            10,
            1.0,
            1,
        ));
        r.settings.linear_weight = 2.0;
        let s = ask(&r, &[lantern]);
        assert_eq!(names(&r, &s)[..2], ["mug", "candle"]);
        assert!(s[0].parts.linear > 0.0);
        assert_eq!(
            s[1].parts.linear, 0.0,
            "the model knows nothing of the candle"
        );
        assert!(matches!(s[0].because, Because::BoughtWith(p) if p == lantern));
        // Weight 0: co-purchase alone, whatever the model says.
        r.settings.linear_weight = 0.0;
        assert_eq!(names(&r, &ask(&r, &[lantern]))[..2], ["candle", "mug"]);
        assert!(!r.linear_due());
    }

    fn rule(kind: RuleKind, from: ProductIdx, to: ProductIdx) -> crate::ProductRule {
        crate::ProductRule {
            kind,
            from: crate::RuleEnd::Product(from),
            to: crate::RuleEnd::Product(to),
        }
    }

    #[test]
    fn the_shops_rules_lift_their_targets_above_co_purchase() {
        let (mut r, ids) = shop();
        let before = names(&r, &ask(&r, &[ids["lantern"]]));
        assert_eq!(before[0], "candle");
        r.product_rules = ProductRules::new(
            &[],
            &[
                rule(RuleKind::Accessories, ids["lantern"], ids["tin"]),
                rule(RuleKind::Options, ids["lantern"], ids["bag"]),
                rule(RuleKind::Alternatives, ids["lantern"], ids["mug"]),
            ],
        );
        let s = ask(&r, &[ids["lantern"]]);
        // The tin was never bought with the lantern: the rule puts it first.
        assert_eq!(names(&r, &s)[..3], ["tin", "bag", "candle"]);
        assert_eq!(
            s[0].because,
            Because::Rule {
                from: ids["lantern"],
                kind: RuleKind::Accessories
            }
        );
        assert_eq!(
            r.reason(&s[0].because, Language::En),
            "An accessory for LANTERN"
        );
        assert_eq!(s[1].parts.product_rule, Some(RuleKind::Options));
        assert_eq!(
            r.reason(&s[1].because, Language::Es),
            "Una mejora para LANTERN"
        );
        assert!(s[0].score > s[1].score && s[1].score > s[2].score);
        // An alternative is a substitute: never suggested beside its product.
        assert!(!names(&r, &s).contains(&"mug".to_string()));
        // Stock still rules: an out-of-stock target is left out.
        r.catalog.upsert(Product {
            stock: Some(0),
            ..product("tin", &["kitchen"])
        });
        assert_eq!(names(&r, &ask(&r, &[ids["lantern"]]))[0], "bag");
        // Without the rules, the ranking is what it was.
        r.product_rules = ProductRules::default();
        r.catalog.upsert(product("tin", &["kitchen"]));
        assert_eq!(names(&r, &ask(&r, &[ids["lantern"]])), before);
    }

    #[test]
    fn unsaved_rules_rank_as_saved_ones_would_and_change_nothing() {
        let (mut r, ids) = shop();
        let before = ask(&r, &[ids["lantern"]]);
        let unsaved = ProductRules::new(&[], &[rule(RuleKind::Parts, ids["lantern"], ids["tin"])]);
        let deny = CategoryRules::new(vec![CategoryRule::new(
            "lighting",
            "candles",
            RuleEffect::Deny,
        )
        .unwrap()]);
        let cart = [ids["lantern"]];
        let q = Query {
            cart: &cart,
            exclude: &[],
            limit: 10,
        };
        let preview = r.recommend_with_rules(&q, &deny, &unsaved);
        // The shop's own rules are untouched…
        assert_eq!(ask(&r, &[ids["lantern"]]), before);
        // …and saving the same rules gives the preview's answer.
        r.product_rules = unsaved;
        r.rules = deny;
        assert_eq!(ask(&r, &[ids["lantern"]]), preview);
        assert_eq!(names(&r, &preview)[0], "tin");
        assert!(!names(&r, &preview).contains(&"candle".to_string()));
    }

    #[test]
    fn an_alternative_stands_in_for_an_out_of_stock_suggestion() {
        let (mut r, ids) = shop();
        r.catalog.upsert(Product {
            stock: Some(0),
            ..product("candle", &["candles"])
        });
        assert!(!names(&r, &ask(&r, &[ids["lantern"]])).contains(&"candle".to_string()));
        r.product_rules = ProductRules::new(
            &[],
            &[rule(RuleKind::Alternatives, ids["candle"], ids["tin"])],
        );
        let s = ask(&r, &[ids["lantern"]]);
        assert_eq!(names(&r, &s)[0], "tin", "in the candle's place");
        assert_eq!(s[0].parts.stands_in_for, Some(ids["candle"]));
        assert_eq!(s[0].because, Because::BoughtWith(ids["lantern"]));
    }

    #[test]
    fn the_popularity_prior_lifts_what_sells_whatever_the_cart() {
        let (mut r, ids) = shop();
        // Without it, the bag (3 orders, never with the lantern) only fills in, last.
        r.settings.popularity_prior = 0.0;
        let s = ask(&r, &[ids["lantern"]]);
        assert_eq!(names(&r, &s)[..3], ["candle", "mug", "bag"]);
        assert_eq!(s[2].because, Because::Popular);
        // A strong prior puts it before the mug, bought once with the lantern.
        r.settings.popularity_prior = 5.0;
        let s = ask(&r, &[ids["lantern"]]);
        assert_eq!(names(&r, &s)[..3], ["candle", "bag", "mug"]);
        assert_eq!(s[1].because, Because::Popular);
        assert!(s[1].parts.prior > 0.0 && s[1].parts.co_purchase == 0.0);
        assert!(s[0].parts.prior > 0.0 && s[0].parts.co_purchase > 0.0);
        // A negative prior counts as none.
        r.settings.popularity_prior = -1.0;
        assert_eq!(
            names(&r, &ask(&r, &[ids["lantern"]]))[..3],
            ["candle", "mug", "bag"]
        );
    }

    #[test]
    fn the_fast_path_answers_exactly_as_the_full_scan() {
        let mut c = Catalog::new();
        let ids: Vec<ProductIdx> = (0..600)
            .map(|i| c.upsert(product(&format!("p{i}"), &[&format!("c{}", i % 7)])))
            .collect();
        let mut r = Recommender::new(
            c,
            CoPurchase::new(ModelParams::default()),
            CategoryRules::default(),
            RankSettings::default(),
        );
        let mut x: u64 = 7;
        let mut next = |n: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) as usize) % n
        };
        for day in 0..4000 {
            // Skewed: low ids are popular, so their rows outgrow the front.
            let order: Vec<ProductIdx> = (0..2 + next(12))
                .map(|_| {
                    let top = 1 + next(600);
                    ids[next(top)]
                })
                .collect();
            r.add_order(&order, day as f64 / 10.0);
        }
        let mut fast = 0;
        for round in 0..200 {
            let cart: Vec<ProductIdx> = (0..1 + round % 4).map(|_| ids[next(60)]).collect();
            let cart = dedup(&cart);
            let exclude: Vec<ProductIdx> = (0..round % 3).map(|_| ids[next(100)]).collect();
            let ctx = r.context(&cart, &exclude, &r.rules, &r.product_rules);
            let limit = 1 + round % 10;
            if let Some(quick) = r.best_from_strongest(&cart, &ctx, limit, limit) {
                fast += 1;
                assert_eq!(
                    quick.out,
                    r.best_from_all(&cart, &ctx, limit, limit).out,
                    "cart {cart:?}"
                );
            }
        }
        assert!(fast > 100, "the fast path answered only {fast} of 200");
    }

    #[test]
    fn co_purchase_ranks_first_and_explains_itself() {
        let (r, p) = shop();
        let s = ask(&r, &[p["lantern"]]);
        assert_eq!(&names(&r, &s)[..2], ["candle", "mug"]);
        assert_eq!(s[0].because, Because::BoughtWith(p["lantern"]));
        assert_eq!(
            r.reason(&s[0].because, Language::En),
            "Often bought with LANTERN"
        );
        assert_eq!(
            r.reason(&s[0].because, Language::Es),
            "Se compra a menudo con LANTERN"
        );
        assert!(s[0].parts.co_purchase > s[1].parts.co_purchase);
    }

    #[test]
    fn cart_and_seen_products_never_come_back() {
        let (r, p) = shop();
        let s = r.recommend(&Query {
            cart: &[p["lantern"]],
            exclude: &[p["candle"]],
            limit: 10,
        });
        let n = names(&r, &s);
        assert!(
            !n.contains(&"lantern".to_string()) && !n.contains(&"candle".to_string()),
            "{n:?}"
        );
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
        r.rules = CategoryRules::new(vec![CategoryRule::new(
            "lighting",
            "candles",
            RuleEffect::Deny,
        )
        .unwrap()]);
        assert!(!names(&r, &ask(&r, &[p["lantern"]])).contains(&"candle".to_string()));
        r.rules = CategoryRules::new(vec![CategoryRule::new(
            "lighting",
            "kitchen",
            RuleEffect::Boost(50.0),
        )
        .unwrap()]);
        assert_eq!(names(&r, &ask(&r, &[p["lantern"]]))[0], "mug");
    }

    #[test]
    fn margin_lifts_between_equals() {
        let (mut r, p) = shop();
        // mug and a new twin with the same history: the twin has the better margin.
        let twin = r.catalog.upsert(Product {
            cost: Some(1.0),
            ..product("mug2", &["kitchen"])
        });
        r.add_order(&[p["lantern"], twin], 0.0);
        let s = ask(&r, &[p["lantern"]]);
        let pos = |x| s.iter().position(|s| s.product == x).unwrap();
        assert!(pos(twin) < pos(p["mug"]));
        assert!(s[pos(twin)].parts.margin > 1.0);
    }

    #[test]
    fn one_variant_per_family_and_none_of_the_cart_family() {
        let mut c = Catalog::new();
        let mut fam = |ext: &str, f: &str| {
            c.upsert(Product {
                family: Some(f.into()),
                ..product(ext, &["bags"])
            })
        };
        let red = fam("bag-red", "bag");
        let blue = fam("bag-blue", "bag");
        let pink = fam("bag-pink", "bag");
        let tin_a = fam("tin-a", "tin");
        let tin_b = fam("tin-b", "tin");
        let mut r = Recommender::new(
            c,
            CoPurchase::new(ModelParams::default()),
            CategoryRules::default(),
            RankSettings::default(),
        );
        r.add_order(&[red, blue, pink, tin_a, tin_b], 0.0);
        let s = ask(&r, &[red]);
        assert!(s.iter().all(|s| s.product != blue && s.product != pink));
        assert_eq!(
            s.iter()
                .filter(|s| s.product == tin_a || s.product == tin_b)
                .count(),
            1
        );
    }

    #[test]
    fn same_name_start_is_capped() {
        let mut c = Catalog::new();
        let cart = c.upsert(product("lamp", &["lighting"]));
        let bags: Vec<_> = (0..6)
            .map(|i| {
                c.upsert(Product {
                    name: format!("JUMBO BAG {i}"),
                    ..product(&format!("b{i}"), &["bags"])
                })
            })
            .collect();
        let mut r = Recommender::new(
            c,
            CoPurchase::new(ModelParams::default()),
            CategoryRules::default(),
            RankSettings::default(),
        );
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
        assert_eq!(
            r.reason(&s[0].because, Language::En),
            "Goes well with NEW-LAMP"
        );
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
        assert_eq!(
            ask(&r, &[p["bag"]])[0].because,
            Because::Popular,
            "no history for bag yet"
        );
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
        assert!(r
            .recommend(&Query {
                cart: &[p["lantern"]],
                exclude: &[],
                limit: 0
            })
            .is_empty());
    }
}

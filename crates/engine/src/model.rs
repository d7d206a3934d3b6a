//! Item-to-item co-purchase, learned from closed orders and updated one order at a time.
//!
//! Two products in one order count for each other, more when they stood close in the
//! order's line order (shoppers add related things one after another), and newer
//! orders weigh more (a half-life in days). [`CoPurchase::affinity`] divides the
//! count by the cart product's order count and the candidate's, each to a power;
//! the offline evaluation chose the defaults (see `docs/benchmarks.md`): dividing
//! by the candidate's count at all lost hit rate on this shop, so its power is 0.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::catalog::{Catalog, ProductIdx};

/// The model's knobs. The defaults are the values the evaluation chose.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelParams {
    /// Pairs further apart than this in an order's line order are not counted.
    pub window: usize,
    /// Weight of a pair whose second product came later in the order.
    pub forward: f32,
    /// Weight of a pair whose second product came earlier.
    pub backward: f32,
    /// A pair `d` lines apart weighs `1 / (1 + decay * (d - 1))`.
    pub decay: f32,
    /// Exponent of the cart product's order count in the normalisation.
    pub source_norm: f32,
    /// Exponent of the candidate's order count in the normalisation.
    pub target_norm: f32,
    /// An order's weight halves every this many days of age (0: all orders weigh
    /// the same). Done incrementally: newer orders weigh more, nothing old is touched.
    pub half_life_days: f32,
}

impl Default for ModelParams {
    fn default() -> Self {
        ModelParams {
            window: 50,
            forward: 1.0,
            backward: 1.0,
            decay: 0.1,
            source_norm: 0.75,
            target_norm: 0.0,
            half_life_days: 120.0,
        }
    }
}

/// Co-purchase counts of one shop.
#[derive(Clone, Debug, Default)]
pub struct CoPurchase {
    params: ModelParams,
    /// `pairs[a][b]`: weighted count of orders where `b` went with `a`.
    pairs: Vec<FxHashMap<u32, f32>>,
    /// `fronts[a]`: the strongest of `pairs[a]`, cached until `a`'s next order.
    fronts: Vec<OnceLock<Front>>,
    /// Number of orders that hold each product.
    orders_with: Vec<u32>,
    /// The same, weighted by the orders' age (for the normalisation).
    weight_with: Vec<f32>,
    /// All orders, weighted by age: `weight_with[p] / weight_total` is `p`'s share.
    weight_total: f32,
    /// Products by `weight_with`, most first, worked out on first use after a change.
    by_popularity: OnceLock<Vec<u32>>,
    /// Day (since 1970) at which an order weighs 1; rebased as time goes on.
    reference_day: Option<f64>,
    /// Category-level co-purchase, for products with no history of their own.
    category_pairs: FxHashMap<(u32, u32), f32>,
    category_orders: Vec<u32>,
    orders: u64,
}

/// How many of a product's strongest neighbours are kept sorted for ranking,
/// which reads them first and only reads the rest when they could change the answer.
pub const STRONGEST: usize = 1024;

/// A product's strongest neighbours, strongest first, worked out on first use
/// after a change.
#[derive(Clone, Debug, Default)]
struct Front {
    ids: Vec<u32>,
    weights: Vec<f32>,
    /// The largest count a neighbour outside `ids` can have.
    floor: f32,
}

impl CoPurchase {
    pub fn new(params: ModelParams) -> Self {
        CoPurchase {
            params,
            ..Default::default()
        }
    }

    pub fn params(&self) -> &ModelParams {
        &self.params
    }

    /// Number of orders learned from.
    pub fn orders(&self) -> u64 {
        self.orders
    }

    /// Learns one closed order: its distinct products in line order (repeats are
    /// ignored), closed on `day` (days since 1970). Cost is `O(n * window)` map updates.
    pub fn add_order(&mut self, catalog: &Catalog, items: &[ProductIdx], day: f64) {
        let mut seen = rustc_hash::FxHashSet::default();
        let items: Vec<ProductIdx> = items.iter().copied().filter(|i| seen.insert(*i)).collect();
        if items.is_empty() {
            return;
        }
        let max = items.iter().map(|i| i.get()).max().unwrap_or(0);
        if self.pairs.len() <= max {
            self.pairs.resize_with(max + 1, FxHashMap::default);
            self.fronts.resize_with(max + 1, OnceLock::new);
            self.orders_with.resize(max + 1, 0);
            self.weight_with.resize(max + 1, 0.0);
        }
        self.orders += 1;
        let age_weight = self.age_weight(day);
        self.weight_total += age_weight;
        self.by_popularity.take();
        let p = &self.params;
        for (i, &a) in items.iter().enumerate() {
            self.orders_with[a.get()] += 1;
            self.fronts[a.get()].take();
            self.weight_with[a.get()] += age_weight;
            let lo = i.saturating_sub(p.window);
            let hi = (i + p.window + 1).min(items.len());
            for (j, &b) in items.iter().enumerate().take(hi).skip(lo) {
                if i == j {
                    continue;
                }
                let d = i.abs_diff(j) as f32;
                let direction = if j > i { p.forward } else { p.backward };
                let w = age_weight * direction / (1.0 + p.decay * (d - 1.0));
                *self.pairs[a.get()].entry(b.0).or_insert(0.0) += w;
            }
        }
        self.add_categories(catalog, &items);
    }

    /// `2^((day - reference) / half_life)`. When that grows large, every stored
    /// weight is scaled down once and the reference moves, so floats never overflow.
    fn age_weight(&mut self, day: f64) -> f32 {
        let half_life = self.params.half_life_days as f64;
        if half_life <= 0.0 {
            return 1.0;
        }
        let reference = *self.reference_day.get_or_insert(day);
        let exponent = (day - reference) / half_life;
        if exponent > 40.0 {
            let scale = (2f64).powf(-exponent) as f32;
            for row in &mut self.pairs {
                for w in row.values_mut() {
                    *w *= scale;
                }
            }
            self.fronts.iter_mut().for_each(|f| drop(f.take()));
            for w in &mut self.weight_with {
                *w *= scale;
            }
            self.weight_total *= scale;
            self.reference_day = Some(day);
            return 1.0;
        }
        (2f64).powf(exponent) as f32
    }

    fn add_categories(&mut self, catalog: &Catalog, items: &[ProductIdx]) {
        if self.category_orders.len() < catalog.category_count() {
            self.category_orders.resize(catalog.category_count(), 0);
        }
        let mut cats: Vec<u32> = items
            .iter()
            .flat_map(|&i| catalog.category_ids(i).iter().copied())
            .collect();
        cats.sort_unstable();
        cats.dedup();
        for &a in &cats {
            self.category_orders[a as usize] += 1;
            for &b in &cats {
                if a != b {
                    *self.category_pairs.entry((a, b)).or_insert(0.0) += 1.0;
                }
            }
        }
    }

    /// Number of orders holding `item`.
    pub fn popularity(&self, item: ProductIdx) -> u32 {
        self.orders_with.get(item.get()).copied().unwrap_or(0)
    }

    /// Share of orders holding `item`, newer orders weighing more (the half-life).
    pub fn order_share(&self, item: ProductIdx) -> f64 {
        if self.weight_total <= 0.0 {
            return 0.0;
        }
        self.weight_with.get(item.get()).copied().unwrap_or(0.0) as f64 / self.weight_total as f64
    }

    /// `item`'s age-weighted order count (what the normalisation divides by).
    pub fn order_weight(&self, item: ProductIdx) -> f64 {
        self.weight_with.get(item.get()).copied().unwrap_or(0.0) as f64
    }

    /// Products in order of [`order_share`](Self::order_share), largest first.
    pub fn most_ordered(&self) -> &[u32] {
        self.by_popularity.get_or_init(|| {
            let mut all: Vec<u32> = (0..self.weight_with.len() as u32)
                .filter(|&p| self.weight_with[p as usize] > 0.0)
                .collect();
            all.sort_by(|&a, &b| {
                self.weight_with[b as usize]
                    .total_cmp(&self.weight_with[a as usize])
                    .then(a.cmp(&b))
            });
            all
        })
    }

    /// Products bought with `item`, with their raw weighted counts.
    pub fn neighbours(&self, item: ProductIdx) -> impl Iterator<Item = (ProductIdx, f32)> + '_ {
        self.pairs
            .get(item.get())
            .into_iter()
            .flat_map(|m| m.iter().map(|(&b, &w)| (ProductIdx(b), w)))
    }

    /// The `depth` strongest of [`neighbours`](Self::neighbours), strongest first
    /// (fewer when the row is shorter; `depth` at most [`STRONGEST`]).
    pub fn strongest(
        &self,
        item: ProductIdx,
        depth: usize,
    ) -> impl Iterator<Item = ProductIdx> + '_ {
        self.front(item)
            .into_iter()
            .flat_map(move |f| f.ids.iter().take(depth).map(|&b| ProductIdx(b)))
    }

    /// The largest raw count of a neighbour of `item` that is not among its `depth`
    /// strongest (0 when there is none).
    pub fn strongest_floor(&self, item: ProductIdx, depth: usize) -> f32 {
        self.front(item)
            .map_or(0.0, |f| f.weights.get(depth).copied().unwrap_or(f.floor))
    }

    /// Worked out when first asked for after a change: orders come one at a time,
    /// carts are asked about far more often, and the build stays a plain count.
    fn front(&self, item: ProductIdx) -> Option<&Front> {
        let row = self.pairs.get(item.get())?;
        Some(self.fronts[item.get()].get_or_init(|| {
            let mut all: Vec<(f32, u32)> = row.iter().map(|(&b, &w)| (w, b)).collect();
            let strongest_first =
                |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
            let mut floor = 0.0;
            if all.len() > STRONGEST {
                all.select_nth_unstable_by(STRONGEST, strongest_first);
                floor = all[STRONGEST].0;
                all.truncate(STRONGEST);
            }
            all.sort_unstable_by(strongest_first);
            Front {
                ids: all.iter().map(|p| p.1).collect(),
                weights: all.iter().map(|p| p.0).collect(),
                floor,
            }
        }))
    }

    /// The raw count of `candidate` bought with `item`.
    pub fn weight(&self, item: ProductIdx, candidate: ProductIdx) -> f32 {
        self.pairs
            .get(item.get())
            .and_then(|m| m.get(&candidate.0))
            .copied()
            .unwrap_or(0.0)
    }

    /// How strongly `candidate` goes with `source`, given their raw count: the count
    /// times both normalisation factors.
    pub fn affinity(&self, source: ProductIdx, candidate: ProductIdx, raw: f32) -> f64 {
        raw as f64 * self.source_factor(source) * self.target_factor(candidate)
    }

    /// `1 / weight(item)^source_norm`: computed once per cart product, not per pair.
    pub fn source_factor(&self, item: ProductIdx) -> f64 {
        self.inverse_weight(item, self.params.source_norm)
    }

    /// `1 / weight(item)^target_norm` (1 when the exponent is 0, as it is by default).
    pub fn target_factor(&self, item: ProductIdx) -> f64 {
        self.inverse_weight(item, self.params.target_norm)
    }

    fn inverse_weight(&self, item: ProductIdx, exponent: f32) -> f64 {
        if exponent == 0.0 {
            return 1.0;
        }
        let w = self
            .weight_with
            .get(item.get())
            .copied()
            .unwrap_or(0.0)
            .max(1e-9) as f64;
        w.powf(-(exponent as f64))
    }

    /// Share of orders with category `from` that also hold category `to`.
    pub fn category_affinity(&self, from: u32, to: u32) -> f64 {
        if from == to {
            return 1.0;
        }
        let n = self
            .category_orders
            .get(from as usize)
            .copied()
            .unwrap_or(0);
        if n == 0 {
            return 0.0;
        }
        self.category_pairs.get(&(from, to)).copied().unwrap_or(0.0) as f64 / n as f64
    }

    /// Number of distinct product pairs held (a measure of the model's size).
    pub fn pair_count(&self) -> usize {
        self.pairs.iter().map(|m| m.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::product;

    fn catalog(n: usize) -> (Catalog, Vec<ProductIdx>) {
        let mut c = Catalog::new();
        let ids = (0..n)
            .map(|i| {
                c.upsert(product(
                    &format!("p{i}"),
                    &[if i % 2 == 0 { "even" } else { "odd" }],
                ))
            })
            .collect();
        (c, ids)
    }

    #[test]
    fn counts_pairs_both_ways_with_direction_and_distance() {
        let (c, p) = catalog(3);
        let mut m = CoPurchase::new(ModelParams {
            window: 5,
            forward: 1.0,
            backward: 0.5,
            decay: 1.0,
            ..Default::default()
        });
        m.add_order(&c, &[p[0], p[1], p[2]], 0.0);
        let w =
            |a: ProductIdx, b: ProductIdx| m.neighbours(a).find(|(x, _)| *x == b).map(|(_, w)| w);
        assert_eq!(w(p[0], p[1]), Some(1.0));
        assert_eq!(w(p[1], p[0]), Some(0.5));
        assert_eq!(
            w(p[0], p[2]),
            Some(0.5),
            "two lines apart weighs half with decay 1"
        );
        assert_eq!(m.popularity(p[1]), 1);
        assert_eq!(m.orders(), 1);
    }

    #[test]
    fn the_strongest_neighbours_follow_every_order() {
        let n = STRONGEST + 300;
        let (c, p) = catalog(n + 1);
        // p[0] with each p[k] once, on shuffled days: newer orders weigh more, so
        // every neighbour has its own weight.
        let mut m = CoPurchase::new(ModelParams {
            half_life_days: 100.0,
            ..Default::default()
        });
        for k in 1..=n {
            m.add_order(&c, &[p[0], p[k]], ((k * 7919) % n) as f64);
        }
        let mut all: Vec<(f32, ProductIdx)> = m.neighbours(p[0]).map(|(b, w)| (w, b)).collect();
        all.sort_by(|a, b| b.0.total_cmp(&a.0));
        let front: Vec<ProductIdx> = m.strongest(p[0], STRONGEST).collect();
        assert_eq!(
            front,
            all[..STRONGEST].iter().map(|x| x.1).collect::<Vec<_>>(),
            "exactly the strongest, strongest first"
        );
        assert_eq!(m.strongest_floor(p[0], STRONGEST), all[STRONGEST].0);
        assert_eq!(m.strongest_floor(p[0], 10), all[10].0);
        assert_eq!(m.strongest(p[0], 10).count(), 10);
        assert_eq!(m.weight(p[0], all[0].1), all[0].0);
        assert_eq!(m.weight(p[0], p[0]), 0.0);
        // A new order changes the front at once.
        let last = all[n - 1].1;
        m.add_order(&c, &[p[0], last], n as f64 + 500.0);
        assert_eq!(m.strongest(p[0], 1).next(), Some(last));
        // A short row has no floor.
        assert_eq!(m.strongest_floor(p[1], STRONGEST), 0.0);
        assert_eq!(m.strongest(p[1], STRONGEST).collect::<Vec<_>>(), [p[0]]);
    }

    #[test]
    fn window_limits_pairs_and_repeats_are_ignored() {
        let (c, p) = catalog(4);
        let mut m = CoPurchase::new(ModelParams {
            window: 1,
            ..Default::default()
        });
        m.add_order(&c, &[p[0], p[1], p[0], p[2], p[3]], 0.0);
        assert_eq!(m.popularity(p[0]), 1);
        assert!(m.neighbours(p[0]).all(|(x, _)| x == p[1]));
        assert_eq!(m.pair_count(), 6);
    }

    #[test]
    fn normalisation_lowers_bestsellers() {
        let (c, p) = catalog(4);
        let mut m = CoPurchase::new(ModelParams {
            target_norm: 0.5,
            decay: 0.0,
            ..Default::default()
        });
        for _ in 0..10 {
            m.add_order(&c, &[p[3]], 0.0);
        }
        m.add_order(&c, &[p[0], p[1], p[3]], 0.0);
        let raw1 = m.neighbours(p[0]).find(|(x, _)| *x == p[1]).unwrap().1;
        let raw3 = m.neighbours(p[0]).find(|(x, _)| *x == p[3]).unwrap().1;
        assert!(m.affinity(p[0], p[1], raw1) > m.affinity(p[0], p[3], raw3));
    }

    #[test]
    fn newer_orders_weigh_more_with_a_half_life() {
        let (c, p) = catalog(3);
        let mut m = CoPurchase::new(ModelParams {
            half_life_days: 10.0,
            ..Default::default()
        });
        m.add_order(&c, &[p[0], p[1]], 100.0);
        m.add_order(&c, &[p[0], p[2]], 110.0);
        let w =
            |m: &CoPurchase, b: ProductIdx| m.neighbours(p[0]).find(|(x, _)| *x == b).unwrap().1;
        assert_eq!(
            w(&m, p[2]),
            2.0 * w(&m, p[1]),
            "ten days newer weighs twice"
        );
        // Years later the weights are rebased, and newer still dominates.
        m.add_order(&c, &[p[0], p[1]], 110.0 + 10.0 * 50.0);
        let (a, b) = (w(&m, p[1]), w(&m, p[2]));
        assert!(a.is_finite() && b.is_finite() && a > b * 1e6);
    }

    #[test]
    fn category_affinity_is_a_share_of_orders() {
        let (c, p) = catalog(4);
        let mut m = CoPurchase::new(ModelParams::default());
        m.add_order(&c, &[p[0], p[1]], 0.0);
        m.add_order(&c, &[p[2]], 0.0);
        let even = c.category_ids(p[0])[0];
        let odd = c.category_ids(p[1])[0];
        assert_eq!(m.category_affinity(even, odd), 0.5);
        assert_eq!(m.category_affinity(odd, even), 1.0);
    }
}

//! The offline evaluation protocol that decides the model's parameters.
//!
//! Train on orders before a date, test on the orders after it (`cartlift eval` does
//! this once a month, rolling the date forward). A test case is an
//! order with at least two distinct products known in training, in line order; the
//! cart is its first `k` products (`k` in `1..=min(5, n-1)`), the targets the rest.
//! A ranker returns products not in the cart; HR@N, Recall@N and NDCG@N are averaged
//! over the cases. The baselines (popularity, raw co-occurrence, EASE) are scored on
//! the same cases.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalog::ProductIdx;
use crate::linear::LinearModel;

/// One cart and the products the shopper went on to buy.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    pub cart: Vec<ProductIdx>,
    pub targets: Vec<ProductIdx>,
}

/// Averages over the cases.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    pub cases: usize,
    pub hit_rate: f64,
    pub recall: f64,
    pub ndcg: f64,
}

/// The cases of the protocol from test orders (distinct products in line order).
pub fn cases(
    test_orders: &[Vec<ProductIdx>],
    known: impl Fn(ProductIdx) -> bool,
    max_cart: usize,
) -> Vec<Case> {
    let mut out = Vec::new();
    for order in test_orders {
        let mut seen = FxHashSet::default();
        let items: Vec<ProductIdx> = order
            .iter()
            .copied()
            .filter(|p| known(*p) && seen.insert(*p))
            .collect();
        if items.len() < 2 {
            continue;
        }
        for k in 1..=max_cart.min(items.len() - 1) {
            out.push(Case {
                cart: items[..k].to_vec(),
                targets: items[k..].to_vec(),
            });
        }
    }
    out
}

/// Scores a ranker on the cases: `rank(cart)` returns products best first; only the
/// first `n` count and cart products are skipped.
pub fn evaluate(
    cases: &[Case],
    n: usize,
    mut rank: impl FnMut(&[ProductIdx]) -> Vec<ProductIdx>,
) -> Metrics {
    let mut scores = Scores::default();
    for case in cases {
        scores.add(case, &rank(&case.cart), n);
    }
    scores.metrics()
}

/// The metrics of cases added one at a time (the replay of a shop's orders asks
/// each order's carts, then learns the order).
#[derive(Clone, Debug, Default)]
pub struct Scores {
    sum: Metrics,
}

impl Scores {
    /// Scores one case from a ranking (best first; cart products skipped, the
    /// first `n` of the rest count). True when one of them was bought.
    pub fn add(&mut self, case: &Case, ranked: &[ProductIdx], n: usize) -> bool {
        let targets: FxHashSet<ProductIdx> = case.targets.iter().copied().collect();
        let mut hits = 0usize;
        let mut dcg = 0.0;
        let top = ranked.iter().filter(|p| !case.cart.contains(p)).take(n);
        for (i, p) in top.enumerate() {
            if targets.contains(p) {
                hits += 1;
                dcg += 1.0 / ((i + 2) as f64).log2();
            }
        }
        let ideal: f64 = (0..targets.len().min(n))
            .map(|i| 1.0 / ((i + 2) as f64).log2())
            .sum();
        self.sum.cases += 1;
        self.sum.hit_rate += (hits > 0) as u8 as f64;
        self.sum.recall += hits as f64 / targets.len() as f64;
        self.sum.ndcg += dcg / ideal;
        hits > 0
    }

    /// The averages over the cases added so far.
    pub fn metrics(&self) -> Metrics {
        let c = self.sum.cases.max(1) as f64;
        Metrics {
            cases: self.sum.cases,
            hit_rate: self.sum.hit_rate / c,
            recall: self.sum.recall / c,
            ndcg: self.sum.ndcg / c,
        }
    }
}

/// A ranker the protocol asks about carts and, when it replays the test orders as
/// the shop lived them, teaches each order once its carts were asked.
pub trait Ranker {
    /// Products for `cart`, best first; at least the first `n` not in the cart
    /// when it has that many.
    fn rank(&mut self, cart: &[ProductIdx], n: usize) -> Vec<ProductIdx>;
    /// Learns a closed order, closed on `day` (days since 1970).
    fn learn(&mut self, order: &[ProductIdx], day: f64);
}

/// cartlift itself: the same ranking the endpoint serves, updated per order.
impl Ranker for crate::Recommender {
    fn rank(&mut self, cart: &[ProductIdx], n: usize) -> Vec<ProductIdx> {
        self.top_products(cart, n)
    }
    fn learn(&mut self, order: &[ProductIdx], day: f64) {
        self.add_order(order, day);
    }
}

/// Baseline: the products in most orders, whatever the cart.
#[derive(Clone, Debug, Default)]
pub struct Popularity {
    orders: FxHashMap<ProductIdx, u32>,
    /// The ranking, rebuilt on the next question after an order was learned.
    ranked: Option<Vec<ProductIdx>>,
}

impl Popularity {
    pub fn new(train: &[Vec<ProductIdx>]) -> Self {
        learned(train)
    }
}

/// A baseline that has learned the training orders (their days do not count).
fn learned<R: Ranker + Default>(train: &[Vec<ProductIdx>]) -> R {
    let mut r = R::default();
    for order in train {
        r.learn(order, 0.0);
    }
    r
}

impl Ranker for Popularity {
    fn rank(&mut self, cart: &[ProductIdx], n: usize) -> Vec<ProductIdx> {
        let orders = &self.orders;
        let ranked = self.ranked.get_or_insert_with(|| {
            let mut v: Vec<(ProductIdx, u32)> = orders.iter().map(|(&p, &c)| (p, c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v.into_iter().map(|(p, _)| p).collect()
        });
        ranked.iter().copied().take(n + cart.len()).collect()
    }
    fn learn(&mut self, order: &[ProductIdx], _day: f64) {
        let distinct: FxHashSet<ProductIdx> = order.iter().copied().collect();
        for p in distinct {
            *self.orders.entry(p).or_insert(0) += 1;
        }
        self.ranked = None;
    }
}

/// Baseline: the products in most training orders, whatever the cart.
pub fn popularity_ranker(
    train: &[Vec<ProductIdx>],
    n: usize,
) -> impl FnMut(&[ProductIdx]) -> Vec<ProductIdx> {
    let mut popularity = Popularity::new(train);
    let top = popularity.rank(&[], n + 5);
    move |_cart| top.clone()
}

/// Baseline: the sum over the cart of the number of orders holding both.
#[derive(Clone, Debug, Default)]
pub struct CoOccurrence {
    pairs: FxHashMap<ProductIdx, FxHashMap<ProductIdx, u32>>,
}

impl CoOccurrence {
    pub fn new(train: &[Vec<ProductIdx>]) -> Self {
        learned(train)
    }
}

impl Ranker for CoOccurrence {
    fn rank(&mut self, cart: &[ProductIdx], _n: usize) -> Vec<ProductIdx> {
        let mut acc: FxHashMap<ProductIdx, u32> = FxHashMap::default();
        for c in cart {
            for (&b, &w) in self.pairs.get(c).into_iter().flatten() {
                *acc.entry(b).or_insert(0) += w;
            }
        }
        let mut v: Vec<(ProductIdx, u32)> = acc.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(p, _)| p).collect()
    }
    fn learn(&mut self, order: &[ProductIdx], _day: f64) {
        let mut distinct: Vec<ProductIdx> = order.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        for &a in &distinct {
            let row = self.pairs.entry(a).or_default();
            for &b in &distinct {
                if a != b {
                    *row.entry(b).or_insert(0) += 1;
                }
            }
        }
    }
}

/// Baseline: EASE alone ([`LinearModel`]) over the `max_products` products in most
/// training orders (a product outside the set neither scores nor is suggested).
/// It has no update per order: learning keeps the order and solves again from all
/// of them once `refit_days` have passed since the last solve (never when that is 0).
pub struct Ease {
    max_products: usize,
    lambda: f64,
    refit_days: f64,
    orders: Vec<Vec<ProductIdx>>,
    solved_on: Option<f64>,
    model: LinearModel,
}

impl Ease {
    pub fn new(
        train: &[Vec<ProductIdx>],
        max_products: usize,
        lambda: f64,
        refit_days: f64,
    ) -> Self {
        Ease {
            max_products,
            lambda,
            refit_days,
            orders: if refit_days > 0.0 {
                train.to_vec()
            } else {
                Vec::new()
            },
            solved_on: None,
            model: LinearModel::solve(
                train.iter().map(Vec::as_slice),
                max_products,
                lambda,
                crate::linear::all_cores(),
            ),
        }
    }
}

impl Ranker for Ease {
    fn rank(&mut self, cart: &[ProductIdx], _n: usize) -> Vec<ProductIdx> {
        let score = self.model.scores(&self.model.rows(cart));
        // Ties (a cart the model does not know) fall back to the most ordered.
        let mut order: Vec<usize> = (0..score.len()).collect();
        order.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        let kept = self.model.kept();
        order.into_iter().take(50).map(|j| kept[j]).collect()
    }
    fn learn(&mut self, order: &[ProductIdx], day: f64) {
        if self.refit_days <= 0.0 {
            return;
        }
        self.orders.push(order.to_vec());
        let solved_on = *self.solved_on.get_or_insert(day);
        if day - solved_on >= self.refit_days {
            self.model = LinearModel::solve(
                self.orders.iter().map(Vec::as_slice),
                self.max_products,
                self.lambda,
                crate::linear::all_cores(),
            );
            self.solved_on = Some(day);
        }
    }
}

/// cartlift as the server runs it: co-purchase learns each order at once, and the
/// linear model is solved again from every order whenever it is due.
pub struct LiveShop {
    pub recommender: crate::Recommender,
    orders: Vec<Vec<ProductIdx>>,
    /// The linear model's products and `λ` (the server's: [`crate::linear::MAX_PRODUCTS`],
    /// [`crate::linear::LAMBDA`]).
    linear: (usize, f64),
}

impl LiveShop {
    /// `recommender` has learned `train`; its linear model is solved from them.
    pub fn new(recommender: crate::Recommender, train: &[Vec<ProductIdx>]) -> Self {
        Self::with_linear(
            recommender,
            train,
            crate::linear::MAX_PRODUCTS,
            crate::linear::LAMBDA,
        )
    }

    /// Like [`LiveShop::new`], with the linear model over `products` at `lambda`.
    pub fn with_linear(
        recommender: crate::Recommender,
        train: &[Vec<ProductIdx>],
        products: usize,
        lambda: f64,
    ) -> Self {
        let mut shop = LiveShop {
            recommender,
            orders: train.to_vec(),
            linear: (products, lambda),
        };
        shop.solve_if_due();
        shop
    }

    fn solve_if_due(&mut self) {
        if self.recommender.linear_due() {
            self.recommender.set_linear(LinearModel::solve(
                self.orders.iter().map(Vec::as_slice),
                self.linear.0,
                self.linear.1,
                crate::linear::all_cores(),
            ));
        }
    }
}

impl Ranker for LiveShop {
    fn rank(&mut self, cart: &[ProductIdx], n: usize) -> Vec<ProductIdx> {
        self.recommender.top_products(cart, n)
    }
    fn learn(&mut self, order: &[ProductIdx], day: f64) {
        self.recommender.add_order(order, day);
        self.orders.push(order.to_vec());
        self.solve_if_due();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: u32) -> ProductIdx {
        ProductIdx(i)
    }

    #[test]
    fn cases_follow_the_protocol() {
        let known: FxHashSet<ProductIdx> = [1, 2, 3, 4, 5, 6, 7].map(p).into_iter().collect();
        let orders = vec![
            vec![p(1), p(9), p(2), p(1), p(3)],
            vec![p(4)],
            (1..=7).map(p).collect(),
        ];
        let c = cases(&orders, |p| known.contains(&p), 5);
        // first order: [1,2,3] -> k = 1, 2; second: too short; third: 7 items -> k = 1..=5.
        assert_eq!(c.len(), 2 + 5);
        assert_eq!(
            c[0],
            Case {
                cart: vec![p(1)],
                targets: vec![p(2), p(3)]
            }
        );
        assert_eq!(
            c[1],
            Case {
                cart: vec![p(1), p(2)],
                targets: vec![p(3)]
            }
        );
    }

    #[test]
    fn metrics_of_a_known_ranking() {
        let cases = vec![
            Case {
                cart: vec![p(1)],
                targets: vec![p(2), p(3)],
            },
            Case {
                cart: vec![p(1)],
                targets: vec![p(9)],
            },
        ];
        // Ranks the cart item first (skipped), then 3, then 4.
        let m = evaluate(&cases, 2, |_| vec![p(1), p(3), p(4)]);
        assert_eq!(m.cases, 2);
        assert_eq!(m.hit_rate, 0.5);
        assert_eq!(m.recall, 0.25);
        let ideal = 1.0 + 1.0 / 3f64.log2();
        assert!((m.ndcg - (1.0 / ideal) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn ease_ranks_what_went_with_the_cart_among_the_products_it_keeps() {
        let train = vec![
            vec![p(1), p(2)],
            vec![p(1), p(2)],
            vec![p(1), p(2), p(3)],
            vec![p(3), p(4)],
            vec![p(3), p(4)],
            vec![p(3)],
        ];
        let first_other = |top: Vec<ProductIdx>| top.into_iter().find(|&q| q != p(1));
        assert_eq!(
            first_other(Ease::new(&train, 10, 0.5, 0.0).rank(&[p(1)], 2)),
            Some(p(2))
        );
        assert_eq!(
            first_other(Ease::new(&train, 10, 0.5, 0.0).rank(&[p(4)], 2)),
            Some(p(3))
        );
        // Only the two most ordered products (3, then 1 before 2 on a tie) are modelled.
        let mut kept = Ease::new(&train, 2, 0.5, 0.0).rank(&[p(1)], 2);
        kept.sort();
        assert_eq!(kept, vec![p(1), p(3)]);
    }

    #[test]
    fn baselines_learn_orders_as_they_close() {
        let train = vec![vec![p(1), p(2)], vec![p(1), p(2)]];
        let mut popularity = Popularity::new(&train);
        let mut co_occurrence = CoOccurrence::new(&train);
        let mut ease = Ease::new(&train, 10, 0.5, 7.0);
        for day in [100.0, 101.0, 102.0] {
            for r in [
                &mut popularity as &mut dyn Ranker,
                &mut co_occurrence,
                &mut ease,
            ] {
                r.learn(&[p(3), p(4)], day);
            }
        }
        assert_eq!(popularity.rank(&[], 2), vec![p(3), p(4)]);
        assert_eq!(co_occurrence.rank(&[p(3)], 2), vec![p(4)]);
        // EASE solves again only a week after it last did: until then 3 and 4 are unknown.
        let mut top = ease.rank(&[p(3)], 2);
        top.sort();
        assert_eq!(top, vec![p(1), p(2)]);
        ease.learn(&[p(3), p(4)], 107.0);
        let first_other = ease.rank(&[p(3)], 2).into_iter().find(|&q| q != p(3));
        assert_eq!(first_other, Some(p(4)));
    }

    #[test]
    fn baselines_rank_as_defined() {
        let train = vec![
            vec![p(1), p(2)],
            vec![p(1), p(2)],
            vec![p(1), p(3)],
            vec![p(3)],
            vec![p(3)],
        ];
        assert_eq!(popularity_ranker(&train, 2)(&[]), vec![p(1), p(3), p(2)]);
        assert_eq!(CoOccurrence::new(&train).rank(&[p(1)], 2), vec![p(2), p(3)]);
    }
}

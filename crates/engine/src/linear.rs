//! A second opinion solved from all orders at once: EASE (Steck, 2019), the
//! closed-form linear item-item model `B = I - P·diag(1/diag(P))` with
//! `P = (XᵀX + λI)⁻¹`.
//!
//! Co-purchase ([`crate::model`]) learns each order in place and scores a candidate
//! by the cart's products one at a time. This model weighs the whole cart at once:
//! what a product adds *given* the others, so a product that goes with everything
//! counts for less. Its cost is cubic in products, so it keeps a shop's most ordered
//! [`MAX_PRODUCTS`] only and has no update per order: the caller solves it again,
//! off the request path, once [`Recommender::linear_due`](crate::Recommender::linear_due)
//! says enough orders came in. The ranking blends it into co-purchase
//! ([`RankSettings::linear_weight`](crate::RankSettings::linear_weight)).

use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalog::ProductIdx;

/// The most ordered products the model keeps (2,500 solve in seconds).
pub const MAX_PRODUCTS: usize = 2500;
/// The ridge `λ`: how strongly the weights are held towards none.
pub const LAMBDA: f64 = 250.0;
/// All the cores there are, for the offline commands.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |t| t.get())
}

/// Solved again once the orders learned since its solve reach this share of the
/// orders it was solved from …
const REFRESH_SHARE: f64 = 0.05;
/// … and at least this many.
const REFRESH_MIN_ORDERS: u64 = 20;

/// The solved weights over the kept products.
#[derive(Clone, Default)]
pub struct LinearModel {
    kept: Vec<ProductIdx>,
    index: FxHashMap<ProductIdx, usize>,
    /// `B`, row-major, `kept.len()` square: row `i` is what product `i` in the
    /// cart adds to each other product's score.
    weights: Vec<f32>,
    /// Orders it was solved from (with at least one product).
    orders: u64,
}

impl std::fmt::Debug for LinearModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinearModel")
            .field("products", &self.kept.len())
            .field("orders", &self.orders)
            .finish()
    }
}

impl LinearModel {
    /// Solves the model from `orders` (each order's products) over their
    /// `max_products` most ordered products, on `threads` threads (a server keeps
    /// cores for its requests).
    pub fn solve<'a, I>(orders: I, max_products: usize, lambda: f64, threads: usize) -> Self
    where
        I: IntoIterator<Item = &'a [ProductIdx]>,
        I::IntoIter: Clone,
    {
        let orders = orders.into_iter();
        let mut counts: FxHashMap<ProductIdx, u32> = FxHashMap::default();
        let mut n_orders = 0u64;
        for order in orders.clone() {
            // As co-purchase counts them: an order with no known product is none.
            if order.is_empty() {
                continue;
            }
            n_orders += 1;
            let distinct: FxHashSet<ProductIdx> = order.iter().copied().collect();
            for p in distinct {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<(ProductIdx, u32)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let kept: Vec<ProductIdx> = ranked
            .into_iter()
            .take(max_products)
            .map(|(p, _)| p)
            .collect();
        let index: FxHashMap<ProductIdx, usize> =
            kept.iter().enumerate().map(|(i, &p)| (p, i)).collect();
        let n = kept.len();
        let mut gram = vec![0f64; n * n];
        let mut rows = Vec::new();
        for order in orders {
            rows.clear();
            rows.extend(order.iter().filter_map(|p| index.get(p).copied()));
            rows.sort_unstable();
            rows.dedup();
            for &a in &rows {
                for &b in &rows {
                    gram[a * n + b] += 1.0;
                }
            }
        }
        for i in 0..n {
            gram[i * n + i] += lambda;
        }
        invert_positive_definite(&mut gram, n, threads);
        let diagonal: Vec<f64> = (0..n).map(|j| gram[j * n + j]).collect();
        let weights = gram
            .chunks(n.max(1))
            .enumerate()
            .flat_map(|(i, row)| {
                let diagonal = &diagonal;
                row.iter().enumerate().map(move |(j, &w)| {
                    if i == j {
                        0.0
                    } else {
                        (-w / diagonal[j]) as f32
                    }
                })
            })
            .collect();
        LinearModel {
            kept,
            index,
            weights,
            orders: n_orders,
        }
    }

    /// Orders it was solved from.
    pub fn orders(&self) -> u64 {
        self.orders
    }

    /// Products it keeps.
    pub fn products(&self) -> usize {
        self.kept.len()
    }

    /// The kept products, most ordered first.
    pub fn kept(&self) -> &[ProductIdx] {
        &self.kept
    }

    /// The rows of `cart`'s products it keeps, for [`LinearModel::score`].
    pub fn rows(&self, cart: &[ProductIdx]) -> Vec<usize> {
        cart.iter()
            .filter_map(|c| self.index.get(c).copied())
            .collect()
    }

    /// `candidate`'s score for a cart of these rows (0 when it is not kept).
    pub fn score(&self, rows: &[usize], candidate: ProductIdx) -> f64 {
        let Some(&j) = self.index.get(&candidate) else {
            return 0.0;
        };
        let n = self.kept.len();
        rows.iter().map(|&i| self.weights[i * n + j] as f64).sum()
    }

    /// Every kept product's score for a cart of these rows, in [`LinearModel::kept`]'s order.
    pub fn scores(&self, rows: &[usize]) -> Vec<f64> {
        let n = self.kept.len();
        let mut score = vec![0f64; n];
        for &i in rows {
            for (s, &w) in score.iter_mut().zip(&self.weights[i * n..(i + 1) * n]) {
                *s += w as f64;
            }
        }
        score
    }

    /// Whether a model solved from `solved_from` orders should be solved again,
    /// `learned` orders having been learned in all (a few percent new, and at
    /// least a handful: a day's orders of a busy shop, a week's of a small one).
    pub fn due(solved_from: Option<u64>, learned: u64) -> bool {
        let solved_from = solved_from.unwrap_or(0);
        let since = learned.saturating_sub(solved_from);
        since >= REFRESH_MIN_ORDERS && since as f64 >= REFRESH_SHARE * solved_from as f64
    }
}

/// Inverts a symmetric positive definite `n × n` matrix in place (Gauss-Jordan,
/// no pivoting needed), the rows of each elimination step split over `threads`.
fn invert_positive_definite(a: &mut [f64], n: usize, threads: usize) {
    let threads = threads.max(1);
    let rows_per_thread = n.div_ceil(threads).max(1);
    let mut pivot_row = vec![0f64; n];
    for p in 0..n {
        let inv = 1.0 / a[p * n + p];
        a[p * n + p] = 1.0;
        for x in &mut a[p * n..(p + 1) * n] {
            *x *= inv;
        }
        pivot_row.copy_from_slice(&a[p * n..(p + 1) * n]);
        let pivot_row = &pivot_row;
        std::thread::scope(|scope| {
            for (t, block) in a.chunks_mut(rows_per_thread * n).enumerate() {
                scope.spawn(move || {
                    for (r, row) in block.chunks_mut(n).enumerate() {
                        if t * rows_per_thread + r == p {
                            continue;
                        }
                        let f = row[p];
                        if f == 0.0 {
                            continue;
                        }
                        row[p] = 0.0;
                        for (x, y) in row.iter_mut().zip(pivot_row) {
                            *x -= f * y;
                        }
                    }
                });
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: u32) -> ProductIdx {
        ProductIdx(i)
    }

    #[test]
    fn inverts_a_positive_definite_matrix() {
        let original = vec![4.0, 2.0, 0.0, 2.0, 3.0, 1.0, 0.0, 1.0, 2.0];
        let mut inverse = original.clone();
        invert_positive_definite(&mut inverse, 3, 2);
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3)
                    .map(|k| original[i * 3 + k] * inverse[k * 3 + j])
                    .sum();
                let identity = if i == j { 1.0 } else { 0.0 };
                assert!((v - identity).abs() < 1e-12, "({i},{j}) = {v}");
            }
        }
    }

    #[test]
    fn scores_what_went_with_the_cart_and_keeps_the_most_ordered() {
        let orders: Vec<Vec<ProductIdx>> = vec![
            vec![p(1), p(2)],
            vec![p(1), p(2)],
            vec![p(1), p(2), p(3)],
            vec![p(3), p(4)],
            vec![p(3), p(4)],
            vec![p(5)],
        ];
        let m = LinearModel::solve(orders.iter().map(Vec::as_slice), 4, 0.5, 1);
        assert_eq!(m.orders(), 6);
        // Product 5, in one order, is the fifth most ordered: not kept.
        assert_eq!(m.kept(), &[p(1), p(2), p(3), p(4)]);
        let cart = m.rows(&[p(1)]);
        assert!(m.score(&cart, p(2)) > m.score(&cart, p(3)));
        assert!(m.score(&cart, p(3)) > m.score(&cart, p(4)));
        assert_eq!(m.score(&cart, p(5)), 0.0);
        assert_eq!(m.score(&cart, p(1)), 0.0, "a product never scores itself");
        let cart = m.rows(&[p(4)]);
        assert!(m.score(&cart, p(3)) > m.score(&cart, p(2)));
    }

    #[test]
    fn is_solved_again_once_a_few_percent_new_orders_came_in() {
        assert!(!LinearModel::due(None, 19), "too few orders to solve from");
        assert!(LinearModel::due(None, 20));
        assert!(!LinearModel::due(Some(10_000), 10_499));
        assert!(LinearModel::due(Some(10_000), 10_500));
        assert!(!LinearModel::due(Some(100), 119));
        assert!(LinearModel::due(Some(100), 120));
    }
}

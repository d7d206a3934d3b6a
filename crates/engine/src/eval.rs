//! The offline evaluation protocol that decides the model's parameters.
//!
//! Train on orders before a date, test on the orders after it. A test case is an
//! order with at least two distinct products known in training, in line order; the
//! cart is its first `k` products (`k` in `1..=min(5, n-1)`), the targets the rest.
//! A ranker returns products not in the cart; HR@N, Recall@N and NDCG@N are averaged
//! over the cases.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::catalog::ProductIdx;

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
    let mut m = Metrics {
        cases: cases.len(),
        ..Default::default()
    };
    if cases.is_empty() {
        return m;
    }
    for case in cases {
        let targets: FxHashSet<ProductIdx> = case.targets.iter().copied().collect();
        let top: Vec<ProductIdx> = rank(&case.cart)
            .into_iter()
            .filter(|p| !case.cart.contains(p))
            .take(n)
            .collect();
        let mut hits = 0usize;
        let mut dcg = 0.0;
        for (i, p) in top.iter().enumerate() {
            if targets.contains(p) {
                hits += 1;
                dcg += 1.0 / ((i + 2) as f64).log2();
            }
        }
        let ideal: f64 = (0..targets.len().min(n))
            .map(|i| 1.0 / ((i + 2) as f64).log2())
            .sum();
        m.hit_rate += (hits > 0) as u8 as f64;
        m.recall += hits as f64 / targets.len() as f64;
        m.ndcg += dcg / ideal;
    }
    let c = cases.len() as f64;
    m.hit_rate /= c;
    m.recall /= c;
    m.ndcg /= c;
    m
}

/// Baseline: the products in most training orders, whatever the cart.
pub fn popularity_ranker(
    train: &[Vec<ProductIdx>],
    n: usize,
) -> impl FnMut(&[ProductIdx]) -> Vec<ProductIdx> {
    let mut counts: FxHashMap<ProductIdx, u32> = FxHashMap::default();
    for order in train {
        let distinct: FxHashSet<ProductIdx> = order.iter().copied().collect();
        for p in distinct {
            *counts.entry(p).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(ProductIdx, u32)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<ProductIdx> = ranked.into_iter().take(n + 5).map(|(p, _)| p).collect();
    move |_cart| top.clone()
}

/// Baseline: the sum over the cart of the number of training orders holding both.
pub fn co_occurrence_ranker(
    train: &[Vec<ProductIdx>],
) -> impl FnMut(&[ProductIdx]) -> Vec<ProductIdx> {
    let mut pairs: FxHashMap<ProductIdx, FxHashMap<ProductIdx, u32>> = FxHashMap::default();
    for order in train {
        let mut distinct: Vec<ProductIdx> = order.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for &a in &distinct {
            let row = pairs.entry(a).or_default();
            for &b in &distinct {
                if a != b {
                    *row.entry(b).or_insert(0) += 1;
                }
            }
        }
    }
    move |cart| {
        let mut acc: FxHashMap<ProductIdx, u32> = FxHashMap::default();
        for c in cart {
            for (&b, &w) in pairs.get(c).into_iter().flatten() {
                *acc.entry(b).or_insert(0) += w;
            }
        }
        let mut v: Vec<(ProductIdx, u32)> = acc.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.into_iter().map(|(p, _)| p).collect()
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
    fn baselines_rank_as_defined() {
        let train = vec![
            vec![p(1), p(2)],
            vec![p(1), p(2)],
            vec![p(1), p(3)],
            vec![p(3)],
            vec![p(3)],
        ];
        assert_eq!(popularity_ranker(&train, 2)(&[]), vec![p(1), p(3), p(2)]);
        assert_eq!(co_occurrence_ranker(&train)(&[p(1)]), vec![p(2), p(3)]);
    }
}

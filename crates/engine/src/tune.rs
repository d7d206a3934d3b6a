//! A shop's ranking settings chosen from its own newest orders.
//!
//! Shops differ: in a gift shop products go together (a lantern and its candles),
//! in a supermarket baskets pair products at random around a few staples and
//! popularity is most of what can be known. One default cannot suit both, so a
//! shop's engine scores itself on its newest orders before learning them (the
//! model is trained on the older ones, as the future will be on today's) and
//! decides from that:
//!
//! - when the plain most-ordered list predicts those orders as well as the best
//!   co-purchase ranking (within two standard errors), co-purchase carries no
//!   information the shop can use yet: it ranks by popularity, all orders counted
//!   alike, co-purchase only breaking ties;
//! - otherwise it keeps the popularity prior it has, unless another prior does
//!   better by more than two standard errors (a smaller gain is noise).
//!
//! The choice never sees the orders it will later be judged on: it is made from
//! the past only.

use crate::catalog::{Catalog, ProductIdx};
use crate::eval::{self, Metrics};
use crate::model::{CoPurchase, ModelParams};
use crate::rank::{RankSettings, Recommender};
use crate::rules::CategoryRules;

/// The popularity priors tried, from none to a strong one.
pub const PRIORS: [f64; 8] = [0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 32.0];
/// The prior of a shop that ranks by popularity: co-purchase only breaks ties.
pub const POPULARITY_ONLY: f64 = 1000.0;

/// The newest orders scored are at least this many days …
const VALIDATION_DAYS: f64 = 28.0;
/// … and at least this share of all orders.
const VALIDATION_SHARE: f64 = 0.15;
/// Fewer orders than these and the newest orders say too little to choose from.
const MIN_TRAIN_ORDERS: usize = 500;
const MIN_VALIDATION_ORDERS: usize = 100;
/// At most this many carts are scored, spread evenly (keeps tuning to seconds).
const MAX_CASES: usize = 5000;
/// Suggestions a cart is judged on (the drawer shows about this many).
const TOP: usize = 10;

/// What tuning measured and chose.
#[derive(Clone, Debug, PartialEq)]
pub struct Tuning {
    /// Orders the trial model learned, and the newest ones it was scored on.
    pub train_orders: usize,
    pub validation_orders: usize,
    /// The most ordered products of the older orders, on the same carts.
    pub popularity: Metrics,
    /// Each prior tried with its score, the starting settings' first.
    pub tried: Vec<(f64, Metrics)>,
    /// Co-purchase could not be told apart from popularity: rank by popularity.
    pub popularity_only: bool,
    /// The model and ranking settings chosen (the starting ones unless the scores
    /// said otherwise).
    pub params: ModelParams,
    pub settings: RankSettings,
}

/// Chooses how a shop ranks from its orders (close day, products in line order;
/// oldest first), starting from `params` and `base`. `None` when the shop has too
/// few orders to tell.
pub fn tune(
    catalog: &Catalog,
    params: &ModelParams,
    rules: &CategoryRules,
    base: &RankSettings,
    orders: &[(f64, Vec<ProductIdx>)],
) -> Option<Tuning> {
    let newest = orders.last()?.0;
    let by_share = orders[((orders.len() as f64) * (1.0 - VALIDATION_SHARE)) as usize].0;
    let cut = by_share.min(newest - VALIDATION_DAYS);
    let split = orders.partition_point(|(day, _)| *day < cut);
    let (train, validation) = orders.split_at(split);
    if train.len() < MIN_TRAIN_ORDERS || validation.len() < MIN_VALIDATION_ORDERS {
        return None;
    }
    let mut rec = Recommender::new(
        catalog.clone(),
        CoPurchase::new(params.clone()),
        rules.clone(),
        base.clone(),
    );
    for (day, items) in train {
        rec.add_order(items, *day);
    }
    let train_items: Vec<Vec<ProductIdx>> = train.iter().map(|(_, o)| o.clone()).collect();
    let test: Vec<Vec<ProductIdx>> = validation.iter().map(|(_, o)| o.clone()).collect();
    let cases = spread(
        eval::cases(&test, |p| rec.model.order_weight(p) > 0.0, 5),
        MAX_CASES,
    );
    if cases.is_empty() {
        return None;
    }
    let popularity = eval::evaluate(&cases, TOP, eval::popularity_ranker(&train_items, TOP));
    let start = base.popularity_prior.max(0.0);
    let mut priors = vec![start];
    priors.extend(PRIORS.iter().filter(|p| **p != start));
    let mut tried = Vec::with_capacity(priors.len());
    for prior in priors {
        rec.settings.popularity_prior = prior;
        let m = eval::evaluate(&cases, TOP, |cart| rec.top_products(cart, TOP));
        tried.push((prior, m));
    }
    let best = tried.iter().fold(&tried[0], |best, t| {
        if t.1.hit_rate > best.1.hit_rate {
            t
        } else {
            best
        }
    });
    // Two standard errors of a hit rate on these many carts: gains below it are noise.
    let h = best.1.hit_rate;
    let noise = 2.0 * (h * (1.0 - h) / cases.len() as f64).sqrt();
    let popularity_only = popularity.hit_rate + noise >= h;
    let (params, prior) = if popularity_only {
        (
            ModelParams {
                half_life_days: 0.0,
                ..params.clone()
            },
            POPULARITY_ONLY,
        )
    } else if h > tried[0].1.hit_rate + noise {
        (params.clone(), best.0)
    } else {
        (params.clone(), start)
    };
    Some(Tuning {
        train_orders: train.len(),
        validation_orders: validation.len(),
        popularity,
        tried,
        popularity_only,
        params,
        settings: RankSettings {
            popularity_prior: prior,
            // A shop ranked by popularity has no use for a model of what goes together.
            linear_weight: if popularity_only {
                0.0
            } else {
                base.linear_weight
            },
            ..base.clone()
        },
    })
}

/// At most `max` of `cases`, evenly spread over them (they come in time order).
fn spread(cases: Vec<eval::Case>, max: usize) -> Vec<eval::Case> {
    if cases.len() <= max {
        return cases;
    }
    let step = cases.len() as f64 / max as f64;
    (0..max)
        .map(|i| cases[(i as f64 * step) as usize].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::product;

    fn catalog(n: usize) -> (Catalog, Vec<ProductIdx>) {
        let mut c = Catalog::new();
        let ids = (0..n)
            .map(|i| c.upsert(product(&format!("p{i}"), &[])))
            .collect();
        (c, ids)
    }

    /// A deterministic stream of numbers in 0..1 (no randomness in tests).
    fn stream(seed: u64) -> impl FnMut() -> f64 {
        let mut x = seed;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % 1_000_000) as f64 / 1_000_000.0
        }
    }

    #[test]
    fn too_few_orders_leave_the_settings_alone() {
        let (c, p) = catalog(4);
        let orders: Vec<(f64, Vec<ProductIdx>)> =
            (0..50).map(|d| (d as f64, vec![p[0], p[1]])).collect();
        let t = tune(
            &c,
            &ModelParams::default(),
            &CategoryRules::default(),
            &RankSettings::default(),
            &orders,
        );
        assert_eq!(t, None);
    }

    #[test]
    fn a_shop_of_pairs_keeps_its_prior_and_a_shop_of_staples_ranks_by_popularity() {
        let (c, p) = catalog(60);
        // Pairs: product 2k goes with 2k+1 and nothing else; the pairs differ in how
        // much they sell, so popularity alone would be wrong for most carts.
        let mut next = stream(7);
        let paired: Vec<(f64, Vec<ProductIdx>)> = (0..3000)
            .map(|i| {
                let k = ((next() * next()) * 30.0) as usize;
                (i as f64 / 10.0, vec![p[2 * k], p[2 * k + 1]])
            })
            .collect();
        let base = RankSettings::default();
        let t = tune(
            &c,
            &ModelParams::default(),
            &CategoryRules::default(),
            &base,
            &paired,
        )
        .expect("enough orders");
        assert!(!t.popularity_only, "{t:#?}");
        assert_eq!(t.params, ModelParams::default());
        assert_eq!(
            t.settings, base,
            "every prior finds the pair: no reason to change"
        );
        assert!(
            t.tried[0].1.hit_rate > t.popularity.hit_rate + 0.3,
            "{t:#?}"
        );
        assert_eq!(t.tried.len(), PRIORS.len());

        // Staples: every basket draws from the same skewed popularity, at random, so
        // what co-occurred with the cart is noise.
        let mut next = stream(11);
        let staples: Vec<(f64, Vec<ProductIdx>)> = (0..3000)
            .map(|i| {
                let mut basket: Vec<ProductIdx> = Vec::new();
                while basket.len() < 4 {
                    let k = (next().powi(3) * 60.0) as usize;
                    if !basket.contains(&p[k]) {
                        basket.push(p[k]);
                    }
                }
                (i as f64 / 10.0, basket)
            })
            .collect();
        let t = tune(
            &c,
            &ModelParams::default(),
            &CategoryRules::default(),
            &base,
            &staples,
        )
        .expect("enough orders");
        assert!(t.popularity_only, "{t:#?}");
        assert_eq!(t.settings.popularity_prior, POPULARITY_ONLY);
        assert_eq!(t.settings.linear_weight, 0.0);
        assert_eq!(t.params.half_life_days, 0.0);
        assert!(t.validation_orders >= 450 && t.train_orders + t.validation_orders == 3000);
    }
}

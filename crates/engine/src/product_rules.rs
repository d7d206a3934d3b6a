//! A shop's own rules between products and clusters of products (the reference
//! documents' `Crossupsell`): what orders cannot show yet, such as the lens that fits
//! the camera, the refill for the pen, or the upgrade the shop wants to push.

use rustc_hash::FxHashMap;

use crate::catalog::ProductIdx;

/// What the target is to the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// Complements the source: suggested with it.
    Accessories,
    /// A substitute: never suggested beside the source, but stands in for it when
    /// the source would be suggested and is out of stock.
    Alternatives,
    /// An upgrade or variation: suggested as an upsell, and marked so.
    Options,
    /// A spare part or consumable: suggested with it.
    Parts,
    /// Bought with it, whatever the orders say: suggested with it.
    Related,
}

/// One end of a rule: a product, or a cluster (an index into the clusters given to
/// [`ProductRules::new`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleEnd {
    Product(ProductIdx),
    Cluster(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ProductRule {
    pub kind: RuleKind,
    pub from: RuleEnd,
    pub to: RuleEnd,
}

/// A shop's rules, indexed by source product.
#[derive(Clone, Debug, Default)]
pub struct ProductRules {
    /// Per source product: (target, kind), in the order the rules were given.
    targets: FxHashMap<ProductIdx, Vec<(ProductIdx, RuleKind)>>,
    count: usize,
}

impl ProductRules {
    /// `clusters[i]` holds the products of cluster `i` (hidden clusters and hidden
    /// products left out by the caller). A rule from a cluster applies to each of its
    /// products; a rule to a cluster names each of its products. A rule from a product
    /// to itself is ignored.
    pub fn new(clusters: &[Vec<ProductIdx>], rules: &[ProductRule]) -> ProductRules {
        let members = |end: &RuleEnd| -> Vec<ProductIdx> {
            match end {
                RuleEnd::Product(p) => vec![*p],
                RuleEnd::Cluster(c) => clusters.get(*c as usize).cloned().unwrap_or_default(),
            }
        };
        let mut targets: FxHashMap<ProductIdx, Vec<(ProductIdx, RuleKind)>> = FxHashMap::default();
        for rule in rules {
            let to = members(&rule.to);
            for from in members(&rule.from) {
                let row = targets.entry(from).or_default();
                for &t in &to {
                    if t != from && !row.contains(&(t, rule.kind)) {
                        row.push((t, rule.kind));
                    }
                }
            }
        }
        ProductRules {
            targets,
            count: rules.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// How many rules were given.
    pub fn len(&self) -> usize {
        self.count
    }

    /// What rules from `product` (or its clusters) point to, in the rules' order.
    pub fn targets(&self, product: ProductIdx) -> &[(ProductIdx, RuleKind)] {
        self.targets.get(&product).map_or(&[], |t| &t[..])
    }

    /// The alternatives of `product`: what may stand in for it when it is out of stock.
    pub fn alternatives(&self, product: ProductIdx) -> impl Iterator<Item = ProductIdx> + '_ {
        self.targets(product)
            .iter()
            .filter(|(_, k)| *k == RuleKind::Alternatives)
            .map(|(t, _)| *t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(i: u32) -> ProductIdx {
        ProductIdx(i)
    }

    #[test]
    fn clusters_spread_a_rule_over_their_products() {
        let clusters = vec![vec![p(1), p(2)], vec![p(7), p(8)]];
        let rules = [
            ProductRule {
                kind: RuleKind::Parts,
                from: RuleEnd::Cluster(0),
                to: RuleEnd::Product(p(5)),
            },
            ProductRule {
                kind: RuleKind::Alternatives,
                from: RuleEnd::Product(p(1)),
                to: RuleEnd::Cluster(1),
            },
            ProductRule {
                kind: RuleKind::Related,
                from: RuleEnd::Product(p(3)),
                to: RuleEnd::Product(p(3)),
            },
        ];
        let r = ProductRules::new(&clusters, &rules);
        assert_eq!(r.len(), 3);
        assert_eq!(
            r.targets(p(1)),
            &[
                (p(5), RuleKind::Parts),
                (p(7), RuleKind::Alternatives),
                (p(8), RuleKind::Alternatives)
            ]
        );
        assert_eq!(r.targets(p(2)), &[(p(5), RuleKind::Parts)]);
        assert_eq!(r.alternatives(p(1)).collect::<Vec<_>>(), vec![p(7), p(8)]);
        assert!(r.targets(p(3)).is_empty(), "a rule to itself is ignored");
    }
}

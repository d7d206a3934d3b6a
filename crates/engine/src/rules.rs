//! A shop's category compatibility rules: which categories may be suggested for a
//! cart holding which others, and which get a lift.
//!
//! A rule names a cart category and a candidate category (either may be `*`). For
//! each pair of (cart category, candidate category) the most specific matching rule
//! decides; a denied pair removes the candidate, the largest boost of its pairs
//! multiplies its score, and `allow` undoes a broader deny.

use crate::{Error, Result};

/// What a rule does to the candidates it matches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RuleEffect {
    Allow,
    Deny,
    /// Multiplies the score; more than 1 lifts, less than 1 lowers.
    Boost(f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct CategoryRule {
    /// A category of a product in the cart, or `*`.
    pub from: String,
    /// A category of the candidate, or `*`.
    pub to: String,
    pub effect: RuleEffect,
}

impl CategoryRule {
    /// A checked rule: non-empty categories, a boost between 0.01 and 100.
    pub fn new(from: &str, to: &str, effect: RuleEffect) -> Result<CategoryRule> {
        let rule = CategoryRule {
            from: from.trim().to_string(),
            to: to.trim().to_string(),
            effect,
        };
        let invalid = |reason: &str| Error::InvalidRule {
            rule: format!("{} -> {}", rule.from, rule.to),
            reason: reason.into(),
        };
        if rule.from.is_empty() || rule.to.is_empty() {
            return Err(invalid("both categories are required (use * for any)"));
        }
        if let RuleEffect::Boost(f) = effect {
            if !(0.01..=100.0).contains(&f) || f.is_nan() {
                return Err(invalid("a boost factor must be between 0.01 and 100"));
            }
        }
        Ok(rule)
    }

    fn specificity(&self, from: &str, to: &str) -> Option<u8> {
        let f = if self.from == "*" {
            0
        } else if self.from == from {
            1
        } else {
            return None;
        };
        let t = if self.to == "*" {
            0
        } else if self.to == to {
            1
        } else {
            return None;
        };
        Some(f + t)
    }
}

/// The rules of one shop.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryRules {
    rules: Vec<CategoryRule>,
}

impl CategoryRules {
    pub fn new(rules: Vec<CategoryRule>) -> Self {
        CategoryRules { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn rules(&self) -> &[CategoryRule] {
        &self.rules
    }

    /// The largest factor any rule can give (at least 1): a bound for the ranking.
    pub fn max_factor(&self) -> f64 {
        self.rules
            .iter()
            .filter_map(|r| match r.effect {
                RuleEffect::Boost(f) => Some(f),
                _ => None,
            })
            .fold(1.0, f64::max)
    }

    /// The factor for a candidate given the cart's categories: `None` when denied.
    pub fn factor<'a>(
        &self,
        cart: impl Iterator<Item = &'a str> + Clone,
        candidate: impl Iterator<Item = &'a str> + Clone,
    ) -> Option<f64> {
        if self.rules.is_empty() {
            return Some(1.0);
        }
        let mut factor: f64 = 1.0;
        for from in cart {
            for to in candidate.clone() {
                let decisive = self
                    .rules
                    .iter()
                    .filter_map(|r| r.specificity(from, to).map(|s| (s, r)))
                    .max_by_key(|(s, r)| (*s, matches!(r.effect, RuleEffect::Deny)));
                match decisive.map(|(_, r)| r.effect) {
                    Some(RuleEffect::Deny) => return None,
                    Some(RuleEffect::Boost(f)) if f > factor => factor = f,
                    _ => {}
                }
            }
        }
        Some(factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(list: &[(&str, &str, RuleEffect)]) -> CategoryRules {
        CategoryRules::new(
            list.iter()
                .map(|(f, t, e)| CategoryRule::new(f, t, *e).unwrap())
                .collect(),
        )
    }

    #[test]
    fn no_rules_is_neutral() {
        assert_eq!(
            CategoryRules::default().factor(["a"].into_iter(), ["b"].into_iter()),
            Some(1.0)
        );
    }

    #[test]
    fn deny_removes_and_boost_lifts() {
        let r = rules(&[
            ("kitchen", "christmas", RuleEffect::Deny),
            ("candles", "*", RuleEffect::Boost(1.5)),
        ]);
        assert_eq!(
            r.factor(["kitchen"].into_iter(), ["christmas", "decor"].into_iter()),
            None
        );
        assert_eq!(
            r.factor(["candles"].into_iter(), ["decor"].into_iter()),
            Some(1.5)
        );
        assert_eq!(
            r.factor(["bags"].into_iter(), ["decor"].into_iter()),
            Some(1.0)
        );
    }

    #[test]
    fn the_most_specific_rule_wins() {
        let r = rules(&[
            ("*", "christmas", RuleEffect::Deny),
            ("candles", "christmas", RuleEffect::Allow),
        ]);
        assert_eq!(
            r.factor(["candles"].into_iter(), ["christmas"].into_iter()),
            Some(1.0)
        );
        assert_eq!(
            r.factor(["bags"].into_iter(), ["christmas"].into_iter()),
            None
        );
    }

    #[test]
    fn invalid_rules_are_refused_with_a_reason() {
        let e = CategoryRule::new("a", "", RuleEffect::Allow).unwrap_err();
        assert!(e.to_string().contains("required"));
        let e = CategoryRule::new("a", "b", RuleEffect::Boost(0.0)).unwrap_err();
        assert!(e.to_string().contains("between"));
    }
}

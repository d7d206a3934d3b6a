//! The shop's category rules (`categoryRules` in its settings), written one at a
//! time or all at once, each checked before anything is written: both categories
//! are `*` or a category some product of the shop has, the effect is `allow`,
//! `deny` or `boost:<factor>` with a factor from 0.01 to 100, and one rule per pair.

use std::collections::BTreeSet;

use sqlx::Row;

use crate::records::{CategoryRuleRecord, Shop, ShopSettings};
use crate::{Error, Result, Store};

/// The smallest and largest boost factor a rule may give.
pub const BOOST_RANGE: std::ops::RangeInclusive<f64> = 0.01..=100.0;

impl Store {
    /// Every category of the shop's listed products, with its number of products,
    /// by name.
    pub async fn categories(&self, shop: &Shop) -> Result<Vec<(String, usize)>> {
        let rows = sqlx::query("SELECT categories FROM products WHERE shop_id = $1")
            .bind(&shop.id)
            .fetch_all(&self.pool)
            .await?;
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        for row in rows {
            let text: String = row.try_get("categories")?;
            let list: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
            for c in list {
                *counts.entry(c).or_default() += 1;
            }
        }
        Ok(counts.into_iter().collect())
    }

    /// Adds the rule, or replaces the one between the same two categories; returns
    /// the shop's rules as stored.
    pub async fn set_category_rule(
        &self,
        shop: &Shop,
        rule: CategoryRuleRecord,
    ) -> Result<Vec<CategoryRuleRecord>> {
        let known = self.category_names(shop).await?;
        let rule = checked(rule, &known)?;
        self.edit_settings(shop, |s| {
            match s
                .category_rules
                .iter_mut()
                .find(|r| r.from == rule.from && r.to == rule.to)
            {
                Some(old) => *old = rule,
                None => s.category_rules.push(rule),
            }
            Ok(())
        })
        .await
        .map(|s| s.category_rules)
    }

    /// Deletes the rule between `from` and `to`; `false` when there was none.
    pub async fn delete_category_rule(&self, shop: &Shop, from: &str, to: &str) -> Result<bool> {
        let mut found = false;
        self.edit_settings(shop, |s| {
            let before = s.category_rules.len();
            s.category_rules
                .retain(|r| !(r.from == from.trim() && r.to == to.trim()));
            found = s.category_rules.len() < before;
            Ok(())
        })
        .await?;
        Ok(found)
    }

    /// Replaces all the shop's category rules; a mistake in any of them writes none.
    pub async fn replace_category_rules(
        &self,
        shop: &Shop,
        rules: Vec<CategoryRuleRecord>,
    ) -> Result<Vec<CategoryRuleRecord>> {
        let known = self.category_names(shop).await?;
        let mut checked_rules: Vec<CategoryRuleRecord> = Vec::with_capacity(rules.len());
        for (i, rule) in rules.into_iter().enumerate() {
            let rule = checked(rule, &known).map_err(|e| match e {
                Error::Invalid(why) => Error::Invalid(format!("rule {}: {why}", i + 1)),
                other => other,
            })?;
            if checked_rules
                .iter()
                .any(|r| r.from == rule.from && r.to == rule.to)
            {
                return Err(Error::Invalid(format!(
                    "rule {}: there is already a rule from {:?} to {:?} in the list",
                    i + 1,
                    rule.from,
                    rule.to
                )));
            }
            checked_rules.push(rule);
        }
        self.edit_settings(shop, |s| {
            s.category_rules = checked_rules;
            Ok(())
        })
        .await
        .map(|s| s.category_rules)
    }

    async fn category_names(&self, shop: &Shop) -> Result<BTreeSet<String>> {
        Ok(self
            .categories(shop)
            .await?
            .into_iter()
            .map(|(c, _)| c)
            .collect())
    }

    /// Reads the shop's settings as stored now, changes them and writes them back in
    /// one transaction, so a concurrent change of other settings is not lost.
    pub async fn edit_settings(
        &self,
        shop: &Shop,
        change: impl FnOnce(&mut ShopSettings) -> Result<()>,
    ) -> Result<ShopSettings> {
        let mut tx = self.write().await?;
        // Taking the write lock first (a no-op update) keeps SQLite from failing the
        // upgrade from a read lock when two writers meet.
        let found = sqlx::query("UPDATE shops SET settings = settings WHERE id = $1")
            .bind(&shop.id)
            .execute(&mut *tx)
            .await?;
        if found.rows_affected() == 0 {
            return Err(Error::UnknownShop(shop.slug.clone()));
        }
        let text: String = sqlx::query("SELECT settings FROM shops WHERE id = $1")
            .bind(&shop.id)
            .fetch_one(&mut *tx)
            .await?
            .try_get("settings")?;
        let mut settings: ShopSettings = serde_json::from_str(&text)
            .map_err(|e| Error::Invalid(format!("stored shop settings are not valid JSON: {e}")))?;
        change(&mut settings)?;
        sqlx::query("UPDATE shops SET settings = $1 WHERE id = $2")
            .bind(serde_json::to_string(&settings).expect("settings serialise"))
            .bind(&shop.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(settings)
    }
}

/// The rule with its parts trimmed and its effect spelled as stored, or what is wrong.
fn checked(rule: CategoryRuleRecord, known: &BTreeSet<String>) -> Result<CategoryRuleRecord> {
    let category = |which: &str, name: &str| -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid(format!(
                "the rule's {which} category is empty (use * for any category)"
            )));
        }
        if name == "*" || known.contains(name) {
            return Ok(name.to_string());
        }
        let close = known.iter().find(|k| k.eq_ignore_ascii_case(name));
        Err(Error::Invalid(match close {
            Some(k) => format!(
                "no product of the shop is in category {name:?} (categories are case-sensitive: did you mean {k:?}?)"
            ),
            None => format!(
                "no product of the shop is in category {name:?}; name one of its {} categories, or * for any",
                known.len()
            ),
        }))
    };
    let from = category("from", &rule.from)?;
    let to = category("to", &rule.to)?;
    let effect = rule.effect.trim().to_ascii_lowercase();
    let effect = match effect.as_str() {
        "allow" | "deny" => effect,
        e => match e.strip_prefix("boost:").map(|f| f.trim().parse::<f64>()) {
            Some(Ok(f)) if BOOST_RANGE.contains(&f) => format!("boost:{f}"),
            Some(Ok(f)) => {
                return Err(Error::Invalid(format!(
                    "a boost factor must be between 0.01 and 100, got {f}"
                )))
            }
            _ => {
                return Err(Error::Invalid(format!(
                    "the effect must be allow, deny or boost:<factor> (boost:2 doubles a score), got {:?}",
                    rule.effect
                )))
            }
        },
    };
    Ok(CategoryRuleRecord { from, to, effect })
}

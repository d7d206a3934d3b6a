//! The shop's rules between products and clusters (`Crossupsell` in the reference
//! documents) and the clusters: named groups of products.
//!
//! Every write is checked first and names what is wrong: a rule has exactly one
//! source and one target (each a product or a cluster of this shop), a sub-type of at
//! most 64 characters, and never points from a product to itself.

use sqlx::Row;
use uuid::Uuid;

use crate::records::Shop;
use crate::{now, Error, Result, Store};

/// The rule kinds of the reference documents, as stored and as GraphQL spells them.
pub const RULE_KINDS: [&str; 5] = ["ACCESSORIES", "ALTERNATIVES", "OPTIONS", "PARTS", "RELATED"];

/// The longest sub-type the document allows.
pub const MAX_SUB_TYPE: usize = 64;

/// A rule as written: product and cluster ids of the shop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewProductRule {
    pub kind: String,
    pub sub_type: Option<String>,
    pub product_from: Option<String>,
    pub cluster_from: Option<String>,
    pub product_to: Option<String>,
    pub cluster_to: Option<String>,
}

/// A stored rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRuleRecord {
    pub id: String,
    pub rule: NewProductRule,
    pub created_at: String,
    pub last_modified_at: String,
}

/// A cluster as written: a name, whether it is hidden, its products (ids or
/// external ids of the shop). The JSONL importer reads one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCluster {
    pub name: String,
    #[serde(default)]
    pub hidden: bool,
    #[serde(rename = "products")]
    pub product_ids: Vec<String>,
}

/// A stored cluster with its products (ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub hidden: bool,
    pub product_ids: Vec<String>,
    pub created_at: String,
}

impl Store {
    /// Creates a cluster of `product_ids` (ids or external ids of this shop).
    pub async fn create_cluster(
        &self,
        shop: &Shop,
        name: &str,
        hidden: bool,
        product_ids: &[String],
    ) -> Result<Cluster> {
        let name = cluster_name(name)?;
        let mut members = self.shop_product_ids(shop, product_ids).await?;
        members.sort();
        let exists = sqlx::query("SELECT id FROM clusters WHERE shop_id = $1 AND name = $2")
            .bind(&shop.id)
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        if exists.is_some() {
            return Err(Error::Invalid(format!(
                "the shop has a cluster named {name:?} already"
            )));
        }
        let id = Uuid::new_v4().to_string();
        let created_at = now();
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO clusters (id, shop_id, name, hidden, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(&shop.id)
        .bind(name)
        .bind(i64::from(hidden))
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
        set_members(&mut tx, &id, &members).await?;
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(Cluster {
            id,
            name: name.to_string(),
            hidden,
            product_ids: members,
            created_at,
        })
    }

    /// Renames a cluster, hides or shows it, and replaces its products; `None` when
    /// the shop has no cluster with this id.
    pub async fn update_cluster(
        &self,
        shop: &Shop,
        id: &str,
        change: NewCluster,
    ) -> Result<Option<Cluster>> {
        let Some(before) = self.clusters(shop).await?.into_iter().find(|c| c.id == id) else {
            return Ok(None);
        };
        let name = cluster_name(&change.name)?;
        let mut members = self.shop_product_ids(shop, &change.product_ids).await?;
        members.sort();
        let taken =
            sqlx::query("SELECT id FROM clusters WHERE shop_id = $1 AND name = $2 AND id <> $3")
                .bind(&shop.id)
                .bind(name)
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        if taken.is_some() {
            return Err(Error::Invalid(format!(
                "the shop has another cluster named {name:?}"
            )));
        }
        let mut tx = self.write().await?;
        sqlx::query("UPDATE clusters SET name = $1, hidden = $2 WHERE shop_id = $3 AND id = $4")
            .bind(name)
            .bind(i64::from(change.hidden))
            .bind(&shop.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        set_members(&mut tx, id, &members).await?;
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(Some(Cluster {
            id: id.to_string(),
            name: name.to_string(),
            hidden: change.hidden,
            product_ids: members,
            created_at: before.created_at,
        }))
    }

    /// Deletes a cluster that no rule names; whether the shop had it.
    pub async fn delete_cluster(&self, shop: &Shop, id: &str) -> Result<bool> {
        let used: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM product_rules WHERE shop_id = $1 AND (cluster_from = $2 OR cluster_to = $2)",
        )
        .bind(&shop.id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?;
        if used > 0 {
            return Err(Error::Invalid(format!(
                "{used} rule(s) name this cluster: delete or change them first"
            )));
        }
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM cluster_products WHERE cluster_id IN (SELECT id FROM clusters WHERE shop_id = $1 AND id = $2)")
            .bind(&shop.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM clusters WHERE shop_id = $1 AND id = $2")
            .bind(&shop.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Creates or refills clusters by name, all in one transaction: a product that is
    /// not the shop's, or two clusters of one name, writes none. Answers how many
    /// were created and how many replaced.
    pub async fn import_clusters(
        &self,
        shop: &Shop,
        clusters: &[NewCluster],
    ) -> Result<(usize, usize)> {
        let mut checked = Vec::with_capacity(clusters.len());
        for (i, c) in clusters.iter().enumerate() {
            let at = |e: Error| match e {
                Error::Invalid(why) => {
                    Error::Invalid(format!("cluster {} ({:?}): {why}", i + 1, c.name))
                }
                other => other,
            };
            let name = cluster_name(&c.name).map_err(at)?;
            if checked
                .iter()
                .any(|(n, _, _): &(&str, bool, Vec<String>)| *n == name)
            {
                return Err(at(Error::Invalid(
                    "the file names this cluster twice".into(),
                )));
            }
            let mut members = self
                .shop_product_ids(shop, &c.product_ids)
                .await
                .map_err(at)?;
            members.sort();
            checked.push((name, c.hidden, members));
        }
        let existing = self.clusters(shop).await?;
        let (mut created, mut replaced) = (0, 0);
        let mut tx = self.write().await?;
        for (name, hidden, members) in &checked {
            let id = match existing.iter().find(|c| c.name == *name) {
                Some(c) => {
                    sqlx::query("UPDATE clusters SET hidden = $1 WHERE id = $2")
                        .bind(i64::from(*hidden))
                        .bind(&c.id)
                        .execute(&mut *tx)
                        .await?;
                    replaced += 1;
                    c.id.clone()
                }
                None => {
                    let id = Uuid::new_v4().to_string();
                    sqlx::query("INSERT INTO clusters (id, shop_id, name, hidden, created_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(&id)
                        .bind(&shop.id)
                        .bind(*name)
                        .bind(i64::from(*hidden))
                        .bind(now())
                        .execute(&mut *tx)
                        .await?;
                    created += 1;
                    id
                }
            };
            set_members(&mut tx, &id, members).await?;
        }
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok((created, replaced))
    }

    /// The shop's clusters with their products, by name.
    pub async fn clusters(&self, shop: &Shop) -> Result<Vec<Cluster>> {
        let rows = sqlx::query(
            "SELECT id, name, hidden, created_at FROM clusters WHERE shop_id = $1 ORDER BY name",
        )
        .bind(&shop.id)
        .fetch_all(&self.pool)
        .await?;
        let members = sqlx::query(
            "SELECT cp.cluster_id, cp.product_id FROM cluster_products cp JOIN clusters c ON c.id = cp.cluster_id WHERE c.shop_id = $1 ORDER BY cp.product_id",
        )
        .bind(&shop.id)
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = r.try_get("id")?;
            let product_ids = members
                .iter()
                .filter(|m| m.try_get::<String, _>("cluster_id").ok().as_deref() == Some(&id))
                .map(|m| m.try_get("product_id"))
                .collect::<std::result::Result<_, _>>()?;
            out.push(Cluster {
                name: r.try_get("name")?,
                hidden: r.try_get::<i64, _>("hidden")? != 0,
                created_at: r.try_get("created_at")?,
                product_ids,
                id,
            });
        }
        Ok(out)
    }

    /// Adds a rule after checking it (see the module doc).
    pub async fn create_product_rule(
        &self,
        shop: &Shop,
        rule: NewProductRule,
    ) -> Result<ProductRuleRecord> {
        let rule = self.check_product_rule(shop, rule).await?;
        let id = Uuid::new_v4().to_string();
        let at = now();
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO product_rules (id, shop_id, kind, sub_type, product_from, cluster_from, product_to, cluster_to, created_at, last_modified_at, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, (SELECT COALESCE(MAX(position), 0) + 1 FROM product_rules WHERE shop_id = $2))",
        )
        .bind(&id)
        .bind(&shop.id)
        .bind(&rule.kind)
        .bind(&rule.sub_type)
        .bind(&rule.product_from)
        .bind(&rule.cluster_from)
        .bind(&rule.product_to)
        .bind(&rule.cluster_to)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(ProductRuleRecord {
            id,
            rule,
            created_at: at.clone(),
            last_modified_at: at,
        })
    }

    /// Replaces a rule's fields; `None` when the shop has no rule with this id.
    pub async fn update_product_rule(
        &self,
        shop: &Shop,
        id: &str,
        rule: NewProductRule,
    ) -> Result<Option<ProductRuleRecord>> {
        let Some(before) = self.product_rule(shop, id).await? else {
            return Ok(None);
        };
        let rule = self.check_product_rule(shop, rule).await?;
        let at = now();
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE product_rules SET kind = $1, sub_type = $2, product_from = $3, cluster_from = $4, product_to = $5, cluster_to = $6, last_modified_at = $7 WHERE shop_id = $8 AND id = $9",
        )
        .bind(&rule.kind)
        .bind(&rule.sub_type)
        .bind(&rule.product_from)
        .bind(&rule.cluster_from)
        .bind(&rule.product_to)
        .bind(&rule.cluster_to)
        .bind(&at)
        .bind(&shop.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(Some(ProductRuleRecord {
            id: id.to_string(),
            rule,
            created_at: before.created_at,
            last_modified_at: at,
        }))
    }

    /// Deletes a rule; whether the shop had it.
    pub async fn delete_product_rule(&self, shop: &Shop, id: &str) -> Result<bool> {
        let mut tx = self.write().await?;
        let done = sqlx::query("DELETE FROM product_rules WHERE shop_id = $1 AND id = $2")
            .bind(&shop.id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        bump_rules_revision(&mut tx, shop).await?;
        tx.commit().await?;
        Ok(true)
    }

    pub async fn product_rule(&self, shop: &Shop, id: &str) -> Result<Option<ProductRuleRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {RULE_COLUMNS} FROM product_rules WHERE shop_id = $1 AND id = $2"
        ))
        .bind(&shop.id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(rule_from_row).transpose()
    }

    /// The shop's rules in the order they were written.
    pub async fn product_rules(&self, shop: &Shop) -> Result<Vec<ProductRuleRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {RULE_COLUMNS} FROM product_rules WHERE shop_id = $1 ORDER BY position, created_at, id"
        ))
        .bind(&shop.id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(rule_from_row).collect()
    }

    /// The rule with its ends as stored ids, or what is wrong with it (nothing is
    /// written: a preview checks an unsaved rule so).
    pub async fn check_product_rule(
        &self,
        shop: &Shop,
        rule: NewProductRule,
    ) -> Result<NewProductRule> {
        let kind = rule.kind.trim().to_ascii_uppercase();
        if !RULE_KINDS.contains(&kind.as_str()) {
            return Err(Error::Invalid(format!(
                "type {:?} is not one of {}",
                rule.kind,
                RULE_KINDS.join(", ")
            )));
        }
        let sub_type = rule
            .sub_type
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if let Some(s) = &sub_type {
            if s.chars().count() > MAX_SUB_TYPE {
                return Err(Error::Invalid(format!(
                    "subType is {} characters long; at most {MAX_SUB_TYPE} are allowed",
                    s.chars().count()
                )));
            }
        }
        let end = |product: &Option<String>, cluster: &Option<String>, side: &str| match (
            product, cluster,
        ) {
            (Some(_), Some(_)) => Err(Error::Invalid(format!(
                "give either product{side} or cluster{side}, not both"
            ))),
            (None, None) => Err(Error::Invalid(format!(
                "a rule needs product{side} or cluster{side}"
            ))),
            _ => Ok(()),
        };
        end(&rule.product_from, &rule.cluster_from, "From")?;
        end(&rule.product_to, &rule.cluster_to, "To")?;
        let product = |id: &Option<String>, field: &'static str| {
            let id = id.clone();
            async move {
                match id {
                    None => Ok(None),
                    Some(id) => match self.product(shop, &id).await? {
                        Some(p) => Ok(Some(p.id)),
                        None => Err(Error::Invalid(format!(
                            "{field} {id:?} is not a product of this shop"
                        ))),
                    },
                }
            }
        };
        let cluster = |id: &Option<String>, field: &'static str| {
            let id = id.clone();
            async move {
                match id {
                    None => Ok(None),
                    Some(id) => {
                        let found =
                            sqlx::query("SELECT id FROM clusters WHERE shop_id = $1 AND id = $2")
                                .bind(&shop.id)
                                .bind(&id)
                                .fetch_optional(&self.pool)
                                .await?;
                        match found {
                            Some(_) => Ok(Some(id)),
                            None => Err(Error::Invalid(format!(
                                "{field} {id:?} is not a cluster of this shop"
                            ))),
                        }
                    }
                }
            }
        };
        let checked = NewProductRule {
            product_from: product(&rule.product_from, "productFrom").await?,
            cluster_from: cluster(&rule.cluster_from, "clusterFrom").await?,
            product_to: product(&rule.product_to, "productTo").await?,
            cluster_to: cluster(&rule.cluster_to, "clusterTo").await?,
            kind,
            sub_type,
        };
        if checked.product_from.is_some() && checked.product_from == checked.product_to {
            return Err(Error::Invalid(
                "a rule cannot point from a product to itself".into(),
            ));
        }
        Ok(checked)
    }

    /// The stored ids of `ids` (ids or external ids), each a product of this shop.
    async fn shop_product_ids(&self, shop: &Shop, ids: &[String]) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::with_capacity(ids.len());
        for id in ids {
            match self.product(shop, id).await? {
                Some(p) if !out.contains(&p.id) => out.push(p.id),
                Some(_) => {}
                None => {
                    return Err(Error::Invalid(format!(
                        "{id:?} is not a product of this shop"
                    )))
                }
            }
        }
        Ok(out)
    }
}

/// A cluster's name, trimmed, or why it cannot be one.
fn cluster_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(Error::Invalid(
            "a cluster needs a name of 1 to 200 characters".into(),
        ));
    }
    Ok(name)
}

/// Replaces a cluster's products.
async fn set_members(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    cluster_id: &str,
    members: &[String],
) -> Result<()> {
    sqlx::query("DELETE FROM cluster_products WHERE cluster_id = $1")
        .bind(cluster_id)
        .execute(&mut **tx)
        .await?;
    for p in members {
        sqlx::query("INSERT INTO cluster_products (cluster_id, product_id) VALUES ($1, $2)")
            .bind(cluster_id)
            .bind(p)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Tells running servers that the shop's rules changed (see the migration).
async fn bump_rules_revision(tx: &mut sqlx::Transaction<'_, sqlx::Any>, shop: &Shop) -> Result<()> {
    sqlx::query("UPDATE shops SET rules_revision = rules_revision + 1 WHERE id = $1")
        .bind(&shop.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

const RULE_COLUMNS: &str = "id, kind, sub_type, product_from, cluster_from, product_to, cluster_to, created_at, last_modified_at";

fn rule_from_row(r: sqlx::any::AnyRow) -> Result<ProductRuleRecord> {
    Ok(ProductRuleRecord {
        id: r.try_get("id")?,
        rule: NewProductRule {
            kind: r.try_get("kind")?,
            sub_type: r.try_get("sub_type")?,
            product_from: r.try_get("product_from")?,
            cluster_from: r.try_get("cluster_from")?,
            product_to: r.try_get("product_to")?,
            cluster_to: r.try_get("cluster_to")?,
        },
        created_at: r.try_get("created_at")?,
        last_modified_at: r.try_get("last_modified_at")?,
    })
}

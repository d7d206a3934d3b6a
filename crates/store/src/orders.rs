use std::collections::HashSet;

use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::products::{product_id, upsert_products_in};
use crate::records::{NewOrder, NewProduct, Shop};
use crate::{now, placeholders, Error, Result, Store};

/// What an import or an order upload changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    pub products_upserted: usize,
    pub orders_added: usize,
    /// Orders the store held already (same external id): left as they were.
    pub orders_already_present: usize,
    /// The orders that are new, for the model to learn.
    #[serde(skip)]
    pub added: Vec<OrderItems>,
}

/// A closed order's products (API ids) in line order.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderItems {
    pub external_id: String,
    pub closed_at: String,
    pub product_ids: Vec<String>,
}

const ORDER_BATCH: usize = 500;
const LINE_BATCH: usize = 1000;

/// Every external id a shop has in `table` (`products` or `orders`).
async fn external_ids(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &'static str,
    shop: &Shop,
) -> Result<HashSet<String>> {
    let rows = sqlx::query(&format!(
        "SELECT external_id FROM {table} WHERE shop_id = $1"
    ))
    .bind(&shop.id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| r.try_get("external_id"))
        .collect::<std::result::Result<_, _>>()?)
}

pub(crate) fn order_id(shop_id: &str, external_id: &str) -> String {
    let ns = Uuid::parse_str(shop_id).unwrap_or(Uuid::NAMESPACE_OID);
    Uuid::new_v5(&ns, format!("order:{external_id}").as_bytes()).to_string()
}

impl Store {
    /// Adds closed orders; an order whose external id is known already is skipped.
    /// All or none: one invalid order (or a line naming an unknown product) stops
    /// the whole call with the reason, and nothing is written.
    pub async fn add_orders(&self, shop: &Shop, orders: &[NewOrder]) -> Result<ImportOutcome> {
        self.import(shop, &[], orders).await
    }

    /// Upserts products, then adds orders, in one transaction.
    pub async fn import(
        &self,
        shop: &Shop,
        products: &[NewProduct],
        orders: &[NewOrder],
    ) -> Result<ImportOutcome> {
        for p in products {
            p.validate().map_err(Error::Invalid)?;
        }
        for o in orders {
            o.validate().map_err(Error::Invalid)?;
        }
        let mut tx = self.pool.begin().await?;
        upsert_products_in(&mut tx, shop, products).await?;

        let known_products = external_ids(&mut tx, "products", shop).await?;
        let mut present = external_ids(&mut tx, "orders", shop).await?;

        let mut outcome = ImportOutcome {
            products_upserted: products.len(),
            ..Default::default()
        };
        let mut new_orders: Vec<&NewOrder> = Vec::new();
        for o in orders {
            if !present.insert(o.external_id.clone()) {
                outcome.orders_already_present += 1;
                continue;
            }
            if let Some(line) = o
                .lines
                .iter()
                .find(|l| !known_products.contains(&l.product_external_id))
            {
                return Err(Error::Invalid(format!(
                    "order {:?} names product {:?}, which the shop does not have; import the product first",
                    o.external_id, line.product_external_id
                )));
            }
            new_orders.push(o);
        }

        let created = now();
        for chunk in new_orders.chunks(ORDER_BATCH) {
            let sql = format!(
                "INSERT INTO orders (id, shop_id, external_id, customer_id, closed_at, created_at) VALUES {} ON CONFLICT (shop_id, external_id) DO NOTHING",
                placeholders(chunk.len(), 6)
            );
            let mut q = sqlx::query(&sql);
            for o in chunk {
                q = q
                    .bind(order_id(&shop.id, &o.external_id))
                    .bind(&shop.id)
                    .bind(&o.external_id)
                    .bind(o.customer_id.clone())
                    .bind(o.closed_at_utc())
                    .bind(&created);
            }
            q.execute(&mut *tx).await?;
        }
        let lines: Vec<(String, i64, String, i64, f64)> = new_orders
            .iter()
            .flat_map(|o| {
                let oid = order_id(&shop.id, &o.external_id);
                o.lines.iter().enumerate().map(move |(i, l)| {
                    (
                        oid.clone(),
                        i as i64,
                        product_id(&shop.id, &l.product_external_id),
                        l.quantity,
                        l.unit_price,
                    )
                })
            })
            .collect();
        for chunk in lines.chunks(LINE_BATCH) {
            let sql = format!(
                "INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES {} ON CONFLICT (order_id, line_no) DO NOTHING",
                placeholders(chunk.len(), 5)
            );
            let mut q = sqlx::query(&sql);
            for (oid, no, pid, qty, price) in chunk {
                q = q.bind(oid).bind(no).bind(pid).bind(qty).bind(price);
            }
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;

        outcome.orders_added = new_orders.len();
        outcome.added = new_orders
            .iter()
            .map(|o| OrderItems {
                external_id: o.external_id.clone(),
                closed_at: o.closed_at_utc(),
                product_ids: o
                    .lines
                    .iter()
                    .map(|l| product_id(&shop.id, &l.product_external_id))
                    .collect(),
            })
            .collect();
        Ok(outcome)
    }

    /// Every closed order of a shop with its products in line order, oldest first:
    /// what the model is built from.
    pub async fn order_items(&self, shop: &Shop) -> Result<Vec<OrderItems>> {
        let rows = sqlx::query(
            "SELECT o.external_id, o.closed_at, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id \
             WHERE o.shop_id = $1 ORDER BY o.closed_at, o.external_id, l.line_no",
        )
        .bind(&shop.id)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<OrderItems> = Vec::new();
        for row in rows {
            let ext: String = row.try_get("external_id")?;
            let pid: String = row.try_get("product_id")?;
            match out.last_mut() {
                Some(last) if last.external_id == ext => last.product_ids.push(pid),
                _ => out.push(OrderItems {
                    external_id: ext,
                    closed_at: row.try_get("closed_at")?,
                    product_ids: vec![pid],
                }),
            }
        }
        Ok(out)
    }

    pub async fn order_count(&self, shop: &Shop) -> Result<i64> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM orders WHERE shop_id = $1")
                .bind(&shop.id)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }
}

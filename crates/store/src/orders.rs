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
    /// The order's number in the order it reached the store (0: stored before
    /// orders were numbered).
    pub received_no: i64,
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
        let mut tx = self.write().await?;
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
        let first_no = number_orders(&mut tx, &shop.id, new_orders.len()).await?;
        for (c, chunk) in new_orders.chunks(ORDER_BATCH).enumerate() {
            let sql = format!(
                "INSERT INTO orders (id, shop_id, external_id, customer_id, closed_at, created_at, received_no, visitor_id, session_id) VALUES {} ON CONFLICT (shop_id, external_id) DO NOTHING",
                placeholders(chunk.len(), 9)
            );
            let mut q = sqlx::query(&sql);
            for (i, o) in chunk.iter().enumerate() {
                q = q
                    .bind(order_id(&shop.id, &o.external_id))
                    .bind(&shop.id)
                    .bind(&o.external_id)
                    .bind(o.customer_id.clone())
                    .bind(o.closed_at_utc())
                    .bind(&created)
                    .bind(first_no + (c * ORDER_BATCH + i) as i64)
                    .bind(o.visitor_id.clone())
                    .bind(o.session_id.clone());
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
            .enumerate()
            .map(|(i, o)| OrderItems {
                received_no: first_no + i as i64,
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
        self.order_items_where(shop, "", 0, "o.closed_at, o.external_id")
            .await
    }

    /// The orders that reached the store after number `after`, in that order: what
    /// a server learns of orders another server (or the command line) took.
    pub async fn orders_after(&self, shop: &Shop, after: i64) -> Result<Vec<OrderItems>> {
        self.order_items_where(shop, "AND o.received_no > $2", after, "o.received_no")
            .await
    }

    /// One row per order, its products joined in line order by the database: the
    /// demo's 355,000 lines come back as 18,000 rows, which is what makes loading a
    /// shop at start take a fraction of a second.
    async fn order_items_where(
        &self,
        shop: &Shop,
        filter: &str,
        after: i64,
        order_by: &str,
    ) -> Result<Vec<OrderItems>> {
        let products = if self.sqlite {
            "group_concat(l.product_id, ',' ORDER BY l.line_no)"
        } else {
            "string_agg(l.product_id, ',' ORDER BY l.line_no)"
        };
        let sql = format!(
            "SELECT o.external_id, o.closed_at, o.received_no, {products} AS product_ids \
             FROM orders o JOIN order_lines l ON l.order_id = o.id \
             WHERE o.shop_id = $1 {filter} \
             GROUP BY o.id, o.external_id, o.closed_at, o.received_no ORDER BY {order_by}"
        );
        let mut q = sqlx::query(&sql).bind(&shop.id);
        if !filter.is_empty() {
            q = q.bind(after);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|row| {
                // Product ids are UUIDs: a comma never occurs inside one.
                let ids: String = row.try_get("product_ids")?;
                Ok(OrderItems {
                    external_id: row.try_get("external_id")?,
                    closed_at: row.try_get("closed_at")?,
                    product_ids: ids.split(',').map(str::to_string).collect(),
                    received_no: row.try_get::<Option<i64>, _>("received_no")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// The shop's order lines, counted by the database through the same join the
    /// model's load reads: the floor any load of them stands on.
    pub async fn order_line_count(&self, shop: &Shop) -> Result<i64> {
        Ok(sqlx::query(
            "SELECT COUNT(l.product_id) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.shop_id = $1",
        )
        .bind(&shop.id)
        .fetch_one(&self.pool)
        .await?
        .try_get("n")?)
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

/// Takes the next `n` numbers of the shop's orders (locking the shop's row until the
/// transaction ends, so numbers are committed in order); returns the first.
pub(crate) async fn number_orders(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    shop_id: &str,
    n: usize,
) -> Result<i64> {
    if n == 0 {
        return Ok(0);
    }
    let last: i64 = sqlx::query(
        "UPDATE shops SET orders_received = orders_received + $1 WHERE id = $2 RETURNING orders_received",
    )
    .bind(n as i64)
    .bind(shop_id)
    .fetch_one(&mut **tx)
    .await?
    .try_get("orders_received")?;
    Ok(last - n as i64 + 1)
}

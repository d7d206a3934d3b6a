use sqlx::Row;
use uuid::Uuid;

use crate::records::{NewProduct, Shop, StoredProduct};
use crate::{now, placeholders, Error, Result, Store};

/// Product ids are stable across re-imports: UUIDv5 of the shop's id and the
/// product's external id.
pub fn product_id(shop_id: &str, external_id: &str) -> String {
    let ns = Uuid::parse_str(shop_id).unwrap_or(Uuid::NAMESPACE_OID);
    Uuid::new_v5(&ns, external_id.as_bytes()).to_string()
}

pub(crate) const PRODUCT_COLUMNS: &str = "id, shop_id, external_id, name, description, price, sale_price, cost_price, currency, url, image_url, categories, tags, brands, family, stock, available, updated_at";
const PRODUCT_COLS: usize = 18;
const BATCH: usize = 400;

impl Store {
    /// Adds or replaces products by external id, all or none.
    pub async fn upsert_products(&self, shop: &Shop, products: &[NewProduct]) -> Result<usize> {
        for p in products {
            p.validate().map_err(Error::Invalid)?;
        }
        let mut tx = self.write().await?;
        upsert_products_in(&mut tx, shop, products).await?;
        tx.commit().await?;
        Ok(products.len())
    }

    /// Sets a product's stock (`None`: not tracked) and availability.
    pub async fn set_stock(
        &self,
        shop: &Shop,
        external_id: &str,
        stock: Option<i64>,
        available: bool,
    ) -> Result<bool> {
        let done = sqlx::query("UPDATE products SET stock = $1, available = $2, updated_at = $3 WHERE shop_id = $4 AND external_id = $5")
            .bind(stock)
            .bind(available as i64)
            .bind(now())
            .bind(&shop.id)
            .bind(external_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Every product of a shop, in external id order.
    pub async fn products(&self, shop: &Shop) -> Result<Vec<StoredProduct>> {
        let rows = sqlx::query(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products WHERE shop_id = $1 ORDER BY external_id"
        ))
        .bind(&shop.id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(product_from_row).collect()
    }

    pub async fn product(&self, shop: &Shop, id: &str) -> Result<Option<StoredProduct>> {
        let row = sqlx::query(&format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE shop_id = $1 AND (id = $2 OR external_id = $2)"))
            .bind(&shop.id)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(product_from_row).transpose()
    }

    pub async fn product_count(&self, shop: &Shop) -> Result<i64> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM products WHERE shop_id = $1")
                .bind(&shop.id)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }
}

pub(crate) async fn upsert_products_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    shop: &Shop,
    products: &[NewProduct],
) -> Result<()> {
    let updated = now();
    for chunk in products.chunks(BATCH) {
        let sql = format!(
            "INSERT INTO products ({PRODUCT_COLUMNS}) VALUES {} ON CONFLICT (shop_id, external_id) DO UPDATE SET \
             name = excluded.name, description = excluded.description, price = excluded.price, \
             sale_price = excluded.sale_price, cost_price = excluded.cost_price, currency = excluded.currency, \
             url = excluded.url, image_url = excluded.image_url, categories = excluded.categories, \
             tags = excluded.tags, brands = excluded.brands, family = excluded.family, stock = excluded.stock, \
             available = excluded.available, updated_at = excluded.updated_at",
            placeholders(chunk.len(), PRODUCT_COLS)
        );
        let mut q = sqlx::query(&sql);
        for p in chunk {
            let url = match (&p.url, &shop.settings.product_url_base) {
                (Some(u), _) => u.clone(),
                (None, Some(base)) => {
                    format!("{}/products/{}", base.trim_end_matches('/'), p.external_id)
                }
                (None, None) => format!("/products/{}", p.external_id),
            };
            q = q
                .bind(product_id(&shop.id, &p.external_id))
                .bind(&shop.id)
                .bind(&p.external_id)
                .bind(p.name.trim().to_string())
                .bind(p.description.clone())
                .bind(p.price)
                .bind(p.sale_price)
                .bind(p.cost_price)
                .bind(&shop.currency)
                .bind(url)
                .bind(p.image_url.clone())
                .bind(serde_json::to_string(&p.categories).expect("strings serialise"))
                .bind(serde_json::to_string(&p.tags).expect("strings serialise"))
                .bind(serde_json::to_string(&p.brands).expect("strings serialise"))
                .bind(p.family.clone())
                .bind(p.stock)
                .bind(p.available as i64)
                .bind(&updated);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

fn json_list(row: &sqlx::any::AnyRow, col: &str) -> Result<Vec<String>> {
    let text: String = row.try_get(col)?;
    serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("stored {col} is not a JSON list: {e}")))
}

pub(crate) fn product_from_row(row: sqlx::any::AnyRow) -> Result<StoredProduct> {
    Ok(StoredProduct {
        id: row.try_get("id")?,
        external_id: row.try_get("external_id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        price: row.try_get("price")?,
        sale_price: row.try_get("sale_price")?,
        cost_price: row.try_get("cost_price")?,
        currency: row.try_get("currency")?,
        url: row.try_get("url")?,
        image_url: row.try_get("image_url")?,
        categories: json_list(&row, "categories")?,
        tags: json_list(&row, "tags")?,
        brands: json_list(&row, "brands")?,
        family: row.try_get("family")?,
        stock: row.try_get("stock")?,
        available: row.try_get::<i64, _>("available")? != 0,
    })
}

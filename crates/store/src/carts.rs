//! The demo storefront's server-side carts: one per visitor, closed by checkout into
//! an order like any other (the model learns it at once).

use sqlx::Row;
use uuid::Uuid;

use crate::orders::{order_id, OrderItems};
use crate::products::{product_from_row, PRODUCT_COLUMNS};
use crate::records::{Shop, StoredProduct};
use crate::{now, Error, Result, Store};

/// Most units of one product a cart line may hold.
pub const MAX_LINE_QUANTITY: i64 = 99;

/// A visitor's cart: its lines in the order they were added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredCart {
    pub id: String,
    pub destination_country: Option<String>,
    pub lines: Vec<CartLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CartLine {
    pub product: StoredProduct,
    pub quantity: i64,
}

impl CartLine {
    /// What the shopper may hold of this product: the stock when tracked, within the line cap.
    pub fn max_quantity(&self) -> i64 {
        max_quantity(&self.product)
    }
}

fn max_quantity(p: &StoredProduct) -> i64 {
    p.stock
        .map_or(MAX_LINE_QUANTITY, |s| s.clamp(0, MAX_LINE_QUANTITY))
}

/// Checks a line's quantity against the product; the message is for the shopper.
fn check_quantity(p: &StoredProduct, quantity: i64) -> Result<()> {
    if !p.available || p.stock.is_some_and(|s| s <= 0) {
        return Err(Error::Invalid(format!("{} is out of stock", p.name)));
    }
    let max = max_quantity(p);
    if quantity > max {
        return Err(Error::Invalid(match p.stock {
            Some(s) if s <= MAX_LINE_QUANTITY => format!("Only {s} of {} left in stock", p.name),
            _ => format!("At most {MAX_LINE_QUANTITY} of one product per order"),
        }));
    }
    Ok(())
}

/// A closed checkout: the new order, for the model, and the products whose stock fell.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkout {
    pub order: OrderItems,
    pub restocked: Vec<String>,
}

impl Store {
    /// The cart `cart_id` of `shop` (empty when it does not exist yet).
    pub async fn cart(&self, shop: &Shop, cart_id: &str) -> Result<StoredCart> {
        let mut conn = self.pool.acquire().await?;
        load_cart(&mut conn, shop, cart_id).await
    }

    /// Adds `quantity` of a product (API or external id) to the cart, creating it.
    /// Fails, changing nothing, when the product is unknown, out of stock, or the
    /// line would exceed the stock.
    pub async fn add_to_cart(
        &self,
        shop: &Shop,
        cart_id: &str,
        product: &str,
        quantity: i64,
    ) -> Result<StoredCart> {
        if !(1..=MAX_LINE_QUANTITY).contains(&quantity) {
            return Err(Error::Invalid(format!(
                "quantity must be from 1 to {MAX_LINE_QUANTITY}, got {quantity}"
            )));
        }
        let mut tx = self.write().await?;
        let p = product_in(&mut tx, shop, product).await?;
        let held = line_quantity(&mut tx, cart_id, &p.id).await?;
        check_quantity(&p, held.unwrap_or(0) + quantity)?;
        touch_cart(&mut tx, shop, cart_id).await?;
        match held {
            Some(q) => {
                sqlx::query(
                    "UPDATE cart_lines SET quantity = $1 WHERE cart_id = $2 AND product_id = $3",
                )
                .bind(q + quantity)
                .bind(cart_id)
                .bind(&p.id)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                let next: i64 = sqlx::query("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM cart_lines WHERE cart_id = $1")
                    .bind(cart_id)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("next")?;
                sqlx::query("INSERT INTO cart_lines (cart_id, product_id, quantity, position) VALUES ($1, $2, $3, $4)")
                    .bind(cart_id)
                    .bind(&p.id)
                    .bind(quantity)
                    .bind(next)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let cart = load_cart(&mut tx, shop, cart_id).await?;
        tx.commit().await?;
        Ok(cart)
    }

    /// Sets a line's quantity (0 removes it). The line is named by its product's id.
    pub async fn set_cart_quantity(
        &self,
        shop: &Shop,
        cart_id: &str,
        product: &str,
        quantity: i64,
    ) -> Result<StoredCart> {
        if !(0..=MAX_LINE_QUANTITY).contains(&quantity) {
            return Err(Error::Invalid(format!(
                "quantity must be from 0 to {MAX_LINE_QUANTITY}, got {quantity}"
            )));
        }
        let mut tx = self.write().await?;
        let p = product_in(&mut tx, shop, product).await?;
        if line_quantity(&mut tx, cart_id, &p.id).await?.is_none() {
            return Err(Error::Invalid(format!("{} is not in the cart", p.name)));
        }
        if quantity == 0 {
            sqlx::query("DELETE FROM cart_lines WHERE cart_id = $1 AND product_id = $2")
                .bind(cart_id)
                .bind(&p.id)
                .execute(&mut *tx)
                .await?;
        } else {
            check_quantity(&p, quantity)?;
            sqlx::query(
                "UPDATE cart_lines SET quantity = $1 WHERE cart_id = $2 AND product_id = $3",
            )
            .bind(quantity)
            .bind(cart_id)
            .bind(&p.id)
            .execute(&mut *tx)
            .await?;
        }
        touch_cart(&mut tx, shop, cart_id).await?;
        let cart = load_cart(&mut tx, shop, cart_id).await?;
        tx.commit().await?;
        Ok(cart)
    }

    /// Empties the cart.
    pub async fn clear_cart(&self, shop: &Shop, cart_id: &str) -> Result<StoredCart> {
        let mut tx = self.write().await?;
        touch_cart(&mut tx, shop, cart_id).await?;
        sqlx::query("DELETE FROM cart_lines WHERE cart_id = $1")
            .bind(cart_id)
            .execute(&mut *tx)
            .await?;
        let cart = load_cart(&mut tx, shop, cart_id).await?;
        tx.commit().await?;
        Ok(cart)
    }

    /// Remembers where the cart ships to (ISO 3166-1 alpha-2, uppercase).
    pub async fn set_destination_country(
        &self,
        shop: &Shop,
        cart_id: &str,
        country: &str,
    ) -> Result<StoredCart> {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::Invalid(format!(
                "country must be an ISO 3166-1 alpha-2 code such as GB, got {country:?}"
            )));
        }
        let mut tx = self.write().await?;
        touch_cart(&mut tx, shop, cart_id).await?;
        sqlx::query("UPDATE carts SET destination_country = $1 WHERE id = $2")
            .bind(country)
            .bind(cart_id)
            .execute(&mut *tx)
            .await?;
        let cart = load_cart(&mut tx, shop, cart_id).await?;
        tx.commit().await?;
        Ok(cart)
    }

    /// Closes the cart as an order, in one transaction: the order and its lines at
    /// the current prices, stock taken off, the cart emptied. Fails, changing
    /// nothing, when the cart is empty or a line no longer fits the stock.
    /// Closes the cart as an order of its visitor (`cart_id`), in `session_id` when
    /// the storefront knows it.
    pub async fn checkout(
        &self,
        shop: &Shop,
        cart_id: &str,
        session_id: Option<&str>,
    ) -> Result<Checkout> {
        let mut tx = self.write().await?;
        let cart = load_cart(&mut tx, shop, cart_id).await?;
        if cart.lines.is_empty() {
            return Err(Error::Invalid("the cart is empty".into()));
        }
        for l in &cart.lines {
            check_quantity(&l.product, l.quantity)?;
        }
        let external_id = format!("web-{}", Uuid::new_v4().simple());
        let closed_at = now();
        let oid = order_id(&shop.id, &external_id);
        let received_no = crate::orders::number_orders(&mut tx, &shop.id, 1).await?;
        // The storefront's cart is its visitor's: the order is theirs in the experiment.
        sqlx::query("INSERT INTO orders (id, shop_id, external_id, customer_id, closed_at, created_at, received_no, visitor_id, session_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(&oid)
            .bind(&shop.id)
            .bind(&external_id)
            .bind(Some(cart_id.to_string()))
            .bind(&closed_at)
            .bind(&closed_at)
            .bind(received_no)
            .bind(cart_id)
            .bind(session_id)
            .execute(&mut *tx)
            .await?;
        let mut restocked = Vec::new();
        for (no, l) in cart.lines.iter().enumerate() {
            sqlx::query("INSERT INTO order_lines (order_id, line_no, product_id, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)")
                .bind(&oid)
                .bind(no as i64)
                .bind(&l.product.id)
                .bind(l.quantity)
                .bind(l.product.sale_price.unwrap_or(l.product.price))
                .execute(&mut *tx)
                .await?;
            if l.product.stock.is_some() {
                sqlx::query(
                    "UPDATE products SET stock = stock - $1, updated_at = $2 WHERE id = $3",
                )
                .bind(l.quantity)
                .bind(&closed_at)
                .bind(&l.product.id)
                .execute(&mut *tx)
                .await?;
                restocked.push(l.product.id.clone());
            }
        }
        sqlx::query("DELETE FROM cart_lines WHERE cart_id = $1")
            .bind(cart_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let order = OrderItems {
            external_id,
            closed_at,
            product_ids: cart.lines.iter().map(|l| l.product.id.clone()).collect(),
            received_no,
        };
        Ok(Checkout { order, restocked })
    }
}

type Conn = sqlx::AnyConnection;

async fn product_in(conn: &mut Conn, shop: &Shop, product: &str) -> Result<StoredProduct> {
    let row = sqlx::query(&format!("SELECT {PRODUCT_COLUMNS} FROM products WHERE shop_id = $1 AND (id = $2 OR external_id = $3)"))
        .bind(&shop.id)
        .bind(product)
        .bind(product)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(product_from_row)
        .transpose()?
        .ok_or_else(|| Error::Invalid(format!("the shop has no product {product:?}")))
}

async fn line_quantity(conn: &mut Conn, cart_id: &str, product_id: &str) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT quantity FROM cart_lines WHERE cart_id = $1 AND product_id = $2")
        .bind(cart_id)
        .bind(product_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.try_get("quantity")).transpose()?)
}

/// Creates the cart on first write; a cart id of another shop is refused.
async fn touch_cart(conn: &mut Conn, shop: &Shop, cart_id: &str) -> Result<()> {
    let owner: Option<String> = sqlx::query("SELECT shop_id FROM carts WHERE id = $1")
        .bind(cart_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get("shop_id"))
        .transpose()?;
    match owner {
        Some(o) if o != shop.id => Err(Error::Invalid("this cart belongs to another shop".into())),
        Some(_) => {
            sqlx::query("UPDATE carts SET updated_at = $1 WHERE id = $2")
                .bind(now())
                .bind(cart_id)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
        None => {
            sqlx::query("INSERT INTO carts (id, shop_id, destination_country, updated_at) VALUES ($1, $2, $3, $4)")
                .bind(cart_id)
                .bind(&shop.id)
                .bind(None::<String>)
                .bind(now())
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    }
}

async fn load_cart(conn: &mut Conn, shop: &Shop, cart_id: &str) -> Result<StoredCart> {
    let country =
        sqlx::query("SELECT destination_country FROM carts WHERE id = $1 AND shop_id = $2")
            .bind(cart_id)
            .bind(&shop.id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(country) = country else {
        return Ok(StoredCart {
            id: cart_id.to_string(),
            ..Default::default()
        });
    };
    let columns = PRODUCT_COLUMNS
        .split(", ")
        .map(|c| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {columns}, l.quantity AS line_quantity FROM cart_lines l JOIN products p ON p.id = l.product_id WHERE l.cart_id = $1 ORDER BY l.position"
    ))
    .bind(cart_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let quantity: i64 = row.try_get("line_quantity")?;
        lines.push(CartLine {
            product: product_from_row(row)?,
            quantity,
        });
    }
    Ok(StoredCart {
        id: cart_id.to_string(),
        destination_country: country.try_get("destination_country")?,
        lines,
    })
}

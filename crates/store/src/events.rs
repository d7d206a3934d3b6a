use serde_json::{Map, Value};
use sqlx::Row;
use uuid::Uuid;

use crate::records::Shop;
use crate::{now, Result, Store};

/// An analytics event to store (already validated by the caller).
#[derive(Clone, Debug, PartialEq)]
pub struct NewEvent {
    pub kind: String,
    pub search_log_id: Option<String>,
    pub metadata: Map<String, Value>,
    /// RFC 3339; the server's time when the client sent none.
    pub occurred_at: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    pub id: String,
    pub kind: String,
    pub search_log_id: Option<String>,
    pub metadata: Map<String, Value>,
    pub occurred_at: String,
    pub received_at: String,
}

impl Store {
    pub async fn add_event(&self, shop: &Shop, event: &NewEvent) -> Result<StoredEvent> {
        let id = Uuid::new_v4().to_string();
        let received_at = now();
        let text = |k: &str| {
            event
                .metadata
                .get(k)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        sqlx::query(
            "INSERT INTO events (id, shop_id, type, search_log_id, metadata, source, product_id, occurred_at, received_at, visitor_id, session_id, arm) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(&id)
        .bind(&shop.id)
        .bind(&event.kind)
        .bind(event.search_log_id.clone())
        .bind(Value::Object(event.metadata.clone()).to_string())
        .bind(text("source"))
        .bind(text("productId"))
        .bind(&event.occurred_at)
        .bind(&received_at)
        .bind(text("visitorId"))
        .bind(text("sessionId"))
        .bind(text("arm"))
        .execute(&self.pool)
        .await?;
        Ok(StoredEvent {
            id,
            kind: event.kind.clone(),
            search_log_id: event.search_log_id.clone(),
            metadata: event.metadata.clone(),
            occurred_at: event.occurred_at.clone(),
            received_at,
        })
    }

    /// The newest events of a shop, optionally of one type and one source.
    pub async fn events(
        &self,
        shop: &Shop,
        kind: Option<&str>,
        source: Option<&str>,
        limit: i64,
    ) -> Result<Vec<StoredEvent>> {
        let rows = sqlx::query(
            "SELECT id, type, search_log_id, metadata, occurred_at, received_at FROM events \
             WHERE shop_id = $1 AND ($2 = '' OR type = $2) AND ($3 = '' OR source = $3) \
             ORDER BY received_at DESC, id LIMIT $4",
        )
        .bind(&shop.id)
        .bind(kind.unwrap_or(""))
        .bind(source.unwrap_or(""))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                let metadata: String = row.try_get("metadata")?;
                Ok(StoredEvent {
                    id: row.try_get("id")?,
                    kind: row.try_get("type")?,
                    search_log_id: row.try_get("search_log_id")?,
                    metadata: serde_json::from_str(&metadata).map_err(|e| {
                        crate::Error::Invalid(format!(
                            "stored event metadata is not a JSON object: {e}"
                        ))
                    })?,
                    occurred_at: row.try_get("occurred_at")?,
                    received_at: row.try_get("received_at")?,
                })
            })
            .collect()
    }
}

/// A widget event of a known visitor, as the experiment reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct VisitorEvent {
    pub visitor_id: String,
    pub session_id: Option<String>,
    /// The arm the widget said it was in, when it said.
    pub arm: Option<String>,
    pub kind: String,
    pub source: Option<String>,
    pub product_id: Option<String>,
    /// `metadata.action` (`open` or `add` on a cross-sell card's click).
    pub action: Option<String>,
    pub occurred_at: String,
}

/// An order of a known visitor, with its lines (product API id, quantity, unit price).
#[derive(Clone, Debug, PartialEq)]
pub struct VisitorOrder {
    pub visitor_id: String,
    pub session_id: Option<String>,
    pub closed_at: String,
    pub lines: Vec<(String, i64, f64)>,
}

impl Store {
    /// Every event and order of the shop that carries a visitor id, closed or
    /// occurred at `since` (RFC 3339) or later, oldest first: what the lift report
    /// is computed from.
    pub async fn experiment_data(
        &self,
        shop: &Shop,
        since: &str,
    ) -> Result<(Vec<VisitorEvent>, Vec<VisitorOrder>)> {
        let rows = sqlx::query(
            "SELECT visitor_id, session_id, arm, type, source, product_id, metadata, occurred_at FROM events \
             WHERE shop_id = $1 AND visitor_id IS NOT NULL AND occurred_at >= $2 ORDER BY occurred_at, id",
        )
        .bind(&shop.id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let metadata: String = row.try_get("metadata")?;
            let action = serde_json::from_str::<Value>(&metadata)
                .ok()
                .and_then(|m| m.get("action")?.as_str().map(str::to_string));
            events.push(VisitorEvent {
                visitor_id: row.try_get("visitor_id")?,
                session_id: row.try_get("session_id")?,
                arm: row.try_get("arm")?,
                kind: row.try_get("type")?,
                source: row.try_get("source")?,
                product_id: row.try_get("product_id")?,
                action,
                occurred_at: row.try_get("occurred_at")?,
            });
        }
        let rows = sqlx::query(
            "SELECT o.id, o.visitor_id, o.session_id, o.closed_at, l.product_id, l.quantity, l.unit_price \
             FROM orders o JOIN order_lines l ON l.order_id = o.id \
             WHERE o.shop_id = $1 AND o.visitor_id IS NOT NULL AND o.closed_at >= $2 \
             ORDER BY o.closed_at, o.id, l.line_no",
        )
        .bind(&shop.id)
        .bind(since)
        .fetch_all(&self.pool)
        .await?;
        let mut orders: Vec<VisitorOrder> = Vec::new();
        let mut last_id = String::new();
        for row in rows {
            let id: String = row.try_get("id")?;
            let line = (
                row.try_get("product_id")?,
                row.try_get("quantity")?,
                row.try_get("unit_price")?,
            );
            if id == last_id {
                if let Some(o) = orders.last_mut() {
                    o.lines.push(line);
                }
                continue;
            }
            last_id = id;
            orders.push(VisitorOrder {
                visitor_id: row.try_get("visitor_id")?,
                session_id: row.try_get("session_id")?,
                closed_at: row.try_get("closed_at")?,
                lines: vec![line],
            });
        }
        Ok((events, orders))
    }
}

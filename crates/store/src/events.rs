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
            "INSERT INTO events (id, shop_id, type, search_log_id, metadata, source, product_id, occurred_at, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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

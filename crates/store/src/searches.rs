use sqlx::Row;
use uuid::Uuid;

use crate::records::Shop;
use crate::{now, Result, Store};

/// What a search conversation remembers between turns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Conversation {
    pub id: String,
    pub language: String,
    /// Turns so far, this one excluded.
    pub turns: u32,
    pub last_item_key: Option<String>,
    pub destination_country: Option<String>,
}

/// One search turn, as logged.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchTurn {
    pub conversation_id: Option<String>,
    pub turn_number: Option<u32>,
    pub query: String,
    pub language: String,
    pub intent: String,
    pub total: u64,
    pub cart_action: Option<String>,
    pub query_time_ms: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredSearch {
    pub id: String,
    pub turn: SearchTurn,
    pub created_at: String,
}

impl Store {
    /// The shop's conversation `id`, if it exists.
    pub async fn conversation(&self, shop: &Shop, id: &str) -> Result<Option<Conversation>> {
        let row = sqlx::query(
            "SELECT id, language, turns, last_item_key, destination_country FROM conversations WHERE id = $1 AND shop_id = $2",
        )
        .bind(id)
        .bind(&shop.id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Conversation {
                id: r.try_get("id")?,
                language: r.try_get("language")?,
                turns: r.try_get::<i64, _>("turns")? as u32,
                last_item_key: r.try_get("last_item_key")?,
                destination_country: r.try_get("destination_country")?,
            })
        })
        .transpose()
    }

    /// Logs a turn and, when it belongs to a conversation, saves what the
    /// conversation remembers after it, in one transaction. Returns the turn's id
    /// (the `searchLogId`).
    pub async fn log_search(
        &self,
        shop: &Shop,
        turn: &SearchTurn,
        conversation: Option<&Conversation>,
    ) -> Result<String> {
        let id = Uuid::new_v4().to_string();
        let at = now();
        let mut tx = self.write().await?;
        if let Some(c) = conversation {
            let updated = sqlx::query(
                "UPDATE conversations SET language = $1, turns = $2, last_item_key = $3, destination_country = $4, updated_at = $5 \
                 WHERE id = $6 AND shop_id = $7",
            )
            .bind(&c.language)
            .bind(i64::from(c.turns))
            .bind(c.last_item_key.clone())
            .bind(c.destination_country.clone())
            .bind(&at)
            .bind(&c.id)
            .bind(&shop.id)
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 0 {
                sqlx::query(
                    "INSERT INTO conversations (id, shop_id, language, turns, last_item_key, destination_country, started_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&c.id)
                .bind(&shop.id)
                .bind(&c.language)
                .bind(i64::from(c.turns))
                .bind(c.last_item_key.clone())
                .bind(c.destination_country.clone())
                .bind(&at)
                .bind(&at)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "INSERT INTO search_logs (id, shop_id, conversation_id, turn_number, query, language, intent, total, cart_action, query_time_ms, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&id)
        .bind(&shop.id)
        .bind(turn.conversation_id.clone())
        .bind(turn.turn_number.map(i64::from))
        .bind(&turn.query)
        .bind(&turn.language)
        .bind(&turn.intent)
        .bind(turn.total as i64)
        .bind(turn.cart_action.clone())
        .bind(turn.query_time_ms)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A logged turn of the shop.
    pub async fn search_log(&self, shop: &Shop, id: &str) -> Result<Option<StoredSearch>> {
        let row = sqlx::query(
            "SELECT id, conversation_id, turn_number, query, language, intent, total, cart_action, query_time_ms, created_at \
             FROM search_logs WHERE id = $1 AND shop_id = $2",
        )
        .bind(id)
        .bind(&shop.id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(StoredSearch {
                id: r.try_get("id")?,
                turn: SearchTurn {
                    conversation_id: r.try_get("conversation_id")?,
                    turn_number: r
                        .try_get::<Option<i64>, _>("turn_number")?
                        .map(|n| n as u32),
                    query: r.try_get("query")?,
                    language: r.try_get("language")?,
                    intent: r.try_get("intent")?,
                    total: r.try_get::<i64, _>("total")? as u64,
                    cart_action: r.try_get("cart_action")?,
                    query_time_ms: r.try_get("query_time_ms")?,
                },
                created_at: r.try_get("created_at")?,
            })
        })
        .transpose()
    }
}

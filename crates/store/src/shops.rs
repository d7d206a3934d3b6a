use sha2::{Digest, Sha256};
use sqlx::Row;
use uuid::Uuid;

use crate::records::{AdminKey, ApiKeyKind, Shop, ShopCredentials, ShopSettings, WidgetToken};
use crate::{now, Error, Result, Store};

/// Keys are random (two v4 UUIDs: 244 random bits) with a prefix that says what they are.
fn new_key(prefix: &str) -> String {
    format!(
        "{prefix}{}{}",
        Uuid::new_v4().simple(),
        Uuid::new_v4().simple()
    )
}

/// Keys are stored as their SHA-256: a leaked database does not leak working keys.
fn hash_key(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_currency_and_language(currency: &str, language: &str) -> Result<()> {
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::Invalid(format!(
            "currency {currency:?} must be an ISO 4217 code like GBP"
        )));
    }
    if !matches!(language, "en" | "es") {
        return Err(Error::Invalid(format!(
            "language {language:?} must be en or es"
        )));
    }
    Ok(())
}

/// An origin as browsers send it: scheme, host and optional port, nothing else
/// (`https://shop.example`, `http://127.0.0.1:8080`).
pub fn check_origin(origin: &str) -> Result<()> {
    let bad = || {
        Error::Invalid(format!("allowed origin {origin:?} must be scheme://host[:port], like https://shop.example (no path, no trailing slash)"))
    };
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
    if host_ok && port_ok && host == host.to_ascii_lowercase() {
        Ok(())
    } else {
        Err(bad())
    }
}

impl Store {
    /// Creates a shop with one widget token and one admin key, shown only here.
    pub async fn create_shop(
        &self,
        slug: &str,
        name: &str,
        currency: &str,
        language: &str,
    ) -> Result<ShopCredentials> {
        if !valid_slug(slug) {
            return Err(Error::Invalid(format!(
                "shop slug {slug:?} must be 1 to 64 characters of a-z, 0-9 and -"
            )));
        }
        check_currency_and_language(currency, language)?;
        if self.shop_by_slug(slug).await?.is_some() {
            return Err(Error::ShopExists(slug.to_string()));
        }
        let shop = Shop {
            id: Uuid::new_v4().to_string(),
            slug: slug.to_string(),
            name: if name.trim().is_empty() {
                slug.to_string()
            } else {
                name.trim().to_string()
            },
            currency: currency.to_string(),
            language: language.to_string(),
            settings: ShopSettings::default(),
            rules_revision: 0,
        };
        let widget_token = WidgetToken(new_key("clw_"));
        let admin_key = AdminKey(new_key("cla_"));
        let created = now();
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO shops (id, slug, name, currency, language, settings, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&shop.id)
            .bind(&shop.slug)
            .bind(&shop.name)
            .bind(&shop.currency)
            .bind(&shop.language)
            .bind(serde_json::to_string(&shop.settings).expect("settings serialise"))
            .bind(&created)
            .execute(&mut *tx)
            .await?;
        for (key, kind) in [
            (&widget_token.0, ApiKeyKind::Widget),
            (&admin_key.0, ApiKeyKind::Admin),
        ] {
            // Under the label `shop token` re-issues by default, so rotating it revokes these.
            sqlx::query("INSERT INTO api_keys (hash, shop_id, kind, label, created_at) VALUES ($1, $2, $3, 'default', $4)")
                .bind(hash_key(key))
                .bind(&shop.id)
                .bind(kind.as_str())
                .bind(&created)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ShopCredentials {
            shop,
            widget_token,
            admin_key,
        })
    }

    /// Issues a widget token under `label`, revoking the previous one of that label
    /// (the demo storefront's own token, re-issued at each start).
    pub async fn reissue_widget_token(&self, shop_id: &str, label: &str) -> Result<WidgetToken> {
        Ok(WidgetToken(
            self.reissue_key(shop_id, ApiKeyKind::Widget, label).await?,
        ))
    }

    /// Issues an admin key under `label`, revoking the previous one of that label
    /// (keys are stored hashed, so a lost key can only be replaced).
    pub async fn reissue_admin_key(&self, shop_id: &str, label: &str) -> Result<AdminKey> {
        Ok(AdminKey(
            self.reissue_key(shop_id, ApiKeyKind::Admin, label).await?,
        ))
    }

    async fn reissue_key(&self, shop_id: &str, kind: ApiKeyKind, label: &str) -> Result<String> {
        let key = new_key(if kind == ApiKeyKind::Widget {
            "clw_"
        } else {
            "cla_"
        });
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM api_keys WHERE shop_id = $1 AND kind = $2 AND label = $3")
            .bind(shop_id)
            .bind(kind.as_str())
            .bind(label)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO api_keys (hash, shop_id, kind, label, created_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(hash_key(&key))
            .bind(shop_id)
            .bind(kind.as_str())
            .bind(label)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    pub async fn shop_by_slug(&self, slug: &str) -> Result<Option<Shop>> {
        self.shop_where("slug", slug).await
    }

    /// Every shop in the store, by slug.
    pub async fn shops(&self) -> Result<Vec<Shop>> {
        sqlx::query(
            "SELECT id, slug, name, currency, language, settings, rules_revision FROM shops ORDER BY slug",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(shop_from_row)
        .collect()
    }

    pub async fn shop_by_id(&self, id: &str) -> Result<Option<Shop>> {
        self.shop_where("id", id).await
    }

    async fn shop_where(&self, column: &'static str, value: &str) -> Result<Option<Shop>> {
        let sql = format!(
            "SELECT id, slug, name, currency, language, settings, rules_revision FROM shops WHERE {column} = $1"
        );
        let row = sqlx::query(&sql)
            .bind(value)
            .fetch_optional(&self.pool)
            .await?;
        row.map(shop_from_row).transpose()
    }

    /// The shop a key opens, if the key is known and of the kind asked for.
    pub async fn shop_for_key(&self, key: &str, kind: ApiKeyKind) -> Result<Option<Shop>> {
        let row = sqlx::query(
            "SELECT s.id, s.slug, s.name, s.currency, s.language, s.settings, s.rules_revision FROM api_keys k JOIN shops s ON s.id = k.shop_id WHERE k.hash = $1 AND k.kind = $2",
        )
        .bind(hash_key(key))
        .bind(kind.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(shop_from_row).transpose()
    }

    /// Changes a shop's name, currency, language and settings in one write, after
    /// checking each: a bad value changes nothing. Running servers see it within a
    /// second (their key cache re-reads the shop).
    pub async fn update_shop(&self, shop: &Shop) -> Result<()> {
        check_currency_and_language(&shop.currency, &shop.language)?;
        if shop.name.trim().is_empty() || shop.name.chars().count() > 200 {
            return Err(Error::Invalid(
                "the shop's name must be 1 to 200 characters".into(),
            ));
        }
        for origin in &shop.settings.allowed_origins {
            check_origin(origin)?;
        }
        if let Some(base) = &shop.settings.product_url_base {
            if !(base.starts_with("https://") || base.starts_with("http://"))
                || base.chars().any(char::is_whitespace)
            {
                return Err(Error::Invalid(format!(
                    "product URL base {base:?} must be an http(s) URL"
                )));
            }
        }
        let updated = sqlx::query(
            "UPDATE shops SET name = $1, currency = $2, language = $3, settings = $4 WHERE id = $5",
        )
        .bind(shop.name.trim())
        .bind(&shop.currency)
        .bind(&shop.language)
        .bind(serde_json::to_string(&shop.settings).expect("settings serialise"))
        .bind(&shop.id)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(Error::UnknownShop(shop.slug.clone()));
        }
        Ok(())
    }

    pub async fn update_shop_settings(&self, shop_id: &str, settings: &ShopSettings) -> Result<()> {
        sqlx::query("UPDATE shops SET settings = $1 WHERE id = $2")
            .bind(serde_json::to_string(settings).expect("settings serialise"))
            .bind(shop_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn shop_from_row(row: sqlx::any::AnyRow) -> Result<Shop> {
    let settings: String = row.try_get("settings")?;
    Ok(Shop {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        currency: row.try_get("currency")?,
        language: row.try_get("language")?,
        settings: serde_json::from_str(&settings)
            .map_err(|e| Error::Invalid(format!("stored shop settings are not valid JSON: {e}")))?,
        rules_revision: row.try_get("rules_revision")?,
    })
}

impl Store {
    /// Whether any shop lists `origin` in its allowed origins (CORS preflight).
    pub async fn origin_is_allowed(&self, origin: &str) -> Result<bool> {
        let rows = sqlx::query("SELECT settings FROM shops")
            .fetch_all(&self.pool)
            .await?;
        for row in rows {
            let text: String = row.try_get("settings")?;
            let settings: ShopSettings = serde_json::from_str(&text).map_err(|e| {
                Error::Invalid(format!("stored shop settings are not valid JSON: {e}"))
            })?;
            if settings.allowed_origins.iter().any(|o| o == origin) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

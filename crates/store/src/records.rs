//! The records the store reads and writes (not the wire DTOs: those are in
//! `cartlift-contract`, and the server converts between the two).

use serde::{Deserialize, Serialize};

/// A shop and its settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Shop {
    pub id: String,
    pub slug: String,
    pub name: String,
    /// ISO 4217.
    pub currency: String,
    pub language: String,
    pub settings: ShopSettings,
    /// Changes with every write of the shop's product rules or clusters.
    pub rules_revision: i64,
}

/// Per-shop settings, stored as JSON.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ShopSettings {
    /// Origins allowed to call the widget API from a browser (CORS), e.g.
    /// `https://shop.example`. Empty: same-origin only.
    pub allowed_origins: Vec<String>,
    /// Category compatibility rules, `{from, to, effect}` with effect `allow`,
    /// `deny` or `boost:<factor>`.
    pub category_rules: Vec<CategoryRuleRecord>,
    /// Base of product URLs on the shop's own site (`{base}/products/{externalId}`).
    pub product_url_base: Option<String>,
    /// The shop's own words in its product names (abbreviations, nicknames) and what
    /// each stands for, so the search box's cart agent finds "the hot water bottle"
    /// in a line named "HOTTIE".
    pub shop_words: Vec<ShopWordRecord>,
    /// The holdout experiment that measures the recommendations' lift.
    pub experiment: ExperimentRecord,
}

/// How a shop's visitors are split between the engine and a control.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ExperimentRecord {
    /// Share of visitors who get the engine's recommendations (0 to 1).
    pub treatment_share: f64,
    /// What the others see: `none` (no section) or `popularity` (the shop's best
    /// sellers, whatever the cart).
    pub control: String,
    /// How long after a click or add from the section an order line counts as its.
    pub attribution_window_hours: u32,
}

impl Default for ExperimentRecord {
    fn default() -> Self {
        ExperimentRecord {
            treatment_share: 0.9,
            control: "none".into(),
            attribution_window_hours: 24,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShopWordRecord {
    pub word: String,
    pub means: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryRuleRecord {
    pub from: String,
    pub to: String,
    pub effect: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiKeyKind {
    /// Public and read-only: cross-sell, search, tracking.
    Widget,
    /// Secret: writes (orders, products, rules).
    Admin,
}

impl ApiKeyKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ApiKeyKind::Widget => "widget",
            ApiKeyKind::Admin => "admin",
        }
    }
}

/// A widget token in clear text: shown once, stored hashed.
#[derive(Clone, PartialEq, Eq)]
pub struct WidgetToken(pub String);

/// An admin key in clear text: shown once, stored hashed. Deliberately not
/// `Serialize` and not `Debug`-printed, so it cannot leak into a response or a log.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminKey(pub String);

impl std::fmt::Debug for AdminKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminKey(***)")
    }
}

impl std::fmt::Debug for WidgetToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WidgetToken(***)")
    }
}

/// A new shop with the keys created for it.
#[derive(Debug)]
pub struct ShopCredentials {
    pub shop: Shop,
    pub widget_token: WidgetToken,
    pub admin_key: AdminKey,
}

/// A product as a shop sends it (import file or admin API).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewProduct {
    /// The shop's own id (stock code, post id); the product's key within the shop.
    pub external_id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub price: f64,
    #[serde(default)]
    pub sale_price: Option<f64>,
    /// Cost price, when known: margin then lifts the product a little.
    #[serde(default)]
    pub cost_price: Option<f64>,
    /// Page on the shop's site; default `/products/{externalId}`.
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub image_url: Option<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub brands: Vec<String>,
    /// Variants of one product share a family (cluster).
    #[serde(default)]
    pub family: Option<String>,
    /// Units in stock; absent when not tracked.
    #[serde(default)]
    pub stock: Option<i64>,
    /// Listed for sale (default true).
    #[serde(default = "yes")]
    pub available: bool,
}

fn yes() -> bool {
    true
}

impl NewProduct {
    /// Checks what the store cannot repair; the message names the product and field.
    pub fn validate(&self) -> Result<(), String> {
        let who = format!("product {:?}", self.external_id);
        if self.external_id.trim().is_empty() || self.external_id.len() > 128 {
            return Err("product externalId must be 1 to 128 characters".into());
        }
        if self.name.trim().is_empty() || self.name.len() > 500 {
            return Err(format!("{who}: name must be 1 to 500 characters"));
        }
        for (field, v) in [
            ("price", Some(self.price)),
            ("salePrice", self.sale_price),
            ("costPrice", self.cost_price),
        ] {
            if let Some(v) = v {
                if !v.is_finite() || v < 0.0 {
                    return Err(format!("{who}: {field} must be a number >= 0, got {v}"));
                }
            }
        }
        if self.categories.len() > 20 || self.tags.len() > 50 || self.brands.len() > 20 {
            return Err(format!(
                "{who}: at most 20 categories, 50 tags and 20 brands"
            ));
        }
        Ok(())
    }
}

/// A stored product.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredProduct {
    pub id: String,
    pub external_id: String,
    pub name: String,
    pub description: Option<String>,
    pub price: f64,
    pub sale_price: Option<f64>,
    pub cost_price: Option<f64>,
    pub currency: String,
    pub url: String,
    pub image_url: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub brands: Vec<String>,
    pub family: Option<String>,
    pub stock: Option<i64>,
    pub available: bool,
}

/// A closed order as a shop sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewOrder {
    /// The shop's order number; sending it again adds nothing.
    pub external_id: String,
    #[serde(default)]
    pub customer_id: Option<String>,
    /// The anonymous visitor id the widget exposes (`NeuroonWidget.visitorId()`),
    /// when the host sends it: what ties the order to the holdout experiment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_id: Option<String>,
    /// The widget's session id, likewise (attribution is within a session).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// When the order closed, RFC 3339 (`2011-08-01T10:30:00Z`).
    pub closed_at: String,
    /// Lines in the order they were added to the cart.
    pub lines: Vec<NewOrderLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewOrderLine {
    /// The product's `externalId`.
    pub product_external_id: String,
    pub quantity: i64,
    pub unit_price: f64,
}

impl NewOrder {
    pub fn validate(&self) -> Result<(), String> {
        let who = format!("order {:?}", self.external_id);
        if self.external_id.trim().is_empty() || self.external_id.len() > 128 {
            return Err("order externalId must be 1 to 128 characters".into());
        }
        if chrono::DateTime::parse_from_rfc3339(&self.closed_at).is_err() {
            return Err(format!(
                "{who}: closedAt must be an RFC 3339 time like 2011-08-01T10:30:00Z, got {:?}",
                self.closed_at
            ));
        }
        if self.lines.is_empty() || self.lines.len() > 1000 {
            return Err(format!("{who}: an order needs 1 to 1000 lines"));
        }
        for (i, l) in self.lines.iter().enumerate() {
            if l.quantity <= 0 {
                return Err(format!(
                    "{who}, line {}: quantity must be at least 1, got {}",
                    i + 1,
                    l.quantity
                ));
            }
            if !l.unit_price.is_finite() || l.unit_price < 0.0 {
                return Err(format!(
                    "{who}, line {}: unitPrice must be a number >= 0",
                    i + 1
                ));
            }
        }
        Ok(())
    }

    /// `closed_at` normalised to UTC with seconds, so times sort as text.
    pub(crate) fn closed_at_utc(&self) -> String {
        chrono::DateTime::parse_from_rfc3339(&self.closed_at)
            .map(|t| {
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .unwrap_or_else(|_| self.closed_at.clone())
    }
}

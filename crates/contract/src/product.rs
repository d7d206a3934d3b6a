use serde::{Deserialize, Serialize};

/// A product as the widget receives it (`SearchResponse.results[]`, cross-sell `products[]`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// cartlift's product UUID (stable across re-imports).
    pub id: String,
    pub shop_id: String,
    pub shop_name: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Regular price.
    pub price: f64,
    /// When present the widget shows the discount against `price`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sale_price: Option<f64>,
    /// ISO 4217.
    pub currency: String,
    /// Final URL on the host shop.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub brands: Vec<String>,
    pub in_stock: bool,
    /// Internal relevance score (debug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// 0-5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_count: Option<u32>,
    /// The widget shows a "Low stock" badge at 5 or fewer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_count: Option<i64>,
    /// The host's own id (e.g. a WooCommerce post id), used for conversion tracking.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<Badge>,
    /// Why this product is suggested, in the request's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_score: Option<f64>,
}

impl Product {
    /// The widget's "Low stock" rule.
    pub fn is_low_stock(&self) -> bool {
        matches!(self.stock_count, Some(n) if n <= 5)
    }

    /// Whole-percent discount of `sale_price` against `price`, when there is one.
    pub fn discount_percent(&self) -> Option<u32> {
        let sale = self.sale_price?;
        if self.price <= 0.0 || sale >= self.price {
            return None;
        }
        Some((((self.price - sale) / self.price) * 100.0).round() as u32)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Badge {
    Bestseller,
    Trending,
    TopRated,
}

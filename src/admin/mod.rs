//! The merchant's pages under `/admin`: the shop's rules between products and
//! clusters, its category rules, and a preview of the drawer for a cart composed
//! there, with and without a rule not saved yet.
//!
//! Server-rendered like the storefront's pages, and server-only: the forms post to
//! the server functions below (which answer a plain form with a redirect back, so the
//! pages work without JavaScript), and `public/admin.js` only fills the product
//! pickers as the admin types. Nothing of it reaches the shoppers' wasm bundles.

mod charts;
pub mod fns;
mod pages;

use serde::{Deserialize, Serialize};

pub use pages::{
    AdminCategoriesPage, AdminLiftPage, AdminPreviewPage, AdminRulePage, AdminRulesPage,
};

/// One end of a rule as the list shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleEnd {
    pub cluster: bool,
    /// A product's external id, or a cluster's id.
    pub id: String,
    pub name: String,
    pub hidden: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleRow {
    pub id: String,
    pub kind: String,
    pub sub_type: Option<String>,
    pub from: RuleEnd,
    pub to: RuleEnd,
    pub last_modified_at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterChoice {
    pub id: String,
    pub name: String,
    pub hidden: bool,
    pub size: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RulesPage {
    pub shop_name: String,
    /// The rules the filter let through.
    pub rules: Vec<RuleRow>,
    /// All the shop's rules.
    pub total: usize,
    pub clusters: Vec<ClusterChoice>,
    pub kinds: Vec<String>,
}

/// A rule as the form sends it: products as typed (id, external id or whole name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleForm {
    pub kind: String,
    pub sub_type: Option<String>,
    pub product_from: Option<String>,
    pub cluster_from: Option<String>,
    pub product_to: Option<String>,
    pub cluster_to: Option<String>,
}

/// The lift page: the shop's report over the last `days` days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LiftPage {
    pub shop_name: String,
    pub currency: String,
    pub days: u32,
    pub report: cartlift_contract::LiftReport,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryRulesPage {
    pub shop_name: String,
    /// (from, to, effect as stored: allow, deny, boost:<factor>)
    pub rules: Vec<(String, String, String)>,
    /// Every category with its number of products.
    pub categories: Vec<(String, usize)>,
}

/// A product in the picker or the preview's cart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductChoice {
    /// The external id (what the shop calls it).
    pub id: String,
    pub name: String,
}

/// One suggestion of the preview with its score's parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub id: String,
    pub name: String,
    pub reason: String,
    pub score: f64,
    pub co_purchase: f64,
    pub prior: f64,
    /// The linear model's part.
    pub linear: f64,
    pub category: f64,
    /// The category rules' factor.
    pub category_rule: f64,
    pub margin: f64,
    pub popularity: u32,
    pub stock: Option<i64>,
    pub low_stock: bool,
    /// The kind of the shop's rule that put it here.
    pub product_rule: Option<String>,
    /// The out-of-stock product it replaces (an ALTERNATIVES rule).
    pub stands_in_for: Option<String>,
    /// Against the drawer without the unsaved rule: "new", "up 2", "down 1" or "".
    pub change: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub cart: Vec<ProductChoice>,
    /// What was typed into the cart and is no product of the shop.
    pub unknown: Vec<String>,
    pub now: Vec<PreviewRow>,
    /// With the unsaved rule; `None` without one (or when it is invalid).
    pub with_rule: Option<Vec<PreviewRow>>,
    pub rule_error: Option<String>,
}

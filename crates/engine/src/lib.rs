//! cartlift's recommendation engine: what to suggest for a cart, and why.
//!
//! A plain library over in-memory data: no async, no SQL, no I/O, no Leptos. The
//! caller loads the catalog and closed orders from wherever they live and feeds them
//! in; every closed order afterwards updates the model in place ([`Recommender::add_order`]),
//! so a checkout shows in the very next recommendation without a rebuild.
//!
//! - [`catalog`]: the products the ranking may return, indexed densely.
//! - [`model`]: item-to-item co-purchase counts from closed orders, weighted by how
//!   close two products stood in the order, plus category-level co-purchase.
//! - [`linear`]: a linear item-item model (EASE) solved from all orders at once,
//!   blended into co-purchase; solved again off the request path as orders come in.
//! - [`rules`]: the shop's declarative category rules (allow / deny / boost).
//! - [`product_rules`]: the shop's rules between products and clusters (accessories,
//!   parts, related, options, alternatives).
//! - [`rank`]: candidates from the model, rules, margin, stock, deduplication and
//!   diversity, with every score's parts and a reason in the shopper's language.
//! - [`eval`]: the offline protocol that decides the model's parameters.
//! - [`tune`]: a shop's ranking settings chosen from its own newest orders.
//! - [`lift`]: the holdout experiment: a visitor's arm, and each metric's lift
//!   between the arms with its confidence interval.

pub mod catalog;
pub mod eval;
pub mod lift;
pub mod linear;
pub mod model;
pub mod product_rules;
pub mod rank;
mod reason;
pub mod rules;
pub mod tune;

pub use cartlift_contract::Language;
pub use catalog::{Catalog, Product, ProductIdx};
pub use linear::LinearModel;
pub use model::{CoPurchase, ModelParams};
pub use product_rules::{ProductRule, ProductRules, RuleEnd, RuleKind};
pub use rank::{Because, Query, RankSettings, Recommender, ScoreParts, Suggestion};
pub use rules::{CategoryRule, CategoryRules, RuleEffect};
pub use tune::{tune, Tuning};

/// What can go wrong inside the engine.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum Error {
    #[error("invalid category rule {rule:?}: {reason}")]
    InvalidRule { rule: String, reason: String },
}

pub type Result<T> = std::result::Result<T, Error>;

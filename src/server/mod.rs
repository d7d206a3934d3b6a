//! Everything that exists only on the server: settings, shared state, the HTTP API,
//! the shops' engines, and the command line.

pub mod admin;
pub mod api;
mod art;
pub mod assistant;
pub mod bench;
pub mod commands;
pub mod config;
pub mod graphql;
pub mod layers;
pub mod lift;
pub mod ops;
mod router;
pub mod search_eval;
pub mod shops;
pub mod simulate;
pub mod site;
mod state;
pub mod storefront;
pub mod upstream;

pub use config::Settings;
pub use router::app;
pub use state::{AppState, Upstream};

/// The demo shop's data, compiled in so a lone binary can seed a demo.
pub const DEMO_DATA: &[u8] = include_bytes!("../../data/online-retail-2010-12_2011-09.csv.gz");
/// The keyword taxonomy that gives the demo shop's products their categories.
pub const DEMO_TAXONOMY: &str = include_str!("../../data/taxonomy.toml");
/// The demo shop's own words in its product names, stored in its settings by the seed.
pub const DEMO_SHOP_WORDS: &str = include_str!("../../data/demo-shop-words.tsv");

//! cartlift's storage: shops, their keys, products, closed orders, events, and the
//! shop's rules between products and clusters.
//!
//! One code path for SQLite (the default, a file) and PostgreSQL, chosen at run time
//! by the URL (`sqlite://...` or `postgres://...`) through sqlx's `Any` driver; the
//! SQL is kept to what both understand. Every multi-row write is one transaction, so
//! a failed import leaves the store as it was. The importers ([`import`]) only parse;
//! this crate knows nothing of ranking or HTTP.

mod carts;
mod category_rules;
mod events;
pub mod import;
mod orders;
mod product_rules;
mod products;
mod records;
mod searches;
mod shops;
pub use shops::check_origin;

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

pub use carts::{CartLine, Checkout, StoredCart, MAX_LINE_QUANTITY};
pub use category_rules::BOOST_RANGE;
pub use events::{NewEvent, StoredEvent, VisitorEvent, VisitorOrder};
pub use orders::{ImportOutcome, OrderItems};
pub use product_rules::{
    Cluster, NewCluster, NewProductRule, ProductRuleRecord, MAX_SUB_TYPE, RULE_KINDS,
};
pub use products::product_id;
pub use records::{
    AdminKey, ApiKeyKind, CategoryRuleRecord, ExperimentRecord, NewOrder, NewOrderLine, NewProduct,
    Shop, ShopCredentials, ShopSettings, ShopWordRecord, StoredProduct, WidgetToken,
};
pub use searches::{Conversation, SearchTurn, StoredSearch};

/// What went wrong, in words a shop owner or developer can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error(
        "unsupported database URL {0:?}: expected sqlite://<file> or postgres://user:pass@host/db"
    )]
    UnsupportedUrl(String),
    #[error("no shop with slug {0:?}; create it with `cartlift shop create {0}`")]
    UnknownShop(String),
    #[error("a shop with slug {0:?} exists already")]
    ShopExists(String),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{origin}, line {line}: {message}")]
    Parse {
        origin: String,
        line: u64,
        message: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// A connection pool to the store, SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// The few queries whose SQL differs between the two databases ask this.
    sqlite: bool,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Holds an exclusive lock on `path` (created when missing) until dropped; waits
/// for another process that holds it.
async fn lock_file(path: String) -> Result<std::fs::File> {
    let failed = |path: &str, e: std::io::Error| Error::Read {
        path: path.to_string(),
        message: format!("cannot lock it for the migrations: {e}"),
    };
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| failed(&path, e))?;
        file.lock().map_err(|e| failed(&path, e))?;
        Ok(file)
    })
    .await
    .expect("the lock task does not panic")
}

impl Store {
    /// A transaction that writes. On SQLite it takes the write lock at its start
    /// (`BEGIN IMMEDIATE`): a deferred one that read first fails with
    /// SQLITE_BUSY_SNAPSHOT when another process wrote in between, where this one
    /// waits for the lock (`busy_timeout`). Servers and commands share a store.
    async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(if self.sqlite {
            self.pool.begin_with("BEGIN IMMEDIATE").await?
        } else {
            self.pool.begin().await?
        })
    }

    /// Opens (creating the SQLite file and its folder when missing) and migrates.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let mut sqlite_file = None;
        let (url, sqlite) = if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let file = path.split('?').next().unwrap_or_default();
            if file != ":memory:" && !file.is_empty() {
                sqlite_file = Some(file.to_string());
                if let Some(dir) = std::path::Path::new(file)
                    .parent()
                    .filter(|d| !d.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).map_err(|e| Error::Read {
                        path: dir.display().to_string(),
                        message: e.to_string(),
                    })?;
                }
            }
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = if path.contains("mode=") {
                format!("sqlite://{path}")
            } else {
                format!("sqlite://{path}{sep}mode=rwc")
            };
            (url, true)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (url.to_string(), false)
        } else {
            return Err(Error::UnsupportedUrl(url.to_string()));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        // WAL lets readers go on while an import writes; the busy timeout
                        // makes a second writer wait instead of failing.
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        // Servers starting at once must not apply the same migration twice: sqlx
        // holds an advisory lock on PostgreSQL; on SQLite a lock file beside the
        // database does it.
        let lock = match &sqlite_file {
            Some(file) => Some(lock_file(format!("{file}.migrate-lock")).await?),
            None => None,
        };
        MIGRATOR.run(&pool).await?;
        drop(lock);
        Ok(Store { pool, sqlite })
    }

    /// The database a test should run on: a SQLite file in `dir`, or, when
    /// `CARTLIFT_TEST_POSTGRES` names a PostgreSQL server (`postgres://user@host:port/db`),
    /// a new empty database of its own there, so tests never see each other's rows.
    pub async fn test_url(dir: &std::path::Path) -> Result<String> {
        let Some(server) = std::env::var("CARTLIFT_TEST_POSTGRES")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            return Ok(format!("sqlite://{}/test.db", dir.display()));
        };
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut admin = sqlx::AnyConnection::connect(&server).await?;
        let name = format!("cartlift_test_{}", uuid::Uuid::new_v4().simple());
        admin
            .execute(format!("CREATE DATABASE {name}").as_str())
            .await?;
        admin.close().await?;
        let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
        Ok(format!("{base}/{name}"))
    }

    /// Whether the database answers a query.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Now, as the store writes times: UTC RFC 3339 with seconds.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `($1, $2), ($3, $4), ...`: placeholders for a multi-row insert.
pub(crate) fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push_str(", ");
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

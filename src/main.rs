//! The `cartlift` command: serve the storefront and the API, create shops, import
//! data, ask for recommendations, evaluate the model. Errors end with exit code 1
//! and a message on stderr.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use leptos::config::get_configuration;

/// See Cargo.toml: glibc's malloc was a sixth of the server's time under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The built site, compiled in (`build.rs`).
mod site {
    include!(concat!(env!("OUT_DIR"), "/site.rs"));
}

use cartlift::server::bench;
use cartlift::server::commands::{self, EvalOptions};
use cartlift::server::site::Site;
use cartlift::server::{app, AppState, Settings};
use cartlift_engine::{ModelParams, RankSettings};
use cartlift_store::Store;

#[derive(Parser)]
#[command(
    name = "cartlift",
    version,
    about = "Cart drawer with cross-sell recommendations from the shop's own orders"
)]
struct Cli {
    /// Runtime settings file (default: ./Leptos.toml when present, else built-in defaults).
    #[arg(long, global = true, env = "CARTLIFT_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL: sqlite://<file> or postgres://... (default: store.database_url).
    #[arg(long, global = true)]
    db: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the storefront, the widget API and the admin API (the default).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
        /// Create the storefront's shop from the bundled demo data when it is missing.
        #[arg(long)]
        seed_demo: bool,
    },
    /// Check the settings: prints each one in effect, where its value came from
    /// (default, file or environment variable; secrets masked), and fails naming the
    /// first bad one.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Manage shops.
    Shop {
        #[command(subcommand)]
        command: ShopCommand,
    },
    /// Import products and closed orders into a shop.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Print the cross-sell ranking for a cart, with each score's parts.
    Recommend {
        #[arg(long)]
        shop: String,
        /// Product ids or external ids in the cart, in the order they were added.
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, default_value_t = 8)]
        limit: usize,
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Evaluate search and the agent on the demo shop against the labelled sets in
    /// data/eval (precision@5 against a substring match, agent accuracy, latency).
    EvalSearch,
    /// Play the holdout experiment on real orders: a new shop trained on the demo
    /// data before --cut, and visitors replaying the later orders through the
    /// storefront's cart and drawer of a server started on loopback; prints the lift
    /// report.
    Simulate {
        /// A new shop for the simulation (it must not exist).
        #[arg(long, default_value = "sim")]
        shop: String,
        #[arg(long, default_value_t = 5000)]
        visitors: usize,
        /// Orders before this date train the shop; later ones are replayed.
        #[arg(long, default_value = "2011-07-01")]
        cut: String,
        /// Share of visitors in the treatment arm.
        #[arg(long, default_value_t = 0.5)]
        treatment_share: f64,
        /// What the control sees: none or popularity.
        #[arg(long, default_value = "popularity", value_parser = ["none", "popularity"])]
        control: String,
        /// Chance a shopper finds a product of their order without the section.
        #[arg(long, default_value_t = 0.5)]
        find: f64,
    },
    /// Measure speed and scale (see docs/benchmarks.md and scripts/bench).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Evaluate the ranking offline against baselines (HR@10, Recall@10, NDCG@10),
    /// one test month per fold, each trained on the orders before it.
    Eval {
        /// An Online Retail CSV (.gz); default: the bundled demo data.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Test months, oldest first: the last is the reported fold, the others are
        /// for choosing parameters.
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "2011-05,2011-06,2011-07,2011-08,2011-09"
        )]
        folds: Vec<String>,
        /// Months each fold tests, from its first (3: the owners' measurement, trained
        /// to a month's end and asked about the next three).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=12))]
        horizon: u32,
        /// The EASE baseline's products (the most ordered; 0 leaves it out).
        #[arg(long, default_value_t = 2500)]
        ease_products: usize,
        /// The EASE baseline's regularisation.
        #[arg(long, default_value_t = 250.0)]
        ease_lambda: f64,
        /// How many misses of the reported fold to print.
        #[arg(long, default_value_t = 12)]
        misses: usize,
        /// Replay the test months as the shop lives them: each order is learned once
        /// its carts were asked (as the server learns each checkout); without it the
        /// model stays as trained for the whole fold.
        #[arg(long)]
        online: bool,
        #[arg(long)]
        window: Option<usize>,
        #[arg(long)]
        forward: Option<f32>,
        #[arg(long)]
        backward: Option<f32>,
        #[arg(long)]
        decay: Option<f32>,
        #[arg(long)]
        source_norm: Option<f32>,
        #[arg(long)]
        target_norm: Option<f32>,
        #[arg(long)]
        recency: Option<f64>,
        #[arg(long)]
        same_name_cap: Option<usize>,
        #[arg(long)]
        half_life_days: Option<f32>,
        #[arg(long)]
        popularity_prior: Option<f64>,
        /// The linear model's weight in the ranking (0: co-purchase alone).
        #[arg(long)]
        linear_weight: Option<f64>,
        /// cartlift's linear model: the most ordered products it keeps.
        #[arg(long, default_value_t = cartlift_engine::linear::MAX_PRODUCTS)]
        linear_products: usize,
        /// cartlift's linear model: its regularisation.
        #[arg(long, default_value_t = cartlift_engine::linear::LAMBDA)]
        linear_lambda: f64,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print the settings in effect and check them (exit 1 on a bad value).
    Check,
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Model build from the demo data and one order's incremental update.
    Model,
    /// A bare axum server parsing the cross-sell JSON and answering a fixed body.
    Baseline {
        #[arg(long)]
        addr: SocketAddr,
        /// The body to answer (a real cross-sell response, for the same size).
        #[arg(long)]
        body_file: PathBuf,
    },
    /// Open-loop load at a fixed rate; prints latency percentiles.
    Load {
        #[arg(long)]
        url: String,
        #[arg(long, default_value = "")]
        token: String,
        #[arg(long)]
        body: String,
        #[arg(long, default_value_t = 1000)]
        rate: u32,
        #[arg(long, default_value_t = 10)]
        seconds: u32,
    },
    /// Writes COUNT product rules into a shop (for measuring the ranking with them):
    /// a few from each product given, the rest between products drawn at random,
    /// the five types in turn.
    Rules {
        #[arg(long, default_value = "demo")]
        shop: String,
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Products (external ids) that get rules of their own, e.g. a benchmark's cart.
        from: Vec<String>,
    },
    /// Loading a shop from the store as a server does at start (products, orders,
    /// rules) and building its engine, next to the database's own count of the lines.
    Store {
        #[arg(long, default_value = "demo")]
        shop: String,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// A synthetic shop: build time, memory and recommendation latency.
    Scale {
        #[arg(long, default_value_t = 100_000)]
        products: usize,
        #[arg(long, default_value_t = 1_000_000)]
        orders: usize,
    },
}

#[derive(Subcommand)]
enum ShopCommand {
    /// Create a shop; prints its id, widget token and admin key (shown only once).
    Create {
        slug: String,
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "GBP")]
        currency: String,
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Change a shop's settings; a running server follows within a second. Prints
    /// the shop's settings as they are now.
    Update {
        slug: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        #[arg(long)]
        language: Option<String>,
        /// Let pages on this origin call the widget API (repeatable), e.g. https://shop.example.
        #[arg(long = "allowed-origin", value_name = "ORIGIN")]
        allowed_origins: Vec<String>,
        /// Stop allowing this origin (repeatable).
        #[arg(long = "remove-allowed-origin", value_name = "ORIGIN")]
        removed_origins: Vec<String>,
        /// Forget every allowed origin before adding the ones given.
        #[arg(long)]
        clear_allowed_origins: bool,
        /// Base of product links on the shop's own site ("" to remove).
        #[arg(long)]
        product_url_base: Option<String>,
        /// A word of the shop's product names and what it stands for, for the search
        /// box's cart agent (repeatable), e.g. hottie="hot water bottle".
        #[arg(long = "word", value_name = "WORD=MEANING")]
        words: Vec<String>,
        /// Forget one of the shop's words (repeatable).
        #[arg(long = "remove-word", value_name = "WORD")]
        removed_words: Vec<String>,
        /// The holdout experiment: share of visitors who get the recommendations
        /// (0 to 1; the default 0.9 keeps 10 % as the control).
        #[arg(long)]
        treatment_share: Option<f64>,
        /// What the control arm shows: none (no section) or popularity.
        #[arg(long, value_parser = ["none", "popularity"])]
        control: Option<String>,
        /// Hours after a click or add from the section in which an order line
        /// counts as the section's.
        #[arg(long)]
        attribution_window_hours: Option<u32>,
    },
    /// List or change a shop's category rules (what may be suggested for a cart of
    /// which categories, and what is lifted); a running server follows within a second.
    Rules {
        slug: String,
        /// Add a rule, or replace the one between the same categories (repeatable):
        /// FROM and TO are categories or *, EFFECT is allow, deny or boost:<factor>.
        #[arg(long, num_args = 3, value_names = ["FROM", "TO", "EFFECT"])]
        set: Vec<String>,
        /// Delete the rule from FROM to TO (repeatable).
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        remove: Vec<String>,
        /// Also list the shop's categories with their numbers of products.
        #[arg(long)]
        categories: bool,
    },
    /// Issue a widget token (revoking the previous one of the same label).
    Token {
        slug: String,
        #[arg(long, default_value = "default")]
        label: String,
        /// Issue an admin key (secret: it writes) instead of a widget token.
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// The UCI Online Retail CSV (.csv or .csv.gz), cleaned; re-running adds nothing twice.
    OnlineRetail {
        file: PathBuf,
        #[arg(long)]
        shop: String,
        /// Keyword taxonomy giving products categories (default: the bundled one).
        #[arg(long)]
        taxonomy: Option<PathBuf>,
    },
    /// JSON Lines of products, orders or clusters (docs/import-format.md).
    Jsonl {
        #[arg(value_parser = ["products", "orders", "clusters"])]
        kind: String,
        file: PathBuf,
        #[arg(long)]
        shop: String,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        // Colours for a person at a terminal; plain lines for the journal or a file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cartlift: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if let Some(Command::Config {
        command: ConfigCommand::Check,
    }) = cli.command
    {
        return config_check(cli.config.as_deref());
    }
    let settings = Settings::from_env(cli.config.as_deref())?;
    let db = cli
        .db
        .clone()
        .unwrap_or_else(|| settings.store.database_url.clone());
    let command = match cli.command {
        Some(command) => command,
        None => Command::Serve {
            addr: default_addr()?,
            seed_demo: false,
        },
    };
    if let Command::Eval {
        file,
        folds,
        horizon,
        ease_products,
        ease_lambda,
        misses,
        online,
        window,
        forward,
        backward,
        decay,
        source_norm,
        target_norm,
        recency,
        same_name_cap,
        half_life_days,
        popularity_prior,
        linear_weight,
        linear_products,
        linear_lambda,
    } = command
    {
        let d = ModelParams::default();
        let r = RankSettings::default();
        return commands::eval(EvalOptions {
            file: file.as_deref(),
            folds: &folds,
            horizon,
            ease_products,
            ease_lambda,
            linear_products,
            linear_lambda,
            misses,
            online,
            params: ModelParams {
                window: window.unwrap_or(d.window),
                forward: forward.unwrap_or(d.forward),
                backward: backward.unwrap_or(d.backward),
                decay: decay.unwrap_or(d.decay),
                source_norm: source_norm.unwrap_or(d.source_norm),
                target_norm: target_norm.unwrap_or(d.target_norm),
                half_life_days: half_life_days.unwrap_or(d.half_life_days),
            },
            settings: RankSettings {
                recency: recency.unwrap_or(r.recency),
                same_name_cap: same_name_cap.unwrap_or(r.same_name_cap),
                popularity_prior: popularity_prior.unwrap_or(r.popularity_prior),
                linear_weight: linear_weight.unwrap_or(r.linear_weight),
                ..r
            },
        });
    }
    let command = match command {
        Command::Bench {
            command: BenchCommand::Model,
        } => return bench::model(),
        Command::Bench {
            command: BenchCommand::Scale { products, orders },
        } => return bench::scale(products, orders),
        other => other,
    };
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async move {
        let command = match command {
            Command::Bench {
                command: BenchCommand::Baseline { addr, body_file },
            } => return bench::baseline_server(addr, &body_file).await,
            Command::Bench {
                command:
                    BenchCommand::Load {
                        url,
                        token,
                        body,
                        rate,
                        seconds,
                    },
            } => return bench::load(&url, &token, &body, rate, seconds).await,
            other => other,
        };
        let store = Store::open(&db).await?;
        match command {
            Command::Bench {
                command: BenchCommand::Rules { shop, count, from },
            } => bench::rules(&store, &shop, count, &from).await,
            Command::Bench {
                command: BenchCommand::Store { shop, runs },
            } => bench::store_load(&store, &shop, runs).await,
            Command::Serve { addr, seed_demo } => {
                if seed_demo {
                    commands::seed_demo(&store, &settings.widget.shop).await?;
                }
                serve(settings, store, addr).await
            }
            Command::Shop {
                command:
                    ShopCommand::Create {
                        slug,
                        name,
                        currency,
                        language,
                    },
            } => commands::shop_create(&store, &slug, &name, &currency, &language).await,
            Command::Import {
                command:
                    ImportCommand::OnlineRetail {
                        file,
                        shop,
                        taxonomy,
                    },
            } => commands::import_online_retail(&store, &shop, &file, taxonomy.as_deref()).await,
            Command::Import {
                command: ImportCommand::Jsonl { kind, file, shop },
            } => commands::import_jsonl(&store, &shop, &kind, &file).await,
            Command::Recommend {
                shop,
                ids,
                limit,
                language,
            } => commands::recommend(&store, &shop, &ids, limit, &language).await,
            Command::Shop {
                command:
                    ShopCommand::Update {
                        slug,
                        name,
                        currency,
                        language,
                        allowed_origins,
                        removed_origins,
                        clear_allowed_origins,
                        product_url_base,
                        words,
                        removed_words,
                        treatment_share,
                        control,
                        attribution_window_hours,
                    },
            } => {
                let change = commands::ShopChange {
                    treatment_share,
                    control,
                    attribution_window_hours,
                    name,
                    currency,
                    language,
                    allowed_origins,
                    removed_origins,
                    clear_allowed_origins,
                    product_url_base,
                    words,
                    removed_words,
                };
                commands::shop_update(&store, &slug, change).await
            }
            Command::Shop {
                command:
                    ShopCommand::Rules {
                        slug,
                        set,
                        remove,
                        categories,
                    },
            } => commands::shop_rules(&store, &slug, &set, &remove, categories).await,
            Command::Shop {
                command: ShopCommand::Token { slug, label, admin },
            } => commands::shop_token(&store, &slug, &label, admin).await,
            Command::EvalSearch => cartlift::server::search_eval::run().await,
            Command::Simulate {
                shop,
                visitors,
                cut,
                treatment_share,
                control,
                find,
            } => {
                anyhow::ensure!(
                    (0.0..=1.0).contains(&treatment_share) && (0.0..=1.0).contains(&find),
                    "--treatment-share and --find are shares from 0 to 1"
                );
                cartlift::server::simulate::run(
                    &store,
                    settings,
                    cartlift::server::simulate::Options {
                        shop,
                        visitors,
                        cut,
                        treatment_share,
                        control,
                        find,
                    },
                )
                .await
            }
            Command::Eval { .. } | Command::Bench { .. } | Command::Config { .. } => {
                unreachable!("handled above")
            }
        }
    })
}

/// `LEPTOS_SITE_ADDR`, or 127.0.0.1:3000 (`serve --addr` reads the same variable).
fn default_addr() -> anyhow::Result<SocketAddr> {
    match std::env::var("LEPTOS_SITE_ADDR") {
        Ok(a) => a.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "LEPTOS_SITE_ADDR is {a:?}: expected an address and port such as 127.0.0.1:3000"
            )
        }),
        Err(_) => Ok(([127, 0, 0, 1], 3000).into()),
    }
}

/// `cartlift config check`: every setting in effect and where it came from.
fn config_check(file: Option<&std::path::Path>) -> anyhow::Result<()> {
    let (_, effective) = Settings::load_explained(file, |k| std::env::var(k).ok())?;
    let addr = default_addr()?;
    let site = match std::env::var("CARTLIFT_SITE_DIR") {
        Ok(dir) => {
            let files = Site::from_dir(std::path::Path::new(&dir)).map_err(|e| {
                anyhow::anyhow!("CARTLIFT_SITE_DIR is {dir:?}: cannot read the site: {e}")
            })?;
            format!("{dir} ({} files)", files.len())
        }
        Err(_) if site::SITE_FILES.is_empty() => {
            "none compiled in: read from target/site at start".into()
        }
        Err(_) => format!(
            "compiled into the binary ({} files)",
            Site::embedded(site::SITE_FILES).len()
        ),
    };
    let rows: Vec<[String; 4]> = effective
        .into_iter()
        .map(|e| [e.key, e.value, e.origin, e.variable])
        .chain([
            [
                "listen address".into(),
                addr.to_string(),
                origin_of("LEPTOS_SITE_ADDR"),
                "LEPTOS_SITE_ADDR (or serve --addr)".into(),
            ],
            [
                "site".into(),
                site,
                origin_of("CARTLIFT_SITE_DIR"),
                "CARTLIFT_SITE_DIR".into(),
            ],
        ])
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1).min(48), width(2));
    println!("{:w0$}  {:w1$}  {:w2$}  set by", "setting", "value", "from");
    for [key, value, origin, variable] in &rows {
        println!("{key:w0$}  {value:w1$}  {origin:w2$}  {variable}");
    }
    println!("ok: every setting is valid");
    Ok(())
}

fn origin_of(variable: &str) -> String {
    if std::env::var_os(variable).is_some() {
        variable.to_string()
    } else {
        "default".to_string()
    }
}

async fn serve(settings: Settings, store: Store, addr: SocketAddr) -> anyhow::Result<()> {
    let mut options = get_configuration(None)?.leptos_options;
    options.site_addr = addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
    let site = if let Ok(dir) = std::env::var("CARTLIFT_SITE_DIR") {
        // Another build's site, e.g. while `cargo leptos watch` rebuilds it.
        Site::from_dir(std::path::Path::new(&dir))
            .map_err(|e| anyhow::anyhow!("CARTLIFT_SITE_DIR={dir}: cannot read the site: {e}"))?
    } else if site::SITE_FILES.is_empty() {
        Site::from_dir(std::path::Path::new(&*options.site_root)).unwrap_or_else(|e| {
            tracing::warn!(site_root = %options.site_root, error = %e, "no site compiled in and none on disk: pages come without their scripts and styles (scripts/build makes the site)");
            Site::embedded(&[])
        })
    } else {
        Site::embedded(site::SITE_FILES)
    };
    tracing::info!(
        files = site.len(),
        from = site.origin(),
        version = site.version(),
        "site"
    );
    let state = AppState::new(options, settings, store, addr)
        .await?
        .with_site(site);
    // Every shop's engine is built now, in the background: /readyz says when.
    state.engines.build_all(&state.store);
    tracing::info!("cartlift listening on http://{addr}");
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop_signal())
    .await?;
    tracing::info!("requests in flight answered; stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM (what systemd and container runtimes send): stop taking
/// connections, answer the requests in flight, then exit 0.
async fn stop_signal() {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; Ctrl-C still stops");
                std::future::pending::<()>().await
            }
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
    tracing::info!("stopping: answering the requests in flight");
}

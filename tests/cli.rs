//! The `cartlift` command itself, run as a process against a real SQLite file.
#![cfg(feature = "ssr")]

use std::process::{Command, Output};

struct Cli {
    dir: tempfile::TempDir,
    db: String,
}

impl Cli {
    /// On a SQLite file, or a fresh PostgreSQL database when `CARTLIFT_TEST_POSTGRES` is set.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(cartlift_store::Store::test_url(dir.path()))
            .unwrap();
        Cli { dir, db }
    }

    fn db(&self) -> String {
        self.db.clone()
    }

    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cartlift"));
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env("RUST_LOG", "warn");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    /// As [`Cli::run`], from an empty folder (no Leptos.toml beside it, as deployed).
    fn run_elsewhere(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let empty = self.dir.path().join("elsewhere");
        std::fs::create_dir_all(&empty).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cartlift"));
        cmd.current_dir(empty).args(args).env("RUST_LOG", "warn");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args, &[]);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

const PRODUCTS: &str = r#"{"externalId":"LANTERN","name":"WHITE METAL LANTERN","price":3.39,"categories":["lighting"]}
{"externalId":"CANDLE","name":"SCENTED CANDLE","price":1.25,"categories":["candles"]}
{"externalId":"MUG","name":"ENAMEL MUG","price":2.1,"categories":["kitchen"]}
"#;

const ORDERS: &str = r#"{"externalId":"1","closedAt":"2011-05-01T10:00:00Z","lines":[{"productExternalId":"LANTERN","quantity":1,"unitPrice":3.39},{"productExternalId":"CANDLE","quantity":2,"unitPrice":1.25}]}
{"externalId":"2","closedAt":"2011-05-02T10:00:00Z","lines":[{"productExternalId":"LANTERN","quantity":1,"unitPrice":3.39},{"productExternalId":"CANDLE","quantity":1,"unitPrice":1.25}]}
"#;

#[test]
fn create_import_and_recommend() {
    let cli = Cli::new();
    let created: serde_json::Value =
        serde_json::from_str(&cli.ok(&["shop", "create", "gifts", "--name", "Gifts"])).unwrap();
    assert!(created["widgetToken"].as_str().unwrap().starts_with("clw_"));
    assert!(created["adminKey"].as_str().unwrap().starts_with("cla_"));
    assert!(created["shopId"].as_str().unwrap().len() == 36);

    let products = cli.file("products.jsonl", PRODUCTS);
    let orders = cli.file("orders.jsonl", ORDERS);
    cli.ok(&["import", "jsonl", "products", &products, "--shop", "gifts"]);
    let first: serde_json::Value =
        serde_json::from_str(&cli.ok(&["import", "jsonl", "orders", &orders, "--shop", "gifts"]))
            .unwrap();
    assert_eq!(first["ordersAdded"], 2);
    let again: serde_json::Value =
        serde_json::from_str(&cli.ok(&["import", "jsonl", "orders", &orders, "--shop", "gifts"]))
            .unwrap();
    assert_eq!(
        (
            again["ordersAdded"].clone(),
            again["ordersAlreadyPresent"].clone()
        ),
        (serde_json::json!(0), serde_json::json!(2))
    );

    let ranking = cli.ok(&["recommend", "--shop", "gifts", "LANTERN"]);
    let first_line = ranking.lines().nth(1).unwrap();
    assert!(
        first_line.contains("CANDLE")
            && first_line.contains("Often bought with WHITE METAL LANTERN"),
        "{ranking}"
    );
    let spanish = cli.ok(&[
        "recommend",
        "--shop",
        "gifts",
        "--language",
        "es",
        "LANTERN",
    ]);
    assert!(
        spanish.contains("Se compra a menudo con WHITE METAL LANTERN"),
        "{spanish}"
    );

    // The shop's own words, set and forgotten from the command line.
    let updated: serde_json::Value = serde_json::from_str(&cli.ok(&[
        "shop",
        "update",
        "gifts",
        "--word",
        "hottie=hot water bottle",
    ]))
    .unwrap();
    assert_eq!(
        updated["settings"]["shopWords"],
        serde_json::json!([{ "word": "hottie", "means": "hot water bottle" }])
    );
    let out = cli.run(&["shop", "update", "gifts", "--word", "hot water"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--word takes one word"));
    let forgotten: serde_json::Value =
        serde_json::from_str(&cli.ok(&["shop", "update", "gifts", "--remove-word", "HOTTIE"]))
            .unwrap();
    assert_eq!(forgotten["settings"]["shopWords"], serde_json::json!([]));

    // Category rules: the deny takes the candle out of the lantern's answer.
    let rules = cli.ok(&[
        "shop",
        "rules",
        "gifts",
        "--set",
        "lighting",
        "candles",
        "deny",
        "--set",
        "*",
        "kitchen",
        "boost:2",
        "--categories",
    ]);
    assert!(rules.contains("  candles (1)"), "{rules}");
    assert!(rules.contains("  lighting -> candles: deny"), "{rules}");
    assert!(rules.contains("  * -> kitchen: boost:2"), "{rules}");
    let ranking = cli.ok(&["recommend", "--shop", "gifts", "LANTERN"]);
    assert!(!ranking.contains("CANDLE"), "{ranking}");
    let out = cli.run(
        &[
            "shop", "rules", "gifts", "--set", "Lighting", "candles", "deny",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"lighting\""));
    let left = cli.ok(&["shop", "rules", "gifts", "--remove", "lighting", "candles"]);
    assert!(!left.contains("deny") && left.contains("boost:2"), "{left}");

    // Clusters from JSON Lines: all or nothing, and again replaces.
    let clusters = cli.file(
        "clusters.jsonl",
        "{\"name\":\"Table\",\"products\":[\"MUG\",\"CANDLE\"]}\n{\"name\":\"Light\",\"hidden\":true,\"products\":[\"LANTERN\"]}\n",
    );
    let first: serde_json::Value = serde_json::from_str(
        &cli.ok(&["import", "jsonl", "clusters", &clusters, "--shop", "gifts"]),
    )
    .unwrap();
    assert_eq!(first["clustersCreated"], 2, "{first}");
    let again: serde_json::Value = serde_json::from_str(
        &cli.ok(&["import", "jsonl", "clusters", &clusters, "--shop", "gifts"]),
    )
    .unwrap();
    assert_eq!(again["clustersReplaced"], 2, "{again}");
    let bad = cli.file(
        "bad-clusters.jsonl",
        "{\"name\":\"New\",\"products\":[\"MUG\"]}\n{\"name\":\"Broken\",\"products\":[\"NOPE\"]}\n",
    );
    let out = cli.run(
        &["import", "jsonl", "clusters", &bad, "--shop", "gifts"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cluster 2 (\"Broken\")") && err.contains("NOPE"),
        "{err}"
    );
}

#[test]
fn bad_input_fails_clearly_and_writes_nothing() {
    let cli = Cli::new();
    cli.ok(&["shop", "create", "gifts"]);
    let bad = cli.file("bad.jsonl", "{\"externalId\":\"A\",\"name\":\"A\",\"price\":1}\n{\"externalId\":\"B\",\"name\":\"B\",\"price\":\"cheap\"}\n");
    let out = cli.run(
        &["import", "jsonl", "products", &bad, "--shop", "gifts"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("products, line 2"), "{err}");
    let ranking = cli.ok(&["recommend", "--shop", "gifts", "A"]);
    assert!(
        ranking.contains("no recommendation"),
        "product A was not written: {ranking}"
    );

    let out = cli.run(&["import", "jsonl", "orders", &bad, "--shop", "nope"], &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no shop with slug \"nope\""));
    let out = cli.run(&["shop", "create", "gifts"], &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("exists already"));
}

#[test]
fn a_bad_setting_stops_the_start_naming_key_and_form() {
    let cli = Cli::new();
    let out = cli.run(
        &["shop", "create", "gifts"],
        &[("CARTLIFT_CROSS_SELL_DEBOUNCE_MS", "soon")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cart.cross_sell_debounce_ms") && err.contains("expected a whole number"),
        "{err}"
    );
}

/// A free port on this machine (bound once, then let go).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn sigterm_answers_the_request_in_flight_then_exits_0() {
    use std::io::{Read, Write};
    let cli = Cli::new();
    cli.ok(&["shop", "create", "demo", "--name", "Test Gifts"]);
    let addr = format!("127.0.0.1:{}", free_port());
    let mut server = Command::new(env!("CARGO_BIN_EXE_cartlift"))
        .args(["--db", &cli.db(), "serve", "--addr", &addr])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let ready = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(&addr)
            .and_then(|mut c| {
                c.write_all(b"GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
                let mut answer = String::new();
                c.read_to_string(&mut answer)?;
                Ok(answer.starts_with("HTTP/1.1 200"))
            })
            .unwrap_or(false)
    });
    assert!(ready, "the server never became ready");
    // A request whose body is still on its way when the server is told to stop.
    let mut inflight = std::net::TcpStream::connect(&addr).unwrap();
    let body = r#"{"productIds":["none"]}"#;
    write!(
        inflight,
        "POST /api/widget/cart/cross-sell HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        &body[..5]
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    std::thread::sleep(std::time::Duration::from_millis(300));
    inflight.write_all(&body.as_bytes()[5..]).unwrap();
    let mut answer = String::new();
    inflight.read_to_string(&mut answer).unwrap();
    // Answered (the missing token is the request's fault), not cut off.
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    let exit = server.wait().unwrap();
    assert_eq!(exit.code(), Some(0));
    // And it no longer listens.
    assert!(std::net::TcpStream::connect(&addr).is_err());
}

/// Waits until `addr` answers `GET path` with 200 (up to 60 s).
fn wait_ok(addr: &str, path: &str) -> bool {
    use std::io::{Read, Write};
    (0..600).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(addr)
            .and_then(|mut c| {
                write!(
                    c,
                    "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                )?;
                let mut answer = String::new();
                c.read_to_string(&mut answer)?;
                Ok(answer.starts_with("HTTP/1.1 200"))
            })
            .unwrap_or(false)
    })
}

#[test]
fn servers_starting_at_once_on_a_new_store_migrate_it_once() {
    let cli = Cli::new();
    let servers: Vec<(String, std::process::Child)> = (0..3)
        .map(|_| {
            let addr = format!("127.0.0.1:{}", free_port());
            let child = Command::new(env!("CARGO_BIN_EXE_cartlift"))
                .args(["--db", &cli.db(), "serve", "--addr", &addr])
                .env("RUST_LOG", "warn")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            (addr, child)
        })
        .collect();
    let ready: Vec<bool> = servers
        .iter()
        .map(|(addr, _)| wait_ok(addr, "/readyz"))
        .collect();
    let mut logs = Vec::new();
    for (_, child) in servers {
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        let out = child.wait_with_output().unwrap();
        logs.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    assert!(
        ready.iter().all(|r| *r),
        "not every server started: {logs:#?}"
    );
    // The store is whole: a shop can be created and found.
    cli.ok(&["shop", "create", "gifts"]);
}

#[test]
fn config_check_prints_the_settings_in_effect_and_names_a_bad_one() {
    let cli = Cli::new();
    let out = cli.run_elsewhere(
        &["config", "check"],
        &[
            ("CARTLIFT_DB", "postgres://shop:hunter2@db.example/cartlift"),
            ("CARTLIFT_LANGUAGE", "es"),
            ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"),
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |key: &str| {
        text.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} in {text}"))
            .to_string()
    };
    assert!(line("store.database_url").contains("postgres://shop:***@db.example/cartlift"));
    assert!(!text.contains("hunter2"), "{text}");
    assert!(
        line("widget.language").contains("es")
            && line("widget.language").contains("CARTLIFT_LANGUAGE")
    );
    assert!(line("widget.shop").contains("default"));
    assert!(line("listen address").contains("0.0.0.0:8080"));
    // scripts/build makes the site before the tests build the binary.
    assert!(line("site").contains("compiled into the binary"), "{text}");

    for (var, value, named) in [
        ("CARTLIFT_MAX_BODY_BYTES", "lots", "limits.max_body_bytes"),
        ("CARTLIFT_DB", "mysql://x", "store.database_url"),
        ("LEPTOS_SITE_ADDR", "localhost", "LEPTOS_SITE_ADDR"),
    ] {
        let out = cli.run_elsewhere(&["config", "check"], &[(var, value)]);
        assert_eq!(out.status.code(), Some(1), "{var}={value} passed");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(named), "{var}={value}: {err}");
    }
}

#[test]
fn simulate_plays_the_experiment_on_later_orders_and_reports_it() {
    let cli = Cli::new();
    let out = cli.run(&["simulate", "--visitors", "60"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Both arms got visitors, the treatment took suggestions, the visitors checked
    // out through the storefront, every metric has a line (compared, or waiting).
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("simulated 60 visitors ("), "{text}");
    let numbers: Vec<usize> = first
        .split(['(', ',', ':'])
        .filter_map(|p| p.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(numbers.len() >= 5, "{first}");
    assert!(numbers[0] > 10 && numbers[1] > 10, "{first}");
    assert!(!first.contains(" 0 taken"), "{first}");
    assert!(
        first.contains(" 60 orders through the storefront's checkout"),
        "{first}"
    );
    for metric in ["conversion", "revenuePerVisitor", "clickThroughRate"] {
        assert!(text.contains(metric), "{text}");
    }
    // The shop exists now: a second run into it is refused, clearly.
    let again = cli.run(&["simulate", "--visitors", "1"], &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));
    // On another store the same shop assigns the same visitors to the same arms.
    let elsewhere = Cli::new().run(&["simulate", "--visitors", "60"], &[]);
    let other = String::from_utf8_lossy(&elsewhere.stdout);
    let arms = |line: &str| line.split(" in ").next().unwrap_or_default().to_string();
    assert_eq!(
        arms(other.lines().next().unwrap_or_default()),
        arms(first),
        "{other}"
    );
}

#[test]
fn eval_replays_the_shop_learning_each_order_and_scores_the_same_carts() {
    let cli = Cli::new();
    let args = |online: bool| {
        let mut a = vec![
            "eval",
            "--folds",
            "2011-09",
            "--ease-products",
            "100",
            "--misses",
            "2",
        ];
        if online {
            a.push("--online");
        }
        a
    };
    // "2011-09  report  12383  7837  cartlift  0.6441 …" → (cases, HR@10) by ranker
    let rows = |text: &str| -> Vec<(String, usize, f64)> {
        text.lines()
            .filter(|l| l.trim_start().starts_with("2011-09  report"))
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                let cases = f.get(3)?.parse().ok()?;
                let numbers = &f[f.len().checked_sub(3)?..];
                let name = f[4..f.len() - 3].join(" ");
                Some((name, cases, numbers[0].parse().ok()?))
            })
            .collect()
    };
    let frozen = cli.ok(&args(false));
    let online = cli.ok(&args(true));
    assert!(
        online.contains("each order is learned once its carts were asked"),
        "{online}"
    );
    let (frozen, online) = (rows(&frozen), rows(&online));
    let names: Vec<&str> = online.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "popularity",
            "co-occurrence",
            "EASE weekly",
            "cartlift",
            "cartlift self-tuned"
        ],
        "{online:?}"
    );
    // The same carts in both, every rate a rate, cartlift well above popularity.
    for ((_, cases, hit_rate), (_, frozen_cases, _)) in online.iter().zip(&frozen) {
        assert_eq!(cases, frozen_cases);
        assert!(
            *cases > 1000 && (0.0..=1.0).contains(hit_rate),
            "{online:?}"
        );
    }
    assert!(online[3].2 > online[0].2 + 0.1, "{online:?}");
    // Learning September's orders as they close changes what the rankers answer.
    assert_ne!(online[0].2, frozen[0].2, "{online:?} {frozen:?}");
}

//! The store on a real SQLite file: shops and keys, atomic and idempotent imports,
//! stable ids, and the Online Retail importer on a slice of the demo data.

use std::io::{BufRead, BufReader};

use cartlift_store::import::{online_retail, taxonomy::Taxonomy};
use cartlift_store::{product_id, ApiKeyKind, NewOrder, NewOrderLine, NewProduct, Store};

/// A fresh store: SQLite, or PostgreSQL when `CARTLIFT_TEST_POSTGRES` is set.
async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = Store::test_url(dir.path()).await.unwrap();
    let store = Store::open(&url).await.unwrap();
    (store, dir)
}

fn product(ext: &str) -> NewProduct {
    serde_json::from_value(
        serde_json::json!({"externalId": ext, "name": format!("PRODUCT {ext}"), "price": 2.5}),
    )
    .unwrap()
}

fn order(ext: &str, items: &[&str]) -> NewOrder {
    NewOrder {
        external_id: ext.into(),
        customer_id: None,
        visitor_id: None,
        session_id: None,
        closed_at: "2011-01-02T03:04:05+01:00".into(),
        lines: items
            .iter()
            .map(|i| NewOrderLine {
                product_external_id: i.to_string(),
                quantity: 2,
                unit_price: 2.5,
            })
            .collect(),
    }
}

#[tokio::test]
async fn shops_and_hashed_keys() {
    // On a SQLite file whatever the database of the run: its bytes are read back.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&format!(
        "sqlite://{}/nested/cartlift.db",
        dir.path().display()
    ))
    .await
    .unwrap();
    let created = store
        .create_shop("gifts", "Gifts", "GBP", "en")
        .await
        .unwrap();
    assert!(created.widget_token.0.starts_with("clw_") && created.admin_key.0.starts_with("cla_"));
    let by_token = store
        .shop_for_key(&created.widget_token.0, ApiKeyKind::Widget)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_token.id, created.shop.id);
    assert!(store
        .shop_for_key(&created.widget_token.0, ApiKeyKind::Admin)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .shop_for_key(&created.admin_key.0, ApiKeyKind::Admin)
        .await
        .unwrap()
        .is_some());
    // Keys never reach the file in clear.
    store.close().await;
    let bytes = std::fs::read(dir.path().join("nested/cartlift.db")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains(&created.admin_key.0) && !text.contains(&created.widget_token.0));

    let store = Store::open(&format!(
        "sqlite://{}/nested/cartlift.db",
        dir.path().display()
    ))
    .await
    .unwrap();
    let e = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("exists already"));
    for (slug, cur, lang, needle) in [
        ("Bad Slug", "GBP", "en", "slug"),
        ("ok", "gbp", "en", "ISO 4217"),
        ("ok", "GBP", "fr", "en or es"),
    ] {
        let e = store.create_shop(slug, "", cur, lang).await.unwrap_err();
        assert!(e.to_string().contains(needle), "{e}");
    }
}

#[tokio::test]
async fn reissued_storefront_token_replaces_the_old_one() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let first = store
        .reissue_widget_token(&shop.id, "storefront")
        .await
        .unwrap();
    let second = store
        .reissue_widget_token(&shop.id, "storefront")
        .await
        .unwrap();
    assert!(store
        .shop_for_key(&first.0, ApiKeyKind::Widget)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .shop_for_key(&second.0, ApiKeyKind::Widget)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn import_is_idempotent_and_ids_are_stable() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let products = vec![product("A"), product("B")];
    let orders = vec![order("1", &["A", "B"]), order("2", &["B"])];
    let first = store.import(&shop, &products, &orders).await.unwrap();
    assert_eq!((first.orders_added, first.orders_already_present), (2, 0));
    let again = store.import(&shop, &products, &orders).await.unwrap();
    assert_eq!((again.orders_added, again.orders_already_present), (0, 2));
    assert_eq!(store.order_count(&shop).await.unwrap(), 2);
    let stored = store.products(&shop).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].id, product_id(&shop.id, "A"));
    assert_eq!(stored[0].url, "/products/A");
    let items = store.order_items(&shop).await.unwrap();
    assert_eq!(
        items[0].product_ids,
        [product_id(&shop.id, "A"), product_id(&shop.id, "B")]
    );
    assert_eq!(
        items[0].closed_at, "2011-01-02T02:04:05Z",
        "times are kept in UTC"
    );
}

#[tokio::test]
async fn orders_come_back_with_their_lines_in_line_order() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    // Twelve lines whose ids sort in no particular way against their line numbers,
    // so only the database's ordering by line can give them back as written.
    let names: Vec<String> = (0..12).map(|i| format!("P{}", (i * 7) % 12)).collect();
    let lines: Vec<&str> = names.iter().map(String::as_str).collect();
    let products: Vec<NewProduct> = names.iter().map(|n| product(n)).collect();
    let mut later = order("2", &["P3", "P1"]);
    later.closed_at = "2011-02-01T00:00:00Z".into();
    store
        .import(&shop, &products, &[later, order("1", &lines)])
        .await
        .unwrap();
    let ids =
        |items: &[&str]| -> Vec<String> { items.iter().map(|i| product_id(&shop.id, i)).collect() };
    let items = store.order_items(&shop).await.unwrap();
    assert_eq!(
        items
            .iter()
            .map(|o| o.external_id.as_str())
            .collect::<Vec<_>>(),
        ["1", "2"],
        "oldest first"
    );
    assert_eq!(items[0].product_ids, ids(&lines));
    assert_eq!(items[1].product_ids, ids(&["P3", "P1"]));
    // In the order they reached the store: "2" came first in the import.
    let after = store.orders_after(&shop, 0).await.unwrap();
    assert_eq!(
        after
            .iter()
            .map(|o| (o.external_id.as_str(), o.received_no))
            .collect::<Vec<_>>(),
        [("2", 1), ("1", 2)]
    );
    assert_eq!(after[1].product_ids, ids(&lines));
    assert!(store.orders_after(&shop, 2).await.unwrap().is_empty());
    assert_eq!(store.order_line_count(&shop).await.unwrap(), 14);
}

#[tokio::test]
async fn a_failed_import_leaves_the_store_as_it_was() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    store
        .import(&shop, &[product("A")], &[order("1", &["A"])])
        .await
        .unwrap();
    // A new product and a valid order, then an order naming a product nobody has.
    let e = store
        .import(
            &shop,
            &[product("B")],
            &[order("2", &["B"]), order("3", &["GHOST"])],
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("GHOST"), "{e}");
    assert_eq!(
        store.products(&shop).await.unwrap().len(),
        1,
        "product B rolled back"
    );
    assert_eq!(
        store.order_count(&shop).await.unwrap(),
        1,
        "order 2 rolled back"
    );
    // Validation refuses before writing anything, naming the problem.
    let mut bad = product("C");
    bad.price = -1.0;
    let e = store.upsert_products(&shop, &[bad]).await.unwrap_err();
    assert!(e.to_string().contains("price must be a number >= 0"), "{e}");
}

#[tokio::test]
async fn stock_and_settings_round_trip() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    store.upsert_products(&shop, &[product("A")]).await.unwrap();
    assert!(store.set_stock(&shop, "A", Some(4), true).await.unwrap());
    assert!(!store.set_stock(&shop, "NOPE", Some(4), true).await.unwrap());
    assert_eq!(
        store.product(&shop, "A").await.unwrap().unwrap().stock,
        Some(4)
    );
    let mut settings = shop.settings.clone();
    settings.allowed_origins.push("https://shop.example".into());
    store
        .update_shop_settings(&shop.id, &settings)
        .await
        .unwrap();
    assert_eq!(
        store.shop_by_id(&shop.id).await.unwrap().unwrap().settings,
        settings
    );
    assert!(store
        .origin_is_allowed("https://shop.example")
        .await
        .unwrap());
    assert!(!store
        .origin_is_allowed("https://evil.example")
        .await
        .unwrap());
}

#[tokio::test]
async fn online_retail_slice_imports_cleanly_and_only_once() {
    // The first 20,000 lines of the bundled demo data.
    let file = std::fs::File::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/online-retail-2010-12_2011-09.csv.gz"
    ))
    .unwrap();
    let lines: Vec<String> = BufReader::new(flate2::read::MultiGzDecoder::new(file))
        .lines()
        .take(20_001)
        .map(|l| l.unwrap())
        .collect();
    let taxonomy = Taxonomy::from_toml(include_str!("../../../data/taxonomy.toml")).unwrap();
    let parsed = online_retail::parse(lines.join("\n").as_bytes(), &taxonomy, |_| {}).unwrap();
    let r = &parsed.report;
    assert_eq!(r.lines_read, 20_000);
    let dropped: u64 = r.lines_dropped.values().sum();
    assert_eq!(
        r.lines_kept + dropped,
        r.lines_read,
        "every line is accounted for"
    );
    assert!(r.lines_dropped["cancellation"] > 0 && r.lines_dropped["nonProductCode"] > 0);
    assert!(parsed
        .products
        .iter()
        .all(|p| !p.name.is_empty() && p.name == p.name.trim() && p.price > 0.0));
    assert!(parsed
        .products
        .iter()
        .all(|p| (1..=3).contains(&p.categories.len())));
    let lantern = parsed
        .products
        .iter()
        .find(|p| p.external_id == "71053")
        .unwrap();
    assert_eq!(lantern.name, "WHITE METAL LANTERN");
    assert!(
        lantern.categories.contains(&"lighting".to_string()),
        "{:?}",
        lantern.categories
    );

    let (store, _dir) = store().await;
    let shop = store
        .create_shop("demo", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let first = store
        .import(&shop, &parsed.products, &parsed.orders)
        .await
        .unwrap();
    assert_eq!(first.orders_added, parsed.orders.len());
    let second = store
        .import(&shop, &parsed.products, &parsed.orders)
        .await
        .unwrap();
    assert_eq!(second.orders_added, 0);
    assert_eq!(
        store.order_count(&shop).await.unwrap() as usize,
        parsed.orders.len()
    );
    assert_eq!(
        store.product_count(&shop).await.unwrap() as usize,
        parsed.products.len()
    );
}

#[tokio::test]
async fn carts_keep_line_order_respect_stock_and_close_as_orders() {
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let mut lantern = product("LANTERN");
    lantern.stock = Some(3);
    store
        .upsert_products(&shop, &[product("MUG"), lantern, product("CANDLE")])
        .await
        .unwrap();

    let cart = store
        .add_to_cart(&shop, "visitor-1", "MUG", 1)
        .await
        .unwrap();
    assert_eq!(cart.lines.len(), 1);
    store
        .add_to_cart(&shop, "visitor-1", "LANTERN", 2)
        .await
        .unwrap();
    let cart = store
        .add_to_cart(&shop, "visitor-1", &product_id(&shop.id, "MUG"), 2)
        .await
        .unwrap();
    let lines: Vec<(&str, i64)> = cart
        .lines
        .iter()
        .map(|l| (l.product.external_id.as_str(), l.quantity))
        .collect();
    assert_eq!(
        lines,
        [("MUG", 3), ("LANTERN", 2)],
        "lines in the order first added; API and external ids both work"
    );
    assert_eq!(cart.lines[1].max_quantity(), 3);

    // Past the stock, an unknown product, a bad quantity: refused, nothing changes.
    let e = store
        .add_to_cart(&shop, "visitor-1", "LANTERN", 2)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("Only 3"), "{e}");
    assert!(store
        .add_to_cart(&shop, "visitor-1", "NOPE", 1)
        .await
        .unwrap_err()
        .to_string()
        .contains("no product"));
    assert!(store
        .set_cart_quantity(&shop, "visitor-1", "MUG", 100)
        .await
        .is_err());
    assert!(store
        .set_cart_quantity(&shop, "visitor-1", "CANDLE", 1)
        .await
        .unwrap_err()
        .to_string()
        .contains("not in the cart"));
    assert_eq!(store.cart(&shop, "visitor-1").await.unwrap(), cart);

    store
        .set_destination_country(&shop, "visitor-1", "ES")
        .await
        .unwrap();
    assert!(store
        .set_destination_country(&shop, "visitor-1", "spain")
        .await
        .is_err());
    let cart = store
        .set_cart_quantity(&shop, "visitor-1", "MUG", 0)
        .await
        .unwrap();
    assert_eq!(cart.lines.len(), 1);
    assert_eq!(cart.destination_country.as_deref(), Some("ES"));

    // Another shop cannot use this cart id.
    let other = store
        .create_shop("other", "", "GBP", "en")
        .await
        .unwrap()
        .shop;
    assert!(store
        .add_to_cart(&other, "visitor-1", "MUG", 1)
        .await
        .is_err());

    store
        .add_to_cart(&shop, "visitor-1", "CANDLE", 1)
        .await
        .unwrap();
    let orders_before = store.order_count(&shop).await.unwrap();
    let done = store.checkout(&shop, "visitor-1", None).await.unwrap();
    assert_eq!(
        done.order.product_ids,
        [
            product_id(&shop.id, "LANTERN"),
            product_id(&shop.id, "CANDLE")
        ]
    );
    assert_eq!(done.restocked, [product_id(&shop.id, "LANTERN")]);
    assert_eq!(store.order_count(&shop).await.unwrap(), orders_before + 1);
    assert_eq!(
        store
            .product(&shop, "LANTERN")
            .await
            .unwrap()
            .unwrap()
            .stock,
        Some(1),
        "stock taken off"
    );
    assert!(store
        .cart(&shop, "visitor-1")
        .await
        .unwrap()
        .lines
        .is_empty());
    let items = store.order_items(&shop).await.unwrap();
    assert!(items.iter().any(
        |o| o.external_id == done.order.external_id && o.product_ids == done.order.product_ids
    ));
    // An empty cart does not check out.
    assert!(store
        .checkout(&shop, "visitor-1", None)
        .await
        .unwrap_err()
        .to_string()
        .contains("empty"));
}

/// The shop's rules and clusters: every mistake named before anything is written,
/// another shop's products refused, updates and deletes by id within the shop only.
#[tokio::test]
async fn product_rules_and_clusters() {
    use cartlift_store::NewProductRule;
    let (store, _dir) = store().await;
    let gifts = store
        .create_shop("gifts", "Gifts", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let other = store
        .create_shop("other", "Other", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let products: Vec<NewProduct> = ["CAM", "LENS", "BAG", "STRAP"].map(product).into();
    store.import(&gifts, &products, &[]).await.unwrap();
    store
        .import(&other, &[product("ELSEWHERE")], &[])
        .await
        .unwrap();

    let cases = store
        .create_cluster(&gifts, "Cases", false, &["BAG".into(), "STRAP".into()])
        .await
        .unwrap();
    assert_eq!(cases.product_ids.len(), 2);
    let err = store
        .create_cluster(&gifts, "Cases", false, &[])
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already"), "{err}");
    let err = store
        .create_cluster(&gifts, "Mixed", false, &["ELSEWHERE".into()])
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("not a product of this shop"),
        "{err}"
    );

    let rule = |kind: &str| NewProductRule {
        kind: kind.into(),
        product_from: Some("CAM".into()),
        product_to: Some("LENS".into()),
        ..Default::default()
    };
    let created = store
        .create_product_rule(&gifts, rule("accessories"))
        .await
        .unwrap();
    assert_eq!(created.rule.kind, "ACCESSORIES");
    assert_eq!(
        created.rule.product_from.as_deref(),
        Some(product_id(&gifts.id, "CAM").as_str())
    );
    for (bad, needle) in [
        (rule("SPARES"), "is not one of"),
        (
            NewProductRule {
                cluster_from: Some(cases.id.clone()),
                ..rule("PARTS")
            },
            "not both",
        ),
        (
            NewProductRule {
                product_to: None,
                ..rule("PARTS")
            },
            "needs productTo or clusterTo",
        ),
        (
            NewProductRule {
                product_to: Some("ELSEWHERE".into()),
                ..rule("PARTS")
            },
            "productTo \"ELSEWHERE\" is not a product of this shop",
        ),
        (
            NewProductRule {
                sub_type: Some("x".repeat(65)),
                ..rule("PARTS")
            },
            "at most 64",
        ),
        (
            NewProductRule {
                product_to: Some("CAM".into()),
                ..rule("PARTS")
            },
            "to itself",
        ),
        (
            NewProductRule {
                cluster_to: Some("no-such-cluster".into()),
                product_to: None,
                ..rule("PARTS")
            },
            "not a cluster of this shop",
        ),
    ] {
        let err = store.create_product_rule(&gifts, bad).await.unwrap_err();
        assert!(err.to_string().contains(needle), "{needle}: {err}");
    }
    assert_eq!(
        store.product_rules(&gifts).await.unwrap().len(),
        1,
        "nothing bad was written"
    );

    let to_cluster = NewProductRule {
        kind: "PARTS".into(),
        sub_type: Some("ESSENTIAL".into()),
        product_from: Some("CAM".into()),
        cluster_to: Some(cases.id.clone()),
        ..Default::default()
    };
    let updated = store
        .update_product_rule(&gifts, &created.id, to_cluster)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(updated.created_at, created.created_at);
    assert_eq!(updated.rule.cluster_to.as_deref(), Some(cases.id.as_str()));
    assert!(store
        .product_rule(&other, &created.id)
        .await
        .unwrap()
        .is_none());
    assert!(!store
        .delete_product_rule(&other, &created.id)
        .await
        .unwrap());
    assert!(store
        .delete_product_rule(&gifts, &created.id)
        .await
        .unwrap());
    assert!(store.product_rules(&gifts).await.unwrap().is_empty());
    assert_eq!(store.clusters(&gifts).await.unwrap(), vec![cases]);
    // Every change told running servers: cluster, create, update, delete.
    let now = store.shop_by_slug("gifts").await.unwrap().unwrap();
    assert_eq!(now.rules_revision, 4);
    assert_eq!(
        store
            .shop_by_slug("other")
            .await
            .unwrap()
            .unwrap()
            .rules_revision,
        0
    );
}

#[tokio::test]
async fn category_rules_are_checked_and_kept_one_per_pair() {
    use cartlift_store::CategoryRuleRecord;
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "Gifts", "GBP", "en")
        .await
        .unwrap()
        .shop;
    let mut lantern = product("LANTERN");
    lantern.categories = vec!["Lighting".into()];
    let mut candle = product("CANDLE");
    candle.categories = vec!["Candles".into(), "Home".into()];
    store.import(&shop, &[lantern, candle], &[]).await.unwrap();
    assert_eq!(
        store.categories(&shop).await.unwrap(),
        [
            ("Candles".into(), 1),
            ("Home".into(), 1),
            ("Lighting".into(), 1)
        ]
    );
    let rule = |from: &str, to: &str, effect: &str| CategoryRuleRecord {
        from: from.into(),
        to: to.into(),
        effect: effect.into(),
    };
    let rules = store
        .set_category_rule(&shop, rule(" Lighting ", "Candles", "Boost: 2"))
        .await
        .unwrap();
    assert_eq!(rules, [rule("Lighting", "Candles", "boost:2")]);
    // The same pair again replaces the rule; another pair adds one.
    store
        .set_category_rule(&shop, rule("Lighting", "Candles", "deny"))
        .await
        .unwrap();
    let rules = store
        .set_category_rule(&shop, rule("*", "Home", "allow"))
        .await
        .unwrap();
    assert_eq!(
        rules,
        [
            rule("Lighting", "Candles", "deny"),
            rule("*", "Home", "allow")
        ]
    );
    // Mistakes name themselves and write nothing.
    for (bad, says) in [
        (
            rule("lighting", "Candles", "allow"),
            "did you mean \"Lighting\"",
        ),
        (
            rule("Garden", "Candles", "allow"),
            "no product of the shop is in category \"Garden\"",
        ),
        (rule("", "Candles", "allow"), "use * for any"),
        (
            rule("Lighting", "Home", "boost:200"),
            "between 0.01 and 100",
        ),
        (
            rule("Lighting", "Home", "prefer"),
            "allow, deny or boost:<factor>",
        ),
    ] {
        let e = store.set_category_rule(&shop, bad).await.unwrap_err();
        assert!(e.to_string().contains(says), "{e}");
    }
    let e = store
        .replace_category_rules(
            &shop,
            vec![
                rule("Lighting", "Home", "deny"),
                rule("Lighting", "Home", "allow"),
            ],
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("rule 2: there is already"), "{e}");
    let stored = store.shop_by_id(&shop.id).await.unwrap().unwrap();
    assert_eq!(stored.settings.category_rules, rules);
    // Deleting: true once, then false; other settings are kept.
    assert!(store
        .delete_category_rule(&shop, "*", "Home")
        .await
        .unwrap());
    assert!(!store
        .delete_category_rule(&shop, "*", "Home")
        .await
        .unwrap());
    let replaced = store
        .replace_category_rules(&shop, vec![rule("Home", "Lighting", "boost:0.5")])
        .await
        .unwrap();
    assert_eq!(replaced, [rule("Home", "Lighting", "boost:0.5")]);
}

#[tokio::test]
async fn clusters_import_all_or_nothing_and_refill_by_name() {
    use cartlift_store::NewCluster;
    let (store, _dir) = store().await;
    let shop = store
        .create_shop("gifts", "Gifts", "GBP", "en")
        .await
        .unwrap()
        .shop;
    store
        .import(&shop, &[product("A"), product("B"), product("C")], &[])
        .await
        .unwrap();
    let cluster = |name: &str, products: &[&str]| NewCluster {
        name: name.into(),
        hidden: false,
        product_ids: products.iter().map(|p| p.to_string()).collect(),
    };
    assert_eq!(
        store
            .import_clusters(&shop, &[cluster("Ab", &["A", "B"]), cluster("C", &["C"])])
            .await
            .unwrap(),
        (2, 0)
    );
    // One bad cluster writes none of the file.
    let e = store
        .import_clusters(&shop, &[cluster("New", &["A"]), cluster("Bad", &["Z"])])
        .await
        .unwrap_err();
    assert!(e.to_string().contains("cluster 2 (\"Bad\")"), "{e}");
    let e = store
        .import_clusters(
            &shop,
            &[cluster("Twice", &["A"]), cluster(" Twice ", &["B"])],
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("twice"), "{e}");
    let names: Vec<String> = store
        .clusters(&shop)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Ab", "C"]);
    // Again by name: its products are replaced.
    assert_eq!(
        store
            .import_clusters(&shop, &[cluster("Ab", &["C"])])
            .await
            .unwrap(),
        (0, 1)
    );
    let ab = store.clusters(&shop).await.unwrap().remove(0);
    assert_eq!(ab.product_ids, [product_id(&shop.id, "C")]);
}

/// Two servers (two pools) writing one store at once: every write lands. On SQLite a
/// transaction that reads before it writes failed (SQLITE_BUSY_SNAPSHOT) when the
/// other had written in between; each now takes the write lock first, and waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_writing_one_store_at_once_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let url = Store::test_url(dir.path()).await.unwrap();
    let a = Store::open(&url).await.unwrap();
    let b = Store::open(&url).await.unwrap();
    let shop = a.create_shop("gifts", "", "GBP", "en").await.unwrap().shop;
    a.upsert_products(&shop, &[product("MUG"), product("LANTERN")])
        .await
        .unwrap();
    let tasks: Vec<_> = (0..40)
        .map(|i| {
            let (store, shop) = (if i % 2 == 0 { a.clone() } else { b.clone() }, shop.clone());
            tokio::spawn(async move {
                let cart = format!("visitor-{i}");
                for p in ["MUG", "LANTERN", "MUG"] {
                    store.add_to_cart(&shop, &cart, p, 1).await?;
                }
                Ok::<_, cartlift_store::Error>(())
            })
        })
        .collect();
    for t in tasks {
        t.await
            .unwrap()
            .expect("a write refused while another server wrote");
    }
    // Each cart: two mugs and a lantern.
    for v in 0..40 {
        let cart = b.cart(&shop, &format!("visitor-{v}")).await.unwrap();
        let held: Vec<(String, i64)> = cart
            .lines
            .iter()
            .map(|l| (l.product.external_id.clone(), l.quantity))
            .collect();
        assert_eq!(held, [("MUG".to_string(), 2), ("LANTERN".to_string(), 1)]);
    }
}

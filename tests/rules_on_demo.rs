//! The shop's product rules on the real demo catalog and its orders (the bundled
//! Online Retail data): each rule type towards a product the orders rarely pair with
//! the cart, as the reference documents define it.
#![cfg(feature = "ssr")]

use cartlift::server::commands::demo_orders;
use cartlift_engine::{
    Because, CategoryRules, CoPurchase, ModelParams, ProductIdx, ProductRule, ProductRules, Query,
    RankSettings, Recommender, RuleEnd, RuleKind,
};

fn demo() -> Recommender {
    let (catalog, orders) = demo_orders().unwrap();
    let mut rec = Recommender::new(
        catalog,
        CoPurchase::new(ModelParams::default()),
        CategoryRules::default(),
        RankSettings::default(),
    );
    for (day, items) in &orders {
        rec.add_order(items, *day);
    }
    rec
}

fn top10(rec: &Recommender, cart: &[ProductIdx]) -> Vec<ProductIdx> {
    rec.recommend(&Query {
        cart,
        exclude: &[],
        limit: 10,
    })
    .into_iter()
    .map(|s| s.product)
    .collect()
}

fn rule(kind: RuleKind, from: ProductIdx, to: ProductIdx) -> ProductRule {
    ProductRule {
        kind,
        from: RuleEnd::Product(from),
        to: RuleEnd::Product(to),
    }
}

#[test]
fn each_rule_type_acts_on_the_demo_catalog() {
    let mut rec = demo();
    let find = |id: &str| rec.catalog.find(id).unwrap_or_else(|| panic!("{id}"));
    // The shop's best seller, and products the orders rarely if ever put beside it.
    let heart = find("85123A");
    let before = top10(&rec, &[heart]);
    let rare: Vec<ProductIdx> = ["48194", "22366", "48129", "48189"]
        .iter()
        .map(|id| find(id))
        .collect();
    for p in &rare {
        assert!(
            !before.contains(p),
            "{} is already in the top 10",
            rec.catalog.get(*p).name
        );
    }
    let [doormat, airmail, topiary, friendship] = rare[..] else {
        unreachable!()
    };
    rec.product_rules = ProductRules::new(
        &[],
        &[
            rule(RuleKind::Accessories, heart, doormat),
            rule(RuleKind::Parts, heart, airmail),
            rule(RuleKind::Related, heart, topiary),
            rule(RuleKind::Options, heart, friendship),
            rule(RuleKind::Alternatives, heart, before[0]),
        ],
    );
    let with = rec.recommend(&Query {
        cart: &[heart],
        exclude: &[],
        limit: 10,
    });
    let shown: Vec<ProductIdx> = with.iter().map(|s| s.product).collect();
    // Accessories, parts, related and options come in, each saying which rule did it…
    for (p, kind) in [
        (doormat, RuleKind::Accessories),
        (airmail, RuleKind::Parts),
        (topiary, RuleKind::Related),
        (friendship, RuleKind::Options),
    ] {
        let s = with
            .iter()
            .find(|s| s.product == p)
            .unwrap_or_else(|| panic!("{kind:?} target missing: {shown:?}"));
        assert_eq!(s.because, Because::Rule { from: heart, kind });
        assert_eq!(s.parts.product_rule, Some(kind));
    }
    // …and an alternative (a substitute) is never shown beside its product, however
    // often they were bought together.
    assert!(!shown.contains(&before[0]));
    // Rules gone, the answer is the orders' again.
    rec.product_rules = ProductRules::default();
    assert_eq!(top10(&rec, &[heart]), before);
}

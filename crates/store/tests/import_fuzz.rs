//! The importers on arbitrary input: whatever the bytes, a parse either succeeds or
//! fails naming a line of the input, and never panics. A valid file with one line
//! broken fails at exactly that line. (proptest; `PROPTEST_CASES` sets how many.)

use proptest::prelude::*;

use cartlift_store::import::{jsonl, online_retail, taxonomy::Taxonomy};
use cartlift_store::Error;

/// The line an error names, which must be one of the input's.
fn named_line(e: &Error, input: &[u8]) -> Option<u64> {
    match e {
        Error::Parse { line, .. } => {
            let lines = input.split(|b| *b == b'\n').count() as u64;
            assert!(
                *line >= 1 && *line <= lines.max(1),
                "line {line} of {lines}"
            );
            Some(*line)
        }
        other => panic!("not a parse error naming a line: {other}"),
    }
}

/// Bytes that look like JSON Lines often enough to get past the first line.
fn jsonish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        proptest::collection::vec(
            prop_oneof![
                Just(r#"{"externalId":"A","name":"LANTERN","price":2.5}"#.to_string()),
                Just(r#"{"externalId":"1","closedAt":"2011-05-01T10:00:00Z","lines":[{"productExternalId":"A","quantity":1,"unitPrice":2.5}]}"#.to_string()),
                Just(r#"{"name":"lights","products":["A"]}"#.to_string()),
                "[ -~]{0,60}",
                "\\PC{0,30}",
            ],
            0..8
        )
        .prop_map(|lines| lines.join("\n").into_bytes()),
    ]
}

fn taxonomy() -> Taxonomy {
    Taxonomy::from_toml(
        "max_categories = 2\nfallback = \"gifts\"\n[[category]]\nname = \"lighting\"\nkeywords = [\"lantern\"]\n",
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn jsonl_importers_never_panic_and_name_a_line(input in jsonish()) {
        if let Err(e) = jsonl::products(&input[..]) { named_line(&e, &input); }
        if let Err(e) = jsonl::orders(&input[..]) { named_line(&e, &input); }
        if let Err(e) = jsonl::clusters(&input[..]) { named_line(&e, &input); }
    }

    #[test]
    fn a_broken_line_is_the_line_named(n in 1usize..30, broken in 0usize..30, junk in "[^\n]{1,40}") {
        let broken = broken % n;
        let lines: Vec<String> = (0..n)
            .map(|i| if i == broken {
                // Not a product: no JSON, or JSON without the fields a product needs.
                format!("{{\"junk\": {junk:?}")
            } else {
                format!(r#"{{"externalId":"P{i}","name":"PRODUCT {i}","price":1.5}}"#)
            })
            .collect();
        let input = lines.join("\n").into_bytes();
        let e = jsonl::products(&input[..]).unwrap_err();
        prop_assert_eq!(named_line(&e, &input), Some(broken as u64 + 1));
    }

    #[test]
    fn the_online_retail_importer_never_panics(
        rows in proptest::collection::vec(
            prop_oneof![
                "[0-9]{6},[0-9A-Z]{5},[A-Z ]{3,20},[0-9]{1,3},12/1/2010 8:26,[0-9]\\.[0-9]{2},[0-9]{5},United Kingdom",
                "[ -~]{0,80}",
            ],
            0..10,
        )
    ) {
        let mut input = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n".to_string();
        input.push_str(&rows.join("\n"));
        if let Err(e) = online_retail::parse(input.as_bytes(), &taxonomy(), |_| {}) {
            named_line(&e, input.as_bytes());
        }
    }
}

use super::*;

fn product(
    key: u32,
    name: &str,
    categories: &[&str],
    price: f64,
    popularity: u32,
) -> IndexedProduct {
    IndexedProduct {
        key,
        name: name.to_string(),
        description: None,
        categories: categories.iter().map(|c| c.to_string()).collect(),
        tags: Vec::new(),
        price,
        in_stock: true,
        listed: true,
        popularity,
    }
}

fn shop() -> ProductIndex {
    ProductIndex::build([
        product(0, "WHITE METAL LANTERN", &["lanterns"], 3.75, 40),
        product(1, "RED METAL LANTERN", &["lanterns"], 3.75, 10),
        product(
            2,
            "WHITE HANGING HEART T-LIGHT HOLDER",
            &["candles", "hearts"],
            2.95,
            90,
        ),
        product(
            3,
            "SET OF 3 CAKE TINS PANTRY DESIGN",
            &["kitchen"],
            4.95,
            30,
        ),
        product(4, "DOORMAT RED RETROSPOT", &["garden"], 7.95, 5),
        product(5, "CHRISTMAS LIGHTS 10 REINDEER", &["christmas"], 8.50, 7),
    ])
    .unwrap()
}

fn keys(index: &ProductIndex, text: &str) -> Vec<u32> {
    let filters = Filters::default();
    index
        .search(&SearchQuery {
            text,
            filters: &filters,
            offset: 0,
            limit: 10,
        })
        .unwrap()
        .hits
        .iter()
        .map(|h| h.key)
        .collect()
}

#[test]
fn every_word_must_match_and_the_name_weighs_most() {
    let index = shop();
    assert_eq!(keys(&index, "white lantern"), vec![0]);
    assert_eq!(
        keys(&index, "lantern")[..2]
            .to_vec()
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>(),
        [0, 1].into()
    );
    // The more popular of two equal matches first.
    assert_eq!(keys(&index, "metal lantern"), vec![0, 1]);
}

#[test]
fn stems_plurals_and_word_order() {
    let index = shop();
    assert_eq!(keys(&index, "lanterns white"), vec![0]);
    assert_eq!(keys(&index, "tins cake"), vec![3]);
    assert_eq!(keys(&index, "the holders"), vec![2]);
}

#[test]
fn typos_are_tolerated_in_longer_words() {
    let index = shop();
    assert_eq!(keys(&index, "lanturn white"), vec![0]);
    assert_eq!(keys(&index, "chrismas lights"), vec![5]);
    assert_eq!(keys(&index, "doormatt"), vec![4]);
}

#[test]
fn categories_are_searchable_and_unknown_words_are_reported() {
    let index = shop();
    assert_eq!(keys(&index, "kitchen"), vec![3]);
    let filters = Filters::default();
    let out = index
        .search(&SearchQuery {
            text: "white lantern zzyzx",
            filters: &filters,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert!(out.partial);
    assert_eq!(out.unknown_words, vec!["zzyzx".to_string()]);
    assert_eq!(out.hits[0].key, 0);
}

#[test]
fn filters_narrow_and_facets_describe_all_matches() {
    let index = shop();
    let filters = Filters {
        categories: vec!["lanterns".into()],
        in_stock: Some(true),
        ..Filters::default()
    };
    let out = index
        .search(&SearchQuery {
            text: "red",
            filters: &filters,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(out.hits.iter().map(|h| h.key).collect::<Vec<_>>(), vec![1]);
    assert_eq!(out.total, 1);
    // Both red products count in the category facet, whatever category is picked.
    assert!(out.categories.contains(&("garden".to_string(), 1)));
    assert!(out.categories.contains(&("lanterns".to_string(), 1)));
    // The price range spans what the other filters let through, before the price filter.
    assert_eq!(out.price_range, Some((3.75, 3.75)));
    let cheap = Filters {
        max_price: Some(5.0),
        ..Filters::default()
    };
    let out = index
        .search(&SearchQuery {
            text: "red",
            filters: &cheap,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(out.total, 1);
    assert_eq!(out.price_range, Some((3.75, 7.95)));
}

#[test]
fn an_empty_query_lists_everything_by_popularity_with_paging() {
    let index = shop();
    let filters = Filters::default();
    let out = index
        .search(&SearchQuery {
            text: "",
            filters: &filters,
            offset: 1,
            limit: 2,
        })
        .unwrap();
    assert_eq!(out.total, 6);
    assert_eq!(
        out.hits.iter().map(|h| h.key).collect::<Vec<_>>(),
        vec![0, 3]
    );
}

#[test]
fn upserts_reindex_text_and_delisting_hides() {
    let mut index = shop();
    let mut renamed = index.get(4).unwrap().clone();
    renamed.name = "COIR DOORMAT HOME SWEET HOME".into();
    index.upsert(renamed.clone()).unwrap();
    assert_eq!(keys(&index, "sweet home"), vec![4]);
    assert!(keys(&index, "retrospot").is_empty());
    renamed.listed = false;
    index.upsert(renamed).unwrap();
    assert!(keys(&index, "doormat").is_empty());
    index
        .upsert(product(6, "BLUE METAL LANTERN", &["lanterns"], 3.0, 0))
        .unwrap();
    assert_eq!(keys(&index, "blue lantern"), vec![6]);
    assert_eq!(index.len(), 7);
}

#[test]
fn autocomplete_offers_categories_phrases_and_products_with_counts() {
    let index = shop();
    let c = index.autocomplete("lan", 6);
    assert_eq!(
        c[0],
        Completion {
            kind: CompletionKind::Category,
            text: "lanterns".into(),
            count: 2,
            key: None
        }
    );
    assert!(c.contains(&Completion {
        kind: CompletionKind::Query,
        text: "lantern".into(),
        count: 2,
        key: None
    }));
    let c = index.autocomplete("white met", 6);
    assert_eq!(
        c[0],
        Completion {
            kind: CompletionKind::Query,
            text: "white metal".into(),
            count: 1,
            key: None
        }
    );
    assert!(c
        .iter()
        .any(|c| c.kind == CompletionKind::Product && c.key == Some(0)));
    assert!(index.autocomplete("  ", 6).is_empty());
}

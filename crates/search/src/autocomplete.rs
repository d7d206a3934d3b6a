//! Completions while the shopper types: phrases from the product names, categories
//! and products, each with how many listed products it finds.

use std::collections::BTreeMap;

use crate::IndexedProduct;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// A phrase to search for.
    Query,
    Category,
    Product,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub kind: CompletionKind,
    /// Lower case for phrases and categories; the product's name for products.
    pub text: String,
    /// Listed products the phrase or category finds (1 for a product).
    pub count: u32,
    /// The product, for `Product` completions.
    pub key: Option<u32>,
}

#[derive(Default)]
pub(crate) struct Completions {
    /// Words and pairs of words of product names, with the products holding them.
    phrases: BTreeMap<String, u32>,
    categories: BTreeMap<String, u32>,
    /// (name words, name, key, popularity), most popular first.
    products: Vec<(Vec<String>, String, u32, u32)>,
}

fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// Everything in `map` starting with `prefix`, most products first.
fn starting_with<'a>(map: &'a BTreeMap<String, u32>, prefix: &str) -> Vec<(&'a String, u32)> {
    let mut out: Vec<(&String, u32)> = map
        .range(prefix.to_string()..)
        .take_while(|(k, _)| k.starts_with(prefix))
        .map(|(k, n)| (k, *n))
        .collect();
    out.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(b.0))
    });
    out
}

impl Completions {
    pub(crate) fn new<'a>(products: impl Iterator<Item = &'a IndexedProduct>) -> Completions {
        let mut me = Completions::default();
        for p in products.filter(|p| p.listed) {
            let ws = words(&p.name);
            let mut seen: Vec<String> = ws.clone();
            seen.extend(ws.windows(2).map(|w| format!("{} {}", w[0], w[1])));
            seen.sort();
            seen.dedup();
            for phrase in seen {
                *me.phrases.entry(phrase).or_default() += 1;
            }
            for c in &p.categories {
                *me.categories.entry(c.to_lowercase()).or_default() += 1;
            }
            me.products
                .push((words(&p.name), p.name.clone(), p.key, p.popularity));
        }
        me.products
            .sort_by(|a, b| b.3.cmp(&a.3).then(a.2.cmp(&b.2)));
        me
    }

    /// Up to `limit` completions of `typed`: matching categories, then phrases, then
    /// a few products whose name has a word starting like each typed word.
    pub(crate) fn complete(&self, typed: &str, limit: usize) -> Vec<Completion> {
        let prefix = typed
            .trim()
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if prefix.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (c, n) in starting_with(&self.categories, &prefix).into_iter().take(2) {
            out.push(Completion {
                kind: CompletionKind::Category,
                text: c.clone(),
                count: n,
                key: None,
            });
        }
        let phrases = limit
            .saturating_sub(out.len())
            .saturating_sub(3)
            .max(limit / 2);
        for (p, n) in starting_with(&self.phrases, &prefix)
            .into_iter()
            .take(phrases)
        {
            out.push(Completion {
                kind: CompletionKind::Query,
                text: p.clone(),
                count: n,
                key: None,
            });
        }
        let typed_words: Vec<&str> = prefix.split(' ').collect();
        for (name_words, name, key, _) in &self.products {
            if out.len() >= limit {
                break;
            }
            if typed_words
                .iter()
                .all(|t| name_words.iter().any(|w| w.starts_with(t)))
            {
                out.push(Completion {
                    kind: CompletionKind::Product,
                    text: name.clone(),
                    count: 1,
                    key: Some(*key),
                });
            }
        }
        out.truncate(limit);
        out
    }
}

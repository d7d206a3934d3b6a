//! A shop's catalog search: BM25 over product names, descriptions, categories and
//! tags (tantivy, in memory), typo tolerance, filters and facets, and autocomplete.
//!
//! Plain and synchronous like the engine: the server feeds products in and asks
//! questions. The index holds only the text; what changes often (price, stock,
//! popularity) sits beside it in `ProductIndex::products`, so a checkout that moves
//! stock never touches the index. Spanish queries arrive already translated into the
//! catalog's words (the agent's glossary): the index speaks the catalog's language.

mod autocomplete;
mod query;

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

pub use autocomplete::{Completion, CompletionKind};

/// The analyzer of every text field, and of queries: words, lower case, accents
/// folded, English stop words dropped, English stems ("lanterns" finds "LANTERN").
const ANALYZER: &str = "catalog";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// A product as the index sees it. `key` is the caller's own dense index of the
/// product (the engine's product index), returned in hits.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexedProduct {
    pub key: u32,
    pub name: String,
    pub description: Option<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// What the shopper pays (sale price when there is one).
    pub price: f64,
    pub in_stock: bool,
    /// Listed in the shop (a delisted product is never found).
    pub listed: bool,
    /// Closed orders holding the product: breaks ties between equally good matches.
    pub popularity: u32,
}

/// What narrows a search. Empty means everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// A product matches when it is in any of these.
    pub categories: Vec<String>,
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
    /// `Some(true)`: only products in stock.
    pub in_stock: Option<bool>,
}

impl Filters {
    fn admit(&self, p: &IndexedProduct) -> bool {
        (self.categories.is_empty() || p.categories.iter().any(|c| self.categories.contains(c)))
            && self.min_price.is_none_or(|m| p.price >= m)
            && self.max_price.is_none_or(|m| p.price <= m)
            && self.in_stock.is_none_or(|s| p.in_stock == s)
    }
}

#[derive(Clone, Debug)]
pub struct SearchQuery<'a> {
    /// What the shopper typed, in the catalog's language. Empty lists everything.
    pub text: &'a str,
    pub filters: &'a Filters,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub key: u32,
    pub score: f32,
}

/// A page of hits with what the filter drawer needs about all of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchOutcome {
    pub hits: Vec<Hit>,
    /// Matches after the filters.
    pub total: usize,
    /// Categories among the text matches before the category filter, largest first:
    /// the drawer shows what else the shopper could pick.
    pub categories: Vec<(String, usize)>,
    /// Lowest and highest price among the matches, before the price filter.
    pub price_range: Option<(f64, f64)>,
    /// Matches in stock, before the stock filter.
    pub in_stock: usize,
    /// Not every word of the query matched together: these are the best partial
    /// matches (the answer says so rather than showing nothing).
    pub partial: bool,
    /// The query's words that matched no product at all, even with typos.
    pub unknown_words: Vec<String>,
}

struct Fields {
    key: Field,
    name: Field,
    text: Field,
}

/// One shop's searchable catalog.
pub struct ProductIndex {
    index: Index,
    reader: IndexReader,
    writer: IndexWriter,
    fields: Fields,
    /// `products[key]`, the live attributes of every product ever indexed.
    products: Vec<Option<IndexedProduct>>,
    completions: autocomplete::Completions,
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
        .filter(Stemmer::new(Language::English))
        .build()
}

impl ProductIndex {
    /// An index of `products` (later ones replace earlier ones with the same key).
    pub fn build(
        products: impl IntoIterator<Item = IndexedProduct>,
    ) -> Result<ProductIndex, Error> {
        let mut schema = Schema::builder();
        let text_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            key: schema.add_u64_field("key", INDEXED | FAST | STORED),
            name: schema.add_text_field("name", text_options.clone()),
            text: schema.add_text_field("text", text_options),
        };
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, analyzer());
        // One indexing thread with the smallest arena: catalogs are small and the
        // server has other work on its two cores.
        let writer = index.writer_with_num_threads(1, 15_000_000)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut me = ProductIndex {
            index,
            reader,
            writer,
            fields,
            products: Vec::new(),
            completions: autocomplete::Completions::default(),
        };
        for p in products {
            me.write(p)?;
        }
        me.commit()?;
        Ok(me)
    }

    /// Adds or replaces a product. Text changes are re-indexed; price, stock and
    /// popularity changes only update the attributes beside the index.
    pub fn upsert(&mut self, p: IndexedProduct) -> Result<(), Error> {
        self.upsert_many([p])
    }

    /// Adds or replaces products, committing the index once.
    pub fn upsert_many(
        &mut self,
        products: impl IntoIterator<Item = IndexedProduct>,
    ) -> Result<(), Error> {
        let mut reindexed = false;
        let mut relisted = false;
        for p in products {
            let old = self.get(p.key);
            let text_changed = old.is_none_or(|old| {
                old.name != p.name
                    || old.description != p.description
                    || old.categories != p.categories
                    || old.tags != p.tags
            });
            relisted |= old.is_some_and(|old| old.listed != p.listed);
            if text_changed {
                self.write(p)?;
                reindexed = true;
            } else {
                let key = p.key as usize;
                self.products[key] = Some(p);
            }
        }
        if reindexed {
            self.commit()?;
        } else if relisted {
            self.completions = autocomplete::Completions::new(self.products.iter().flatten());
        }
        Ok(())
    }

    /// One more closed order held the product.
    pub fn count_order(&mut self, key: u32) {
        if let Some(Some(p)) = self.products.get_mut(key as usize) {
            p.popularity += 1;
        }
    }

    pub fn get(&self, key: u32) -> Option<&IndexedProduct> {
        self.products.get(key as usize).and_then(Option::as_ref)
    }

    pub fn len(&self) -> usize {
        self.products.iter().flatten().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn write(&mut self, p: IndexedProduct) -> Result<(), Error> {
        let f = &self.fields;
        self.writer
            .delete_term(Term::from_field_u64(f.key, u64::from(p.key)));
        let mut text = String::new();
        for part in p.description.iter().chain(&p.categories).chain(&p.tags) {
            text.push_str(part);
            text.push('\n');
        }
        self.writer.add_document(
            doc!(f.key => u64::from(p.key), f.name => p.name.as_str(), f.text => text),
        )?;
        let key = p.key as usize;
        if self.products.len() <= key {
            self.products.resize(key + 1, None);
        }
        self.products[key] = Some(p);
        Ok(())
    }

    fn commit(&mut self) -> Result<(), Error> {
        self.writer.commit()?;
        self.reader.reload()?;
        self.completions = autocomplete::Completions::new(self.products.iter().flatten());
        Ok(())
    }

    /// The catalog's own words for `text`, as the index stores them.
    fn terms(&self, text: &str) -> Vec<String> {
        let mut analyzer = self
            .index
            .tokenizers()
            .get(ANALYZER)
            .expect("registered at build");
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            if !out.contains(&t.text) {
                out.push(t.text.clone());
            }
        }
        out
    }

    /// Finds products for a query. Every word must match (exactly, by stem or with a
    /// typo) unless nothing does; then the best partial matches are returned.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchOutcome, Error> {
        let terms = self.terms(q.text);
        let searcher = self.reader.searcher();
        let mut unknown_words = Vec::new();
        let mut partial = false;
        let mut scored: Vec<(u32, f32)> = if terms.is_empty() {
            self.products
                .iter()
                .flatten()
                .map(|p| (p.key, 0.0))
                .collect()
        } else {
            // A word no product has, even with a typo, cannot be required.
            let mut known = Vec::new();
            for t in &terms {
                let single = query::all_words(&self.fields, std::slice::from_ref(t));
                if searcher.search(&single, &tantivy::collector::Count)? > 0 {
                    known.push(t.clone());
                } else {
                    unknown_words.push(t.clone());
                }
            }
            partial = !unknown_words.is_empty();
            let mut hits = self.collect(&searcher, &query::all_words(&self.fields, &known))?;
            if hits.is_empty() && known.len() > 1 {
                partial = true;
                hits = self.collect(&searcher, &query::any_word(&self.fields, &known))?;
            }
            hits
        };
        // Only listed products; popularity breaks ties (and orders an empty query).
        scored.retain(|(k, _)| self.get(*k).is_some_and(|p| p.listed));
        let boost = |k: u32| {
            self.get(k)
                .map_or(0.0, |p| (1.0 + p.popularity as f32).ln() * 0.05)
        };
        let mut ranked: Vec<(u32, f32)> =
            scored.into_iter().map(|(k, s)| (k, s + boost(k))).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

        let mut out = SearchOutcome {
            partial,
            unknown_words,
            ..SearchOutcome::default()
        };
        let mut categories: HashMap<&str, usize> = HashMap::new();
        let without_category = Filters {
            categories: Vec::new(),
            ..q.filters.clone()
        };
        let without_price = Filters {
            min_price: None,
            max_price: None,
            ..q.filters.clone()
        };
        let without_stock = Filters {
            in_stock: None,
            ..q.filters.clone()
        };
        for &(key, score) in &ranked {
            let p = self.get(key).expect("ranked products exist");
            if without_category.admit(p) {
                for c in &p.categories {
                    *categories.entry(c.as_str()).or_default() += 1;
                }
            }
            if without_price.admit(p) {
                out.price_range = Some(match out.price_range {
                    None => (p.price, p.price),
                    Some((lo, hi)) => (lo.min(p.price), hi.max(p.price)),
                });
            }
            if without_stock.admit(p) && p.in_stock {
                out.in_stock += 1;
            }
            if q.filters.admit(p) {
                if out.total >= q.offset && out.hits.len() < q.limit {
                    out.hits.push(Hit { key, score });
                }
                out.total += 1;
            }
        }
        let mut categories: Vec<(String, usize)> = categories
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        categories.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out.categories = categories;
        Ok(out)
    }

    /// Every match of `query` with its BM25 score.
    fn collect(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
    ) -> Result<Vec<(u32, f32)>, Error> {
        let limit = self.products.len().max(1);
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut keys = Vec::with_capacity(top.len());
        let mut columns = HashMap::new();
        for (score, address) in top {
            let column = match columns.entry(address.segment_ord) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(
                    searcher
                        .segment_reader(address.segment_ord)
                        .fast_fields()
                        .u64("key")?,
                ),
            };
            if let Some(key) = column.first(address.doc_id) {
                keys.push((key as u32, score));
            }
        }
        Ok(keys)
    }

    /// What the shopper may be typing: phrases from product names, categories and
    /// products, each with how many listed products it would find.
    pub fn autocomplete(&self, prefix: &str, limit: usize) -> Vec<Completion> {
        self.completions.complete(prefix, limit)
    }
}

#[cfg(test)]
mod tests;

//! A declarative keyword taxonomy: categories for products whose source has none
//! (the demo shop), so that category rules and cold start mean something.

use serde::Deserialize;

use crate::{Error, Result};

/// Categories and the words in a product name that put a product in them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomy {
    /// At most this many categories per product, in the file's order.
    #[serde(default = "three")]
    pub max_categories: usize,
    /// The category of a product no keyword matches.
    pub fallback: String,
    #[serde(rename = "category")]
    pub categories: Vec<TaxonomyCategory>,
}

fn three() -> usize {
    3
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyCategory {
    pub name: String,
    /// Words or phrases; a name word matches a keyword word also in its plural (-s, -es).
    pub keywords: Vec<String>,
}

impl Taxonomy {
    pub fn from_toml(text: &str) -> Result<Taxonomy> {
        let t: Taxonomy =
            toml::from_str(text).map_err(|e| Error::Invalid(format!("taxonomy: {e}")))?;
        if t.categories.is_empty() || t.max_categories == 0 {
            return Err(Error::Invalid(
                "taxonomy: needs at least one [[category]] and max_categories >= 1".into(),
            ));
        }
        if let Some(c) = t
            .categories
            .iter()
            .find(|c| c.name.trim().is_empty() || c.keywords.is_empty())
        {
            return Err(Error::Invalid(format!(
                "taxonomy: category {:?} needs a name and keywords",
                c.name
            )));
        }
        Ok(t)
    }

    /// The categories of a product name: those whose keywords it contains, in the
    /// taxonomy's order, at most `max_categories`; the fallback when none match.
    pub fn categorize(&self, name: &str) -> Vec<String> {
        let words: Vec<String> = name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let mut out: Vec<String> = self
            .categories
            .iter()
            .filter(|c| c.keywords.iter().any(|k| contains_phrase(&words, k)))
            .map(|c| c.name.clone())
            .take(self.max_categories)
            .collect();
        if out.is_empty() {
            out.push(self.fallback.clone());
        }
        out
    }
}

fn word_matches(word: &str, keyword: &str) -> bool {
    word == keyword
        || word.strip_suffix('s').is_some_and(|w| w == keyword)
        || word.strip_suffix("es").is_some_and(|w| w == keyword)
}

fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let phrase: Vec<String> = phrase
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().zip(&phrase).all(|(a, b)| word_matches(a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = r#"
        fallback = "gifts"
        max_categories = 2
        [[category]]
        name = "candles"
        keywords = ["candle", "t-light"]
        [[category]]
        name = "textiles"
        keywords = ["hot water bottle", "cushion"]
        [[category]]
        name = "hearts"
        keywords = ["heart"]
    "#;

    #[test]
    fn keywords_phrases_plurals_and_fallback() {
        let t = Taxonomy::from_toml(T).unwrap();
        assert_eq!(
            t.categorize("WHITE HANGING HEART T-LIGHT HOLDER"),
            ["candles", "hearts"]
        );
        assert_eq!(
            t.categorize("KNITTED UNION FLAG HOT WATER BOTTLE"),
            ["textiles"]
        );
        assert_eq!(t.categorize("SET OF 3 CANDLES"), ["candles"]);
        assert_eq!(t.categorize("CANDLEHOLDER"), ["gifts"], "whole words only");
        assert_eq!(
            t.categorize("HEART CUSHION WITH CANDLE"),
            ["candles", "textiles"],
            "at most max_categories"
        );
    }

    #[test]
    fn bad_taxonomy_is_refused() {
        assert!(Taxonomy::from_toml("fallback = 'x'\ncategory = []")
            .unwrap_err()
            .to_string()
            .contains("at least one"));
        assert!(Taxonomy::from_toml("nonsense").is_err());
    }
}

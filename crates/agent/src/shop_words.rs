//! A shop's own words in its product names: abbreviations and nicknames
//! ("HLDR" for holder, "HOTTIE" for a hot water bottle), spelled out so a shopper's
//! plain words find the line. They belong to one catalog, so they live in that
//! shop's settings, not in the agent.

use std::collections::HashMap;

use crate::text::{fold, tokens};

/// Each word of a shop's names and what it stands for, both folded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShopWords {
    means: HashMap<String, String>,
}

impl ShopWords {
    /// From `(word, what it means)` pairs; an empty word or meaning is skipped.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ShopWords {
        let means = pairs
            .into_iter()
            .map(|(word, means)| (fold(word.trim()), fold(means.trim())))
            .filter(|(w, m)| !w.is_empty() && !m.is_empty() && !w.contains(' '))
            .collect();
        ShopWords { means }
    }

    /// Lines of `word<TAB>what it means`; blank lines and `#` comments skipped.
    pub fn parse_tsv(text: &str) -> Result<ShopWords, String> {
        let mut pairs = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once('\t') {
                Some((word, means)) if !word.trim().contains(' ') && !means.trim().is_empty() => {
                    pairs.push((word, means))
                }
                _ => {
                    return Err(format!(
                        "line {}: expected one word, a tab, and what it means",
                        n + 1
                    ))
                }
            }
        }
        Ok(ShopWords::new(pairs))
    }

    pub fn is_empty(&self) -> bool {
        self.means.is_empty()
    }

    /// `name` with the shop's words spelled out, folded ("RED WOOLLY HOTTIE" →
    /// "red woolly hot water bottle"); the name as it was when none occurs.
    pub fn spell_out(&self, name: &str) -> String {
        if self.means.is_empty() {
            return name.to_string();
        }
        let words = tokens(name);
        if !words.iter().any(|t| self.means.contains_key(&t.folded)) {
            return name.to_string();
        }
        words
            .iter()
            .map(|t| self.means.get(&t.folded).unwrap_or(&t.folded).as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shops_words_are_spelled_out() {
        let words = ShopWords::parse_tsv("# word\tmeans\nHOTTIE\thot water bottle\nhldr\tholder\n")
            .unwrap();
        assert_eq!(
            words.spell_out("RED WOOLLY HOTTIE WHITE HEART."),
            "red woolly hot water bottle white heart"
        );
        assert_eq!(words.spell_out("T-LIGHT HLDR"), "t light holder");
        assert_eq!(
            words.spell_out("WHITE METAL LANTERN"),
            "WHITE METAL LANTERN"
        );
        assert!(ShopWords::parse_tsv("two words\tx").is_err());
        assert!(ShopWords::default().is_empty());
    }
}

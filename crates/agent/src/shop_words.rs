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

    /// What a shopper typed with the shop's words spelled out, folded, so it reads like
    /// the line names ([`ShopWords::spell_out`]): "grey hottie" is "grey hot water
    /// bottle", "tealights" and "tea lights" are "t light". A plural is the word's, and
    /// two words the shop writes as one are that word.
    pub fn spell_out_said(&self, said: &str) -> String {
        if self.means.is_empty() {
            return said.to_string();
        }
        let words: Vec<String> = tokens(said).into_iter().map(|t| t.folded).collect();
        // a word listed with its other spellings ("spaceboy": spaceboy space boy) is
        // already one of them: only the names need them all
        let meaning = |w: &str| {
            let means = self.means.get(w).or_else(|| {
                w.strip_suffix('s')
                    .filter(|s| s.chars().count() >= 3)
                    .and_then(|s| self.means.get(s))
            });
            means.filter(|m| !m.split(' ').any(|part| w.trim_end_matches('s') == part))
        };
        let mut out: Vec<&str> = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let joined = words.get(i + 1).map(|next| format!("{}{next}", words[i]));
            if let Some(means) = joined.as_deref().and_then(meaning) {
                out.push(means);
                i += 2;
                continue;
            }
            out.push(meaning(&words[i]).unwrap_or(&words[i]));
            i += 1;
        }
        let spelled = out.join(" ");
        if spelled == words.join(" ") {
            said.to_string()
        } else {
            spelled
        }
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

    #[test]
    fn what_a_shopper_types_is_read_with_the_shops_words() {
        let words = ShopWords::new([("hottie", "hot water bottle"), ("tealight", "t light")]);
        assert_eq!(words.spell_out_said("grey hottie"), "grey hot water bottle");
        assert_eq!(words.spell_out_said("orange Tealights"), "orange t light");
        assert_eq!(words.spell_out_said("santa tea lights"), "santa t light");
        // nothing of the shop's: as typed, accents and all
        assert_eq!(words.spell_out_said("la taza rosa"), "la taza rosa");
        let listed = ShopWords::new([("spaceboy", "spaceboy space boy")]);
        assert_eq!(
            listed.spell_out_said("vaso de spaceboy"),
            "vaso de spaceboy"
        );
        assert_eq!(ShopWords::default().spell_out_said("Hotties"), "Hotties");
    }
}

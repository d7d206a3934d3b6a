//! How a shopper's words become a tantivy query.

use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::Fields;

/// A word in the name weighs more than the same word in the description.
const NAME_BOOST: f32 = 3.0;
/// A typo match counts, but less than the word itself.
const TYPO_BOOST: f32 = 0.8;

/// How many typos a word may carry: none in short words, where one edit makes
/// another word ("mug" / "bag"), one from four letters, two from eight.
fn typos_allowed(term: &str) -> u8 {
    match term.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Matches a product that has this (already analysed) word, in any field, exactly
/// or with a typo.
fn word(fields: &Fields, term: &str) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, boost) in [(fields.name, NAME_BOOST), (fields.text, 1.0)] {
        let t = Term::from_field_text(field, term);
        parts.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)),
                boost,
            )),
        ));
        let typos = typos_allowed(term);
        if typos > 0 {
            let fuzzy = FuzzyTermQuery::new(t, typos, true);
            parts.push((
                Occur::Should,
                Box::new(BoostQuery::new(
                    Box::new(fuzzy),
                    TYPO_BOOST * boost / NAME_BOOST,
                )),
            ));
        }
    }
    Box::new(BooleanQuery::new(parts))
}

/// Products with every word.
pub(crate) fn all_words(fields: &Fields, terms: &[String]) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|t| (Occur::Must, word(fields, t)))
            .collect(),
    )
}

/// Products with any of the words, more words scoring higher.
pub(crate) fn any_word(fields: &Fields, terms: &[String]) -> BooleanQuery {
    BooleanQuery::new(
        terms
            .iter()
            .map(|t| (Occur::Should, word(fields, t)))
            .collect(),
    )
}

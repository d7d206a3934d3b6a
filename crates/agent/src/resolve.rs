//! Which cart line a shopper means: "the mugs", "la linterna", "it".
//!
//! Words match a line's name folded, singular or plural, with a slip, or through
//! the Spanish glossary ("taza" → MUG). The line matching the most of the shopper's
//! words wins; two lines matching as well are ambiguous, and the agent asks instead
//! of guessing. Colours and sizes alone never pick a line when the shopper also named
//! a product: "the red lantern" is not the red mug.

use crate::glossary::english_for_typo;
use crate::text::{tokens, word_match, WordMatch};
use crate::vocab::{is_colour, is_determiner, is_filler, is_modifier};
use crate::{CartLine, Memory};

/// Which line a Remove or UpdateQuantity names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The item key of the one line meant.
    Found(String),
    /// Several lines fit as well as each other: their keys, in cart order.
    Ambiguous(Vec<String>),
    /// Nothing in the cart fits.
    NotInCart,
}

fn name_words(name: &str) -> Vec<String> {
    tokens(name).into_iter().map(|t| t.folded).collect()
}

/// A word of the target and what it may stand for in the catalog's English.
struct TargetWord {
    forms: Vec<String>,
    modifier: bool,
}

fn target_words(target: &str) -> Vec<TargetWord> {
    let folded: Vec<String> = tokens(target).into_iter().map(|t| t.folded).collect();
    folded
        .iter()
        .enumerate()
        // "caja de té" written without its accent: "te" after "de" is tea, not "you"
        .map(|(i, w)| {
            if w == "te" && i > 0 && folded[i - 1] == "de" {
                "tea".to_string()
            } else {
                w.clone()
            }
        })
        .filter(|w| !is_filler(w) && !is_determiner(w))
        .map(|w| {
            let english = english_for_typo(&w);
            let modifier = is_modifier(&w) || english.is_some_and(is_modifier);
            let mut forms = vec![w];
            forms.extend(
                english
                    .into_iter()
                    .flat_map(|e| e.split(' '))
                    .map(str::to_string),
            );
            TargetWord { forms, modifier }
        })
        .collect()
}

/// How well a line's name fits the target: (words matched, of them matched without
/// a slip). `None` when the line does not qualify.
fn fit(words: &[TargetWord], name: &[String]) -> Option<(usize, usize)> {
    let only_modifiers = words.iter().all(|w| w.modifier);
    // a colour the name does not have, when it has one of its own: another product
    let coloured = name.iter().any(|n| is_colour(n));
    let other_colour = words
        .iter()
        .any(|w| w.forms.iter().any(|f| is_colour(f)) && !w.forms.iter().any(|f| name.contains(f)));
    if coloured && other_colour {
        return None;
    }
    let (mut matched, mut clean, mut named) = (0, 0, false);
    for w in words {
        let best = w
            .forms
            .iter()
            .flat_map(|f| name.iter().map(move |n| word_match(f, n)))
            .max()
            .unwrap_or(WordMatch::None);
        if best > WordMatch::None {
            matched += 1;
            clean += usize::from(best == WordMatch::Same);
            named |= !w.modifier;
        }
    }
    (matched > 0 && (named || only_modifiers)).then_some((matched, clean))
}

/// The line a Remove or UpdateQuantity names. With no target, or one of only
/// fillers ("make it 3", "quítalo", `Some("")`): the line talked about last if still
/// in the cart, else the only line.
pub fn resolve_line(target: Option<&str>, cart: &[CartLine], memory: &Memory) -> Resolution {
    let words = target.map(target_words).filter(|w| !w.is_empty());
    let Some(words) = words else {
        return by_memory(cart, memory);
    };
    let fits: Vec<(&CartLine, (usize, usize))> = cart
        .iter()
        .filter_map(|line| fit(&words, &name_words(line.name)).map(|f| (line, f)))
        .collect();
    let Some(best) = fits.iter().map(|(_, f)| *f).max() else {
        return Resolution::NotInCart;
    };
    let mut winners = fits
        .iter()
        .filter(|(_, f)| *f == best)
        .map(|(line, _)| line.key.to_string());
    match (winners.next(), winners.next()) {
        (Some(key), None) => Resolution::Found(key),
        (Some(a), Some(b)) => Resolution::Ambiguous([a, b].into_iter().chain(winners).collect()),
        _ => Resolution::NotInCart,
    }
}

fn by_memory(cart: &[CartLine], memory: &Memory) -> Resolution {
    if let Some(key) = &memory.last_item_key {
        if cart.iter().any(|l| l.key == key) {
            return Resolution::Found(key.clone());
        }
    }
    match cart {
        [] => Resolution::NotInCart,
        [only] => Resolution::Found(only.key.to_string()),
        lines => Resolution::Ambiguous(lines.iter().map(|l| l.key.to_string()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cart() -> Vec<CartLine<'static>> {
        vec![
            CartLine {
                key: "l1",
                name: "WHITE HANGING HEART T-LIGHT HOLDER",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "WHITE METAL LANTERN",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "SET OF 3 CAKE TINS PANTRY DESIGN",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "RED RETROSPOT MUG",
                quantity: 2,
            },
            CartLine {
                key: "l6",
                name: "RED WOOLLY HOTTIE WHITE HEART.",
                quantity: 1,
            },
        ]
    }

    fn resolve(target: &str) -> Resolution {
        resolve_line(Some(target), &cart(), &Memory::default())
    }

    fn found(key: &str) -> Resolution {
        Resolution::Found(key.to_string())
    }

    #[test]
    fn plural_spanish_and_slips() {
        assert_eq!(resolve("the mugs"), found("l4"));
        assert_eq!(resolve("la taza"), found("l4"));
        assert_eq!(resolve("lanten"), found("l2"));
        assert_eq!(resolve("los moldes"), found("l3"));
        assert_eq!(resolve("t-light holders"), found("l1"));
    }

    #[test]
    fn a_shops_nickname_is_found_once_its_words_spell_it_out() {
        assert_eq!(resolve("hot water bottle"), Resolution::NotInCart);
        let words = crate::ShopWords::new([("hottie", "hot water bottle")]);
        let name = words.spell_out("RED WOOLLY HOTTIE WHITE HEART.");
        let cart = [CartLine {
            key: "l6",
            name: &name,
            quantity: 1,
        }];
        assert_eq!(
            resolve_line(Some("hot water bottle"), &cart, &Memory::default()),
            found("l6")
        );
    }

    #[test]
    fn the_line_with_most_words_wins_and_a_tie_is_ambiguous() {
        assert_eq!(resolve("white hanging heart"), found("l1"));
        assert_eq!(
            resolve("heart"),
            Resolution::Ambiguous(vec!["l1".into(), "l6".into()])
        );
        assert_eq!(
            resolve("red one"),
            Resolution::Ambiguous(vec!["l4".into(), "l6".into()])
        );
        assert_eq!(
            resolve("white"),
            Resolution::Ambiguous(vec!["l1".into(), "l2".into(), "l6".into()])
        );
    }

    #[test]
    fn a_colour_alone_does_not_name_a_product_line() {
        // the cart's lantern is white: a red one is another product
        assert_eq!(resolve("red lantern"), Resolution::NotInCart);
        assert_eq!(resolve("white lantern"), found("l2"));
        assert_eq!(resolve("red teapot"), Resolution::NotInCart);
        assert_eq!(resolve("teapot"), Resolution::NotInCart);
    }

    #[test]
    fn an_exact_word_beats_a_slip() {
        let cart = [
            CartLine {
                key: "a",
                name: "HEARTH BROOM",
                quantity: 1,
            },
            CartLine {
                key: "b",
                name: "HEART OF WICKER SMALL",
                quantity: 1,
            },
        ];
        assert_eq!(
            resolve_line(Some("hearts"), &cart, &Memory::default()),
            found("b")
        );
    }

    #[test]
    fn no_target_uses_memory_then_the_only_line() {
        let memory = Memory {
            last_item_key: Some("l2".into()),
            destination: None,
        };
        assert_eq!(resolve_line(None, &cart(), &memory), found("l2"));
        let gone = Memory {
            last_item_key: Some("l9".into()),
            destination: None,
        };
        assert!(
            matches!(resolve_line(None, &cart(), &gone), Resolution::Ambiguous(k) if k.len() == 5)
        );
        assert_eq!(resolve_line(None, &cart()[..1], &gone), found("l1"));
        assert_eq!(resolve_line(None, &[], &memory), Resolution::NotInCart);
        assert_eq!(
            resolve_line(Some("the"), &cart(), &memory),
            found("l2"),
            "only fillers: no target"
        );
    }
}

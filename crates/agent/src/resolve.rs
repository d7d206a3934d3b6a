//! Which cart line a shopper means: "the mugs", "la linterna", "it".
//!
//! Words match a line's name folded, singular or plural, with a slip, or through
//! the Spanish glossary ("taza" → MUG). The line matching the most of the shopper's
//! words wins; two lines matching as well are ambiguous, and the agent asks instead
//! of guessing. Colours and sizes alone never pick a line when the shopper also named
//! a product: "the red lantern" is not the red mug. A word the shopper rules out
//! ("not the french one", "que no es francés", "sin campanas") rules out the lines
//! that have it. A place in the cart names a line too: "the second one", "lo
//! primero que agregué", "la del medio", "the first tube of pencils".

use crate::glossary::{meanings, with_phrases};
use crate::text::{singulars, tokens, word_match, WordMatch};
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

/// Marks a name's two neighbouring words written as one (see [`name_words`]).
const JOINED: char = '+';

/// A name's words, then each two neighbours written as one, marked with [`JOINED`]:
/// a shopper's "bulldog" is BULL DOG, "bonbon" BON BON (whole words only, never a
/// compound's part).
fn name_words(name: &str) -> Vec<String> {
    let words: Vec<String> = tokens(name).into_iter().map(|t| t.folded).collect();
    let joined: Vec<String> = words
        .windows(2)
        .map(|w| format!("{JOINED}{}{}", w[0], w[1]))
        .collect();
    words.into_iter().chain(joined).collect()
}

/// A word of the target and what it may stand for in the catalog's English.
struct TargetWord {
    forms: Vec<String>,
    modifier: bool,
}

fn target_words(target: &str) -> Vec<TargetWord> {
    join_neighbours(words_of(target))
}

/// The target's words, and apart from them the words it rules out: "the toilet sign
/// (not the french one)", "el letrero que no es francés", "the non-French sign", "la
/// guirnalda sin campanas". A "no" before a number is one ("door sign no. 5").
fn set_apart(target: &str) -> (String, String) {
    let words: Vec<String> = tokens(target).into_iter().map(|t| t.folded).collect();
    let (mut kept, mut apart): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next_is_number = words
            .get(i + 1)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
        // ("the no singing sign", "el cartel de no cantar", "I no longer need" are no
        // ruling out)
        let named =
            i > 0 && (is_determiner(&words[i - 1]) || matches!(words[i - 1].as_str(), "de" | "of"));
        let no = w == "no"
            && i > 0
            && !named
            && !matches!(
                words.get(i + 1).map(String::as_str),
                Some("longer" | "more")
            );
        if (no || matches!(w, "not" | "non" | "sin" | "except" | "excepto")) && !next_is_number {
            // "… que no es …", "… that isn't …": the joining word names nothing
            if matches!(
                kept.last().map(String::as_str),
                Some("que" | "that" | "which")
            ) {
                kept.pop();
            }
            let end = if w == "non" {
                (i + 2).min(words.len())
            } else {
                words.len()
            };
            apart.extend(
                words[i + 1..end]
                    .iter()
                    .filter(|w| {
                        !matches!(
                            w.as_str(),
                            "es" | "son"
                                | "lleva"
                                | "llevan"
                                | "tiene"
                                | "tienen"
                                | "is"
                                | "are"
                                | "one"
                                | "ones"
                                | "uno"
                                | "una"
                        )
                    })
                    .cloned(),
            );
            i = end;
            continue;
        }
        kept.push(words[i].clone());
        i += 1;
    }
    (kept.join(" "), apart.join(" "))
}

fn words_of(target: &str) -> Vec<TargetWord> {
    let folded = with_phrases(tokens(target).into_iter().map(|t| t.folded).collect());
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
        // joining words name nothing: "tazas y platos" is the cup and saucer; nor do
        // "colour" ("color crema" is the cream one) and "only" ("un solo dispensador")
        .filter(|w| {
            !is_filler(w)
                && !is_determiner(w)
                && !matches!(
                    w.as_str(),
                    "and" | "y" | "with" | "con" | "para" | "color" | "colour" | "solo" | "sola"
                )
        })
        .map(|w| {
            let english = meanings(&w);
            let modifier = is_modifier(&w) || english.first().is_some_and(|e| is_modifier(e));
            // "el letrero número dos": the name's "2"
            let digits = crate::numbers::number(&w)
                .filter(|_| !matches!(w.as_str(), "un" | "una" | "uno"))
                .map(|n| n.to_string());
            let mut forms = vec![w];
            forms.extend(english.into_iter().map(str::to_string));
            forms.extend(digits);
            TargetWord { forms, modifier }
        })
        .collect()
}

/// Two neighbours written as one are a form of each: "polka dot" is POLKADOT,
/// "tea cup" TEACUP (the name's side is [`name_words`]).
fn join_neighbours(mut words: Vec<TargetWord>) -> Vec<TargetWord> {
    for i in 1..words.len() {
        let joined = format!("{}{}", words[i - 1].forms[0], words[i].forms[0]);
        words[i - 1].forms.push(joined.clone());
        words[i].forms.push(joined);
    }
    words
}

/// Whether a word is one part of a name's compound word: "stand" of CAKESTAND, "cups"
/// of TEACUP, "cake" of CAKESTAND. Parts of at least three letters, and four for
/// what follows a first part ("hot" is not a part of HOTTIE).
fn part_of(word: &str, name_word: &str) -> bool {
    singulars(word).iter().any(|w| {
        let (n, k) = (name_word.chars().count(), w.chars().count());
        k >= 3
            && ((n >= k + 3 && name_word.ends_with(w.as_str()))
                || (n >= k + 4 && name_word.starts_with(w.as_str())))
    })
}

/// How well one word of the target matches a word of the name: as a compound's
/// part it counts like a slip.
fn word_fit(word: &str, name_word: &str) -> WordMatch {
    if let Some(joined) = name_word.strip_prefix(JOINED) {
        return word_match(word, joined);
    }
    match word_match(word, name_word) {
        WordMatch::None if part_of(word, name_word) => WordMatch::Typo,
        m => m,
    }
}

/// How a line's name fits the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    /// Target words matched.
    matched: usize,
    /// Of them, matched without a slip.
    clean: usize,
}

/// How well a line's name fits the target, and whether every word of the target
/// that names a product was matched. `None` when the line does not qualify.
fn fit(words: &[TargetWord], name: &[String]) -> Option<(Fit, bool)> {
    let only_modifiers = words.iter().all(|w| w.modifier);
    // a colour the name does not have: another product ("the blue lunch bag" is
    // neither the red one nor the apple one)
    let other_colour = words.iter().any(|w| {
        w.forms.iter().any(|f| is_colour(f))
            && !w
                .forms
                .iter()
                .any(|f| name.iter().any(|n| word_match(f, n) == WordMatch::Same))
    });
    if other_colour {
        return None;
    }
    let (mut matched, mut clean, mut named, mut whole) = (0, 0, false, true);
    for w in words {
        let best = w
            .forms
            .iter()
            .flat_map(|f| name.iter().map(move |n| word_fit(f, n)))
            .max()
            .unwrap_or(WordMatch::None);
        if best > WordMatch::None {
            matched += 1;
            clean += usize::from(best == WordMatch::Same);
            named |= !w.modifier;
        } else if !w.modifier {
            whole = false;
        }
    }
    (matched > 0 && (named || only_modifiers)).then_some((Fit { matched, clean }, whole))
}

/// The line a Remove or UpdateQuantity names. With no target, or one of only
/// fillers ("make it 3", "quítalo", `Some("")`): the line talked about last if still
/// in the cart, else the only line.
pub fn resolve_line(target: Option<&str>, cart: &[CartLine], memory: &Memory) -> Resolution {
    resolve(target, cart, memory, false)
}

/// Like [`resolve_line`], but a line counts only when it has every word of the
/// target that names a product: "two regency milk jugs" is not the regency teacup
/// in the cart but another product ("mugs x3", "pon 4 tazas" when the cart has them).
pub fn resolve_whole(target: &str, cart: &[CartLine], memory: &Memory) -> Resolution {
    resolve(Some(target), cart, memory, true)
}

fn resolve(target: Option<&str>, cart: &[CartLine], memory: &Memory, whole: bool) -> Resolution {
    if let Some(found) = target.and_then(|t| by_place(t, cart, memory, whole)) {
        return found;
    }
    let (target, apart) = target.map(set_apart).unzip();
    let words = target
        .as_deref()
        .map(target_words)
        .filter(|w| !w.is_empty());
    let Some(words) = words else {
        return by_memory(cart, memory);
    };
    let apart = apart.as_deref().map(words_of).unwrap_or_default();
    let names: Vec<Vec<String>> = cart.iter().map(|line| name_words(line.name)).collect();
    // a line with a word the shopper rules out is not the one meant
    let ruled_out = |name: &[String]| {
        apart.iter().any(|w| {
            w.forms
                .iter()
                .any(|f| name.iter().any(|n| word_match(f, n) != WordMatch::None))
        })
    };
    let fits: Vec<(&CartLine, Fit)> = cart
        .iter()
        .zip(&names)
        .filter(|(_, name)| !ruled_out(name))
        // (only for a product named with a number: a longer request's words are not
        // all the product's, "for my little balcony")
        .filter(|(_, name)| !whole || !lacks_a_contrast(&words, name, &names))
        .filter_map(|(line, name)| {
            fit(&words, name)
                .filter(|(_, all)| *all || !whole)
                .map(|(f, _)| (line, f))
        })
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

/// Where in the cart a word puts a line: its index among `n` lines ("first",
/// "segunda", "3rd", "penúltimo", "del medio"), `None` for any other word. "Last"
/// only with a word for the list ("el último de la lista", "the last item in my
/// cart"): alone, "the last one" is the one talked about.
fn place(word: &str, n: usize, listed: bool) -> Option<usize> {
    let at = match word {
        "first" | "1st" | "primero" | "primera" | "primer" => 0,
        "second" | "2nd" | "segundo" | "segunda" => 1,
        "third" | "3rd" | "tercero" | "tercera" | "tercer" => 2,
        "fourth" | "4th" | "cuarto" | "cuarta" => 3,
        "fifth" | "5th" | "quinto" | "quinta" => 4,
        "sixth" | "6th" | "sexto" | "sexta" => 5,
        "penultimate" | "penultimo" | "penultima" => n.checked_sub(2)?,
        "middle" | "medio" if n % 2 == 1 => n / 2,
        "last" | "ultimo" | "ultima" if listed => n.checked_sub(1)?,
        _ => return None,
    };
    (at < n).then_some(at)
}

/// Words that go with a place and name nothing ("the second thing I added", "lo
/// primero que puse en el carrito").
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "the", "a", "el", "la", "lo", "los", "las", "del", "de", "in", "on", "of", "my", "mi", "en",
    "thing", "things", "item", "items", "line", "lines", "one", "product", "producto", "articulo",
    "cosa", "row", "fila", "linea", "position", "posicion", "que", "i", "added", "put", "agregue",
    "anadi", "puse", "eche", "meti", "pedi", "ordered", "got", "from", "top", "arriba",
];

/// Words for the cart as a list: with them "last" is a place.
const LIST_WORDS: &[&str] = &[
    "list", "lista", "cart", "basket", "carrito", "carro", "cesta", "canasta", "item", "line",
];

/// The line a place names: alone ("the second one") the line at that place in the
/// cart; with words that name products ("the first tube of pencils") the one at that
/// place among the lines those words fit equally.
fn by_place(target: &str, cart: &[CartLine], memory: &Memory, whole: bool) -> Option<Resolution> {
    let words: Vec<String> = tokens(target).into_iter().map(|t| t.folded).collect();
    let listed = words.iter().any(|w| LIST_WORDS.contains(&w.as_str()));
    let (k, at) = words
        .iter()
        .enumerate()
        .find_map(|(k, w)| Some((k, place(w, cart.len(), listed)?)))?;
    let rest: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(j, w)| {
            j != k && !PLACE_WORDS.contains(&w.as_str()) && !LIST_WORDS.contains(&w.as_str())
        })
        .map(|(_, w)| w.as_str())
        .collect();
    if rest.is_empty() {
        return Some(Resolution::Found(cart[at].key.to_string()));
    }
    match resolve(Some(&rest.join(" ")), cart, memory, whole) {
        Resolution::Ambiguous(keys) => Some(Resolution::Found(keys.get(at)?.clone())),
        _ => None,
    }
}

/// Whether the target has a modifier that another line of the cart has and this
/// line lacks: "una docena de bolsas jumbo" next to two JUMBO BAGs is not the LUNCH
/// BAG.
fn lacks_a_contrast(words: &[TargetWord], name: &[String], names: &[Vec<String>]) -> bool {
    let has = |name: &[String], w: &TargetWord| {
        w.forms
            .iter()
            .any(|f| name.iter().any(|n| word_match(f, n) == WordMatch::Same))
    };
    words.iter().filter(|w| w.modifier).any(|w| {
        !has(name, w)
            && names
                .iter()
                .any(|other| other.as_slice() != name && has(other, w))
    })
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
    fn a_word_ruled_out_rules_a_line_out() {
        let cart = [
            CartLine {
                key: "l1",
                name: "FRENCH TOILET SIGN BLUE METAL",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "TOILET METAL SIGN",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "NO SINGING METAL SIGN",
                quantity: 1,
            },
        ];
        let resolve = |t: &str| resolve_line(Some(t), &cart, &Memory::default());
        assert_eq!(resolve("toilet sign (not the french one)"), found("l2"));
        assert_eq!(resolve("letrero toilet que no es francés"), found("l2"));
        assert_eq!(resolve("non-French toilet sign"), found("l2"));
        assert_eq!(
            resolve("toilet sign"),
            Resolution::Ambiguous(vec!["l1".into(), "l2".into()])
        );
        // a "no" in a name is not one
        assert_eq!(resolve("no singing sign"), found("l3"));
        assert_eq!(resolve("cartel de no cantar"), found("l3"));
    }

    #[test]
    fn a_place_in_the_cart_names_a_line() {
        assert_eq!(resolve("second"), found("l2"));
        assert_eq!(resolve("the first thing i added"), found("l1"));
        assert_eq!(resolve("primero que agregué"), found("l1"));
        assert_eq!(resolve("3rd"), found("l3"));
        assert_eq!(resolve("la del medio"), found("l3"));
        assert_eq!(resolve("penúltimo"), found("l4"));
        assert_eq!(resolve("el último de la lista"), found("l6"));
        assert_eq!(resolve("last item in my cart"), found("l6"));
        // among the lines the other words fit: the red ones are l4 and l6
        assert_eq!(resolve("the second red one"), found("l6"));
        // "the last one" alone is no place (the intent reads it as the line talked
        // about, see the agent's tests)
        assert_eq!(resolve("the last one"), Resolution::NotInCart);
        // a place past the cart's end is no place
        assert_eq!(resolve("sixth"), Resolution::NotInCart);
    }

    #[test]
    fn spanish_for_a_towel_and_a_jumbo_bag() {
        let cart = [
            CartLine {
                key: "l1",
                name: "RED TEA TOWEL CLASSIC DESIGN",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "JUMBO BAG RED RETROSPOT",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "LUNCH BAG RED RETROSPOT",
                quantity: 1,
            },
        ];
        let resolve = |t: &str| resolve_line(Some(t), &cart, &Memory::default());
        assert_eq!(resolve("el trapo rojo"), found("l1"));
        assert_eq!(resolve("la bolsa gigante"), found("l2"));
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
    fn two_words_written_apart_are_a_name_word_written_as_one() {
        let cart = [CartLine {
            key: "l3",
            name: "GREEN POLKADOT PLATE",
            quantity: 6,
        }];
        let whole = |t| resolve_whole(t, &cart, &Memory::default());
        assert_eq!(whole("green polka dot plates"), found("l3"));
        assert_eq!(whole("mesa color crema"), Resolution::NotInCart);
        assert_eq!(whole("plato color verde"), found("l3"));
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

    fn line(key: &'static str, name: &'static str) -> CartLine<'static> {
        CartLine {
            key,
            name,
            quantity: 1,
        }
    }

    #[test]
    fn a_word_may_be_one_part_of_a_compound_name() {
        let cart = [
            line("a", "REGENCY CAKESTAND 3 TIER"),
            line("b", "SET OF 3 REGENCY CAKE TINS"),
            line("c", "PINK REGENCY TEACUP AND SAUCER"),
        ];
        let find = |t: &str| resolve_line(Some(t), &cart, &Memory::default());
        assert_eq!(find("cake stand"), found("a"));
        assert_eq!(find("el soporte de tartas"), found("a"));
        assert_eq!(find("pink cups"), found("c"));
        assert_eq!(find("las tazas rosas"), found("c"));
        assert_eq!(find("cake tins"), found("b"));
    }

    #[test]
    fn spanish_diminutives_and_second_meanings() {
        let cart = [
            line("a", "VICTORIAN SEWING BOX MEDIUM"),
            line("b", "KINGS CHOICE TEA CADDY"),
            line("c", "ASSORTED COLOUR BIRD ORNAMENT"),
            line("d", "SCOTTIE DOG HOT WATER BOTTLE"),
        ];
        let find = |t: &str| resolve_line(Some(t), &cart, &Memory::default());
        assert_eq!(find("la caja de té"), found("b"));
        assert_eq!(find("los pajaritos"), found("c"));
        assert_eq!(find("la del perrito"), found("d"));
        assert_eq!(find("el costurero"), found("a"));
    }

    #[test]
    fn two_words_of_a_name_may_be_typed_as_one() {
        let cart = [
            line("a", "BULL DOG BOTTLE OPENER"),
            line("b", "GLASS BON BON JAR"),
            line("c", "RED WOOLLY HOTTIE WHITE HEART."),
        ];
        let whole = |t: &str| resolve_whole(t, &cart, &Memory::default());
        assert_eq!(whole("bulldog opener"), found("a"));
        assert_eq!(whole("abridores del bulldog"), found("a"));
        assert_eq!(whole("tarros de bombones"), found("b"));
        // but never as a part of a compound: "hot" is not in WOOLLYHOTTIE
        assert_eq!(whole("hot water bottle"), Resolution::NotInCart);
    }

    #[test]
    fn a_whole_match_needs_every_product_word() {
        let cart = [
            line("a", "ROSES REGENCY TEACUP AND SAUCER"),
            line("b", "HAND WARMER OWL DESIGN"),
        ];
        let whole = |t: &str| resolve_whole(t, &cart, &Memory::default());
        assert_eq!(whole("regency milk jugs"), Resolution::NotInCart);
        assert_eq!(
            whole("hand warmers, the bird design one"),
            Resolution::NotInCart
        );
        assert_eq!(whole("owl hand warmers"), found("b"));
        assert_eq!(whole("tazas y platos de rosas"), found("a"));
        assert_eq!(
            resolve_line(Some("regency milk jugs"), &cart, &Memory::default()),
            found("a"),
            "a removal asks about the one line that fits some of it"
        );
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

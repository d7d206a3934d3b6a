//! The last resort for a sentence the grammar read as a search: one that names a cart
//! line and says, somewhere around it, what to do with it ("The blue french sign - I
//! actually want 3 for the office loos", "del molde verde necesito tres", "it's for
//! my sister's 30th so can I get four more packs of the balloons").
//!
//! Cart-aware, so it runs in [`crate::decide`]: the words left once the cues are
//! taken out must name exactly one line, and the cues must say one thing (a removal,
//! or one number, with or without "more"/"less"). A question about products never
//! counts: "do you have the french sign in red?" stays a search.

use crate::intent::DONT_WANT;
use crate::numbers::{number, quantity_at};
use crate::resolve::{resolve_line, Resolution};
use crate::text::{tokens, Token};
use crate::vocab::{command, Verb};
use crate::{CartLine, Memory, ShopWords};

/// What a spotted sentence asks of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spotted {
    Remove,
    SetTo(u32),
    By(i32),
    /// Times `by`, divided by `parts` ("double", "la mitad", "multiplícala por tres").
    Scale {
        by: u32,
        parts: u32,
    },
}

/// Questions and searches: what follows is about the catalog, not the cart.
#[rustfmt::skip]
const ASKING: &[&[&str]] = &[
    &["do", "you"], &["do", "u"], &["does", "it"], &["have", "you", "got"], &["is", "there"],
    &["are", "there"], &["looking", "for"], &["show", "me"], &["search"], &["find", "me"],
    &["tienes"], &["teneis"], &["tienen"], &["tiene", "usted"], &["hay"], &["busco"],
    &["buscando"], &["muestrame"], &["ensename"], &["venden"], &["vendeis"], &["vendes"],
    &["how", "much"], &["cuanto", "cuesta"], &["cuanto", "cuestan"], &["what", "is"],
    &["que", "es"], &["como", "es"], &["sell"], &["stock"],
];

/// Words that make a number a change on top of what the line holds.
const MORE: &[&str] = &[
    "more",
    "extra",
    "additional",
    "another",
    "mas",
    "adicional",
    "adicionales",
    "otro",
    "otra",
    "otros",
    "otras",
];
const LESS: &[&str] = &["less", "fewer", "menos"];
/// Removal words said after or around the line ("take all four off", "get those off").
const OFF: &[&str] = &["off", "out", "fuera"];
/// A number after these is not wanted ("one of the kits, not six").
const NOT: &[&str] = &["not", "no", "instead", "than"];

fn has_phrase(words: &[&str], phrases: &[&[&str]]) -> bool {
    (0..words.len()).any(|i| {
        phrases
            .iter()
            .any(|p| words.len() >= i + p.len() && words[i..i + p.len()] == **p)
    })
}

/// The line a sentence names and what it asks of it, if it says one thing.
pub(crate) fn spot(
    utterance: &str,
    cart: &[CartLine],
    memory: &Memory,
    shop_words: &ShopWords,
) -> Option<(String, Spotted)> {
    let toks: Vec<Token> = tokens(utterance);
    let words: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    if words.len() < 3 || has_phrase(&words, ASKING) {
        return None;
    }
    // "is the bread bin metal or plastic?": a question about a product ("bin" is no
    // request here); "can you bin the mugs?" asks for one
    if utterance.trim_end().ends_with('?') && matches!(words[0], "is" | "are" | "does" | "do") {
        return None;
    }
    let verb = |verbs: &[Verb]| {
        words
            .iter()
            .any(|w| command(w).is_some_and(|c| verbs.contains(&c.verb)))
    };
    // "off"/"out" remove unless a verb says otherwise ("change the badges to a dozen,
    // he'll hand them out")
    let changes = verb(&[Verb::Change, Verb::Make, Verb::Put]);
    let removal = has_phrase(&words, DONT_WANT)
        || verb(&[Verb::Remove, Verb::Take])
        || (!changes && words.iter().any(|w| OFF.contains(w)));
    let more = words.iter().any(|w| MORE.contains(w));
    let less = words.iter().any(|w| LESS.contains(w));
    // the numbers said, with "2 dozen" as 24; a word taken by a number or a cue names
    // no product
    let mut numbers = Vec::new();
    let mut cue = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        // "not six", "instead of one"; "pack of 72", "set of 6", "caja de 12" name a
        // product
        let negated = i > 0 && (NOT.contains(&words[i - 1]) || matches!(words[i - 1], "of" | "de"));
        match quantity_at(&words, i).filter(|q| q.explicit) {
            Some(q) => {
                let mut value = q.value;
                let mut len = q.len;
                if number(words[i]).is_some()
                    && matches!(words.get(i + len), Some(&"dozen" | &"docenas" | &"docena"))
                {
                    value *= 12;
                    len += 1;
                }
                if !negated {
                    numbers.push(value);
                }
                cue[i..i + len].iter_mut().for_each(|c| *c = true);
                i += len;
            }
            None => i += 1,
        }
    }
    // "down by half", "quiero la mitad", "i want double what i have", "por tres"
    let mut scale = None;
    for (i, w) in words.iter().enumerate() {
        if cue[i] {
            continue;
        }
        let found = match *w {
            "half" | "mitad" => Some((1, 2)),
            "double" | "doble" | "dbl" | "twice" => Some((2, 1)),
            "triple" | "triplica" => Some((3, 1)),
            w if w.starts_with("multiplic") || w == "times" => {
                let k = i + 1 + usize::from(words.get(i + 1) == Some(&"por"));
                let n = words.get(k).and_then(|n| number(n)).filter(|n| *n > 1)?;
                cue[k] = true;
                numbers.retain(|m| *m != n);
                Some((n, 1))
            }
            _ => None,
        };
        if let Some(found) = found {
            if scale.replace(found).is_some() {
                return None;
            }
            cue[i] = true;
        }
    }
    for (c, w) in cue.iter_mut().zip(&words) {
        *c |= MORE.contains(w)
            || LESS.contains(w)
            || OFF.contains(w)
            || command(w).is_some_and(|c| !matches!(c.verb, Verb::Ship | Verb::Live));
    }
    let target: Vec<&str> = words
        .iter()
        .zip(&cue)
        .filter(|(_, c)| !**c)
        .map(|(w, _)| *w)
        .collect();
    let Resolution::Found(key) = resolve_line(
        Some(&shop_words.spell_out_said(&target.join(" "))),
        cart,
        memory,
    ) else {
        return None;
    };
    let line = cart.iter().find(|l| l.key == key)?;
    // a number of the name ("SET OF 3 NOTEBOOKS") is the product, not a quantity
    let name_numbers: Vec<u32> = tokens(line.name)
        .iter()
        .filter_map(|t| number(&t.folded))
        .collect();
    let said: Vec<u32> = numbers
        .into_iter()
        .filter(|n| !name_numbers.contains(n))
        .collect();
    let one = match said.as_slice() {
        [] => None,
        [n] => Some(*n),
        [n, rest @ ..] if rest.iter().all(|m| m == n) => Some(*n),
        _ => return None,
    };
    let current = line.quantity;
    if let Some((by, parts)) = scale {
        return (one.is_none() && !removal).then_some((key, Spotted::Scale { by, parts }));
    }
    let spotted = match (removal, more, less, one) {
        (true, false, _, None) => Spotted::Remove,
        (true, false, _, Some(n)) if n >= current => Spotted::Remove,
        (true, false, _, Some(n)) => Spotted::By(-(n as i32)),
        (false, true, false, Some(n)) => Spotted::By(n as i32),
        (false, false, true, Some(n)) => Spotted::By(-(n as i32)),
        (false, false, false, Some(0)) => Spotted::Remove,
        (false, false, false, Some(n)) => Spotted::SetTo(n),
        _ => return None,
    };
    Some((key, spotted))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CART: [CartLine<'static>; 4] = [
        CartLine {
            key: "l1",
            name: "ENAMEL MILK JUG BLUE",
            quantity: 2,
        },
        CartLine {
            key: "l2",
            name: "SET OF 6 HERB POTS",
            quantity: 3,
        },
        CartLine {
            key: "l3",
            name: "RED GINGHAM APRON",
            quantity: 1,
        },
        CartLine {
            key: "l4",
            name: "BLUE GINGHAM APRON",
            quantity: 4,
        },
    ];

    fn spotted(s: &str) -> Option<(String, Spotted)> {
        spot(s, &CART, &Memory::default(), &ShopWords::default())
    }

    #[test]
    fn a_line_and_a_number_around_it() {
        let set = |k: &str, n| Some((k.to_string(), Spotted::SetTo(n)));
        assert_eq!(
            spotted("The blue milk jug - I actually want 5 for the cafe tables"),
            set("l1", 5)
        );
        assert_eq!(spotted("de la jarra de leche necesito tres"), set("l1", 3));
        assert_eq!(
            spotted("my aunt only needs one of the herb pots, not six"),
            set("l2", 1)
        );
        assert_eq!(
            spotted("the milk jug, could I have four instead of two?"),
            set("l1", 4)
        );
        assert_eq!(
            spotted("I need 2 dozen milk jugs in total for the fete"),
            set("l1", 24)
        );
        assert_eq!(
            spotted("it's for her 40th so can I get two more of the herb pots"),
            Some(("l2".to_string(), Spotted::By(2)))
        );
    }

    #[test]
    fn a_line_and_its_removal_around_it() {
        assert_eq!(
            spotted("the red apron, I've changed my mind on that, take it off"),
            Some(("l3".to_string(), Spotted::Remove))
        );
        assert_eq!(
            spotted("the herb pots, changed my mind, take all three off"),
            Some(("l2".to_string(), Spotted::Remove))
        );
        // "out" with a verb that changes the quantity is not a removal
        assert_eq!(
            spotted("could you change the milk jugs to 4? we hand them out at the fete"),
            Some(("l1".to_string(), Spotted::SetTo(4)))
        );
    }

    #[test]
    fn halves_doubles_and_times() {
        let scale = |k: &str, by, parts| Some((k.to_string(), Spotted::Scale { by, parts }));
        assert_eq!(spotted("herb pots down by half"), scale("l2", 1, 2));
        assert_eq!(
            spotted("de las jarras de leche quiero la mitad"),
            scale("l1", 1, 2)
        );
        assert_eq!(
            spotted("milk jug: i want double what i have"),
            scale("l1", 2, 1)
        );
        assert_eq!(
            spotted("la jarra de leche, multiplícala por tres"),
            scale("l1", 3, 1)
        );
        // half a dozen is a number, not a half
        assert_eq!(
            spotted("the milk jug, I'd like half a dozen please"),
            Some(("l1".to_string(), Spotted::SetTo(6)))
        );
    }

    #[test]
    fn searches_and_lines_it_cannot_pin_down_stay_searches() {
        // a question about the catalog, a product name with its pack size, two
        // aprons, a number with nothing in the cart
        assert_eq!(spotted("do you have the milk jug in 2 sizes"), None);
        assert_eq!(spotted("pack of 12 herb pots"), None);
        assert_eq!(spotted("the gingham apron, I want 3"), None);
        assert_eq!(spotted("I want 3 tea towels for my sister"), None);
        assert_eq!(spotted("the milk jug, 2 or 3 maybe"), None);
    }
}

//! Quantities as shoppers type them: digits, number words in English and Spanish,
//! and the phrases around them ("a couple of", "una docena de").

/// The number a single folded word means: digits or a number word, zero to twenty
/// in both languages, plus `dozen`/`docena`. Articles are not numbers here (see
/// [`quantity_at`]): "a" is one only where a quantity is expected.
pub fn number(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    let n = match word {
        "zero" | "cero" | "none" | "ninguno" | "ninguna" => 0,
        "one" | "uno" | "una" | "un" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        "ten" | "diez" => 10,
        "eleven" | "once" => 11,
        "twelve" | "doce" | "dozen" | "docena" | "dozn" | "doz" => 12,
        "thirteen" | "trece" => 13,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "sixteen" | "dieciseis" => 16,
        "seventeen" | "diecisiete" => 17,
        "eighteen" | "dieciocho" => 18,
        "nineteen" | "diecinueve" => 19,
        "twenty" | "veinte" => 20,
        "veintiuno" | "veintiuna" | "veintiun" => 21,
        "veintidos" => 22,
        "veintitres" => 23,
        "veinticuatro" => 24,
        "veinticinco" => 25,
        "veintiseis" => 26,
        "veintisiete" => 27,
        "veintiocho" => 28,
        "veintinueve" => 29,
        "thirty" | "treinta" => 30,
        "forty" | "cuarenta" => 40,
        "fifty" | "cincuenta" => 50,
        "sixty" | "sesenta" => 60,
        "seventy" | "setenta" => 70,
        "eighty" | "ochenta" => 80,
        "ninety" | "noventa" => 90,
        _ => return None,
    };
    Some(n)
}

/// Words that stand for "one" in front of a product: articles and their kin.
fn is_one(word: &str) -> bool {
    matches!(
        word,
        "a" | "an" | "un" | "una" | "uno" | "some" | "unos" | "unas" | "another" | "otro" | "otra"
    )
}

/// How a quantity was said: an explicit number, or just an article ("a lantern").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quantity {
    pub value: u32,
    /// Digits or a number word, not an article.
    pub explicit: bool,
    /// Words taken, so the caller can go on after them.
    pub len: usize,
}

/// The quantity that starts at `words[i]`, if any: `3`, `three`, `a`, `a couple of`,
/// `un par de`, `a dozen`, `una docena de`, `half a dozen`, `media docena`,
/// `one more`, `2 more`, `dos más`.
pub(crate) fn quantity_at(words: &[&str], i: usize) -> Option<Quantity> {
    let at = |k: usize| words.get(i + k).copied().unwrap_or("");
    let mut q = match (at(0), at(1), at(2)) {
        ("half", "a", "dozen") => Quantity {
            value: 6,
            explicit: true,
            len: 3,
        },
        ("media", "docena", _) => Quantity {
            value: 6,
            explicit: true,
            len: 2,
        },
        ("a" | "an" | "una", "dozen" | "docena" | "dozn" | "doz", _) => Quantity {
            value: 12,
            explicit: true,
            len: 2,
        },
        ("half", "dozen", _) => Quantity {
            value: 6,
            explicit: true,
            len: 2,
        },
        ("a", "single", _) => Quantity {
            value: 1,
            explicit: true,
            len: 2,
        },
        ("a", "couple" | "pair", _) | ("un", "par", _) => Quantity {
            value: 2,
            explicit: true,
            len: 2,
        },
        ("couple", _, _) | ("par", _, _) => Quantity {
            value: 2,
            explicit: true,
            len: 1,
        },
        (w, _, _) => match number(w) {
            // `un`/`una` are Spanish articles as much as numbers: explicit all the same,
            // "añade una vela" asks for one.
            Some(value) => Quantity {
                value,
                explicit: !matches!(w, "un" | "una" | "uno"),
                len: 1,
            },
            None if is_one(w) => Quantity {
                value: 1,
                explicit: false,
                len: 1,
            },
            None => return None,
        },
    };
    // "twenty four", "treinta y dos": tens and units
    if q.len == 1 && q.value >= 20 && q.value % 10 == 0 {
        let unit = |w: &str| number(w).filter(|n| (1..=9).contains(n));
        if let Some(n) = unit(at(1)) {
            q.value += n;
            q.len = 2;
        } else if let Some(n) = (at(1) == "y").then(|| unit(at(2))).flatten() {
            q.value += n;
            q.len = 3;
        }
    }
    // "2 dozen", "tres docenas": that many dozens
    if q.len == 1
        && number(at(0)).is_some_and(|n| n > 0 && n < 12)
        && matches!(at(1), "dozen" | "dozens" | "docenas" | "docena")
    {
        q.value *= 12;
        q.len = 2;
    }
    // "docena y media", "a dozen and a half": half a dozen more
    let mut and_a_half = false;
    if q.value == 12 && matches!(at(q.len - 1), "dozen" | "docena") {
        if at(q.len) == "y" && at(q.len + 1) == "media" {
            (q.value, q.len, and_a_half) = (18, q.len + 2, true);
        } else if (at(q.len), at(q.len + 1), at(q.len + 2)) == ("and", "a", "half") {
            (q.value, q.len, and_a_half) = (18, q.len + 3, true);
        }
    }
    // "uno solo", "una sola": just the one
    if q.value == 1 && q.len == 1 && matches!(at(1), "solo" | "sola") {
        q.explicit = true;
        q.len = 2;
    }
    // "a dozen of", "un par de", "2 more", "dos más"
    if matches!(at(q.len), "more" | "mas") {
        q.len += 1;
    }
    if matches!(at(q.len), "of" | "de")
        && (and_a_half
            || matches!(
                at(0),
                "a" | "an" | "un" | "una" | "couple" | "par" | "media" | "half"
            ))
    {
        q.len += 1;
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Option<(u32, bool, usize)> {
        let words: Vec<&str> = s.split(' ').collect();
        quantity_at(&words, 0).map(|q| (q.value, q.explicit, q.len))
    }

    #[test]
    fn digits_and_words_in_both_languages() {
        assert_eq!(number("3"), Some(3));
        assert_eq!(number("twelve"), Some(12));
        assert_eq!(number("doce"), Some(12));
        assert_eq!(number("cuatro"), Some(4));
        assert_eq!(number("cero"), Some(0));
        assert_eq!(number("a"), None);
        assert_eq!(number("lantern"), None);
        assert_eq!(number("123456"), None, "not a quantity anyone means");
    }

    #[test]
    fn quantity_phrases() {
        assert_eq!(q("2 mugs"), Some((2, true, 1)));
        assert_eq!(q("a lantern"), Some((1, false, 1)));
        assert_eq!(q("una vela"), Some((1, false, 1)));
        assert_eq!(q("a couple of tea towels"), Some((2, true, 3)));
        assert_eq!(q("un par de velas"), Some((2, true, 3)));
        assert_eq!(q("una docena de tarjetas"), Some((12, true, 3)));
        assert_eq!(q("half a dozen eggs"), Some((6, true, 3)));
        assert_eq!(q("2 more mugs"), Some((2, true, 2)));
        assert_eq!(q("another lantern"), Some((1, false, 1)));
        assert_eq!(q("lantern"), None);
    }

    #[test]
    fn tens_dozens_and_singles() {
        assert_eq!(q("twenty four mugs"), Some((24, true, 2)));
        assert_eq!(q("treinta y dos velas"), Some((32, true, 3)));
        assert_eq!(q("veinticuatro tazas"), Some((24, true, 1)));
        assert_eq!(q("2 dozen bags"), Some((24, true, 2)));
        assert_eq!(q("tres docenas de velas"), Some((36, true, 2)));
        assert_eq!(q("half dozen eggs"), Some((6, true, 2)));
        assert_eq!(q("docena y media de conos"), Some((18, true, 4)));
        assert_eq!(q("una docena y media de velas"), Some((18, true, 5)));
        assert_eq!(q("a dozen and a half cones"), Some((18, true, 5)));
        assert_eq!(q("a single basket"), Some((1, true, 2)));
        assert_eq!(q("twenty mugs"), Some((20, true, 1)));
    }
}

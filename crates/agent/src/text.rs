//! Folding, tokens and typo distance: the ground every other module matches on.
//!
//! Shoppers type fast, on phones, without accents: every comparison here is on
//! lowercase, accent-free words, and tolerates one slip in a short word and two in a
//! long one.

/// A word of the utterance: its folded form and where it stands in the original text
/// (so the words the shopper typed can be handed back untouched).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// Lowercase and accent-free (`Corazón` → `corazon`, `ñ` → `n`).
pub(crate) fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        c => c,
    })
}

/// The words of `s`, folded. Apostrophes join (`I'd` → `id`, `50's` → `50s`);
/// anything else that is not a letter or digit separates (`T-LIGHT` → `t`, `light`).
pub(crate) fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current: Option<Token> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            let t = current.get_or_insert_with(|| Token {
                folded: String::new(),
                start: i,
                end: i,
            });
            t.folded.extend(fold_char(c));
            t.end = i + c.len_utf8();
        } else if matches!(c, '\'' | '’') && current.is_some() {
            // inside a word: dropped, the word goes on
        } else if let Some(t) = current.take() {
            out.push(t);
        }
    }
    out.extend(current);
    out
}

/// A count written onto its `x` set apart, as "3 x mugs" and "mugs x3" are read:
/// "2x mugs" is "2 x mugs", "mugs ×2" is "mugs x2".
pub(crate) fn counts_apart(s: &str) -> String {
    let s = s.replace('×', "x");
    let mut out = String::with_capacity(s.len() + 4);
    let mut last = 0;
    for t in tokens(&s) {
        let word = &s[t.start..t.end];
        let digits = word.trim_end_matches(['x', 'X']);
        if word.len() == digits.len() + 1
            && (1..=2).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            out.push_str(&s[last..t.start + digits.len()]);
            out.push(' ');
            last = t.start + digits.len();
        }
    }
    out.push_str(&s[last..]);
    out
}

/// `s` folded into single-spaced words: the key for table look-ups.
pub fn fold(s: &str) -> String {
    tokens(s)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Edit distance counting a swap of two neighbours as one slip (`remvoe` → `remove`).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

/// How many slips a word of `len` characters may carry: none under 4, one from 4,
/// two from 8.
pub(crate) fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Whether `typed` is `known` with at most the slips `budget_len` allows. The first
/// letter must agree: a wrong first letter is rare in typing and common between real
/// words (`cake`/`make`, `game`/`dame`).
pub(crate) fn within_typos(typed: &str, known: &str, budget_len: usize) -> bool {
    if typed == known {
        return true;
    }
    let budget = typo_budget(budget_len);
    budget > 0
        && typed.chars().next() == known.chars().next()
        && typed.chars().count().abs_diff(known.chars().count()) <= budget
        && edit_distance(typed, known) <= budget
}

/// The singulars a folded word may stand for, itself first: English `-s`, `-es`,
/// `-ies`, `-ves`; Spanish `-s`, `-es`, `-ces` (`luces` → `luz`). Over-generates on
/// purpose (`glasses` → `glasse`, `glass`): two words match when their sets meet.
pub(crate) fn singulars(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let long_enough = |stem: &str| stem.chars().count() >= 3;
    if let Some(stem) = word.strip_suffix("ies").filter(|s| long_enough(s)) {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("ves").filter(|s| long_enough(s)) {
        out.push(format!("{stem}f"));
        out.push(format!("{stem}fe"));
    }
    if let Some(stem) = word.strip_suffix("ces").filter(|s| s.len() >= 2) {
        out.push(format!("{stem}z"));
    }
    if let Some(stem) = word.strip_suffix("es").filter(|s| long_enough(s)) {
        out.push(stem.to_string());
    }
    if let Some(stem) = word
        .strip_suffix('s')
        .filter(|s| long_enough(s) && !s.ends_with('s'))
    {
        out.push(stem.to_string());
    }
    out
}

/// How well a word the shopper typed matches a word of a product name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum WordMatch {
    None,
    /// Within the typo budget of the shorter word.
    Typo,
    /// Equal, or equal once both are made singular.
    Same,
}

pub(crate) fn word_match(typed: &str, name_word: &str) -> WordMatch {
    if typed == name_word {
        return WordMatch::Same;
    }
    let a = singulars(typed);
    let b = singulars(name_word);
    if a.iter().any(|x| b.contains(x)) {
        return WordMatch::Same;
    }
    let typo = a.iter().any(|x| {
        b.iter()
            .any(|y| within_typos(x, y, x.chars().count().min(y.chars().count())))
    });
    if typo {
        WordMatch::Typo
    } else {
        WordMatch::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(
            fold("¿Vacía el CARRITO, por favor?"),
            "vacia el carrito por favor"
        );
        assert_eq!(fold("Cojín   de Año"), "cojin de ano");
        assert_eq!(
            fold("WHITE HANGING HEART T-LIGHT HOLDER"),
            "white hanging heart t light holder"
        );
        assert_eq!(fold("I'd like it"), "id like it");
        assert_eq!(fold("don’t"), "dont");
    }

    #[test]
    fn a_count_glued_to_its_x_is_set_apart() {
        assert_eq!(counts_apart("2x charlotte bags"), "2 x charlotte bags");
        assert_eq!(counts_apart("passport cover ×2"), "passport cover x2");
        assert_eq!(counts_apart("10x15 frame, 3 mugs"), "10x15 frame, 3 mugs");
    }

    #[test]
    fn tokens_keep_their_place_in_the_original() {
        let s = "añade dos Velas";
        let t = tokens(s);
        assert_eq!(t[0].folded, "anade");
        assert_eq!(&s[t[0].start..t[0].end], "añade");
        assert_eq!(&s[t[2].start..t[2].end], "Velas");
    }

    #[test]
    fn a_swap_is_one_slip() {
        assert_eq!(edit_distance("remvoe", "remove"), 1);
        assert_eq!(edit_distance("carito", "carrito"), 1);
        assert_eq!(edit_distance("lantern", "lantern"), 0);
        assert_eq!(edit_distance("alemnia", "alemania"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn typo_budget_grows_with_the_word() {
        assert!(within_typos("shipp", "ship", 5));
        assert!(!within_typos("mug", "mud", 3), "short words must be exact");
        assert!(within_typos("decoraton", "decoration", 10));
        assert!(within_typos("decortion", "decoration", 10));
        assert!(
            !within_typos("make", "cake", 4),
            "the first letter must agree"
        );
        assert!(!within_typos("lanterns", "lantern", 3));
    }

    #[test]
    fn plurals_fold_in_both_languages() {
        let same = |a: &str, b: &str| word_match(a, b) == WordMatch::Same;
        assert!(same("mugs", "mug"));
        assert!(same("boxes", "box"));
        assert!(same("glasses", "glass"));
        assert!(same("fairies", "fairy"));
        assert!(same("shelves", "shelf"));
        assert!(same("candles", "candle"));
        assert!(same("velas", "vela"));
        assert!(same("corazones", "corazon"));
        assert!(same("luces", "luz"));
        assert!(same("relojes", "reloj"));
        assert!(!same("glass", "gla"));
        assert_eq!(word_match("candels", "candles"), WordMatch::Typo);
        assert_eq!(word_match("lanten", "lantern"), WordMatch::Typo);
        assert_eq!(word_match("tin", "tan"), WordMatch::None);
    }
}

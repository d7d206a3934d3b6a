//! Which language the shopper writes in: Spanish signs (accents, ñ, ¿, Spanish words)
//! against English ones. A UK shop's default is English.

use crate::glossary::{is_catalog_word, is_spanish_noun};
use crate::numbers::number;
use crate::text::Token;
use crate::vocab::command;
use crate::Lang;

#[rustfmt::skip]
const SPANISH: &[&str] = &[
    "de", "del", "la", "las", "el", "los", "un", "una", "unos", "unas", "y", "con", "para", "por",
    "mi", "mis", "tu", "tus", "que", "quiero", "quisiera", "necesito", "gustaria", "puedes",
    "podrias", "puede", "podeis", "al", "lo", "en", "es", "sin", "muy", "hay", "tienes", "teneis",
    "tienen", "favor", "porfa", "hola", "gracias", "como", "cuanto", "cuesta", "cuantos", "esta",
    "este", "esto", "eso", "algo", "todo", "todos", "todas", "carrito", "carro", "cesta", "pedido",
    "ya", "sean", "sea", "solo", "otra", "otro", "ver", "haceis", "hacen", "hace", "se", "su",
    "oye", "vale", "gratis", "cantidad", "tambien", "pero", "ahora", "mas", "ninguno", "cosas",
    "buscando", "busco", "busca", "muestrame", "ensename",
];

#[rustfmt::skip]
const ENGLISH: &[&str] = &[
    "the", "an", "of", "to", "my", "and", "with", "for", "please", "can", "could", "would", "you",
    "i", "it", "in", "on", "is", "are", "do", "does", "have", "want", "like", "some", "this",
    "that", "them", "from", "all", "everything", "cart", "basket", "order", "id", "im", "dont",
    "much", "how", "what", "any", "get", "rid", "out", "off", "only", "more", "another", "anymore",
    "your", "just", "show", "find", "looking", "got", "need", "thanks", "items", "where", "which",
    "there",
];

/// Spanish characters weigh more than a word: "envío", "¿", "ñ" are hard to type by
/// accident.
fn accent_signs(text: &str) -> usize {
    text.chars()
        .filter(|c| {
            matches!(
                c,
                'á' | 'é'
                    | 'í'
                    | 'ó'
                    | 'ú'
                    | 'ñ'
                    | 'Á'
                    | 'É'
                    | 'Í'
                    | 'Ó'
                    | 'Ú'
                    | 'Ñ'
                    | '¿'
                    | '¡'
            )
        })
        .count()
}

/// Spanish when its signs outnumber English ones; ties (no sign either way, as in
/// "vintage") go to English.
pub(crate) fn detect(text: &str, tokens: &[Token]) -> Lang {
    let mut es = 2 * accent_signs(text);
    let mut en = 0;
    for t in tokens {
        let w = t.folded.as_str();
        // Grammar words and verbs count double: a shopper writing Spanish often
        // names the product in the catalog's English ("quita el home sweet home").
        if SPANISH.contains(&w) {
            es += 2;
        } else if ENGLISH.contains(&w) {
            en += 2;
        } else if let Some(c) = command(w) {
            match c.lang {
                Lang::Es => es += 2,
                Lang::En => en += 2,
            }
        } else if is_spanish_noun(w) {
            es += 1;
        } else if is_catalog_word(w) {
            en += 1;
        } else if number(w).is_some() && !w.bytes().all(|b| b.is_ascii_digit()) {
            // number words: "dos" or "two"
            if matches!(
                w,
                "uno"
                    | "dos"
                    | "tres"
                    | "cuatro"
                    | "cinco"
                    | "seis"
                    | "siete"
                    | "ocho"
                    | "nueve"
                    | "diez"
                    | "once"
                    | "doce"
                    | "cero"
                    | "docena"
            ) {
                es += 1;
            } else {
                en += 1;
            }
        }
    }
    if es > en {
        Lang::Es
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn lang(s: &str) -> Lang {
        detect(s, &tokens(s))
    }

    #[test]
    fn spanish_by_words_and_accents() {
        assert_eq!(lang("bolsa de navidad"), Lang::Es);
        assert_eq!(lang("¿tenéis cojines?"), Lang::Es);
        assert_eq!(lang("taza"), Lang::Es);
        assert_eq!(lang("envio a francia"), Lang::Es);
        assert_eq!(lang("quítalo"), Lang::Es);
        assert_eq!(lang("pon 4 tazas"), Lang::Es);
        assert_eq!(lang("que sean 3"), Lang::Es);
        // the product named in the catalog's English
        assert_eq!(lang("quita el home sweet home"), Lang::Es);
        assert_eq!(lang("cambia la lunch bag a 4"), Lang::Es);
        assert_eq!(lang("add the taza roja"), Lang::En);
    }

    #[test]
    fn english_by_words_and_by_default() {
        assert_eq!(lang("red heart candle"), Lang::En);
        assert_eq!(lang("ship to Spain"), Lang::En);
        assert_eq!(lang("make that twelve"), Lang::En);
        assert_eq!(lang("vintage"), Lang::En);
        assert_eq!(lang(""), Lang::En);
    }
}

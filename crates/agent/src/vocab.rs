//! The words around the products: command verbs, cart words, fillers and pronouns,
//! in both languages.

use crate::glossary::{english_for, is_catalog_word};
use crate::text::within_typos;
use crate::Lang;

/// What a command word asks for. Several verbs lead to one intent depending on what
/// follows ("pon 2 tazas en el carrito" adds, "pon 4 tazas" sets the quantity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verb {
    /// add, añade, agrega, mete
    Add,
    /// put, pon: adds when a cart word follows, else sets a quantity
    Put,
    /// remove, quita, elimina, borra
    Remove,
    /// take … out
    Take,
    /// change, set, update, cambia, deja
    Change,
    /// make it 3
    Make,
    /// empty, clear, vacía
    Clear,
    /// ship, deliver, envía, manda
    Ship,
    /// live in, vivo en
    Live,
}

struct Entry {
    word: &'static str,
    verb: Verb,
    lang: Lang,
    /// Typos allowed: off for short or everyday words that collide with products
    /// ("drop earrings", "set of 3", "make up bag", "mete"/"mate").
    fuzzy: bool,
}

const fn e(word: &'static str, verb: Verb, lang: Lang) -> Entry {
    Entry {
        word,
        verb,
        lang,
        fuzzy: true,
    }
}

const fn exact(word: &'static str, verb: Verb, lang: Lang) -> Entry {
    Entry {
        word,
        verb,
        lang,
        fuzzy: false,
    }
}

use Lang::{En, Es};
use Verb::*;

const VERBS: &[Entry] = &[
    exact("add", Add, En),
    exact("ad", Add, En),
    e("adds", Add, En),
    e("include", Add, En),
    exact("buy", Add, En),
    e("anade", Add, Es),
    e("anadir", Add, Es),
    e("anademe", Add, Es),
    e("agrega", Add, Es),
    e("apunta", Add, Es),
    e("apuntas", Add, Es),
    e("apuntame", Add, Es),
    e("agregar", Add, Es),
    e("agregame", Add, Es),
    e("incluye", Add, Es),
    e("incluir", Add, Es),
    exact("compra", Add, Es),
    exact("comprar", Add, Es),
    exact("mete", Add, Es),
    e("meter", Add, Es),
    exact("dame", Add, Es),
    exact("put", Put, En),
    exact("pop", Put, En),
    exact("throw", Put, En),
    exact("toss", Put, En),
    exact("chuck", Put, En),
    exact("grab", Put, En),
    exact("suma", Add, Es),
    exact("sumas", Add, Es),
    e("sumar", Add, Es),
    exact("sume", Add, Es),
    exact("gimme", Put, En),
    exact("tira", Remove, Es),
    exact("stick", Put, En),
    exact("bung", Put, En),
    e("echa", Put, Es),
    e("incorporar", Add, Es),
    e("incorpora", Add, Es),
    e("place", Put, En),
    exact("pon", Put, Es),
    // voseo: "poné", "ponela"
    exact("pone", Put, Es),
    // voseo: "subí", "subila"
    exact("subi", Change, Es),
    e("poner", Put, Es),
    e("coloca", Put, Es),
    e("remove", Remove, En),
    e("removing", Remove, En),
    exact("lose", Remove, En),
    e("delete", Remove, En),
    exact("drop", Remove, En),
    e("discard", Remove, En),
    e("cancel", Remove, En),
    e("erase", Remove, En),
    e("quita", Remove, Es),
    e("quitar", Remove, Es),
    e("elimina", Remove, Es),
    e("eliminar", Remove, Es),
    e("borra", Remove, Es),
    e("borrar", Remove, Es),
    e("saca", Remove, Es),
    e("sacar", Remove, Es),
    e("retira", Remove, Es),
    e("retirar", Remove, Es),
    e("descarta", Remove, Es),
    e("cancela", Remove, Es),
    e("anula", Remove, Es),
    e("anular", Remove, Es),
    // "deshazte de": get rid of
    e("deshazte", Remove, Es),
    exact("rmv", Remove, En),
    exact("fuera", Remove, Es),
    exact("scrap", Remove, En),
    exact("scratch", Remove, En),
    exact("nix", Remove, En),
    exact("strike", Remove, En),
    exact("pull", Remove, En),
    exact("kill", Remove, En),
    exact("nuke", Remove, En),
    exact("descarto", Remove, Es),
    exact("bin", Remove, En),
    exact("ditch", Remove, En),
    // "loose the mint one": lose, misspelt
    exact("loose", Remove, En),
    // "undo the last one": take back what was added
    exact("undo", Remove, En),
    exact("take", Take, En),
    exact("cut", Change, En),
    exact("taking", Take, En),
    exact("knock", Take, En),
    e("change", Change, En),
    exact("set", Change, En),
    e("update", Change, En),
    e("modify", Change, En),
    e("adjust", Change, En),
    e("increase", Change, En),
    e("decrease", Change, En),
    e("reduce", Change, En),
    e("rebaja", Change, Es),
    exact("lower", Change, En),
    e("cambia", Change, Es),
    e("cambiar", Change, Es),
    e("actualiza", Change, Es),
    e("actualizar", Change, Es),
    e("modifica", Change, Es),
    e("modificar", Change, Es),
    e("ajusta", Change, Es),
    exact("deja", Change, Es),
    e("dejar", Change, Es),
    e("aumenta", Change, Es),
    exact("sube", Change, Es),
    exact("bump", Change, En),
    exact("bring", Change, En),
    exact("baja", Change, Es),
    e("bajar", Change, Es),
    e("subir", Change, Es),
    e("aumentar", Change, Es),
    e("reducir", Change, Es),
    e("disminuye", Change, Es),
    // "resta una de las tazas": fewer
    e("resta", Remove, Es),
    e("restar", Remove, Es),
    exact("make", Make, En),
    // "hazlo cinco", "hacela 3": make it five
    exact("hazlo", Make, Es),
    exact("hazla", Make, Es),
    exact("hazlos", Make, Es),
    exact("hazlas", Make, Es),
    exact("hacelo", Make, Es),
    exact("hacela", Make, Es),
    e("empty", Clear, En),
    e("emptying", Clear, En),
    e("clearing", Clear, En),
    e("clear", Clear, En),
    e("reset", Clear, En),
    e("wipe", Clear, En),
    e("vacia", Clear, Es),
    e("vaciar", Clear, Es),
    // "le pido que vacíe la cesta": usted and subjunctive forms after "que"
    e("vacie", Clear, Es),
    e("elimine", Remove, Es),
    e("borre", Remove, Es),
    e("saque", Remove, Es),
    e("retire", Remove, Es),
    e("cambie", Change, Es),
    exact("deje", Change, Es),
    e("redujera", Change, Es),
    e("reduzca", Change, Es),
    e("aumente", Change, Es),
    e("ponga", Put, Es),
    e("anada", Add, Es),
    e("agregue", Add, Es),
    e("suba", Change, Es),
    e("subiera", Change, Es),
    exact("baje", Change, Es),
    e("bajara", Change, Es),
    e("limpia", Clear, Es),
    e("limpiar", Clear, Es),
    e("ship", Ship, En),
    e("ships", Ship, En),
    e("shipping", Ship, En),
    e("shipped", Ship, En),
    e("deliver", Ship, En),
    e("delivers", Ship, En),
    e("delivery", Ship, En),
    e("deliveries", Ship, En),
    e("send", Ship, En),
    e("post", Ship, En),
    e("postage", Ship, En),
    e("envia", Ship, Es),
    e("enviar", Ship, Es),
    e("envio", Ship, Es),
    e("envios", Ship, Es),
    e("enviais", Ship, Es),
    e("envian", Ship, Es),
    e("envias", Ship, Es),
    e("manda", Ship, Es),
    e("mandar", Ship, Es),
    e("mandais", Ship, Es),
    e("mandan", Ship, Es),
    e("manden", Ship, Es),
    e("envien", Ship, Es),
    e("despacha", Ship, Es),
    e("despachar", Ship, Es),
    e("despachen", Ship, Es),
    e("entrega", Ship, Es),
    e("entregar", Ship, Es),
    e("entregas", Ship, Es),
    e("entregais", Ship, Es),
    e("entregan", Ship, Es),
    // "el pedido va a Italia": only with a country after it
    exact("va", Ship, Es),
    e("live", Live, En),
    e("living", Live, En),
    e("based", Live, En),
    exact("im", Live, En),
    exact("am", Live, En),
    exact("were", Live, En),
    exact("estoy", Live, Es),
    exact("estamos", Live, Es),
    e("vivo", Live, Es),
    e("vivimos", Live, Es),
    e("resido", Live, Es),
    // "mi dirección está en Uruguay", "lo recibo en Lima"
    e("direccion", Live, Es),
    e("recibo", Live, Es),
    exact("mando", Ship, Es),
    e("recibimos", Live, Es),
    // "que llegue a España"
    e("llegue", Ship, Es),
    e("lleguen", Ship, Es),
];

/// Real words one slip away from a command word: never read as the command.
#[rustfmt::skip]
const NEAR_MISSES: &[&str] = &[
    "remote", "shop", "shops", "shopping", "shopped", "clean", "cleaner", "sand", "seed", "love",
    "line", "life", "lime", "port", "posh", "chance", "quito", "saco", "sala", "barra", "borla",
    "mate", "meta", "cambio", "vacio", "limpio", "manta", "mando", "poder", "places", "sender",
    "kit", "kits", "kite", "scale", "scales",
];

/// A command word as typed, possibly with a Spanish pronoun on its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Command {
    pub verb: Verb,
    pub lang: Lang,
    /// "quítalo", "ponlo", "cámbiala": the object is the line talked about.
    pub pronoun: bool,
    /// "ponme", "quítame": to me (ponme = give me, an add).
    pub to_me: bool,
}

fn lookup(word: &str, only: Option<Lang>) -> Option<&'static Entry> {
    let entries = || {
        VERBS
            .iter()
            .filter(move |en| only.is_none_or(|l| en.lang == l))
    };
    if let Some(en) = entries().find(|en| en.word == word) {
        return Some(en);
    }
    let may_be_a_slip = word.len() >= 3
        && !NEAR_MISSES.contains(&word)
        && !is_catalog_word(word)
        && english_for(word).is_none();
    if !may_be_a_slip {
        return None;
    }
    entries().find(|en| en.fuzzy && within_typos(word, en.word, word.len().max(en.word.len())))
}

/// The command a folded word is, if any: exact, with a slip ("remvoe", "shipp",
/// "vacai"), or a Spanish verb with pronouns attached ("quítalo", "mándamelo").
pub(crate) fn command(word: &str) -> Option<Command> {
    // a verb as listed, then one with pronouns on it ("eliminalo"), before a slip
    // of a listed verb ("eliminalo" is one from "eliminar" too)
    if let Some(en) = VERBS.iter().find(|en| en.word == word) {
        return Some(Command {
            verb: en.verb,
            lang: en.lang,
            pronoun: false,
            to_me: false,
        });
    }
    if let Some(c) = with_pronouns(word) {
        return Some(c);
    }
    // the conditional of a listed Spanish infinitive: "¿me agregarían …?", "quitaría"
    let conditional = ["iamos", "iais", "ian", "ias", "ia"]
        .iter()
        .find_map(|end| word.strip_suffix(end))
        .filter(|stem| stem.ends_with('r'))
        .and_then(|stem| {
            VERBS
                .iter()
                .find(|en| en.word == stem && en.lang == Lang::Es)
        });
    if let Some(en) = conditional {
        return Some(Command {
            verb: en.verb,
            lang: en.lang,
            pronoun: false,
            to_me: false,
        });
    }
    command_or_slip(word)
}

fn command_or_slip(word: &str) -> Option<Command> {
    // texting spells "qu" as "k": "kita", "kitalo"
    if let Some(rest) = word
        .strip_prefix('k')
        .filter(|r| r.starts_with(['i', 'e']) && r.len() >= 3 && !NEAR_MISSES.contains(&word))
    {
        if let Some(c) = command(&format!("qu{rest}")).filter(|c| c.lang == Lang::Es) {
            return Some(c);
        }
    }
    if let Some(en) = lookup(word, None) {
        return Some(Command {
            verb: en.verb,
            lang: en.lang,
            pronoun: false,
            to_me: false,
        });
    }
    with_pronouns(word)
}

/// A Spanish verb with pronouns attached ("quítalo", "mándamelo", "ponme").
fn with_pronouns(word: &str) -> Option<Command> {
    const ENCLITICS: &[(&str, bool)] = &[
        ("melos", true),
        ("melas", true),
        ("melo", true),
        ("mela", true),
        ("selo", true),
        ("sela", true),
        ("los", true),
        ("las", true),
        ("lo", true),
        ("la", true),
        ("les", true),
        ("le", true),
        ("me", false),
    ];
    // ("scales" is not "sácales")
    if NEAR_MISSES.contains(&word) {
        return None;
    }
    ENCLITICS.iter().find_map(|(suffix, pronoun)| {
        let stem = word.strip_suffix(suffix).filter(|s| s.len() >= 3)?;
        let en = lookup(stem, Some(Lang::Es))?;
        Some(Command {
            verb: en.verb,
            lang: Lang::Es,
            pronoun: *pronoun,
            to_me: suffix.starts_with("me"),
        })
    })
}

/// Words that name the cart itself. "bag"/"bolsa" only count after "my"/"mi" (see
/// [`is_cart_word_at`]): on their own they are products.
const CART_WORDS: &[&str] = &[
    "cart",
    "basket",
    "trolley",
    "order",
    "carrito",
    "carro",
    "cesta",
    "cesto",
    "pedido",
    "canasta",
    "canasto",
    "changuito",
];

pub(crate) fn is_cart_word(word: &str) -> bool {
    CART_WORDS.iter().any(|c| {
        *c == word
            || (!is_catalog_word(word)
                && english_for(word).is_none()
                && within_typos(word, c, word.len().max(c.len())))
    })
}

/// Whether `words[i]` names the cart, given the word before it.
pub(crate) fn is_cart_word_at(words: &[&str], i: usize) -> bool {
    let before = if i > 0 { words[i - 1] } else { "" };
    let after = |k: usize| words.get(i + k).copied().unwrap_or("");
    // "my bag", "the shopping bag", "la bolsa de (la) compra(s)"
    // "sácalos de la bolsa", "out of the bag"
    let two_before = if i > 1 { words[i - 2] } else { "" };
    // ("lo que hay en la bolsa", "what's in the bag")
    let from_it =
        matches!(before, "la" | "the") && matches!(two_before, "de" | "of" | "from" | "en" | "in");
    let shopping = before == "shopping"
        || from_it
        || (after(1) == "de" && matches!(after(2), "compras" | "compra"))
        || (after(1) == "de" && after(2) == "la" && after(3) == "compra");
    is_cart_word(words[i])
        || (matches!(words[i], "bag" | "bolsa") && (matches!(before, "my" | "mi") || shopping))
}

/// "everything", "all", "todo": the whole cart.
pub(crate) fn is_everything(word: &str) -> bool {
    matches!(
        word,
        "everything"
            | "all"
            | "lot"
            | "todo"
            | "toda"
            | "todos"
            | "todas"
            | "everythin"
            | "evrything"
    )
}

/// Words that refer back to the line talked about.
pub(crate) fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "it" | "them"
            | "that"
            | "this"
            | "those"
            | "these"
            | "one"
            | "ones"
            | "thats"
            | "lo"
            | "la"
            | "los"
            | "las"
            | "eso"
            | "esto"
            | "ese"
            | "esa"
            | "este"
            | "esta"
            | "esos"
            | "esas"
            | "ello"
    )
}

/// Words that carry no product meaning in a target ("the", "quantity of", "de las").
pub(crate) fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "my"
            | "your"
            | "of"
            | "from"
            | "in"
            | "into"
            | "to"
            | "out"
            | "off"
            | "away"
            | "all"
            | "el"
            | "un"
            | "una"
            | "unos"
            | "unas"
            | "mi"
            | "mis"
            | "tu"
            | "tus"
            | "de"
            | "d"
            | "igual"
            | "ahi"
            | "alli"
            | "even"
            | "mismo"
            | "del"
            | "al"
            | "en"
            | "quantity"
            | "qty"
            | "amount"
            | "number"
            | "cantidad"
            | "numero"
            | "please"
            | "pls"
            | "anymore"
            | "any"
            | "more"
            | "ya"
            | "mas"
            | "too"
            | "also"
            | "tambien"
            | "item"
            | "items"
            | "line"
            | "product"
            | "producto"
            | "articulo"
            | "now"
            | "ahora"
            | "por"
            | "favor"
            | "thanks"
            | "gracias"
            | "just"
            | "for"
            | "me"
            | "then"
            | "luego"
            | "again"
            | "unidad"
            | "unidades"
            | "units"
            | "pieces"
            // "reloj rosa tipo diner": the kind, said before its name
            | "tipo"
    ) || is_pronoun(word)
}

/// Prepositions that lead to a cart word ("to my cart", "al carrito", "en la cesta").
pub(crate) fn is_cart_preposition(word: &str) -> bool {
    matches!(
        word,
        "to" | "in"
            | "into"
            | "from"
            | "of"
            | "off"
            | "out"
            | "on"
            | "al"
            | "a"
            | "en"
            | "del"
            | "de"
            | "d"
            | "dentro"
    )
}

pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "my" | "the" | "your" | "our" | "mi" | "el" | "la" | "tu" | "nuestro" | "nuestra"
    )
}

/// Colours, sizes and materials: they tell two lines apart, but never name one on
/// their own when the shopper also named a product ("the red lantern" is not the
/// red mug).
/// Colour words: a line named in another colour is another product ("the mint bread
/// bin" is not the red one in the cart).
pub(crate) fn is_colour(word: &str) -> bool {
    matches!(
        word,
        "red"
            | "white"
            | "pink"
            | "blue"
            | "green"
            | "black"
            | "yellow"
            | "purple"
            | "ivory"
            | "cream"
            | "gold"
            | "silver"
            | "grey"
            | "gray"
            | "orange"
            | "brown"
            | "lilac"
            | "mint"
            | "turquoise"
            | "navy"
            | "beige"
    )
}

pub(crate) fn is_modifier(word: &str) -> bool {
    is_colour(word)
        || matches!(
            word,
            "small"
                | "large"
                | "big"
                | "little"
                | "mini"
                | "medium"
                | "jumbo"
                | "giant"
                | "vintage"
                | "retro"
                | "wooden"
                | "wood"
                | "metal"
                | "ceramic"
                | "set"
                | "pack"
                | "design"
                | "assorted"
                | "round"
                | "square"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(w: &str) -> Option<Verb> {
        command(w).map(|c| c.verb)
    }

    #[test]
    fn commands_with_slips() {
        assert_eq!(verb("remvoe"), Some(Remove));
        assert_eq!(verb("delte"), Some(Remove));
        assert_eq!(verb("shipp"), Some(Ship));
        assert_eq!(verb("emtpy"), Some(Clear));
        assert_eq!(verb("chnage"), Some(Change));
        assert_eq!(verb("vacai"), Some(Clear));
        assert_eq!(verb("elimna"), Some(Remove));
        assert_eq!(verb("anadr"), Some(Add));
        assert_eq!(verb("agrgea"), Some(Add));
        assert_eq!(verb("addd"), Some(Add));
        assert_eq!(verb("ad"), Some(Add));
    }

    #[test]
    fn ordinary_words_stay_ordinary() {
        for w in [
            "address", "adding", "remote", "shopping", "drops", "cake", "game", "mate", "plate",
            "love", "sets",
        ] {
            assert_eq!(verb(w), None, "{w}");
        }
    }

    #[test]
    fn spanish_pronouns_on_the_verb() {
        assert_eq!(
            command("quitalo"),
            Some(Command {
                verb: Remove,
                lang: Es,
                pronoun: true,
                to_me: false
            })
        );
        assert_eq!(
            command("ponlo").map(|c| (c.verb, c.pronoun)),
            Some((Put, true))
        );
        assert_eq!(
            command("ponme").map(|c| (c.verb, c.to_me)),
            Some((Put, true))
        );
        assert_eq!(
            command("mandamelo").map(|c| (c.verb, c.pronoun)),
            Some((Ship, true))
        );
        assert_eq!(command("cambialo").map(|c| c.verb), Some(Change));
        assert_eq!(command("vela"), None);
        assert_eq!(command("perla"), None);
    }

    #[test]
    fn cart_words() {
        assert!(is_cart_word("carrito"));
        assert!(is_cart_word("carito"));
        assert!(is_cart_word("baskte"));
        assert!(!is_cart_word("card"));
        assert!(is_cart_word_at(&["my", "bag"], 1));
        assert!(!is_cart_word_at(&["paper", "bag"], 1));
    }
}

//! What an utterance asks for: a search (the default), or an action on the cart.
//!
//! The shape of the sentence decides, not single words: "empty" clears only with a
//! cart word ("empty my cart", not "empty jar"), "ship" sets a destination only with
//! a country ("ship to Spain", not "shipping boxes"), "pon" adds with a cart word
//! ("pon 2 tazas en el carrito") and sets a quantity without one ("pon 4 tazas").

use crate::countries::{city_country, country_code, country_in_utterance};
use crate::numbers::{number, quantity_at, Quantity};
use crate::text::{within_typos, Token};
use crate::vocab::{
    command, is_cart_preposition, is_cart_word, is_cart_word_at, is_determiner, is_everything,
    is_filler, is_pronoun, Command, Verb,
};
use crate::Intent;

/// Politeness before the request: "please", "can you", "por favor", "¿puedes …?".
#[rustfmt::skip]
const LEADING: &[&[&str]] = &[
    &["would", "you", "be", "so", "kind", "as", "to"], &["could", "you", "be", "so", "kind", "as", "to"],
    &["be", "so", "kind", "as", "to"], &["would", "you", "be", "so", "good", "as", "to"],
    &["could", "you", "be", "so", "good", "as", "to"], &["be", "so", "good", "as", "to"],
    &["ay", "no"], &["ay"], &["would", "you", "mind", "terribly"], &["would", "you", "mind"],
    &["i", "was", "wondering", "if"],
    &["would", "it", "be", "possible", "to"], &["is", "it", "possible", "to"],
    &["hazme", "el", "favor", "de"], &["haz", "el", "favor", "de"], &["hagame", "el", "favor", "de"],
    &["buenos", "dias"], &["buenas", "tardes"], &["buenas", "noches"], &["buenas"],
    &["would", "it", "be", "ok", "to"], &["seria", "posible"], &["es", "posible"],
    &["queria", "saber", "si"], &["quisiera", "saber", "si"], &["me", "podeis"], &["me", "pueden"],
    &["please"], &["pls"], &["plz"], &["kindly"], &["can", "you"], &["could", "you"],
    &["would", "you"], &["will", "you"], &["can", "u"], &["could", "u"], &["can", "i"],
    &["could", "i"], &["may", "i"], &["do", "you"], &["do", "u"], &["lets", "have"], &["lets"], &["let", "me"],
    &["also"], &["and"], &["then"], &["now"], &["ok"], &["okay"], &["hey", "there"], &["hi", "there"],
    &["hello", "there"], &["hey"], &["hi"], &["hello"], &["so"], &["oh"], &["actually"], &["actualy"],
    &["por", "favor"], &["porfa"], &["porfavor"], &["me", "puedes"], &["me", "podrias"],
    &["puedes"], &["podrias"], &["puede"], &["podria"], &["podeis"], &["pueden"], &["hola"],
    &["oye"], &["vale"], &["bueno"], &["pues"], &["mejor"], &["y"], &["tambien"], &["ahora"],
    &["luego"], &["entonces"], &["se", "puede"], &["le", "pido", "que"], &["te", "pido", "que"],
    &["les", "pido", "que"], &["possibly"], &["xfa"], &["porfi"], &["plis"],
    &["good", "morning"], &["good", "afternoon"], &["good", "evening"], &["morning"], &["evening"],
    &["podes"], &["me", "podes"], &["usted"], &["nah"], &["right"], &["cheers"], &["mira"], &["al", "final"],
    &["asi", "que"], &["go", "ahead", "and"], &["nvm"], &["i", "changed", "my", "mind", "about"],
    &["ive", "changed", "my", "mind", "about"], &["changed", "my", "mind", "about"], &["tio"], &["le", "ruego", "que"],
    &["le", "agradeceria", "que"], &["le", "solicito", "que"], &["lets", "do"], &["queria", "pedirle", "que"], &["quisiera", "pedirle", "que"],
    &["queria", "pedirte", "que"], &["quisiera", "pedirte", "que"], &["me", "subiera"],
    &["me", "puede"], &["le", "puede"], &["le", "puedes"], &["le", "podes"], &["le", "podrias"],
    &["me", "podria"], &["le", "podria"], &["me", "ayuda", "a"], &["me", "ayudas", "a"],
    &["me", "ayudaria", "a"], &["me", "ayudarias", "a"],
    &["sorry"], &["so", "sorry"], &["im", "sorry"], &["im", "so", "sorry"], &["apologies"],
    // what a shopper calls the shop assistant, or "go on", in a few countries
    &["dale"], &["che"], &["asere"], &["pana"], &["mijo"], &["mija"], &["wey"], &["guey"], &["bro"],
    &["lo", "siento"], &["perdon"], &["perdona"], &["perdone"], &["disculpa"], &["disculpe"],
    &["hope", "youre", "well"], &["hope", "you", "are", "well"], &["hope", "all", "is", "well"],
    &["espero", "que", "estes", "bien"], &["espero", "que", "este", "bien"],
    &["i", "think"], &["i", "guess"], &["i", "reckon"], &["reckon"], &["no", "wait"], &["i", "wanna"], &["wanna"],
    &["me", "interesa"], &["me", "interesaria"],
    &["me", "lo", "he", "pensado", "mejor"], &["lo", "he", "pensado", "mejor"],
    &["me", "lo", "pense", "mejor"], &["lo", "pense", "mejor"], &["pensandolo", "bien"],
];

/// Politeness after it: "… please", "… por favor", "… thanks".
#[rustfmt::skip]
const TRAILING: &[&[&str]] = &[
    &["please"], &["pls"], &["plz"], &["thanks"], &["thank", "you"], &["thx"], &["por", "favor"],
    &["porfa"], &["porfis"], &["po"], &["eh"], &["tbh"], &["tho"], &["though"], &["al", "tiro"],
    &["ahorita"], &["mijo"], &["mija"],
    &["che"], &["dale"], &["gracias"], &["now"], &["ahora"], &["too"], &["tambien"], &["for", "me"],
    &["para", "mi"], &["as", "well"], &["anymore"], &["any", "more"], &["instead"],
    &["en", "su", "lugar"], &["mejor"], &["actually"], &["in", "the", "end"], &["al", "final"],
    &["xfa"], &["porfi"], &["plis"], &["lol"], &["cheers"], &["ta"], &["mate"], &["x"], &["xx"],
    &["tio"], &["si", "es", "tan", "amable"], &["in", "total"], &["en", "total"], &["overall"],
    &["altogether"], &["in", "all"], &["total"], &["only"], &["nada", "mas"],
    &["muchas", "gracias"], &["thanks", "a", "lot"], &["many", "thanks"],
    &["solamente"], &["nomas"], &["x", "fa"], &["after", "all"], &["despues", "de", "todo"],
    &["all", "up"], &["all", "told"], &["while", "im", "here"], &["while", "i", "am", "here"],
    &["while", "im", "at", "it"], &["is", "what", "im", "after"], &["is", "what", "i", "need"], &["es", "lo", "que", "necesito"],
    &["would", "you"], &["will", "you"], &["could", "you"], &["if", "you", "would"], &["if", "you", "please"],
    &["if", "you", "would", "be", "so", "kind"], &["if", "you", "could"],
];

/// "I want", "quiero": an add when a number follows ("quiero dos velas"), a search
/// otherwise ("quiero ver relojes"), a wrapper before a command ("I'd like to add").
#[rustfmt::skip]
const WANT: &[&[&str]] = &[
    &["i", "want"], &["i", "would", "like"], &["id", "like"], &["i", "need"], &["ill", "take"],
    &["i", "will", "take"], &["id", "rather", "have"], &["i", "would", "rather", "have"],
    &["quiero"], &["quisiera"], &["queria"], &["querria"], &["necesito"],
    &["me", "gustaria", "llevar"], &["me", "gustaria", "llevarme"], &["quiero", "llevarme"],
    &["me", "gustaria"], &["i", "actually", "need"], &["i", "actually", "want"], &["need"], &["me", "llevo"], &["want"], &["id", "love", "to"],
    &["i", "would", "love", "to"], &["i", "should", "like", "to"], &["i", "should", "like"],
    &["desearia"], &["deseo"], &["me", "regala"], &["me", "regalas"], &["regalame"],
];

/// "should be", "que se quede en": the quantity a line ought to have, said next.
#[rustfmt::skip]
const SHOULD_BE: &[&[&str]] = &[
    &["should", "be"], &["needs", "to", "be"], &["need", "to", "be"], &["has", "to", "be"],
    &["have", "to", "be"], &["must", "be"], &["deberia", "ser"], &["deberian", "ser"],
    &["tiene", "que", "ser"], &["tienen", "que", "ser"], &["que", "se", "quede", "en"],
    &["que", "se", "queden", "en"],
];

/// "I'd also like", "quiero también": wanting one more thing, an add even with
/// an article ("quiero también un estuche").
#[rustfmt::skip]
const ALSO_WANT: &[&[&str]] = &[
    &["id", "also", "like"], &["i", "would", "also", "like"], &["i", "also", "want"],
    &["i", "also", "need"], &["quiero", "tambien"], &["tambien", "quiero"],
    &["necesito", "tambien"], &["tambien", "necesito"], &["ill", "also", "take"],
    &["i", "will", "also", "take"], &["ill", "also", "have"], &["me", "llevo", "tambien"],
    &["id", "also", "love"], &["i", "would", "also", "love"], &["ill", "also", "grab"],
    &["i", "will", "also", "grab"],
];

/// "get", "I'll have": asking for a product, where an article is a quantity of one
/// ("can I get a jumbo bag too").
#[rustfmt::skip]
const GET: &[&[&str]] = &[&["get"], &["ill", "have"], &["i", "will", "have"], &["have"]];

/// A fresh start: "start again", "empieza de cero". Alone, they empty the cart.
#[rustfmt::skip]
const START_OVER: &[&[&str]] = &[
    &["start", "again"], &["start", "over"], &["start", "from", "scratch"],
    &["start", "afresh"], &["begin", "again"], &["start", "fresh"], &["empieza", "de", "nuevo"], &["empezar", "de", "nuevo"],
    &["empieza", "de", "cero"], &["empezar", "de", "cero"], &["volver", "a", "empezar"],
    &["vuelvo", "a", "empezar"], &["empiezo", "de", "nuevo"], &["empiezo", "de", "cero"],
];

/// "I need", "quiero": what the shopper wants, before the product ("i need the mugs x3").
#[rustfmt::skip]
const NEED: &[&[&str]] = &[
    &["i", "need"], &["i", "want"], &["i", "would", "like"], &["i'd", "like"], &["id", "like"],
    &["quiero"], &["necesito"], &["me", "gustaria"], &["gonna", "need"], &["going", "to", "need"],
    &["ill", "need"], &["i", "will", "need"], &["ill", "actually", "need"],
];

/// "I only want", "solo quiero": a new quantity ("I only want 1 lantern").
#[rustfmt::skip]
const ONLY_WANT: &[&[&str]] = &[
    &["i", "only", "want"], &["i", "just", "want"], &["i", "only", "need"], &["only", "need"], &["just", "need"], &["solo", "quiero"],
    &["solamente", "quiero"], &["solo", "necesito"], &["only"], &["just"], &["solo"],
    &["solamente"], &["keep", "only"], &["keep", "just"],
];

/// "I don't want", "ya no quiero": a removal.
#[rustfmt::skip]
pub(crate) const DONT_WANT: &[&[&str]] = &[
    &["i", "dont", "want"], &["i", "do", "not", "want"], &["dont", "want"], &["i", "dont", "need"],
    &["dont", "need"], &["no", "more"], &["nada", "de"], &["ill", "skip"], &["i", "think", "ill", "skip"],
    &["skip"], &["ill", "pass", "on"], &["pass", "on"], &["well", "skip"], &["we", "will", "skip"],
    &["i", "no", "longer", "want"], &["ya", "no", "quiero"], &["no", "quiero"],
    &["ya", "no", "necesito"], &["no", "necesito"], &["me", "sobra"], &["me", "sobran"],
    &["sobra"], &["sobran"], &["ya", "no", "me", "interesa"], &["no", "me", "interesa"],
    &["no", "lo", "quiero"], &["no", "la", "quiero"], &["no", "los", "quiero"],
    &["no", "las", "quiero"], &["olvidate", "de"], &["olvida"], &["forget", "about"], &["forget"],
    &["id", "rather", "not", "have"], &["i", "would", "rather", "not", "have"],
    &["chao"], &["chau"], &["adios"], &["bye", "bye"], &["bye"], &["i", "wont", "need"], &["wont", "need"], &["i", "will", "not", "need"], &["i", "wont", "be", "needing"],
    &["ya", "no", "hace", "falta"], &["ya", "no", "hacen", "falta"], &["no", "hace", "falta"],
    &["no", "hacen", "falta"],
];

/// "the brown bag can go", "el tarro fuera", "la báscula ya no la quiero": a line
/// named first, its removal said after it.
#[rustfmt::skip]
const REMOVAL_AFTER: &[&[&str]] = &[
    &["can", "go", "in", "the", "bin"], &["can", "go"], &["has", "to", "go"], &["must", "go"], &["needs", "to", "go"], &["fuera"],
    &["remove"], &["delete"], &["out"], &["ya", "no", "la", "quiero"], &["ya", "no", "lo", "quiero"],
    &["ya", "no", "las", "quiero"], &["ya", "no", "los", "quiero"], &["no", "la", "quiero"],
    &["no", "lo", "quiero"], &["no", "las", "quiero"], &["no", "los", "quiero"], &["sobra"],
    &["sobran"], &["no", "me", "hace", "falta"], &["no", "me", "hacen", "falta"], &["no", "hace", "falta"],
    &["no", "hacen", "falta"], &["ya", "no", "lo", "necesito"], &["ya", "no", "la", "necesito"],
    &["ya", "no", "los", "necesito"], &["ya", "no", "las", "necesito"], &["lo", "descarto"],
    &["la", "descarto"], &["los", "descarto"], &["las", "descarto"], &["ya", "no"], &["no"],
    &["gone"], &["not", "needed"], &["not", "needed", "anymore"], &["isnt", "needed"],
    &["arent", "needed"], &["is", "going"], &["are", "going"], &["can", "come", "off"], &["can", "come", "out"], &["no", "thanks"],
    &["bin", "it"], &["bin", "them"], &["outta", "here"], &["out", "of", "here"],
    &["get", "rid"], &["borralo"], &["borrala"], &["borralos"], &["borralas"], &["sacalo"],
    &["sacala"], &["sacalos"], &["sacalas"], &["quitalo"], &["quitala"], &["quitalos"],
    &["quitalas"],
];

/// "one tea caddy is enough", "con una me basta": that many is the new quantity.
#[rustfmt::skip]
const ENOUGH: &[&[&str]] = &[
    &["is", "enough"], &["are", "enough"], &["will", "do"], &["is", "plenty"], &["es", "suficiente"],
    &["son", "suficientes"], &["me", "basta"], &["me", "bastan"], &["basta"], &["bastan"],
    &["me", "vale"], &["me", "valen"],
];

/// "double the rulers", "duplica las macetas": twice the quantity.
const DOUBLE: &[&str] = &[
    "double",
    "duplica",
    "duplicar",
    "dobla",
    "doblar",
    "duplicame",
    "duplicalo",
    "duplicala",
    "duplicalos",
    "duplicalas",
    "doblame",
    "doblalo",
    "doblala",
    "doblalos",
    "doblalas",
];
/// "triple the paisley set", "triplica las velas": three times the quantity.
const TRIPLE: &[&str] = &[
    "triple",
    "triplica",
    "triplicar",
    "triplicalo",
    "triplicala",
    "triplicalos",
    "triplicalas",
    "triplicame",
];

/// "show me", "busco", "¿tenéis …?": left out of the search terms.
#[rustfmt::skip]
const SEARCH_VERBS: &[&[&str]] = &[
    &["show", "me"], &["find", "me"], &["find"], &["search", "for"], &["search"], &["look", "for"],
    &["im", "looking", "for"], &["i", "am", "looking", "for"], &["looking", "for"],
    &["have", "you", "got"], &["have"], &["got", "any"], &["any"], &["i", "want", "to", "see"],
    &["see"], &["busca"], &["buscar"], &["buscame"], &["busco"], &["estoy", "buscando"],
    &["muestrame"], &["ensename"], &["tienes"], &["teneis"], &["tienen"], &["hay"], &["ver"],
];

/// "What goes with my cart?", "¿qué combina con mi carrito?": a request for the
/// recommender rather than the search index.
#[rustfmt::skip]
const COMPLEMENT: &[&[&str]] = &[
    &["what", "goes", "with"], &["goes", "with", "my"], &["go", "with", "my"],
    &["goes", "well", "with"], &["go", "well", "with"], &["what", "else", "should"],
    &["what", "else", "do", "i", "need"], &["what", "else", "would"], &["what", "else", "goes"],
    &["recommend", "something"], &["recommend", "me"], &["suggest", "something"],
    &["any", "suggestions"], &["anything", "to", "go", "with"], &["something", "to", "go", "with"],
    &["complete", "my", "cart"], &["complete", "the", "look"], &["what", "matches", "my"],
    &["bought", "together"], &["que", "combina"], &["que", "combinan"], &["combina", "con", "mi"],
    &["combinan", "con", "mi"], &["que", "mas", "necesito"], &["que", "mas", "me", "recomiendas"],
    &["que", "me", "recomiendas"], &["recomiendame", "algo"], &["recomiendame"], &["sugiereme"],
    &["alguna", "sugerencia"], &["algo", "que", "combine"], &["que", "va", "bien", "con"],
    &["completa", "mi"], &["completar", "mi"],
];

/// Words after "ship"/"envía" that stand before the destination: "send it to", "mándalo a".
#[rustfmt::skip]
const SHIP_FILLERS: &[&str] = &[
    "it", "them", "my", "order", "the", "el", "mi", "pedido", "lo", "this", "everything", "todo",
    "me", "nos", "stuff", "cart", "carrito", "items", "costs", "cost", "gratis", "country", "pais",
    "destination", "destino", "is", "es", "sera", "will", "be",
];

/// Phrases a destination follows directly: "it's going to Australia", "I'm moving
/// to Canada", "my address is in Belgium", "mi casa está en Chile".
#[rustfmt::skip]
const SHIP_LEADS: &[&[&str]] = &[
    &["going", "to"], &["goes", "to"], &["heading", "to"], &["headed", "to"], &["moving", "to"],
    &["address", "is", "in"], &["home", "is", "in"], &["house", "is", "in"],
    &["casa", "esta", "en"], &["domicilio", "esta", "en"], &["me", "mudo", "a"], &["soy", "de"],
    &["im", "from"], &["i", "am", "from"], &["we", "are", "in"], &["estoy", "en"],
    &["nos", "mudamos", "a"], &["va", "para"], &["van", "para"], &["lo", "necesito", "en"],
    &["la", "necesito", "en"], &["los", "necesito", "en"], &["las", "necesito", "en"],
    &["i", "need", "it", "in"], &["i", "need", "them", "in"], &["recibir", "en"],
    &["recibirlo", "en"], &["recibirla", "en"], &["recibirlos", "en"], &["recibirlas", "en"],
    &["es", "para"], &["son", "para"], &["im", "in"], &["i", "am", "in"],
];

/// Words that may stand around "everything" or a cart word in "empty my whole cart".
#[rustfmt::skip]
const WHOLE_CART_WORDS: &[&str] = &[
    "whole", "entire", "full", "completo", "completa", "entero", "entera", "clean", "completita",
    "enterita", "here", "aqui", "its", "entirety", "every", "item", "single", "things", "stuff", "cosas", "productos",
    "articulos", "que", "hay", "tengo", "there", "is", "thats", "ive", "got", "in", "shopping", "compras", "compra",
    "completely", "entirely", "completamente", "totalmente", "absolutely", "literally",
    "absolutamente", "literalmente",
];

/// Words that make a request about the cart rather than a product name.
#[rustfmt::skip]
const ARTICLES: &[&str] = &["a", "an", "un", "una", "unos", "unas", "del", "al", "mis", "tus"];

/// Texting shorthand read as the words it stands for: "q sean 2", "tb quiero", "bin em".
fn texting(word: &str) -> &str {
    match word {
        "q" | "k" => "que",
        "tb" | "tmb" | "tbn" => "tambien",
        "em" => "them",
        "u" => "you",
        "ur" => "your",
        "xq" | "pq" => "porque",
        "tho" => "though",
        w => w,
    }
}

/// Words that count a line without naming it: "2 sets", "cuatro unidades", "2 rolls".
fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "unit"
            | "units"
            | "unidad"
            | "unidades"
            | "set"
            | "sets"
            | "pack"
            | "packs"
            | "paquete"
            | "paquetes"
            | "kit"
            | "kits"
            | "box"
            | "boxes"
            | "caja"
            | "cajas"
            | "roll"
            | "rolls"
            | "pair"
            | "pairs"
            | "pares"
            | "rollo"
            | "rollos"
            | "bote"
            | "botes"
            | "tub"
            | "tubs"
            | "piece"
            | "pieces"
            | "pcs"
            | "sheet"
            | "sheets"
            | "of"
            | "them"
            | "total"
            | "sola"
            | "solo"
            | "only"
    )
}

/// Verbs of putting something in the cart, past tense: "the last thing I added",
/// "lo último que agregué".
const PUT_IN: &[&str] = &[
    "added", "put", "touched", "picked", "chose", "got", "agregue", "anadi", "meti", "puse",
    "toque", "elegi", "pedi", "sume",
];

/// "the last thing I added", "the one I just added", "whatever I touched last", "lo
/// último que agregué", "eso que acabo de añadir", "el de antes": the line talked
/// about, said at length. Read as "it" followed by fillers, so every rule that takes
/// a pronoun takes these too.
fn pointing_back(words: &mut [&str]) {
    let n = words.len();
    let mut i = 0;
    while i < n {
        let w = |k: usize| words.get(i + k).copied().unwrap_or("");
        let det = |k: usize| {
            matches!(
                w(k),
                "the"
                    | "what"
                    | "whatever"
                    | "that"
                    | "el"
                    | "la"
                    | "lo"
                    | "eso"
                    | "esa"
                    | "aquello"
            )
        };
        let last = |k: usize| matches!(w(k), "last" | "ultimo" | "ultima");
        // "el último de la lista", "the last item in my cart": a place in the cart
        let listed = (2..6).any(|k| {
            matches!(
                w(k),
                "lista" | "list" | "carrito" | "carro" | "cart" | "basket" | "cesta"
            )
        });
        let len = if det(0) && last(1) && listed {
            0
        } else if det(0) && last(1) {
            // "the last (thing|one|item) (i) added", "lo último que agregué"
            let mut k = 2;
            if matches!(w(k), "thing" | "one" | "item" | "product") {
                k += 1;
            }
            if matches!(w(k), "i" | "que" | "ive") {
                k += 1;
            }
            if PUT_IN.contains(&w(k)) {
                k + 1
            } else if matches!(w(k - 1), "i" | "que") {
                0
            } else {
                k
            }
        } else if det(0) && matches!(w(1), "one" | "i" | "que") {
            // "the one i just added", "whatever i touched last", "eso que acabo de
            // añadir", "eso que puse al final"
            let mut k = 1 + usize::from(w(1) == "one");
            if matches!(w(k), "i" | "que") {
                k += 1;
            }
            if matches!(w(k), "just") {
                k += 1;
            }
            if w(k) == "acabo" && w(k + 1) == "de" {
                k += 3;
            } else if PUT_IN.contains(&w(k)) {
                k += 1;
                if w(k) == "last" {
                    k += 1;
                } else if w(k) == "al" && w(k + 1) == "final" {
                    k += 2;
                } else if !matches!(w(k - 2), "just") {
                    k = 0;
                }
            } else {
                k = 0;
            }
            k
        } else if matches!(w(0), "el" | "la" | "lo") && w(1) == "de" && w(2) == "antes" {
            3
        } else {
            0
        };
        if len > 0 && i + len <= n {
            words[i] = "it";
            words[i + 1..i + len].iter_mut().for_each(|x| *x = "the");
            i += len;
        } else {
            i += 1;
        }
    }
}

struct Utterance<'a> {
    text: &'a str,
    tokens: &'a [Token],
    words: Vec<&'a str>,
}

impl<'a> Utterance<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// The original text of words `from..to`, as typed.
    fn span(&self, from: usize, to: usize) -> String {
        if from >= to {
            return String::new();
        }
        self.text[self.tokens[from].start..self.tokens[to - 1].end].to_string()
    }

    /// Whether `phrase` starts at `i` (and ends before `hi`).
    fn starts_with(&self, i: usize, hi: usize, phrase: &[&str]) -> bool {
        i + phrase.len() <= hi
            && phrase
                .iter()
                .enumerate()
                .all(|(k, w)| self.word(i + k) == *w)
    }

    /// The length of the first of `phrases` that starts at `i`.
    fn phrase_at(&self, i: usize, hi: usize, phrases: &[&[&str]]) -> Option<usize> {
        phrases
            .iter()
            .find(|p| self.starts_with(i, hi, p))
            .map(|p| p.len())
    }

    /// `lo..hi` without the politeness at either end.
    fn strip_politeness(&self, mut lo: usize, mut hi: usize) -> (usize, usize) {
        loop {
            let before = (lo, hi);
            if let Some(n) = self.phrase_at(lo, hi, LEADING) {
                lo += n;
            }
            // "¿me quitas la armónica?", "me pones otro": "me" before a verb is "for me"
            if self.word(lo) == "me"
                && lo + 2 < hi
                && (command(self.word(lo + 1)).is_some_and(|c| c.lang == crate::Lang::Es)
                    || ["duplic", "triplic"]
                        .iter()
                        .any(|p| self.word(lo + 1).starts_with(p)))
            {
                lo += 1;
            }
            // "start again and empty my trolley": a lead-in when more follows
            if let Some(n) = self.phrase_at(lo, hi, START_OVER).filter(|n| lo + n < hi) {
                lo += n;
            }
            // "just" is politeness, except in "just one mug" (see `only`)
            if self.word(lo) == "just" && lo + 1 < hi && self.update_quantity(lo + 1).is_none() {
                lo += 1;
            }
            // "… instead of one", "… en vez de dos", "… not 1": the quantity it replaces
            if let Some(k) = (lo + 1..hi).find(|&k| {
                let of = match (self.word(k), self.word(k + 1)) {
                    ("instead", "of") | ("en", "vez") | ("rather", "than") => 2,
                    ("en", "lugar") => 2,
                    ("not" | "no", _) if k + 2 == hi => 1,
                    _ => return false,
                };
                let mut at = k + of + usize::from(self.word(k + of) == "de");
                while matches!(self.word(at), "just" | "the") {
                    at += 1;
                }
                quantity_at(&self.words, at).is_some_and(|q| at + q.len == hi)
            }) {
                hi = k;
            }
            // "… and I'll begin again", "… y empiezo de cero": why, not what
            if let Some(k) = (lo + 1..hi).find(|&k| {
                if !matches!(self.word(k), "and" | "y") {
                    return false;
                }
                let mut at = k + 1;
                at += self
                    .phrase_at(
                        at,
                        hi,
                        &[
                            &["ill"],
                            &["i", "will"],
                            &["i", "can"],
                            &["then"],
                            &["luego"],
                            &["asi"],
                        ],
                    )
                    .unwrap_or(0);
                self.phrase_at(at, hi, START_OVER)
                    .is_some_and(|n| at + n == hi)
            }) {
                hi = k;
            }
            if let Some(n) = TRAILING
                .iter()
                .find(|p| hi >= lo + p.len() && self.starts_with(hi - p.len(), hi, p))
                .map(|p| p.len())
            {
                hi -= n;
            }
            if (lo, hi) == before {
                return (lo, hi);
            }
        }
    }

    /// A quantity for a quantity change: a number, or `un`/`una` ("déjalo en una"),
    /// never a bare article ("change it to a gold one").
    fn update_quantity(&self, i: usize) -> Option<Quantity> {
        let q = quantity_at(&self.words, i)?;
        // "una", "una de las alfombrillas" (one of them), not "un par"
        let one = matches!(self.word(i), "un" | "una" | "uno")
            && (q.len == 1 || q.len == 2 && self.word(i + 1) == "de");
        (q.explicit || one).then_some(q)
    }

    /// Where "to my cart", "al carrito", "in my basket", "my bag" stands in `lo..hi`.
    fn cart_phrase(&self, lo: usize, hi: usize) -> Option<(usize, usize)> {
        (lo..hi).find_map(|i| {
            if !is_cart_word_at(&self.words, i) {
                return None;
            }
            let mut start = i;
            if start > lo && is_determiner(self.word(start - 1)) {
                start -= 1;
            }
            let owned = start < i && matches!(self.word(start), "my" | "mi");
            let mut with_preposition = false;
            while start > lo && is_cart_preposition(self.word(start - 1)) {
                start -= 1;
                with_preposition = true;
            }
            (with_preposition || owned || i == lo).then_some((start, i + 1))
        })
    }

    /// Whether `lo..hi` names only the whole cart: "everything", "todo del carrito",
    /// "my cart", "all items from my basket".
    fn names_whole_cart(&self, lo: usize, hi: usize) -> bool {
        let mut whole = false;
        for i in lo..hi {
            let w = self.word(i);
            if is_everything(w) || is_cart_word_at(&self.words, i) {
                whole = true;
            } else if !(is_filler(w)
                || is_determiner(w)
                || WHOLE_CART_WORDS.contains(&w)
                || is_pronoun(w))
            {
                return false;
            }
        }
        whole
    }

    /// The words that name a line in `lo..hi`, as typed, without cart phrase and
    /// fillers ("the quantity of the scented candles" → "scented candles"). `None`
    /// when only fillers and pronouns are left ("it", "ponlo").
    fn target(&self, lo: usize, hi: usize) -> Option<String> {
        let cart = self.cart_phrase(lo, hi);
        // ("quítamela entera": the whole line, not a product called "entera")
        let whole = |w: &str| {
            matches!(
                w,
                "entera" | "entero" | "enteras" | "enteros" | "completa" | "completo"
            )
        };
        let content: Vec<usize> = (lo..hi)
            .filter(|i| !cart.is_some_and(|(a, b)| (a..b).contains(i)))
            .filter(|i| {
                let w = self.word(*i);
                !is_filler(w) && !is_determiner(w) && !whole(w)
            })
            .collect();
        // "make it 8 sheets", "add 3 more sets": how it is counted, not which line
        // ("quita el bote" with no count names a jar)
        let counted = (0..self.words.len()).any(|i| quantity_at(&self.words, i).is_some());
        if counted && content.iter().all(|&i| is_unit(self.word(i))) {
            return None;
        }
        let (first, last) = (content.first()?, content.last()?);
        Some(self.span(*first, last + 1))
    }

    /// "remove stains soap", "quita manchas": a cart verb, then words with no
    /// article, pronoun or cart word. If the cart has no such line it was a product
    /// name: the search terms for it. "remove the teapot" is a request about the
    /// cart, and gets a question back instead.
    fn said_like_a_product(&self, lo: usize, hi: usize) -> Option<String> {
        let about_the_cart = (lo..hi).any(|i| {
            let w = self.word(i);
            is_determiner(w)
                || is_pronoun(w)
                || is_cart_word_at(&self.words, i)
                || ARTICLES.contains(&w)
        });
        (!about_the_cart).then(|| self.search_terms(lo, hi))
    }

    fn has_pronoun(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).any(|i| is_pronoun(self.word(i)))
    }

    /// The search terms in `lo..hi`: without "show me", "busco", and the like.
    fn search_terms(&self, lo: usize, hi: usize) -> String {
        let mut lo = lo;
        while let Some(n) = self.phrase_at(lo, hi, SEARCH_VERBS) {
            if lo + n >= hi {
                break;
            }
            lo += n;
        }
        if lo < hi {
            self.span(lo, hi)
        } else {
            self.text.trim().to_string()
        }
    }

    /// A destination: a ship/live verb anywhere, then a country after "to"/"a"/"in",
    /// or right after the verb and its object ("send it Spain" is rare, "envío España" is not).
    fn ship_to(&self) -> Option<Intent> {
        let n = self.words.len();
        // "it's going to Australia", "my home is in Lisbon": a country right after
        // or after who it is for ("it's going to my aunt in Miami", "va para mi
        // hermana en Lima")
        if let Some(code) = (0..n).find_map(|i| {
            let len = self.phrase_at(i, n, SHIP_LEADS)?;
            let after_whom = (i + len..(i + len + 5).min(n))
                .find(|&j| matches!(self.word(j), "in" | "en"))
                .map(|j| j + 1);
            std::iter::once(i + len).chain(after_whom).find_map(|at| {
                (1..=4).rev().find_map(|k| {
                    let key = self.words.get(at..at + k)?.join(" ");
                    country_in_utterance(&self.span(at, at + k), &key)
                })
            })
        }) {
            return Some(Intent::ShipTo {
                country: code.to_string(),
            });
        }
        for i in 0..n {
            let Some(c) = command(self.word(i)) else {
                continue;
            };
            let prepositions: &[&str] = match c.verb {
                Verb::Ship => &[
                    "to", "a", "al", "para", "hacia", "en", "in", "into", "towards", "2",
                ],
                Verb::Live => &["in", "en"],
                _ => continue,
            };
            // the country right after the preposition, or later ("a Montevideo,
            // Uruguay", "in Brussels so Belgium")
            let mut starts: Vec<usize> = (i + 1..n)
                .find(|p| prepositions.contains(&self.word(*p)))
                .map_or(Vec::new(), |p| (p + 1..n).collect());
            if c.verb == Verb::Ship {
                starts.push(
                    (i + 1..n)
                        .find(|p| !SHIP_FILLERS.contains(&self.word(*p)))
                        .unwrap_or(n),
                );
            }
            for start in starts {
                for len in (1..=4).rev() {
                    if start + len > n {
                        continue;
                    }
                    let key = self.words[start..start + len].join(" ");
                    if let Some(code) = country_in_utterance(&self.span(start, start + len), &key) {
                        return Some(Intent::ShipTo {
                            country: code.to_string(),
                        });
                    }
                }
            }
        }
        // "netherlands delivery", "Guatemala es el destino", "soy de Panamá, envíen
        // allá": a country's name anywhere, when the sentence is about delivery
        let about_delivery = (0..n).any(|i| {
            command(self.word(i)).is_some_and(|c| c.verb == Verb::Ship)
                || matches!(self.word(i), "destino" | "destination")
        });
        if about_delivery {
            for start in 0..n {
                for len in (1..=3).rev() {
                    let Some(words) = self.words.get(start..start + len) else {
                        continue;
                    };
                    let key = words.join(" ");
                    // a two-letter code only as an alias or in capitals ("UK delivery")
                    let code = if key.len() > 2 {
                        country_code(&key).or_else(|| city_country(&key))
                    } else {
                        country_in_utterance(&self.span(start, start + len), &key)
                    };
                    {
                        if let Some(code) = code {
                            return Some(Intent::ShipTo {
                                country: code.to_string(),
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// Remove (or clear, when it names the whole cart) what `lo..hi` names; with a
    /// number, that many fewer.
    fn removal(&self, lo: usize, hi: usize, pronoun: bool) -> Option<Intent> {
        // "cancel everything in my basket and start over": starting over says it again
        let hi = (lo + 1..hi)
            .find(|&k| matches!(self.word(k), "and" | "y") && self.start_over(k + 1, hi).is_some())
            .unwrap_or(hi);
        // "scrap the whole order and empty my bag": emptied
        let emptied = (lo + 1..hi).any(|k| {
            matches!(self.word(k), "and" | "y")
                && command(self.word(k + 1)).is_some_and(|c| c.verb == Verb::Clear)
                && self.names_whole_cart(k + 2, hi)
        });
        if emptied {
            return Some(Intent::Clear);
        }
        let everything = (lo..hi).any(|i| {
            is_everything(self.word(i))
                || matches!(self.word(i), "entera" | "entero" | "whole" | "entire")
        });
        // "remove all of them" is what was named; "borra todo lo del carrito" the cart
        // ("quítalos todos": all of them; "bórralo todo": everything)
        let all_of_them = pronoun && (lo..hi).any(|i| matches!(self.word(i), "todos" | "todas"));
        // ("todos los artículos": "los" before a noun is an article, not "them")
        // ("all of this", "todo esto": the order, not what was named)
        let them = |i: usize| {
            let article = is_determiner(self.word(i)) || matches!(self.word(i), "los" | "las");
            is_pronoun(self.word(i))
                && !(article && i + 1 < hi)
                && !matches!(self.word(i), "this" | "esto")
        };
        let named = (all_of_them || (lo..hi).any(them))
            && !(lo..hi).any(|i| is_cart_word_at(&self.words, i));
        if self.names_whole_cart(lo, hi) && !(named && everything) {
            // "quítalo del carrito", "take it out of my basket": the line talked about,
            // out of the cart
            if (pronoun || self.has_pronoun(lo, hi)) && !everything {
                return Some(Intent::Remove {
                    target: String::new(),
                });
            }
            return Some(Intent::Clear);
        }
        // "drop the chalk to 2 sets", "reduce los platitos a cuatro": that many
        if let Some(k) = (lo + 1..hi).rev().find(|&k| {
            matches!(self.word(k), "to" | "a")
                && self
                    .update_quantity(k + 1)
                    .is_some_and(|q| (k + 1 + q.len..hi).all(|i| is_unit(self.word(i))))
        }) {
            let q = self.update_quantity(k + 1)?;
            return Some(Self::quantity_change(self.target(lo, k), q.value));
        }
        // "quita una taza", "remove 2 of the mugs", "quita uno": fewer, not none
        let fewer = self.update_quantity(lo).or_else(|| {
            quantity_at(&self.words, lo)
                .filter(|q| matches!(self.word(lo), "a" | "an") && q.len == 1)
        });
        if let Some(q) = fewer.filter(|q| q.value > 0) {
            let target = if pronoun {
                None
            } else {
                self.target(lo + q.len, hi)
            };
            return Some(Intent::ChangeBy {
                target,
                delta: -(q.value as i32),
            });
        }
        let target = self.target(lo, hi);
        if target.is_none() && !pronoun && !self.has_pronoun(lo, hi) {
            return None; // a bare "remove": nothing to act on
        }
        Some(Intent::Remove {
            target: target.unwrap_or_default(),
        })
    }

    /// "two more mugs", "one fewer lantern", "una unidad más de la taza", "dos más":
    /// a change by that many (no target: the line talked about).
    fn relative(&self, lo: usize, hi: usize) -> Option<Intent> {
        // "goblet holders minus 1", "the frame plus two": the change after the product
        if let Some(at) = (lo + 1..hi).find(|&i| matches!(self.word(i), "minus" | "plus")) {
            if let Some(q) = quantity_at(&self.words, at + 1).filter(|q| q.explicit) {
                if at + 1 + q.len == hi {
                    let sign = if self.word(at) == "minus" { -1 } else { 1 };
                    return Some(Intent::ChangeBy {
                        target: self.target(lo, at),
                        delta: sign * q.value as i32,
                    });
                }
            }
        }
        // "red placemats down by two", "ivory eggs up by 3" (with a verb first, `change_by`)
        if command(self.word(lo)).is_none() {
            if let Some(at) = (lo + 1..hi).find(|&i| {
                matches!(self.word(i), "up" | "down")
                    && self.word(i + 1) == "by"
                    && quantity_at(&self.words, i + 2)
                        .is_some_and(|q| q.explicit && i + 2 + q.len == hi)
            }) {
                let q = quantity_at(&self.words, at + 2)?;
                let sign = if self.word(at) == "down" { -1 } else { 1 };
                return Some(Intent::ChangeBy {
                    target: self.target(lo, at),
                    delta: sign * q.value as i32,
                });
            }
        }
        // "minus one blue owl", "menos uno de los …", "plus 2 mugs", "otras dos tijeras", "another 6"
        let another = matches!(self.word(lo), "another" | "otro" | "otra")
            && quantity_at(&self.words, lo + 1).is_some_and(|q| q.explicit);
        if let Some(sign) = match self.word(lo) {
            "minus" | "menos" => Some(-1),
            "plus" | "otras" | "otros" => Some(1),
            _ if another => Some(1),
            _ => None,
        } {
            let q = quantity_at(&self.words, lo + 1).filter(|q| {
                q.explicit || matches!(self.word(lo + 1), "a" | "an" | "un" | "una" | "uno")
            })?;
            return Some(Intent::ChangeBy {
                target: self.target(lo + 1 + q.len, hi),
                delta: sign * q.value as i32,
            });
        }
        let q = quantity_at(&self.words, lo)
            .filter(|q| q.explicit || matches!(self.word(lo), "a" | "an" | "un" | "una" | "uno"))?;
        let mut k = lo + q.len;
        // the quantity may have taken the "more" with it ("two more", "una más de")
        let comparative = |w: &str| matches!(w, "more" | "mas" | "less" | "fewer" | "menos");
        if let Some(at) = (lo + 1..k).find(|&i| comparative(self.word(i))) {
            k = at;
        }
        let sign = |w: &str| match w {
            "more" | "mas" | "extra" => Some(1),
            // "one les blue knob"
            "less" | "les" | "fewer" | "menos" => Some(-1),
            _ => None,
        };
        // "una unidad más", "una caja más de velas", "one more box of": a pack counted
        if matches!(self.word(k), "unidad" | "unidades" | "unit" | "units")
            || (is_unit(self.word(k)) && sign(self.word(k + 1)).is_some())
        {
            k += 1;
        }
        // "3 nada más": only three
        if self.word(k) == "nada" {
            return None;
        }
        if let Some(sign) = sign(self.word(k)) {
            return Some(Intent::ChangeBy {
                target: self.target(k + 1, hi),
                delta: sign * q.value as i32,
            });
        }
        // "un colgante más para bolso", "one mug more for the kitchen": the
        // comparative after the first noun, what the product is for after it
        if let Some(m) = (k + 1..hi.saturating_sub(1)).find(|&m| {
            sign(self.word(m)).is_some()
                && self.word(m) != "extra"
                && matches!(
                    self.word(m + 1),
                    "para" | "for" | "de" | "of" | "con" | "with"
                )
        }) {
            let sign = sign(self.word(m))?;
            let before = self.target(k, m)?;
            let target = match self.target(m + 1, hi) {
                Some(after) => format!("{before} {} {after}", self.word(m + 1)),
                None => before,
            };
            return Some(Intent::ChangeBy {
                target: Some(target),
                delta: sign * q.value as i32,
            });
        }
        // "una caja de té más", "one mug less": the comparative last
        let last = hi.checked_sub(1).filter(|&l| l > k)?;
        let sign = sign(self.word(last))?;
        Some(Intent::ChangeBy {
            target: Some(self.target(k, last)?),
            delta: sign * q.value as i32,
        })
    }

    /// "red tin one more", "basil 1 less", "plasters -2", "blue bowls -> 6": a line
    /// named first, then how its quantity moves or what it becomes.
    fn change_last(&self, lo: usize, hi: usize) -> Option<Intent> {
        let last = hi.checked_sub(1).filter(|&l| l > lo)?;
        let sign = |w: &str| match w {
            "more" | "mas" => Some(1),
            "less" | "fewer" | "menos" => Some(-1),
            _ => None,
        };
        if let Some(sign) = sign(self.word(last)) {
            let k = (lo + 1..last).find(|&k| {
                quantity_at(&self.words, k)
                    .is_some_and(|q| k + q.len >= last && (q.explicit || self.word(k) == "one"))
            })?;
            let q = quantity_at(&self.words, k)?;
            // "de esos quiero dos menos": of the line talked about; "de las rojas
            // quiero una más": of the line named before the wanting
            let end = (lo..k)
                .find(|&j| self.phrase_at(j, k, WANT).is_some())
                .unwrap_or(k);
            let pointed = (lo..end).all(|i| is_pronoun(self.word(i)) || self.word(i) == "de");
            let target = if pointed && end < k {
                None
            } else {
                Some(self.target(lo, end)?)
            };
            return Some(Intent::ChangeBy {
                target,
                delta: sign * q.value as i32,
            });
        }
        // "hanging tlights to 8", "zinc heart qty 6"
        if last >= lo + 2 && matches!(self.word(last - 1), "to" | "qty" | "quantity" | "cantidad") {
            if let Some(q) = self
                .update_quantity(last)
                .filter(|q| q.len == 1 && q.value > 0)
            {
                return Some(Intent::UpdateQuantity {
                    target: Some(self.target(lo, last - 1)?),
                    quantity: q.value,
                });
            }
        }
        let n: u32 = self
            .word(last)
            .parse()
            .ok()
            .filter(|n| (1..=99).contains(n))?;
        let gap = self.text[self.tokens[last - 1].end..self.tokens[last].start].trim();
        let target = Some(self.target(lo, last)?);
        match gap {
            "-" => Some(Intent::ChangeBy {
                target,
                delta: -(n as i32),
            }),
            "+" => Some(Intent::ChangeBy {
                target,
                delta: n as i32,
            }),
            "->" | "=" | "→" | "=>" => Some(Intent::UpdateQuantity {
                target,
                quantity: n,
            }),
            _ => None,
        }
    }

    /// "mugs x3", "+ 2 bowls", "two zinc watering cans please": a number of a
    /// product. A number first counts only when something marks the request (a
    /// "+", "please", "also"): product names start with numbers too.
    fn want(&self, lo: usize, hi: usize, marked: bool) -> Option<Intent> {
        let last = self.word(hi.checked_sub(1)?);
        let times = last
            .strip_prefix('x')
            .and_then(|n| n.parse::<u32>().ok())
            .map(|n| (n, hi - 1))
            .or_else(|| {
                let n = last.parse::<u32>().ok()?;
                (hi >= 2 && self.word(hi - 2) == "x").then(|| (n, hi - 2))
            })
            // "biscuit tin 5x", "red shoulder bag times three"
            .or_else(|| {
                let before = self.word(hi.checked_sub(2)?);
                // (an "x" last may have been read as a kiss: "… 5 x")
                if self.word(hi) == "x" {
                    return Some((last.parse::<u32>().ok()?, hi - 1));
                }
                match last {
                    "x" => Some((before.parse::<u32>().ok()?, hi - 2)),
                    _ if before == "times" => Some((number(last)?, hi - 2)),
                    _ => None,
                }
            });
        // "photo frame 10 x 15" is a size, not a count; "door sign number 4 x2" is
        // a count (the x glued to it)
        let size = |end: usize| end + 1 < hi && self.word(end - 1).parse::<u32>().is_ok();
        if let Some((quantity, end)) =
            times.filter(|(n, end)| (1..=99).contains(n) && *end > lo && !size(*end))
        {
            // "i need the small purse x5": the product after what the shopper needs
            let lo = lo
                + self
                    .phrase_at(lo, end, NEED)
                    .filter(|n| lo + n < end)
                    .unwrap_or(0);
            return Some(Intent::Want {
                terms: self.span(lo, end),
                quantity,
            });
        }
        // "platos de lunares media docena", "owl cushions two": a count in words, last
        // (not "the set of three", "the pink one")
        let in_words = (lo + 1..hi).find(|&k| {
            quantity_at(&self.words, k).is_some_and(|q| {
                q.explicit
                    && q.value > 1
                    && k + q.len == hi
                    && !self.word(k).chars().all(|c| c.is_ascii_digit())
                    && !matches!(self.word(k - 1), "of" | "de" | "number" | "numero" | "no")
            })
        });
        // (only a name before it: "de esas ponme ocho", "erasers down to half a dozen",
        // "la bandeja, que vengan tres" are read elsewhere)
        let named_only = |at: usize| {
            !self.span(lo, at).contains(',')
                && !self.has_pronoun(lo, at)
                && (lo..at).all(|i| {
                    let w = self.word(i);
                    command(w).is_none()
                        && !matches!(w, "to" | "a" | "por" | "en" | "que" | "down" | "up" | "by")
                })
        };
        if let Some(at) = in_words.filter(|&at| named_only(at)) {
            let quantity = quantity_at(&self.words, at)?.value;
            return Some(Intent::Want {
                terms: self.span(lo, at),
                quantity,
            });
        }
        if !marked {
            return None;
        }
        let q = quantity_at(&self.words, lo).filter(|q| q.explicit && q.value > 0)?;
        let mut start = lo + q.len;
        // "3 x glass jars", "3 sets of the tea towels", "una docena del set …"
        if self.word(start) == "x" {
            start += 1;
        }
        start = self.past_unit(start);
        if matches!(self.word(start), "del") {
            start += 1;
        }
        (start < hi).then(|| Intent::Want {
            terms: self.span(start, hi),
            quantity: q.value,
        })
    }

    /// Where the clauses start: after a comma, colon, semicolon, full stop or dash.
    fn clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.tokens.len() {
            let gap = &self.text[self.tokens[i - 1].end..self.tokens[i].start];
            if gap.contains([',', ':', ';', '.', '–', '—', '?', '!']) || gap.contains(" - ") {
                out.push((start, i));
                start = i;
            }
        }
        out.push((start, self.tokens.len()));
        out
    }

    /// A clause that is only a quantity: "5", "2 please", "just the one", "dos
    /// unidades", "ponme 5", "que sean 3". `None` for anything more.
    /// Whether "<down|up> to <a quantity>" is said between `lo` and `hi`.
    fn moved_to(&self, lo: usize, hi: usize, particles: &[&str]) -> bool {
        (lo..hi).any(|j| {
            let k = j + 2 + usize::from(matches!(self.word(j + 2), "just" | "only"));
            particles.contains(&self.word(j))
                && self.word(j + 1) == "to"
                && self.update_quantity(k).is_some()
        })
    }

    fn only_quantity(&self, lo: usize, hi: usize) -> Option<u32> {
        let mut i = lo;
        // "I need 2", "quiero 3"
        if let Some(n) = self
            .phrase_at(i, hi, WANT)
            .or_else(|| self.phrase_at(i, hi, &[&["ill", "have"], &["ill", "take"]]))
        {
            i += n;
        }
        if command(self.word(i))
            .is_some_and(|c| matches!(c.verb, Verb::Put | Verb::Make | Verb::Change))
        {
            i += 1;
            if is_pronoun(self.word(i)) {
                i += 1;
            }
        }
        // "bump to 5", "up to 3", "up it to 5", "déjala en 4"
        if matches!(self.word(i), "up" | "down") {
            i += 1;
            if is_pronoun(self.word(i)) && matches!(self.word(i + 1), "to" | "a") {
                i += 1;
            }
        }
        if matches!(self.word(i), "to" | "a" | "en") && i > lo {
            i += 1;
        }
        if matches!((self.word(i), self.word(i + 1)), ("que", "sean" | "sea")) {
            i += 2;
        }
        // "it should be 10", "que se quede en tres"
        if is_pronoun(self.word(i)) || self.word(i) == "they" {
            if let Some(n) = self.phrase_at(i + 1, hi, SHOULD_BE) {
                i += 1 + n;
            }
        } else if let Some(n) = self.phrase_at(i, hi, SHOULD_BE) {
            i += n;
        }
        while i < hi
            && (is_determiner(self.word(i)) || matches!(self.word(i), "just" | "only" | "solo"))
        {
            i += 1;
        }
        // "ponlo x5", "ponlo x 5"
        if let Some(n) = self
            .word(i)
            .strip_prefix('x')
            .and_then(|n| n.parse::<u32>().ok())
        {
            return (i + 1 == hi && n > 0).then_some(n);
        }
        if self.word(i) == "x" && number(self.word(i + 1)).is_some() {
            i += 1;
        }
        let q = quantity_at(&self.words, i)?;
        let mut end = i + q.len;
        while end < hi
            && matches!(
                self.word(end),
                "unidad"
                    | "unidades"
                    | "units"
                    | "unit"
                    | "of"
                    | "them"
                    | "those"
                    | "these"
                    | "de"
                    | "esos"
                    | "esas"
                    | "ellos"
                    | "ellas"
                    | "total"
                    | "en"
                    | "packs"
                    | "pack"
                    | "paquetes"
                    | "paquete"
                    | "sets"
                    | "pairs"
                    | "pares"
                    | "boxes"
                    | "cajas"
                    | "caja"
                    | "roll"
                    | "rolls"
                    | "set"
                    | "box"
                    | "nada"
                    | "sola"
                    | "solas"
                    | "solos"
                    | "mas"
                    | "only"
                    | "solo"
                    | "solamente"
            )
        {
            end += 1;
        }
        (end == hi
            && q.value > 0
            && (q.explicit || matches!(self.word(i), "one" | "una" | "uno" | "un")))
        .then_some(q.value)
    }

    /// A request split over clauses: "the lantern, please take it out", "scottie
    /// dog: make it half a dozen", "empieza de cero, borra todo". The first clause
    /// that asks something decides; when it points back, a clause that only names
    /// something says what.
    fn by_clauses(&self, clauses: &[(usize, usize)]) -> Option<(Intent, Option<String>)> {
        let parts: Vec<(usize, usize, Option<Intent>)> = clauses
            .iter()
            // ", not 1", ", no tres": the quantity replaced, not a request
            .filter(|&&(a, b)| {
                let (lo, hi) = self.strip_politeness(a, b);
                !(matches!(self.word(lo), "not" | "no")
                    && self
                        .update_quantity(lo + 1)
                        .is_some_and(|q| lo + 1 + q.len == hi))
            })
            .map(|&(a, b)| {
                let (lo, hi) = self.strip_politeness(a, b);
                // "las tazas, fuera, que no pegan": a lone removal word
                let bare_removal =
                    hi == lo + 1 && command(self.word(lo)).is_some_and(|c| c.verb == Verb::Remove);
                let asked = if bare_removal {
                    Some(Intent::Remove {
                        target: String::new(),
                    })
                } else {
                    (lo < hi)
                        .then(|| self.start_over(lo, hi).or_else(|| self.request(lo, hi)))
                        .flatten()
                };
                (lo, hi, asked)
            })
            .collect();
        let Some((i, asked)) = parts
            .iter()
            .enumerate()
            .find_map(|(i, (_, _, r))| r.clone().map(|r| (i, r)))
        else {
            // "frames: 5", "the doormat, 2 please", "lanterns: just the one": a line,
            // then only its new quantity
            let (first, rest) = parts.split_first()?;
            // "that one - eighteen of them": the line talked about
            let pointed = (first.0..first.1).all(|i| {
                let w = self.word(i);
                is_pronoun(w) || is_determiner(w)
            });
            let named = match self.target(first.0, first.1) {
                Some(named) => Some(named),
                None if pointed && first.0 < first.1 => None,
                None => return None,
            };
            // "skull pencils, add 2": that many more
            if let Some(more) = rest.iter().find_map(|&(lo, hi, _)| {
                command(self.word(lo))
                    .filter(|c| c.verb == Verb::Add)
                    .and_then(|_| self.only_quantity(lo + 1, hi))
            }) {
                return Some((
                    Intent::ChangeBy {
                        target: named,
                        delta: more as i32,
                    },
                    None,
                ));
            }
            let quantity = rest
                .iter()
                .find_map(|(lo, hi, _)| self.only_quantity(*lo, *hi))?;
            // "and the owl mug, 2 please", "y las servilletas, dos": one more thing
            // asked for, that many of it (the line's new quantity if the cart has it)
            let and = first.0 > 0
                && matches!(
                    self.word(first.0 - 1),
                    "and" | "y" | "also" | "plus" | "tambien"
                );
            if let Some(terms) = named.clone().filter(|_| and && quantity > 0) {
                return Some((Intent::Want { terms, quantity }, None));
            }
            return Some((Self::quantity_change(named, quantity), None));
        };
        // "hola, quita manchas": a product name if the cart has no such line
        let instead = match &asked {
            Intent::Remove { target } if !target.is_empty() => {
                self.said_like_a_product(parts[i].0, parts[i].1)
            }
            Intent::UpdateQuantity {
                target: Some(_), ..
            } => self.said_like_a_product(parts[i].0, parts[i].1),
            _ => None,
        };
        // a clause before the request names what it points back at ("the lantern,
        // take it out"); one after only when short ("take it out, the lantern")
        // ("I ordered the vase by mistake, could you take it out?"): the nearest first
        let named = || {
            let mut near: Vec<(usize, usize, usize)> = parts
                .iter()
                .enumerate()
                // ("not needed, take em out": a reason, not a name)
                // ("sácalo, me equivoqué", "make that 3, they're stocking fillers": one
                // after that says something of its own names nothing)
                .filter(|(j, (lo, hi, r))| {
                    *j != i
                        && r.is_none()
                        && lo < hi
                        && (*j < i || (hi - lo <= 3 && !self.says_something(*lo, *hi)))
                        && !matches!(self.word(*lo), "not" | "no")
                })
                .map(|(j, (lo, hi, _))| (j, *lo, *hi))
                .collect();
            near.sort_by_key(|(j, _, _)| (*j > i, j.abs_diff(i)));
            near.into_iter().find_map(|(_, lo, hi)| self.target(lo, hi))
        };
        let more = (parts[i].0..parts[i].1)
            .any(|k| matches!(self.word(k), "another" | "otro" | "otra" | "more" | "mas"));
        let intent = match asked {
            // "the rose one, add another": one more of it
            Intent::Add { terms, quantity } if terms.is_empty() && more => Intent::ChangeBy {
                target: named(),
                delta: quantity as i32,
            },
            Intent::Add { terms, quantity: 1 } if !terms.is_empty() => {
                let quantity = parts[i + 1..]
                    .iter()
                    .find_map(|(lo, hi, _)| self.only_quantity(*lo, *hi))
                    .unwrap_or(1);
                Intent::Add { terms, quantity }
            }
            Intent::Remove { target } if target.is_empty() => Intent::Remove {
                target: named().unwrap_or_default(),
            },
            Intent::UpdateQuantity {
                target: None,
                quantity,
            } => Intent::UpdateQuantity {
                target: named(),
                quantity,
            },
            Intent::ChangeBy {
                target: None,
                delta,
            } => Intent::ChangeBy {
                target: named(),
                delta,
            },
            Intent::Scale {
                target: None,
                by,
                parts,
            } => Intent::Scale {
                target: named(),
                by,
                parts,
            },
            // "doily lunch bags: I need 30 bags": the kind said again, the clause
            // before says which
            Intent::Want { terms, quantity } => Intent::Want {
                terms: named().filter(|n| names_again(n, &terms)).unwrap_or(terms),
                quantity,
            },
            other => other,
        };
        Some((intent, instead))
    }

    /// "start again", "empieza de cero", alone: an empty cart.
    fn start_over(&self, lo: usize, hi: usize) -> Option<Intent> {
        self.phrase_at(lo, hi, START_OVER)
            .filter(|n| lo + n == hi)
            .map(|_| Intent::Clear)
    }

    fn quantity_change(target: Option<String>, quantity: u32) -> Intent {
        // "déjame el carrito en cero": the cart emptied
        let cart = target.as_deref().is_some_and(|t| {
            let words: Vec<String> = crate::text::tokens(t)
                .into_iter()
                .map(|t| t.folded)
                .collect();
            !words.is_empty()
                && words
                    .iter()
                    .all(|w| is_cart_word(w) || is_determiner(w) || is_filler(w))
        });
        if quantity == 0 && cart {
            Intent::Clear
        } else if quantity == 0 {
            Intent::Remove {
                target: target.unwrap_or_default(),
            }
        } else {
            Intent::UpdateQuantity { target, quantity }
        }
    }

    /// "change the lantern to 3", "cambia la linterna a 2", "ponlo a 3", "pon 4 tazas".
    fn update(&self, lo: usize, hi: usize, pronoun: bool) -> Option<Intent> {
        // "deja solo una", "set it to just 2"
        let lo = lo
            + usize::from(matches!(
                self.word(lo),
                "solo" | "only" | "just" | "solamente"
            ));
        let to = (lo..hi)
            .rev()
            .filter(|j| matches!(self.word(*j), "to" | "a" | "en" | "at" | "into" | "as"))
            // the "a" of "half a dozen" is the quantity's
            .filter(|&j| !(j > lo && quantity_at(&self.words, j - 1).is_some_and(|q| q.len > 1)))
            .find_map(|j| {
                // "down to just one"
                let k = j + 1 + usize::from(matches!(self.word(j + 1), "just" | "only"));
                self.update_quantity(k).map(|q| (j, k, q))
            });
        if let Some((j, k, q)) = to {
            // "change the lantern to 3", else "change it to 3 lanterns"
            // "bring the bags down to one"
            let end = j - usize::from(j > lo && matches!(self.word(j - 1), "down" | "up"));
            let target = if pronoun {
                None
            } else {
                self.target(lo, end).or_else(|| self.target(k + q.len, hi))
            };
            return Some(Self::quantity_change(target, q.value));
        }
        if let Some(q) = self.update_quantity(lo) {
            let target = if pronoun {
                None
            } else {
                self.target(lo + q.len, hi)
            };
            return Some(Self::quantity_change(target, q.value));
        }
        // "set candles quantity 3": a line, then the number last
        let last = hi.checked_sub(1)?;
        let q = self.update_quantity(last).filter(|q| last + q.len == hi)?;
        match self.target(lo, last) {
            Some(target) => Some(Self::quantity_change(Some(target), q.value)),
            // "just the one": the line talked about
            None if pronoun || (lo..last).all(|i| is_determiner(self.word(i))) => {
                Some(Self::quantity_change(None, q.value))
            }
            None => None,
        }
    }

    /// "make it 3", "make the t-light holders 6", "make that twelve".
    fn make(&self, lo: usize, hi: usize) -> Option<Intent> {
        let (mut k, mut q) = (lo..hi)
            .rev()
            .find_map(|k| self.update_quantity(k).map(|q| (k, q)))?;
        // "half a dozen": the longer quantity that takes in "a dozen"
        while let Some(longer) = (k > lo)
            .then(|| self.update_quantity(k - 1))
            .flatten()
            .filter(|p| p.len > q.len)
        {
            k -= 1;
            q = longer;
        }
        let after = k + q.len;
        // "make it half a dozen more", "make that two less": a change, not a total
        // (the quantity may have taken the "more" with it)
        let sign = |w: &str| match w {
            "more" | "mas" | "extra" => Some(1),
            "less" | "fewer" | "menos" => Some(-1),
            _ => None,
        };
        if let Some((at, sign)) = (k + 1..=after.min(hi.saturating_sub(1)))
            .find_map(|i| sign(self.word(i)).map(|s| (i, s)))
        {
            return Some(Intent::ChangeBy {
                target: self.target(lo, k).or_else(|| self.target(at + 1, hi)),
                delta: sign * q.value as i32,
            });
        }
        let target = self.target(lo, k).or_else(|| self.target(after, hi));
        Some(Self::quantity_change(target, q.value))
    }

    /// "add 2 mugs to my cart", "añade una linterna", "agrega 3 tazas al carrito".
    /// Empty terms only when the shopper points back ("add it again", "añádelo",
    /// "añade uno más"); `None` for a bare "add" or "add 0 mugs": nothing to add.
    fn add(&self, lo: usize, hi: usize, pronoun: bool) -> Option<Intent> {
        // "añade también 2 bolsos", "add also two mugs": what follows is the add
        let lo = if matches!(self.word(lo), "tambien" | "also") && lo + 1 < hi {
            lo + 1
        } else {
            lo
        };
        if let Some(more) = self.relative(lo, hi) {
            return Some(more);
        }
        // "súmale uno al collar", "add 2 to the mugs": that many more of a line (not
        // "add 2 to my cart")
        if let Some(q) = quantity_at(&self.words, lo)
            .filter(|q| (q.explicit || matches!(self.word(lo), "uno" | "one")) && q.value > 0)
        {
            let at = lo + q.len;
            if matches!(self.word(at), "al" | "a" | "to") && self.cart_phrase(at, hi).is_none() {
                if let Some(target) = self.target(at + 1, hi) {
                    return Some(Intent::ChangeBy {
                        target: Some(target),
                        delta: q.value as i32,
                    });
                }
            }
        }
        // "another frying pan", "otra sartén": one more of that line, if the cart has
        // it (an add if not; a question if two lines fit)
        if matches!(self.word(lo), "another" | "otra" | "otro") {
            let mut end = hi;
            if let Some((a, _)) = self.cart_phrase(lo + 1, hi) {
                end = a;
            }
            if let Some(target) = self.target(lo + 1, end).filter(|_| !pronoun) {
                if !(lo + 1..end).any(|i| is_pronoun(self.word(i))) {
                    return Some(Intent::ChangeBy {
                        target: Some(target),
                        delta: 1,
                    });
                }
            }
        }
        let points_back = pronoun
            || (lo..hi).any(|i| {
                let w = self.word(i);
                is_pronoun(w) || matches!(w, "another" | "otra" | "otro" | "again" | "more" | "mas")
            });
        let (mut lo, mut hi) = (lo, hi);
        if let Some((a, b)) = self.cart_phrase(lo, hi) {
            if b == hi {
                hi = a;
            } else if a == lo {
                lo = b;
            }
        }
        let (mut quantity, len) = quantity_at(&self.words, lo).map_or((1, 0), |q| (q.value, q.len));
        let mut start = lo + len;
        while start < hi && (is_filler(self.word(start)) || is_determiner(self.word(start))) {
            start += 1;
        }
        let mut end = hi;
        // "súmame el set de contenedores x2": the count last
        if let Some(n) = (len == 0 && end > start + 1)
            .then(|| self.word(end - 1).strip_prefix('x')?.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=99).contains(n))
        {
            quantity = n;
            end -= 1;
        }
        while end > start && is_filler(self.word(end - 1)) {
            end -= 1;
        }
        let terms = self.span(start, end);
        (quantity > 0 && (!terms.is_empty() || points_back))
            .then_some(Intent::Add { terms, quantity })
    }

    /// "double the rulers", "duplica las macetas", "cut that in half", "halve them".
    fn scale(&self, lo: usize, hi: usize) -> Option<Intent> {
        let w = self.word(lo);
        let object = |i: usize| {
            i == hi
                || is_determiner(self.word(i))
                || is_pronoun(self.word(i))
                || self.word(i) == "mis"
        };
        // "double" starts product names too ("double ceramic hook"): only with an object
        // "double up on the blue beakers"
        // "duplca las cajitas": a slip in a long verb still doubles
        let double = DOUBLE.contains(&w)
            || (w.chars().count() >= 6 && DOUBLE.iter().any(|d| within_typos(w, d, d.len())));
        let up = if double && self.word(lo + 1) == "up" {
            1 + usize::from(self.word(lo + 2) == "on")
        } else {
            0
        };
        let (by, parts, end) = if double && object(lo + 1 + up) {
            (2, 1, hi)
        } else if TRIPLE.contains(&w) && object(lo + 1) {
            (3, 1, hi)
        } else if w == "halve" || (w == "half" && lo + 1 < hi && object(lo + 1)) {
            (1, 2, hi)
        } else if let Some(n) = command(w)
            .filter(|c| matches!(c.verb, Verb::Remove | Verb::Take))
            .and_then(|_| self.phrase_at(lo + 1, hi, &[&["la", "mitad"], &["half"]]))
        {
            // "quita la mitad de las velas", "take half of the mugs off": half of it
            let after = lo + 1 + n;
            let start = after + usize::from(matches!(self.word(after), "de" | "of"));
            let named = (start..hi).any(|i| {
                let w = self.word(i);
                !(is_pronoun(w) || is_filler(w) || is_determiner(w))
            });
            return Some(Intent::Scale {
                target: self.target(start, hi).filter(|_| named),
                by: 1,
                parts: 2,
            });
        } else if matches!(w, "cut" | "reduce")
            && hi >= lo + 3
            && matches!(self.words[hi - 2..hi], ["in" | "by", "half"])
        {
            (1, 2, hi - 2)
        } else {
            return None;
        };
        // "double it": the line talked about
        let named = (lo + 1..end).any(|i| {
            let w = self.word(i);
            !(is_pronoun(w) || is_filler(w) || is_determiner(w))
        });
        let target = self.target(lo + 1 + up, end).filter(|_| named);
        Some(Intent::Scale { target, by, parts })
    }

    /// "súbele dos a la linterna", "bájale una", "sácale uno al tarro", "agrégale otro
    /// al boli": a Spanish verb with "le" moves a line by that many, the one after
    /// "a"/"al" (else the line talked about).
    fn change_on_it(&self, lo: usize, hi: usize) -> Option<Intent> {
        let w = self.word(lo);
        let stem = w.strip_suffix("les").or_else(|| w.strip_suffix("le"))?;
        const MORE: &[&str] = &["sub", "aument", "agreg", "anad", "pon", "met", "sum"];
        const FEWER: &[&str] = &["baj", "reduc", "disminu", "rest", "quit", "sac", "elimin"];
        let sign = if MORE.iter().any(|p| stem.starts_with(p)) {
            1
        } else if FEWER.iter().any(|p| stem.starts_with(p)) {
            -1
        } else {
            return None;
        };
        // "bájale a 1 la sartén", "súbele a 5 la olla": that many, of what follows
        if self.word(lo + 1) == "a" {
            if let Some(q) = self.update_quantity(lo + 2) {
                let mut start = lo + 2 + q.len;
                while start < hi && is_unit(self.word(start)) && self.word(start) != "of" {
                    start += 1;
                }
                return Some(Self::quantity_change(self.target(start, hi), q.value));
            }
        }
        let q = quantity_at(&self.words, lo + 1).filter(|q| {
            q.explicit || matches!(self.word(lo + 1), "un" | "una" | "uno" | "otro" | "otra")
        })?;
        let mut k = lo + 1 + q.len;
        // "quítale un bote a las pinzas": the unit counted
        while is_unit(self.word(k)) && !matches!(self.word(k), "of" | "them" | "total") && k < hi {
            k += 1;
        }
        let more = (lo + 1..k + 2).any(|i| self.word(i) == "mas");
        if matches!(self.word(k), "unidad" | "unidades" | "mas") {
            k += 1;
        }
        // "ponle 4", "ponle una docena": the line at that many ("ponle otro", "ponle
        // dos más": more)
        let set = stem.starts_with("pon")
            && q.explicit
            && !more
            && !matches!(self.word(lo + 1), "otro" | "otra" | "otros" | "otras");
        if set && (k == hi || self.word(k) == "en") {
            return Some(Self::quantity_change(None, q.value));
        }
        // "ponle 3 a esa", "ponle 4 a las tazas": that line at that many
        if set && matches!(self.word(k), "a" | "al") && k + 1 < hi {
            let target = if (k + 1..hi).all(|i| is_pronoun(self.word(i))) {
                None
            } else {
                Some(self.target(k + 1, hi)?)
            };
            return Some(Self::quantity_change(target, q.value));
        }
        let target = match self.word(k) {
            _ if k == hi => None,
            // "súbele 3 a esa": the line talked about
            "a" if (k + 1..hi).all(|i| is_pronoun(self.word(i))) => None,
            "a" | "al" => Some(self.target(k + 1, hi)?),
            _ => return None,
        };
        Some(Intent::ChangeBy {
            target,
            delta: sign * q.value as i32,
        })
    }

    /// "bump the coat rack up by two", "reduce the mugs by 1": a line moved by that many.
    fn change_by(&self, lo: usize, hi: usize) -> Option<Intent> {
        let by = (lo + 1..hi).find(|&j| {
            self.word(j) == "by"
                && self
                    .update_quantity(j + 1)
                    .is_some_and(|q| j + 1 + q.len == hi)
        })?;
        let q = self.update_quantity(by + 1)?;
        let (end, sign) = match self.word(by - 1) {
            "up" => (by - 1, 1),
            "down" => (by - 1, -1),
            _ => (by, 0),
        };
        let sign = match (sign, self.word(lo)) {
            (0, "increase" | "bump" | "raise" | "up") => 1,
            (0, "reduce" | "decrease" | "lower" | "cut" | "drop") => -1,
            (0, _) => return None,
            (s, _) => s,
        };
        Some(Intent::ChangeBy {
            target: self.target(lo + 1, end),
            delta: sign * q.value as i32,
        })
    }

    /// "rebaja en dos los cuencos", "baja el kit en dos unidades", "aumente en dos los
    /// pajaritos": a Spanish verb up or down, "en N" is by N.
    fn change_en(&self, lo: usize, hi: usize) -> Option<Intent> {
        let w = self.word(lo);
        let sign = if ["sub", "aument"].iter().any(|p| w.starts_with(p)) {
            1
        } else if ["baj", "rebaj", "reduc", "disminu"]
            .iter()
            .any(|p| w.starts_with(p))
        {
            -1
        } else {
            return None;
        };
        let by = |k: usize| {
            (self.word(k) == "en")
                .then(|| self.update_quantity(k + 1))
                .flatten()
        };
        if let Some(q) = by(lo + 1) {
            let mut start = lo + 2 + q.len;
            while start < hi && is_unit(self.word(start)) && self.word(start) != "of" {
                start += 1;
            }
            return Some(Intent::ChangeBy {
                target: Some(self.target(start, hi)?),
                delta: sign * q.value as i32,
            });
        }
        let k = (lo + 2..hi)
            .find(|&k| by(k).is_some_and(|q| (k + 1 + q.len..hi).all(|i| is_unit(self.word(i)))))?;
        let q = by(k)?;
        Some(Intent::ChangeBy {
            target: self.target(lo + 1, k),
            delta: sign * q.value as i32,
        })
    }

    /// "2 de eso", "una docena de esos", the words `rest..hi` in all: that many.
    fn of_that(&self, rest: usize, hi: usize) -> Option<u32> {
        let q = self.counted(rest)?;
        (matches!(self.word(rest + q.len), "de" | "of")
            && is_pronoun(self.word(rest + q.len + 1))
            && rest + q.len + 2 == hi)
            .then_some(q.value)
    }

    /// A quantity at `i` as [`update_quantity`](Self::update_quantity) reads it, or a
    /// counted one ("una docena", "a couple").
    fn counted(&self, i: usize) -> Option<Quantity> {
        quantity_at(&self.words, i)
            .filter(|q| q.explicit && q.value > 0 && q.len > 1)
            .or_else(|| self.update_quantity(i))
    }

    /// Whether `lo..hi` holds only units and pronouns ("pairs", "of them", "sets of
    /// those"): no product of its own.
    fn only_units(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).all(|i| {
            let w = self.word(i);
            is_unit(w) || is_pronoun(w) || is_determiner(w)
        })
    }

    /// Where the product starts after a number: past "of"/"de" ("3 of the mugs") and
    /// a unit with it ("5 rolls of the tape", "ocho pares de perchas").
    fn past_unit(&self, k: usize) -> usize {
        match (self.word(k), self.word(k + 1)) {
            ("of" | "de", _) => k + 1,
            (unit, "of" | "de") if is_unit(unit) => k + 2,
            _ => k,
        }
    }

    /// "one tea caddy is enough", "con una me basta", "two will do".
    fn enough(&self, lo: usize, hi: usize) -> Option<Intent> {
        let at =
            (lo + 1..hi).find(|&i| self.phrase_at(i, hi, ENOUGH).is_some_and(|n| i + n == hi))?;
        let start = lo + usize::from(matches!(self.word(lo), "con" | "with"));
        let q = self.update_quantity(start)?;
        let target = self.target(start + q.len, at);
        Some(Self::quantity_change(target, q.value))
    }

    /// Whether `lo..hi` has a subject or a verb of its own ("me equivoqué", "they're
    /// fillers", "comemos en casa"), so is no product's name.
    fn says_something(&self, lo: usize, hi: usize) -> bool {
        (lo..hi).any(|i| {
            let w = self.word(i);
            matches!(
                w,
                "me" | "i"
                    | "im"
                    | "theyre"
                    | "its"
                    | "were"
                    | "we"
                    | "they"
                    | "he"
                    | "she"
                    | "final"
                    | "es"
                    | "son"
                    | "is"
                    | "are"
            ) || w.ends_with("amos")
                || w.ends_with("emos")
                || w.ends_with("imos")
        })
    }

    /// The line's quantity set to `q`, or moved by it when the words from `k` say
    /// "more" ("ponme dos más"; not "y nada más").
    fn set_or_more(&self, target: String, k: usize, hi: usize, q: u32) -> Intent {
        let more = (k + 1..hi)
            .any(|i| matches!(self.word(i), "more" | "mas") && self.word(i - 1) != "nada");
        if more && q > 0 {
            Intent::ChangeBy {
                target: Some(target),
                delta: q as i32,
            }
        } else {
            Self::quantity_change(Some(target), q)
        }
    }

    /// A line named first and what to do with it after: "the brown bag can go", "el
    /// tarro grande fuera", "de la caja de té deja solo una".
    fn said_after(&self, lo: usize, hi: usize) -> Option<Intent> {
        // "… fuera", "… fuera del carro"
        let cart = self.cart_phrase(lo + 1, hi).filter(|&(_, b)| b == hi);
        let end = cart.map_or(hi, |(a, _)| a);
        if let Some(at) = (lo + 1..end).find(|&i| {
            self.phrase_at(i, end, REMOVAL_AFTER)
                .is_some_and(|n| i + n == end)
        }) {
            // "that one can go": the line talked about
            let pointed = (lo..at).all(|i| {
                let w = self.word(i);
                is_pronoun(w) || is_determiner(w) || matches!(w, "one" | "uno" | "una")
            });
            let target = match self.target(lo, at) {
                Some(target) => target,
                None if pointed => String::new(),
                None => return None,
            };
            return Some(Intent::Remove { target });
        }
        // "la vela de pilar ponme 3", "la cocina de juguete que sean tres"
        if let Some((k, q)) = (lo + 1..hi).find_map(|k| {
            // ("the beaded purse, I'll have 2": what is wanted of it)
            let leads = self.word(k) == "que"
                || command(self.word(k))
                    .is_some_and(|c| matches!(c.verb, Verb::Put | Verb::Make | Verb::Change))
                || (k > lo + 1
                    && self
                        .phrase_at(k, hi, &[&["ill", "have"], &["ill", "take"]])
                        .is_some());
            leads
                .then(|| self.only_quantity(k, hi))
                .flatten()
                .map(|q| (k, q))
        }) {
            return Some(self.set_or_more(self.target(lo, k)?, k, hi, q));
        }
        // "de la baldosa del 3 quiero solo una", "de los de calavera quiero uno más":
        // what is wanted of the line named first
        let wanting = |k: usize| {
            matches!(self.word(lo), "de" | "del")
                && (self.phrase_at(k, hi, WANT).is_some()
                    || self.phrase_at(k, hi, ONLY_WANT).is_some())
        };
        // "al portavelas azul súmale uno": added to it
        // ("the crystal drop ones", "bread bin: make it 2": a kind of thing, not a
        // removal, unless it has an object)
        let a_noun = |k: usize| {
            let next = self.word(k + 1);
            (self.word(k) == "drop" && matches!(next, "one" | "ones"))
                || (matches!(self.word(k), "bin" | "drop" | "scrap")
                    && k + 1 < hi
                    && !(is_determiner(next) || is_pronoun(next) || is_everything(next)))
        };
        let k = (lo + 1..hi).find(|&k| {
            wanting(k)
                || !a_noun(k)
                    && command(self.word(k)).is_some_and(|c| {
                        matches!(c.verb, Verb::Remove | Verb::Change | Verb::Put | Verb::Make)
                            || (c.verb == Verb::Add && c.pronoun)
                    })
        })?;
        // "eso elimínalo", "esos bórramelos": the line talked about
        if (lo..k).all(|i| is_pronoun(self.word(i))) {
            return self.request(k, hi);
        }
        // "de eso quiero 2": of the line talked about
        if wanting(k) && (lo + 1..k).all(|i| is_pronoun(self.word(i))) {
            return self
                .only_quantity(k, hi)
                .map(|quantity| Intent::UpdateQuantity {
                    target: None,
                    quantity,
                });
        }
        let named = self.target(lo, k)?;
        // "… quiero una sola"
        if wanting(k) {
            if let Some(q) = self.only_quantity(k, hi) {
                return Some(self.set_or_more(named, k, hi, q));
            }
        }
        match self.request(k, hi)? {
            Intent::Add { terms, quantity } if terms.is_empty() => Some(Intent::ChangeBy {
                target: Some(named),
                delta: quantity as i32,
            }),
            Intent::Remove { target } if target.is_empty() => {
                Some(Intent::Remove { target: named })
            }
            Intent::UpdateQuantity {
                target: None,
                quantity,
            } => Some(Intent::UpdateQuantity {
                target: Some(named),
                quantity,
            }),
            Intent::ChangeBy {
                target: None,
                delta,
            } => Some(Intent::ChangeBy {
                target: Some(named),
                delta,
            }),
            Intent::Scale {
                target: None,
                by,
                parts,
            } => Some(Intent::Scale {
                target: Some(named),
                by,
                parts,
            }),
            _ => None,
        }
    }

    /// The intent of the words from `lo`, where the request starts.
    fn request(&self, lo: usize, hi: usize) -> Option<Intent> {
        // "take it out because it won't fit", "quítalas que a mi hija le dan miedo":
        // the reason names nothing
        let hi = (lo + 1..hi)
            .find(|&k| {
                let w = self.word(k);
                // (not "todo lo que hay": "lo que" is "what")
                let after_pronoun = matches!(self.word(k - 1), "it" | "them" | "that" | "those")
                    || command(self.word(k - 1)).is_some_and(|c| c.pronoun)
                    || matches!(self.word(k - 1), "out" | "off");
                matches!(w, "because" | "cause" | "cos" | "coz" | "porque")
                    || (after_pronoun && matches!(w, "que" | "since" | "as"))
            })
            .unwrap_or(hi);
        if let Some(n) = self.phrase_at(lo, hi, DONT_WANT) {
            // "ya no quiero nada", "I don't want anything": an empty cart
            if hi == lo + n + 1 && matches!(self.word(lo + n), "nada" | "anything" | "nothing") {
                return Some(Intent::Clear);
            }
            // "no lo quiero (ya)": the line talked about
            let pronoun = (lo..lo + n).any(|i| is_pronoun(self.word(i)));
            if pronoun && (lo + n..hi).all(|i| matches!(self.word(i), "ya" | "mas" | "anymore")) {
                return Some(Intent::Remove {
                    target: String::new(),
                });
            }
            return self.removal(lo + n, hi, pronoun);
        }
        if let Some(n) = self.phrase_at(lo, hi, ALSO_WANT) {
            return self.add(lo + n, hi, false);
        }
        if let Some(change) = self.relative(lo, hi) {
            return Some(change);
        }
        // "no doll", "no owls": a removal said tersely (not "¿no tienes velas?")
        if matches!(self.word(lo), "no" | "sin")
            && lo + 1 < hi
            && !matches!(
                self.word(lo + 1),
                "tengo"
                    | "hay"
                    | "puedo"
                    | "me"
                    | "se"
                    | "te"
                    | "le"
                    | "es"
                    | "esta"
                    | "son"
                    | "cabe"
                    | "caben"
                    | "i"
                    | "we"
                    | "it"
                    | "its"
                    | "there"
            )
            && hi - lo <= 6
            && !self.text.contains('?')
        {
            return self.removal(lo + 1, hi, false);
        }
        if let Some(n) = self.phrase_at(lo, hi, WANT) {
            let mut i = lo + n;
            if self.word(i) == "to" {
                i += 1;
            }
            // "me llevo también un calendario": one more thing
            if matches!(self.word(i), "tambien" | "also" | "too") && i + 1 < hi {
                return self.add(i + 1, hi, false);
            }
            // "quiero empezar de cero", "I want to start again"
            if let Some(clear) = self.start_over(i, hi) {
                return Some(clear);
            }
            // "I'd like another …", "quiero uno más", "necesito solo un rodillo",
            // "I want to get rid of …"
            if let Some(asked) = (i < hi).then(|| self.request(i, hi)).flatten() {
                return Some(asked);
            }
            // "quiero que los marcos sean una docena": that line, at that many
            if self.word(i) == "que" {
                if let Some(k) = (i + 2..hi).find(|&k| {
                    matches!(self.word(k), "sean" | "sea" | "fuera" | "fueran" | "fuese")
                }) {
                    let q = self
                        .update_quantity(k + 1)
                        .filter(|q| k + 1 + q.len == hi)?;
                    return Some(Self::quantity_change(self.target(i + 1, k), q.value));
                }
            }
            // "quiero una hucha", "I want a lantern", "I want the topiary doormat too":
            // asking for one
            let also = self
                .words
                .iter()
                .any(|w| matches!(*w, "too" | "also" | "tambien"))
                || self.words.windows(2).any(|w| w == ["as", "well"]);
            // ("quiero una docena de …", "I want a dozen …" is a number, below)
            let counted = quantity_at(&self.words, i).is_some_and(|q| q.explicit && q.len > 1);
            if (matches!(self.word(i), "a" | "an" | "un" | "una") && !counted)
                || (also && matches!(self.word(i), "the" | "el" | "la"))
                // "quiero la bolsa de agua caliente roja": asking for it, not about it
                || (matches!(self.word(lo), "quiero" | "quisiera" | "necesito")
                    && matches!(self.word(i), "el" | "la")
                    && i + 1 < hi
                    && !self.text.contains('?'))
            {
                return self.add(i, hi, false);
            }
            let q = quantity_at(&self.words, i).filter(|q| q.explicit)?;
            let mut after = i + q.len;
            // "quiero 4 en total de la bolsa …": the total, then of what
            if matches!(self.word(after), "in" | "en")
                && self.word(after + 1) == "total"
                && matches!(self.word(after + 2), "of" | "de")
            {
                after += 2;
            }
            if matches!(self.word(after), "of" | "de") {
                // "4 of the felt garland for the nursery": what it is for is not its name
                let end = (after + 2..hi)
                    .find(|&k| {
                        matches!(self.word(k), "for" | "para" | "altogether")
                            || (matches!(self.word(k), "in" | "en")
                                && matches!(self.word(k + 1), "total" | "all"))
                    })
                    .unwrap_or(hi);
                return Some(match self.target(after + 1, end) {
                    Some(terms) if q.value > 0 && !self.has_pronoun(after + 1, end) => {
                        Intent::Want {
                            terms,
                            quantity: q.value,
                        }
                    }
                    target => Self::quantity_change(target, q.value),
                });
            }
            // "quiero 2 juegos de cubiertos en total", "I'll take 5 sets of the rose
            // coasters", "i want 2 pink owls": the line's new quantity when the cart
            // has it, else an add
            // "… in total", "… for the school fair", "… para la fiesta": not the product
            let end = (after..hi)
                .find(|&k| {
                    matches!(self.word(k), "for" | "para")
                        || (matches!(self.word(k), "in" | "en") && self.word(k + 1) == "total")
                })
                .unwrap_or(hi);
            // "I actually want 3 for the office": only a quantity, of what was named
            if end == after && q.value > 0 {
                return Some(Intent::UpdateQuantity {
                    target: None,
                    quantity: q.value,
                });
            }
            // "I need 5 rolls of the … tape": the product after its unit
            // "I need 8 pairs in total", "4 of them": a quantity of what was named
            if q.value > 0 && self.only_units(after, end) {
                return Some(Intent::UpdateQuantity {
                    target: None,
                    quantity: q.value,
                });
            }
            return match self.target(self.past_unit(after), end) {
                Some(terms) if q.value > 0 => Some(Intent::Want {
                    terms,
                    quantity: q.value,
                }),
                _ => self.add(i, hi, false),
            };
        }
        if self.starts_with(lo, hi, &["get", "rid", "of"])
            || self.starts_with(lo, hi, &["get", "shot", "of"])
        {
            return self.removal(lo + 3, hi, false);
        }
        // "get that one out of there", "get that out of my cart": that line, out
        if self.word(lo) == "get"
            && is_pronoun(self.word(lo + 1))
            && (lo + 2..hi).any(|i| matches!(self.word(i), "out" | "off"))
        {
            return Some(Intent::Remove {
                target: String::new(),
            });
        }
        // "can I get a jumbo bag", "can I have half a dozen frames instead": that many
        // ("have" only with a number: "have you got …" is a search)
        if let Some(n) = self.phrase_at(lo, hi, GET) {
            // "get me 3 of that": to me
            let n = n + usize::from(self.word(lo + n) == "me" && lo + n + 1 < hi);
            // "can I get 2 more bunting"
            if let Some(more) = self.relative(lo + n, hi) {
                return Some(more);
            }
            let asks = lo >= 2
                && matches!(self.word(lo - 2), "can" | "could" | "may")
                && self.word(lo - 1) == "i";
            // "can I have another red tin"
            if matches!(self.word(lo + n), "another") && (asks || self.word(lo) != "have") {
                return self.add(lo + n, hi, false);
            }
            // "can I also get the soldier skittles"
            if self.word(lo + n) == "the"
                && (asks || (lo >= 1 && self.word(lo - 1) == "also"))
                && self.word(lo) == "get"
            {
                return self.add(lo + n, hi, false);
            }
            let q = quantity_at(&self.words, lo + n)?;
            // "can I have 6 frames" asks; "do you have 12 pencils" is a search
            if self.word(lo) == "have" && !(q.explicit && asks) {
                return None;
            }
            let mut start = lo + n + q.len;
            if !q.explicit {
                return self.add(lo + n, hi, false);
            }
            // "could I get 5 sets of the balloon kit": the product after its unit
            // "could I get 12 of them?", "… four pairs": a quantity of what was named
            if q.value > 0 && start < hi && self.only_units(start, hi) {
                return Some(Intent::UpdateQuantity {
                    target: None,
                    quantity: q.value,
                });
            }
            start = self.past_unit(start);
            return (start < hi).then(|| Intent::Want {
                terms: self.span(start, hi),
                quantity: q.value,
            });
        }
        if self.starts_with(lo, hi, &["que", "sean"]) || self.starts_with(lo, hi, &["que", "sea"]) {
            return self.update(lo + 2, hi, false);
        }
        // "quiero el doble", "solo la mitad": the line talked about, scaled
        let bare = lo + usize::from(matches!(self.word(lo), "solo" | "just" | "only"));
        if let Some(by) = match &self.words[bare..hi] {
            ["el", "doble"] | ["double"] => Some((2, 1)),
            ["el", "triple"] | ["triple"] => Some((3, 1)),
            ["la", "mitad"] | ["half"] => Some((1, 2)),
            _ => None,
        } {
            return Some(Intent::Scale {
                target: None,
                by: by.0,
                parts: by.1,
            });
        }
        if let Some(n) = self.phrase_at(lo, hi, ONLY_WANT) {
            return self.update(lo + n, hi, false);
        }
        if matches!(self.word(lo), "another" | "otra" | "otro")
            || self.starts_with(lo, hi, &["one", "more"])
        {
            return self.add(lo, hi, false);
        }
        if let Some(scaled) = self.scale(lo, hi) {
            return Some(scaled);
        }
        // "el doble de velas", "the double of"
        if self.starts_with(lo, hi, &["el", "doble", "de"]) && lo + 3 < hi {
            return Some(Intent::Scale {
                target: self.target(lo + 3, hi),
                by: 2,
                parts: 1,
            });
        }
        // "déjame la cesta vacía", "leave my cart empty"
        if matches!(self.word(hi - 1), "vacia" | "vacio" | "empty")
            && (lo..hi).any(|i| is_cart_word_at(&self.words, i))
            && hi - lo <= 5
        {
            return Some(Intent::Clear);
        }
        if let Some(enough) = self.enough(lo, hi) {
            return Some(enough);
        }
        let Some(Command {
            verb,
            pronoun,
            to_me,
            ..
        }) = command(self.word(lo))
        else {
            // "up the snowflake mirror art by 1": "up" as a verb
            if self.word(lo) == "up" {
                if let Some(change) = self.change_by(lo, hi) {
                    return Some(change);
                }
                // "up to 3", "up it to 5": the line talked about
                if let Some(q) = self.only_quantity(lo, hi) {
                    return Some(Self::quantity_change(None, q));
                }
            }
            return self.said_after(lo, hi).or_else(|| self.change_last(lo, hi));
        };
        let rest = lo + 1;
        if let Some(change) = self
            .change_on_it(lo, hi)
            .or_else(|| self.change_by(lo, hi))
            .or_else(|| self.change_en(lo, hi))
        {
            return Some(change);
        }
        // "dame" is "give me": a number of a product to me, like "ponme"
        let to_me = to_me || matches!(self.word(lo), "dame" | "gimme");
        match verb {
            // "ponme 3 paquetes de pinzas", "dame una docena de los huevos": that many,
            // the line's new quantity when the cart has it, else an add
            Verb::Put | Verb::Add
                if to_me
                    && !pronoun
                    && self.relative(rest, hi).is_none()
                    && quantity_at(&self.words, rest).is_some_and(|q| {
                        q.explicit
                            && q.value > 0
                            && self.target(self.past_unit(rest + q.len), hi).is_some()
                    }) =>
            {
                let q = quantity_at(&self.words, rest)?;
                let start = self.past_unit(rest + q.len);
                Some(Intent::Want {
                    terms: self.target(start, hi)?,
                    quantity: q.value,
                })
            }
            // "dame 3 de esos": as "ponme 3 de esos" below
            Verb::Add if to_me && self.of_that(rest, hi).is_some() => {
                Some(Self::quantity_change(None, self.of_that(rest, hi)?))
            }
            Verb::Add => self.add(rest, hi, pronoun),
            // "ponme tres": the line talked about, at three
            Verb::Put
                if to_me
                    && self.update_quantity(rest).is_some_and(|q| {
                        rest + q.len == hi
                            && q.value > 0
                            && !matches!(self.word(hi - 1), "mas" | "more")
                    }) =>
            {
                let q = self.update_quantity(rest)?;
                Some(Self::quantity_change(None, q.value))
            }
            // "ponme 2 de eso", "ponme una docena de esos": that line, at that many
            Verb::Put if to_me && self.of_that(rest, hi).is_some() => {
                Some(Self::quantity_change(None, self.of_that(rest, hi)?))
            }
            // "pon también una lámpara", "put also …": an add
            Verb::Put if matches!(self.word(rest), "tambien" | "also") => {
                self.add(rest + 1, hi, pronoun)
            }
            // "grab me a glass jar", "get me two"
            Verb::Put if self.word(rest) == "me" && rest + 1 < hi => {
                self.add(rest + 1, hi, pronoun)
            }
            // "chuck out the owl cushions", "throw out the mugs": a removal
            Verb::Put
                if self.word(rest) == "out"
                    && rest + 1 < hi
                    && matches!(self.word(lo), "chuck" | "throw" | "toss") =>
            {
                self.removal(rest + 1, hi, pronoun)
            }
            // "throw in a welcome doormat", "pop in two mugs"
            Verb::Put if self.word(rest) == "in" && rest + 1 < hi => {
                self.add(rest + 1, hi, pronoun)
            }
            // "put a memo board in (too)": an add, the "in" last
            Verb::Put
                if hi > rest + 2
                    && self.word(hi - 1) == "in"
                    && matches!(self.word(rest), "a" | "an" | "another" | "some") =>
            {
                self.add(rest, hi - 1, pronoun)
            }
            // "pon otra bolsa de agua caliente": one more of it (see `add`)
            Verb::Put if matches!(self.word(rest), "another" | "otra" | "otro") => {
                self.add(rest, hi, pronoun)
            }
            Verb::Put if to_me || self.cart_phrase(rest, hi).is_some() => {
                self.add(rest, hi, pronoun)
            }
            // "pon 4 tazas", "put 3 heart holders in too": that many of a product, the
            // line's quantity when the cart has it, else an add
            Verb::Put
                if !pronoun
                    && self.relative(rest, hi).is_none()
                    && self.update_quantity(rest).is_some_and(|q| {
                        q.value > 0 && self.target(rest + q.len, hi).is_some()
                    }) =>
            {
                let q = self.update_quantity(rest)?;
                let start = self.past_unit(rest + q.len);
                Some(Intent::Want {
                    terms: self.target(start, hi)?,
                    quantity: q.value,
                })
            }
            // "rebaja en dos las tazas", "sube en 3 los vasos": moved by that many
            Verb::Change if self.word(rest) == "en" && by_direction(self.word(lo)).is_some() => {
                let q = quantity_at(&self.words, rest + 1).filter(|q| q.explicit)?;
                let named = self.target(rest + 1 + q.len, hi);
                Some(Intent::ChangeBy {
                    target: named,
                    delta: by_direction(self.word(lo))? * q.value as i32,
                })
            }
            // "ponle dos más", "sube una más"
            Verb::Put | Verb::Change if self.relative(rest, hi).is_some() => {
                self.relative(rest, hi)
            }
            Verb::Put | Verb::Change => self.update(rest, hi, pronoun),
            Verb::Make => self.make(rest, hi),
            Verb::Remove => {
                // "drop earrings" is a product: "drop" needs an object ("drop the mugs")
                let needs_object = self.word(lo) == "drop";
                let w = self.word(rest);
                if needs_object && !(is_determiner(w) || is_pronoun(w) || is_everything(w)) {
                    return None;
                }
                // "drop the holder down to just one": a new quantity, not a removal
                if self.moved_to(rest, hi, &["down"]) {
                    return self.update(rest, hi, pronoun);
                }
                self.removal(rest, hi, pronoun)
            }
            // "take it down to 7", "knock the cups down to 1 pack", "knock it up to 3"
            Verb::Take if self.moved_to(rest, hi, &["down", "up"]) => {
                self.update(rest, hi, pronoun)
            }
            Verb::Take => {
                let out = (rest..hi).any(|i| matches!(self.word(i), "out" | "off" | "away"));
                // "take the mugs out", "take two mugs off"
                let object = (rest..hi)
                    .any(|i| is_determiner(self.word(i)) || is_pronoun(self.word(i)))
                    || self.update_quantity(rest).is_some_and(|q| q.explicit);
                if out && object {
                    // "take off 4 of the mugs": the particle first
                    let rest = rest + usize::from(matches!(self.word(rest), "off" | "out"));
                    self.removal(rest, hi, false)
                } else {
                    None
                }
            }
            // "vacía la bolsa": emptied, the bag is the cart
            // ("clear bag" is a product)
            // "vacía el carrito que ya no quiero nada": emptied, whatever the reason
            // ("the whole order, empty it": nothing but the cart can be emptied)
            Verb::Clear => (rest == hi
                || self.names_whole_cart(rest, hi)
                || (rest..hi).all(|i| is_pronoun(self.word(i)))
                || (rest + 1..hi).any(|k| {
                    matches!(self.word(k), "que" | "porque" | "because" | "since" | "as")
                        && self.names_whole_cart(rest, k)
                })
                || hi == rest + 2
                    && is_determiner(self.word(rest))
                    && matches!(self.word(rest + 1), "bag" | "bolsa"))
            .then_some(Intent::Clear),
            Verb::Ship | Verb::Live => None,
        }
    }
}

/// Whether the shopper asks what goes with the cart ("what goes with my cart?",
/// "¿qué me recomiendas?"): the recommender answers that, not the search index.
pub(crate) fn asks_for_complement(tokens: &[Token]) -> bool {
    let words: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
    (0..words.len()).any(|i| {
        COMPLEMENT
            .iter()
            .any(|p| words.len() >= i + p.len() && words[i..i + p.len()] == **p)
    })
}

/// The intent of an utterance (see the module doc), and the search to run instead
/// when it is a cart change said like a product name and the cart has no such line.
pub(crate) fn intent(text: &str, tokens: &[Token]) -> (Intent, Option<String>) {
    intent_with(text, tokens, true)
}

/// Like [`intent`], but a country's name is not read as a destination: for an
/// utterance that names a cart line with a country in its name ("make the poste
/// france cushion 4"), which only the cart can tell.
pub(crate) fn intent_ignoring_destination(
    text: &str,
    tokens: &[Token],
) -> (Intent, Option<String>) {
    intent_with(text, tokens, false)
}

fn intent_with(text: &str, tokens: &[Token], destination: bool) -> (Intent, Option<String>) {
    let read = intent_of(text, tokens, destination);
    let (intent, instead) = match read.0 {
        Intent::Search { .. } => before_chatter(text, destination).unwrap_or(read),
        _ => read,
    };
    // "I'll take three cake tin sets instead": that many in place of what the cart
    // holds, an add only when it holds none
    let replaces = tokens.iter().any(|t| t.folded == "instead")
        || tokens
            .windows(2)
            .any(|w| w[0].folded == "en" && matches!(w[1].folded.as_str(), "vez" | "lugar"));
    match intent {
        Intent::Add { terms, quantity } if replaces && !terms.is_empty() => {
            (Intent::Want { terms, quantity }, instead)
        }
        other => (other, instead),
    }
}

/// Where one clause of a turn ends and the next begins.
const SEPARATORS: [&str; 6] = [", ", ". ", "? ", "! ", " - ", "; "];

/// A request followed by a sentence that only tells why ("make that 3, it's for my
/// daughter's bake sale", "robot x3 pls, buying for triplets"): the request read
/// alone, when the whole reads as a search, the rest asks nothing (no question) and
/// reads as a search too. The longest such request is kept.
fn before_chatter(text: &str, destination: bool) -> Option<(Intent, Option<String>)> {
    let is_search = |i: &Intent| matches!(i, Intent::Search { .. });
    let mut ends: Vec<(usize, usize)> = SEPARATORS
        .iter()
        .flat_map(|sep| {
            text.match_indices(sep)
                .map(|(at, sep)| (at, at + sep.len()))
        })
        .collect();
    ends.sort_unstable();
    ends.into_iter().rev().find_map(|(head_end, rest_start)| {
        let (head, rest) = (&text[..head_end], &text[rest_start..]);
        if rest.contains('?') || rest.contains('¿') {
            return None;
        }
        let (rest_intent, _) = intent_of(rest, &crate::text::tokens(rest), destination);
        if !is_search(&rest_intent) {
            return None;
        }
        let asked = intent_of(head, &crate::text::tokens(head), destination);
        // a product asked for in a request of one clause; said over several ("the zinc
        // sign - can I get six?") it is left to the search, which reads the cart too
        let one_clause = !SEPARATORS.iter().any(|sep| head.contains(sep));
        let kept = match asked.0 {
            Intent::Search { .. } => false,
            Intent::Want { .. } | Intent::Add { .. } => one_clause,
            _ => true,
        };
        kept.then_some(asked)
    })
}

/// Whether `again` is one word of `named` ("bags" of "doily lunch bags").
fn names_again(named: &str, again: &str) -> bool {
    let again = crate::text::tokens(again);
    let [word] = again.as_slice() else {
        return false;
    };
    let stem = |w: &str| w.trim_end_matches('s').to_string();
    crate::text::tokens(named)
        .iter()
        .any(|t| stem(&t.folded) == stem(&word.folded))
}

/// Where a closing statement of the pack size starts ("and they come in tens",
/// "vienen de 60"), if the utterance asks something before it.
fn pack_statement(tokens: &[Token]) -> Option<usize> {
    let words: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
    let at = (1..words.len()).find(|&i| {
        matches!(
            words[i],
            "come" | "comes" | "sold" | "vienen" | "viene" | "venden"
        ) && crate::stated_pack(&words[i..]).is_some()
    })?;
    let mut start = at;
    while start > 0
        && matches!(
            words[start - 1],
            "and" | "y" | "they" | "theyre" | "as" | "since" | "because" | "que" | "pero" | "but"
        )
    {
        start -= 1;
    }
    (start > 1).then_some(start)
}

/// Which way a Spanish verb moves a quantity: "sube", "aumenta" up; "baja",
/// "rebaja", "reduce" down.
fn by_direction(verb: &str) -> Option<i32> {
    const UP: &[&str] = &["sub", "aument", "increment"];
    const DOWN: &[&str] = &["baj", "rebaj", "reduc", "disminu"];
    if UP.iter().any(|p| verb.starts_with(p)) {
        Some(1)
    } else if DOWN.iter().any(|p| verb.starts_with(p)) {
        Some(-1)
    } else {
        None
    }
}

/// What a shopper says to take back the count just said.
#[rustfmt::skip]
const CORRECTION: &[&[&str]] = &[
    &["no", "wait"], &["actually", "no"], &["sorry", "no"], &["no", "sorry"], &["i", "mean"],
    &["no", "mejor"], &["mejor", "dicho"], &["no", "perdon"], &["perdon"], &["digo"],
    &["quiero", "decir"], &["o", "sea"], &["no", "espera"], &["espera"], &["bueno", "mejor"],
    &["mejor"], &["no", "actually"], &["actually"], &["no", "hang", "on"], &["hang", "on"],
    &["wait"],
];

/// Words that may stand between a correction and its count: "no wait, make it 5",
/// "digo, que sean 3", "no, mejor déjalas en 12", "actually by two".
#[rustfmt::skip]
const NEW_COUNT_VERBS: &[&str] = &[
    "make", "it", "that", "them", "say", "que", "sean", "ponle", "ponme", "dame", "by", "dejala",
    "dejalo", "dejalas", "dejalos", "ponla", "ponlo", "ponlas", "ponlos", "en",
];

/// The tokens with a count taken back ("3, no wait, 4") replaced by the one said
/// after it, and the correction dropped; `None` when no count is corrected.
/// A bare "no" before the new count corrects it in English ("make it 2, no 3") or
/// set off by a comma ("seis paquetes, no, ocho"); in Spanish "cinco, no tres" is
/// five, not three.
fn corrected_count(text: &str, tokens: &[Token]) -> Option<Vec<Token>> {
    let words: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
    let n = words.len();
    let english = crate::language::detect(text, tokens) == crate::Lang::En;
    let bare_no = |i: usize| {
        words[i] == "no"
            && (english
                || text
                    .get(tokens[i].end..)
                    .is_some_and(|r| r.starts_with(',')))
    };
    let (at, len) = (1..n).find_map(|i| {
        CORRECTION
            .iter()
            .find(|p| words[i..].starts_with(p))
            .map(|p| (i, p.len()))
            .or_else(|| bare_no(i).then_some((i, 1)))
    })?;
    // "no wait, make it 5", "digo, que sean 3": the verb of the new count goes too
    let mut len = len;
    while len < 4
        && words
            .get(at + len)
            .is_some_and(|w| NEW_COUNT_VERBS.contains(w))
    {
        len += 1;
    }
    let new = quantity_at(&words, at + len).filter(|q| q.explicit)?;
    // the new count, then at most what it counts in ("2 less", "60 please")
    let tail = at + len + new.len;
    let trailing = |w: &str| {
        matches!(
            w,
            "less"
                | "more"
                | "fewer"
                | "menos"
                | "mas"
                | "please"
                | "pls"
                | "porfa"
                | "thanks"
                | "mejor"
                | "sorry"
        )
    };
    // (then, after a comma or a stop, anything: "…, no 3, my sisters want one each";
    // or that the count is enough: "8 is plenty for the class")
    let clause_end = (tail..n)
        .find(|&i| {
            i > 0
                && text
                    .get(tokens[i - 1].end..tokens[i].start)
                    .is_some_and(|gap| gap.contains([',', '.', ';', '!', '?']))
        })
        .unwrap_or(n);
    let enough = ENOUGH.iter().any(|p| words[tail..].starts_with(p))
        || words[tail..].starts_with(&["is", "plenty"]);
    if !enough && !(tail..clause_end).all(|i| trailing(words[i])) {
        return None;
    }
    // the last count before it, read from the start ("media docena" is one count)
    let mut old = None;
    let mut i = 0;
    while i < at {
        match quantity_at(&words[..at], i) {
            Some(q) if q.explicit => {
                old = Some((i, q));
                i += q.len;
            }
            _ => i += 1,
        }
    }
    let (from, said) = old?;
    // "… ah no, mejor …": the hesitation goes with the correction
    let new_at = at + len;
    let mut at = at;
    while at > from + said.len && matches!(words[at - 1], "ah" | "oh" | "uh" | "um" | "eh" | "er") {
        at -= 1;
    }
    // (in the old count's place in the text, so spans stay in order)
    let (start, end) = (tokens[from].start, tokens[from + said.len - 1].end);
    let mut out: Vec<Token> = tokens[..from].to_vec();
    // (the first takes the old count's place, the rest an empty one after it)
    out.extend(
        tokens[new_at..new_at + new.len]
            .iter()
            .enumerate()
            .map(|(k, t)| Token {
                folded: t.folded.clone(),
                start: if k == 0 { start } else { end },
                end,
            }),
    );
    out.extend_from_slice(&tokens[from + said.len..at]);
    Some(out)
}

/// Where "instead of <a count>", "en vez de <n>", "en lugar de <n>" starts, if said.
fn instead_of_a_count(tokens: &[Token]) -> Option<usize> {
    let words: Vec<&str> = tokens.iter().map(|t| t.folded.as_str()).collect();
    (1..words.len()).find(|&i| {
        let len = match (words[i], words.get(i + 1), words.get(i + 2)) {
            ("instead", Some(&"of"), _) | ("rather", Some(&"than"), _) => 2,
            ("en", Some(&("vez" | "lugar")), Some(&"de")) => 3,
            _ => return false,
        };
        quantity_at(&words, i + len)
            .is_some_and(|q| q.explicit || matches!(words[i + len], "one" | "una" | "uno" | "un"))
    })
}

/// The tokens outside the brackets that set a thing apart ("(no el mug)") or say what
/// it is for ("(gifts for the bridesmaids)"), unless they hold a count; a bracket that
/// glosses a name ("(snack loaf)") stays. An unclosed bracket runs to the end.
fn without_asides(text: &str, tokens: &[Token]) -> Vec<Token> {
    let mut asides = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let close = text[open..].find(')').map_or(text.len(), |i| open + i);
        asides.push(open..close);
        from = (close + 1).min(text.len());
    }
    asides.retain(|aside| {
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| aside.contains(&t.start))
            .map(|t| t.folded.as_str())
            .collect();
        let apart = matches!(words.first(), Some(&("no" | "not" | "ni")))
            || words.iter().any(|w| matches!(*w, "for" | "para"));
        apart && !(0..words.len()).any(|i| quantity_at(&words, i).is_some_and(|q| q.explicit))
    });
    tokens
        .iter()
        .filter(|t| !asides.iter().any(|aside| aside.contains(&t.start)))
        .cloned()
        .collect()
}

fn intent_of(text: &str, tokens: &[Token], destination: bool) -> (Intent, Option<String>) {
    // "+1", "-2": the line talked about, moved by that many
    let trimmed = text.trim();
    if let Some((sign, digits)) = trimmed
        .strip_prefix('+')
        .map(|d| (1, d))
        .or_else(|| trimmed.strip_prefix('-').map(|d| (-1, d)))
    {
        if let Ok(n) = digits.trim().parse::<i32>() {
            if (1..=99).contains(&n) {
                return (
                    Intent::ChangeBy {
                        target: None,
                        delta: sign * n,
                    },
                    None,
                );
            }
        }
    }
    // "necesito 50 servilletas... no, mejor 60", "1 less, actually no, 2 less": the
    // count said last, in the place of the one it corrects
    if let Some(corrected) = corrected_count(text, tokens) {
        return intent_of(text, &corrected, destination);
    }
    // "12 tea lights instead of 6", "dos mesitas en lugar de una": the line the cart
    // holds, at its new quantity
    if let Some(at) = instead_of_a_count(tokens) {
        let (intent, instead) = intent_of(text, &tokens[..at], destination);
        let intent = match intent {
            Intent::Want { terms, quantity } | Intent::Add { terms, quantity }
                if !terms.is_empty() =>
            {
                Intent::UpdateQuantity {
                    target: Some(terms),
                    quantity,
                }
            }
            other => other,
        };
        return (intent, instead);
    }
    // "…, they come in tens", "y vienen de 6 en 6": how the product is sold, which
    // only turns a total into packs (`in_packs`); the request is what comes before
    let tokens = &tokens[..pack_statement(tokens).unwrap_or(tokens.len())];
    // "(no el mug)", "(gifts for the bridesmaids)": an aside, unless it holds a count
    // ("mini jigsaw dinosaur (two)")
    let kept = without_asides(text, tokens);
    let tokens = kept.as_slice();
    let mut words: Vec<&str> = tokens.iter().map(|t| texting(&t.folded)).collect();
    pointing_back(&mut words);
    let u = Utterance {
        text,
        tokens,
        words,
    };
    let n = u.words.len();
    if let Some(ship) = u.ship_to().filter(|_| destination) {
        return (ship, None);
    }
    let clauses = u.clauses();
    if clauses.len() > 1 {
        if let Some(found) = u.by_clauses(&clauses) {
            return found;
        }
    }
    let (lo, hi) = u.strip_politeness(0, n);
    if let Some(clear) = u.start_over(lo, hi) {
        return (clear, None);
    }
    if lo >= hi {
        return (
            Intent::Search {
                terms: text.trim().to_string(),
            },
            None,
        );
    }
    if let Some(intent) = u.request(lo, hi) {
        let instead = match &intent {
            Intent::Remove { target } if !target.is_empty() => u.said_like_a_product(lo, hi),
            Intent::UpdateQuantity {
                target: Some(_), ..
            } => u.said_like_a_product(lo, hi),
            _ => None,
        };
        return (intent, instead);
    }
    let plus = text.trim_start().starts_with('+');
    // "72 sweetheart fairy cake cases please" is a product name said politely; "two
    // zinc watering cans please" and "also 3 hand warmers" ask for that many
    let digits = u.word(lo).chars().all(|c| c.is_ascii_digit());
    let also = lo > 0 && matches!(u.word(lo - 1), "also" | "and" | "y" | "tambien" | "plus");
    // "10 of the victorian t-lights": some of a line
    let of_the = digits && matches!((u.word(lo + 1), u.word(lo + 2)), ("of", "the"));
    // "3 cupcake sets too", "3 hanging hearts as well": an add
    let too = hi < n && (hi..n).any(|i| matches!(u.word(i), "too" | "tambien" | "well")) && digits;
    // "tres cuencos rosas", "a dozen tea lights": a number in words is a quantity,
    // digits may start a product's name
    let in_words = !digits
        && quantity_at(&u.words, lo).is_some_and(|q| q.explicit && q.value > 1)
        && !text.contains('?');
    let marked = plus || also || of_the || too || in_words || (!digits && (lo > 0 || hi < n));
    // "and a small skull windmill", "also the skull paper chain kit": one more thing
    // ("y también el perchero gumball")
    let also_the = also
        && (u.word(lo) == "the" && u.word(lo - 1) != "and"
            || matches!(u.word(lo), "el" | "la" | "los" | "las") && u.word(lo - 1) == "tambien")
        && !text.contains('?');
    // ("and a dozen packs of …" counts them)
    let article = matches!(u.word(lo), "a" | "an" | "un" | "una" | "unos" | "unas")
        && !quantity_at(&u.words, lo).is_some_and(|q| q.explicit);
    if also && (article || also_the) && lo + 1 < hi {
        return (
            Intent::Add {
                terms: u.span(lo + 1, hi),
                quantity: 1,
            },
            None,
        );
    }
    // "let's have 2 of those", "I'll take 3 of them": the line talked about
    // ("deberían ser 5": of the line talked about, too)
    let pointed = u.has_pronoun(lo, hi)
        || u.phrase_at(lo, hi, SHOULD_BE).is_some()
        || (u.word(lo) == "they" && u.phrase_at(lo + 1, hi, SHOULD_BE).is_some());
    if let Some(q) = u.only_quantity(lo, hi).filter(|_| pointed) {
        return (
            Intent::UpdateQuantity {
                target: None,
                quantity: q,
            },
            None,
        );
    }
    if let Some(want) = u.want(lo, hi, marked) {
        // "+ 2 bowls": more, whatever the cart holds
        return match want {
            Intent::Want { terms, quantity } if plus => (Intent::Add { terms, quantity }, None),
            other => (other, None),
        };
    }
    // "8 birthday cards pls", "4 ludos": that many of a line the cart holds, else a
    // product name ("72 sweetheart fairy cake cases please"): a search
    if digits {
        if let Some(want) = u.want(lo, hi, true) {
            // "3 x glass jars", "3 sets of the tea towels": a count, not a name
            let counted = u.word(lo + 1) == "x"
                || (is_unit(u.word(lo + 1)) && matches!(u.word(lo + 2), "of" | "de"));
            return (want, (!counted).then(|| u.search_terms(lo, hi)));
        }
    }
    // "I changed my mind about the pencils": a line taken back
    let changed_mind = (0..lo).any(|i| u.starts_with(i, lo, &["changed", "my", "mind", "about"]));
    if changed_mind {
        if let Some(target) = u.target(lo, hi) {
            return (Intent::Remove { target }, u.said_like_a_product(lo, hi));
        }
    }
    // "the black baroque clock as well please", "skulls tote bag for me too": one
    // of it (not "¿tenéis tazas también?")
    let as_well = (hi..n).any(|i| {
        matches!(u.word(i), "too" | "tambien") || (u.word(i) == "well" && u.word(i - 1) == "as")
    });
    if as_well && !text.contains('?') && u.phrase_at(lo, hi, SEARCH_VERBS).is_none() {
        let start = lo + usize::from(is_determiner(u.word(lo)) || ARTICLES.contains(&u.word(lo)));
        if start < hi {
            return (
                Intent::Add {
                    terms: u.span(start, hi),
                    quantity: 1,
                },
                None,
            );
        }
    }
    // "quiero ver relojes": the search is what follows the wanting
    let lo = lo
        + u.phrase_at(lo, hi, WANT)
            .filter(|n| lo + n < hi)
            .unwrap_or(0);
    (
        Intent::Search {
            terms: u.search_terms(lo, hi),
        },
        None,
    )
}

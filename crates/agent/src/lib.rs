//! cartlift's shopper agent: what a shopper typing in the shop's search box asks of
//! the cart, in English and Spanish.
//!
//! Deterministic and dependency-free: no model, no I/O, no async. The server calls
//! [`understand`] on each query, then [`decide`] with the widget's `cartSnapshot`
//! and the conversation's [`Memory`]; the [`Action`] becomes the response's search
//! or its `cartAction` (the widget confirms every change before the host makes it).
//!
//! - [`understand`]: the intent and the language of an utterance ("remvoe the mugs",
//!   "vacía el carrito", "envío a Francia"), typos and politeness included.
//! - [`resolve_line`]: which cart line "the mugs" or "la taza" names, or that two do.
//! - [`country_code`]: a country as shoppers name it → ISO-3166-1 alpha-2.
//! - [`decide`]: the action against the cart, or a question back when the words
//!   name no line or two lines alike; a sentence read as a search that names one line
//!   and a change of it ("the blue sign, I actually want 3") is that change.
//! - [`english_for`], [`catalog_words`]: the catalog's English for Spanish words,
//!   for matching lines and for the search index.
//! - [`asks_for_complement`]: "what goes with my cart?", for the recommender.
//! - [`ShopWords`]: a shop's abbreviations and nicknames in its product names
//!   (from its settings), spelled out before lines are matched.
//! - [`eval`]: the labelled-utterance protocol that measures all of the above.

mod countries;
pub mod eval;
mod glossary;
mod intent;
mod language;
mod numbers;
mod resolve;
mod shop_words;
mod spot;
mod text;
mod vocab;

pub use countries::{country_code, known_codes};
pub use glossary::{catalog_words, english_for};
pub use numbers::number;
pub use resolve::{resolve_line, resolve_whole, Resolution};
pub use shop_words::ShopWords;
pub use text::fold;

use spot::{spot, Spotted};

/// The language a shopper writes in (and the agent answers in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    /// The ISO 639-1 code, as in `SearchResponse.responseLanguage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }
}

/// A line of the shopper's cart as the agent sees it (from the widget's `cartSnapshot`),
/// its name with the shop's words spelled out ([`ShopWords::spell_out`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CartLine<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub quantity: u32,
}

/// What the conversation remembers between turns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Memory {
    /// The cart line talked about last: what "make it 3" and "quítalo" mean.
    pub last_item_key: Option<String>,
    /// The destination the shopper gave (ISO alpha-2).
    pub destination: Option<String>,
}

impl Memory {
    /// Remembers what an action was about. An added product's line key is only known
    /// once the host has added it: the caller sets `last_item_key` then.
    pub fn remember(&mut self, action: &Action) {
        match action {
            Action::Remove { key } if self.last_item_key.as_ref() == Some(key) => {
                self.last_item_key = None
            }
            Action::UpdateQuantity { key, .. } => self.last_item_key = Some(key.clone()),
            Action::Clear => self.last_item_key = None,
            Action::ShipTo { country } => self.destination = Some(country.clone()),
            _ => {}
        }
    }
}

/// What an utterance asks for. Targets are the shopper's words as typed ("la
/// linterna"); [`resolve_line`] finds the line they name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// A plain product search: the default.
    Search { terms: String },
    /// "add a lantern", "añade dos velas", "put 2 mugs in my cart". Empty terms
    /// ("add another one") mean the line talked about.
    Add { terms: String, quantity: u32 },
    /// "remove the mugs", "quita la taza"; empty for "remove it", "quítalo": the
    /// line talked about (`resolve_line` reads an empty target as none).
    Remove { target: String },
    /// "make it 3", "change the lantern to 3", "pon 4 tazas". A quantity of 0 is a
    /// [`Intent::Remove`].
    UpdateQuantity {
        target: Option<String>,
        quantity: u32,
    },
    /// "two more mugs", "one less lantern", "quita una taza", "me sobran dos":
    /// the line's quantity moved by `delta` (to nothing: removed). No target: the line
    /// talked about.
    ChangeBy { target: Option<String>, delta: i32 },
    /// "double the rulers", "cut that in half": the line's quantity times `by`,
    /// divided by `parts` (never below one). No target: the line talked about.
    Scale {
        target: Option<String>,
        by: u32,
        parts: u32,
    },
    /// "mugs x3", "two zinc watering cans": a number of a product. The line's new
    /// quantity when the cart holds it, else an add.
    Want { terms: String, quantity: u32 },
    /// "empty my cart", "vacía el carrito", "remove everything".
    Clear,
    /// "ship to Spain", "envío a Francia": an ISO-3166-1 alpha-2 code.
    ShipTo { country: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Understanding {
    pub intent: Intent,
    pub language: Lang,
    /// Search terms for when the intent is a cart change said like a product name
    /// ("remove stains soap", "quita manchas", "60 cake cases please") and no cart
    /// line fits: the shopper was searching. [`decide`] uses them.
    pub search_instead: Option<String>,
    /// The utterance as typed: a sentence read as a search may still name a cart
    /// line and what to do with it, which only the cart can tell (see `spot`).
    pub utterance: String,
}

/// The intent of an utterance and its language (detected unless `hint` gives it,
/// e.g. from the widget's UI language when the utterance is one product word).
pub fn understand(utterance: &str, hint: Option<Lang>) -> Understanding {
    let tokens = text::tokens(utterance);
    let language = hint.unwrap_or_else(|| language::detect(utterance, &tokens));
    let counted = text::counts_apart(utterance);
    let (intent, search_instead) = intent::intent(&counted, &text::tokens(&counted));
    Understanding {
        intent,
        language,
        search_instead,
        utterance: utterance.to_string(),
    }
}

/// Whether the shopper asks what goes with the cart ("what goes with my cart?",
/// "¿qué combina con mi carrito?"): the recommender answers, not the search index.
pub fn asks_for_complement(utterance: &str) -> bool {
    intent::asks_for_complement(&text::tokens(utterance))
}

/// The language of an utterance: Spanish words, accents, `ñ`, `¿` against English
/// words; English when nothing tells.
pub fn detect_language(utterance: &str) -> Lang {
    language::detect(utterance, &text::tokens(utterance))
}

/// What the agent does about an utterance, given the cart: the `cartAction` to
/// propose, a search, or a question back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Search {
        terms: String,
    },
    /// Search `terms` and propose the best product (`ADD_SUGGESTION`).
    Add {
        terms: String,
        quantity: u32,
    },
    Remove {
        key: String,
    },
    UpdateQuantity {
        key: String,
        quantity: u32,
    },
    Clear,
    /// `SET_DESTINATION_COUNTRY`.
    ShipTo {
        country: String,
    },
    /// A cart change the agent cannot pin down: ask which of `candidates` (empty:
    /// nothing in the cart matches, or the cart is empty). Never act on a guess.
    Clarify {
        candidates: Vec<String>,
    },
}

/// The action for an understood utterance against the shopper's cart, whose line
/// names have the shop's `words` spelled out; the shopper's words for a line are read
/// with them too.
pub fn decide(
    understanding: &Understanding,
    cart: &[CartLine],
    memory: &Memory,
    words: &ShopWords,
) -> Action {
    let said = |target: &str| words.spell_out_said(target);
    // "2 more of that doll": of the lines that fit, the one talked about
    let pointing = text::tokens(&understanding.utterance).iter().any(|t| {
        matches!(
            t.folded.as_str(),
            "that"
                | "this"
                | "those"
                | "these"
                | "ese"
                | "esa"
                | "esos"
                | "esas"
                | "este"
                | "esta"
                | "estos"
                | "estas"
        )
    });
    let line = |target: &Option<String>| match resolve_line(
        target.as_deref().map(said).as_deref(),
        cart,
        memory,
    ) {
        Resolution::Ambiguous(keys)
            if pointing
                && memory
                    .last_item_key
                    .as_ref()
                    .is_some_and(|last| keys.contains(last)) =>
        {
            Resolution::Found(memory.last_item_key.clone().unwrap_or_default())
        }
        other => other,
    };
    let unclear = |r: Resolution| match (r, &understanding.search_instead) {
        (Resolution::NotInCart, Some(terms)) => Action::Search {
            terms: terms.clone(),
        },
        (Resolution::Ambiguous(keys), _) => Action::Clarify { candidates: keys },
        _ => Action::Clarify {
            candidates: Vec::new(),
        },
    };
    match &understanding.intent {
        Intent::Search { terms } => match spot(&understanding.utterance, cart, memory, words) {
            Some((key, Spotted::Remove)) => Action::Remove { key },
            Some((key, Spotted::SetTo(quantity))) => Action::UpdateQuantity {
                quantity: in_packs(&understanding.utterance, &key, quantity, cart),
                key,
            },
            Some((key, Spotted::Scale { by, parts })) => {
                let current = cart.iter().find(|l| l.key == key).map_or(0, |l| l.quantity);
                Action::UpdateQuantity {
                    key,
                    quantity: (current * by).div_ceil(parts.max(1)).max(1),
                }
            }
            Some((key, Spotted::By(delta))) => {
                let current = cart.iter().find(|l| l.key == key).map_or(0, |l| l.quantity);
                match i64::from(current) + i64::from(delta) {
                    to if to <= 0 => Action::Remove { key },
                    to => Action::UpdateQuantity {
                        key,
                        quantity: to as u32,
                    },
                }
            }
            None => Action::Search {
                terms: terms.clone(),
            },
        },
        Intent::Add { terms, quantity } if terms.is_empty() => match line(&None) {
            // "add another one": one more of the line talked about
            Resolution::Found(key) => {
                let current = cart.iter().find(|l| l.key == key).map_or(0, |l| l.quantity);
                Action::UpdateQuantity {
                    key,
                    quantity: current + quantity,
                }
            }
            other => unclear(other),
        },
        Intent::Add { terms, quantity } => Action::Add {
            terms: terms.clone(),
            quantity: *quantity,
        },
        Intent::Remove { target } => match resolve_line(Some(&said(target)), cart, memory) {
            Resolution::Found(key) => Action::Remove { key },
            other => unclear(other),
        },
        Intent::UpdateQuantity { target, quantity } => match line(target) {
            Resolution::Found(key) => Action::UpdateQuantity {
                quantity: in_packs(&understanding.utterance, &key, *quantity, cart),
                key,
            },
            other => unclear(other),
        },
        Intent::ChangeBy { target, delta } => match line(target) {
            Resolution::Found(key) => {
                let current = cart.iter().find(|l| l.key == key).map_or(0, |l| l.quantity);
                let to = i64::from(current) + i64::from(*delta);
                if to <= 0 {
                    Action::Remove { key }
                } else {
                    Action::UpdateQuantity {
                        key,
                        quantity: to as u32,
                    }
                }
            }
            // "two more lanterns" with none in the cart: two lanterns
            Resolution::NotInCart if *delta > 0 && target.is_some() => Action::Add {
                terms: target.clone().unwrap_or_default(),
                quantity: delta.unsigned_abs(),
            },
            other => unclear(other),
        },
        Intent::Scale { target, by, parts } => match line(target) {
            Resolution::Found(key) => {
                let current = cart.iter().find(|l| l.key == key).map_or(0, |l| l.quantity);
                let to = (current * by).div_ceil((*parts).max(1)).max(1);
                Action::UpdateQuantity { key, quantity: to }
            }
            other => unclear(other),
        },
        Intent::Want { terms, quantity } => match resolve_whole(&said(terms), cart, memory) {
            Resolution::Found(key) => Action::UpdateQuantity {
                quantity: in_packs(&understanding.utterance, &key, *quantity, cart),
                key,
            },
            Resolution::Ambiguous(keys) => Action::Clarify { candidates: keys },
            Resolution::NotInCart => match &understanding.search_instead {
                Some(search) => Action::Search {
                    terms: search.clone(),
                },
                None => Action::Add {
                    terms: terms.clone(),
                    quantity: *quantity,
                },
            },
        },
        Intent::Clear if cart.is_empty() => Action::Clarify {
            candidates: Vec::new(),
        },
        Intent::Clear => Action::Clear,
        Intent::ShipTo { country } => {
            // "make the poste france cushion 4": the country is a cart line's name
            if names_line_by_country(&understanding.utterance, country, cart) {
                let tokens = text::tokens(&understanding.utterance);
                let (intent, search_instead) =
                    intent::intent_ignoring_destination(&understanding.utterance, &tokens);
                if !matches!(intent, Intent::Search { .. } | Intent::ShipTo { .. }) {
                    let without = Understanding {
                        intent,
                        search_instead,
                        ..understanding.clone()
                    };
                    return decide(&without, cart, memory, words);
                }
            }
            Action::ShipTo {
                country: country.clone(),
            }
        }
    }
}

/// A total of single items said as such ("12 candles in total", "24 velitas en
/// total", "12 altogether", "I need 24 skull cups") for a line sold in packs ("4 SKY BLUE DINNER CANDLES",
/// "S/12 VANILLA T-LIGHTS", "SET OF 3 …"), or with the pack size said ("18 tea
/// lights, they're sold in sixes"): that many packs, when it divides. Otherwise the
/// quantity as said: a cart's quantities count what the shop sells.
fn in_packs(utterance: &str, key: &str, quantity: u32, cart: &[CartLine]) -> u32 {
    let words: Vec<String> = text::tokens(utterance)
        .into_iter()
        .map(|t| t.folded)
        .collect();
    let total = words.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "altogether" | "overall" | "total")
            || (w == "all" && i > 0 && words[i - 1] == "in")
            || (w == "all" && matches!(words.get(i + 1).map(String::as_str), Some("up" | "told")))
    });
    // "I need 24 skull cups", "quiero 18 vasos": what a shopper needs is counted in
    // items, what they set a line to ("make it 24") in what the shop sells
    let needed = words.windows(2).any(|w| {
        matches!(
            w[0].as_str(),
            "need" | "needs" | "want" | "necesito" | "necesitamos" | "quiero" | "queremos"
        ) && w[1].chars().all(|c| c.is_ascii_digit())
    });
    let stated = stated_pack(&words);
    let pack = stated.or_else(|| {
        cart.iter()
            .find(|l| l.key == key)
            .and_then(|l| pack_size(l.name))
            .filter(|&pack| total || (needed && quantity > pack))
    });
    match pack {
        Some(pack) if quantity >= pack && quantity.is_multiple_of(pack) => quantity / pack,
        _ => quantity,
    }
}

/// A pack size the shopper states: "they come six to a set", "sold in sixes", "20 a
/// pack", "in packs of 12", "vienen de 9 en 9", "vienen de 60", "paquetes de 6".
pub(crate) fn stated_pack<S: AsRef<str>>(words: &[S]) -> Option<u32> {
    let word = |i: usize| words.get(i).map_or("", AsRef::as_ref);
    // "sixes", "threes", "dozens": a number in the plural
    let plural = |w: &str| {
        w.strip_suffix("es")
            .and_then(numbers::number)
            .or_else(|| w.strip_suffix('s').and_then(numbers::number))
            .or_else(|| (w == "dozens").then_some(12))
    };
    let n = |w: &str| numbers::number(w).filter(|n| (2..=200).contains(n));
    (0..words.len()).find_map(|i| {
        match (word(i), word(i + 1), word(i + 2)) {
            // "six to a set", "20 a pack", "12 per box", "6 in a pack"
            (w, "to" | "a" | "per" | "por" | "in" | "each", _) if n(w).is_some() => {
                let unit = if word(i + 1) == "in" || word(i + 1) == "to" {
                    i + 2 + usize::from(matches!(word(i + 2), "a" | "each"))
                } else {
                    i + 2
                };
                matches!(word(unit), "pack" | "set" | "box" | "bag" | "tube")
                    .then(|| n(w))
                    .flatten()
            }
            // "sold in sixes", "they come in threes"
            ("in", w, _) if plural(w).is_some() && i > 0 => {
                matches!(word(i - 1), "come" | "comes" | "sold" | "go")
                    .then(|| plural(w))
                    .flatten()
            }
            // "in packs of 12", "paquetes de 6", "vienen de 9 en 9"
            ("packs" | "sets" | "boxes" | "paquetes" | "cajas", "of" | "de", w) => n(w),
            ("de", w, "en") if n(w).is_some() && n(w) == n(word(i + 3)) => n(w),
            // "vienen de 60", "come in 10s"
            ("vienen" | "viene" | "venden" | "come" | "comes", "de" | "in", w) => n(w),
            _ => None,
        }
    })
}

/// How many items one unit of a product holds, by its name: "4 ROSE PINK DINNER
/// CANDLES", "S/12 …", "SET OF 3 …", "SET 2 …", "PACK OF 12 …". Not "3 PIECE
/// CUTLERY SET" (one set of three kinds), nor "18PC …".
fn pack_size(name: &str) -> Option<u32> {
    let words: Vec<String> = text::tokens(name).into_iter().map(|t| t.folded).collect();
    let number = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.parse::<u32>().ok())
            .filter(|n| (2..=200).contains(n))
    };
    let piece = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| matches!(w.as_str(), "piece" | "pc" | "pcs" | "pieces"))
    };
    if let Some(n) = number(0).filter(|_| !piece(1) && words.len() > 1) {
        return Some(n);
    }
    words.iter().enumerate().find_map(|(i, w)| {
        let at = match (w.as_str(), words.get(i + 1).map(String::as_str)) {
            ("set" | "pack" | "box" | "bag" | "tube", Some("of")) => i + 2,
            // "S/12 …", spelled out by the shop's words as "set 12 …"
            ("set" | "pack" | "box" | "s", _) => i + 1,
            _ => return None,
        };
        number(at).filter(|_| !piece(at + 1))
    })
}

/// Whether the utterance names a cart line through the words of its name that
/// are `country` ("POSTE FRANCE CUSHION COVER", "TOTE BAG I LOVE LONDON") and at
/// least one more word of that name ("the poste france cushion", not "to France").
fn names_line_by_country(utterance: &str, country: &str, cart: &[CartLine]) -> bool {
    let said: Vec<String> = text::tokens(utterance)
        .into_iter()
        .map(|t| t.folded)
        .collect();
    let has = |w: &str| said.iter().any(|s| s == w);
    cart.iter().any(|line| {
        let name: Vec<String> = text::tokens(line.name)
            .into_iter()
            .map(|t| t.folded)
            .collect();
        (0..name.len()).any(|i| {
            (1..=2).any(|len| {
                let Some(span) = name.get(i..i + len) else {
                    return false;
                };
                span.iter().all(|w| w.len() > 2 && has(w))
                    && countries::country_code(&span.join(" "))
                        .or_else(|| countries::city_country(&span.join(" ")))
                        == Some(country)
                    && name
                        .iter()
                        .enumerate()
                        .any(|(j, w)| !(i..i + len).contains(&j) && w.len() > 2 && has(w))
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(s: &str) -> Intent {
        understand(s, None).intent
    }

    fn search(s: &str) -> bool {
        matches!(intent(s), Intent::Search { .. })
    }

    #[test]
    fn the_briefs_examples() {
        assert_eq!(
            intent("add a lantern"),
            Intent::Add {
                terms: "lantern".into(),
                quantity: 1
            }
        );
        assert_eq!(
            intent("añade dos velas"),
            Intent::Add {
                terms: "velas".into(),
                quantity: 2
            }
        );
        assert_eq!(
            intent("put 2 mugs in my cart"),
            Intent::Add {
                terms: "mugs".into(),
                quantity: 2
            }
        );
        assert_eq!(
            intent("remove the mugs"),
            Intent::Remove {
                target: "mugs".into()
            }
        );
        assert_eq!(
            intent("quita la taza"),
            Intent::Remove {
                target: "taza".into()
            }
        );
        assert_eq!(
            intent("make it 3"),
            Intent::UpdateQuantity {
                target: None,
                quantity: 3
            }
        );
        assert_eq!(
            intent("change the lantern to 3"),
            Intent::UpdateQuantity {
                target: Some("lantern".into()),
                quantity: 3
            }
        );
        // the line's quantity when the cart has it, else an add (see `decide`)
        assert_eq!(
            intent("pon 4 tazas"),
            Intent::Want {
                terms: "tazas".into(),
                quantity: 4
            }
        );
        assert_eq!(
            intent("I want 5 of the candles"),
            Intent::Want {
                terms: "candles".into(),
                quantity: 5
            }
        );
        assert_eq!(
            intent("set the mugs to 0"),
            Intent::Remove {
                target: "mugs".into()
            }
        );
        for clear in [
            "empty my cart",
            "vacía el carrito",
            "remove everything",
            "clear cart",
            "vacia el carito",
        ] {
            assert_eq!(intent(clear), Intent::Clear, "{clear}");
        }
        for (s, cc) in [
            ("ship to Spain", "ES"),
            ("envío a Francia", "FR"),
            ("deliver to the UK", "GB"),
            ("mándalo a Alemania", "DE"),
        ] {
            assert_eq!(intent(s), Intent::ShipTo { country: cc.into() }, "{s}");
        }
    }

    /// What the agent does against `cart`, the line `last` talked about last.
    fn actor<'a>(cart: &'a [CartLine<'a>], last: &str) -> impl Fn(&str) -> Action + 'a {
        let memory = Memory {
            last_item_key: Some(last.into()),
            destination: None,
        };
        move |s| decide(&understand(s, None), cart, &memory, &ShopWords::default())
    }

    fn set(key: &str, quantity: u32) -> Action {
        Action::UpdateQuantity {
            key: key.into(),
            quantity,
        }
    }

    #[test]
    fn a_line_then_its_quantity_and_other_short_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "WOODEN FRAME ANTIQUE WHITE",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "DOORMAT RED RETROSPOT",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        assert_eq!(act("frame: 4"), set("l1", 4));
        assert_eq!(act("the door mat, 3 please"), set("l2", 3));
        assert_eq!(act("los marcos, ponme 6"), set("l1", 6));
        assert_eq!(act("frames - just the one"), set("l1", 1));
        assert_eq!(act("can I get 3 more frames"), set("l1", 5));
        assert_eq!(act("quiero que el felpudo sea 2"), set("l2", 2));
        assert_eq!(act("I'll take four frames instead"), set("l1", 4));
        assert_eq!(act("I'd like 3 doormats instead of one"), set("l2", 3));
        assert_eq!(act("pon otro marco"), set("l1", 3));
        assert_eq!(act("pon 5 marcos"), set("l1", 5));
        assert!(matches!(
            act("pon 2 velas"),
            Action::Add { quantity: 2, .. }
        ));
        assert!(matches!(
            act("añade una vela, tres unidades"),
            Action::Add { quantity: 3, .. }
        ));
        assert_eq!(act("kita el felpudo"), Action::Remove { key: "l2".into() });
        assert_eq!(
            act("about the frame: please take it out of my basket"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(
            act("would you mind taking the doormat out of my cart"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(act("frames one more"), set("l1", 3));
        assert_eq!(act("frame 1 less"), set("l1", 1));
        assert_eq!(act("frames -> 7"), set("l1", 7));
        assert_eq!(act("doormat +2"), set("l2", 3));
        assert_eq!(act("the white one, double it"), set("l1", 4));
        assert_eq!(act("cut the frames down to 1"), set("l1", 1));
        assert_eq!(act("sin felpudo"), Action::Remove { key: "l2".into() });
        assert!(matches!(
            act("quiero una vela"),
            Action::Add { quantity: 1, .. }
        ));
        assert!(matches!(
            act("I want the owl lamp too"),
            Action::Add { quantity: 1, .. }
        ));
        assert!(matches!(
            act("can I also get the owl lamp"),
            Action::Add { quantity: 1, .. }
        ));
        assert!(matches!(
            act("throw in a lantern"),
            Action::Add { quantity: 1, .. }
        ));
        assert_eq!(
            act("mi dirección está en Perú"),
            Action::ShipTo {
                country: "PE".into()
            }
        );
        assert_eq!(
            act("hi, would it be possible to take the frame out of my basket please"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(act("súbele dos al marco"), set("l1", 4));
        assert_eq!(act("bájale uno"), Action::Remove { key: "l2".into() });
        assert_eq!(act("resta una de los marcos"), set("l1", 1));
        assert_eq!(act("bump the frames up by two"), set("l1", 4));
        assert_eq!(act("minus one frame"), set("l1", 1));
        assert_eq!(act("frames minus 1"), set("l1", 1));
        assert_eq!(
            act("could you drop the frames down to just one?"),
            set("l1", 1)
        );
        assert_eq!(act("i need the frames x5"), set("l1", 5));
        assert_eq!(act("the frame plus two"), set("l1", 4));
        assert_eq!(act("frames to 5 pls"), set("l1", 5));
        assert_eq!(
            act("take two frames off"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(act("double up on the frames"), set("l1", 4));
        assert_eq!(act("i want 3 frames"), set("l1", 3));
        assert_eq!(act("i need 3 frames not 2"), set("l1", 3));
        assert_eq!(act("8 frames please"), set("l1", 8));
        assert_eq!(act("6 of the frames instead"), set("l1", 6));
        assert_eq!(act("los marcos, 3 nada más"), set("l1", 3));
        assert!(matches!(
            act("i want 3 candles"),
            Action::Add { quantity: 3, .. }
        ));
        assert!(matches!(
            act("add the red candle, 2 packs"),
            Action::Add { quantity: 2, .. }
        ));
        assert_eq!(
            act("felpudo no, gracias"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(
            act("the doormat isn't needed"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(
            act("el felpudo ya no lo necesito"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(
            act("el felpudo fuera del carro"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(act("no more doormat"), Action::Remove { key: "l2".into() });
        assert_eq!(
            act("el felpudo, elimínalo"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(act("nix the frame"), Action::Remove { key: "l1".into() });
        assert_eq!(act("triple the frames"), set("l1", 6));
        assert_eq!(act("el doble de marcos"), set("l1", 4));
        assert_eq!(act("make it a pair"), set("l2", 2));
        assert_eq!(act("+1"), set("l2", 2));
        assert_eq!(act("otras dos marcos"), set("l1", 4));
        assert_eq!(act("frames qty 9"), set("l1", 9));
        assert_eq!(act("el marco ponme 3"), set("l1", 3));
        assert_eq!(act("el marco que sean tres"), set("l1", 3));
        assert_eq!(act("frames, add 2"), set("l1", 4));
        assert_eq!(act("the frame, I need 5"), set("l1", 5));
        assert_eq!(act("5 frames"), set("l1", 5));
        assert_eq!(
            act("I'd rather have just half a dozen of the frames"),
            set("l1", 6)
        );
        assert!(matches!(act("5 lanterns"), Action::Search { .. }));
        assert!(matches!(
            act("grab me a lantern too"),
            Action::Add { quantity: 1, .. }
        ));
        assert_eq!(
            act("envíamelo a Lima, Perú"),
            Action::ShipTo {
                country: "PE".into()
            }
        );
        assert_eq!(
            act("I'm based in Brussels so Belgium for delivery"),
            Action::ShipTo {
                country: "BE".into()
            }
        );
        for clear in [
            "clear",
            "ya no quiero nada",
            "déjame el carrito vacío",
            "nuke the cart",
            "bin the lot",
            "quiero volver a empezar",
            "borra todo lo que hay en el carrito",
        ] {
            assert_eq!(act(clear), Action::Clear, "{clear}");
        }
    }

    #[test]
    fn relative_changes_and_numbers_of_a_product() {
        let cart = [
            CartLine {
                key: "l1",
                name: "RED RETROSPOT MUG",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "WHITE METAL LANTERN",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        assert_eq!(act("two more mugs"), set("l1", 4));
        assert_eq!(act("una más de la taza"), set("l1", 3));
        assert_eq!(act("one less mug"), set("l1", 1));
        assert_eq!(act("quita una taza"), set("l1", 1));
        assert_eq!(act("quita uno"), Action::Remove { key: "l2".into() });
        assert_eq!(act("mugs x5"), set("l1", 5));
        assert_eq!(
            act("the mugs, please take them out"),
            Action::Remove { key: "l1".into() }
        );
        assert!(matches!(act("+ 2 mugs"), Action::Add { quantity: 2, .. }));
        assert!(matches!(act("candles x3"), Action::Add { quantity: 3, .. }));
        assert_eq!(act("start again"), Action::Clear);
        // Product names and questions stay searches.
        for search in [
            "60 teatime fairy cake cases",
            "60 teatime fairy cake cases please",
            "photo frame 10 x 15",
            "do you have 12 pencils small tube skull?",
            "¿no tienes velas rojas?",
            "clear bag",
            "some more lanterns",
        ] {
            assert!(matches!(act(search), Action::Search { .. }), "{search}");
        }
    }

    #[test]
    fn searches_stay_searches() {
        for s in [
            "red heart candle",
            "address book",
            "adding machine",
            "empty jar",
            "shipping box",
            "bolsa de navidad",
            "drop earrings",
            "set of 3 cake tins",
            "",
        ] {
            assert!(search(s), "{s}: {:?}", intent(s));
        }
    }

    #[test]
    fn search_terms_lose_the_wrapping_but_keep_the_typing() {
        assert_eq!(
            intent("show me T-Light holders please"),
            Intent::Search {
                terms: "T-Light holders".into()
            }
        );
        assert_eq!(
            intent("¿Tenéis cojines?"),
            Intent::Search {
                terms: "cojines".into()
            }
        );
    }

    #[test]
    fn odd_input_never_panics_and_never_acts_on_nothing() {
        let long = "lantern ".repeat(500);
        for s in [
            "",
            "   ",
            "¿?",
            "🎁🎁",
            "a",
            "to",
            "ship to",
            "add",
            "remove the",
            "make it",
            "añade",
            "x",
            &long,
        ] {
            let u = understand(s, None);
            assert!(
                !matches!(u.intent, Intent::Clear | Intent::ShipTo { .. }),
                "{s:?}: {:?}",
                u.intent
            );
        }
        assert!(search("remove"), "a bare verb names nothing");
        assert!(search("add 0 mugs"));
        assert!(search("add"));
        assert_eq!(
            intent("añádelo"),
            Intent::Add {
                terms: String::new(),
                quantity: 1
            }
        );
        assert_eq!(
            intent("añade 9999 velas"),
            Intent::Add {
                terms: "velas".into(),
                quantity: 9999
            }
        );
    }

    #[test]
    fn complement_requests() {
        for s in [
            "what goes with my cart",
            "What goes well with this?",
            "¿Qué combina con mi carrito?",
            "¿qué me recomiendas?",
            "recomiéndame algo",
        ] {
            assert!(asks_for_complement(s), "{s}");
        }
        for s in [
            "red heart candle",
            "goes",
            "bolsa de navidad",
            "recommended",
        ] {
            assert!(!asks_for_complement(s), "{s}");
        }
    }

    #[test]
    fn the_hint_wins_over_detection() {
        assert_eq!(understand("vintage", Some(Lang::Es)).language, Lang::Es);
        assert_eq!(understand("vintage", None).language, Lang::En);
    }

    #[test]
    fn decide_asks_instead_of_guessing() {
        let cart = [
            CartLine {
                key: "a",
                name: "WHITE HANGING HEART T-LIGHT HOLDER",
                quantity: 2,
            },
            CartLine {
                key: "b",
                name: "RED WOOLLY HOTTIE WHITE HEART.",
                quantity: 1,
            },
        ];
        let memory = Memory {
            last_item_key: Some("a".into()),
            destination: None,
        };
        let act = |s: &str| decide(&understand(s, None), &cart, &memory, &ShopWords::default());
        assert_eq!(
            act("remove the heart"),
            Action::Clarify {
                candidates: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            act("remove the teapot"),
            Action::Clarify { candidates: vec![] }
        );
        assert_eq!(
            act("add another one"),
            Action::UpdateQuantity {
                key: "a".into(),
                quantity: 3
            }
        );
        assert_eq!(
            act("remove stains soap"),
            Action::Search {
                terms: "remove stains soap".into()
            }
        );
        assert_eq!(
            act("delete heart"),
            Action::Clarify {
                candidates: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            decide(
                &understand("empty my cart", None),
                &[],
                &memory,
                &ShopWords::default()
            ),
            Action::Clarify { candidates: vec![] }
        );
    }

    #[test]
    fn memory_follows_the_conversation() {
        let mut m = Memory::default();
        m.remember(&Action::UpdateQuantity {
            key: "l2".into(),
            quantity: 3,
        });
        assert_eq!(m.last_item_key.as_deref(), Some("l2"));
        m.remember(&Action::ShipTo {
            country: "FR".into(),
        });
        assert_eq!(m.destination.as_deref(), Some("FR"));
        m.remember(&Action::Remove { key: "l2".into() });
        assert_eq!(m.last_item_key, None);
    }

    #[test]
    fn doubling_halving_another_and_a_removal_said_last() {
        assert_eq!(
            intent("double the rulers"),
            Intent::Scale {
                target: Some("rulers".into()),
                by: 2,
                parts: 1
            }
        );
        assert_eq!(
            intent("cut that in half"),
            Intent::Scale {
                target: None,
                by: 1,
                parts: 2
            }
        );
        assert!(search("double ceramic parlour hook"));
        assert_eq!(
            intent("I'd like another frying pan"),
            Intent::ChangeBy {
                target: Some("frying pan".into()),
                delta: 1
            }
        );
        assert_eq!(
            intent("el tarro grande fuera"),
            Intent::Remove {
                target: "tarro grande".into()
            }
        );
        assert_eq!(
            intent("one tea caddy is enough"),
            Intent::UpdateQuantity {
                target: Some("tea caddy".into()),
                quantity: 1
            }
        );
        let cart = [
            CartLine {
                key: "a",
                name: "FELTCRAFT DOLL ROSIE",
                quantity: 1,
            },
            CartLine {
                key: "b",
                name: "FELTCRAFT DOLL EMILY",
                quantity: 3,
            },
        ];
        let act = |s: &str| {
            decide(
                &understand(s, None),
                &cart,
                &Memory::default(),
                &ShopWords::default(),
            )
        };
        assert_eq!(
            act("another felt doll"),
            Action::Clarify {
                candidates: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(
            act("double the emily doll"),
            Action::UpdateQuantity {
                key: "b".into(),
                quantity: 6
            }
        );
        assert_eq!(
            act("halve the emily doll"),
            Action::UpdateQuantity {
                key: "b".into(),
                quantity: 2
            }
        );
        assert_eq!(
            act("another lantern"),
            Action::Add {
                terms: "lantern".into(),
                quantity: 1
            }
        );
    }

    #[test]
    fn round_nine_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "ENAMEL MILK JUG BLUE",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "GINGHAM APRON RED",
                quantity: 4,
            },
            CartLine {
                key: "l3",
                name: "GINGHAM APRON BLUE",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l1");
        let ship = |c: &str| Action::ShipTo { country: c.into() };
        // "me" before a Spanish verb, a reason after the request
        assert_eq!(
            act("Hola, ¿me quitas la jarra de leche? Al final no la necesito. Gracias"),
            Action::Remove { key: "l1".into() }
        );
        // "dame/ponme N X": X's new total when the cart holds it
        assert_eq!(act("ponme 5 jarras de leche"), set("l1", 5));
        assert_eq!(act("dame una docena de las jarras"), set("l1", 12));
        // texting: "q sean", "tb"
        assert_eq!(act("la jarra de leche, q sean 3"), set("l1", 3));
        // half of a line, "that one can go", "another 6"
        assert_eq!(act("el delantal rojo, quita la mitad"), set("l2", 2));
        assert_eq!(
            act("that one can go in the bin mate"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(act("milk jugs, another 6"), set("l1", 8));
        // the cart named with "en cero", "entera", a reason after "que"
        assert_eq!(act("déjame el carrito en cero"), Action::Clear);
        assert_eq!(act("borra la cesta entera"), Action::Clear);
        assert_eq!(act("vacia el carrito q ya no quiero nada"), Action::Clear);
        // destinations: a city that names one country, a country before the verb
        assert_eq!(act("mándalo a Lisboa"), ship("PT"));
        assert_eq!(act("thx! fyi my home is in Amsterdam"), ship("NL"));
        assert_eq!(act("it's going to australia"), ship("AU"));
        assert_eq!(act("it's going to my sister in Toronto"), ship("CA"));
        assert_eq!(act("va para mi abuela en Lima"), ship("PE"));
        assert_eq!(act("es para Montevideo"), ship("UY"));
        assert_eq!(act("delivery to Bristol please"), ship("GB"));
        assert_eq!(act("Guatemala es el destino"), ship("GT"));
        assert_eq!(act("netherlands delivery ta"), ship("NL"));
        // the line talked about, said at length
        let remove_l1 = || Action::Remove { key: "l1".into() };
        assert_eq!(act("get rid of the last thing i added"), remove_l1());
        assert_eq!(act("scrap the one i just added"), remove_l1());
        assert_eq!(act("remove whatever i touched last"), remove_l1());
        assert_eq!(act("ya no quiero eso que acabo de añadir"), remove_l1());
        assert_eq!(act("lo último que agregué, súbelo a 8"), set("l1", 8));
        assert_eq!(act("bórrame el de antes"), remove_l1());
        // a city two countries share is no destination
        assert!(!matches!(act("ship it to Valencia"), Action::ShipTo { .. }));
    }

    #[test]
    fn round_ten_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "SET/12 TAPER CANDLES",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "PURPLE GLASS BEAD BAG CHARM",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "AQUA GLASS BEAD BAG CHARM",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "METAL SWINGING BUNNY",
                quantity: 4,
            },
        ];
        let act = actor(&cart, "l1");
        // a pack counted: one more box of the candles
        assert_eq!(act("una caja más de velas"), set("l1", 3));
        assert_eq!(act("one more box of the candles"), set("l1", 3));
        // "colgante" is also a charm; "aguamarina" the colour aqua
        assert_eq!(act("pon 6 colgantes morados"), set("l2", 6));
        assert_eq!(
            act("quítale uno al colgante aguamarina"),
            Action::Remove { key: "l3".into() }
        );
        // the comparative after the first noun: two charms fit, so ask
        assert!(matches!(
            act("un colgante más para bolso"),
            Action::Clarify { .. }
        ));
        // "quiero una docena de …" is a number, not an article
        assert_eq!(act("quiero una docena de conejitos"), set("l4", 12));
        // round 12: "dóblalo", a dozen and a half, "x fa", "would you mind terribly",
        // emptying the cart "and start over"
        assert_eq!(act("dóblalo"), set("l1", 4));
        assert_eq!(act("docena y media de conejitos"), set("l4", 18));
        assert_eq!(act("vacia la cesta x fa"), Action::Clear);
        assert_eq!(
            act("would you mind terribly taking the bunny out of my basket? thanks"),
            Action::Remove { key: "l4".into() }
        );
        assert_eq!(
            act("please cancel everything in my basket and start over"),
            Action::Clear
        );
        // "también" between the verb and the number; matches in Spanish
        assert_eq!(
            act("añade también 2 cuadernos rojos"),
            Action::Add {
                terms: "cuadernos rojos".into(),
                quantity: 2
            }
        );
        // the shopping bag is the cart
        assert_eq!(act("vacía la bolsa de compras"), Action::Clear);
        assert_eq!(act("empty my shopping bag please"), Action::Clear);
        // "todos los artículos": "los" before a noun is an article
        assert_eq!(act("quita todos los artículos"), Action::Clear);
        assert_eq!(act("could you empty my basket completely?"), Action::Clear);
        // usted / vos with "me" or "le", a conditional, "duplica"
        assert_eq!(
            act("Buenas, ¿me puede vaciar la canasta? Muchas gracias"),
            Action::Clear
        );
        assert_eq!(act("¿le podés sumar uno a las velas?"), set("l1", 3));
        assert_eq!(act("¿me duplica los conejitos?"), set("l4", 8));
        assert_eq!(
            act("¿Me agregarían una docena de pulseras rojas?"),
            Action::Add {
                terms: "pulseras rojas".into(),
                quantity: 12
            }
        );
        // a unit before the product: "N boxes of", "ocho pares de"
        assert_eq!(act("i need 5 boxes of the taper candles"), set("l1", 5));
        assert_eq!(act("ponme ocho pares de conejitos"), set("l4", 8));
        // the product named in the sentence before the request, the nearest first;
        // apologies and reasons name nothing
        assert_eq!(
            act("Hello, sorry, I put the swinging bunny in by mistake, could you take it out? Thanks"),
            Action::Remove { key: "l4".into() }
        );
        assert_eq!(
            act("Hi, hope you're well! The taper candles are too tall, could you remove them?"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(
            act("swinging bunny - not needed, take em out"),
            Action::Remove { key: "l4".into() }
        );
        // a quantity of what the sentence before named: "N pairs", "N of them"
        assert_eq!(
            act("The taper candles are lovely. Could I get 12 of them?"),
            set("l1", 12)
        );
        assert_eq!(
            act("The swinging bunnies are for a party. I need 8 pairs in total."),
            set("l4", 8)
        );
        assert_eq!(
            act("Me lo he pensado mejor. Quítalo."),
            Action::Remove { key: "l1".into() }
        );
        // "drop … by N", "take off N of the …", "de la bolsa" is the cart
        assert_eq!(act("Drop the swinging bunny by one."), set("l4", 3));
        assert_eq!(
            act("can u take off 2 of the swinging bunnies?"),
            set("l4", 2)
        );
        assert_eq!(
            act("sácalos de la bolsa"),
            Action::Remove { key: "l1".into() }
        );
        assert_eq!(act("tres velas solamente"), set("l1", 3));
        // "get me 3 of that": the line talked about
        assert_eq!(act("get me 3 of that"), set("l1", 3));
        // what it is for is not its name
        assert_eq!(
            act("I'd like 4 of the taper candles for the nursery, please"),
            set("l1", 4)
        );
    }

    /// A country in a product's name is that product when the shopper names it
    /// ("the poste france cushion"), a destination when not ("send it to France").
    #[test]
    fn a_country_in_a_cart_lines_name() {
        let cart = [
            CartLine {
                key: "l1",
                name: "POSTE FRANCE CUSHION COVER",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "TOTE BAG I LOVE LONDON",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "RETRO COFFEE MUGS ASSORTED",
                quantity: 6,
            },
        ];
        let act = actor(&cart, "l3");
        assert_eq!(act("make the poste france cushion 4"), set("l1", 4));
        assert_eq!(act("pon 3 fundas de cojín Poste France"), set("l1", 3));
        assert_eq!(
            act("the i love london tote bag, remove it"),
            Action::Remove { key: "l2".into() }
        );
        let ship = |cc: &str| Action::ShipTo { country: cc.into() };
        assert_eq!(act("ship it all to France please"), ship("FR"));
        assert_eq!(act("envíalo a Londres"), ship("GB"));
        assert_eq!(act("vivo en Valparaíso"), ship("CL"));
        // "half a dozen more": that many more, not that many
        assert_eq!(
            act("retro coffee mugs, make it half a dozen more"),
            set("l3", 12)
        );
        assert_eq!(act("make it two less"), set("l3", 4));
        assert_eq!(
            act("wanna add a large skull windmill"),
            Action::Add {
                terms: "large skull windmill".into(),
                quantity: 1
            }
        );
    }

    /// A total of single items for a line sold in packs is that many packs; the
    /// round-14 forms of request (a partitive "de …", a size word that only another
    /// line has, a reason after the request, a city "for delivery").
    #[test]
    fn totals_in_packs_and_other_round_14_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "6 RIBBONS RUSTIC CHARM",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "SET OF 4 KNICK KNACK TINS DOILEY",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "PACK OF 72 RETROSPOT CAKE CASES",
                quantity: 2,
            },
            CartLine {
                key: "l4",
                name: "JUMBO BAG RED RETROSPOT",
                quantity: 2,
            },
            CartLine {
                key: "l5",
                name: "LUNCH BAG CARS BLUE",
                quantity: 1,
            },
            CartLine {
                key: "l6",
                name: "NUMBER TILE COTTAGE GARDEN 7",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l5");
        assert_eq!(act("I need 18 ribbons in total"), set("l1", 3));
        assert_eq!(act("16 knick knack tins altogether please"), set("l2", 4));
        assert_eq!(act("quiero 144 cake cases en total"), set("l3", 2));
        // not a whole number of packs, or no total said: the quantity as said
        assert_eq!(act("I need 7 ribbons in total"), set("l1", 7));
        assert_eq!(act("make the cake cases 5"), set("l3", 5));
        // "jumbo" names the other bag: these lunch bags are another product
        assert_eq!(
            act("I'll take 2 jumbo lunch bags"),
            Action::Add {
                terms: "jumbo lunch bags".into(),
                quantity: 2
            }
        );
        assert_eq!(act("de las bolsas jumbo quiero solo una"), set("l4", 1));
        assert_eq!(act("de las bolsas jumbo quiero una más"), set("l4", 3));
        assert_eq!(act("cottage garden tile 7 x2"), set("l6", 2));
        assert_eq!(
            act("I changed my mind about the cake cases, don't need them after all"),
            Action::Remove { key: "l3".into() }
        );
        assert_eq!(
            act("could you take absolutely everything out of my basket"),
            Action::Clear
        );
        assert_eq!(
            act("so sorry, I've got it wrong - please just empty my cart and I'll start again"),
            Action::Clear
        );
        assert_eq!(
            act("Madrid please, for delivery"),
            Action::ShipTo {
                country: "ES".into()
            }
        );
        assert!(matches!(
            act("quiero la bolsa de coches roja"),
            Action::Add { quantity: 1, .. }
        ));
    }

    /// Round 15's forms: a pack size the shopper states, a count before a product
    /// ("3 x …", "3 sets of …", "tres …"), "… as well", a line taken back ("I changed
    /// my mind about …"), "up … by N", "N, not one", "N of those", "… extra".
    #[test]
    fn stated_packs_counts_and_other_round_15_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "SET/6 RED SPOTTY PAPER PLATES",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "HAND WARMER OWL DESIGN",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "BREAD BIN DINER STYLE RED",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "JAM MAKING SET WITH JARS",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        let add = |terms: &str, quantity: u32| Action::Add {
            terms: terms.into(),
            quantity,
        };
        assert_eq!(
            act("I need 24 paper plates, they come six to a set"),
            set("l1", 4)
        );
        assert_eq!(
            act("I'd like 18 paper plates, they're sold in sixes"),
            set("l1", 3)
        );
        assert_eq!(act("3 sets of the owl hand warmers"), set("l2", 3));
        assert_eq!(act("2 x union jack bunting"), add("union jack bunting", 2));
        assert_eq!(
            act("the wooden alphabet blocks as well please"),
            add("wooden alphabet blocks", 1)
        );
        assert!(matches!(
            act("tres cuencos para gatos"),
            Action::Add { quantity: 3, .. }
        ));
        assert_eq!(
            act("I changed my mind about the bread bin"),
            Action::Remove { key: "l3".into() }
        );
        assert!(matches!(
            act("is the bread bin metal or plastic?"),
            Action::Search { .. }
        ));
        assert_eq!(act("up the hand warmers by 2"), set("l2", 4));
        assert_eq!(act("two hand warmers, not one"), set("l2", 2));
        assert_eq!(act("let's have 3 of those"), set("l2", 3));
        assert_eq!(act("un set de mermelada extra"), set("l4", 2));
        assert_eq!(act("would you mind emptying my basket?"), Action::Clear);
    }

    /// Spanish names the catalog says in other words: "la bolsa de agua caliente"
    /// is a hot water bottle, "el felpudo de perritos" the puppies doormat.
    #[test]
    fn spanish_names_of_several_words() {
        let cart = [
            CartLine {
                key: "l1",
                name: "DOORMAT WELCOME PUPPIES",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "DOORMAT MULTICOLOUR STRIPE",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "HOT WATER BOTTLE BLUE",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "KNEELING MAT HOUSEWORK  DESIGN",
                quantity: 1,
            },
            CartLine {
                key: "l5",
                name: "PANTRY HOOK BALLOON WHISK",
                quantity: 3,
            },
            CartLine {
                key: "l6",
                name: "PANTRY HOOK TEA STRAINER",
                quantity: 3,
            },
        ];
        let act = actor(&cart, "l1");
        let remove = |key: &str| Action::Remove { key: key.into() };
        assert_eq!(act("el felpudo de perritos fuera"), remove("l1"));
        assert_eq!(act("pon 5 bolsas de agua caliente azules"), set("l3", 5));
        assert_eq!(act("fuera la esterilla para arrodillarse"), remove("l4"));
        assert_eq!(act("pon 4 ganchos con batidor"), set("l5", 4));
    }

    /// Round 16 (training batches 48, 50 and 52): a pack size stated after the
    /// request ("…, vienen de 60", "and they come in tens"), the kind said again after
    /// a line named first ("doily lunch bags: I need 30 bags"), a line named first
    /// and "súmale uno" / "ponme dos más" / "quiero una sola", "triplícala", "all of
    /// this", a count glued to its x ("2x", "×2"), "also the …", "menos uno de …",
    /// "lo necesito en Quito", "paño de cocina", "rejilla", "rosa palo".
    #[test]
    fn packs_stated_after_and_other_round_16_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "LUNCH BAG DOILEY PATTERN",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "PACK OF 60 PINK PAISLEY CAKE CASES",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "GREEN/BLUE CERAMIC CANDLE HOLDER",
                quantity: 3,
            },
            CartLine {
                key: "l4",
                name: "SET OF 2 TEA TOWELS APPLE AND PEARS",
                quantity: 2,
            },
            CartLine {
                key: "l5",
                name: "FRENCH LATTICE CUSHION COVER",
                quantity: 2,
            },
            CartLine {
                key: "l6",
                name: "DUSTY PINK CHRISTMAS TREE 30CM",
                quantity: 3,
            },
        ];
        let act = actor(&cart, "l6");
        let add = |terms: &str, quantity: u32| Action::Add {
            terms: terms.into(),
            quantity,
        };
        assert_eq!(
            act("necesito 180 capsulas de paisley rosa, vienen de 60"),
            set("l2", 3)
        );
        assert_eq!(
            act("doily lunch bags: I need 30 bags and they come in tens"),
            set("l1", 3)
        );
        assert_eq!(
            act("paños de cocina de manzanas y peras: necesito 8 paños, vienen de 2 en 2"),
            set("l4", 4)
        );
        assert_eq!(act("al portavelas verde y azul súmale uno"), set("l3", 4));
        assert_eq!(
            act("del portavelas verde y azul ponme dos más"),
            set("l3", 5)
        );
        assert_eq!(act("de la funda de rejilla quiero una sola"), set("l5", 1));
        assert_eq!(act("el arbolito rosa palo, triplícalo"), set("l6", 9));
        assert_eq!(act("menos uno de los portavelas verdes"), set("l3", 2));
        assert_eq!(act("remove all of this"), Action::Clear);
        assert_eq!(
            act("2x dolly girl charlotte bags pls"),
            add("dolly girl charlotte bags", 2)
        );
        assert_eq!(act("passport cover ×2"), add("passport cover", 2));
        assert_eq!(
            act("also the skull paper chain kit"),
            add("skull paper chain kit", 1)
        );
        let ship = |country: &str| Action::ShipTo {
            country: country.into(),
        };
        assert_eq!(act("lo necesito en Quito"), ship("EC"));
        assert_eq!(act("mándenlo a Santa Cruz de la Sierra"), ship("BO"));
    }

    /// Round 16, continued: "quiero 4 en total de la …", "quítamela entera", "y las
    /// servilletas …, dos" (one more thing, not a line's new quantity), "spotty",
    /// "flores" for FLORAL, "perritos escoceses".
    #[test]
    fn a_total_of_a_line_and_other_round_16_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "LUNCH BAG  BLACK SKULL.",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "PACK OF 20 SKULL PAPER NAPKINS",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "JUMBO BAG ALPHABET",
                quantity: 3,
            },
            CartLine {
                key: "l4",
                name: "RECIPE BOX RETROSPOT",
                quantity: 1,
            },
            CartLine {
                key: "l5",
                name: "FRENCH FLORAL CUSHION COVER",
                quantity: 1,
            },
            CartLine {
                key: "l6",
                name: "SCOTTIES CHILDRENS APRON",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        let remove = |key: &str| Action::Remove { key: key.into() };
        assert_eq!(
            act("quiero 4 en total de la bolsa de calaveras"),
            set("l1", 4)
        );
        assert_eq!(
            act("la jumbo del abecedario, quítamela entera"),
            remove("l3")
        );
        assert_eq!(
            act("y las servilletas del spaceboy, dos paquetes"),
            Action::Add {
                terms: "servilletas del spaceboy".into(),
                quantity: 2
            }
        );
        assert_eq!(act("scrap the spotty recipe box"), remove("l4"));
        assert_eq!(act("quita la funda de flores"), remove("l5"));
        assert_eq!(
            act("pon 4 delantales de los perritos escoceses"),
            set("l6", 4)
        );
        // a reason names nothing
        assert_eq!(
            act("las servilletas de calavera, quítalas que a mi hija le dan miedo"),
            remove("l2")
        );
        assert_eq!(act("sácalo, me equivoqué"), remove("l2"));
        assert_eq!(act("make that 3, they're stocking fillers"), set("l2", 3));
        assert_eq!(
            act("the recipe box, take it out because it won't fit"),
            remove("l4")
        );
        assert_eq!(act("the alphabet bag, up it to 5"), set("l3", 5));
        // a unit alone names no line when a count is said; with none it is a product
        assert_eq!(act("make it 8 sheets"), set("l2", 8));
        assert_eq!(act("quita la bolsa jumbo de letras"), remove("l3"));
        // a bracket that sets a thing apart or says what it is for names nothing; one
        // that glosses a name does
        assert_eq!(
            act("the skull lunch bag - I want 7 total (gifts for my nephews)"),
            set("l1", 7)
        );
        assert_eq!(
            act("la bolsa de letras (no la de calaveras), déjala en 5"),
            set("l3", 5)
        );
        assert_eq!(
            act("las de cojín (cushion cover) súbelas a 3"),
            set("l5", 3)
        );
        assert_eq!(
            act("lo quiero recibir en Tenerife"),
            Action::ShipTo {
                country: "ES".into()
            }
        );
        // "take … down to", "knock … down to": a new quantity
        assert_eq!(act("take it down to 1"), set("l2", 1));
        assert_eq!(act("knock the skull lunch bags down to 1"), set("l1", 1));
        // taking back what was added, or what is no longer needed
        assert_eq!(act("undo the last one, don't want it"), remove("l2"));
        assert_eq!(act("I won't need the recipe box after all"), remove("l4"));
        // "súbele 3 a esa": three more of the line talked about
        assert_eq!(act("súbele 3 a esa"), set("l2", 5));
        // "and a dozen …" counts them; "and a …" is one more thing
        assert!(matches!(
            act("and a dozen packs of the dolly girl doilies"),
            Action::Add { quantity: 12, .. }
        ));
    }

    #[test]
    fn just_one_a_kind_named_first_and_a_count_after_a_pronoun() {
        let cart = [
            CartLine {
                key: "l1",
                name: "DUSTY PINK CHRISTMAS TREE 30CM",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "PINK DINER WALL CLOCK",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "BLACK CRYSTAL DROP EARRINGS",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "POLKADOT MUG PINK",
                quantity: 2,
            },
        ];
        let act = actor(&cart, "l4");
        assert_eq!(act("el árbol rosa pequeño, ponme uno solo"), set("l1", 1));
        assert_eq!(act("reloj rosa tipo diner x 6"), set("l2", 6));
        assert_eq!(act("el mug de lunares rosa ponlo x5"), set("l4", 5));
        // "drop" names a kind of earring before "ones"
        assert_eq!(act("the crystal drop ones, 2 pairs please"), set("l3", 2));
        assert_eq!(act("I need 10 pink diner clocks all up"), set("l2", 10));
    }

    #[test]
    fn ponle_sets_a_line_and_what_is_needed_counts_items() {
        let cart = [
            CartLine {
                key: "l1",
                name: "PACK OF 6 SKULL PAPER CUPS",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "PACK OF 6 SKULL PAPER PLATES",
                quantity: 2,
            },
            CartLine {
                key: "l3",
                name: "FELT TOADSTOOL LARGE",
                quantity: 2,
            },
        ];
        let act = actor(&cart, "l3");
        // "ponle 4" sets; "ponle dos más", "ponle otro" add
        assert_eq!(act("la seta de fieltro, ponle 4"), set("l3", 4));
        assert_eq!(act("la seta de fieltro, ponle dos más"), set("l3", 4));
        assert_eq!(act("ponle otro"), set("l3", 3));
        assert_eq!(act("ponle 5 a esa"), set("l3", 5));
        // what the shopper needs is counted in items, what a line is set to in packs
        assert_eq!(
            act("We've got 24 kids coming so I need 24 skull cups"),
            set("l1", 4)
        );
        assert_eq!(act("30 skull plates total"), set("l2", 5));
        assert_eq!(act("make the skull cups 24"), set("l1", 24));
    }

    #[test]
    fn a_pronoun_first_and_a_line_scaled_after_it() {
        let cart = [
            CartLine {
                key: "l1",
                name: "LUNCH BAG RED RETROSPOT",
                quantity: 10,
            },
            CartLine {
                key: "l2",
                name: "LUNCH BAG PINK POLKADOT",
                quantity: 10,
            },
            CartLine {
                key: "l3",
                name: "LUNCH BAG APPLE DESIGN",
                quantity: 5,
            },
            CartLine {
                key: "l4",
                name: "LUNCH BAG CARS BLUE",
                quantity: 3,
            },
            CartLine {
                key: "l5",
                name: "LUNCH BAG WOODLAND",
                quantity: 2,
            },
        ];
        let act = actor(&cart, "l3");
        let remove = |key: &str| Action::Remove { key: key.into() };
        assert_eq!(act("eso elimínalo"), remove("l3"));
        assert_eq!(act("esos bórramelos"), remove("l3"));
        assert_eq!(act("quiero el doble"), set("l3", 10));
        assert_eq!(act("de las de coches azules quiero el doble"), set("l4", 6));
        assert_eq!(act("de las rosas de topos, solo la mitad"), set("l2", 5));
        assert_eq!(act("loose the woodland one"), remove("l5"));
    }

    #[test]
    fn a_count_taken_back_and_one_more_thing_in_spanish() {
        let cart = [
            CartLine {
                key: "l1",
                name: "BLUE POLKADOT BOWL",
                quantity: 4,
            },
            CartLine {
                key: "l2",
                name: "PINK POLKADOT BOWL",
                quantity: 4,
            },
            CartLine {
                key: "l3",
                name: "PACK OF 20 SKULL PAPER NAPKINS",
                quantity: 2,
            },
            CartLine {
                key: "l4",
                name: "RED RETROSPOT CUP",
                quantity: 2,
            },
        ];
        let act = actor(&cart, "l2");
        // the count said last replaces the one it takes back
        assert_eq!(
            act("i want 1 less blue bowl, actually no, 2 less"),
            set("l1", 2)
        );
        assert_eq!(act("make it 3, no wait, 5"), set("l2", 5));
        assert_eq!(
            act("los cuencos rosas déjalos en media docena... ah no, mejor una docena"),
            set("l2", 12)
        );
        assert_eq!(act("ponme 2 cuencos azules, digo 3"), set("l1", 3));
        // "the last one" is the line talked about, not the cart's last line
        assert_eq!(
            act("remove the last one"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(
            act("del cuenco azul quiero dos, bueno mejor tres"),
            set("l1", 3)
        );
        assert_eq!(
            act("set the blue bowl to 2, no wait make it 6"),
            set("l1", 6)
        );
        assert_eq!(act("pon los cuencos azules a 5, mejor 7"), set("l1", 7));
        assert_eq!(act("cuencos rosas: 8, digo, 6 mejor"), set("l2", 6));
        // "cinco, no tres" is five, not three
        assert_eq!(
            act("de los cuencos azules quiero cinco, no tres"),
            set("l1", 5)
        );
        // a bare "no" corrects in English, or set off by commas in Spanish
        assert_eq!(
            act("the blue bowls, make it 2, no 3, my sisters want one each"),
            set("l1", 3)
        );
        assert_eq!(act("de los cuencos rosas pon seis, no, ocho"), set("l2", 8));
        assert_eq!(
            act("blue bowls... make it 10, no hang on, 8 is plenty"),
            set("l1", 8)
        );
        assert_eq!(
            act("could you take the pink bowls down by one? actually by two, sorry"),
            set("l2", 2)
        );
        // items needed, in the packs the line sells
        assert_eq!(act("necesito 60 servilletas... no, mejor 80"), set("l3", 4));
        assert!(matches!(
            act("y un colador de té regency, porfa"),
            Action::Add { quantity: 1, .. }
        ));
        assert!(matches!(
            act("I'll also grab a couple of the English Rose mugs while I'm here"),
            Action::Add { quantity: 2, .. }
        ));
        assert_eq!(
            act("de la roja me regala tres en total, por fa"),
            set("l4", 3)
        );
        assert_eq!(act("de esos quiero dos menos"), set("l2", 2));
        assert_eq!(act("de las rojas quiero una más"), set("l4", 3));
    }

    #[test]
    fn politeness_after_a_count_and_needs_said_ahead() {
        let cart = [
            CartLine {
                key: "l1",
                name: "CHRISTMAS LIGHTS 10 SANTAS",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "HEADS AND TAILS SPORTING FUN",
                quantity: 4,
            },
            CartLine {
                key: "l3",
                name: "WRAP COWBOYS",
                quantity: 10,
            },
            CartLine {
                key: "l4",
                name: "PARTY BAGS PINK PAISLEY",
                quantity: 3,
            },
        ];
        let act = actor(&cart, "l4");
        assert_eq!(
            act("the santa lights - make that 5 would you"),
            set("l1", 5)
        );
        assert_eq!(act("gonna need 6 of the cowboy wrap"), set("l3", 6));
        assert_eq!(act("I'll need 3 of the heads and tails"), set("l2", 3));
        assert_eq!(act("luces de Papá Noel, una más"), set("l1", 3));
        assert_eq!(act("juego de cara o cruz: 1 menos"), set("l2", 3));
        assert_eq!(act("papel de regalo de vaqueros, 4 menos"), set("l3", 6));
        assert_eq!(
            act("ya no hacen falta las bolsas de fiesta"),
            Action::Remove { key: "l4".into() }
        );
        // a request, then why: the request alone
        assert!(matches!(
            act("ooh and the red retrospot mug as well please, it'll match the teapot"),
            Action::Add { quantity: 1, .. }
        ));
        assert_eq!(
            act("drop the cowboy wrap. my sister already bought some"),
            Action::Remove { key: "l3".into() }
        );
        assert_eq!(
            act("chuck out the cowboy wrap mate"),
            Action::Remove { key: "l3".into() }
        );
        assert_eq!(act("dame 5 de esos"), set("l4", 5));
        assert_eq!(act("quitale uno a esa po"), set("l4", 2));
        assert_eq!(act("the cowboy wrap, make it 4 tbh"), set("l3", 4));
        assert_eq!(
            act("would you be so good as to remove the cowboy wrap"),
            Action::Remove { key: "l3".into() }
        );
        assert_eq!(
            act("ay no, quita el papel de vaqueros"),
            Action::Remove { key: "l3".into() }
        );
        assert_eq!(
            act("I'm in Durban"),
            Action::ShipTo {
                country: "ZA".into()
            }
        );
        assert_eq!(act("hazlo cinco"), set("l4", 5));
        // "get the …" first in the turn (a debug build once overflowed on it)
        assert!(matches!(act("get the tea towels"), Action::Search { .. }));
        assert_eq!(act("the cowboy wrap, take it down to 3 eh"), set("l3", 3));
        assert_eq!(act("cowboy wrap - 4, wait, 3"), set("l3", 3));
        assert_eq!(
            act("el último de la lista, fuera"),
            Action::Remove { key: "l4".into() }
        );
        assert_eq!(act("duplca las bolsas de fiesta"), set("l4", 6));
        assert_eq!(act("the cowboy wrap, leave me just 2 packs"), set("l3", 2));
        // a question after it is not chatter
        assert!(matches!(
            act("my son turns 2 next week - any wooden toys you'd recommend?"),
            Action::Search { .. }
        ));
    }

    #[test]
    fn a_count_in_words_last_and_more_short_forms() {
        let cart = [
            CartLine {
                key: "l1",
                name: "CHOCOLATE HOT WATER BOTTLE",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "GREY HEART HOT WATER BOTTLE",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "RED KITCHEN SCALES",
                quantity: 1,
            },
            CartLine {
                key: "l4",
                name: "POLKADOT PLATE PINK",
                quantity: 3,
            },
            CartLine {
                key: "l5",
                name: "MINT KITCHEN SCALES",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        let remove = |key: &str| Action::Remove { key: key.into() };
        assert_eq!(act("platos de lunares media docena"), set("l4", 6));
        assert_eq!(act("the grey hot water bottle two"), set("l2", 2));
        assert_eq!(
            act("reckon we'll skip the chocolate one, cheers"),
            remove("l1")
        );
        assert_eq!(
            act("no wait, take the red scales off instead"),
            remove("l3")
        );
        assert_eq!(act("la báscula roja ponela en 3"), set("l3", 3));
        // a colour said in two words: "verde menta" is mint, not green
        assert_eq!(act("la balanza verde menta, pon 2"), set("l5", 2));
        assert!(matches!(
            act("y tambien unas tiritas de spaceboy"),
            Action::Add { quantity: 1, .. }
        ));
        assert!(matches!(
            act("y tambien el perchero gumball"),
            Action::Add { quantity: 1, .. }
        ));
    }

    #[test]
    fn scales_a_goodbye_and_a_pack_said_por_set() {
        let cart = [
            CartLine {
                key: "l1",
                name: "RED KITCHEN SCALES",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "FELTCRAFT PRINCESS LOLA DOLL",
                quantity: 1,
            },
            CartLine {
                key: "l3",
                name: "S/4 IVORY MINI ROSE CANDLE IN BOWL",
                quantity: 2,
            },
            CartLine {
                key: "l4",
                name: "HERB MARKER ROSEMARY",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l1");
        assert_eq!(act("the red scales, make that 3 please"), set("l1", 3));
        assert_eq!(
            act("chao muñeca Lola 👋"),
            Action::Remove { key: "l2".into() }
        );
        assert_eq!(
            act("las velas de rosa marfil, quiero 12 velitas (vienen 4 por set)"),
            set("l3", 3)
        );
        assert_eq!(act("el romero súbelo a 2"), set("l4", 2));
        // "rebaja en dos": fewer by two
        assert_eq!(act("sube en dos las velas de rosa marfil"), set("l3", 4));
        assert_eq!(act("rebaja en una las velas de rosa marfil"), set("l3", 1));
        // the whole cart, said several ways
        assert_eq!(act("nvm the whole order, empty it"), Action::Clear);
        assert_eq!(act("scrap the whole order and empty my bag"), Action::Clear);
        assert_eq!(act("quita todo lo que hay en la bolsa"), Action::Clear);
        // "that doll": of the lines that fit, the one talked about
        let two_dolls = [
            CartLine {
                key: "l1",
                name: "FELTCRAFT PRINCESS CHARLOTTE DOLL",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "FELTCRAFT PRINCESS LOLA DOLL",
                quantity: 1,
            },
        ];
        let act_on_dolls = actor(&two_dolls, "l2");
        assert_eq!(act_on_dolls("2 more of that doll"), set("l2", 3));
        assert!(matches!(
            act_on_dolls("2 more dolls"),
            Action::Clarify { .. }
        ));
        assert_eq!(act("el romero pon 4, no espera, 6"), set("l4", 6));
    }

    #[test]
    fn a_count_after_a_name_and_voseo() {
        let cart = [
            CartLine {
                key: "l1",
                name: "RECYCLED ACAPULCO MAT PINK",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "BISCUIT TIN VINTAGE RED",
                quantity: 3,
            },
            CartLine {
                key: "l3",
                name: "RED SHOULDER BAG",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l3");
        assert_eq!(act("biscuit tin 5x"), set("l2", 5));
        assert_eq!(act("red shoulder bag times three"), set("l3", 3));
        assert_eq!(act("esa subila a 4"), set("l3", 4));
        // how a shopper addresses the shop, or says "go on": no part of the request
        assert_eq!(act("dale, 3x bolsos rojos"), set("l3", 3));
        assert_eq!(act("asere, de esas quiero 6"), set("l3", 6));
        assert_eq!(act("biscuit tins, only 2 tho"), set("l2", 2));
        assert_eq!(
            act("I'd like three of the red shoulder bags rather than one"),
            set("l3", 3)
        );
        assert_eq!(
            act("sacá el tapete rosa"),
            Action::Remove { key: "l1".into() }
        );
    }

    #[test]
    fn a_bin_without_an_object_is_a_bread_bin() {
        let cart = [
            CartLine {
                key: "l1",
                name: "BREAD BIN DINER STYLE MINT",
                quantity: 1,
            },
            CartLine {
                key: "l2",
                name: "RED RETROSPOT CUP",
                quantity: 4,
            },
        ];
        let act = actor(&cart, "l2");
        assert_eq!(act("bread bin: make it 2, one's for mum"), set("l1", 2));
        assert_eq!(
            act("the bread bin, bin it"),
            Action::Remove { key: "l1".into() }
        );
    }

    #[test]
    fn instead_of_a_count_and_a_move_said_after_the_line() {
        let cart = [
            CartLine {
                key: "l1",
                name: "JUMBO SHOPPER VINTAGE RED PAISLEY",
                quantity: 2,
            },
            CartLine {
                key: "l2",
                name: "RED RETROSPOT CUP",
                quantity: 4,
            },
            CartLine {
                key: "l3",
                name: "GIN AND TONIC DIET METAL SIGN",
                quantity: 1,
            },
        ];
        let act = actor(&cart, "l2");
        // "instead of <a count>": the line the cart holds, at its new quantity
        assert_eq!(
            act("Could I have three of the paisley shopper bags instead of two, please?"),
            set("l1", 3)
        );
        assert_eq!(act("pon dos letreros de gin en lugar de uno"), set("l3", 2));
        assert_eq!(
            act("me gustaría llevar solo una taza roja en vez de cuatro"),
            set("l2", 1)
        );
        // not in the cart: nothing to change
        assert!(matches!(
            act("I'd like 3 owl cushions instead of 2"),
            Action::Clarify { .. }
        ));
        // "… down by two", "… up by 3" after the line; "knock … up to"
        assert_eq!(act("red cups down by two"), set("l2", 2));
        assert_eq!(act("red retrospot cup up by 3"), set("l2", 7));
        assert_eq!(act("could you knock the red cups up to six"), set("l2", 6));
        // what is wanted of a line named first, or of the one talked about
        assert_eq!(act("the gin sign, i'll take 3"), set("l3", 3));
        assert_eq!(act("de eso quiero 2"), set("l2", 2));
        // what a line ought to be
        assert_eq!(act("they should be 6 instead of 4"), set("l2", 6));
        assert_eq!(act("que se quede en tres"), set("l2", 3));
        assert_eq!(act("deberían ser 5"), set("l2", 5));
        assert_eq!(act("the gin sign should be 3"), set("l3", 3));
    }
}

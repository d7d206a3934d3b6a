//! The labelled-utterance protocol: each row is an utterance, the action a shopper
//! expects against a cart and memory, and its language.
//!
//! Labels: `SEARCH`, `ADD:<qty>`, `REMOVE:<key>`, `UPDATE:<key>:<qty>`, `CLEAR`,
//! `SHIP:<CC>`, `NONE` (the agent must not act: nothing in the cart matches, or two
//! lines do). Search terms and added products are not graded: the search index
//! decides those, so an `ADD` of the difference and an `UPDATE` that raises a line
//! by it satisfy each other.
//!
//! A file judges its rows against [`labelled_cart`] unless it gives carts of its own:
//! a line `@cart l1=NAME xQTY | l2=NAME xQTY` starts one, and `@last l2` after it says
//! which line was talked about last.

use crate::{decide, understand, Action, CartLine, Lang, Memory, ShopWords};

/// One labelled utterance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub utterance: String,
    pub expected: String,
    /// When the row gives one (`en`/`es`), the language detection is graded too.
    pub language: Option<Lang>,
    /// The file's cart it is judged against (an index into [`Set::carts`]), or the
    /// caller's when the file gives none.
    pub cart: Option<usize>,
}

/// A cart line a labelled file gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub key: String,
    pub name: String,
    pub quantity: u32,
}

/// A cart of a labelled file, with what the conversation remembers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cart {
    pub lines: Vec<Line>,
    pub memory: Memory,
}

/// A labelled file: its carts and its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Set {
    pub carts: Vec<Cart>,
    pub cases: Vec<Case>,
}

/// Rows of `utterance \t expected [\t en|es]`; blank lines and `#` comments skipped;
/// `@cart` and `@last` lines as the module says.
pub fn parse_tsv(text: &str) -> Result<Set, String> {
    let mut set = Set::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(lines) = line.strip_prefix("@cart ") {
            let cart = parse_cart(lines).map_err(|e| format!("line {}: {e}", n + 1))?;
            set.carts.push(cart);
            continue;
        }
        if let Some(key) = line.strip_prefix("@last ") {
            let key = key.trim();
            let cart = set
                .carts
                .last_mut()
                .filter(|c| c.lines.iter().any(|l| l.key == key))
                .ok_or_else(|| format!("line {}: @last {key:?} names no line of a cart", n + 1))?;
            cart.memory.last_item_key = Some(key.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let language = match cols.get(2).map(|c| c.trim()) {
            None | Some("") => None,
            Some("en") => Some(Lang::En),
            Some("es") => Some(Lang::Es),
            Some(other) => return Err(format!("line {}: unknown language {other:?}", n + 1)),
        };
        let [utterance, expected, ..] = cols[..] else {
            return Err(format!("line {}: expected `utterance<TAB>label`", n + 1));
        };
        if !is_label(expected.trim()) {
            return Err(format!("line {}: unknown label {expected:?}", n + 1));
        }
        set.cases.push(Case {
            utterance: utterance.to_string(),
            expected: expected.trim().to_string(),
            language,
            cart: set.carts.len().checked_sub(1),
        });
    }
    Ok(set)
}

/// `l1=NAME x2 | l2=NAME x1`.
fn parse_cart(text: &str) -> Result<Cart, String> {
    let mut cart = Cart::default();
    for entry in text.split(" | ") {
        let (key, rest) = entry
            .trim()
            .split_once('=')
            .ok_or_else(|| format!("cart line {entry:?} is not key=NAME xQTY"))?;
        let (name, quantity) = rest
            .rsplit_once(" x")
            .and_then(|(n, q)| Some((n, q.trim().parse::<u32>().ok()?)))
            .ok_or_else(|| format!("cart line {entry:?} has no quantity (xQTY)"))?;
        cart.lines.push(Line {
            key: key.trim().to_string(),
            name: name.trim().to_string(),
            quantity,
        });
    }
    Ok(cart)
}

fn is_label(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    let number = |p: &str| p.parse::<u32>().is_ok();
    match parts[..] {
        ["SEARCH"] | ["CLEAR"] | ["NONE"] => true,
        ["ADD", q] => number(q),
        ["REMOVE", key] => !key.is_empty(),
        ["UPDATE", key, q] => !key.is_empty() && number(q),
        ["SHIP", cc] => cc.len() == 2 && cc.chars().all(|c| c.is_ascii_uppercase()),
        _ => false,
    }
}

/// The label of an action, in the set's terms.
pub fn label(action: &Action) -> String {
    match action {
        Action::Search { .. } => "SEARCH".into(),
        Action::Add { quantity, .. } => format!("ADD:{quantity}"),
        Action::Remove { key } => format!("REMOVE:{key}"),
        Action::UpdateQuantity { key, quantity } => format!("UPDATE:{key}:{quantity}"),
        Action::Clear => "CLEAR".into(),
        Action::ShipTo { country } => format!("SHIP:{country}"),
        Action::Clarify { .. } => "NONE".into(),
    }
}

/// What the set scored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub total: usize,
    /// Rows whose action matches the label.
    pub correct: usize,
    /// Rows with a language column, and of them the ones detected right.
    pub with_language: usize,
    pub language_correct: usize,
    /// (actions right, rows) among the rows labelled English, and Spanish: the
    /// target holds for each language, not only on the whole.
    pub english: (usize, usize),
    pub spanish: (usize, usize),
    /// One readable line per miss (action or language).
    pub failures: Vec<String>,
}

impl Report {
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    pub fn language_accuracy(&self) -> f64 {
        if self.with_language == 0 {
            0.0
        } else {
            self.language_correct as f64 / self.with_language as f64
        }
    }
}

/// Runs every case against its cart: the file's, or else `cart` and `memory` (each
/// from the same start: the rows are independent turns). Line names are read with
/// the shop's `words` spelled out, as the server does.
pub fn evaluate(set: &Set, cart: &[CartLine], memory: &Memory, words: &ShopWords) -> Report {
    let spelled = |lines: Vec<(&str, &str, u32)>| -> Vec<OwnedLine> {
        lines
            .into_iter()
            .map(|(k, n, q)| (k.to_string(), words.spell_out(n), q))
            .collect()
    };
    let file_carts: Vec<(Vec<OwnedLine>, &Memory)> = set
        .carts
        .iter()
        .map(|c| {
            let lines = c
                .lines
                .iter()
                .map(|l| (l.key.as_str(), l.name.as_str(), l.quantity))
                .collect();
            (spelled(lines), &c.memory)
        })
        .collect();
    let given = spelled(cart.iter().map(|l| (l.key, l.name, l.quantity)).collect());
    let carts: Vec<(Vec<CartLine>, &Memory)> =
        file_carts.iter().map(|(l, m)| (as_lines(l), *m)).collect();
    let cart = as_lines(&given);
    let cart = &cart[..];
    let mut report = Report {
        total: set.cases.len(),
        ..Default::default()
    };
    for case in &set.cases {
        let (cart, memory) = match case.cart {
            Some(i) => (&carts[i].0[..], carts[i].1),
            None => (cart, memory),
        };
        let understood = understand(&case.utterance, None);
        let got = label(&decide(&understood, cart, memory, words));
        let right = got == case.expected || same_cart(&got, &case.expected, cart);
        if let Some(l) = case.language {
            let slot = match l {
                Lang::En => &mut report.english,
                Lang::Es => &mut report.spanish,
            };
            slot.0 += right as usize;
            slot.1 += 1;
        }
        if right {
            report.correct += 1;
        } else {
            report.failures.push(format!(
                "{:?}: expected {}, got {} ({:?})",
                case.utterance, case.expected, got, understood.intent
            ));
        }
        if let Some(expected) = case.language {
            report.with_language += 1;
            if understood.language == expected {
                report.language_correct += 1;
            } else {
                report.failures.push(format!(
                    "{:?}: language {}, detected {}",
                    case.utterance,
                    expected.code(),
                    understood.language.code()
                ));
            }
        }
    }
    report
}

/// A cart line's key, name (the shop's words spelled out) and quantity.
type OwnedLine = (String, String, u32);

fn as_lines(lines: &[OwnedLine]) -> Vec<CartLine<'_>> {
    lines
        .iter()
        .map(|(key, name, quantity)| CartLine {
            key,
            name,
            quantity: *quantity,
        })
        .collect()
}

/// `ADD:n` and an `UPDATE:key:q` that raises the line by `n`: the same cart
/// afterwards, whichever of the two was expected.
fn same_cart(got: &str, expected: &str, cart: &[CartLine]) -> bool {
    let add = |l: &str| l.strip_prefix("ADD:").and_then(|q| q.parse::<u32>().ok());
    let update = |l: &str| {
        l.strip_prefix("UPDATE:")
            .and_then(|r| r.split_once(':'))
            .and_then(|(k, q)| Some((k.to_string(), q.parse::<u32>().ok()?)))
    };
    let (added, (key, to)) = match (add(got), update(expected), add(expected), update(got)) {
        (Some(n), Some(u), _, _) | (_, _, Some(n), Some(u)) => (n, u),
        _ => return false,
    };
    cart.iter()
        .any(|l| l.key == key && l.quantity.checked_add(added) == Some(to))
}

/// The cart every labelled utterance is judged against: real lines of the demo
/// shop's catalog.
pub fn labelled_cart() -> Vec<CartLine<'static>> {
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
            name: "SET OF 3 CAKE TINS PANTRY DESIGN ",
            quantity: 1,
        },
        CartLine {
            key: "l4",
            name: "RED RETROSPOT MUG",
            quantity: 2,
        },
        CartLine {
            key: "l5",
            name: "HOMEMADE JAM SCENTED CANDLES",
            quantity: 1,
        },
        CartLine {
            key: "l6",
            name: "RED WOOLLY HOTTIE WHITE HEART.",
            quantity: 1,
        },
    ]
}

/// What the conversation remembers when the labelled utterances arrive: the
/// lantern was talked about last.
pub fn labelled_memory() -> Memory {
    Memory {
        last_item_key: Some("l2".into()),
        destination: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_rejects_bad_labels() {
        let set =
            parse_tsv("# comment\n\nadd a lantern\tADD:1\ten\nquita la taza\tREMOVE:l4\n").unwrap();
        let cases = set.cases;
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].language, Some(Lang::En));
        assert_eq!(cases[1].language, None);
        assert_eq!(cases[0].cart, None);
        assert!(parse_tsv("x\tADD").unwrap_err().contains("line 1"));
        assert!(parse_tsv("x\tSHIP:spain").is_err());
        assert!(parse_tsv("no tab").is_err());
    }

    #[test]
    fn scores_actions_and_languages() {
        let cart = [CartLine {
            key: "l2",
            name: "WHITE METAL LANTERN",
            quantity: 1,
        }];
        let set =
            parse_tsv("remove the lantern\tREMOVE:l2\ten\nquita la linterna\tCLEAR\tes\n").unwrap();
        let r = evaluate(&set, &cart, &Memory::default(), &ShopWords::default());
        assert_eq!(
            (r.correct, r.total, r.language_correct, r.with_language),
            (1, 2, 2, 2)
        );
        assert_eq!((r.english, r.spanish), ((1, 1), (0, 1)));
        assert_eq!(r.failures.len(), 1);
        assert!(r.failures[0].contains("expected CLEAR, got REMOVE:l2"));
    }

    #[test]
    fn a_file_gives_its_own_carts() {
        let text = "@cart l1=WHITE METAL LANTERN x1 | l2=RED RETROSPOT MUG x2\n@last l2\n\
                    remove it\tREMOVE:l2\ten\n\
                    @cart l7=PARTY BUNTING x3\n\
                    remove the bunting\tREMOVE:l7\ten\n";
        let set = parse_tsv(text).unwrap();
        assert_eq!(set.carts.len(), 2);
        assert_eq!(set.carts[0].lines[1].name, "RED RETROSPOT MUG");
        assert_eq!(set.carts[0].lines[1].quantity, 2);
        assert_eq!(set.carts[0].memory.last_item_key.as_deref(), Some("l2"));
        assert_eq!(
            set.cases.iter().map(|c| c.cart).collect::<Vec<_>>(),
            [Some(0), Some(1)]
        );
        // Judged against their own carts, not the one passed in.
        let r = evaluate(&set, &[], &Memory::default(), &ShopWords::default());
        assert_eq!(r.failures, Vec::<String>::new());
        assert!(parse_tsv("@cart l1=LANTERN")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse_tsv("@cart l1=LANTERN x1\n@last l9").is_err());
        // An ADD of the difference makes the same cart as the UPDATE.
        let cart = [CartLine {
            key: "l2",
            name: "RED RETROSPOT MUG",
            quantity: 2,
        }];
        assert!(same_cart("ADD:2", "UPDATE:l2:4", &cart));
        assert!(same_cart("UPDATE:l2:4", "ADD:2", &cart));
        assert!(!same_cart("ADD:4", "UPDATE:l2:4", &cart));
        assert!(!same_cart("UPDATE:l2:2", "ADD:2", &cart));
    }
}

//! The labelled-utterance protocol: each row is an utterance, the action a shopper
//! expects against one fixed cart and memory, and its language.
//!
//! Labels: `SEARCH`, `ADD:<qty>`, `REMOVE:<key>`, `UPDATE:<key>:<qty>`, `CLEAR`,
//! `SHIP:<CC>`, `NONE` (the agent must not act: nothing in the cart matches, or two
//! lines do). Search terms and added products are not graded: the search index
//! decides those.

use crate::{decide, understand, Action, CartLine, Lang, Memory};

/// One labelled utterance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub utterance: String,
    pub expected: String,
    /// When the row gives one (`en`/`es`), the language detection is graded too.
    pub language: Option<Lang>,
}

/// Rows of `utterance \t expected [\t en|es]`; blank lines and `#` comments skipped.
pub fn parse_tsv(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
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
        cases.push(Case {
            utterance: utterance.to_string(),
            expected: expected.trim().to_string(),
            language,
        });
    }
    Ok(cases)
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

/// Runs every case against one cart and one memory (each from the same start: the
/// rows are independent turns).
pub fn evaluate(cases: &[Case], cart: &[CartLine], memory: &Memory) -> Report {
    let mut report = Report {
        total: cases.len(),
        ..Default::default()
    };
    for case in cases {
        let understood = understand(&case.utterance, None);
        let got = label(&decide(&understood, cart, memory));
        if got == case.expected {
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
        let cases =
            parse_tsv("# comment\n\nadd a lantern\tADD:1\ten\nquita la taza\tREMOVE:l4\n").unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].language, Some(Lang::En));
        assert_eq!(cases[1].language, None);
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
        let cases =
            parse_tsv("remove the lantern\tREMOVE:l2\ten\nquita la linterna\tCLEAR\tes\n").unwrap();
        let r = evaluate(&cases, &cart, &Memory::default());
        assert_eq!(
            (r.correct, r.total, r.language_correct, r.with_language),
            (1, 2, 2, 2)
        );
        assert_eq!(r.failures.len(), 1);
        assert!(r.failures[0].contains("expected CLEAR, got REMOVE:l2"));
    }
}

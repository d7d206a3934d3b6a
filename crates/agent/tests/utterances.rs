//! The labelled utterances (data/eval/agent-utterances.tsv) against one fixed cart: the
//! agent's accuracy, with every miss printed.

use cartlift_agent::eval::{evaluate, labelled_cart, labelled_memory, parse_tsv};

#[test]
fn labelled_utterances() {
    let text = include_str!("../../../data/eval/agent-utterances.tsv");
    let cases = parse_tsv(text).expect("a well-formed labelled set");
    assert!(cases.len() >= 80, "at least 80 rows, got {}", cases.len());
    let report = evaluate(&cases, &labelled_cart(), &labelled_memory());
    for failure in &report.failures {
        println!("miss: {failure}");
    }
    println!(
        "accuracy {}/{} = {:.1}%, language {}/{} = {:.1}%",
        report.correct,
        report.total,
        100.0 * report.accuracy(),
        report.language_correct,
        report.with_language,
        100.0 * report.language_accuracy()
    );
    assert!(
        report.accuracy() >= 0.95,
        "accuracy {:.3} below 0.95",
        report.accuracy()
    );
    assert!(
        report.language_accuracy() >= 0.95,
        "language accuracy {:.3} below 0.95",
        report.language_accuracy()
    );
}

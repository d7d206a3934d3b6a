//! The holdout experiment on the server: a visitor's arm, and the lift report built
//! from the store's events and orders by the engine's arithmetic (`engine::lift`).

use cartlift_contract::{
    ArmTotals, ArmValue, DailyTotals, ExperimentAssignment, LiftReport, MetricLift,
    SoldFromSection, CROSS_SELL_SOURCE,
};
use cartlift_engine::lift::{self, Arm, Purchase, ReportSettings, Touch, TouchKind};
use cartlift_store::{Shop, Store};

use super::shops::ShopEngines;

/// The arm of `visitor` in `shop`: the same on every server, from the shop's split.
/// Hashed with the shop's slug, which never changes, so a shop moved to another
/// store (or a simulation rerun) assigns its visitors as before.
pub fn arm_of(shop: &Shop, visitor: &str) -> Arm {
    lift::assign(
        &shop.slug,
        visitor,
        shop.settings.experiment.treatment_share,
    )
}

pub fn assignment(shop: &Shop, visitor: &str) -> ExperimentAssignment {
    let e = &shop.settings.experiment;
    ExperimentAssignment {
        visitor_id: visitor.to_string(),
        arm: arm_of(shop, visitor).as_str().to_string(),
        control: e.control.clone(),
        treatment_share: e.treatment_share,
    }
}

/// The event a widget sends when it shows the drawer, in either arm: what puts a
/// visitor in the experiment.
pub const EXPOSURE: &str = cartlift_contract::EXPOSURE_EVENT;

/// Confidence of every interval in the report.
pub const CONFIDENCE: f64 = 0.95;
/// Visitors an arm needs before a metric is compared.
pub const MIN_VISITORS: usize = 30;

/// The report over the events and orders at or after `since` (RFC 3339).
pub async fn report(
    store: &Store,
    engines: &ShopEngines,
    shop: &Shop,
    since: &str,
) -> Result<LiftReport, cartlift_store::Error> {
    let (events, orders) = store.experiment_data(shop, since).await?;
    let seconds = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map(|t| t.timestamp())
            .ok()
    };
    // A visitor's arm is the one their widget was told first; visitors who never
    // said (an order sent with an id only, an older widget) get the assignment.
    let mut told: std::collections::HashMap<String, Arm> = Default::default();
    let mut touches = Vec::new();
    for e in &events {
        if let Some(arm) = e.arm.as_deref().and_then(Arm::parse) {
            told.entry(e.visitor_id.clone()).or_insert(arm);
        }
        let section = e.source.as_deref() == Some(CROSS_SELL_SOURCE);
        let kind = match (e.kind.as_str(), e.action.as_deref(), &e.product_id) {
            (EXPOSURE, _, _) => TouchKind::Exposure,
            _ if !section => continue,
            ("impression", _, _) => TouchKind::Impression,
            ("click", Some("add"), Some(p)) => TouchKind::Add { product: p.clone() },
            ("click", _, Some(p)) => TouchKind::Click { product: p.clone() },
            _ => continue,
        };
        let Some(at) = seconds(&e.occurred_at) else {
            continue;
        };
        touches.push(Touch {
            visitor: e.visitor_id.clone(),
            session: e.session_id.clone(),
            at,
            kind,
        });
    }
    let purchases: Vec<Purchase> = orders
        .into_iter()
        .filter_map(|o| {
            Some(Purchase {
                at: seconds(&o.closed_at)?,
                visitor: o.visitor_id,
                session: o.session_id,
                lines: o.lines,
            })
        })
        .collect();
    let e = &shop.settings.experiment;
    let settings = ReportSettings {
        attribution_window_secs: i64::from(e.attribution_window_hours) * 3600,
        confidence: CONFIDENCE,
        min_visitors: MIN_VISITORS,
    };
    let arm = |v: &str| told.get(v).copied().unwrap_or_else(|| arm_of(shop, v));
    let r = lift::report(&touches, &purchases, arm, &settings);

    let engine = engines.get(store, shop).await?;
    let engine = engine.read();
    let top_products = r
        .top_products
        .iter()
        .take(10)
        .map(|(id, revenue)| {
            let (external_id, name) = engine
                .find(id)
                .map(|i| {
                    let p = engine.product_dto(i);
                    (p.external_id.unwrap_or_default(), p.name)
                })
                .unwrap_or_default();
            SoldFromSection {
                product_id: id.clone(),
                external_id,
                name,
                attributed_revenue: round2(*revenue),
            }
        })
        .collect();
    let metrics = r
        .metrics
        .iter()
        .zip(lift::METRICS)
        .map(|((name, result), (_, definition))| metric(name, definition, result))
        .collect();
    Ok(LiftReport {
        since: since.to_string(),
        treatment_share: e.treatment_share,
        control: e.control.clone(),
        attribution_window_hours: e.attribution_window_hours,
        confidence: CONFIDENCE,
        min_visitors: MIN_VISITORS as u64,
        treatment_totals: totals(&r.treatment),
        control_totals: totals(&r.control),
        metrics,
        daily: r
            .days
            .iter()
            .map(|d| DailyTotals {
                date: chrono::DateTime::from_timestamp(d.day * 86_400, 0)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                arm: d.arm.map_or("", Arm::as_str).to_string(),
                visitors: d.visitors as u64,
                impressions: d.impressions,
                clicks: d.clicks,
                orders: d.orders,
                revenue: round2(d.revenue),
                attributed_revenue: round2(d.attributed_revenue),
            })
            .collect(),
        top_products,
    })
}

fn totals(t: &lift::ArmTotals) -> ArmTotals {
    ArmTotals {
        visitors: t.visitors as u64,
        impressions: t.impressions,
        clicks: t.clicks,
        adds: t.adds,
        orders: t.orders,
        items: t.items,
        revenue: round2(t.revenue),
        attributed_revenue: round2(t.attributed_revenue),
        attributed_orders: t.attributed_orders,
    }
}

fn metric(
    name: &str,
    definition: &str,
    result: &Result<lift::Comparison, lift::NotYet>,
) -> MetricLift {
    let mut m = MetricLift {
        name: name.to_string(),
        definition: definition.to_string(),
        status: "ok".into(),
        message: None,
        treatment: None,
        control: None,
        difference: None,
        difference_interval: None,
        lift: None,
        lift_interval: None,
    };
    match result {
        Err(why) => {
            m.status = "notEnoughData".into();
            m.message = Some(why.to_string());
        }
        Ok(c) => {
            let value = |e: &lift::Estimate| ArmValue {
                value: round6(e.value),
                visitors: e.units as u64,
            };
            m.treatment = Some(value(&c.treatment));
            m.control = Some(value(&c.control));
            m.difference = Some(round6(c.difference));
            m.difference_interval = Some([
                round6(c.difference_interval.low),
                round6(c.difference_interval.high),
            ]);
            m.lift = c.lift.map(round6);
            m.lift_interval = c.lift_interval.map(|i| [round6(i.low), round6(i.high)]);
            if c.lift.is_none() {
                m.message = Some("the control's value is 0: no relative lift".into());
            }
        }
    }
    m
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The report's metrics as CSV, one row per metric (for a spreadsheet).
pub fn csv(report: &LiftReport) -> String {
    let mut out = String::from(
        "metric,status,treatment,treatment_visitors,control,control_visitors,difference,difference_low,difference_high,lift,lift_low,lift_high,definition\n",
    );
    let num = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    for m in &report.metrics {
        let row = [
            m.name.clone(),
            m.status.clone(),
            num(m.treatment.as_ref().map(|v| v.value)),
            m.treatment
                .as_ref()
                .map(|v| v.visitors.to_string())
                .unwrap_or_default(),
            num(m.control.as_ref().map(|v| v.value)),
            m.control
                .as_ref()
                .map(|v| v.visitors.to_string())
                .unwrap_or_default(),
            num(m.difference),
            num(m.difference_interval.map(|i| i[0])),
            num(m.difference_interval.map(|i| i[1])),
            num(m.lift),
            num(m.lift_interval.map(|i| i[0])),
            num(m.lift_interval.map(|i| i[1])),
            format!("\"{}\"", m.definition.replace('"', "\"\"")),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

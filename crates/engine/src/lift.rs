//! The holdout experiment: which arm a visitor is in, and what the two arms' numbers
//! say about the recommendations' lift, with honest uncertainty.
//!
//! The visitor is the unit: each is assigned once (a hash of the shop and their
//! anonymous id, so every server agrees without storing it), and every metric is a
//! ratio of sums over visitors (orders per visitor, revenue per order, clicks per
//! impression…). Its variance comes from the delta method over the visitors'
//! (numerator, denominator) pairs, which keeps the correlation between a visitor's
//! own events; the interval on the difference between arms is Welch's, with
//! Satterthwaite's degrees of freedom.

/// Which side of the experiment a visitor is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arm {
    /// Sees the engine's recommendations.
    Treatment,
    /// Sees the control (no section, or a popularity list).
    Control,
}

impl Arm {
    pub fn as_str(self) -> &'static str {
        match self {
            Arm::Treatment => "treatment",
            Arm::Control => "control",
        }
    }

    pub fn parse(s: &str) -> Option<Arm> {
        match s {
            "treatment" => Some(Arm::Treatment),
            "control" => Some(Arm::Control),
            _ => None,
        }
    }
}

/// The arm of `visitor` in `shop` when `treatment_share` (0..=1) of visitors get the
/// engine: a stable hash into 10,000 buckets, the same on every server and release.
pub fn assign(shop: &str, visitor: &str, treatment_share: f64) -> Arm {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325; // FNV-1a
    for b in shop.bytes().chain([0u8]).chain(visitor.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV's low bits mix poorly for short keys: fold the high half in first.
    let bucket = ((h ^ (h >> 32)) % 10_000) as f64;
    if bucket < treatment_share.clamp(0.0, 1.0) * 10_000.0 {
        Arm::Treatment
    } else {
        Arm::Control
    }
}

/// One arm's sample of a metric: per visitor, the metric's numerator and denominator
/// (e.g. clicks and impressions; orders and 1 for orders per visitor).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sample {
    pub pairs: Vec<(f64, f64)>,
}

/// An arm's estimate of a ratio-of-sums metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Σ numerator / Σ denominator.
    pub value: f64,
    /// The variance of `value` (delta method).
    pub variance: f64,
    /// Visitors counted (with a denominator above zero, or all for per-visitor metrics).
    pub units: usize,
}

impl Sample {
    pub fn push(&mut self, numerator: f64, denominator: f64) {
        self.pairs.push((numerator, denominator));
    }

    /// `None` with fewer than two visitors or a zero denominator in total.
    pub fn estimate(&self) -> Option<Estimate> {
        let n = self.pairs.len();
        if n < 2 {
            return None;
        }
        let nf = n as f64;
        let (sx, sy) = self
            .pairs
            .iter()
            .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
        if sy <= 0.0 {
            return None;
        }
        let (mx, my) = (sx / nf, sy / nf);
        let r = sx / sy;
        // Sample (co)variances over visitors.
        let (mut vxx, mut vyy, mut vxy) = (0.0, 0.0, 0.0);
        for (x, y) in &self.pairs {
            vxx += (x - mx) * (x - mx);
            vyy += (y - my) * (y - my);
            vxy += (x - mx) * (y - my);
        }
        let d = nf - 1.0;
        let (vxx, vyy, vxy) = (vxx / d, vyy / d, vxy / d);
        let variance = ((vxx - 2.0 * r * vxy + r * r * vyy) / (nf * my * my)).max(0.0);
        Some(Estimate {
            value: r,
            variance,
            units: self.pairs.iter().filter(|(_, y)| *y > 0.0).count(),
        })
    }
}

/// A two-sided interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Treatment against control for one metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    pub treatment: Estimate,
    pub control: Estimate,
    /// treatment − control, and its interval (Welch).
    pub difference: f64,
    pub difference_interval: Interval,
    /// treatment / control − 1, and its interval (delta method on the ratio); `None`
    /// when the control's value is zero.
    pub lift: Option<f64>,
    pub lift_interval: Option<Interval>,
    /// Satterthwaite's degrees of freedom.
    pub degrees_of_freedom: f64,
}

/// Why there is no comparison yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotYet {
    /// Fewer than `needed` visitors in an arm (with a denominator, for ratios).
    TooFewVisitors {
        arm: Arm,
        have: usize,
        needed: usize,
    },
}

impl std::fmt::Display for NotYet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotYet::TooFewVisitors { arm, have, needed } => write!(
                f,
                "not enough data yet: the {} arm has {have} visitors for this metric, {needed} are needed",
                arm.as_str()
            ),
        }
    }
}

/// Compares the arms at `confidence` (e.g. 0.95) once each has `min_units` visitors.
pub fn compare(
    treatment: &Sample,
    control: &Sample,
    confidence: f64,
    min_units: usize,
) -> Result<Comparison, NotYet> {
    let min_units = min_units.max(2);
    let check = |arm: Arm, s: &Sample| -> Result<Estimate, NotYet> {
        let have = s.pairs.iter().filter(|(_, y)| *y > 0.0).count();
        match s.estimate() {
            Some(e) if have >= min_units => Ok(e),
            _ => Err(NotYet::TooFewVisitors {
                arm,
                have,
                needed: min_units,
            }),
        }
    };
    let t = check(Arm::Treatment, treatment)?;
    let c = check(Arm::Control, control)?;
    let variance = t.variance + c.variance;
    // Welch–Satterthwaite; each arm's variance of its estimate is v / n here.
    let df_part = |e: &Estimate| {
        let n = e.units.max(2) as f64;
        e.variance * e.variance / (n - 1.0)
    };
    let denominator = df_part(&t) + df_part(&c);
    let df = if denominator > 0.0 {
        (variance * variance / denominator).max(1.0)
    } else {
        (t.units + c.units).saturating_sub(2).max(1) as f64
    };
    let q = student_t_quantile(0.5 + confidence / 2.0, df);
    let difference = t.value - c.value;
    let half = q * variance.sqrt();
    let (lift, lift_interval) = if c.value != 0.0 {
        let ratio = t.value / c.value;
        let rel_var = if t.value != 0.0 {
            ratio * ratio * (t.variance / (t.value * t.value) + c.variance / (c.value * c.value))
        } else {
            t.variance / (c.value * c.value)
        };
        let half = q * rel_var.sqrt();
        (
            Some(ratio - 1.0),
            Some(Interval {
                low: ratio - 1.0 - half,
                high: ratio - 1.0 + half,
            }),
        )
    } else {
        (None, None)
    };
    Ok(Comparison {
        treatment: t,
        control: c,
        difference,
        difference_interval: Interval {
            low: difference - half,
            high: difference + half,
        },
        lift,
        lift_interval,
        degrees_of_freedom: df,
    })
}

/// Something a visitor did with the cross-sell section.
#[derive(Clone, Debug, PartialEq)]
pub struct Touch {
    pub visitor: String,
    pub session: Option<String>,
    /// Seconds since the Unix epoch.
    pub at: i64,
    pub kind: TouchKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TouchKind {
    /// The widget told the visitor their arm (the drawer opened): what puts a
    /// visitor in the experiment, in either arm.
    Exposure,
    /// A card of the section was shown.
    Impression,
    /// A card was clicked.
    Click { product: String },
    /// A card's product was added to the cart.
    Add { product: String },
}

/// A closed order of a known visitor: lines of (product, quantity, unit price).
#[derive(Clone, Debug, PartialEq)]
pub struct Purchase {
    pub visitor: String,
    pub session: Option<String>,
    pub at: i64,
    pub lines: Vec<(String, i64, f64)>,
}

/// How the report counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReportSettings {
    /// An order line is the section's when its product was clicked or added from
    /// the section at most this long before the order, in the same session (or by
    /// the same visitor when either has no session).
    pub attribution_window_secs: i64,
    pub confidence: f64,
    /// Visitors an arm needs (with a denominator) before a metric is compared.
    pub min_visitors: usize,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            attribution_window_secs: 24 * 3600,
            confidence: 0.95,
            min_visitors: 30,
        }
    }
}

/// One arm's totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArmTotals {
    pub visitors: usize,
    pub impressions: u64,
    pub clicks: u64,
    pub adds: u64,
    pub orders: u64,
    pub items: i64,
    pub revenue: f64,
    pub attributed_revenue: f64,
    /// Orders with at least one attributed line.
    pub attributed_orders: u64,
}

/// One day (UTC) of one arm.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DayTotals {
    /// Days since the Unix epoch.
    pub day: i64,
    pub arm: Option<Arm>,
    pub visitors: usize,
    pub impressions: u64,
    pub clicks: u64,
    pub orders: u64,
    pub revenue: f64,
    pub attributed_revenue: f64,
}

/// The metrics the report compares, in its order: (name, what it is).
pub const METRICS: [(&str, &str); 7] = [
    ("conversion", "visitors who ordered / visitors"),
    ("revenuePerVisitor", "revenue / visitors"),
    (
        "attributedRevenuePerVisitor",
        "revenue of lines from the section / visitors",
    ),
    ("averageOrderValue", "revenue / orders"),
    ("itemsPerOrder", "items / orders"),
    (
        "clickThroughRate",
        "clicks on the section / its impressions",
    ),
    ("addToCartRate", "adds from the section / its impressions"),
];

/// The experiment's report: totals and daily trend per arm, each metric compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub treatment: ArmTotals,
    pub control: ArmTotals,
    pub days: Vec<DayTotals>,
    /// Per metric of [`METRICS`], in that order.
    pub metrics: Vec<(&'static str, Result<Comparison, NotYet>)>,
    /// Attributed revenue by product (treatment arm), largest first.
    pub top_products: Vec<(String, f64)>,
}

#[derive(Default)]
struct Tally {
    impressions: u64,
    clicks: u64,
    adds: u64,
    orders: u64,
    items: i64,
    revenue: f64,
    attributed: f64,
    attributed_orders: u64,
}

/// Counts every visitor the widget saw (any touch, an exposure at least) into their
/// arm (`arm_of`) with their orders, attributes order lines to the section, and
/// compares the arms on every metric.
pub fn report(
    touches: &[Touch],
    purchases: &[Purchase],
    arm_of: impl Fn(&str) -> Arm,
    settings: &ReportSettings,
) -> Report {
    use std::collections::{BTreeMap, HashMap, HashSet};
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut days: BTreeMap<(i64, bool), (HashSet<&str>, DayTotals)> = BTreeMap::new();
    let day_of = |at: i64| at.div_euclid(86_400);
    // The section's clicks and adds per visitor, for attribution.
    let mut chosen: HashMap<&str, Vec<&Touch>> = HashMap::new();
    for t in touches {
        let tally = tallies.entry(&t.visitor).or_default();
        let arm = arm_of(&t.visitor);
        let (seen, day) = days
            .entry((day_of(t.at), arm == Arm::Treatment))
            .or_default();
        seen.insert(&t.visitor);
        match &t.kind {
            TouchKind::Exposure => {}
            TouchKind::Impression => {
                tally.impressions += 1;
                day.impressions += 1;
            }
            TouchKind::Click { .. } => {
                tally.clicks += 1;
                day.clicks += 1;
                chosen.entry(&t.visitor).or_default().push(t);
            }
            // An add from a card is a click on it too (the widget sends it as one).
            TouchKind::Add { .. } => {
                tally.clicks += 1;
                tally.adds += 1;
                day.clicks += 1;
                chosen.entry(&t.visitor).or_default().push(t);
            }
        }
    }
    let mut by_product: HashMap<&str, f64> = HashMap::new();
    for p in purchases {
        let arm = arm_of(&p.visitor);
        // Only visitors the experiment saw count: an order of a visitor whose
        // widget never ran is in neither arm's sample (both would miss such).
        let Some(tally) = tallies.get_mut(p.visitor.as_str()) else {
            continue;
        };
        let revenue: f64 = p.lines.iter().map(|(_, q, price)| *q as f64 * price).sum();
        let mut attributed = 0.0;
        for (product, q, price) in &p.lines {
            let from_section = chosen.get(p.visitor.as_str()).is_some_and(|ts| {
                ts.iter().any(|t| {
                    let same = match &t.kind {
                        TouchKind::Click { product: x } | TouchKind::Add { product: x } => {
                            x == product
                        }
                        TouchKind::Impression | TouchKind::Exposure => false,
                    };
                    let in_session = match (&t.session, &p.session) {
                        (Some(a), Some(b)) => a == b,
                        _ => true,
                    };
                    same && in_session
                        && t.at <= p.at
                        && p.at - t.at <= settings.attribution_window_secs
                })
            });
            if from_section {
                attributed += *q as f64 * price;
                if arm == Arm::Treatment {
                    *by_product.entry(product).or_default() += *q as f64 * price;
                }
            }
        }
        tally.orders += 1;
        tally.items += p.lines.iter().map(|(_, q, _)| q).sum::<i64>();
        tally.revenue += revenue;
        tally.attributed += attributed;
        tally.attributed_orders += u64::from(attributed > 0.0);
        let (seen, day) = days
            .entry((day_of(p.at), arm == Arm::Treatment))
            .or_default();
        seen.insert(&p.visitor);
        day.orders += 1;
        day.revenue += revenue;
        day.attributed_revenue += attributed;
    }

    let mut totals = [ArmTotals::default(), ArmTotals::default()];
    let mut samples: Vec<[Sample; 2]> = (0..METRICS.len()).map(|_| Default::default()).collect();
    for (visitor, t) in &tallies {
        let i = usize::from(arm_of(visitor) == Arm::Control);
        let a = &mut totals[i];
        a.visitors += 1;
        a.impressions += t.impressions;
        a.clicks += t.clicks;
        a.adds += t.adds;
        a.orders += t.orders;
        a.items += t.items;
        a.revenue += t.revenue;
        a.attributed_revenue += t.attributed;
        a.attributed_orders += t.attributed_orders;
        let orders = t.orders as f64;
        let pairs = [
            (f64::from(u8::from(t.orders > 0)), 1.0),
            (t.revenue, 1.0),
            (t.attributed, 1.0),
            (t.revenue, orders),
            (t.items as f64, orders),
            (t.clicks as f64, t.impressions as f64),
            (t.adds as f64, t.impressions as f64),
        ];
        for (m, (x, y)) in pairs.into_iter().enumerate() {
            samples[m][i].push(x, y);
        }
    }
    let metrics = METRICS
        .iter()
        .zip(&samples)
        .map(|((name, _), [t, c])| {
            (
                *name,
                compare(t, c, settings.confidence, settings.min_visitors),
            )
        })
        .collect();
    let [treatment, control] = totals;
    let mut top_products: Vec<(String, f64)> = by_product
        .into_iter()
        .map(|(p, r)| (p.to_string(), r))
        .collect();
    top_products.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Report {
        treatment,
        control,
        days: days
            .into_iter()
            .map(|((day, treated), (seen, mut totals))| {
                totals.day = day;
                totals.arm = Some(if treated {
                    Arm::Treatment
                } else {
                    Arm::Control
                });
                totals.visitors = seen.len();
                totals
            })
            .collect(),
        metrics,
        top_products,
    }
}

/// The `p` quantile of Student's t with `df` degrees of freedom (bisection on the
/// distribution function; accurate to 1e-9).
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p == 0.5 {
        return 0.0;
    }
    if p < 0.5 {
        return -student_t_quantile(1.0 - p, df);
    }
    let (mut lo, mut hi) = (0.0, 1.0);
    while student_t_cdf(hi, df) < p {
        hi *= 2.0;
        if hi > 1e12 {
            return f64::INFINITY;
        }
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if student_t_cdf(mid, df) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    (lo + hi) / 2.0
}

/// P(T <= t) for Student's t with `df` degrees of freedom.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let x = df / (df + t * t);
    let tail = 0.5 * incomplete_beta(df / 2.0, 0.5, x);
    if t >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The regularised incomplete beta function I_x(a, b) (continued fraction, Lentz).
fn incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        d = if d.abs() < TINY { TINY } else { d };
        c = 1.0 + aa / c;
        c = if c.abs() < TINY { TINY } else { c };
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7).
fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection.
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn t_quantiles_match_the_tables() {
        // Two-sided 95 %: the tables' 12.706 (1), 2.228 (10), 2.042 (30), 1.984 (100).
        for (df, q) in [(1.0, 12.706), (10.0, 2.228), (30.0, 2.042), (100.0, 1.984)] {
            let got = student_t_quantile(0.975, df);
            assert!(close(got, q, 0.001), "df {df}: {got}");
        }
        assert!(close(student_t_quantile(0.995, 5.0), 4.032, 0.001));
        assert!(close(student_t_quantile(0.025, 10.0), -2.228, 0.001));
        assert!(close(student_t_quantile(0.975, 1e6), 1.960, 0.001));
    }

    #[test]
    fn assignment_is_stable_and_splits_as_asked() {
        assert_eq!(assign("shop", "v1", 0.9), assign("shop", "v1", 0.9));
        let n = 20_000;
        let treated = (0..n)
            .filter(|i| assign("shop-a", &format!("visitor-{i}"), 0.9) == Arm::Treatment)
            .count();
        let share = treated as f64 / n as f64;
        // Binomial sd at 20,000 and 0.9 is 0.0021: four of them.
        assert!((share - 0.9).abs() < 0.0085, "{share}");
        // Another shop splits the same visitors independently.
        let both = (0..n)
            .filter(|i| {
                let v = format!("visitor-{i}");
                assign("shop-a", &v, 0.5) == Arm::Treatment
                    && assign("shop-b", &v, 0.5) == Arm::Treatment
            })
            .count() as f64
            / n as f64;
        assert!((both - 0.25).abs() < 0.02, "{both}");
        assert_eq!(assign("s", "v", 0.0), Arm::Control);
        assert_eq!(assign("s", "v", 1.0), Arm::Treatment);
    }

    /// Computed by hand: treatment orders per visitor 1,0,2,1 (mean 1, variance
    /// 2/3); control 0,1,0,1,0 (mean 0.4, variance 0.3). Variance of the means:
    /// 2/3/4 = 1/6 and 0.3/5 = 0.06, total 0.22667, se 0.47610. Welch's df:
    /// 0.22667² / ((1/6)²/3 + 0.06²/4) = 0.051378 / (0.0092593 + 0.0009) = 5.0572;
    /// t(0.975, 5.0572) = 2.5619 (the t density integrated numerically, apart from
    /// this code); difference 0.6 ± 1.2197.
    #[test]
    fn welch_interval_matches_a_case_done_by_hand() {
        let mut t = Sample::default();
        for x in [1.0, 0.0, 2.0, 1.0] {
            t.push(x, 1.0);
        }
        let mut c = Sample::default();
        for x in [0.0, 1.0, 0.0, 1.0, 0.0] {
            c.push(x, 1.0);
        }
        let r = compare(&t, &c, 0.95, 2).unwrap();
        assert!(close(r.treatment.variance, 1.0 / 6.0, 1e-12));
        assert!(close(r.control.variance, 0.06, 1e-12));
        assert!(close(r.difference, 0.6, 1e-12));
        assert!(
            close(r.degrees_of_freedom, 5.0572, 1e-3),
            "{}",
            r.degrees_of_freedom
        );
        let q = student_t_quantile(0.975, r.degrees_of_freedom);
        assert!(close(q, 2.5619, 1e-3), "{q}");
        assert!(close(r.difference_interval.low, 0.6 - 1.2197, 1e-3));
        assert!(close(r.difference_interval.high, 0.6 + 1.2197, 1e-3));
        // Lift 1/0.4 − 1 = 1.5; its variance 2.5² (0.16667/1 + 0.06/0.16) = 3.3854,
        // half-width 2.5619 · 1.8400 = 4.7137.
        assert!(close(r.lift.unwrap(), 1.5, 1e-12));
        let lift = r.lift_interval.unwrap();
        assert!(close(lift.low, 1.5 - 4.7137, 2e-3) && close(lift.high, 1.5 + 4.7137, 2e-3));
    }

    /// A ratio per visitor (clicks / impressions): visitors (1, 4), (0, 2), (3, 6).
    /// R = 4/12 = 1/3; means x̄ = 4/3, ȳ = 4; s_xx = 7/3, s_yy = 4, s_xy = 3;
    /// var = (7/3 − 2·(1/3)·3 + (1/9)·4) / (3·16) = (7/3 − 2 + 4/9)/48 = 0.016204.
    #[test]
    fn a_ratio_metrics_variance_keeps_each_visitors_own_events_together() {
        let mut s = Sample::default();
        for (x, y) in [(1.0, 4.0), (0.0, 2.0), (3.0, 6.0)] {
            s.push(x, y);
        }
        let e = s.estimate().unwrap();
        assert!(close(e.value, 1.0 / 3.0, 1e-12));
        assert!(close(
            e.variance,
            (7.0 / 3.0 - 2.0 + 4.0 / 9.0) / 48.0,
            1e-12
        ));
    }

    fn touch(visitor: &str, session: &str, at: i64, kind: TouchKind) -> Touch {
        Touch {
            visitor: visitor.into(),
            session: (!session.is_empty()).then(|| session.into()),
            at,
            kind,
        }
    }

    fn click(product: &str) -> TouchKind {
        TouchKind::Click {
            product: product.into(),
        }
    }

    fn order(visitor: &str, session: &str, at: i64, lines: &[(&str, i64, f64)]) -> Purchase {
        Purchase {
            visitor: visitor.into(),
            session: (!session.is_empty()).then(|| session.into()),
            at,
            lines: lines
                .iter()
                .map(|(p, q, x)| (p.to_string(), *q, *x))
                .collect(),
        }
    }

    fn attributed(touches: &[Touch], purchases: &[Purchase]) -> f64 {
        // The buyer was seen, whatever else happened.
        let mut seen = touches.to_vec();
        seen.push(touch("v", "", 0, TouchKind::Exposure));
        report(
            &seen,
            purchases,
            |_| Arm::Treatment,
            &ReportSettings::default(),
        )
        .treatment
        .attributed_revenue
    }

    #[test]
    fn an_order_line_is_the_sections_only_after_its_click_in_the_same_session() {
        let day = 86_400;
        // Clicked, then ordered in the same session: 2 × 3.0 attributed, not the mug.
        let seen = [touch("v", "s1", 100, click("LAMP"))];
        let bought = [order("v", "s1", 200, &[("LAMP", 2, 3.0), ("MUG", 1, 5.0)])];
        assert_eq!(attributed(&seen, &bought), 6.0);
        // The click came after the order.
        assert_eq!(
            attributed(&[touch("v", "s1", 300, click("LAMP"))], &bought),
            0.0
        );
        // Another session of the same visitor.
        assert_eq!(
            attributed(&[touch("v", "s0", 100, click("LAMP"))], &bought),
            0.0
        );
        // Another visitor's click.
        assert_eq!(
            attributed(&[touch("w", "s1", 100, click("LAMP"))], &bought),
            0.0
        );
        // Outside the window.
        let late = [order("v", "s1", 100 + day + 1, &[("LAMP", 2, 3.0)])];
        assert_eq!(attributed(&seen, &late), 0.0);
        // Added from the section, the cart cleared, the lamp not in the order.
        let added = [touch(
            "v",
            "s1",
            100,
            TouchKind::Add {
                product: "LAMP".into(),
            },
        )];
        assert_eq!(
            attributed(&added, &[order("v", "s1", 200, &[("MUG", 1, 5.0)])]),
            0.0
        );
        // An order sent without a session: the visitor's click within the window.
        assert_eq!(
            attributed(&seen, &[order("v", "", 200, &[("LAMP", 1, 3.0)])]),
            3.0
        );
    }

    #[test]
    fn the_report_counts_each_visitor_in_their_arm() {
        let arm_of = |v: &str| {
            if v.starts_with('t') {
                Arm::Treatment
            } else {
                Arm::Control
            }
        };
        let touches = [
            touch("t1", "a", 10, TouchKind::Impression),
            touch("t1", "a", 20, click("LAMP")),
            touch("t2", "b", 10, TouchKind::Impression),
            touch("c1", "c", 10, TouchKind::Exposure),
            touch("c2", "d", 10, TouchKind::Exposure),
        ];
        let purchases = [
            order("t1", "a", 30, &[("LAMP", 1, 4.0), ("MUG", 2, 1.0)]),
            order("c1", "c", 30, &[("MUG", 1, 1.0)]),
            order("c2", "d", 86_400 + 5, &[("MUG", 3, 1.0)]),
            // Never seen by the widget: in neither arm.
            order("x9", "e", 30, &[("MUG", 5, 1.0)]),
        ];
        let r = report(&touches, &purchases, arm_of, &ReportSettings::default());
        assert_eq!(
            (r.treatment.visitors, r.treatment.orders, r.treatment.items),
            (2, 1, 3)
        );
        assert_eq!(
            (r.treatment.revenue, r.treatment.attributed_revenue),
            (6.0, 4.0)
        );
        assert_eq!(
            (r.control.visitors, r.control.orders, r.control.revenue),
            (2, 2, 4.0)
        );
        assert_eq!(r.control.impressions, 0);
        // An add from the section is a click on it as well.
        let added = [
            touch("t1", "a", 10, TouchKind::Impression),
            touch(
                "t1",
                "a",
                20,
                TouchKind::Add {
                    product: "LAMP".into(),
                },
            ),
        ];
        let r2 = report(&added, &[], arm_of, &ReportSettings::default());
        assert_eq!((r2.treatment.clicks, r2.treatment.adds), (1, 1));
        assert_eq!(r.top_products, [("LAMP".to_string(), 4.0)]);
        assert_eq!(r.metrics.len(), METRICS.len());
        // 2 visitors an arm: every metric says so rather than guess.
        assert!(r.metrics.iter().all(|(_, m)| m.is_err()));
        let day1: Vec<_> = r.days.iter().filter(|d| d.day == 1).collect();
        assert_eq!(day1.len(), 1);
        assert_eq!(
            (day1[0].arm, day1[0].orders, day1[0].visitors),
            (Some(Arm::Control), 1, 1)
        );
    }

    #[test]
    fn too_few_visitors_is_said_not_guessed() {
        let mut t = Sample::default();
        t.push(1.0, 1.0);
        let c = Sample::default();
        let e = compare(&t, &c, 0.95, 30).unwrap_err();
        assert_eq!(
            e,
            NotYet::TooFewVisitors {
                arm: Arm::Treatment,
                have: 1,
                needed: 30
            }
        );
        assert!(e.to_string().starts_with("not enough data yet"));
    }
}

//! The lift page's charts, drawn as SVG by the server from numbers only (no text of
//! the shop's goes into them): they scale to the screen's width, phone included.

use cartlift_contract::{DailyTotals, MetricLift};

const W: f64 = 640.0;
const H: f64 = 180.0;
const PAD: f64 = 36.0;

/// One value per day and arm as two lines (treatment solid, control dashed), with
/// the first and last dates and the largest value marked. `None` when no day has a
/// value.
pub fn trend(days: &[DailyTotals], value: impl Fn(&DailyTotals) -> Option<f64>) -> Option<String> {
    let mut dates: Vec<&str> = days.iter().map(|d| d.date.as_str()).collect();
    dates.sort_unstable();
    dates.dedup();
    let points: Vec<(&str, usize, f64)> = days
        .iter()
        .filter_map(|d| {
            let x = dates.binary_search(&d.date.as_str()).ok()?;
            Some((d.arm.as_str(), x, value(d).filter(|v| v.is_finite())?))
        })
        .collect();
    let top = points.iter().map(|p| p.2).fold(0.0f64, f64::max);
    if points.is_empty() {
        return None;
    }
    let top = if top > 0.0 { top } else { 1.0 };
    let x = |i: usize| {
        if dates.len() < 2 {
            W / 2.0
        } else {
            PAD + i as f64 * (W - 2.0 * PAD) / (dates.len() - 1) as f64
        }
    };
    let y = |v: f64| H - PAD / 2.0 - v / top * (H - PAD);
    let mut svg = format!(
        r#"<svg viewBox="0 0 {W} {H}" role="img" class="chart" preserveAspectRatio="xMidYMid meet"><line x1="{PAD}" y1="{b}" x2="{r}" y2="{b}" class="axis"/><text x="{PAD}" y="{t}" class="tick">{top}</text>"#,
        b = y(0.0),
        r = W - PAD,
        t = y(top) - 4.0,
        top = short(top),
    );
    for (arm, class) in [("treatment", "treatment"), ("control", "control")] {
        let line: Vec<String> = points
            .iter()
            .filter(|p| p.0 == arm)
            .map(|p| format!("{:.1},{:.1}", x(p.1), y(p.2)))
            .collect();
        if line.len() == 1 {
            svg.push_str(&format!(
                r#"<circle cx="{}" cy="{}" r="3" class="{class}"/>"#,
                line[0].split(',').next().unwrap_or("0"),
                line[0].split(',').nth(1).unwrap_or("0"),
            ));
        } else if !line.is_empty() {
            svg.push_str(&format!(
                r#"<polyline points="{}" class="{class}"/>"#,
                line.join(" ")
            ));
        }
    }
    let (first, last) = (dates[0], dates[dates.len() - 1]);
    svg.push_str(&format!(
        r#"<text x="{PAD}" y="{H}" class="tick">{first}</text><text x="{}" y="{H}" class="tick" text-anchor="end">{last}</text></svg>"#,
        W - PAD
    ));
    Some(svg)
}

/// Each compared metric's lift as a dot on its interval, around a line at no lift;
/// metrics still waiting for data are left out. `None` when none is compared yet.
pub fn lifts(metrics: &[MetricLift]) -> Option<String> {
    let rows: Vec<(&str, f64, [f64; 2])> = metrics
        .iter()
        .filter_map(|m| Some((m.name.as_str(), m.lift?, m.lift_interval?)))
        .collect();
    if rows.is_empty() {
        return None;
    }
    // The scale: every interval, and no lift, in view (at most −100 % to +300 %).
    let lo = rows.iter().map(|r| r.2[0]).fold(0.0f64, f64::min).max(-1.0);
    let hi = rows.iter().map(|r| r.2[1]).fold(0.0f64, f64::max).min(3.0);
    let (lo, hi) = if hi - lo < 0.02 {
        (lo - 0.01, hi + 0.01)
    } else {
        (lo, hi)
    };
    let left = 190.0;
    let x = |v: f64| left + (v.clamp(lo, hi) - lo) / (hi - lo) * (W - left - PAD);
    let row_h = 28.0;
    let height = row_h * rows.len() as f64 + 30.0;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {W} {height}" role="img" class="chart lifts"><line x1="{z}" y1="4" x2="{z}" y2="{b}" class="axis"/>"#,
        z = x(0.0),
        b = height - 22.0,
    );
    for (i, (name, lift, [a, b])) in rows.iter().enumerate() {
        let cy = 18.0 + i as f64 * row_h;
        let class = if *a > 0.0 {
            "up"
        } else if *b < 0.0 {
            "down"
        } else {
            "unsure"
        };
        svg.push_str(&format!(
            r#"<text x="4" y="{ty}" class="label">{name}</text><line x1="{x1}" y1="{cy}" x2="{x2}" y2="{cy}" class="interval {class}"/><circle cx="{cx}" cy="{cy}" r="4" class="{class}"/>"#,
            ty = cy + 4.0,
            x1 = x(*a),
            x2 = x(*b),
            cx = x(*lift),
        ));
    }
    svg.push_str(&format!(
        r#"<text x="{l}" y="{y}" class="tick">{lo}</text><text x="{z}" y="{y}" class="tick" text-anchor="middle">0 %</text><text x="{r}" y="{y}" class="tick" text-anchor="end">{hi}</text></svg>"#,
        l = left,
        z = x(0.0),
        r = W - PAD,
        y = height - 6.0,
        lo = percent(lo),
        hi = percent(hi),
    ));
    Some(svg)
}

pub fn percent(v: f64) -> String {
    format!("{:+.1} %", v * 100.0)
}

fn short(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(date: &str, arm: &str, orders: u64, visitors: u64) -> DailyTotals {
        DailyTotals {
            date: date.into(),
            arm: arm.into(),
            visitors,
            impressions: 0,
            clicks: 0,
            orders,
            revenue: orders as f64 * 10.0,
            attributed_revenue: 0.0,
        }
    }

    #[test]
    fn a_trend_draws_a_line_per_arm() {
        let days = [
            day("2026-11-01", "treatment", 2, 10),
            day("2026-11-02", "treatment", 4, 10),
            day("2026-11-01", "control", 1, 5),
            day("2026-11-02", "control", 1, 5),
        ];
        let svg = trend(&days, |d| Some(d.orders as f64 / d.visitors as f64)).unwrap();
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("2026-11-01") && svg.contains("2026-11-02"));
        assert!(trend(&[], |_| Some(1.0)).is_none());
    }

    #[test]
    fn lifts_mark_sure_gains_apart_from_unsure_ones() {
        let metric = |name: &str, lift: f64, low: f64, high: f64| MetricLift {
            name: name.into(),
            definition: String::new(),
            status: "ok".into(),
            message: None,
            treatment: None,
            control: None,
            difference: None,
            difference_interval: None,
            lift: Some(lift),
            lift_interval: Some([low, high]),
        };
        let svg = lifts(&[
            metric("conversion", 0.2, 0.05, 0.35),
            metric("averageOrderValue", 0.01, -0.1, 0.12),
        ])
        .unwrap();
        assert!(svg.contains(r#"class="interval up""#));
        assert!(svg.contains(r#"class="interval unsure""#));
        assert!(lifts(&[]).is_none());
    }
}

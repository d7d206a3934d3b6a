//! The holdout experiment: a visitor's arm (`GET /api/widget/experiment`) and the
//! lift report (`GET /api/admin/lift`). cartlift's own, beside the reference
//! documents' contract: nothing of theirs changes.

use serde::{Deserialize, Serialize};

/// The header a widget sends its anonymous visitor id in (cross-sell), and the one
/// the answer names the visitor's arm in.
pub const VISITOR_HEADER: &str = "x-visitor-id";
pub const ARM_HEADER: &str = "x-cartlift-arm";

/// The event type a widget sends when it shows the drawer, in either arm (with
/// `metadata.visitorId`, `sessionId`, `arm`): what puts a visitor in the experiment.
pub const EXPOSURE_EVENT: &str = "exposure";

/// Which arm a visitor is in, and what that arm shows.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExperimentAssignment {
    pub visitor_id: String,
    /// `treatment` (the engine's recommendations) or `control`.
    pub arm: String,
    /// What the control arm shows: `none` (no section) or `popularity`.
    pub control: String,
    /// Share of visitors in the treatment arm (0 to 1).
    pub treatment_share: f64,
}

/// One arm's totals over the report's period.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmTotals {
    pub visitors: u64,
    /// Cross-sell cards shown.
    pub impressions: u64,
    pub clicks: u64,
    pub adds: u64,
    pub orders: u64,
    pub items: i64,
    pub revenue: f64,
    /// Revenue of order lines clicked or added from the section first.
    pub attributed_revenue: f64,
    pub attributed_orders: u64,
}

/// A metric's value in one arm.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArmValue {
    pub value: f64,
    /// Visitors it was measured on.
    pub visitors: u64,
}

/// One metric, treatment against control.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricLift {
    /// `conversion`, `revenuePerVisitor`, `attributedRevenuePerVisitor`,
    /// `averageOrderValue`, `itemsPerOrder`, `clickThroughRate`, `addToCartRate`.
    pub name: String,
    pub definition: String,
    /// `ok`, or `notEnoughData` (then only `message` says more).
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub treatment: Option<ArmValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<ArmValue>,
    /// treatment − control, with its interval (Welch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difference_interval: Option<[f64; 2]>,
    /// treatment / control − 1, with its interval (delta method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift_interval: Option<[f64; 2]>,
}

/// One day (UTC) of one arm, for the trend charts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DailyTotals {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub arm: String,
    pub visitors: u64,
    pub impressions: u64,
    pub clicks: u64,
    pub orders: u64,
    pub revenue: f64,
    pub attributed_revenue: f64,
}

/// A product that sold from the section.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoldFromSection {
    pub product_id: String,
    pub external_id: String,
    pub name: String,
    pub attributed_revenue: f64,
}

/// `GET /api/admin/lift`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiftReport {
    /// The period: events and orders at or after this time (RFC 3339).
    pub since: String,
    pub treatment_share: f64,
    pub control: String,
    pub attribution_window_hours: u32,
    pub confidence: f64,
    /// Visitors an arm needs before a metric is compared.
    pub min_visitors: u64,
    pub treatment_totals: ArmTotals,
    pub control_totals: ArmTotals,
    pub metrics: Vec<MetricLift>,
    pub daily: Vec<DailyTotals>,
    pub top_products: Vec<SoldFromSection>,
}

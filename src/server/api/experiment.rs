//! The holdout experiment over the API: which arm a visitor is in (widget token),
//! and the lift report as JSON or CSV (admin key).

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cartlift_contract::{ExperimentAssignment, LiftReport, VISITOR_HEADER};
use serde::Deserialize;

use super::auth::{AdminShop, WidgetShop};
use super::ApiError;
use crate::server::{lift, AppState};

/// Longest visitor id (the widget makes 32 hex characters).
pub(super) const MAX_VISITOR_ID: usize = 128;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AssignmentParams {
    /// The widget's anonymous visitor id (random; never personal data).
    visitor_id: Option<String>,
}

/// A visitor id as sent: 1 to 128 characters, not blank.
pub(super) fn visitor_id(id: &str) -> Result<&str, ApiError> {
    if super::is_blank(id) || id.chars().count() > MAX_VISITOR_ID {
        return Err(ApiError::bad_request(format!(
            "a visitor id is 1 to {MAX_VISITOR_ID} characters, not blank"
        )));
    }
    Ok(id)
}

/// The visitor of a widget call (`X-Visitor-Id`), when it names one.
pub(super) fn visitor_of(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    match headers.get(VISITOR_HEADER) {
        None => Ok(None),
        Some(v) => {
            let v = v
                .to_str()
                .map_err(|_| ApiError::bad_request("X-Visitor-Id must be printable ASCII"))?;
            visitor_id(v).map(Some)
        }
    }
}

/// `GET /api/widget/experiment`: the visitor's arm in the shop's holdout experiment
/// (the same answer on every call and every server), and what that arm shows.
#[utoipa::path(
    get,
    path = "/api/widget/experiment",
    tag = "widget",
    params(AssignmentParams),
    security(("widget_token" = [])),
    responses(
        (status = 200, description = "The visitor's arm", body = ExperimentAssignment),
        (status = 400, description = "Missing or invalid visitorId", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
    )
)]
pub async fn assignment(
    WidgetShop(shop): WidgetShop,
    Query(params): Query<AssignmentParams>,
) -> Result<Json<ExperimentAssignment>, ApiError> {
    let id = params
        .visitor_id
        .as_deref()
        .ok_or_else(|| ApiError::bad_request("visitorId is required"))?;
    Ok(Json(lift::assignment(&shop, visitor_id(id)?)))
}

#[derive(Debug, Deserialize)]
pub struct LiftParams {
    /// RFC 3339; default: 90 days ago.
    since: Option<String>,
}

fn since(params: &LiftParams) -> Result<String, ApiError> {
    match &params.since {
        None => Ok((chrono::Utc::now() - chrono::Duration::days(90))
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        Some(t) => chrono::DateTime::parse_from_rfc3339(t)
            .map(|t| {
                t.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            })
            .map_err(|_| {
                ApiError::bad_request(format!(
                    "since must be an RFC 3339 time like 2024-05-01T00:00:00Z, got {t:?}"
                ))
            }),
    }
}

/// `GET /api/admin/lift`: treatment against control on every metric, with
/// intervals and sample sizes, the daily trend per arm and what sold from the section.
pub async fn report(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    Query(params): Query<LiftParams>,
) -> Result<Json<LiftReport>, ApiError> {
    let since = since(&params)?;
    Ok(Json(
        lift::report(&state.store, &state.engines, &shop, &since).await?,
    ))
}

/// `GET /api/admin/lift.csv`: the same metrics, one row each.
pub async fn report_csv(
    State(state): State<AppState>,
    AdminShop(shop): AdminShop,
    Query(params): Query<LiftParams>,
) -> Result<Response, ApiError> {
    let since = since(&params)?;
    let report = lift::report(&state.store, &state.engines, &shop, &since).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"cartlift-lift.csv\"",
            ),
        ],
        lift::csv(&report),
    )
        .into_response())
}

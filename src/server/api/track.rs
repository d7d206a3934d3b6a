use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use cartlift_contract::{Event, EventAck};
use cartlift_store::NewEvent;
use serde_json::Value;

use super::auth::WidgetShop;
use super::body::JsonBody;
use super::ApiError;
use crate::server::AppState;

/// `POST /api/widget/track/click`: a click on a product the widget showed. A click
/// from the cross-sell section carries `metadata.source = "cross_sell"`.
#[utoipa::path(
    post,
    path = "/api/widget/track/click",
    tag = "widget",
    request_body = Event,
    security(("widget_token" = [])),
    responses(
        (status = 201, description = "Stored; the time is the client's or the server's", body = EventAck),
        (status = 400, description = "Malformed JSON, an invalid field, or personal data in metadata", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
        (status = 413, description = "Body larger than 64 KiB", body = cartlift_contract::ApiError),
    )
)]
pub async fn click(
    state: State<AppState>,
    shop: WidgetShop,
    body: JsonBody<Event>,
) -> Result<(StatusCode, Json<EventAck>), ApiError> {
    if !body.0.kind.contains("click") {
        return Err(ApiError::bad_request(format!(
            "type {:?} is not a click: use \"click\" here, or /api/widget/track/event for other events",
            body.0.kind
        )));
    }
    event(state, shop, body).await
}

/// `POST /api/widget/track/event`: any analytics event.
#[utoipa::path(
    post,
    path = "/api/widget/track/event",
    tag = "widget",
    request_body = Event,
    security(("widget_token" = [])),
    responses(
        (status = 201, description = "Stored; the time is the client's or the server's", body = EventAck),
        (status = 400, description = "Malformed JSON, an invalid field, or personal data in metadata", body = cartlift_contract::ApiError),
        (status = 401, description = "X-Widget-Token missing or not a widget token", body = cartlift_contract::ApiError),
        (status = 413, description = "Body larger than 64 KiB", body = cartlift_contract::ApiError),
    )
)]
pub async fn event(
    State(state): State<AppState>,
    WidgetShop(shop): WidgetShop,
    JsonBody(event): JsonBody<Event>,
) -> Result<(StatusCode, Json<EventAck>), ApiError> {
    let new = validate(event).map_err(ApiError::bad_request)?;
    let stored = state.store.add_event(&shop, &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(EventAck {
            id: stored.id,
            timestamp: stored.occurred_at,
        }),
    ))
}

/// Metadata keys that would carry personal data (compared without case, `_` or `-`).
const PII_KEYS: &[&str] = &[
    "email",
    "mail",
    "phone",
    "telephone",
    "mobile",
    "firstname",
    "lastname",
    "fullname",
    "surname",
    "name",
    "customername",
    "address",
    "street",
    "postcode",
    "zip",
    "zipcode",
    "postalcode",
    "ip",
    "ipaddress",
    "password",
    "creditcard",
    "cardnumber",
    "iban",
    "ssn",
    "dni",
    "birthdate",
    "dateofbirth",
    "dob",
];

/// Limits of an event, stated in the OpenAPI document too (`openapi.rs`).
pub(super) const TYPE_PATTERN: &str = "^[a-z][a-z0-9_]{0,63}$";
/// `/api/widget/track/click` takes the types that name a click.
pub(super) const CLICK_TYPE_PATTERN: &str = "^([a-z][a-z0-9_]*)?click[a-z0-9_]*$";
pub(super) const MAX_SEARCH_LOG_ID: usize = 128;
pub(super) const MAX_METADATA_KEYS: usize = 50;
pub(super) const MAX_METADATA_KEY: usize = 64;
pub(super) const MAX_METADATA_TEXT: usize = 1000;

fn validate(event: Event) -> Result<NewEvent, String> {
    let kind = event.kind.as_str();
    if kind.is_empty()
        || kind.len() > 64
        || !kind.starts_with(|c: char| c.is_ascii_lowercase())
        || !kind
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(format!(
            "type must be snake_case (a-z, 0-9, _), 1 to 64 characters, got {kind:?}"
        ));
    }
    if event
        .search_log_id
        .as_ref()
        .is_some_and(|s| s.is_empty() || s.chars().count() > MAX_SEARCH_LOG_ID)
    {
        return Err(format!(
            "searchLogId must be 1 to {MAX_SEARCH_LOG_ID} characters"
        ));
    }
    let metadata = event.metadata.unwrap_or_default();
    if metadata.len() > MAX_METADATA_KEYS {
        return Err(format!(
            "metadata holds {} keys; at most {MAX_METADATA_KEYS}",
            metadata.len()
        ));
    }
    for (key, value) in &metadata {
        let folded: String = key
            .chars()
            .filter(|c| *c != '_' && *c != '-')
            .collect::<String>()
            .to_lowercase();
        if key.is_empty() || key.chars().count() > MAX_METADATA_KEY {
            return Err(format!(
                "metadata key {key:?} must be 1 to {MAX_METADATA_KEY} characters"
            ));
        }
        if PII_KEYS.contains(&folded.as_str())
            || folded.contains("email")
            || folded.contains("phone")
            || folded.contains("password")
        {
            return Err(format!(
                "metadata key {key:?} looks like personal data; events must not carry any"
            ));
        }
        match value {
            Value::String(s) if s.chars().count() > MAX_METADATA_TEXT => {
                return Err(format!(
                    "metadata.{key} is longer than {MAX_METADATA_TEXT} characters"
                ))
            }
            Value::String(s) if looks_like_email(s) => {
                return Err(format!(
                "metadata.{key} looks like an email address; events must not carry personal data"
            ))
            }
            Value::Array(_) | Value::Object(_) => {
                return Err(format!(
                    "metadata.{key} must be a string, number, boolean or null (flat pairs only)"
                ))
            }
            _ => {}
        }
    }
    if let Some(Value::String(source)) = metadata.get("source") {
        if source.is_empty() || !source.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "metadata.source must be snake_case, like \"cross_sell\", got {source:?}"
            ));
        }
    }
    let now = chrono::Utc::now();
    let occurred_at = match event.timestamp {
        None => now,
        Some(t) => {
            let t = chrono::DateTime::parse_from_rfc3339(&t)
                .map_err(|_| format!("timestamp must be ISO-8601 (RFC 3339) like 2024-05-01T10:00:00Z, got {t:?}"))?
                .with_timezone(&chrono::Utc);
            if t > now + chrono::Duration::hours(24) {
                return Err("timestamp is more than a day in the future".into());
            }
            t
        }
    };
    Ok(NewEvent {
        kind: kind.to_string(),
        search_log_id: event.search_log_id,
        metadata,
        occurred_at: occurred_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    })
}

fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((user, domain)) => !user.is_empty() && domain.contains('.') && !s.contains(' '),
        None => false,
    }
}

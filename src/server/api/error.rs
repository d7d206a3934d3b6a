use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An API failure: a status, a stable code and a message a developer can act on.
/// Internal causes are logged once here and never sent to the client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed; the cause is in its log",
        )
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = cartlift_contract::ApiError {
            error: self.code.to_string(),
            message: self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<cartlift_store::Error> for ApiError {
    fn from(e: cartlift_store::Error) -> Self {
        use cartlift_store::Error as E;
        match e {
            E::Invalid(m) => ApiError::bad_request(m),
            E::Parse { .. } => ApiError::bad_request(e.to_string()),
            E::UnknownShop(_) => ApiError::not_found(e.to_string()),
            E::ShopExists(_) => ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string()),
            other => ApiError::internal(other),
        }
    }
}

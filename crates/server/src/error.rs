//! The API's one error type: a status and a message, answered as `{"error": "..."}`.
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_store::StoreError;

/// An error answer: `status` with the JSON body `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, for a person.
    pub message: String,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: the parameter `name` is wrong.
    pub fn bad_param(name: &str, message: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("parameter `{name}`: {message}"),
        )
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500, logging the detail on stderr (the answer does not carry paths or SQL).
    pub fn internal(detail: impl std::fmt::Display) -> ApiError {
        eprintln!("dateline serve: internal error: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (the server log has the details)",
        )
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::PrefixTooShort { prefix, min, .. } => ApiError::bad_param(
                "id",
                format!("`{prefix}` is too short: give at least {min} characters"),
            ),
            StoreError::AmbiguousId {
                prefix, candidates, ..
            } => ApiError::bad_param(
                "id",
                format!(
                    "`{prefix}` is ambiguous: it matches {}",
                    candidates.join(", ")
                ),
            ),
            StoreError::InvalidQuery { field, message } => ApiError::bad_param(field, message),
            other => ApiError::internal(other),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"dateline\""),
            );
        }
        res
    }
}

//! Errors as `application/problem+json` (RFC 9457) carrying field codes, never sentences.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_contract::wire::Problem;
use portal_contract::{ErrorCode, FieldError};

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub errors: Vec<FieldError>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, kind: &'static str) -> Self {
        ApiError { status, kind, errors: vec![], retry_after: None }
    }
    pub fn fields(errors: Vec<FieldError>) -> Self {
        ApiError { errors, ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation") }
    }
    pub fn field(field: &str, code: ErrorCode) -> Self {
        Self::fields(vec![FieldError::new(field, code)])
    }
    pub fn with_field(mut self, field: &str, code: ErrorCode) -> Self {
        self.errors.push(FieldError::new(field, code));
        self
    }
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after = Some(secs.max(1));
        self
    }
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found")
    }
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized")
    }
    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal")
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        crate::state::log(&[("event", "db_error"), ("error", &e.to_string())]);
        ApiError::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Problem {
            kind: format!("https://bijliseva.example/problems/{}", self.kind),
            title: self.kind.replace('_', " "),
            status: self.status.as_u16(),
            detail: None,
            errors: self.errors,
        };
        let mut res = (self.status, serde_json::to_string(&body).unwrap_or_default()).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(s) = self.retry_after {
            res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        res
    }
}

/// Parse a JSON body ourselves so every malformed body gets a problem+json answer (axum's
/// default rejections are plain text) and never a 500.
/// The request's media type, lower case, without parameters (`charset=…`).
pub fn media_type(headers: &axum::http::HeaderMap) -> String {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

pub fn parse_json<T: serde::de::DeserializeOwned>(headers: &axum::http::HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    if media_type(headers) != "application/json" {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    }
    serde_json::from_slice(body).map_err(|e| {
        use serde_json::error::Category;
        match e.classify() {
            Category::Data => {
                let msg = e.to_string();
                // serde names the field in backticks: "missing field `mobile`", "unknown variant `x`".
                let field = msg.split('`').nth(1).unwrap_or("body").to_string();
                if msg.starts_with("missing field") {
                    ApiError::field(&field, ErrorCode::Required)
                } else {
                    ApiError::field("body", ErrorCode::InvalidChoice)
                }
            }
            _ => ApiError::new(StatusCode::BAD_REQUEST, "malformed_json"),
        }
    })
}

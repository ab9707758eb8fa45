//! Run-time fault injection (dev only): added latency, `503`s before any work, and — the nasty
//! one — committing the work and then dropping the response, which is what makes idempotent
//! retries necessary on real mobile networks.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub latency_ms: u64,
    /// Probability (0–1) of answering 503 with Retry-After before doing anything.
    pub error_rate: f64,
    /// Probability (0–1) of doing the work, then dropping the connection without a response.
    pub drop_after_commit_rate: f64,
    /// Deterministic variants for tests: the next N API requests get a 500 / a dropped response.
    pub fail_next: u32,
    pub drop_next: u32,
    /// When set, faults apply only to API paths starting with this (e.g. `/uploads`).
    pub path: String,
}

pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    // Mounted on the /api/v1 router, so paths here are relative to it.
    let path = req.uri().path();
    let targeted = state.faults.lock().map(|f| path.starts_with(f.path.as_str())).unwrap_or(true);
    if !state.dev || path.starts_with("/dev/") || path == "/health" || !targeted {
        return next.run(req).await;
    }
    let (latency, fail, drop) = {
        let mut f = state.faults.lock().unwrap_or_else(|p| p.into_inner());
        let mut rng = rand::thread_rng();
        let fail = if f.fail_next > 0 {
            f.fail_next -= 1;
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        } else if f.error_rate > 0.0 && rng.gen_bool(f.error_rate.clamp(0.0, 1.0)) {
            Some(StatusCode::SERVICE_UNAVAILABLE)
        } else {
            None
        };
        let is_write = req.method() != axum::http::Method::GET;
        let drop = is_write
            && fail.is_none()
            && if f.drop_next > 0 {
                f.drop_next -= 1;
                true
            } else {
                f.drop_after_commit_rate > 0.0 && rng.gen_bool(f.drop_after_commit_rate.clamp(0.0, 1.0))
            };
        (f.latency_ms, fail, drop)
    };
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency.min(60_000))).await;
    }
    if let Some(status) = fail {
        let kind = if status == StatusCode::SERVICE_UNAVAILABLE { "unavailable" } else { "internal" };
        return crate::problem::ApiError::new(status, kind).retry_after(1).into_response();
    }
    let res = next.run(req).await;
    if drop {
        crate::state::log(&[("event", "fault_drop_after_commit"), ("status", res.status().as_str())]);
        // The work is committed; now break the connection mid-response so the client sees a
        // network error and must retry with the same Idempotency-Key.
        let (parts, _) = res.into_parts();
        let broken = futures_util_stream_error();
        return Response::from_parts(parts, broken);
    }
    res
}

fn futures_util_stream_error() -> Body {
    Body::from_stream(futures_util::stream::once(async {
        Err::<Vec<u8>, _>(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "dropped by fault injection"))
    }))
}

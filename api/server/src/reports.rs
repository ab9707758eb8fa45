//! `POST /csp-reports`: where browsers report what the Content-Security-Policy blocked (the
//! policy's `report-uri`, added by `tools/csp-hashes.py`). In production a report means either a
//! deployment that broke the policy (a changed inline script, a new origin the API moved to) or
//! something injected into the page — a browser extension, a hostile network, an XSS — and the
//! discom only learns of either from these log lines.
//!
//! Reports are logged, never stored, and carry nothing personal: the page and the script are
//! cut to origin and path (a query string or fragment could hold anything), the blocked resource
//! to its origin or keyword, and the sample of the blocked code is not read at all. Anyone can
//! send a report, so each client may send [`REPORTS_PER_CLIENT_HOUR`] an hour; a page that breaks
//! the policy in a loop cannot fill the log.

use crate::handlers::{body, client_limit};
use crate::limits::Bucket;
use crate::problem::{media_type, ApiError};
use crate::state::{log, now, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_contract::wire::CspReport;
use std::net::SocketAddr;

/// Enough for a page that breaks the policy on every route of a long visit; not enough to flood.
pub const REPORTS_PER_CLIENT_HOUR: u32 = 100;

pub async fn csp_report(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(b)?;
    let mime = media_type(&headers);
    if mime != "application/csp-report" && mime != "application/json" {
        return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"));
    }
    // Through a Value first: serde would also take an array for the report's members.
    let invalid = || ApiError::new(StatusCode::BAD_REQUEST, "invalid_report");
    let value: serde_json::Value = serde_json::from_slice(&raw).map_err(|_| invalid())?;
    if !value.get("csp-report").is_some_and(serde_json::Value::is_object) {
        return Err(invalid());
    }
    let report: CspReport = serde_json::from_value(value).map_err(|_| invalid())?;
    client_limit(&s, Bucket::Report, peer, &headers, now())?;
    let v = report.report;
    let directive = if v.effective_directive.is_empty() { &v.violated_directive } else { &v.effective_directive };
    log(&[
        ("event", "csp_violation"),
        ("directive", &keyword(directive)),
        ("blocked", &blocked(&v.blocked_uri)),
        ("page", &origin_and_path(&v.document_uri)),
        ("source", &origin_and_path(&v.source_file)),
        ("line", &v.line_number.to_string()),
        ("disposition", &keyword(&v.disposition)),
    ]);
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A directive or disposition: letters, digits and hyphens only, at most 40 of them (real ones
/// are under 30), so a forged report cannot write anything else into the log.
fn keyword(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect::<String>().to_ascii_lowercase()
}

/// A URL without its query string and fragment, at most 200 characters.
fn origin_and_path(url: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].chars().filter(|c| c.is_ascii_graphic()).take(200).collect()
}

/// What was blocked: a keyword (`inline`, `eval`, `wasm-eval`) as it is, a URL as its origin
/// (`https://evil.example`) or scheme (`data`, `blob`, `chrome-extension`).
fn blocked(uri: &str) -> String {
    match uri.split_once(':') {
        None => keyword(uri),
        Some((scheme, rest)) => match rest.strip_prefix("//") {
            Some(after) if scheme == "http" || scheme == "https" => {
                let host = after.split(['/', '?', '#']).next().unwrap_or("");
                format!(
                    "{}://{}",
                    keyword(scheme),
                    host.chars()
                        .filter(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(*c))
                        .take(100)
                        .collect::<String>()
                )
            }
            _ => keyword(scheme),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_are_logged_without_queries_fragments_or_anything_but_plain_words() {
        assert_eq!(origin_and_path("https://bijli.example/track/2123?kiosk=1#x"), "https://bijli.example/track/2123");
        assert_eq!(origin_and_path("https://a.example/p a\nth"), "https://a.example/path");
        assert_eq!(blocked("inline"), "inline");
        assert_eq!(blocked("https://evil.example:8443/x.js?token=1"), "https://evil.example:8443");
        assert_eq!(blocked("data:text/javascript,alert(1)"), "data");
        assert_eq!(blocked("chrome-extension://abcdef/inject.js"), "chrome-extension");
        assert_eq!(keyword("script-src-elem\"}\n{\"event\":\"forged"), "script-src-elemeventforged");
        assert_eq!(keyword(&"a".repeat(100)).len(), 40);
    }
}

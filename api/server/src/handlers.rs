//! The `/api/v1` routes of `api/openapi.yaml`, plus serving the built portal.

use crate::dev;
use crate::limits::Bucket;
use crate::problem::{parse_json, ApiError};
use crate::state::{log, now, random_token, sha256_hex, AppState, Inner};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get, post};
use axum::Router;
use portal_contract::duplicate;
use portal_contract::outage;
use portal_contract::status::Status;
use portal_contract::ticket::{self, TicketKind};
use portal_contract::time::rfc3339;
use portal_contract::wire::*;
use portal_contract::{validate, ErrorCode};
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension};
use std::net::SocketAddr;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

/// JSON bodies are small; anything bigger is refused before it is read into memory.
const JSON_BODY_LIMIT: usize = 64 * 1024;
const OTP_TTL: i64 = 10 * 60;
const OTP_MAX_ATTEMPTS: i64 = 5;
const OTP_MAX_PER_HOUR: i64 = 5;
const TOKEN_TTL: i64 = 30 * 60;
/// After a "reported again" note, further repeats within this time add no note and send no SMS.
const REPORTED_AGAIN_QUIET_SECS: i64 = 60 * 60;

pub fn router(state: AppState, args: &crate::Args) -> Router {
    let mut api = Router::new()
        .route("/health", get(health))
        .route("/meta", get(meta))
        .route("/otp", post(otp_send))
        .route("/otp/verify", post(otp_verify))
        .route("/complaints", post(complaint_create))
        .route("/complaints/{number}", get(ticket_get))
        .route("/complaints/{number}/feedback", post(|s, n, h, b| feedback(TicketKind::Complaint, s, n, h, b)))
        .route("/connections/{number}/feedback", post(|s, n, h, b| feedback(TicketKind::Application, s, n, h, b)))
        .route("/complaints/{number}/withdraw", post(|s, n, h, b| withdraw(TicketKind::Complaint, s, n, h, b)))
        .route("/announcements", get(announcements))
        .route("/tickets", get(tickets_of_caller))
        .route("/connections", post(crate::connections::create))
        .route("/connections/{number}", get(ticket_get))
        .route("/connections/{number}/query-response", post(crate::connections::query_response))
        .route("/connections/{number}/withdraw", post(|s, n, h, b| withdraw(TicketKind::Application, s, n, h, b)))
        .route("/connections/{number}/payments", post(crate::payments::start))
        .route("/connections/{number}/payments/{id}", get(crate::payments::get))
        // Documents are bigger than JSON bodies: their own limit (largest document + form overhead).
        .route(
            "/uploads",
            post(crate::connections::upload).layer(DefaultBodyLimit::max(crate::connections::UPLOAD_BODY_LIMIT)),
        )
        .route("/uploads/{id}", delete(crate::connections::release_upload))
        .route("/csp-reports", post(crate::reports::csp_report));
    if args.dev {
        api = api.nest("/dev", dev::routes());
    }
    let api = api
        .fallback(|| async { ApiError::not_found() })
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), crate::faults::inject))
        // JSON compresses ~8×: the catalogue every form needs is ~38 KB plain, ~5 KB gzipped.
        .layer(CompressionLayer::new());

    let origins: Vec<HeaderValue> = args.cors_origins.iter().filter_map(|o| o.parse().ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::IF_NONE_MATCH,
            header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([header::ETAG, header::RETRY_AFTER, header::LOCATION]);

    let mut app = Router::new().nest("/api/v1", api).route("/api/{*rest}", any(|| async { ApiError::not_found() }));
    if let Some(dir) = &args.static_dir {
        // Unknown paths get index.html with 200 so deep links like /track/123… work (SPA).
        // The fallback is compressed too: deep links (an SMS's /track/<number>) are most first visits.
        let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
        let spa = ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(index);
        // The build's own policy (tools/csp-hashes.py), plus any API origins allowed by CORS.
        let csp = std::fs::read_to_string(dir.join("csp.txt")).ok().map(|p| {
            let extra: String = args.cors_origins.iter().map(|o| format!(" {o}")).collect();
            p.trim().replace("connect-src 'self'", &format!("connect-src 'self'{extra}"))
        });
        let csp = csp.and_then(|p| HeaderValue::from_str(&p).ok());
        app = app
            .fallback_service(spa)
            .layer(middleware::from_fn(move |req, next| cache_and_security_headers(csp.clone(), req, next)));
    }
    app.layer(cors).layer(middleware::from_fn(access_log)).with_state(state)
}

/// Hashed build outputs never change: cache them for a year. Everything else revalidates.
/// The portal's pages also get the Content-Security-Policy and the other security headers
/// (the same set as deploy/nginx).
async fn cache_and_security_headers(csp: Option<HeaderValue>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if !path.starts_with("/api/") {
        let hashed = path.rsplit('/').next().is_some_and(|f| {
            f.matches('-').count() >= 1 && (f.ends_with(".wasm") || f.ends_with(".js") || f.ends_with(".css"))
        });
        let v = if hashed { "public, max-age=31536000, immutable" } else { "no-cache" };
        let h = res.headers_mut();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(v));
        if let Some(p) = csp {
            h.insert(header::CONTENT_SECURITY_POLICY, p);
        }
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
        h.insert(
            header::HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("geolocation=(self), camera=(self), microphone=(), payment=()"),
        );
        h.insert(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        );
    }
    res
}

async fn access_log(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().to_string(), req.uri().path().to_string());
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    if path.starts_with("/api/") {
        // Paths carry only ticket numbers; bodies, tokens and query strings are never logged.
        log(&[
            ("event", "request"),
            ("method", &method),
            ("path", &path),
            ("status", res.status().as_str()),
            ("ms", &started.elapsed().as_millis().to_string()),
        ]);
    }
    res
}

/// One more OTP, upload or report from this client, or 429 `too_many_from_client` with when to come
/// back (src/limits.rs). The OTP's refusal also names the mobile field, as its other 429s do.
pub fn client_limit(s: &Inner, bucket: Bucket, peer: SocketAddr, headers: &HeaderMap, t: i64) -> Result<(), ApiError> {
    let client = crate::limits::client(peer, headers);
    s.limits.take(bucket, client, t).map_err(|wait| {
        let name = match bucket {
            Bucket::Otp => "otp",
            Bucket::Upload => "upload",
            Bucket::Report => "csp_report",
        };
        log(&[("event", "client_limited"), ("bucket", name)]);
        let e = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_from_client").retry_after(wait);
        match bucket {
            Bucket::Otp => e.with_field("mobile", ErrorCode::TooManyAttempts),
            Bucket::Upload | Bucket::Report => e,
        }
    })
}

pub fn body(b: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    b.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
        } else {
            ApiError::new(StatusCode::BAD_REQUEST, "unreadable_body")
        }
    })
}

pub fn json_response<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], serde_json::to_string(value).unwrap_or_default())
        .into_response()
}

/// Answer 304 when the client already has this exact body.
fn with_etag(headers: &HeaderMap, json: String, cache_control: &'static str, etag: Option<String>) -> Response {
    let etag = etag.unwrap_or_else(|| format!("\"{}\"", &sha256_hex(json.as_bytes())[..16]));
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().trim_start_matches("W/") == etag || t.trim() == "*"));
    let mut res = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], json).into_response()
    };
    let h = res.headers_mut();
    h.insert(header::ETAG, HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\"")));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    res
}

async fn health() -> Response {
    json_response(StatusCode::OK, &Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}

async fn meta(State(s): State<AppState>, headers: HeaderMap) -> Response {
    let c = &s.catalogue;
    with_etag(&headers, c.json.clone(), "public, max-age=300, stale-while-revalidate=86400", Some(c.etag.clone()))
}

// ------------------------------------------------------------------ OTP

async fn otp_send(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let req: OtpRequest = parse_json(&headers, &body(b)?)?;
    let mobile = validate::mobile(&req.mobile).map_err(|c| ApiError::field("mobile", c))?;
    let t = now();
    let db = s.db();
    let (last, in_hour): (Option<i64>, i64) = db.query_row(
        "SELECT MAX(created_at), COUNT(*) FROM otps WHERE mobile = ?1 AND created_at > ?2",
        params![mobile, t - 3600],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(last) = last {
        let wait = last + s.otp_resend_secs - t;
        if wait > 0 {
            return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "resend_too_soon")
                .with_field("mobile", ErrorCode::TooManyAttempts)
                .retry_after(wait as u64));
        }
    }
    if in_hour >= OTP_MAX_PER_HOUR {
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_otps")
            .with_field("mobile", ErrorCode::TooManyAttempts)
            .retry_after(3600));
    }
    client_limit(&s, Bucket::Otp, peer, &headers, t)?;
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let id = random_token()[..24].to_string();
    let purpose = req.purpose.as_str();
    db.execute(
        "INSERT INTO otps (id, mobile, purpose, code_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, mobile, purpose, sha256_hex(format!("{id}:{code}").as_bytes()), t, t + OTP_TTL],
    )?;
    // The message says what the code is for, so a consumer asked for it over a café counter knows
    // what they are agreeing to (and the token it buys does only that: `bearer`). It is in both
    // languages because nobody has chosen one yet.
    let (en, hi) = match req.purpose {
        OtpPurpose::Complaint => ("to file a complaint", "शिकायत दर्ज करने के लिए"),
        OtpPurpose::Connection => ("for a new connection application", "नए कनेक्शन के आवेदन के लिए"),
        OtpPurpose::Feedback => {
            ("to give feedback on a complaint or a connection", "शिकायत या कनेक्शन पर प्रतिक्रिया देने के लिए")
        }
        OtpPurpose::Lookup => ("to see the numbers filed from this mobile", "इस मोबाइल से दर्ज नंबर देखने के लिए"),
        OtpPurpose::Withdraw => ("to withdraw a complaint or application", "शिकायत या आवेदन वापस लेने के लिए"),
    };
    send_sms(&s, &db, &mobile, &format!("Bijli Seva OTP {en}: {code}. Valid for 10 minutes. Do not share it with anyone. / बिजली सेवा ओटीपी ({hi}): {code}। 10 मिनट तक मान्य। किसी को न बताएँ।"))?;
    log(&[("event", "otp_sent"), ("mobile", &portal_contract::normalize::mask_mobile(&mobile)), ("purpose", purpose)]);
    let sent = OtpSent { otp_id: id, expires_at: rfc3339(t + OTP_TTL), resend_after: rfc3339(t + s.otp_resend_secs) };
    Ok(json_response(StatusCode::ACCEPTED, &sent))
}

async fn otp_verify(
    State(s): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let req: OtpVerify = parse_json(&headers, &body(b)?)?;
    let len = s.catalogue.meta.limits.otp_length;
    let code = validate::otp_code(&req.code, len).map_err(|c| ApiError::field("code", c))?;
    let t = now();
    let db = s.db();
    let row: Option<(String, String, String, i64, i64, i64)> = db
        .query_row(
            "SELECT mobile, purpose, code_hash, expires_at, attempts, used FROM otps WHERE id = ?1",
            [&req.otp_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((mobile, purpose, hash, expires_at, attempts, used)) = row else {
        return Err(ApiError::field("code", ErrorCode::OtpExpired));
    };
    if used != 0 || expires_at <= t {
        return Err(ApiError::field("code", ErrorCode::OtpExpired));
    }
    if attempts >= OTP_MAX_ATTEMPTS {
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            .with_field("code", ErrorCode::TooManyAttempts)
            .retry_after((expires_at - t) as u64));
    }
    if sha256_hex(format!("{}:{code}", req.otp_id).as_bytes()) != hash {
        db.execute("UPDATE otps SET attempts = attempts + 1 WHERE id = ?1", [&req.otp_id])?;
        return Err(ApiError::field("code", ErrorCode::InvalidOtp));
    }
    db.execute("UPDATE otps SET used = 1 WHERE id = ?1", [&req.otp_id])?;
    let token = random_token();
    db.execute(
        "INSERT INTO tokens (token_hash, mobile, purpose, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![sha256_hex(token.as_bytes()), mobile, purpose, t + TOKEN_TTL],
    )?;
    Ok(json_response(StatusCode::OK, &OtpToken { token, expires_at: rfc3339(t + TOKEN_TTL) }))
}

/// The verified mobile behind `Authorization: Bearer <token>`, if the token was bought for
/// `purpose`. The SMS told the consumer what the code was for; a code given to an operator to file
/// a complaint must not also open the list of everything that mobile has filed. A token for
/// another purpose is refused like an expired one, so the portal asks for a fresh code.
pub fn bearer(headers: &HeaderMap, db: &Connection, purpose: OtpPurpose) -> Result<String, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::unauthorized)?;
    let (mobile, bought_for): (String, String) = db
        .query_row(
            "SELECT mobile, purpose FROM tokens WHERE token_hash = ?1 AND expires_at > ?2",
            params![sha256_hex(token.as_bytes()), now()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(ApiError::unauthorized)?;
    if bought_for != purpose.as_str() {
        return Err(ApiError::new(StatusCode::UNAUTHORIZED, "token_purpose"));
    }
    Ok(mobile)
}

fn idempotency_key(headers: &HeaderMap, required: bool) -> Result<Option<String>, ApiError> {
    match headers.get("idempotency-key").map(|v| v.to_str().map(str::trim)) {
        None if required => Err(ApiError::new(StatusCode::BAD_REQUEST, "idempotency_key_required")
            .with_field("Idempotency-Key", ErrorCode::Required)),
        None => Ok(None),
        Some(Ok(k)) if !k.is_empty() && k.len() <= 255 => Ok(Some(k.to_string())),
        Some(_) => Err(ApiError::new(StatusCode::BAD_REQUEST, "idempotency_key_invalid")
            .with_field("Idempotency-Key", ErrorCode::InvalidChoice)),
    }
}

/// A write as the idempotency rules see it: who sends it, under which `Idempotency-Key`, and the
/// hash of its body. A retry with the same key and body gets the stored answer; the same key with
/// another body is refused.
pub struct Write {
    pub caller: String,
    key: Option<String>,
    hash: String,
}

impl Write {
    /// Reads a write's caller, key and body, in that order: an unauthenticated caller learns
    /// nothing about its request, and a missing key is reported before the body is judged.
    pub fn read<T: serde::de::DeserializeOwned>(
        headers: &HeaderMap,
        db: &Connection,
        purpose: OtpPurpose,
        raw: &[u8],
        key_required: bool,
    ) -> Result<(Self, T), ApiError> {
        let caller = bearer(headers, db, purpose)?;
        let key = idempotency_key(headers, key_required)?;
        let req = parse_json(headers, raw)?;
        Ok((Write { caller, key, hash: sha256_hex(raw) }, req))
    }

    /// The stored answer when this write repeats a completed one.
    pub fn replay(&self, db: &Connection) -> Result<Option<Response>, ApiError> {
        let Some(key) = &self.key else { return Ok(None) };
        let prior: Option<(String, u16, String)> = db
            .query_row(
                "SELECT request_hash, status, response FROM idempotency WHERE caller = ?1 AND key = ?2",
                params![self.caller, key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match prior {
            None => Ok(None),
            Some((h, status, resp)) if h == self.hash => {
                let mut res = json_response(
                    StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                    &serde_json::from_str::<serde_json::Value>(&resp).unwrap_or_default(),
                );
                res.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
                Ok(Some(res))
            }
            Some(_) => Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
                .with_field("Idempotency-Key", ErrorCode::NotAllowed)),
        }
    }

    /// Keeps the answer for retries, in the transaction that made the change.
    pub fn remember(&self, db: &Connection, status: StatusCode, json: &str) -> rusqlite::Result<()> {
        let Some(key) = &self.key else { return Ok(()) };
        db.execute(
            "INSERT INTO idempotency (caller, key, request_hash, status, response, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![self.caller, key, self.hash, status.as_u16(), json, now()],
        )
        .map(|_| ())
    }
}

// ------------------------------------------------------------------ complaints

async fn complaint_create(
    State(s): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(b)?;
    let mut db = s.db();
    let (write, req) = Write::read::<ComplaintRequest>(&headers, &db, OtpPurpose::Complaint, &raw, true)?;
    let tx = db.transaction()?;
    if let Some(res) = write.replay(&tx)? {
        return Ok(res);
    }
    let meta = &s.catalogue.meta;
    let req = validate::complaint(&req, meta).map_err(ApiError::fields)?;
    if req.mobile != write.caller {
        return Err(ApiError::field("mobile", ErrorCode::MobileMismatch));
    }
    if let Some(photo) = &req.photo {
        // A photo some other complaint already carries is not this one's to send.
        let free: Option<String> = tx
            .query_row("SELECT document_type FROM uploads WHERE id = ?1 AND used_by IS NULL", [&photo.upload_id], |r| {
                r.get(0)
            })
            .optional()?;
        if free.as_deref() != Some(photo.document_type.as_str()) {
            return Err(ApiError::field("photo", ErrorCode::MissingDocument));
        }
    }
    if let Some(open) = open_repeat_of(&tx, &req)? {
        attach_photo(&tx, &req, &open.number)?;
        return reported_again(&s, tx, &write, open);
    }
    let district = meta.district(&req.district).ok_or_else(ApiError::internal)?;
    let division = district.divisions.first().ok_or_else(ApiError::internal)?;
    let sub =
        meta.category(&req.category).and_then(|c| c.subcategory(&req.subcategory)).ok_or_else(ApiError::internal)?;
    let t = now();
    let expected_by = t + sub.sla_hours.get(division.area_class) as i64 * 3600;
    let office = Office { code: division.code.clone(), name: division.name.clone() };
    let number = new_number(&tx, TicketKind::Complaint)?;
    insert_ticket(
        &tx,
        &NewTicket {
            number: &number,
            kind: "complaint",
            mobile: &req.mobile,
            request: serde_json::to_string(&req).unwrap_or_default(),
            category: &req.category,
            subcategory: &req.subcategory,
            office: &office,
            at: t,
            expected_by,
            filed_by: &req.filed_by,
        },
    )?;
    let note = Text {
        en: format!("Complaint registered and sent to {}.", office.name.en),
        hi: format!("शिकायत दर्ज हुई और {} को भेजी गई।", office.name.hi),
    };
    attach_photo(&tx, &req, &number)?;
    add_update(&tx, &number, t, Status::Registered, &note)?;
    notify(&s, &tx, &number, &note)?;
    let created = TicketCreated {
        number: number.clone(),
        kind: TicketKind::Complaint,
        status: Status::Registered,
        created_at: rfc3339(t),
        expected_by: rfc3339(expected_by),
        office,
        already_open: false,
    };
    let res = complaint_answer(tx, &write, StatusCode::CREATED, &created)?;
    log(&[("event", "complaint_created"), ("number", &number), ("category", &req.category)]);
    Ok(res)
}

/// The complaint's photo (checked to be free) becomes the complaint's: kept as long as it is.
/// Reported again, a problem's complaint takes the new photo only if it has none yet (the first
/// stays); the other is deleted with the unused uploads.
fn attach_photo(tx: &rusqlite::Transaction, req: &ComplaintRequest, number: &str) -> Result<(), ApiError> {
    if let Some(photo) = &req.photo {
        tx.execute(
            "UPDATE uploads SET used_by = ?2 WHERE id = ?1 AND NOT EXISTS(SELECT 1 FROM uploads WHERE used_by = ?2)",
            params![photo.upload_id, number],
        )?;
    }
    Ok(())
}

/// The answer to a complaint, new or repeated: kept for retries in the transaction that made the
/// change, then sent with where the complaint lives.
fn complaint_answer(
    tx: rusqlite::Transaction,
    write: &Write,
    status: StatusCode,
    c: &TicketCreated,
) -> Result<Response, ApiError> {
    let json = serde_json::to_string(c).unwrap_or_default();
    write.remember(&tx, status, &json)?;
    tx.commit()?;
    let mut res = (status, [(header::CONTENT_TYPE, "application/json")], json).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/complaints/{}", c.number)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// The complaint still open that `req` repeats (`duplicate::same_problem`), newest first.
fn open_repeat_of(db: &Connection, req: &ComplaintRequest) -> Result<Option<TicketCreated>, ApiError> {
    let mut stmt = db.prepare(
        "SELECT number, status, request, created_at, expected_by, office FROM tickets
         WHERE kind = 'complaint' AND mobile = ?1 AND category = ?2 AND subcategory = ?3 ORDER BY created_at DESC",
    )?;
    let rows = stmt.query_map(params![req.mobile, req.category, req.subcategory], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    for row in rows {
        let (number, status, request, created, expected, office) = row?;
        let Some(status) = Status::parse(&status).filter(|s| duplicate::still_open(*s)) else { continue };
        let Ok(old) = serde_json::from_str::<ComplaintRequest>(&request) else { continue };
        if duplicate::same_problem(req, &old) {
            return Ok(Some(TicketCreated {
                number,
                kind: TicketKind::Complaint,
                status,
                created_at: rfc3339(created),
                expected_by: rfc3339(expected),
                office: serde_json::from_str(&office).map_err(|_| ApiError::internal())?,
                already_open: true,
            }));
        }
    }
    Ok(None)
}

/// Answers a repeat with the open complaint (200, not 201: nothing was created), after noting on
/// it that the consumer asked again. The note is on the status page, where the office sees it,
/// and an SMS to the consumer carries the number once more (people often file again because they lost it).
/// One note an hour is enough: more would only bury the office's own updates and repeat the SMS.
fn reported_again(
    s: &Inner,
    tx: rusqlite::Transaction,
    write: &Write,
    open: TicketCreated,
) -> Result<Response, ApiError> {
    let note = Text {
        en: "Reported again by the consumer. The complaint is still open and the office has been told.".into(),
        hi: "उपभोक्ता ने समस्या फिर से बताई। शिकायत अभी खुली है और कार्यालय को बता दिया गया है।".into(),
    };
    let t = now();
    let kind = UpdateKind::ReportedAgain;
    let noted_lately: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM updates WHERE number = ?1 AND kind = ?2 AND at > ?3)",
        params![open.number, kind.as_str(), t - REPORTED_AGAIN_QUIET_SECS],
        |r| r.get(0),
    )?;
    if !noted_lately {
        add_line(&tx, &open.number, t, open.status, &note, kind)?;
        // Texted to the consumer, who is the one that reported it, so in the second person.
        let sms = Text {
            en: "You reported it again. It is still open and the office has been told.".into(),
            hi: "आपने समस्या फिर से बताई। शिकायत अभी खुली है और कार्यालय को बता दिया गया है।".into(),
        };
        notify(s, &tx, &open.number, &sms)?;
    }
    let res = complaint_answer(tx, write, StatusCode::OK, &open)?;
    log(&[("event", "complaint_repeated"), ("number", &open.number)]);
    Ok(res)
}

/// A fresh, unused ticket number of this kind.
pub fn new_number(db: &Connection, kind: TicketKind) -> Result<String, ApiError> {
    loop {
        let n = ticket::make(kind, rand::thread_rng().gen_range(0..10_000_000_000u64));
        let taken: bool = db.query_row("SELECT EXISTS(SELECT 1 FROM tickets WHERE number = ?1)", [&n], |r| r.get(0))?;
        if !taken {
            return Ok(n);
        }
    }
}

pub struct NewTicket<'a> {
    pub number: &'a str,
    pub kind: &'a str,
    pub mobile: &'a str,
    /// The request as stored (already stripped of anything that must not be kept).
    pub request: String,
    pub category: &'a str,
    pub subcategory: &'a str,
    pub office: &'a Office,
    pub at: i64,
    pub expected_by: i64,
    pub filed_by: &'a FiledBy,
}

pub fn insert_ticket(db: &Connection, t: &NewTicket) -> rusqlite::Result<()> {
    let status = if t.kind == "application" { Status::Submitted } else { Status::Registered };
    db.execute(
        "INSERT INTO tickets (number, kind, status, mobile, request, category, subcategory, office, created_at, updated_at, expected_by, filed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
        params![
            t.number,
            t.kind,
            status.as_str(),
            t.mobile,
            t.request,
            t.category,
            t.subcategory,
            serde_json::to_string(t.office).unwrap_or_default(),
            t.at,
            t.expected_by,
            serde_json::to_string(t.filed_by).unwrap_or_default()
        ],
    )
    .map(|_| ())
}

/// Hands an SMS to the gateway. The reference server has none: with `--dev` the message goes to
/// the outbox (`/dev/sms`) and the console, so demos and tests can read it; otherwise it is dropped
/// (a deployment's backend sends its own).
fn send_sms(s: &Inner, db: &Connection, mobile: &str, text: &str) -> rusqlite::Result<()> {
    if s.dev {
        db.execute("INSERT INTO sms (mobile, body, at) VALUES (?1, ?2, ?3)", params![mobile, text, now()])?;
        // Dev only: the console stands in for the SMS gateway during demos.
        log(&[("event", "sms"), ("mobile", mobile), ("body", text)]);
    }
    Ok(())
}

/// The SMS a consumer gets when a ticket is filed and each time the office moves it on: in the
/// language they chose for updates, with the number grouped as on the receipt, the office's note,
/// and the address of the status page (the deep link the portal is built to open fast), so the
/// number is never lost and the status is one tap away. Sent in the transaction that made the
/// change, so a replayed submission sends nothing twice.
pub fn notify(s: &Inner, db: &Connection, number: &str, note: &Text) -> rusqlite::Result<()> {
    let (mobile, kind, lang): (String, String, Option<String>) = db.query_row(
        "SELECT mobile, kind, json_extract(request, '$.language') FROM tickets WHERE number = ?1",
        [number],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let shown = ticket::display(number);
    let complaint = kind == "complaint";
    let en = lang.as_deref() == Some("en");
    // The link names the language too, so the page opens in it even on a phone that never
    // visited the portal.
    let link = s.public_url.as_deref().map(|u| format!("{u}/track/{number}?lang={}", if en { "en" } else { "hi" }));
    let helpline = &s.catalogue.meta.helpline;
    let text = if en {
        let what = if complaint { "complaint" } else { "application" };
        let track = link.map_or(format!("For its status call {helpline} or enter the number on the portal."), |l| {
            format!("Status: {l}")
        });
        format!("Bijli Seva: your {what} {shown}. {} {track}", note.en)
    } else {
        let what = if complaint { "आपकी शिकायत" } else { "आपका आवेदन" };
        let track =
            link.map_or(format!("स्थिति के लिए {helpline} पर कॉल करें या पोर्टल पर यह नंबर डालें।"), |l| format!("स्थिति: {l}"));
        format!("बिजली सेवा: {what} {shown}। {} {track}", note.hi)
    };
    send_sms(s, db, &mobile, &text)?;
    log(&[("event", "status_sms"), ("number", number)]);
    Ok(())
}

/// A status change by the office: the usual line of a ticket's history.
pub fn add_update(db: &Connection, number: &str, at: i64, status: Status, note: &Text) -> rusqlite::Result<()> {
    add_line(db, number, at, status, note, UpdateKind::Status)
}

fn add_line(
    db: &Connection,
    number: &str,
    at: i64,
    status: Status,
    note: &Text,
    kind: UpdateKind,
) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO updates (number, at, status, note_en, note_hi, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![number, at, status.as_str(), note.en, note.hi, kind.as_str()],
    )?;
    db.execute(
        "UPDATE tickets SET status = ?2, updated_at = ?3 WHERE number = ?1",
        params![number, status.as_str(), at],
    )?;
    Ok(())
}

pub fn parse_number(raw: &str) -> Result<String, ApiError> {
    ticket::parse(raw).map(|(_, n)| n).ok_or_else(|| {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_number").with_field("number", ErrorCode::InvalidNumber)
    })
}

/// A ticket of this kind, and the mobile that filed it: not found for none, nor for one of the
/// other kind (a complaint's number at a connection's address).
pub fn ticket_of_kind(db: &Connection, number: &str, kind: TicketKind) -> Result<(TicketView, String), ApiError> {
    load_ticket(db, number)?.filter(|(v, _)| v.kind == kind).ok_or_else(ApiError::not_found)
}

pub fn load_ticket(db: &Connection, number: &str) -> Result<Option<(TicketView, String)>, ApiError> {
    let row = db
        .query_row(
            "SELECT kind, status, mobile, category, subcategory, office, created_at, updated_at, expected_by, feedback, amount_due, account_number, answer_by FROM tickets WHERE number = ?1",
            [number],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, Option<u32>>(10)?,
                    r.get::<_, Option<String>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                ))
            },
        )
        .optional()?;
    let Some((
        kind,
        status,
        mobile,
        category,
        subcategory,
        office,
        created,
        updated,
        expected,
        feedback,
        due,
        account,
        answer,
    )) = row
    else {
        return Ok(None);
    };
    let mut stmt =
        db.prepare("SELECT at, status, note_en, note_hi, kind FROM updates WHERE number = ?1 ORDER BY id")?;
    let updates = stmt
        .query_map([number], |r| {
            Ok(Update {
                at: rfc3339(r.get(0)?),
                status: Status::parse(&r.get::<_, String>(1)?).unwrap_or(Status::Registered),
                note: Text { en: r.get(2)?, hi: r.get(3)? },
                kind: UpdateKind::parse(&r.get::<_, String>(4)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let status = Status::parse(&status).unwrap_or(Status::Registered);
    // The only upload a complaint uses is its photo.
    let photo = kind == "complaint"
        && db
            .query_row("SELECT EXISTS(SELECT 1 FROM uploads WHERE used_by = ?1)", [number], |r| r.get::<_, bool>(0))?;
    let view = TicketView {
        number: number.to_string(),
        kind: if kind == "application" { TicketKind::Application } else { TicketKind::Complaint },
        status,
        created_at: rfc3339(created),
        updated_at: rfc3339(updated),
        expected_by: rfc3339(expected),
        office: serde_json::from_str(&office).map_err(|_| ApiError::internal())?,
        contact: portal_contract::normalize::mask_mobile(&mobile),
        category,
        subcategory,
        updates,
        feedback: feedback.and_then(|f| serde_json::from_str(&f).ok()),
        // Due only while the office waits for it.
        amount_due_rupees: due.filter(|_| status == Status::Feasible),
        account_masked: account.map(|a| portal_contract::normalize::mask_account(&a)),
        // Only while the query it belongs to is open.
        answer_by: answer.filter(|_| status == Status::QueryRaised).map(portal_contract::time::civil),
        photo,
    };
    Ok(Some((view, mobile)))
}

pub async fn ticket_get(
    State(s): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let number = parse_number(&raw)?;
    let (view, _) = load_ticket(&s.db(), &number)?.ok_or_else(ApiError::not_found)?;
    Ok(with_etag(&headers, serde_json::to_string(&view).unwrap_or_default(), "no-cache", None))
}

/// "Find my numbers": what the mobile behind the token has filed, newest first. Only the owner of
/// the mobile can ask (an OTP proves it), and the answer is never cached on the way.
async fn tickets_of_caller(State(s): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let db = s.db();
    let mobile = bearer(&headers, &db, OtpPurpose::Lookup)?;
    let mut stmt =
        db.prepare("SELECT number FROM tickets WHERE mobile = ?1 ORDER BY created_at DESC, number DESC LIMIT ?2")?;
    let numbers = stmt
        .query_map(params![mobile, TicketList::MAX as i64], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut tickets = Vec::with_capacity(numbers.len());
    for n in numbers {
        if let Some((view, _)) = load_ticket(&db, &n)? {
            tickets.push(TicketSummary::from(&view));
        }
    }
    log(&[
        ("event", "tickets_listed"),
        ("mobile", &portal_contract::normalize::mask_mobile(&mobile)),
        ("count", &tickets.len().to_string()),
    ]);
    let mut res = json_response(StatusCode::OK, &TicketList { tickets });
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// The filer's word on a ticket, with an OTP to the mobile that filed it: a complaint marked
/// fixed is confirmed (closed, with a rating) or reopened (with what is still wrong); a released
/// connection's service is rated, once. A connection that does not work is a complaint, for the
/// helpline or the complaint form: an application has no "not fixed", and its rating moves nothing.
async fn feedback(
    kind: TicketKind,
    State(s): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw_body = body(b)?;
    let mut db = s.db();
    let (write, fb) = Write::read::<Feedback>(&headers, &db, OtpPurpose::Feedback, &raw_body, false)?;
    let number = parse_number(&raw)?;
    let tx = db.transaction()?;
    if let Some(res) = write.replay(&tx)? {
        return Ok(res);
    }
    let (view, mobile) = ticket_of_kind(&tx, &number, kind)?;
    filer_only(&mobile, &write.caller)?;
    if !view.takes_feedback() {
        let why = match kind {
            TicketKind::Complaint => "not_resolved",
            TicketKind::Application if view.status == Status::ConnectionReleased => "already_rated",
            TicketKind::Application => "not_released",
        };
        return Err(ApiError::new(StatusCode::CONFLICT, why).with_field("status", ErrorCode::NotAllowed));
    }
    if kind == TicketKind::Application && !fb.resolved {
        return Err(ApiError::fields(vec![portal_contract::FieldError::new("resolved", ErrorCode::InvalidChoice)]));
    }
    let fb = validate::feedback(&fb, &s.catalogue.meta).map_err(ApiError::fields)?;
    tx.execute(
        "UPDATE tickets SET feedback = ?2 WHERE number = ?1",
        params![number, serde_json::to_string(&fb).unwrap_or_default()],
    )?;
    let r = fb.rating.unwrap_or(0);
    if kind == TicketKind::Application {
        let sms = Text {
            en: format!("Thank you: your rating of the service ({r}/5) has reached the office."),
            hi: format!("धन्यवाद: सेवा पर आपकी रेटिंग ({r}/5) कार्यालय तक पहुँच गई है।"),
        };
        notify(&s, &tx, &number, &sms)?;
        return answer_in_their_name(tx, &write, &number);
    }
    let t = now();
    // The SMS says what was done in the consumer's name (an operator may have done it for them),
    // without quoting what was typed: the office's note has that.
    let (status, note, sms) = if fb.resolved {
        (
            Status::Closed,
            Text {
                en: format!("Closed: the consumer confirmed it is fixed (rated {r}/5)."),
                hi: format!("बंद: उपभोक्ता ने ठीक होने की पुष्टि की ({r}/5 रेटिंग)।"),
            },
            Text {
                en: "Closed, as you confirmed it is fixed. Thank you for your feedback.".into(),
                hi: "आपकी पुष्टि पर शिकायत बंद की गई। प्रतिक्रिया के लिए धन्यवाद।".into(),
            },
        )
    } else {
        let why = fb.comment.clone().unwrap_or_default();
        (
            Status::Reopened,
            Text {
                en: format!("Reopened: the consumer says it is not fixed — “{why}”"),
                hi: format!("फिर से खोली गई: उपभोक्ता के अनुसार समस्या ठीक नहीं हुई — “{why}”"),
            },
            Text {
                en: "Reopened, as you said it is not fixed. The office has been told.".into(),
                hi: "आपके कहने पर शिकायत फिर से खोली गई: कार्यालय को बता दिया गया है कि समस्या ठीक नहीं हुई।".into(),
            },
        )
    };
    done_in_their_name(&s, tx, &write, &number, (t, status), &note, &sms)
}

/// Whoever filed a complaint or an application withdraws it (OTP to the mobile that filed it),
/// while it is open: the office stops work on it and the SMS says so.
async fn withdraw(
    kind: TicketKind,
    State(s): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw_body = body(b)?;
    let mut db = s.db();
    let (write, w) = Write::read::<Withdrawal>(&headers, &db, OtpPurpose::Withdraw, &raw_body, false)?;
    let number = parse_number(&raw)?;
    let tx = db.transaction()?;
    if let Some(res) = write.replay(&tx)? {
        return Ok(res);
    }
    let (view, mobile) = ticket_of_kind(&tx, &number, kind)?;
    filer_only(&mobile, &write.caller)?;
    if !view.status.may_withdraw() {
        return Err(ApiError::new(StatusCode::CONFLICT, "not_open").with_field("status", ErrorCode::NotAllowed));
    }
    let w = validate::withdrawal(&w, kind, &s.catalogue.meta).map_err(ApiError::fields)?;
    let (en, hi) = match w.reason.as_str() {
        "fixed" => ("the problem has gone away", "समस्या अपने आप ठीक हो गई"),
        "not_needed" => ("the connection is no longer needed", "कनेक्शन की अब ज़रूरत नहीं है"),
        "duplicate" => ("it was filed twice", "यह दो बार दर्ज हुआ था"),
        _ => ("another reason", "अन्य कारण"),
    };
    let said = w.comment.as_deref().map(|c| format!(" — “{c}”")).unwrap_or_default();
    let note = Text {
        en: format!("Withdrawn by the person who filed it: {en}{said}."),
        hi: format!("दर्ज करने वाले ने वापस लिया: {hi}{said}।"),
    };
    // The SMS says what was done in their name (an operator may have done it for them), without
    // quoting what was typed.
    let helpline = &s.catalogue.meta.helpline;
    let sms = match kind {
        TicketKind::Complaint => Text {
            en: format!(
                "Withdrawn at your request. The office will not work on it further. Call {helpline} if the problem comes back."
            ),
            hi: format!(
                "आपके कहने पर शिकायत वापस ली गई। कार्यालय इस पर अब काम नहीं करेगा। समस्या फिर हो तो {helpline} पर कॉल करें।"
            ),
        },
        TicketKind::Application => Text {
            en: "Withdrawn at your request. The office will not process it further.".into(),
            hi: "आपके कहने पर आवेदन वापस लिया गया। कार्यालय इस पर आगे कार्रवाई नहीं करेगा।".into(),
        },
    };
    // Fees already paid are not forgotten with the application.
    let sms = match view.status.fees_paid() {
        true => Text {
            en: format!("{} For a refund of the fees you paid, contact your division office.", sms.en),
            hi: format!("{} जमा किए गए शुल्क की वापसी के लिए अपने खण्ड कार्यालय से संपर्क करें।", sms.hi),
        },
        false => sms,
    };
    done_in_their_name(&s, tx, &write, &number, (now(), Status::Withdrawn), &note, &sms)
}

/// What the filer did (feedback, a withdrawal) goes into the timeline with the office's `note`,
/// `sms` tells them, and the ticket as it now is is the answer, kept for a retry with the same key.
fn done_in_their_name(
    s: &AppState,
    tx: rusqlite::Transaction,
    write: &Write,
    number: &str,
    (at, status): (i64, Status),
    note: &Text,
    sms: &Text,
) -> Result<Response, ApiError> {
    add_update(&tx, number, at, status, note)?;
    notify(s, &tx, number, sms)?;
    answer_in_their_name(tx, write, number)
}

/// The ticket as it now is, kept for a retry with the same key, and the transaction committed.
fn answer_in_their_name(tx: rusqlite::Transaction, write: &Write, number: &str) -> Result<Response, ApiError> {
    let (view, _) = load_ticket(&tx, number)?.ok_or_else(ApiError::internal)?;
    let json = serde_json::to_string(&view).unwrap_or_default();
    write.remember(&tx, StatusCode::OK, &json)?;
    tx.commit()?;
    Ok((StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// Only the mobile that filed a ticket may act on it (its OTP token's mobile is `caller`).
pub fn filer_only(filed_by: &str, caller: &str) -> Result<(), ApiError> {
    if filed_by == caller {
        Ok(())
    } else {
        Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden").with_field("mobile", ErrorCode::MobileMismatch))
    }
}

// ------------------------------------------------------------------ announcements

#[derive(serde::Deserialize)]
struct NoticesQuery {
    lang: Option<String>,
    /// `true` leaves out power cuts that are over: the home page's three latest notices are for
    /// what is coming or going on, and a cut that ended days ago would take a place and read, in
    /// its own future tense ("supply will be off"), as if it were still to come.
    hide_ended: Option<String>,
    /// At most this many (1–50), newest first: the home page shows three, and a discom that posts
    /// every feeder's planned shutdown would otherwise send all of them to each phone that opens it.
    limit: Option<String>,
    /// Leave out this many first (after `hide_ended`): the notices page shows a page at a time,
    /// and "Show older notices" asks for the next from where it stopped.
    offset: Option<String>,
    /// Only the notices for this district (a catalogue code) and those for everyone (no
    /// district): "which cuts affect me" among every feeder's planned shutdowns.
    district: Option<String>,
    /// Only notices of this kind (`scheme`, `notice` or `outage`): the notices page lists the
    /// power cuts on now and coming up on their own, above the rest.
    kind: Option<String>,
    /// `newest` (the default: by publication, newest first) or `soonest` (by when a cut starts,
    /// the earliest first; a notice without a start by its publication). "Is my supply off
    /// tonight" is answered by the cuts about to start, not by the ones announced last.
    order: Option<String>,
}

/// The most notices one answer may be asked to stop at; the full list has no limit.
const NOTICES_LIMIT_MAX: usize = 50;

async fn announcements(
    State(s): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<NoticesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|_| ApiError::field("lang", ErrorCode::InvalidChoice))?;
    let hide_ended = match q.hide_ended.as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => return Err(ApiError::field("hide_ended", ErrorCode::InvalidChoice)),
    };
    let limit = match q.limit.as_deref().map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if (1..=NOTICES_LIMIT_MAX).contains(&n) => Some(n),
        Some(Ok(_)) => return Err(ApiError::field("limit", ErrorCode::OutOfRange)),
        Some(Err(_)) => return Err(ApiError::field("limit", ErrorCode::InvalidNumber)),
    };
    let offset = match q.offset.as_deref().map(str::parse::<usize>) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err(ApiError::field("offset", ErrorCode::InvalidNumber)),
    };
    if let Some(d) = q.district.as_deref() {
        if s.catalogue.meta.district(d).is_none() {
            return Err(ApiError::field("district", ErrorCode::InvalidChoice));
        }
    }
    if q.kind.as_deref().is_some_and(|k| !["scheme", "notice", "outage"].contains(&k)) {
        return Err(ApiError::field("kind", ErrorCode::InvalidChoice));
    }
    let order = match q.order.as_deref() {
        None | Some("newest") => "published_at DESC, id",
        Some("soonest") => "COALESCE(starts_at, published_at), id",
        Some(_) => return Err(ApiError::field("order", ErrorCode::InvalidChoice)),
    };
    let lang = q.lang.unwrap_or_else(|| "hi".into());
    let hi = match lang.as_str() {
        "hi" => true,
        "en" => false,
        _ => return Err(ApiError::field("lang", ErrorCode::InvalidChoice)),
    };
    let db = s.db();
    let mut stmt = db.prepare(&format!(
        "SELECT id, published_at, kind, title_en, title_hi, body_en, body_hi, link, district, starts_at, ends_at
         FROM announcements WHERE ?1 IS NULL OR kind = ?1 ORDER BY {order}"
    ))?;
    let mut list = stmt
        .query_map([q.kind.as_deref()], |r| {
            let pick = |en: String, hi_: String| if hi { hi_ } else { en };
            Ok(Announcement {
                id: r.get(0)?,
                published_at: rfc3339(r.get(1)?),
                kind: r.get(2)?,
                title: pick(r.get(3)?, r.get(4)?),
                body: pick(r.get(5)?, r.get(6)?),
                link: r.get(7)?,
                district: r.get(8)?,
                from: r.get::<_, Option<i64>>(9)?.map(rfc3339),
                until: r.get::<_, Option<i64>>(10)?.map(rfc3339),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(d) = q.district.as_deref() {
        list.retain(|a| a.district.as_deref().is_none_or(|a| a == d));
    }
    if hide_ended {
        let t = now();
        list.retain(|a| outage::phase(a, t) != Some(outage::Phase::Over));
    }
    // The same order every time (ties broken by id), so pages asked one after another meet.
    list.drain(..offset.min(list.len()));
    if let Some(n) = limit {
        list.truncate(n);
    }
    Ok(with_etag(&headers, serde_json::to_string(&list).unwrap_or_default(), "public, max-age=300", None))
}

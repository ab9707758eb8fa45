//! Jhatpat new-connection applications: document uploads (type checked by content), the
//! application itself (fees from the schedule in force today), and answers to a raised query.

use crate::handlers::{
    add_update, bearer, body, client_limit, insert_ticket, json_response, load_ticket, new_number, parse_number,
    ticket_of_kind, NewTicket, Write,
};
use crate::limits::Bucket;
use crate::problem::{parse_json, ApiError};
use crate::state::{log, now, random_token, sha256_hex, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_contract::connection;
use portal_contract::status::Status;
use portal_contract::ticket::TicketKind;
use portal_contract::time::{self, ist_today, rfc3339};
use portal_contract::wire::*;
use portal_contract::{aadhaar, validate, ErrorCode, FieldError};
use rusqlite::{params, OptionalExtension};
use std::net::SocketAddr;

/// The largest document (2 MB in the catalogue) plus multipart overhead; bigger bodies are
/// refused with 413 before they are read.
pub const UPLOAD_BODY_LIMIT: usize = 2 * 1024 * 1024 + 16 * 1024;

pub async fn upload(
    State(s): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut multipart =
        multipart.map_err(|_| ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"))?;
    let (mut doc_type, mut file) = (None::<String>, None::<Bytes>);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
                    .with_field("file", ErrorCode::FileTooLarge))
            }
            Err(_) => return Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_multipart")),
        };
        let name = field.name().unwrap_or("").to_string();
        let data = match field.bytes().await {
            Ok(d) => d,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
                    .with_field("file", ErrorCode::FileTooLarge))
            }
            Err(_) => return Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_multipart")),
        };
        match name.as_str() {
            "document_type" => doc_type = Some(String::from_utf8_lossy(&data).trim().to_string()),
            "file" => file = Some(data),
            _ => {}
        }
    }
    let meta = &s.catalogue.meta;
    let mut errors = vec![];
    let doc = match doc_type.as_deref() {
        None | Some("") => {
            errors.push(FieldError::new("document_type", ErrorCode::Required));
            None
        }
        Some(t) => {
            let d = meta.document(t);
            if d.is_none() {
                errors.push(FieldError::new("document_type", ErrorCode::InvalidChoice));
            }
            d
        }
    };
    let file = match file {
        Some(f) if !f.is_empty() => Some(f),
        _ => {
            errors.push(FieldError::new("file", ErrorCode::Required));
            None
        }
    };
    let (Some(doc), Some(file)) = (doc, file) else { return Err(ApiError::fields(errors)) };
    let content_type = connection::check_upload(doc, &file).map_err(|c| ApiError::field("file", c))?;
    // Counted once the document is one we would keep: a refused file costs no disk.
    client_limit(&s, Bucket::Upload, peer, &headers, now())?;
    let receipt = UploadReceipt {
        upload_id: random_token()[..24].to_string(),
        sha256: sha256_hex(&file),
        bytes: file.len() as u64,
        content_type: content_type.to_string(),
        document_type: doc.code.clone(),
    };
    s.db().execute(
        "INSERT INTO uploads (id, document_type, content_type, sha256, bytes, data, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![receipt.upload_id, receipt.document_type, receipt.content_type, receipt.sha256, receipt.bytes as i64, file.as_ref(), now()],
    )?;
    log(&[("event", "upload"), ("document_type", &receipt.document_type), ("bytes", &receipt.bytes.to_string())]);
    Ok(json_response(StatusCode::CREATED, &receipt))
}

/// Delete a document no application uses: the portal calls this when a draft is discarded, a
/// document replaced, or an assisted session wiped, so identity papers do not wait out the 31
/// days on the server. The random id is the capability; an unknown id answers as a deleted one
/// does, so nobody can probe which ids exist. A document an application uses stays (409).
pub async fn release_upload(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    if !validate::is_upload_id(&id) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "invalid_upload_id"));
    }
    let db = s.db();
    let used: Option<Option<String>> =
        db.query_row("SELECT used_by FROM uploads WHERE id = ?1", [&id], |r| r.get(0)).optional()?;
    if let Some(Some(_)) = used {
        return Err(ApiError::new(StatusCode::CONFLICT, "upload_in_use"));
    }
    let removed = db.execute("DELETE FROM uploads WHERE id = ?1 AND used_by IS NULL", [&id])?;
    // Both logged: many unknown ids from one place would be someone guessing them.
    log(&[("event", if removed > 0 { "upload_released" } else { "upload_release_unknown" })]);
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn create(
    State(s): State<AppState>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(b)?;
    let mut db = s.db();
    let (write, req) = Write::read::<ConnectionRequest>(&headers, &db, OtpPurpose::Connection, &raw, true)?;
    let tx = db.transaction()?;
    if let Some(res) = write.replay(&tx)? {
        return Ok(res);
    }
    let meta = &s.catalogue.meta;
    let t = now();
    let today = ist_today(t);
    let mut req = connection::check(&req, meta, today).map_err(ApiError::fields)?;
    if req.applicant.mobile != write.caller {
        return Err(ApiError::field("mobile", ErrorCode::MobileMismatch));
    }
    let mut missing = vec![];
    for d in &req.documents {
        let stored: Option<String> =
            tx.query_row("SELECT document_type FROM uploads WHERE id = ?1", [&d.upload_id], |r| r.get(0)).optional()?;
        if stored.as_deref() != Some(d.document_type.as_str()) {
            missing.push(FieldError::new(&format!("documents.{}", d.document_type), ErrorCode::MissingDocument));
        }
    }
    if !missing.is_empty() {
        return Err(ApiError::fields(missing));
    }
    // The full Aadhaar number is used for this request only; what is kept is the masked form.
    if req.applicant.id_proof_type == "aadhaar" {
        req.applicant.id_proof_number = aadhaar::mask(&req.applicant.id_proof_number);
    }
    let (division, statutory_days) = statutory_days(meta, &req.premises).ok_or_else(ApiError::internal)?;
    let phase = req.connection.phase.unwrap_or(Phase::Single);
    let fees = connection::estimate(&meta.fee_schedules, today, &req.connection.tariff, req.connection.load_kw, phase)
        .ok_or_else(ApiError::internal)?;
    let office = Office { code: division.code.clone(), name: division.name.clone() };
    let expected_by = t + statutory_days as i64 * 86_400;
    let number = new_number(&tx, TicketKind::Application)?;
    insert_ticket(
        &tx,
        &NewTicket {
            number: &number,
            kind: "application",
            mobile: &req.applicant.mobile,
            request: serde_json::to_string(&req).unwrap_or_default(),
            category: &req.connection.tariff,
            subcategory: &req.connection.load_kw.to_string(),
            office: &office,
            at: t,
            expected_by,
            filed_by: &req.filed_by,
        },
    )?;
    for d in &req.documents {
        tx.execute("UPDATE uploads SET used_by = ?2 WHERE id = ?1", params![d.upload_id, number])?;
    }
    // Amounts and dates as the acknowledgement writes them (₹3,500; 31/12/2025): the note is also the SMS.
    let (amount, from) = (
        connection::rupees(fees.total_rupees),
        time::parse_date(&fees.effective_from).map(time::civil_display).unwrap_or_else(|| fees.effective_from.clone()),
    );
    let note = Text {
        en: format!("Application received by {}. Fees: {amount} (rates in force from {from}).", office.name.en),
        hi: format!("आवेदन {} को प्राप्त हुआ। शुल्क: {amount} ({from} से लागू दरें)।", office.name.hi),
    };
    add_update(&tx, &number, t, Status::Submitted, &note)?;
    crate::handlers::notify(&s, &tx, &number, &note)?;
    let created = ConnectionCreated {
        number: number.clone(),
        kind: TicketKind::Application,
        status: Status::Submitted,
        created_at: rfc3339(t),
        expected_by: rfc3339(expected_by),
        office,
        fees,
        statutory_days,
    };
    let json = serde_json::to_string(&created).unwrap_or_default();
    write.remember(&tx, StatusCode::CREATED, &json)?;
    tx.commit()?;
    log(&[("event", "application_created"), ("number", &number), ("tariff", &req.connection.tariff)]);
    Ok(json_response(StatusCode::CREATED, &created))
}

/// The premises' division and the days the regulations allow to release the connection there:
/// by the division's class, or the rural limit when the applicant says the premises are rural.
fn statutory_days<'m>(meta: &'m Meta, premises: &Premises) -> Option<(&'m Division, u32)> {
    let division = meta.district(&premises.district)?.division(&premises.division)?;
    let area = if premises.area == "rural" { AreaClass::Rural } else { division.area_class };
    Some((division, meta.connection_days.get(area)))
}

pub async fn query_response(
    State(s): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw_body = body(b)?;
    let mut db = s.db();
    let caller = bearer(&headers, &db, OtpPurpose::Connection)?;
    let number = parse_number(&raw)?;
    let answer: QueryResponse = parse_json(&headers, &raw_body)?;
    let (view, mobile) = ticket_of_kind(&db, &number, TicketKind::Application)?;
    crate::handlers::filer_only(&mobile, &caller)?;
    if view.status != Status::QueryRaised {
        return Err(ApiError::new(StatusCode::CONFLICT, "no_open_query").with_field("status", ErrorCode::NotAllowed));
    }
    let message = validate::description(&answer.message, s.catalogue.meta.limits.comment_max)
        .map_err(|c| ApiError::field("message", c))?;
    // All of the answer or none of it: a missing document must not leave the others marked as
    // used (never deleted then) on an application whose query is still open.
    let tx = db.transaction()?;
    let db = &tx;
    for id in &answer.upload_ids {
        let exists: bool = db.query_row("SELECT EXISTS(SELECT 1 FROM uploads WHERE id = ?1)", [id], |r| r.get(0))?;
        if !exists {
            return Err(ApiError::field("upload_ids", ErrorCode::MissingDocument));
        }
        db.execute("UPDATE uploads SET used_by = ?2 WHERE id = ?1", params![id, number])?;
    }
    let note = Text {
        en: format!("Applicant answered: “{message}”"), hi: format!("आवेदक का उत्तर: “{message}”")
    };
    // The application is complete again: its statutory days start again, in full, from now.
    let t = now();
    let request: String = db.query_row("SELECT request FROM tickets WHERE number = ?1", [&number], |r| r.get(0))?;
    let premises = serde_json::from_str::<ConnectionRequest>(&request).map(|r| r.premises);
    let days = premises.ok().and_then(|p| statutory_days(&s.catalogue.meta, &p)).map(|(_, d)| d);
    if let Some(days) = days {
        db.execute("UPDATE tickets SET expected_by = ?2 WHERE number = ?1", params![number, t + days as i64 * 86_400])?;
    }
    add_update(db, &number, t, Status::Resubmitted, &note)?;
    // Told by SMS like every step, without quoting the answer: whoever sent it (perhaps an
    // operator), the applicant learns it arrived and that the days count again.
    let sms = match days {
        Some(_) => Text {
            en: "Your answer has reached the office. The days for your connection count again from today.".into(),
            hi: "आपका उत्तर कार्यालय को मिल गया है। कनेक्शन के दिन आज से फिर गिने जाएँगे।".into(),
        },
        None => Text {
            en: "Your answer has reached the office.".into(), hi: "आपका उत्तर कार्यालय को मिल गया है।".into()
        },
    };
    crate::handlers::notify(&s, db, &number, &sms)?;
    let (view, _) = load_ticket(db, &number)?.ok_or_else(ApiError::internal)?;
    tx.commit()?;
    Ok(json_response(StatusCode::OK, &view))
}

//! Paying an application's fees online, once the office has found the connection feasible.
//!
//! The portal starts an attempt (`POST /connections/{number}/payments`) and sends the browser to
//! the payment gateway's page; the gateway tells the backend the result and sends the browser
//! back to the status page, which reads the attempt (`GET …/payments/{id}`): the redirect's own
//! address proves nothing. A deployment's backend talks to its bank's gateway; the reference
//! server has a stand-in gateway under `/dev/gateway/{id}` (with `--dev`), two buttons, "pay" and
//! "fail", so the whole journey runs on one machine.

use crate::handlers::{add_update, body, json_response, notify, parse_number, ticket_of_kind};
use crate::problem::{parse_json, ApiError};
use crate::state::{log, now, random_token, AppState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use portal_contract::connection::rupees;
use portal_contract::status::Status;
use portal_contract::ticket::{self, TicketKind};
use portal_contract::wire::{Payment, PaymentStart, PaymentState, Text};
use portal_contract::{validate, ErrorCode};
use rusqlite::{params, Connection, OptionalExtension};

fn gateway_url(id: &str) -> String {
    format!("/api/v1/dev/gateway/{id}")
}

/// The portal's own origins (`--public-url`, `--cors-origin`); with `--dev` also the host the
/// request came to, so a demo opened as `localhost` rather than `127.0.0.1` still works. A
/// deployment names its origins: the Host header is the caller's to choose.
fn portal_origin(s: &AppState, headers: &HeaderMap, origin: &str) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    s.portal_origins.iter().any(|o| o == origin)
        || (s.dev && host.is_some_and(|h| origin.split_once("://").map(|(_, o)| o) == Some(h)))
}

/// Starts an attempt to pay the fees due. No OTP: anyone who has the number may pay (a relative,
/// a shop), as with a bill; the amount is the office's, and only one attempt can succeed.
pub async fn start(
    State(s): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw_body = body(b)?;
    let number = parse_number(&raw)?;
    let req: PaymentStart = parse_json(&headers, &raw_body)?;
    let db = s.db();
    let (view, _) = ticket_of_kind(&db, &number, TicketKind::Application)?;
    let Some(amount) = view.amount_due_rupees else {
        return Err(ApiError::new(StatusCode::CONFLICT, "nothing_due").with_field("status", ErrorCode::NotAllowed));
    };
    let origin = validate::return_to(&req.return_to, &number).map_err(|c| ApiError::field("return_to", c))?;
    if !portal_origin(&s, &headers, origin) {
        return Err(ApiError::field("return_to", ErrorCode::NotAllowed));
    }
    if !s.dev {
        // The reference server has no bank behind it; a deployment's backend has its own.
        return Err(ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "no_payment_gateway"));
    }
    let id = random_token()[..24].to_string();
    db.execute(
        "INSERT INTO payments (id, number, amount, state, return_to, created_at) VALUES (?1, ?2, ?3, 'pending', ?4, ?5)",
        params![id, number, amount, req.return_to, now()],
    )?;
    log(&[("event", "payment_started"), ("number", &number)]);
    let p = Payment {
        pay_url: Some(gateway_url(&id)),
        id,
        state: PaymentState::Pending,
        amount_rupees: amount,
        reference: None,
    };
    Ok(json_response(StatusCode::CREATED, &p))
}

fn state_of(s: &str) -> PaymentState {
    match s {
        "paid" => PaymentState::Paid,
        "failed" => PaymentState::Failed,
        _ => PaymentState::Pending,
    }
}

/// One attempt, as the backend knows it (of this application only).
pub async fn get(State(s): State<AppState>, Path((raw, id)): Path<(String, String)>) -> Result<Response, ApiError> {
    let number = parse_number(&raw)?;
    let row: Option<(u32, String, Option<String>)> = s
        .db()
        .query_row(
            "SELECT amount, state, reference FROM payments WHERE id = ?1 AND number = ?2",
            params![id, number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (amount, state, reference) = row.ok_or_else(ApiError::not_found)?;
    let state = state_of(&state);
    let p = Payment {
        pay_url: (state == PaymentState::Pending).then(|| gateway_url(&id)),
        id,
        state,
        amount_rupees: amount,
        reference,
    };
    let mut res = json_response(StatusCode::OK, &p);
    res.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    Ok(res)
}

struct Attempt {
    number: String,
    amount: u32,
    state: String,
    return_to: String,
}

fn attempt(db: &Connection, id: &str) -> Result<Attempt, ApiError> {
    db.query_row("SELECT number, amount, state, return_to FROM payments WHERE id = ?1", [id], |r| {
        Ok(Attempt { number: r.get(0)?, amount: r.get(1)?, state: r.get(2)?, return_to: r.get(3)? })
    })
    .optional()?
    .ok_or_else(ApiError::not_found)
}

fn back(a: &Attempt, id: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, format!("{}?payment={id}", a.return_to))]).into_response()
}

/// The stand-in bank's page: what is being paid, and two buttons. Plain HTML forms, no script.
pub async fn gateway_page(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let a = attempt(&s.db(), &id)?;
    if a.state != "pending" {
        return Ok(back(&a, &id));
    }
    let amount = rupees(a.amount);
    let shown = ticket::display(&a.number);
    let html = format!(
        r#"<!doctype html><html lang="hi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test payment gateway</title></head><body style="font-family:sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem">
<h1>परीक्षण भुगतान गेटवे · Test payment gateway</h1>
<p>यह संदर्भ सर्वर का नकली बैंक है: कोई पैसा नहीं लिया जाता। · The reference server's stand-in bank: no money moves.</p>
<p>आवेदन · Application <strong id="number">{shown}</strong></p>
<p>राशि · Amount <strong id="amount">{amount}</strong></p>
<form method="post"><input type="hidden" name="outcome" value="paid"><button id="gateway-pay" type="submit">भुगतान करें · Pay {amount}</button></form>
<form method="post" style="margin-top:1rem"><input type="hidden" name="outcome" value="failed"><button id="gateway-fail" type="submit">भुगतान विफल करें · Make it fail</button></form>
</body></html>"#
    );
    Ok((
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")],
        html,
    )
        .into_response())
}

/// The bank's answer: paid (the application moves on, its deadline resumes, the applicant gets
/// an SMS with the reference) or failed; then the browser goes back to the status page.
pub async fn gateway_settle(
    State(s): State<AppState>,
    Path(id): Path<String>,
    b: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(b)?;
    let paid = String::from_utf8_lossy(&raw).split('&').any(|kv| kv == "outcome=paid");
    let mut db = s.db();
    let tx = db.transaction()?;
    let a = attempt(&tx, &id)?;
    if a.state == "pending" {
        let t = now();
        let status: String = tx.query_row("SELECT status FROM tickets WHERE number = ?1", [&a.number], |r| r.get(0))?;
        // Paid twice (two tabs) or after a withdrawal: the second is refused, as a bank would
        // refund it.
        if paid && status == Status::Feasible.as_str() {
            let reference = format!("PUV{}", random_token()[..10].to_uppercase());
            tx.execute(
                "UPDATE payments SET state = 'paid', reference = ?2, settled_at = ?3 WHERE id = ?1",
                params![id, reference, t],
            )?;
            // The statutory days stopped while the office waited for the fees: they resume now.
            let feasible_at: Option<i64> = tx.query_row(
                "SELECT MAX(at) FROM updates WHERE number = ?1 AND status = 'feasible'",
                [&a.number],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE tickets SET expected_by = expected_by + ?2 WHERE number = ?1",
                params![a.number, (t - feasible_at.unwrap_or(t)).max(0)],
            )?;
            let amount = rupees(a.amount);
            let note = Text {
                en: format!("Fees of {amount} received online (reference {reference}). The meter will be installed on one of the dates you chose; an SMS will give the day."),
                hi: format!("{amount} शुल्क ऑनलाइन प्राप्त हुआ (संदर्भ {reference})। मीटर आपकी चुनी तारीखों में से किसी एक दिन लगेगा; दिन SMS से बताया जाएगा।"),
            };
            add_update(&tx, &a.number, t, Status::ChargesPaid, &note)?;
            notify(&s, &tx, &a.number, &note)?;
        } else {
            tx.execute("UPDATE payments SET state = 'failed', settled_at = ?2 WHERE id = ?1", params![id, t])?;
        }
        log(&[("event", "payment_settled"), ("number", &a.number), ("paid", if paid { "yes" } else { "no" })]);
    }
    tx.commit()?;
    Ok(back(&a, &id))
}

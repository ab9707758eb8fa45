//! Development helpers, mounted only with `--dev`: read OTP SMSes, move tickets along their
//! lifecycle, inject faults, run housekeeping as if days had passed, and a demo clock that makes
//! status pages visibly change.

use crate::faults::Faults;
use crate::handlers::{add_update, load_ticket, parse_number};
use crate::problem::ApiError;
use crate::state::{now, AppState, Inner};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portal_contract::connection;
use portal_contract::normalize::mask_account;
use portal_contract::status::Status;
use portal_contract::ticket::TicketKind;
use portal_contract::time::{civil_display, ist_today, parse_date};
use portal_contract::wire::{ConnectionRequest, Phase, Text};
use portal_contract::ErrorCode;
use rusqlite::{params, Connection};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sms", get(sms))
        .route("/faults", get(faults_get).post(faults_set))
        .route("/tickets", get(tickets_of))
        .route("/tickets/{number}", get(ticket_record))
        .route("/tickets/{number}/advance", post(advance))
        .route("/housekeep", post(housekeep))
        .route("/gateway/{id}", get(crate::payments::gateway_page).post(crate::payments::gateway_settle))
}

#[derive(serde::Deserialize)]
struct Later {
    days_later: u32,
}

/// Runs the hourly housekeeping as if `days_later` days had passed, so a test can watch an unsent
/// document expire without waiting a month. Everything else that would have expired by then
/// (tokens, OTPs, idempotency records) goes too.
async fn housekeep(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    let Later { days_later } = crate::problem::parse_json(&headers, &body)?;
    if days_later > 400 {
        return Err(ApiError::field("days_later", portal_contract::ErrorCode::OutOfRange));
    }
    Ok(Json(crate::db::housekeep(&s.db(), now() + i64::from(days_later) * 86_400)?).into_response())
}

#[derive(serde::Deserialize)]
struct MobileQuery {
    mobile: Option<String>,
}

async fn sms(State(s): State<AppState>, Query(q): Query<MobileQuery>) -> Result<Response, ApiError> {
    let mobile = q.mobile.as_deref().and_then(portal_contract::normalize::mobile).unwrap_or_default();
    let db = s.db();
    let mut stmt = db.prepare("SELECT mobile, body, at FROM sms WHERE mobile = ?1 ORDER BY id DESC LIMIT 50")?;
    let rows = stmt
        .query_map([&mobile], |r| {
            Ok(serde_json::json!({"mobile": r.get::<_, String>(0)?, "body": r.get::<_, String>(1)?, "at": portal_contract::time::rfc3339(r.get(2)?)}))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(rows).into_response())
}

async fn faults_get(State(s): State<AppState>) -> Json<Faults> {
    Json(s.faults.lock().unwrap_or_else(|p| p.into_inner()).clone())
}

async fn faults_set(State(s): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Json<Faults>, ApiError> {
    let f: Faults = crate::problem::parse_json(&headers, &body)?;
    *s.faults.lock().unwrap_or_else(|p| p.into_inner()) = f.clone();
    Ok(Json(f))
}

/// Numbers filed by a mobile (newest first), so tests can count what was really created.
async fn tickets_of(State(s): State<AppState>, Query(q): Query<MobileQuery>) -> Result<Response, ApiError> {
    let mobile = q.mobile.as_deref().and_then(portal_contract::normalize::mobile).unwrap_or_default();
    let db = s.db();
    let mut stmt = db.prepare("SELECT number FROM tickets WHERE mobile = ?1 ORDER BY created_at DESC, number")?;
    let rows = stmt.query_map([&mobile], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(Json(rows).into_response())
}

/// The stored request, who filed it and the documents attached, so tests can check what the server really received.
async fn ticket_record(State(s): State<AppState>, Path(raw): Path<String>) -> Result<Response, ApiError> {
    let number = parse_number(&raw)?;
    let db = s.db();
    let (request, filed_by): (String, String) = db
        .query_row("SELECT request, filed_by FROM tickets WHERE number = ?1", [&number], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|_| ApiError::not_found())?;
    let mut stmt = db.prepare(
        "SELECT id, document_type, content_type, bytes, sha256 FROM uploads WHERE used_by = ?1 ORDER BY document_type",
    )?;
    let uploads = stmt
        .query_map([&number], |r| {
            Ok(serde_json::json!({"upload_id": r.get::<_, String>(0)?, "document_type": r.get::<_, String>(1)?, "content_type": r.get::<_, String>(2)?,
                "bytes": r.get::<_, i64>(3)?, "sha256": r.get::<_, String>(4)?}))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let v = serde_json::json!({
        "request": serde_json::from_str::<serde_json::Value>(&request).unwrap_or_default(),
        "filed_by": serde_json::from_str::<serde_json::Value>(&filed_by).unwrap_or_default(),
        "uploads": uploads,
    });
    Ok(Json(v).into_response())
}

#[derive(serde::Deserialize, Default)]
struct AdvanceBody {
    note: Option<Text>,
    /// Also move the deadline into the past, so the overdue state can be demonstrated.
    #[serde(default)]
    overdue: bool,
    /// How far into the past (default one hour): days of delay show the compensation.
    overdue_hours: Option<u32>,
    /// Refuse the application instead of moving it on, with the Executive Engineer's reason (an
    /// application not yet ended; a complaint cannot be refused).
    reject: Option<Text>,
    /// Move straight to this status instead of the next one.
    to: Option<Status>,
}

async fn advance(State(s): State<AppState>, Path(raw): Path<String>, body: Bytes) -> Result<Response, ApiError> {
    let number = parse_number(&raw)?;
    let req = if body.is_empty() {
        AdvanceBody::default()
    } else {
        serde_json::from_slice::<AdvanceBody>(&body).unwrap_or_default()
    };
    let db = s.db();
    match req.reject {
        Some(why) => reject(&s, &db, &number, &why)?,
        None => {
            advance_one(&s, &db, &number, req.note, req.to)?;
        }
    }
    if req.overdue || req.overdue_hours.is_some() {
        let hours = i64::from(req.overdue_hours.unwrap_or(1).max(1));
        db.execute("UPDATE tickets SET expected_by = ?2 WHERE number = ?1", params![number, now() - hours * 3600])?;
    }
    let (view, _) = load_ticket(&db, &number)?.ok_or_else(ApiError::not_found)?;
    Ok((StatusCode::OK, Json(view)).into_response())
}

fn default_note(status: Status) -> Text {
    let (en, hi) = match status {
        Status::Assigned => {
            ("Assigned to the junior engineer of your sub-division.", "आपके उपखण्ड के अवर अभियंता को सौंपी गई।")
        }
        Status::InProgress => ("A line crew is on the way.", "लाइन टीम रास्ते में है।"),
        Status::Resolved => (
            "The office says the problem is fixed. Please confirm.",
            "कार्यालय के अनुसार समस्या ठीक हो गई है। कृपया पुष्टि करें।",
        ),
        Status::DocScrutiny => ("Documents are being checked.", "दस्तावेज़ों की जाँच हो रही है।"),
        Status::QueryRaised => {
            ("The office has a question about your application.", "कार्यालय ने आपके आवेदन पर प्रश्न पूछा है।")
        }
        Status::InspectionScheduled => ("Site inspection scheduled.", "स्थल निरीक्षण निर्धारित।"),
        Status::Feasible => ("Connection found feasible.", "कनेक्शन संभव पाया गया।"),
        Status::InstallationScheduled => ("Meter installation scheduled.", "मीटर लगाने की तिथि तय।"),
        Status::ConnectionReleased => ("Connection released.", "कनेक्शन जारी।"),
        _ => ("Status updated.", "स्थिति बदली गई।"),
    };
    Text { en: en.into(), hi: hi.into() }
}

/// An application as it was filed (the stored request, Aadhaar masked) and when.
fn application(db: &Connection, number: &str) -> Option<(ConnectionRequest, i64)> {
    let (request, created_at): (String, i64) = db
        .query_row(
            "SELECT request, created_at FROM tickets WHERE number = ?1 AND kind = 'application'",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok()?;
    Some((serde_json::from_str(&request).ok()?, created_at))
}

/// The portal told the applicant "a lineman visits on one of the dates you chose", for the site
/// inspection and again for the meter: the office's note says which day, the first of them still
/// ahead (or the last one, if all have passed).
fn visit_note(db: &Connection, number: &str, step: Status) -> Option<Text> {
    let (req, _) = application(db, number)?;
    let today = ist_today(now());
    let chosen = if step == Status::InstallationScheduled { &req.installation_dates } else { &req.inspection_dates };
    let mut days: Vec<i64> = chosen.iter().filter_map(|d| parse_date(d)).collect();
    days.sort_unstable();
    let day = days.iter().copied().find(|d| *d > today).or(days.last().copied())?;
    let date = civil_display(day);
    Some(match step {
        Status::InstallationScheduled => Text {
            en: format!(
                "Meter installation on {date}, one of the dates you chose. Please have someone at the premises."
            ),
            hi: format!("मीटर {date} को लगाया जाएगा, जो आपकी चुनी तारीखों में से एक है। कृपया उस दिन परिसर पर कोई मौजूद रहे।"),
        },
        _ => Text {
            en: format!("Site inspection on {date}, one of the dates you chose. Please have someone at the premises."),
            hi: format!("स्थल निरीक्षण {date} को होगा, जो आपकी चुनी तारीखों में से एक है। कृपया उस दिन परिसर पर कोई मौजूद रहे।"),
        },
    })
}

/// "Feasible" is when the applicant pays (the portal says "you will get an SMS with the amount
/// due"): the fees of the schedule in force on the day of the application, as the
/// acknowledgement showed them. Kept with the ticket, for the status page's "Pay online".
fn fees_due(s: &Inner, db: &Connection, number: &str) -> Option<u32> {
    let (req, created_at) = application(db, number)?;
    let c = &req.connection;
    let fees = connection::estimate(
        &s.catalogue.meta.fee_schedules,
        ist_today(created_at),
        &c.tariff,
        c.load_kw,
        c.phase.unwrap_or(Phase::Single),
    )?;
    Some(fees.total_rupees)
}

/// The office's note states the amount, and where to pay it.
fn amount_due_note(rupees: u32) -> Text {
    let amount = connection::rupees(rupees);
    Text {
        en: format!("Connection found feasible. Amount due: {amount}, the fees shown when you applied. Pay it online on the status page."),
        hi: format!("कनेक्शन संभव पाया गया। देय राशि: {amount}, जो शुल्क आवेदन के समय बताया गया था। इसका ऑनलाइन भुगतान स्थिति पेज पर करें।"),
    }
}

/// The office's question, and the last day to answer it (the SMS says it too).
fn query_note(day: i64) -> Text {
    let date = civil_display(day);
    Text {
        en: format!("The office has a question about your application. Please answer it on the status page by {date}."),
        hi: format!("कार्यालय ने आपके आवेदन पर प्रश्न पूछा है। कृपया {date} तक स्थिति पेज पर उत्तर दें।"),
    }
}

/// The Executive Engineer refuses an application (the only officer who may, with reasons).
fn reject(s: &Inner, db: &Connection, number: &str, why: &Text) -> Result<(), ApiError> {
    let (view, _) = load_ticket(db, number)?.ok_or_else(ApiError::not_found)?;
    if view.kind != TicketKind::Application || view.status.is_terminal() {
        return Err(ApiError::new(StatusCode::CONFLICT, "cannot_reject"));
    }
    let note = Text {
        en: format!("Refused by the Executive Engineer: {}", why.en),
        hi: format!("अधिशासी अभियंता द्वारा अस्वीकृत: {}", why.hi),
    };
    add_update(db, number, now(), Status::Rejected, &note)?;
    crate::handlers::notify(s, db, number, &note)?;
    Ok(())
}

/// The office's next step on a ticket, and the SMS that tells the consumer.
/// `to` skips ahead (a demo or a test that needs an application found feasible without its
/// query); otherwise the step is the office's usual next one.
fn advance_one(
    s: &Inner,
    db: &Connection,
    number: &str,
    note: Option<Text>,
    to: Option<Status>,
) -> Result<Status, ApiError> {
    let current: String = db
        .query_row("SELECT status FROM tickets WHERE number = ?1", params![number], |r| r.get(0))
        .map_err(|_| ApiError::not_found())?;
    let current = Status::parse(&current).filter(|c| !c.is_terminal());
    // A complaint is never "connection released", nor an application "crew working"; and a
    // withdrawal, of no one kind (`Status::kind` is `None`), is the filer's with an OTP, not the
    // office's. The number was parsed already, so its kind is known.
    let kind = portal_contract::ticket::parse(number).map(|(k, _)| k);
    if current.is_some() && to.is_some_and(|t| t.kind() != kind) {
        return Err(ApiError::new(StatusCode::CONFLICT, "not_this_kind").with_field("to", ErrorCode::InvalidChoice));
    }
    let next = current
        .and_then(|c| to.or(c.next_by_office()))
        .ok_or_else(|| ApiError::new(StatusCode::CONFLICT, "cannot_advance"))?;
    let answer_by = (next == Status::QueryRaised)
        .then_some(s.catalogue.meta.query_answer_days)
        .flatten()
        .map(|n| s.catalogue.meta.office_days_after(ist_today(now()), n));
    db.execute("UPDATE tickets SET answer_by = ?2 WHERE number = ?1", params![number, answer_by])?;
    let due = (next == Status::Feasible).then(|| fees_due(s, db, number)).flatten();
    if let Some(rupees) = due {
        db.execute("UPDATE tickets SET amount_due = ?2 WHERE number = ?1", params![number, rupees])?;
    }
    let note = note.or_else(|| match next {
        Status::Feasible => due.map(amount_due_note),
        Status::QueryRaised => answer_by.map(query_note),
        Status::InspectionScheduled | Status::InstallationScheduled => visit_note(db, number, next),
        _ => None,
    });
    let note = note.unwrap_or_else(|| default_note(next));
    // The history is public to anyone with the application's number; the account number goes
    // in full only to the applicant's mobile.
    let sms = match next {
        Status::ConnectionReleased => {
            let account = open_account(db, number)?;
            add_update(db, number, now(), next, &released_note(&note, &mask_account(&account), false))?;
            released_note(&note, &account, true)
        }
        _ => {
            add_update(db, number, now(), next, &note)?;
            note
        }
    };
    crate::handlers::notify(s, db, number, &sms)?;
    Ok(next)
}

/// The billing system's account for a connection just released: the next free 10-digit number.
/// (A discom's backend takes it from its billing software; this stands in for that.)
fn open_account(db: &Connection, number: &str) -> Result<String, ApiError> {
    let last: Option<String> = db.query_row("SELECT MAX(account_number) FROM tickets", [], |r| r.get(0))?;
    let next = last.and_then(|a| a.parse::<u64>().ok()).map_or(FIRST_ACCOUNT, |a| a + 1);
    let account = format!("{next:010}");
    db.execute("UPDATE tickets SET account_number = ?2 WHERE number = ?1", params![number, account])?;
    Ok(account)
}

/// Where the reference server's account numbers start (10 digits, like PUVVNL's since its
/// billing migration).
const FIRST_ACCOUNT: u64 = 1_690_000_001;

/// The office's release note: the history (public) names the account by its last digits and
/// says where the full number went; the SMS gives it whole.
fn released_note(note: &Text, account: &str, sms: bool) -> Text {
    match sms {
        true => Text {
            en: format!(
                "{} Your account number is {account}: bills, payments and complaints use it. Tell us how the service was on the status page.",
                note.en
            ),
            hi: format!(
                "{} आपकी खाता संख्या {account} है: बिल, भुगतान और शिकायत में यही बताएँ। सेवा कैसी रही, स्थिति पेज पर बताएँ।",
                note.hi
            ),
        },
        false => Text {
            en: format!("{} Your account number ({account}) has been sent to you by SMS.", note.en),
            hi: format!("{} आपकी खाता संख्या ({account}) आपको SMS से भेज दी गई है।", note.hi),
        },
    }
}

/// Where the demo clock takes a ticket when that is not the office's usual next step. Most
/// applications' documents are in order, so the demo questions only those whose number ends in
/// an odd digit and sends the others straight to the site inspection: a demo that questions every
/// application shows a portal that does, and never the straight path.
fn demo_step(number: &str, status: Option<Status>) -> Option<Status> {
    let odd = number.bytes().last().is_some_and(|d| d % 2 == 1);
    (status == Some(Status::DocScrutiny) && !odd).then_some(Status::InspectionScheduled)
}

pub fn spawn_demo_clock(state: AppState, secs: u64) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(secs.max(1)));
        tick.tick().await;
        loop {
            tick.tick().await;
            let db = state.db();
            // What the office can move on: not what waits for the consumer or has ended.
            let movable: Vec<String> = portal_contract::status::ALL
                .iter()
                .filter(|s| s.next_by_office().is_some())
                .map(|s| format!("'{}'", s.as_str()))
                .collect();
            let sql = format!("SELECT number, status FROM tickets WHERE status IN ({})", movable.join(","));
            let open: Vec<(String, String)> = match db.prepare(&sql) {
                Ok(mut stmt) => stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map(|rows| rows.filter_map(Result::ok).collect())
                    .unwrap_or_default(),
                Err(_) => vec![],
            };
            for (n, status) in open {
                let _ = advance_one(&state, &db, &n, None, demo_step(&n, Status::parse(&status)));
            }
        }
    });
}

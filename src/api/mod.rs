//! The only module that knows URLs. Typed calls to the backend contract (`api/openapi.yaml`);
//! every failure becomes an [`ApiError`] the pages can explain in the reader's language.

use crate::domain::ticket::TicketKind;
use crate::domain::wire::*;
use crate::domain::FieldError;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;

/// Give up on a request after this long: on a weak network a stuck request is worse than a
/// clear "try again".
const TIMEOUT_MS: i32 = 20_000;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer: offline, DNS, connection dropped, or the response was cut off.
    Network,
    Timeout,
    /// The backend asks us to wait (429/503), possibly saying for how long.
    Busy {
        retry_after: Option<u32>,
    },
    /// Field problems to show beside the fields (422).
    Fields(Vec<FieldError>),
    /// The OTP token is missing or expired (401).
    Unauthorized,
    NotFound,
    /// Anything else the backend refused, with its problem `type` slug.
    Refused {
        status: u16,
        kind: String,
    },
    /// 5xx without Retry-After.
    Server(u16),
}

impl ApiError {
    /// Worth retrying with the same Idempotency-Key.
    pub fn is_transient(&self) -> bool {
        matches!(self, ApiError::Network | ApiError::Timeout | ApiError::Busy { .. } | ApiError::Server(_))
    }

    /// The seconds the backend asked to wait before trying again (`Retry-After`), if it did.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            ApiError::Busy { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// Worth trying again soon: transient, and not an hour's limit ([`ApiError::limit_minutes`]).
    /// What an upload kept for later waits out, and what a photo chosen offline waits for.
    pub fn passes_soon(&self) -> bool {
        self.is_transient() && self.limit_minutes().is_none()
    }

    /// The minutes to wait when the backend's 429 is a limit (too many codes for one mobile, too
    /// many codes or documents from one address) rather than a moment's load: retrying within
    /// seconds cannot help, and the wait reads better in minutes.
    pub fn limit_minutes(&self) -> Option<i64> {
        match self {
            ApiError::Busy { retry_after: Some(s) } => crate::domain::time::long_wait_minutes(i64::from(*s)),
            _ => None,
        }
    }
}

/// A GET that may be answered 304.
pub enum Fetched<T> {
    Fresh { value: T, etag: Option<String> },
    NotModified,
}

/// The API base URL: `<meta name="bijli-api-base">` in index.html, which deployers rewrite
/// without rebuilding; `/api/v1` (same origin) otherwise.
pub fn base() -> String {
    leptos::prelude::document()
        .query_selector("meta[name=bijli-api-base]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "/api/v1".into())
        .trim_end_matches('/')
        .to_string()
}

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

async fn send(builder: RequestBuilder, json_body: Option<String>) -> Result<Response, ApiError> {
    let controller = web_sys::AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let builder = builder.abort_signal(signal.as_ref());
    let request = match json_body {
        Some(body) => builder.header("Content-Type", "application/json").body(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = controller.and_then(|c| {
        let flag = timed_out.clone();
        let cb = wasm_bindgen::closure::Closure::once_into_js(move || {
            flag.set(true);
            c.abort();
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), TIMEOUT_MS).ok()
    });
    let result = request.send().await;
    if let Some(t) = timer {
        window.clear_timeout_with_handle(t);
    }
    match result {
        Ok(r) => Ok(r),
        Err(_) if timed_out.get() => Err(ApiError::Timeout),
        Err(_) => Err(ApiError::Network),
    }
}

async fn send_form(builder: RequestBuilder, form: web_sys::FormData) -> Result<Response, ApiError> {
    builder.body(form).map_err(|_| ApiError::Network)?.send().await.map_err(|_| ApiError::Network)
}

async fn error_from(resp: Response) -> ApiError {
    classify(resp.status(), retry_after(&resp), resp.text().await.ok().and_then(|t| crate::json::from_str(&t)))
}

/// A refusal told by its status and Retry-After alone, its body unread. For what the first
/// screen fetches (the catalogue, the notices), where any failure means no more than "try again":
/// reading problem documents (`error_from`) is then code the first download does without; it
/// travels with the pages that explain refusals.
fn refused(resp: &Response) -> ApiError {
    classify(resp.status(), retry_after(resp), None)
}

fn retry_after(resp: &Response) -> Option<u32> {
    resp.headers().get("retry-after").and_then(|v| v.trim().parse::<u32>().ok())
}

/// A non-2xx answer as an [`ApiError`] (shared by fetch and the upload XHR).
fn classify(status: u16, retry_after: Option<u32>, problem: Option<Problem>) -> ApiError {
    let kind = problem.as_ref().map(|p| p.kind.rsplit('/').next().unwrap_or("").to_string()).unwrap_or_default();
    match status {
        401 => ApiError::Unauthorized,
        404 => ApiError::NotFound,
        422 | 400 | 403 | 413 | 415 if problem.as_ref().is_some_and(|p| !p.errors.is_empty()) => {
            ApiError::Fields(problem.map(|p| p.errors).unwrap_or_default())
        }
        429 | 503 => ApiError::Busy { retry_after },
        409 if kind.starts_with("idempotency") => ApiError::Busy { retry_after: retry_after.or(Some(2)) },
        s if s >= 500 => match retry_after {
            Some(_) => ApiError::Busy { retry_after },
            None => ApiError::Server(s),
        },
        s => ApiError::Refused { status: s, kind },
    }
}

async fn decode<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    // A body cut off mid-way (a dropped connection) is a network failure, not a bug.
    resp.text().await.ok().and_then(|t| crate::json::from_str(&t)).ok_or(ApiError::Network)
}

/// A GET answered 200 (with its ETag) or 304; any other answer is an `ApiError`.
async fn get_response(path: &str, etag: Option<&str>) -> Result<Fetched<Response>, ApiError> {
    match get_or_refusal(path, etag).await? {
        Ok(fetched) => Ok(fetched),
        Err(resp) => Err(error_from(resp).await),
    }
}

async fn get<T: DeserializeOwned>(path: &str, etag: Option<&str>) -> Result<Fetched<T>, ApiError> {
    Ok(match get_response(path, etag).await? {
        Fetched::Fresh { value, etag } => Fetched::Fresh { value: decode(value).await?, etag },
        Fetched::NotModified => Fetched::NotModified,
    })
}

/// A GET answered 200 or 304; a refusal is told by its status alone (see `refused`).
async fn get_unexplained(path: &str) -> Result<Fetched<Response>, ApiError> {
    get_or_refusal(path, None).await?.map_err(|r| refused(&r))
}

/// A GET answered 200 or 304, or the response that refused it (`Err` inside), unread.
async fn get_or_refusal(path: &str, etag: Option<&str>) -> Result<Result<Fetched<Response>, Response>, ApiError> {
    let mut b: RequestBuilder = Request::get(&url(path));
    if let Some(e) = etag {
        b = b.header("If-None-Match", e);
    }
    let resp = send(b, None).await?;
    Ok(match resp.status() {
        304 => Ok(Fetched::NotModified),
        200 => {
            let etag = resp.headers().get("etag");
            Ok(Fetched::Fresh { value: resp, etag })
        }
        _ => Err(resp),
    })
}

async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    token: Option<&str>,
    key: Option<&str>,
) -> Result<T, ApiError> {
    let mut b = Request::post(&url(path));
    if let Some(t) = token {
        b = b.header("Authorization", &format!("Bearer {t}"));
    }
    if let Some(k) = key {
        b = b.header("Idempotency-Key", k);
    }
    answer(send(b, Some(crate::json::to_string(body).ok_or(ApiError::Network)?)).await?).await
}

/// A JSON answer: the body on success, the problem's field codes or kind otherwise.
async fn answer<T: DeserializeOwned>(resp: Response) -> Result<T, ApiError> {
    if resp.ok() {
        decode(resp).await
    } else {
        Err(error_from(resp).await)
    }
}

/// The catalogue as text; `parse_meta` reads it (see `app::MetaCtx` for why two steps).
pub async fn meta_text() -> Result<String, ApiError> {
    match get_unexplained("/meta").await? {
        Fetched::Fresh { value, .. } => value.text().await.map_err(|_| ApiError::Network),
        Fetched::NotModified => Err(ApiError::Network),
    }
}

pub fn parse_meta(text: &str) -> Result<Meta, ApiError> {
    // A body cut off mid-way (a dropped connection) is a network failure, not a bug.
    crate::json::from_str(text).ok_or(ApiError::Network)
}

/// Ask the backend to delete documents no application will use (a discarded draft, a replaced
/// document, a wiped assisted session). Fire and forget, with `keepalive` so the requests outlive
/// the page when a wipe reloads it at once; one that fails is left to the server's housekeeping
/// (31 days).
pub fn release_uploads(ids: &[String]) {
    let Some(w) = web_sys::window() else { return };
    for id in ids {
        let init = web_sys::RequestInit::new();
        init.set_method("DELETE");
        let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
        let sent = w.fetch_with_str_and_init(&url(&format!("/uploads/{id}")), &init);
        // Awaited only so that a failure is handled (not an "uncaught" error in the console).
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(sent).await;
        });
    }
}

pub async fn send_otp(mobile: &str, purpose: OtpPurpose) -> Result<OtpSent, ApiError> {
    post("/otp", &OtpRequest { mobile: mobile.into(), purpose }, None, None).await
}

pub async fn verify_otp(otp_id: &str, code: &str) -> Result<OtpToken, ApiError> {
    post("/otp/verify", &OtpVerify { otp_id: otp_id.into(), code: code.into() }, None, None).await
}

pub async fn create_complaint(
    req: &ComplaintRequest,
    token: &str,
    idempotency_key: &str,
) -> Result<TicketCreated, ApiError> {
    post("/complaints", req, Some(token), Some(idempotency_key)).await
}

/// A complaint the outbox queued: the `ComplaintRequest` as it was stored then, sent as it is.
pub async fn create_queued_complaint(
    req: &serde_json::Value,
    token: &str,
    idempotency_key: &str,
) -> Result<TicketCreated, ApiError> {
    post("/complaints", req, Some(token), Some(idempotency_key)).await
}

pub async fn create_connection(
    req: &ConnectionRequest,
    token: &str,
    idempotency_key: &str,
) -> Result<ConnectionCreated, ApiError> {
    post("/connections", req, Some(token), Some(idempotency_key)).await
}

pub async fn ticket(number: &str, etag: Option<&str>) -> Result<Fetched<TicketView>, ApiError> {
    get(&format!("/complaints/{number}"), etag).await
}

/// "Find my numbers": what the mobile behind `token` has filed (never cached: `no-store`).
pub async fn my_tickets(token: &str) -> Result<TicketList, ApiError> {
    answer(send(Request::get(&url("/tickets")).header("Authorization", &format!("Bearer {token}")), None).await?).await
}

/// A resolved complaint confirmed or reopened, or a released connection's service rated.
pub async fn feedback(
    number: &str,
    kind: TicketKind,
    fb: &Feedback,
    token: &str,
    idempotency_key: &str,
) -> Result<TicketView, ApiError> {
    post(&format!("/{}/{number}/feedback", kind_path(kind)), fb, Some(token), Some(idempotency_key)).await
}

/// Where a number's kind lives in the API's paths.
fn kind_path(kind: TicketKind) -> &'static str {
    match kind {
        TicketKind::Complaint => "complaints",
        TicketKind::Application => "connections",
    }
}

/// Which notices to ask for.
#[derive(Clone)]
pub enum Notices {
    /// Only the newest `n` of those still to read about, without the power cuts that are over:
    /// the home page's short list, which is for what is coming or going on, and downloads no
    /// more than it shows. Only one district's and everyone's if the district is given: a kiosk's
    /// office's or a café's.
    Latest(u8, Option<String>),
    /// The whole list a page at a time (ended cuts too, tagged so): at most `limit` from the
    /// `offset`-th newest, only one district's and everyone's if `district`. The notices page.
    Page { offset: usize, limit: u8, district: Option<String> },
}

/// The notices, newest first.
pub async fn announcements(lang: &str, which: Notices) -> Result<Vec<Announcement>, ApiError> {
    let path = match which {
        Notices::Latest(n, district) => {
            with_district(format!("/announcements?lang={lang}&hide_ended=true&limit={n}"), district.as_deref())
        }
        Notices::Page { offset, limit, district } => {
            let mut path = format!("/announcements?lang={lang}&limit={limit}");
            if offset > 0 {
                path += &format!("&offset={offset}");
            }
            with_district(path, district.as_deref())
        }
    };
    // The home page's short list reads these at start-up: see `refused`.
    match get_unexplained(&path).await? {
        Fetched::Fresh { value, .. } => decode(value).await,
        Fetched::NotModified => Ok(vec![]),
    }
}

/// The notices as they are now, for the outage notice on the complaint form, where a cut announced
/// minutes ago matters: `no-cache` tells the service worker to ask the network first and give
/// its kept copy only when offline or slow (`sw.js`, `current`). Only the chosen district's and
/// everyone's, without the cuts that are over: a person without power, on a phone's battery and
/// maybe a weak network, downloads the few that could apply, not every feeder's shutdown.
pub async fn announcements_now(lang: &str, district: &str) -> Result<Vec<Announcement>, ApiError> {
    let path = format!("/announcements?lang={lang}&hide_ended=true");
    as_they_are_now(&with_district(path, Some(district).filter(|d| !d.is_empty()))).await
}

/// The power cuts on now and coming up, the soonest first: at most `limit`, only one district's
/// if `district`. The notices page's first list, for "is my supply off tonight"; asked past the
/// service worker's copy like `announcements_now`, since a cut announced an hour ago matters.
pub async fn cuts_ahead(lang: &str, district: Option<&str>, limit: u8) -> Result<Vec<Announcement>, ApiError> {
    let path = format!("/announcements?lang={lang}&kind=outage&hide_ended=true&order=soonest&limit={limit}");
    as_they_are_now(&with_district(path, district)).await
}

/// The notices' path for only one district's and everyone's, if `district`.
fn with_district(path: String, district: Option<&str>) -> String {
    match district {
        Some(d) => format!("{path}&district={d}"),
        None => path,
    }
}

/// A GET with `no-cache`: the service worker asks the network first (`sw.js`, `current`).
async fn as_they_are_now<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let b = Request::get(&url(path)).cache(web_sys::RequestCache::NoCache);
    answer(send(b, None).await?).await
}

/// Withdraw a complaint or an application (the path follows the number's kind).
pub async fn withdraw(
    number: &str,
    kind: TicketKind,
    w: &Withdrawal,
    token: &str,
    key: &str,
) -> Result<TicketView, ApiError> {
    post(&format!("/{}/{number}/withdraw", kind_path(kind)), w, Some(token), Some(key)).await
}

pub async fn answer_query(number: &str, answer: &QueryResponse, token: &str) -> Result<TicketView, ApiError> {
    post(&format!("/connections/{number}/query-response"), answer, Some(token), None).await
}

/// Start paying an application's fees; the gateway sends the browser back to `return_to`.
pub async fn start_payment(number: &str, return_to: String) -> Result<Payment, ApiError> {
    post(&format!("/connections/{number}/payments"), &PaymentStart { return_to }, None, None).await
}
/// One payment attempt as the backend knows it (never cached: `no-store`).
pub async fn payment(number: &str, id: &str) -> Result<Payment, ApiError> {
    answer(send(Request::get(&url(&format!("/connections/{number}/payments/{id}"))), None).await?).await
}
/// The gateway's page to go to: the backend's `pay_url` made absolute against the API's own
/// address, and only an http(s) one (never a `javascript:` address, whoever sent it).
pub fn gateway_address(pay_url: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let api = web_sys::Url::new_with_base(&base(), &page).ok()?;
    let to = web_sys::Url::new_with_base(pay_url, &api.href()).ok()?;
    matches!(to.protocol().as_str(), "https:" | "http:").then(|| to.href())
}
/// Upload one document (multipart); the backend checks its type by content.
pub async fn upload(document_type: &str, file: &web_sys::Blob, name: &str) -> Result<UploadReceipt, ApiError> {
    let form = web_sys::FormData::new().map_err(|_| ApiError::Network)?;
    form.append_with_str("document_type", document_type).map_err(|_| ApiError::Network)?;
    form.append_with_blob_and_filename("file", file, name).map_err(|_| ApiError::Network)?;
    answer(send_form(Request::post(&url("/uploads")), form).await?).await
}

/// Upload one document with progress (fetch cannot report upload progress; XHR can).
/// `progress` gets 0–100 as bytes leave the device. Uploads get longer than other calls
/// (2 minutes) because a 500 KB photo on 2G takes a while.
pub async fn upload_with_progress(
    document_type: &str,
    blob: &web_sys::Blob,
    file_name: &str,
    progress: impl Fn(u32) + 'static,
) -> Result<UploadReceipt, ApiError> {
    use wasm_bindgen::closure::Closure;
    let form = web_sys::FormData::new().map_err(|_| ApiError::Network)?;
    form.append_with_str("document_type", document_type).map_err(|_| ApiError::Network)?;
    form.append_with_blob_and_filename("file", blob, file_name).map_err(|_| ApiError::Network)?;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("POST", &url("/uploads")).map_err(|_| ApiError::Network)?;
    xhr.set_timeout(120_000);
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            progress((e.loaded() * 100.0 / e.total()).min(100.0) as u32);
        }
    });
    if let Ok(up) = xhr.upload() {
        up.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = timed_out.clone();
    let on_timeout = Closure::<dyn FnMut()>::new(move || flag.set(true));
    xhr.set_ontimeout(Some(on_timeout.as_ref().unchecked_ref()));
    // `loadend` follows success, error, abort and timeout alike.
    let done = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    xhr.send_with_opt_form_data(Some(&form)).map_err(|_| ApiError::Network)?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop((on_progress, on_timeout));
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    match status {
        0 if timed_out.get() => Err(ApiError::Timeout),
        0 => Err(ApiError::Network),
        200..=299 => crate::json::from_str(&text).ok_or(ApiError::Network),
        s => {
            let retry_after = xhr.get_response_header("retry-after").ok().flatten().and_then(|v| v.trim().parse().ok());
            Err(classify(s, retry_after, crate::json::from_str(&text)))
        }
    }
}

/// A fresh random key for a submission (UUID v4 from the browser's CSPRNG).
pub fn new_idempotency_key() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("k-{}", js_sys::Date::now()))
}

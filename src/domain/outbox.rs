//! The outbox: complaints that could not be sent yet (offline, timeout, 5xx, 429/503), each with
//! its Idempotency-Key, delivered later exactly once. Pure data and the retry schedule; the
//! sender lives in `crate::offline`.
//!
//! Privacy: an item holds what a complaint draft holds (no Aadhaar — complaints never ask for
//! it) and never an OTP token; tokens stay in memory, so an item queued in an earlier visit asks
//! the person to confirm their mobile again before it goes.

use crate::domain::wire::ComplaintRequest;
use crate::domain::FieldError;
use serde::{Deserialize, Serialize};

pub const KEY: &str = "bijli.outbox";
/// Full-jitter exponential backoff: about 1 s base, 30 s cap (AWS Architecture Blog).
pub const BASE_MS: i64 = 1_000;
pub const CAP_MS: i64 = 30_000;
/// Sent items are kept this long so their confirmation can still be shown.
pub const KEEP_SENT_SECS: i64 = 86_400;

#[derive(Debug, Clone, PartialEq)]
pub enum ItemState {
    /// Will be tried at `next_at_ms`.
    Waiting,
    /// No OTP token in memory for this mobile (queued in an earlier visit, or it expired).
    NeedsVerification,
    /// The backend refused some answers (422): the form goes back to the person.
    NeedsCorrection { errors: Vec<FieldError> },
    Sent {
        number: String,
        expected_by: String,
        /// The backend answered with a complaint already open for the same problem.
        already_open: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored", into = "Stored")]
pub struct OutboxItem {
    /// The Idempotency-Key; also the item's id.
    pub key: String,
    /// Normalised mobile: which OTP token may send it.
    pub mobile: String,
    /// The `ComplaintRequest` as stored JSON. It is sent as it is, by code in the
    /// complaint part (`app/split.rs`): reading the queue at start-up then needs no parser for it.
    pub request: serde_json::Value,
    /// The form as typed, to reopen it for correction.
    pub draft: serde_json::Value,
    /// The draft's id: a photo chosen offline waits on the device under it (`storage::durable`),
    /// and a form reopened for correction gets it back, photo and all. Empty in items queued by
    /// builds before photos waited.
    pub draft_id: String,
    /// A photo chosen for it could not be sent ([`OutboxItem::photo_dropped`]): the complaint went
    /// without it, and the person is told so when its number is shown.
    pub photo_left: bool,
    pub created_at: i64,
    pub attempts: u32,
    pub next_at_ms: i64,
    pub state: ItemState,
}

/// How an item is kept: the state's name and its fields side by side in one flat object. Written
/// out by hand because `#[serde(flatten)]` of a tagged enum brings a buffering deserializer of
/// several KB into the first download just to read the queue at start-up.
#[derive(Serialize, Deserialize)]
struct Stored {
    key: String,
    mobile: String,
    request: serde_json::Value,
    draft: serde_json::Value,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    draft_id: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    photo_left: bool,
    created_at: i64,
    attempts: u32,
    next_at_ms: i64,
    state: StateName,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expected_by: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    already_open: bool,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum StateName {
    Waiting,
    NeedsVerification,
    NeedsCorrection,
    Sent,
}

impl From<Stored> for OutboxItem {
    fn from(s: Stored) -> Self {
        let state = match s.state {
            StateName::Waiting => ItemState::Waiting,
            StateName::NeedsVerification => ItemState::NeedsVerification,
            StateName::NeedsCorrection => ItemState::NeedsCorrection { errors: s.errors },
            StateName::Sent => ItemState::Sent {
                number: s.number.unwrap_or_default(),
                expected_by: s.expected_by.unwrap_or_default(),
                already_open: s.already_open,
            },
        };
        OutboxItem {
            key: s.key,
            mobile: s.mobile,
            request: s.request,
            draft: s.draft,
            draft_id: s.draft_id,
            photo_left: s.photo_left,
            created_at: s.created_at,
            attempts: s.attempts,
            next_at_ms: s.next_at_ms,
            state,
        }
    }
}

impl From<OutboxItem> for Stored {
    fn from(i: OutboxItem) -> Self {
        let (state, errors, number, expected_by, already_open) = match i.state {
            ItemState::Waiting => (StateName::Waiting, vec![], None, None, false),
            ItemState::NeedsVerification => (StateName::NeedsVerification, vec![], None, None, false),
            ItemState::NeedsCorrection { errors } => (StateName::NeedsCorrection, errors, None, None, false),
            ItemState::Sent { number, expected_by, already_open } => {
                (StateName::Sent, vec![], Some(number), Some(expected_by), already_open)
            }
        };
        Stored {
            key: i.key,
            mobile: i.mobile,
            request: i.request,
            draft: i.draft,
            draft_id: i.draft_id,
            photo_left: i.photo_left,
            created_at: i.created_at,
            attempts: i.attempts,
            next_at_ms: i.next_at_ms,
            state,
            errors,
            number,
            expected_by,
            already_open,
        }
    }
}

impl OutboxItem {
    pub fn new(key: String, mobile: String, request: &ComplaintRequest, draft: serde_json::Value, now: i64) -> Self {
        OutboxItem {
            key,
            mobile,
            request: serde_json::to_value(request).unwrap_or_default(),
            draft,
            draft_id: String::new(),
            photo_left: false,
            created_at: now,
            attempts: 0,
            next_at_ms: 0,
            state: ItemState::Waiting,
        }
    }

    /// The request to send, as stored; `None` if it is not even a JSON object (the form then
    /// goes back to the person rather than being sent). Its fields are not read back into a
    /// `ComplaintRequest`: the backend checks them and answers 422 with the fields named, which
    /// sends the form back too, and reading it here brought a second parser of the whole request
    /// (over `serde_json::Value`, ~6 KB brotli) into the complaint part only to write it out again.
    pub fn sendable_request(&self) -> Option<&serde_json::Value> {
        self.request.is_object().then_some(&self.request)
    }

    /// The document type of a photo chosen offline that must be uploaded before this complaint
    /// goes, read from the draft (by hand, as the request is: see above). None once the request
    /// names a photo, or when no draft id says where the file waits.
    pub fn waiting_photo(&self) -> Option<String> {
        let photo = self.draft.get("photo")?;
        let text = |f: &str| photo.get(f).and_then(|v| v.as_str()).unwrap_or_default().to_string();
        let waits = text("upload_id").is_empty() && self.request.get("photo").is_none_or(|p| p.is_null());
        Some(text("document_type")).filter(|d| waits && !self.draft_id.is_empty() && !d.is_empty())
    }

    /// The waiting photo is uploaded: the request names it, and so does the draft (a form reopened
    /// for correction then shows it uploaded, and it is never uploaded twice).
    pub fn photo_uploaded(&mut self, document_type: &str, upload_id: &str) {
        let named = serde_json::json!({ "document_type": document_type, "upload_id": upload_id });
        if let Some(r) = self.request.as_object_mut() {
            r.insert("photo".into(), named);
        }
        if let Some(p) = self.draft.get_mut("photo").and_then(|p| p.as_object_mut()) {
            p.insert("upload_id".into(), upload_id.into());
        }
    }

    /// The waiting photo cannot go (its file is gone from the device, or the backend refused it):
    /// the complaint goes without it, and the person is told when its number is shown.
    pub fn photo_dropped(&mut self) {
        if let Some(d) = self.draft.as_object_mut() {
            d.insert("photo".into(), serde_json::Value::Null);
            // Said again if the complaint comes back to its form for correction.
            d.insert("photo_left".into(), true.into());
        }
        self.photo_left = true;
    }

    /// One text field of the request (the name for a reopened draft's label, the category for
    /// the list of waiting complaints).
    pub fn request_text(&self, field: &str) -> String {
        self.request.get(field).and_then(|v| v.as_str()).unwrap_or_default().to_string()
    }
}

/// Milliseconds to wait before attempt `attempt + 1` (`random` in 0..1), never sooner than the
/// server's `Retry-After`.
pub fn backoff_ms(attempt: u32, retry_after_secs: Option<u32>, random: f64) -> i64 {
    let ceiling = BASE_MS.saturating_mul(1 << attempt.min(20)).min(CAP_MS);
    let jitter = (random.clamp(0.0, 1.0) * ceiling as f64) as i64;
    jitter.max(retry_after_secs.unwrap_or(0) as i64 * 1000)
}

/// Read the stored outbox; unreadable data is dropped rather than crashing start-up.
pub fn parse(json: &str) -> Vec<OutboxItem> {
    crate::json::from_str(json).unwrap_or_default()
}

/// Forget sent items older than a day (their numbers are in "My tickets").
pub fn prune(items: &mut Vec<OutboxItem>, now: i64) {
    items.retain(|i| !matches!(i.state, ItemState::Sent { .. }) || now - i.created_at < KEEP_SENT_SECS);
}

/// Items due for a send attempt at `now_ms`, oldest first.
pub fn due(items: &[OutboxItem], now_ms: i64) -> Vec<String> {
    let mut d: Vec<&OutboxItem> =
        items.iter().filter(|i| i.state == ItemState::Waiting && i.next_at_ms <= now_ms).collect();
    d.sort_by_key(|i| i.created_at);
    d.into_iter().map(|i| i.key.clone()).collect()
}

/// When the next waiting item becomes due, if any.
pub fn next_due_ms(items: &[OutboxItem]) -> Option<i64> {
    items.iter().filter(|i| i.state == ItemState::Waiting).map(|i| i.next_at_ms).min()
}

pub fn pending(items: &[OutboxItem]) -> usize {
    items.iter().filter(|i| !matches!(i.state, ItemState::Sent { .. })).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ErrorCode;

    fn item(key: &str, created_at: i64, state: ItemState) -> OutboxItem {
        let mut i = OutboxItem::new(
            key.into(),
            "9876543210".into(),
            &ComplaintRequest::default(),
            serde_json::json!({}),
            created_at,
        );
        i.next_at_ms = created_at * 1000;
        i.state = state;
        i
    }

    #[test]
    fn backoff_is_full_jitter_capped_and_honours_retry_after() {
        assert_eq!(backoff_ms(0, None, 0.999), 999);
        assert_eq!(backoff_ms(3, None, 0.5), 4_000);
        assert_eq!(backoff_ms(10, None, 1.0), CAP_MS);
        assert_eq!(backoff_ms(40, None, 1.0), CAP_MS, "no overflow");
        assert_eq!(backoff_ms(0, None, 0.0), 0);
        assert_eq!(backoff_ms(0, Some(7), 0.1), 7_000);
    }

    #[test]
    fn due_items_are_waiting_and_oldest_first() {
        let items = vec![
            item("b", 20, ItemState::Waiting),
            item("a", 10, ItemState::Waiting),
            item("v", 5, ItemState::NeedsVerification),
            item("s", 1, ItemState::Sent { number: "1".into(), expected_by: String::new(), already_open: false }),
            item("later", 30, ItemState::Waiting),
        ];
        assert_eq!(due(&items, 25_000), ["a", "b"]);
        assert_eq!(next_due_ms(&items), Some(10_000));
        assert_eq!(pending(&items), 4);
    }

    #[test]
    fn a_photo_chosen_offline_is_uploaded_once_before_its_complaint_goes_or_dropped() {
        let draft = |upload_id: &str| serde_json::json!({"description": "Pole", "photo": {"document_type": "complaint_photo", "upload_id": upload_id, "file_name": "pole.jpg", "bytes": 9}});
        let mut i = OutboxItem::new("k".into(), "9876543210".into(), &ComplaintRequest::default(), draft(""), 0);
        assert_eq!(i.waiting_photo(), None, "without the draft's id, nothing says where the file waits");
        i.draft_id = "d1".into();
        assert_eq!(i.waiting_photo().as_deref(), Some("complaint_photo"));
        // Kept and read back with its draft id (the photo survives a reload of the queue).
        let mut i = parse(&serde_json::to_string(&vec![i]).unwrap()).remove(0);
        assert_eq!(i.draft_id, "d1");
        i.photo_uploaded("complaint_photo", "f00d");
        assert_eq!(i.waiting_photo(), None, "uploaded once, never again");
        assert_eq!(i.request["photo"], serde_json::json!({"document_type": "complaint_photo", "upload_id": "f00d"}));
        assert_eq!(i.draft["photo"]["upload_id"], "f00d", "a form reopened for correction shows it uploaded");
        let sent: ComplaintRequest = serde_json::from_value(i.request.clone()).unwrap();
        assert_eq!(sent.photo.map(|p| p.upload_id), Some("f00d".into()));

        let mut gone = OutboxItem::new("g".into(), "9876543210".into(), &ComplaintRequest::default(), draft(""), 0);
        gone.draft_id = "d2".into();
        gone.photo_dropped();
        assert_eq!(gone.waiting_photo(), None);
        assert!(gone.request.get("photo").is_none_or(|p| p.is_null()), "the complaint goes without it");
        // Kept through a reload of the queue: a send that then fails on the network and goes
        // later still says the photo was left out.
        let gone = parse(&serde_json::to_string(&vec![gone]).unwrap()).remove(0);
        assert!(gone.photo_left, "the person is told it went without the photo");
        let reopened: crate::domain::complaint::ComplaintDraft = serde_json::from_value(gone.draft.clone()).unwrap();
        assert!(reopened.photo.is_none() && reopened.photo_left, "and told again on a form reopened for correction");
        assert_eq!(gone.waiting_photo(), None, "and it is not tried again");
        // An uploaded photo is named by the request already; nothing waits.
        let mut done = OutboxItem::new("u".into(), "9876543210".into(), &ComplaintRequest::default(), draft("f00d"), 0);
        done.draft_id = "d3".into();
        assert_eq!(done.waiting_photo(), None);
        // An item from before photos waited reads as it did.
        let earlier = r#"[{"key":"k","mobile":"9876543210","request":{},"draft":{},"created_at":1,"attempts":0,"next_at_ms":0,"state":"waiting"}]"#;
        assert_eq!(parse(earlier)[0].draft_id, "");
        assert!(!parse(earlier)[0].photo_left);
        assert!(!serde_json::to_string(&parse(earlier)).unwrap().contains("photo_left"), "written only when true");
    }

    #[test]
    fn stored_form_round_trips_and_old_sent_items_go() {
        let mut items = vec![
            item(
                "c",
                100,
                ItemState::NeedsCorrection { errors: vec![FieldError::new("mobile", ErrorCode::InvalidMobile)] },
            ),
            item("s", 100, ItemState::Sent { number: "1".into(), expected_by: String::new(), already_open: false }),
        ];
        let json = serde_json::to_string(&items).unwrap();
        assert!(!json.contains("token"));
        assert_eq!(parse(&json), items);
        assert_eq!(parse("{broken"), vec![]);
        // The layout earlier builds wrote (state and its fields beside the item's) still reads.
        let earlier = r#"[{"key":"k","mobile":"9876543210","request":{"name":"Asha"},"draft":{},"created_at":1,"attempts":2,"next_at_ms":3,"state":"sent","number":"C-1","expected_by":"2026-01-01"},
            {"key":"m","mobile":"9876543210","request":"garbled","draft":{},"created_at":1,"attempts":0,"next_at_ms":0,"state":"needs_correction","errors":[{"field":"mobile","code":"invalid_mobile"}]}]"#;
        let read = parse(earlier);
        assert_eq!(
            read[0].state,
            ItemState::Sent { number: "C-1".into(), expected_by: "2026-01-01".into(), already_open: false }
        );
        assert_eq!(read[0].request_text("name"), "Asha");
        assert_eq!(
            read[1].state,
            ItemState::NeedsCorrection { errors: vec![FieldError::new("mobile", ErrorCode::InvalidMobile)] }
        );
        assert_eq!(read[1].sendable_request(), None, "an unreadable request is sent back for correction, not sent");
        let queued = OutboxItem::new("x".into(), "1".into(), &ComplaintRequest::default(), serde_json::json!({}), 0);
        let sent: ComplaintRequest = serde_json::from_value(queued.sendable_request().unwrap().clone()).unwrap();
        assert_eq!(sent, ComplaintRequest::default(), "what is sent is the request as queued");
        prune(&mut items, 100 + KEEP_SENT_SECS + 1);
        assert_eq!(items.len(), 1);
    }
}

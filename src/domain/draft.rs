//! The on-device draft format: plain versioned JSON under one key prefix.
//!
//! ```json
//! {"v":2,"id":"…","kind":"complaint","rev":7,"created_at":1795862100,"updated_at":1795862160,
//!  "step":"contact","progress":60,"label":"Sita Devi","idempotency_key":null,"data":{…form fields…}}
//! ```
//! `rev` grows on every save so two tabs never overwrite newer input with older; `data` is the
//! form exactly as typed (never normalised away), minus anything private (see [`strip_private`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Every key the portal writes starts with this, so "Clear all data" can find them all.
pub const PREFIX: &str = "bijli.";
pub const DRAFT_PREFIX: &str = "bijli.draft.";
pub const QUARANTINE_PREFIX: &str = "bijli.quarantine.";
pub const VERSION: u32 = 2;
/// One draft may not exceed this when encoded (localStorage is ~5 MB per origin in all).
pub const MAX_BYTES: usize = 100 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    Complaint,
    Connection,
    Feedback,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub v: u32,
    pub id: String,
    pub kind: DraftKind,
    pub rev: u64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Where the person was, so resuming returns there.
    pub step: String,
    /// 0–100, for the drafts list.
    pub progress: u8,
    /// The applicant's name or masked mobile, for the drafts list.
    pub label: String,
    /// Set when the first submission is attempted and reused for every retry.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    pub data: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON that is not a draft.
    Corrupt,
    /// Written by a newer build than this one.
    UnknownVersion(u64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge(pub usize);

/// Where drafts live: the modes arrive with assisted filing, so the policy is a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// localStorage: survives the browser being killed.
    Local,
    /// sessionStorage: gone when the tab closes (kiosks).
    Session,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub persistence: Persistence,
    /// Drafts not touched for longer than this are removed at start-up.
    pub max_age_secs: i64,
    /// Remove drafts last changed before this instant (end-of-day rule for operators).
    pub not_before: Option<i64>,
}

impl Policy {
    pub const CONSUMER: Policy =
        Policy { persistence: Persistence::Local, max_age_secs: 30 * 86_400, not_before: None };

    /// Operators: drafts do not survive the day (India time) they were made in.
    pub fn operator(now: i64) -> Policy {
        let local = now + crate::domain::time::IST_OFFSET_SECS;
        let start_of_day = local - local.rem_euclid(86_400) - crate::domain::time::IST_OFFSET_SECS;
        Policy { persistence: Persistence::Local, max_age_secs: 86_400, not_before: Some(start_of_day) }
    }

    /// Kiosks: only for the visit, never on disk.
    pub const KIOSK: Policy = Policy { persistence: Persistence::Session, max_age_secs: 3600, not_before: None };

    /// Whether a draft last changed at `updated_at` is too old to keep at `now`.
    pub fn is_expired(&self, updated_at: i64, now: i64) -> bool {
        now - updated_at > self.max_age_secs || self.not_before.is_some_and(|t| updated_at < t)
    }
}

pub fn key(id: &str) -> String {
    format!("{DRAFT_PREFIX}{id}")
}

/// Parse a stored draft, migrating older versions.
pub fn parse(json: &str) -> Result<Envelope, LoadError> {
    let v: Value = crate::json::from_str(json).ok_or(LoadError::Corrupt)?;
    if let Some(1) = v.get("version").and_then(Value::as_u64) {
        return migrate_v1(&v).ok_or(LoadError::Corrupt);
    }
    match v.get("v").and_then(Value::as_u64) {
        Some(2) => from_object(v).ok_or(LoadError::Corrupt),
        Some(n) if n > VERSION as u64 => Err(LoadError::UnknownVersion(n)),
        _ => Err(LoadError::Corrupt),
    }
}

/// What lists, expiry and crash recovery need from a stored draft, read without its form
/// data. These run at start-up (the home page's "continue your complaint"), so they use no code
/// that reads arbitrary JSON into a `Value`; opening a draft reads it whole with [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: String,
    pub kind: DraftKind,
    pub rev: u64,
    pub updated_at: i64,
    pub step: String,
}

/// Every top-level field either version may have; `data`/`fields` are skipped unread.
#[derive(Deserialize)]
struct Head {
    v: Option<u64>,
    version: Option<u64>,
    id: Option<String>,
    kind: Option<DraftKind>,
    rev: Option<u64>,
    created_at: Option<i64>,
    updated_at: Option<i64>,
    saved_at: Option<i64>,
    step: Option<String>,
    progress: Option<u8>,
    label: Option<String>,
    data: Option<serde::de::IgnoredAny>,
}

/// A stored draft's [`Summary`]; an entry [`parse`] would refuse is refused here too.
pub fn summary(json: &str) -> Result<Summary, LoadError> {
    let h: Head = crate::json::from_str(json).ok_or(LoadError::Corrupt)?;
    if h.version == Some(1) {
        let saved = h.saved_at.ok_or(LoadError::Corrupt)? / 1000;
        return Ok(Summary {
            id: h.id.ok_or(LoadError::Corrupt)?,
            kind: h.kind.ok_or(LoadError::Corrupt)?,
            rev: 0,
            updated_at: saved,
            step: h.step.unwrap_or_default(),
        });
    }
    match h.v {
        Some(2) => match (h.id, h.kind, h.rev, h.created_at, h.updated_at, h.step, h.progress, h.label, h.data) {
            (Some(id), Some(kind), Some(rev), Some(_), Some(updated_at), Some(step), Some(_), Some(_), Some(_)) => {
                Ok(Summary { id, kind, rev, updated_at, step })
            }
            _ => Err(LoadError::Corrupt),
        },
        Some(n) if n > VERSION as u64 => Err(LoadError::UnknownVersion(n)),
        _ => Err(LoadError::Corrupt),
    }
}

/// Version 1 (the first prototype) stored `{version, kind, id, saved_at (ms), step, fields}`.
fn migrate_v1(v: &Value) -> Option<Envelope> {
    let saved = v.get("saved_at")?.as_i64()? / 1000;
    Some(Envelope {
        v: VERSION,
        id: v.get("id")?.as_str()?.to_string(),
        kind: serde_json::from_value(v.get("kind")?.clone()).ok()?,
        rev: 0,
        created_at: saved,
        updated_at: saved,
        step: v.get("step").and_then(Value::as_str).unwrap_or("").to_string(),
        progress: 0,
        label: String::new(),
        idempotency_key: None,
        data: v.get("fields").cloned().unwrap_or(Value::Object(Default::default())),
    })
}

/// Encode for storage: private data stripped, size capped.
pub fn encode(env: &Envelope) -> Result<String, TooLarge> {
    let mut env = env.clone();
    strip_private(&mut env.data);
    env.label = crate::domain::aadhaar::contains_aadhaar(&env.label).then(String::new).unwrap_or(env.label);
    let json = crate::json::to_string(&env).unwrap_or_default();
    if json.len() > MAX_BYTES {
        Err(TooLarge(json.len()))
    } else {
        Ok(json)
    }
}

/// A draft's form data (`Envelope::data`) read as the form `T`; `None` if it is not an object
/// (a new draft's `null`) or does not read as `T`.
pub fn form_data<T: serde::de::DeserializeOwned>(data: &Value) -> Option<T> {
    from_object(data.clone())
}

/// `v` read as `T` if it is a JSON object. Read through the object itself, whose reader only ever
/// visits a map: `serde_json::from_value` also accepts a struct written as an array, and that
/// second way of reading each form and the envelope was compiled into the wasm for nothing.
fn from_object<T: serde::de::DeserializeOwned>(v: Value) -> Option<T> {
    match v {
        Value::Object(map) => T::deserialize(map).ok(),
        _ => None,
    }
}

/// Keys whose values must never be written to the device, whatever form they come from.
const PRIVATE_KEYS: [&str; 5] = ["aadhaar", "otp", "otp_code", "code", "token"];

/// Remove OTP codes, tokens and Aadhaar numbers from a draft before it is written. An Aadhaar
/// number typed into any free-text field is replaced by its masked form.
pub fn strip_private(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|k, _| !PRIVATE_KEYS.contains(&k.as_str()));
            map.values_mut().for_each(strip_private);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_private),
        Value::String(s) if crate::domain::aadhaar::contains_aadhaar(s) => *s = mask_aadhaar_in(s),
        _ => {}
    }
}

/// Replace every 12-digit Aadhaar-valid run (with the usual separators) by `XXXX XXXX 1234`.
fn mask_aadhaar_in(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        // Try the longest digit-and-separator run starting here that normalises to an Aadhaar.
        let mut matched = None;
        if chars[i].is_ascii_digit() || ('\u{0966}'..='\u{096F}').contains(&chars[i]) {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_ascii_digit()
                    || ('\u{0966}'..='\u{096F}').contains(&chars[j])
                    || matches!(chars[j], ' ' | '-'))
            {
                j += 1;
                // A match must end on a digit, so the separator after the number is kept.
                if !(chars[j - 1].is_ascii_digit() || ('\u{0966}'..='\u{096F}').contains(&chars[j - 1])) {
                    continue;
                }
                let run: String = chars[i..j].iter().collect();
                if let Some(a) = crate::domain::aadhaar::parse(&run) {
                    matched = Some((j, a));
                }
            }
        }
        match matched {
            Some((j, a)) => {
                out.push_str(&crate::domain::aadhaar::mask(&a));
                i = j;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// Add to `ids` the documents a stored value (a draft, a queued application) names by
/// `upload_id` and `ids` does not hold yet, so they can be deleted on the server when it is
/// thrown away. Read as text, not parsed: it must work on whatever is stored (any version, the
/// outbox's requests too), and costs the first download no parser. Ids are the server's random
/// tokens; anything else is not an id.
pub fn upload_ids(stored: &str, ids: &mut Vec<String>) {
    const FIELD: &str = "\"upload_id\":\"";
    for (at, _) in stored.match_indices(FIELD) {
        let rest = &stored[at + FIELD.len()..];
        let Some(end) = rest.find('"') else { continue };
        let id = &rest[..end];
        if crate::domain::validate::is_upload_id(id) && !ids.iter().any(|x| x == id) {
            ids.push(id.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn aadhaar() -> String {
        let base = "52345678901";
        format!("{base}{}", crate::domain::aadhaar::verhoeff_check_digit(base))
    }

    fn env() -> Envelope {
        Envelope {
            v: VERSION,
            id: "d1".into(),
            kind: DraftKind::Complaint,
            rev: 3,
            created_at: 1_000,
            updated_at: 2_000,
            step: "details".into(),
            progress: 40,
            label: "Sita".into(),
            idempotency_key: Some("k".into()),
            data: json!({"name": "Sita", "description": "line 1\nline 2"}),
        }
    }

    #[test]
    fn round_trip() {
        let e = env();
        assert_eq!(parse(&encode(&e).unwrap()).unwrap(), e);
    }

    #[test]
    fn migrates_version_1() {
        let old = json!({"version": 1, "kind": "complaint", "id": "old", "saved_at": 5_000_000, "step": "problem", "fields": {"name": "Ram"}});
        let e = parse(&old.to_string()).unwrap();
        assert_eq!((e.v, e.id.as_str(), e.updated_at, e.step.as_str()), (VERSION, "old", 5_000, "problem"));
        assert_eq!(e.data["name"], "Ram");
    }

    #[test]
    fn corrupt_and_future_entries_are_reported_not_guessed() {
        assert_eq!(parse("{not json"), Err(LoadError::Corrupt));
        assert_eq!(parse(r#"{"hello":1}"#), Err(LoadError::Corrupt));
        assert_eq!(parse(r#"{"v":2,"id":5}"#), Err(LoadError::Corrupt));
        assert_eq!(parse(r#"{"v":9,"id":"x"}"#), Err(LoadError::UnknownVersion(9)));
    }

    #[test]
    fn summary_agrees_with_the_whole_draft() {
        let whole = encode(&env()).unwrap();
        let v1 = json!({"version": 1, "kind": "complaint", "id": "old", "saved_at": 5_000_000, "step": "problem", "fields": {"name": "Ram"}}).to_string();
        let no_label = whole.replace(r#""label":"Sita","#, "");
        let samples = [
            whole.as_str(),
            v1.as_str(),
            no_label.as_str(),
            "{not json",
            r#"{"hello":1}"#,
            r#"{"v":2,"id":5}"#,
            r#"{"v":9,"id":"x"}"#,
            r#"{"v":2,"id":"x","kind":"parcel"}"#,
        ];
        for json in samples {
            match (parse(json), summary(json)) {
                (Ok(e), Ok(s)) => assert_eq!(
                    s,
                    Summary { id: e.id, kind: e.kind, rev: e.rev, updated_at: e.updated_at, step: e.step },
                    "{json}"
                ),
                (Err(a), Err(b)) => assert_eq!(a, b, "{json}"),
                (a, b) => panic!("{json}: whole {a:?}, summary {b:?}"),
            }
        }
    }

    #[test]
    fn expiry_by_policy() {
        let now = 40 * 86_400;
        assert!(Policy::CONSUMER.is_expired(now - 31 * 86_400, now));
        assert!(!Policy::CONSUMER.is_expired(now - 29 * 86_400, now));
        // Operator: yesterday's draft goes even if only a few hours old.
        let now = crate::domain::time::parse_rfc3339("2026-11-28T03:00:00Z").unwrap(); // 08:30 IST
        let late_yesterday = crate::domain::time::parse_rfc3339("2026-11-27T17:00:00Z").unwrap(); // 22:30 IST the day before
        assert!(Policy::operator(now).is_expired(late_yesterday, now));
        assert!(!Policy::operator(now).is_expired(now - 600, now));
    }

    #[test]
    fn aadhaar_typed_anywhere_is_never_written() {
        let a = aadhaar();
        let spaced = format!("{} {} {}", &a[0..4], &a[4..8], &a[8..12]);
        let mut e = env();
        e.label = a.clone();
        e.data = json!({
            "aadhaar": a, "otp": "123456", "token": "secret",
            "description": format!("my aadhaar {spaced} please"),
            "nested": [{"note": crate::domain::normalize::to_devanagari_digits(&a)}],
            "mobile": "9876543210"
        });
        let out = encode(&e).unwrap();
        assert!(
            !out.contains(&a) && !out.contains(&spaced) && !out.contains("123456") && !out.contains("secret"),
            "{out}"
        );
        assert!(!out.contains(&crate::domain::normalize::to_devanagari_digits(&a)));
        assert!(out.contains(&format!("my aadhaar XXXX XXXX {} please", &a[8..])));
        assert!(out.contains("9876543210"), "ordinary numbers are kept");
    }

    #[test]
    fn size_is_capped() {
        let mut e = env();
        e.data = json!({"description": "x".repeat(MAX_BYTES)});
        assert!(encode(&e).is_err());
    }

    #[test]
    fn upload_ids_are_found_in_any_stored_value_once_each_and_only_plausible_ones() {
        let found = |values: &[&str]| {
            let mut ids = vec![];
            for v in values {
                upload_ids(v, &mut ids);
            }
            ids
        };
        let draft = r#"{"v":2,"id":"d1","data":{"documents":[{"document_type":"photo","upload_id":"a1b2c3","file_name":"me.jpg"},
            {"document_type":"id_proof","upload_id":"","file_name":"waiting.pdf"},{"document_type":"x","upload_id":"a1b2c3"}]}}"#;
        assert_eq!(found(&[draft]), vec!["a1b2c3".to_string()]);
        let queued = r#"[{"key":"k","request":{"documents":[{"document_type":"photo","upload_id":"f00d"}],"upload_ids":["not-this-way"]}}]"#;
        assert_eq!(found(&[draft, queued, draft]), vec!["a1b2c3".to_string(), "f00d".to_string()]);
        assert!(found(&[r#"{"upload_id":"<script>"}"#, r#"{"upload_id":"unterminated"#, "{}"]).is_empty());
    }

    #[test]
    fn form_data_reads_an_object_and_nothing_else() {
        #[derive(Deserialize, Default, Debug, PartialEq)]
        struct Form {
            name: String,
            #[serde(default)]
            mobile: Option<String>,
        }
        assert_eq!(form_data::<Form>(&json!({"name": "Sita"})), Some(Form { name: "Sita".into(), mobile: None }));
        assert_eq!(form_data::<Form>(&json!({"name": "Sita", "unknown": 1})).map(|f| f.name), Some("Sita".into()));
        assert_eq!(form_data::<Form>(&Value::Null), None, "a new draft has no form yet");
        assert_eq!(form_data::<Form>(&json!(["Sita", null])), None, "a form is never stored as an array");
        assert_eq!(form_data::<Form>(&json!({"name": 5})), None);
    }
}

//! Everything the portal keeps on the device. All keys start with `bijli.` so "Clear all data"
//! removes exactly ours. Storage can be full or disabled: every write reports that instead of
//! throwing, and the in-memory form keeps working.

pub mod drafts;
pub mod durable;
pub mod prefs;
pub mod tickets;

use crate::domain::draft::{Persistence, PREFIX};
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// `QuotaExceededError`: the browser's storage for this site is full.
    Full,
    /// Storage is disabled (private mode, policy) or not there at all.
    Unavailable,
    /// One draft is bigger than the cap.
    TooLarge,
}

fn area(p: Persistence) -> Option<web_sys::Storage> {
    let w = web_sys::window()?;
    match p {
        Persistence::Local => w.local_storage().ok().flatten(),
        Persistence::Session => w.session_storage().ok().flatten(),
    }
}

pub fn get(p: Persistence, key: &str) -> Option<String> {
    area(p)?.get_item(key).ok().flatten()
}

/// Set once a kiosk wipes the device: the page is about to go, and nothing (a last autosave on
/// `pagehide`, say) may write the person's data back.
static FROZEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn freeze() {
    FROZEN.store(true, std::sync::atomic::Ordering::SeqCst);
}

pub fn set(p: Persistence, key: &str, value: &str) -> Result<(), StoreError> {
    if FROZEN.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(StoreError::Unavailable);
    }
    let s = area(p).ok_or(StoreError::Unavailable)?;
    s.set_item(key, value).map_err(|e| {
        let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name()).unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StoreError::Full
        } else {
            StoreError::Unavailable
        }
    })
}

pub fn remove(p: Persistence, key: &str) {
    if let Some(s) = area(p) {
        let _ = s.remove_item(key);
    }
}

pub fn keys(p: Persistence, prefix: &str) -> Vec<String> {
    let Some(s) = area(p) else { return vec![] };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Remove every key of ours from local and session storage (drafts, tickets, preferences).
pub fn clear_all() {
    for p in [Persistence::Local, Persistence::Session] {
        for k in keys(p, PREFIX) {
            remove(p, &k);
        }
    }
    durable::clear();
}

pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

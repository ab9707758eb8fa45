//! A crash-safe mirror of drafts (and of the language choice) in IndexedDB.
//!
//! Chromium writes localStorage to disk lazily (seconds later), so a browser killed right after
//! an autosave could lose it. IndexedDB transactions with `durability: "strict"` are on disk
//! when they complete. Drafts are therefore written to both; localStorage stays the synchronous
//! source the UI reads, and at start-up any draft IndexedDB holds at a newer revision is put
//! back. The same already-stripped JSON is written (no Aadhaar, OTP or token ever reaches disk).
//! It also keeps documents chosen offline until they can be uploaded.

use crate::domain::draft::{self, Persistence, DRAFT_PREFIX};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const DB = 'bijli', STORE = 'kv';
function open() {
  return new Promise((ok, no) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE);
    r.onsuccess = () => ok(r.result);
    r.onerror = () => no(r.error);
  });
}
async function write(fn) {
  try {
    const db = await open();
    await new Promise((ok, no) => {
      const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      fn(tx.objectStore(STORE));
      tx.oncomplete = ok; tx.onerror = () => no(tx.error); tx.onabort = () => no(tx.error);
    });
    db.close();
  } catch (e) { /* no IndexedDB (private mode, policy): localStorage alone still works */ }
}
export function idb_put(key, value) { return write((s) => s.put(value, key)); }
export function idb_delete(key) { return write((s) => s.delete(key)); }
export function idb_clear() { return write((s) => s.clear()); }
export function idb_put_file(key, blob, name) { return write((s) => s.put({ blob, name }, key)); }
export function idb_delete_prefix(prefix) {
  return write((s) => s.delete(IDBKeyRange.bound(prefix, prefix + '\uffff')));
}
export async function idb_get_file(key) {
  try {
    const db = await open();
    const v = await new Promise((ok, no) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      req.onsuccess = () => ok(req.result); req.onerror = () => no(req.error);
    });
    db.close();
    return v && v.blob ? [v.blob, v.name] : null;
  } catch (e) { return null; }
}
export async function idb_entries() {
  try {
    const db = await open();
    const out = await new Promise((ok, no) => {
      const acc = [];
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).openCursor();
      req.onsuccess = () => { const c = req.result; if (c) { acc.push([String(c.key), String(c.value)]); c.continue(); } else ok(acc); };
      req.onerror = () => no(req.error);
    });
    db.close();
    return out;
  } catch (e) { return []; }
}
"#)]
extern "C" {
    fn idb_put(key: &str, value: &str) -> js_sys::Promise;
    fn idb_delete(key: &str) -> js_sys::Promise;
    fn idb_clear() -> js_sys::Promise;
    fn idb_entries() -> js_sys::Promise;
    fn idb_put_file(key: &str, blob: &web_sys::Blob, name: &str) -> js_sys::Promise;
    fn idb_get_file(key: &str) -> js_sys::Promise;
    fn idb_delete_prefix(prefix: &str) -> js_sys::Promise;
}

/// Documents chosen while the network was down wait here (not in localStorage: they are
/// binary and large) until they can be uploaded; removed once uploaded, with their draft, or by
/// "Clear all data". Never used on kiosks (nothing of theirs goes to disk).
pub const FILE_PREFIX: &str = "bijli.file.";

pub fn file_key(draft_id: &str, document_type: &str) -> String {
    format!("{FILE_PREFIX}{draft_id}.{document_type}")
}

pub async fn put_file(key: &str, blob: &web_sys::Blob, name: &str) {
    let _ = wasm_bindgen_futures::JsFuture::from(idb_put_file(key, blob, name)).await;
}

pub async fn get_file(key: &str) -> Option<(web_sys::Blob, String)> {
    let v = wasm_bindgen_futures::JsFuture::from(idb_get_file(key)).await.ok()?;
    let pair: js_sys::Array = v.dyn_into().ok()?;
    Some((pair.get(0).dyn_into().ok()?, pair.get(1).as_string()?))
}

pub fn delete_files_of(draft_id: &str) {
    let _ = idb_delete_prefix(&format!("{FILE_PREFIX}{draft_id}."));
}

/// Mirror one draft write (fire and forget: the UI never waits for the disk).
pub fn put(key: &str, json: &str) {
    let _ = idb_put(key, json);
}

pub fn delete(key: &str) {
    let _ = idb_delete(key);
}

pub fn clear() {
    let _ = idb_clear();
}

thread_local! {
    /// The start-up restore, as a promise any number of waiters can await.
    static RESTORING: std::cell::RefCell<Option<js_sys::Promise>> = const { std::cell::RefCell::new(None) };
    /// The language choice the restore put back, for the shell to switch to.
    static LANGUAGE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The language choice put back by the restore (after [`restored`]), once.
pub fn restored_language() -> Option<String> {
    LANGUAGE.with(|l| l.borrow_mut().take())
}

/// Start putting back drafts that only reached IndexedDB before a crash (once, at start-up).
pub fn begin_restore() {
    let p = wasm_bindgen_futures::future_to_promise(async { Ok(JsValue::from_bool(restore().await)) });
    RESTORING.with(|r| *r.borrow_mut() = Some(p));
}

/// Wait for that restore; true if it put a draft back.
pub async fn restored() -> bool {
    let Some(p) = RESTORING.with(|r| r.borrow().clone()) else { return false };
    wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Put back drafts that only reached IndexedDB before a crash; true if there was one.
async fn restore() -> bool {
    let mut put_back = false;
    let Ok(entries) = wasm_bindgen_futures::JsFuture::from(idb_entries()).await else { return false };
    let entries: js_sys::Array = entries.unchecked_into();
    for pair in entries.iter() {
        let pair: js_sys::Array = pair.unchecked_into();
        let (Some(key), Some(json)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
        // Both stores are written on each switch, IndexedDB durably at once and localStorage
        // seconds later: when they differ, the crash lost localStorage's copy.
        if key == super::prefs::LANG {
            if !super::prefs::chosen_this_visit()
                && super::get(Persistence::Local, &key).as_deref() != Some(json.as_str())
                && super::set(Persistence::Local, &key, &json).is_ok()
            {
                LANGUAGE.with(|l| *l.borrow_mut() = Some(json));
            }
            continue;
        }
        if !key.starts_with(DRAFT_PREFIX) {
            continue;
        }
        let Ok(saved) = draft::summary(&json) else { continue };
        let local_rev = super::get(Persistence::Local, &key).and_then(|j| draft::summary(&j).ok()).map(|e| e.rev);
        if local_rev.is_none_or(|r| r < saved.rev) {
            put_back |= super::set(Persistence::Local, &key, &json).is_ok();
        }
    }
    put_back
}

//! Drafts that never lose what someone typed: a reusable hook every form uses by construction.
//!
//! - autosave ~1 s after the last change, and at once when the tab is hidden or the page left;
//! - resume (returns to the saved step), several drafts side by side, newest first;
//! - across tabs a revision counter plus the `storage` event: the older tab adopts newer input
//!   instead of overwriting it; within a tab a change is never given up for a copy this tab
//!   wrote itself (two forms open on one draft, when a page is built again over the old one);
//! - storage full/disabled, oversize, corrupt or unknown-version entries never crash the form:
//!   the state says why, corrupt entries are moved aside under `bijli.quarantine.`;
//! - the storage area and maximum age come from a [`Policy`] (kiosks keep drafts per session).

use super::StoreError;
use crate::domain::draft::{
    self, DraftKind, Envelope, LoadError, Policy, Summary, DRAFT_PREFIX, QUARANTINE_PREFIX, VERSION,
};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;

/// The draft policy in force on this device, provided by the shell.
#[derive(Clone, Copy)]
pub struct DraftPolicy(pub Policy);

/// Bumped by the shell when drafts changed after the first render (crash-safe copies put back
/// at start-up), so a list shown already reads them again.
#[derive(Clone, Copy)]
pub struct DraftsChanged(pub RwSignal<u32>);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DraftStore {
    pub policy: Policy,
}

impl DraftStore {
    pub fn current() -> Self {
        DraftStore { policy: use_context::<DraftPolicy>().map(|p| p.0).unwrap_or(Policy::CONSUMER) }
    }

    fn area(&self) -> draft::Persistence {
        self.policy.persistence
    }

    /// Every readable draft (optionally of one kind), newest first. Unreadable entries are
    /// moved aside so they stop getting in the way, but are not silently deleted.
    pub fn list(&self, kind: Option<DraftKind>) -> Vec<Envelope> {
        let mut out: Vec<Envelope> =
            self.read_all(draft::parse).into_iter().filter(|e| kind.is_none_or(|k| e.kind == k)).collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.updated_at));
        out
    }

    /// Like [`DraftStore::list`], without the form data (see [`draft::summary`]).
    pub fn summaries(&self, kind: Option<DraftKind>) -> Vec<Summary> {
        let mut out: Vec<Summary> =
            self.read_all(draft::summary).into_iter().filter(|e| kind.is_none_or(|k| e.kind == k)).collect();
        out.sort_by_key(|e| std::cmp::Reverse(e.updated_at));
        out
    }

    pub fn load(&self, id: &str) -> Option<Envelope> {
        self.read_key(&draft::key(id), draft::parse)
    }

    fn read_all<T>(&self, read: fn(&str) -> Result<T, LoadError>) -> Vec<T> {
        super::keys(self.area(), DRAFT_PREFIX).into_iter().filter_map(|k| self.read_key(&k, read)).collect()
    }

    fn read_key<T>(&self, key: &str, read: fn(&str) -> Result<T, LoadError>) -> Option<T> {
        let json = super::get(self.area(), key)?;
        match read(&json) {
            Ok(e) => Some(e),
            Err(LoadError::Corrupt) | Err(LoadError::UnknownVersion(_)) => {
                let aside = format!("{QUARANTINE_PREFIX}{}", &key[DRAFT_PREFIX.len().min(key.len())..]);
                let _ = super::set(self.area(), &aside, &json);
                super::remove(self.area(), key);
                None
            }
        }
    }

    fn write(&self, env: &Envelope) -> Result<(), StoreError> {
        let json = draft::encode(env).map_err(|_| StoreError::TooLarge)?;
        let key = draft::key(&env.id);
        // Kiosks keep drafts for the visit only: never on disk.
        if self.area() == draft::Persistence::Local {
            super::durable::put(&key, &json);
        }
        super::set(self.area(), &key, &json)
    }

    /// Put a whole draft back (a queued complaint returned for correction).
    pub fn restore(&self, env: &Envelope) -> Result<(), StoreError> {
        self.write(env)
    }

    /// Throw a draft away, with the documents uploaded for it: nothing will ever send them, and
    /// they are identity papers (a submitted draft is [`remove`](Self::remove)d instead).
    pub fn discard(&self, id: &str) {
        release_documents_in(&[super::get(self.area(), &draft::key(id)).unwrap_or_default()]);
        self.remove(id);
    }

    pub fn remove(&self, id: &str) {
        self.remove_keeping_files(id);
        super::durable::delete_files_of(id);
    }

    /// Forget a draft whose files chosen offline still wait on the device for whatever sends it
    /// now (a complaint's photo, for the outbox).
    pub fn remove_keeping_files(&self, id: &str) {
        super::remove(self.area(), &draft::key(id));
        super::durable::delete(&draft::key(id));
    }

    /// Start-up housekeeping: drop drafts the policy says are too old.
    pub fn expire(&self, now: i64) {
        for e in self.summaries(None) {
            if self.policy.is_expired(e.updated_at, now) {
                self.discard(&e.id);
            }
        }
    }
}

/// Delete on the server the documents these stored drafts name: nothing will ever send them, and
/// they are identity papers.
pub fn release_documents_in(stored: &[String]) {
    let mut ids = Vec::new();
    for s in stored {
        draft::upload_ids(s, &mut ids);
    }
    crate::api::release_uploads(&ids);
}

thread_local! {
    /// The last revision of each draft written from this tab: a stored copy at or below it is
    /// this tab's own, not another tab's newer input.
    static WRITTEN_HERE: std::cell::RefCell<Vec<(String, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn written_here(id: &str) -> u64 {
    WRITTEN_HERE.with_borrow(|w| w.iter().find(|(i, _)| i == id).map_or(0, |(_, rev)| *rev))
}

fn wrote_here(id: &str, rev: u64) {
    WRITTEN_HERE.with_borrow_mut(|w| match w.iter_mut().find(|(i, _)| i == id) {
        Some(entry) => entry.1 = rev,
        None => w.push((id.to_string(), rev)),
    });
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SaveState {
    Idle,
    Saved,
    /// Another tab saved newer input; this tab now shows it.
    UpdatedElsewhere,
    Failed(StoreError),
}

/// A form's draft: its data and step as signals, saved automatically.
pub struct Draft<T: Send + Sync + 'static> {
    pub data: RwSignal<T>,
    pub step: RwSignal<String>,
    pub state: RwSignal<SaveState>,
    env: StoredValue<Envelope>,
    /// Set once the draft is removed, so a late autosave cannot bring it back.
    closed: StoredValue<bool>,
    /// The data as the form set it up (e.g. the language for updates), before anyone typed:
    /// a new draft still equal to it is not worth keeping.
    pristine: StoredValue<Option<T>>,
    store: DraftStore,
    label: fn(&T) -> String,
    progress: fn(&str) -> u8,
}

impl<T: Send + Sync + 'static> Clone for Draft<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Draft<T> {}

impl<T> Draft<T>
where
    T: Serialize + DeserializeOwned + Clone + Default + PartialEq + Send + Sync + 'static,
{
    /// Open the draft `id` if it exists (else start an empty one with that id, or a new id; a new
    /// id too when `id` is a draft of another kind).
    pub fn open(kind: DraftKind, id: Option<String>, label: fn(&T) -> String, progress: fn(&str) -> u8) -> Self {
        let store = DraftStore::current();
        let now = super::now();
        let stored = id.as_deref().and_then(|i| store.load(i));
        // An id that names a draft of another kind (a complaint's under the application form, by
        // a hand-made or mistyped address) must not be taken for this one: saving under it would
        // overwrite that draft. This form starts a new draft of its own instead.
        let id = id.filter(|_| stored.as_ref().is_none_or(|e| e.kind == kind));
        let existing = stored.filter(|e| e.kind == kind);
        let env = existing.unwrap_or_else(|| Envelope {
            v: VERSION,
            id: id.unwrap_or_else(crate::api::new_idempotency_key),
            kind,
            rev: 0,
            created_at: now,
            updated_at: now,
            step: String::new(),
            progress: 0,
            label: String::new(),
            idempotency_key: None,
            data: serde_json::Value::Null,
        });
        let data: T = draft::form_data(&env.data).unwrap_or_default();
        let d = Draft {
            data: RwSignal::new(data),
            step: RwSignal::new(env.step.clone()),
            state: RwSignal::new(SaveState::Idle),
            env: StoredValue::new(env),
            closed: StoredValue::new(false),
            pristine: StoredValue::new(None),
            store,
            label,
            progress,
        };
        d.autosave();
        d
    }

    pub fn id(&self) -> String {
        self.env.with_value(|e| e.id.clone())
    }

    pub fn updated_at(&self) -> i64 {
        self.env.with_value(|e| e.updated_at)
    }

    fn autosave(self) {
        let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
        Effect::new(move |first: Option<()>| {
            self.data.track();
            self.step.track();
            if first.is_none() {
                // Runs after the form's set-up, before anyone can type.
                self.pristine.set_value(Some(self.data.get_untracked()));
            } else {
                if let Some(h) = pending.get_value() {
                    h.clear();
                }
                pending.set_value(set_timeout_with_handle(move || self.save_now(), Duration::from_millis(800)).ok());
            }
        });
        // Leaving or hiding the page saves at once: the browser may be killed right after.
        let flush = move || {
            if let Some(h) = pending.get_value() {
                h.clear();
                pending.set_value(None);
                self.save_now();
            }
        };
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
        // On the window, where the document's `visibilitychange` bubbles to: the same listener
        // as `on_hide`'s, so the first download carries one kind of listener, not two.
        let on_visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        });
        let key = draft::key(&self.id());
        let on_storage = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
            if ev.key().as_deref() == Some(key.as_str()) {
                self.adopt_if_newer();
            }
        });
        on_cleanup(move || {
            flush();
            on_hide.remove();
            on_storage.remove();
            on_visibility.remove();
        });
    }

    /// Take the stored copy if it is newer than ours and taking it loses nothing typed here:
    /// always when another tab wrote it (its input is the newer). When this tab wrote it, another
    /// form was open on the same draft (a page built again over the old one, whose last autosave
    /// came after): taken only if nothing changed here since our last save, since otherwise the
    /// change just made (a document's upload id, say) would be dropped for an older copy.
    fn adopt_if_newer(&self) -> bool {
        let Some(stored) = self.store.load(&self.id()) else { return false };
        if stored.rev <= self.env.with_value(|e| e.rev) {
            return false;
        }
        if stored.rev <= written_here(&stored.id) && self.changed_since_saved() {
            return false;
        }
        if let Some(data) = draft::form_data::<T>(&stored.data) {
            self.env.set_value(stored.clone());
            self.data.set(data);
            self.step.set(stored.step);
            self.state.set(SaveState::UpdatedElsewhere);
        }
        true
    }

    /// Whether the form differs from the copy this draft last saved or took.
    fn changed_since_saved(&self) -> bool {
        self.env.with_value(|e| {
            self.step.with_untracked(|s| *s != e.step)
                || self.data.with_untracked(|d| serde_json::to_value(d).ok().as_ref() != Some(&e.data))
        })
    }

    /// Write now (never a new form nobody has typed into).
    pub fn save_now(&self) {
        if self.closed.get_value() || self.adopt_if_newer() {
            return;
        }
        let data = self.data.get_untracked();
        let untouched = data == T::default() || self.pristine.with_value(|p| p.as_ref() == Some(&data));
        if untouched && self.env.with_value(|e| e.rev == 0) {
            return;
        }
        let mut env = self.env.get_value();
        // Above any copy this tab wrote (see `adopt_if_newer`), so other tabs take ours as newest.
        env.rev = env.rev.max(written_here(&env.id)) + 1;
        env.updated_at = super::now();
        env.step = self.step.get_untracked();
        env.progress = (self.progress)(&env.step);
        env.label = (self.label)(&data);
        env.data = serde_json::to_value(&data).unwrap_or_default();
        match self.store.write(&env) {
            Ok(()) => {
                wrote_here(&env.id, env.rev);
                self.env.set_value(env);
                self.state.set(SaveState::Saved);
            }
            Err(e) => self.state.set(SaveState::Failed(e)),
        }
    }

    /// The submission's Idempotency-Key: created once, saved with the draft before the first
    /// attempt, and reused for every retry so a retry can never file twice.
    pub fn idempotency_key(&self) -> String {
        if let Some(k) = self.env.with_value(|e| e.idempotency_key.clone()) {
            return k;
        }
        let k = crate::api::new_idempotency_key();
        self.env.update_value(|e| e.idempotency_key = Some(k.clone()));
        self.save_now();
        k
    }

    /// Throw the draft away ("Discard"), with its uploaded documents.
    pub fn discard(&self) {
        // The draft in memory: a document attached a moment ago may not be saved yet.
        release_documents_in(&[self.env.with_value(|e| crate::json::to_string(e).unwrap_or_default())]);
        self.remove();
    }

    /// Forget the draft (after the backend confirmed the ticket number).
    pub fn remove(&self) {
        self.close();
        self.store.remove(&self.id());
    }

    /// Forget the draft, handed to the outbox, which sends the files it keeps on the device.
    pub fn hand_over(&self) {
        self.close();
        self.store.remove_keeping_files(&self.id());
    }

    fn close(&self) {
        self.closed.set_value(true);
        self.env.update_value(|e| {
            e.rev = 0;
            e.idempotency_key = None;
        });
    }
}

//! Assisted filing: which mode this device is in (consumer, cyber-café operator, division-office
//! kiosk), decided once at start-up, and the kiosk's idle wipe.
//!
//! - Kiosk: set by the deployment (`<meta name="bijli-mode" content="kiosk idle=120 id=… district=…">`),
//!   or for demos and tests by `?kiosk=1&idle=<s>&kiosk_id=…&kiosk_district=…` (`domain::assist::Kiosk`);
//!   drafts live in `sessionStorage` only.
//! - Operator: switched on in `/settings`; the operator's name, shop and mobile stay on the device;
//!   drafts expire at the end of the day.

use crate::domain::assist::{Kiosk, Mode, OperatorProfile, KIOSK_KEY, OPERATOR_KEY};
use crate::domain::draft::{Persistence, Policy};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AssistMode(pub RwSignal<Mode>);

pub fn use_mode() -> AssistMode {
    use_context::<AssistMode>().unwrap_or(AssistMode(RwSignal::new(Mode::Consumer)))
}

impl AssistMode {
    pub fn get(&self) -> Mode {
        self.0.get()
    }
    pub fn filed_by(&self) -> crate::domain::wire::FiledBy {
        self.0.with_untracked(Mode::filed_by)
    }
    pub fn is_kiosk(&self) -> bool {
        self.0.with(Mode::is_kiosk)
    }
    /// The kiosk's office's or the operator's shop's district, if the catalogue `meta` knows it:
    /// where forms and the notices page start.
    pub fn home_district(&self, meta: &crate::domain::wire::Meta) -> Option<String> {
        self.0.with_untracked(|m| m.home_district().and_then(|d| meta.district(d)).map(|d| d.code.clone()))
    }
    pub fn operator(&self) -> Option<OperatorProfile> {
        self.0.with(|m| match m {
            Mode::Operator(p) => Some(p.clone()),
            _ => None,
        })
    }

    /// Switch operator mode on (profile saved on the device) or off.
    pub fn set_operator(&self, profile: Option<OperatorProfile>) {
        match profile {
            Some(p) => {
                let _ = crate::storage::set(
                    Persistence::Local,
                    OPERATOR_KEY,
                    &crate::json::to_string(&p).unwrap_or_default(),
                );
                self.0.set(Mode::Operator(p));
            }
            None => {
                crate::storage::remove(Persistence::Local, OPERATOR_KEY);
                self.0.set(Mode::Consumer);
            }
        }
    }
}

/// On a kiosk: whether its idle guard runs yet. The guard's code arrives in a part
/// (`app::split::KioskTools`), and until it runs no page from a part is drawn.
#[derive(Clone, Copy)]
pub struct GuardRunning(pub RwSignal<bool>);

/// The mode for this visit.
pub fn detect() -> Mode {
    let meta = document()
        .query_selector("meta[name=bijli-mode]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .and_then(|c| Kiosk::from_meta(&c));
    let query = web_sys::window().and_then(|w| w.location().search().ok()).and_then(|q| Kiosk::from_query(&q));
    if let Some(k) = meta.or(query) {
        let _ = crate::storage::set(Persistence::Session, KIOSK_KEY, &k.query());
        return Mode::Kiosk(k);
    }
    if let Some(k) = crate::storage::get(Persistence::Session, KIOSK_KEY).and_then(|v| Kiosk::from_query(&v)) {
        return Mode::Kiosk(k);
    }
    match crate::storage::get(Persistence::Local, OPERATOR_KEY)
        .and_then(|j| crate::json::from_str::<OperatorProfile>(&j))
    {
        Some(p) if p.check().is_empty() => Mode::Operator(p),
        _ => Mode::Consumer,
    }
}

pub fn policy(mode: &Mode) -> Policy {
    match mode {
        Mode::Consumer => Policy::CONSUMER,
        Mode::Operator(_) => Policy::operator(crate::storage::now()),
        Mode::Kiosk(_) => Policy::KIOSK,
    }
}

/// Wipe everything of the current person and start again at the home page, in Hindi: storage
/// (both areas and the IndexedDB mirror) is cleared, and a full reload clears memory (signals,
/// OTP state, the Aadhaar number). A kiosk started from `?kiosk=1` stays a kiosk.
pub fn wipe_and_restart() {
    let kept = crate::storage::get(Persistence::Session, KIOSK_KEY);
    // The documents this person uploaded for anything not sent (drafts, queued applications) are
    // deleted on the server too: nothing of theirs is left for 31 days after they walk away.
    let mut stored = Vec::new();
    for p in [Persistence::Local, Persistence::Session] {
        for key in crate::storage::keys(p, crate::domain::draft::PREFIX) {
            stored.push(crate::storage::get(p, &key).unwrap_or_default());
        }
    }
    crate::storage::drafts::release_documents_in(&stored);
    crate::storage::clear_all();
    crate::storage::freeze();
    // The kept setting is already the address's query (`Kiosk::query`).
    let kiosk = kept.filter(|v| v.starts_with("?kiosk=1&")).or_else(|| {
        let q = web_sys::window()?.location().search().ok()?;
        Kiosk::from_query(&q).map(|k| k.query())
    });
    let target = format!("/{}", kiosk.unwrap_or_default());
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&target);
    }
}
pub mod kiosk;

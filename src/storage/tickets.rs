//! "My tickets" on this device, as a reactive list shared by every page.
//!
//! The list is read from storage the first time a page asks for it, not at start-up: only
//! pages in parts (`app/split.rs`) show or change it, so the first download carries no code
//! to read it.

use crate::domain::draft::{Persistence, Policy};
use crate::domain::tickets::{self as model, MyTicket, KEY};
use leptos::prelude::*;

/// The list, where it is kept (a kiosk keeps it for the visit only) and since when (an
/// operator's, for the day: `Policy::not_before`). Use it through [`use_my_tickets`], which
/// reads it in first.
#[derive(Clone, Copy)]
pub struct MyTickets(pub RwSignal<Vec<MyTicket>>, pub Persistence, StoredValue<bool>, Option<i64>);

impl MyTickets {
    /// Not read yet: see [`MyTickets::ready`].
    pub fn new(policy: Policy) -> Self {
        MyTickets(RwSignal::new(vec![]), policy.persistence, StoredValue::new(false), policy.not_before)
    }

    /// The list with what storage holds read in (once), less what the policy does not keep.
    pub fn ready(self) -> Self {
        if !self.2.get_value() {
            self.2.set_value(true);
            let mut stored = super::get(self.1, KEY).map(|j| model::parse(&j)).unwrap_or_default();
            let dropped = model::expire(&mut stored, self.3);
            // Nobody can have read the empty list yet, so there is no one to tell.
            self.0.update_untracked(|l| *l = stored);
            if dropped {
                self.persist();
            }
        }
        self
    }

    fn persist(&self) {
        let json = crate::json::to_string(&self.0.get_untracked()).unwrap_or_default();
        let _ = super::set(self.1, KEY, &json);
    }

    pub fn upsert(&self, t: MyTicket) {
        self.ready();
        self.0.update(|l| model::upsert(l, t));
        self.persist();
    }

    pub fn remove(&self, number: &str) {
        self.ready();
        self.0.update(|l| l.retain(|t| t.number != number));
        self.persist();
    }

    /// Forget the list (storage is being wiped); it is not read back in.
    pub fn clear(&self) {
        self.2.set_value(true);
        self.0.set(vec![]);
    }
}

pub fn use_my_tickets() -> MyTickets {
    use_context::<MyTickets>().unwrap_or_else(|| MyTickets::new(Policy::CONSUMER)).ready()
}

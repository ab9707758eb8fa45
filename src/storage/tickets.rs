//! "My tickets" on this device, as a reactive list shared by every page.

use crate::domain::draft::Persistence;
use crate::domain::tickets::{self as model, MyTicket, KEY};
use leptos::prelude::*;

/// The list, and where it is kept (a kiosk keeps it for the visit only).
#[derive(Clone, Copy)]
pub struct MyTickets(pub RwSignal<Vec<MyTicket>>, pub Persistence);

impl MyTickets {
    pub fn load(area: Persistence) -> Self {
        MyTickets(RwSignal::new(super::get(area, KEY).map(|j| model::parse(&j)).unwrap_or_default()), area)
    }

    fn persist(&self) {
        let json = serde_json::to_string(&self.0.get_untracked()).unwrap_or_default();
        let _ = super::set(self.1, KEY, &json);
    }

    pub fn upsert(&self, t: MyTicket) {
        self.0.update(|l| model::upsert(l, t));
        self.persist();
    }

    pub fn remove(&self, number: &str) {
        self.0.update(|l| l.retain(|t| t.number != number));
        self.persist();
    }

    pub fn clear(&self) {
        self.0.set(vec![]);
    }
}

pub fn use_my_tickets() -> MyTickets {
    use_context::<MyTickets>().unwrap_or_else(|| MyTickets::load(Persistence::Local))
}

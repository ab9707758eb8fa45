//! "My tickets" on this device, as a reactive list shared by every page.

use crate::domain::draft::Persistence;
use crate::domain::tickets::{self as model, MyTicket, KEY};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct MyTickets(pub RwSignal<Vec<MyTicket>>);

impl MyTickets {
    pub fn load() -> Self {
        MyTickets(RwSignal::new(super::get(Persistence::Local, KEY).map(|j| model::parse(&j)).unwrap_or_default()))
    }

    fn persist(&self) {
        let json = serde_json::to_string(&self.0.get_untracked()).unwrap_or_default();
        let _ = super::set(Persistence::Local, KEY, &json);
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
    use_context::<MyTickets>().unwrap_or_else(MyTickets::load)
}

//! Delivering queued complaints: at start-up, when the browser comes back online, when the tab
//! becomes visible, and on a full-jitter backoff timer (≈1 s base, 30 s cap, never sooner than
//! `Retry-After`). One item at a time, each always with its own Idempotency-Key, so a response
//! lost after the backend committed is replayed, not filed twice. `422` sends the form back for
//! correction instead of retrying forever; `401` asks the person to confirm their mobile again.
use crate::api::{self, ApiError};
use crate::domain::draft::{DraftKind, Envelope, Persistence, VERSION};
use crate::domain::outbox::{self, ItemState, OutboxItem, KEY};
use crate::domain::tickets::MyTicket;
use crate::storage::drafts::DraftStore;
use crate::storage::tickets::MyTickets;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Outbox {
    /// Read through [`Outbox::items`].
    items: RwSignal<Vec<OutboxItem>>,
    loaded: StoredValue<bool>,
    /// OTP tokens by normalised mobile: memory only, gone with the page.
    tokens: StoredValue<Vec<(String, String)>>,
    busy: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    area: Persistence,
    tickets: MyTickets,
    /// Complaints this visit's outbox sent whose number the person has not seen yet. Shown by the
    /// shell's banner on whatever page they are on (they may have gone to file another), until
    /// the confirmation of that number is opened.
    sent: RwSignal<Vec<String>>,
}

pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

impl Outbox {
    /// Provide the outbox and deliver whenever the browser is back online or the tab is shown
    /// again. The stored queue is read when a page first asks for it ([`Outbox::items`]), not
    /// here: a new visit has no OTP token, so nothing can be sent before the person confirms
    /// their mobile on a complaint page, and the first download carries no code to read it.
    pub fn start(area: Persistence, tickets: MyTickets, network: super::Network) -> Self {
        let o = Outbox {
            items: RwSignal::new(vec![]),
            loaded: StoredValue::new(false),
            tokens: StoredValue::new(vec![]),
            busy: StoredValue::new(false),
            timer: StoredValue::new(None),
            area,
            tickets,
            sent: RwSignal::new(vec![]),
        };
        provide_context(o);
        Effect::new(move |_| {
            if network.online.get() {
                o.flush();
            }
        });
        // On the window, where the document's `visibilitychange` bubbles to (see `Draft`'s).
        let visible = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                o.flush();
            }
        });
        on_cleanup(move || visible.remove());
        o
    }

    /// The queue, read from storage the first time it is asked for: sent items older than a
    /// day dropped, and items from an earlier visit waiting for their mobile to be confirmed
    /// again (tokens are never stored).
    pub fn items(&self) -> RwSignal<Vec<OutboxItem>> {
        if !self.loaded.get_value() {
            self.loaded.set_value(true);
            let stored = crate::storage::get(self.area, KEY);
            let mut items = stored.as_deref().map(outbox::parse).unwrap_or_default();
            outbox::prune(&mut items, crate::storage::now());
            for i in items.iter_mut().filter(|i| i.state == ItemState::Waiting) {
                i.state = ItemState::NeedsVerification;
            }
            // Nobody can have read the empty queue yet, so there is no one to tell.
            self.items.update_untracked(|l| *l = items);
            if stored.is_some() {
                self.save();
            }
        }
        self.items
    }

    fn save(&self) {
        let json = self.items().with_untracked(|i| crate::json::to_string(i).unwrap_or_default());
        let _ = crate::storage::set(self.area, KEY, &json);
    }

    fn update(&self, key: &str, f: impl FnOnce(&mut OutboxItem)) {
        self.items().update(|items| {
            if let Some(i) = items.iter_mut().find(|i| i.key == key) {
                f(i);
            }
        });
        self.save();
    }

    pub fn token_for(&self, mobile: &str) -> Option<String> {
        self.tokens.with_value(|t| t.iter().find(|(m, _)| m == mobile).map(|(_, t)| t.clone()))
    }

    /// Remember a verified mobile's token for this visit, and release what was waiting for it.
    pub fn remember_token(&self, mobile: &str, token: &str) {
        self.remember_token_quietly(mobile, token);
        let waiting: Vec<String> = self.items().with_untracked(|i| {
            i.iter()
                .filter(|x| x.mobile == mobile && x.state == ItemState::NeedsVerification)
                .map(|x| x.key.clone())
                .collect()
        });
        for k in waiting {
            self.update(&k, |i| {
                i.state = ItemState::Waiting;
                i.next_at_ms = 0;
            });
        }
        self.flush();
    }

    /// Remember a token without touching the queue (a complaint about to be sent directly).
    pub fn remember_token_quietly(&self, mobile: &str, token: &str) {
        self.tokens.update_value(|t| {
            t.retain(|(m, _)| m != mobile);
            t.push((mobile.to_string(), token.to_string()));
        });
    }

    /// Sent in this visit and not yet seen (see `sent`): each number with the address of its
    /// confirmation.
    pub fn sent_unseen(&self) -> Vec<(String, String)> {
        let items = self.items;
        self.sent.with(|l| {
            l.iter()
                .map(|n| {
                    let again = items.with_untracked(|i| {
                        i.iter().any(
                            |x| matches!(&x.state, ItemState::Sent { number, already_open: true, .. } if number == n),
                        )
                    });
                    (n.clone(), crate::pages::complaint::done_href(n, again))
                })
                .collect()
        })
    }

    /// Whether this visit's outbox has sent anything yet (the shell then draws the banners).
    pub fn has_sent(&self) -> bool {
        self.sent.with(|l| !l.is_empty())
    }

    /// The confirmation of `number` is open: its banner has done its work.
    pub fn seen(&self, number: &str) {
        if self.sent.with_untracked(|l| l.iter().any(|n| n == number)) {
            self.sent.update(|l| l.retain(|n| n != number));
        }
    }

    fn forget_token(&self, mobile: &str) {
        self.tokens.update_value(|t| t.retain(|(m, _)| m != mobile));
    }

    /// Queue a complaint and start trying to deliver it.
    pub fn enqueue(&self, item: OutboxItem) {
        let key = item.key.clone();
        self.items().update(|items| {
            items.retain(|i| i.key != key);
            items.push(item);
        });
        self.save();
        self.flush();
    }

    /// "Send now": forget the backoff for one item.
    pub fn retry_now(&self, key: &str) {
        self.update(key, |i| i.next_at_ms = 0);
        self.flush();
    }

    pub fn remove(&self, key: &str) {
        self.items().update(|items| items.retain(|i| i.key != key));
        self.save();
    }

    /// The form goes back to the person: a new draft with what they typed; the item leaves the
    /// outbox. Returns the draft id.
    pub fn reopen(&self, key: &str) -> Option<String> {
        let item = self.items().with_untracked(|i| i.iter().find(|x| x.key == key).cloned())?;
        let now = crate::storage::now();
        // Its own id again, under which a photo chosen offline still waits on the device.
        let id = Some(item.draft_id.clone()).filter(|i| !i.is_empty()).unwrap_or_else(crate::api::new_idempotency_key);
        let env = Envelope {
            v: VERSION,
            id: id.clone(),
            kind: DraftKind::Complaint,
            rev: 1,
            created_at: now,
            updated_at: now,
            step: "check".into(),
            progress: 90,
            label: item.request_text("name"),
            idempotency_key: None,
            data: item.draft.clone(),
        };
        DraftStore::current().restore(&env).ok()?;
        self.remove(key);
        Some(id)
    }

    /// Try every due item once, then schedule the next attempt. Without a token in memory
    /// nothing can be sent, so this returns at once (and the queue stays unread).
    pub fn flush(&self) {
        let o = *self;
        if o.busy.get_value() || !super::is_online() || o.tokens.with_value(Vec::is_empty) {
            return;
        }
        o.busy.set_value(true);
        spawn_local(async move {
            // The sending code arrives with the complaint part (app/split.rs); if that cannot be
            // downloaded now, try again in a while.
            let delivered = crate::app::deliver_queued(o).await;
            o.busy.set_value(false);
            if !delivered {
                set_timeout(move || o.flush(), Duration::from_millis(outbox::CAP_MS as u64));
            }
        });
    }

    /// Send every due item, one at a time, then schedule the next attempt.
    pub(crate) async fn deliver(&self) {
        loop {
            let due = self.items().with_untracked(|i| outbox::due(i, now_ms()));
            let Some(key) = due.first().cloned() else { break };
            self.send(&key).await;
            if !super::is_online() {
                break;
            }
        }
        self.schedule();
    }

    fn schedule(&self) {
        let o = *self;
        if let Some(h) = o.timer.get_value() {
            h.clear();
        }
        let next = o.items().with_untracked(|i| outbox::next_due_ms(i));
        if let Some(at) = next {
            let wait = (at - now_ms()).max(0) as u64;
            o.timer.set_value(set_timeout_with_handle(move || o.flush(), Duration::from_millis(wait)).ok());
        }
    }

    pub(crate) async fn send(&self, key: &str) {
        let Some(mut item) = self.items().with_untracked(|i| i.iter().find(|x| x.key == key).cloned()) else { return };
        let Some(token) = self.token_for(&item.mobile) else {
            return self.update(key, |i| i.state = ItemState::NeedsVerification);
        };
        // A photo chosen offline goes first, so the complaint can name it.
        if let Some(doc) = item.waiting_photo() {
            match crate::app::send_kept_photo(&item.draft_id, &doc).await {
                super::photo::Photo::Sent(u) => item.photo_uploaded(&doc, &u.upload_id),
                super::photo::Photo::Later(e) => return self.defer(key, e.retry_after()),
                super::photo::Photo::Dropped => item.photo_dropped(),
            }
            let (request, draft, left) = (item.request.clone(), item.draft.clone(), item.photo_left);
            self.update(key, |i| (i.request, i.draft, i.photo_left) = (request, draft, left));
            super::photo::forget_kept(&item.draft_id, &doc);
        }
        let Some(request) = item.sendable_request() else {
            return self.update(key, |i| i.state = ItemState::NeedsCorrection { errors: vec![] });
        };
        match api::create_queued_complaint(request, &token, &item.key).await {
            Ok(created) => {
                let mut ticket = MyTicket::complaint_answered(
                    &created,
                    (&item.request_text("category"), &item.request_text("subcategory")),
                    &item.mobile,
                    crate::storage::now(),
                );
                ticket.photo_left = item.photo_left;
                self.tickets.upsert(ticket);
                self.sent.update(|l| l.push(created.number.clone()));
                self.update(key, |i| {
                    i.state = ItemState::Sent {
                        number: created.number,
                        expected_by: created.expected_by,
                        already_open: created.already_open,
                    }
                });
            }
            Err(ApiError::Fields(errors)) => self.update(key, |i| i.state = ItemState::NeedsCorrection { errors }),
            Err(ApiError::Unauthorized) => {
                self.forget_token(&item.mobile);
                self.update(key, |i| i.state = ItemState::NeedsVerification);
            }
            Err(e) => self.defer(key, e.retry_after()),
        }
    }

    /// Try this item again later (full-jitter backoff, or when the server asked).
    fn defer(&self, key: &str, retry_after: Option<u32>) {
        let random = js_sys::Math::random();
        self.update(key, |i| {
            i.next_at_ms = now_ms() + outbox::backoff_ms(i.attempts, retry_after, random);
            i.attempts += 1;
        });
    }
}

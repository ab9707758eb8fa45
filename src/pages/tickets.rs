//! `/tickets` ("My tickets"): every number filed or tracked on this device, newest first. Opening
//! it brings the open ones up to date (`pages::refresh_open_tickets`) and marks those past their
//! deadline; offline it says so and shows the last known status.
use super::PageTitle;
use crate::components::TicketLine;
use crate::domain::outbox::ItemState;
use crate::domain::ticket::display;
use crate::domain::time::ist_short;
use crate::i18n::*;
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Tickets() -> impl IntoView {
    let i18n = use_i18n();
    let tickets = use_my_tickets();
    let outbox = crate::offline::outbox::use_outbox();
    let waiting = move || {
        outbox.items().with(|i| {
            i.iter()
                .filter(|x| !matches!(x.state, ItemState::Sent { .. }))
                .map(|x| (x.key.clone(), x.request_text("category"), x.created_at))
                .collect::<Vec<_>>()
        })
    };
    let stale = super::refresh_open_tickets(|_| true);
    let now = super::now();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, tickets.title).to_string()) />
        <h1>{move || t_string!(i18n, tickets.title)}</h1>
        <Show when=move || stale.get()>
            <div class="notice notice-offline" role="status"><p>{move || t_string!(i18n, tickets.stale)}</p></div>
        </Show>
        <Show when=move || !waiting().is_empty()>
            <h2 class="heading-m">{move || t_string!(i18n, outbox.waiting_title)}</h2>
            <ul class="ticket-list" id="outbox-list">
                <For each=waiting key=|w| w.0.clone() let:w>
                    <li class="ticket-row">
                        <div>
                            <strong>{move || t_string!(i18n, tickets.complaint)}</strong>
                            <span class="hint">" · "{ist_short(w.2)}</span>
                        </div>
                        <A href=format!("/complaint/queued/{}", w.0) attr:class="button button-small">{move || t_string!(i18n, outbox.open)}</A>
                    </li>
                </For>
            </ul>
        </Show>
        <Show when=move || tickets.0.with(Vec::is_empty)>
            <p>{move || t_string!(i18n, tickets.empty)}</p>
            <p><A href="/track">{move || t_string!(i18n, home.track_title)}</A></p>
            <p><A href="/find">{move || t_string!(i18n, track.lost_number)}</A></p>
        </Show>
        <ul class="ticket-list">
            <For each=move || tickets.0.get() key=|t| (t.number.clone(), t.status) let:t>
                {
                    let number = t.number.clone();
                    let shown = display(&t.number);
                    let overdue = t.overdue(now);
                    view! {
                        <li class="ticket-row">
                            <TicketLine number=t.number.clone() kind=t.kind when=ist_short(t.added_at)
                                what=super::subject_of(t.kind, t.what.clone(), t.what_detail.clone()) status=t.status overdue=overdue />
                            <button type="button" class="button button-secondary button-small"
                                on:click=move |_| tickets.remove(&number)>
                                {move || t_string!(i18n, tickets.remove)}
                                <span class="visually-hidden">" "{shown}</span>
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

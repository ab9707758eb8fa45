//! `/operator`: a cyber-café operator's workspace. Start a new applicant, switch between the
//! open forms of different applicants, "Finish & clear" one applicant (their forms and
//! acknowledgements leave the device), and today's filings for the operator's own records, each
//! with its status brought up to date (a customer back the same afternoon asks what happened).
//! Opening it ends the last applicant's visit: their sent application's receipt leaves the tab,
//! and their complaint's details are no longer offered for one more problem at the same place.
use super::PageTitle;
use crate::components::TicketState;
use crate::domain::draft::Persistence;
use crate::domain::ticket::{display, TicketKind};
use crate::domain::time::{ist_short, ist_today};
use crate::i18n::*;
use crate::storage::drafts::DraftStore;
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Operator() -> impl IntoView {
    let i18n = use_i18n();
    let assist = crate::assist::use_mode();
    let tickets = use_my_tickets();
    let store = DraftStore::current();
    // Every form of a person, answers on a status page too (feedback, a withdrawal: they hold the
    // consumer's mobile), so Finish & clear leaves nothing of theirs for the next customer.
    let drafts = RwSignal::new(store.list(None));
    // A sent application's receipt (the applicant's name, masked Aadhaar) stays in the tab so its
    // acknowledgement can be printed. Back at the workspace the operator has moved on, and the
    // next person at the desk must not find it with Back; the page then shows only the number.
    // For the same reason, the last complaint's place and contact, kept in memory for "one more
    // problem at the same place", are not offered again.
    if assist.operator().is_some() {
        for key in crate::storage::keys(Persistence::Session, crate::domain::connection::RECEIPT_PREFIX) {
            crate::storage::remove(Persistence::Session, &key);
        }
        crate::pages::complaint::forget_same_place();
    }
    let today = ist_today(crate::pages::now());
    let todays = move || tickets.0.with(|l| l.iter().filter(|t| t.handled_here_on(today)).cloned().collect::<Vec<_>>());
    let stale = super::refresh_open_tickets(move |t| t.handled_here_on(today));
    let now = crate::pages::now();
    let finish = move |id: String| {
        store.discard(&id);
        // This tab's "current form" pointers must not lead back to the removed draft.
        for key in ["bijli.active.complaint", "bijli.active.connection"] {
            if crate::storage::get(Persistence::Session, key).as_deref() == Some(id.as_str()) {
                crate::storage::remove(Persistence::Session, key);
            }
        }
        drafts.update(|d| d.retain(|x| x.id != id));
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, assist.workspace).to_string()) />
        <h1>{move || t_string!(i18n, assist.workspace)}</h1>
        {move || match assist.operator() {
            None => view! { <p>{t_string!(i18n, assist.operator_off)}" "<A href="/settings">{t_string!(i18n, settings.title)}</A></p> }.into_any(),
            Some(p) => view! { <p class="lead">{format!("{} · {} · {}", p.name, p.shop, crate::domain::normalize::mobile(&p.mobile).map(|m| crate::domain::normalize::mask_mobile(&m)).unwrap_or_default())}</p> }.into_any(),
        }}
        <h2 class="heading-m">{move || t_string!(i18n, assist.new_applicant)}</h2>
        <div class="button-group">
            <A href="/complaint/new?new=1" attr:class="button" attr:id="new-complaint">{move || t_string!(i18n, home.complaint_title)}</A>
            <A href="/connection/new?new=1" attr:class="button" attr:id="new-application">{move || t_string!(i18n, home.connection_title)}</A>
        </div>
        <h2 class="heading-m">{move || t_string!(i18n, assist.open_forms)}</h2>
        <Show when=move || drafts.with(Vec::is_empty)>
            <p>{move || t_string!(i18n, drafts.empty)}</p>
        </Show>
        <ul class="ticket-list" id="applicants">
            <For each=move || drafts.get() key=|d| d.id.clone() let:d>
                {
                    let id = d.id.clone();
                    let href = super::drafts::resume_href(&d);
                    let label = if d.label.is_empty() { "—".to_string() } else { d.label.clone() };
                    let label2 = label.clone();
                    view! {
                        <li class="ticket-row applicant">
                            <div>
                                <strong class="applicant-name">{label.clone()}</strong>
                                <span class="hint">" · "{
                                    let d = d.clone();
                                    move || super::drafts::kind_text(i18n.get_locale(), &d)
                                }" · "{ist_short(d.updated_at)}</span>
                            </div>
                            <A href=href attr:class="button button-secondary button-small">{move || t_string!(i18n, drafts.open)}</A>
                            <button type="button" class="button button-warning button-small finish-clear" on:click=move |_| finish(id.clone())>
                                {move || t_string!(i18n, assist.finish_clear)}<span class="visually-hidden">" "{label2.clone()}</span>
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
        <h2 class="heading-m" id="todays-filings-title">{move || t_string!(i18n, assist.todays_filings)}</h2>
        <Show when=move || stale.get()>
            <div class="notice notice-offline" role="status"><p>{move || t_string!(i18n, tickets.stale)}</p></div>
        </Show>
        // Five columns do not fit a phone with large text: the table scrolls sideways on its own
        // (a focusable region, so a keyboard can scroll it too), never the page.
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="todays-filings-title">
            <table class="table" id="todays-filings">
                <thead><tr>
                    <th scope="col">{move || t_string!(i18n, ack.number)}</th>
                    <th scope="col">{move || t_string!(i18n, assist.kind)}</th>
                    <th scope="col">{move || t_string!(i18n, ack.filed_at)}</th>
                    <th scope="col">{move || t_string!(i18n, ack.mobile)}</th>
                    <th scope="col">{move || t_string!(i18n, track.status)}</th>
                </tr></thead>
                <tbody>
                    <For each=todays key=|t| (t.number.clone(), t.status) let:t>
                        {
                            let overdue = t.overdue(now);
                            view! {
                                <tr>
                                    <td><A href=format!("/track/{}", t.number)>{display(&t.number)}</A></td>
                                    <td>
                                        {move || match t.kind { TicketKind::Complaint => t_string!(i18n, tickets.complaint), TicketKind::Application => t_string!(i18n, tickets.application) }}
                                        {t.reported_again_at.map(|_| view! { <span class="hint reported-again">" · "{move || t_string!(i18n, track.reported_again)}</span> })}
                                        {
                                            let what = super::subject_of(t.kind, t.what.clone(), t.what_detail.clone());
                                            move || what.get().map(|w| view! { <span class="ticket-what">{w}</span> })
                                        }
                                    </td>
                                    <td>{ist_short(t.added_at)}</td>
                                    <td>{t.mobile_masked.clone().unwrap_or_default()}</td>
                                    // Its status as last known on this PC, brought up to date as the page opens.
                                    <td><TicketState status=t.status overdue=overdue /></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </div>
    }
}

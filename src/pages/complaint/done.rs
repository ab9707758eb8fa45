//! Confirmation: the complaint number large and copyable, when to expect a fix, what happens
//! next, the status link, and a way to keep a record.
use crate::components::ack::{AckData, Acknowledgement, ShareNumber};
use crate::components::subject_in_both;
use crate::domain::compensation;
use crate::domain::connection::rupees;
use crate::domain::ticket::{self, TicketKind};
use crate::domain::time::{ist_display, parse_rfc3339};
use crate::i18n::*;
use crate::pages::PageTitle;
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn title(loc: Locale, again: bool) -> &'static str {
    if again {
        td_string!(loc, done.again_title)
    } else {
        td_string!(loc, done.title)
    }
}

#[component]
pub fn Done() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let tickets = use_my_tickets();
    // A repeat of a complaint still open (`done_href`): the same page, saying why no new number.
    let again = crate::pages::use_query().read_untracked().get("again").is_some();
    let number =
        ticket::parse(&params.read_untracked().get("number").unwrap_or_default()).map(|(_, n)| n).unwrap_or_default();
    // Seen here: the shell's "sent while you were away" banner for it goes.
    crate::offline::outbox::use_outbox().seen(&number);
    let expected = {
        let n = number.clone();
        move || {
            tickets
                .0
                .with(|l| l.iter().find(|t| t.number == n).and_then(|t| t.expected_by.clone()))
                .and_then(|e| parse_rfc3339(&e))
        }
    };
    let copied = RwSignal::new(false);
    let n_copy = number.clone();
    let copy = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&n_copy);
            copied.set(true);
        }
    };
    let track = format!("/track/{number}");
    view! {
        <PageTitle text=Signal::derive(move || title(i18n.get_locale(), again).to_string()) />
        <div class="panel-confirmation">
            <h1 class="panel-title">{move || title(i18n.get_locale(), again)}</h1>
            <div class="panel-body">
                {move || t_string!(i18n, done.your_number)}<br />
                <strong class="ticket-number-large" id="complaint-number">{ticket::display(&number)}</strong>
            </div>
        </div>
        <div class="button-group no-print">
            <button type="button" class="button button-secondary" on:click=copy>{move || t_string!(i18n, done.copy)}</button>
            <button type="button" class="button button-secondary" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{move || t_string!(i18n, done.print)}</button>
            <ShareNumber number=number.clone() track_url=crate::pages::track_url(&number) />
            <span role="status" class="hint">{move || copied.get().then(|| t_string!(i18n, done.copied))}</span>
        </div>
        {again.then(|| view! { <p class="lead" id="already-open">{move || t_string!(i18n, done.again_body)}</p> })}
        {
            let n = number.clone();
            move || tickets.0.with(|l| l.iter().any(|t| t.number == n && t.photo_left)).then(|| view! {
                <p class="lead" id="photo-left">{t_string!(i18n, done.photo_left)}</p>
            })
        }
        {move || expected().map(|e| view! { <p class="lead">{t_string!(i18n, done.expected, when = ist_display(e)).to_string()}</p> })}
        {
            // What a late fix of this fault earns per day, said as the status page says it.
            let n = number.clone();
            let meta = crate::app::use_meta();
            move || {
                let (sub, deadline) = tickets.0.with(|l| {
                    let t = l.iter().find(|t| t.number == n && t.kind == TicketKind::Complaint)?;
                    Some((t.what_detail.clone()?, parse_rfc3339(t.expected_by.as_deref()?)?))
                })?;
                let rate = meta.get().and_then(|m| compensation::rate(&m.compensation, &sub, deadline))?;
                Some(view! { <p id="compensation-rate">{t_string!(i18n, track.compensation_rate, rate = rupees(rate)).to_string()}</p> })
            }
        }
        {
            let n = number.clone();
            let meta = crate::app::use_meta();
            move || {
                let t = tickets.0.with(|l| l.iter().find(|t| t.number == n).cloned())?;
                let what = meta.get().and_then(|m| t.subject(&m).map(subject_in_both));
                Some(view! { <Acknowledgement data=AckData {
                    number: t.number.clone(),
                    kind: "complaint",
                    filed_at: ist_display(t.added_at),
                    what,
                    mobile_masked: t.mobile_masked.clone(),
                    aadhaar_masked: None,
                    expected_by: t.expected_by.as_deref().and_then(parse_rfc3339).map(ist_display),
                    track_url: crate::pages::track_url(&t.number),
                } /> })
            }
        }
        <h2>{move || t_string!(i18n, done.next_title)}</h2>
        <p>{move || t_string!(i18n, done.next_body)}</p>
        <p><A href=track.clone()>{move || t_string!(i18n, done.track)}</A></p>
        <super::ReportAnother of=number.clone() />
    }
}

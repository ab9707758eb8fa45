//! `/connection/done/{number}`: the application number, the statutory time limit for the area,
//! what happens next, the fees the backend recorded, the status link, and a printable
//! acknowledgement. The receipt is read from this tab's session store (the draft is gone by
//! now); without it (another tab) the page still gives the number and the status link.
use super::fees::FeeTable;
use crate::components::ack::{AckData, Acknowledgement, ShareNumber};
use crate::components::subject_in_both;
use crate::domain::connection::{receipt_key, Receipt};
use crate::domain::draft::Persistence;
use crate::domain::ticket::{self, TicketKind};
use crate::domain::tickets::subject;
use crate::domain::time::{ist_display, parse_rfc3339};
use crate::i18n::*;
use crate::pages::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConnectionDone() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number =
        ticket::parse(&params.read_untracked().get("number").unwrap_or_default()).map(|(_, n)| n).unwrap_or_default();
    let receipt: Option<Receipt> =
        crate::storage::get(Persistence::Session, &receipt_key(&number)).and_then(|j| crate::json::from_str(&j));
    let meta = crate::app::use_meta();
    let track = format!("/track/{number}");
    let r = receipt.clone();
    let details = move || {
        let r = r.clone()?;
        let loc = i18n.get_locale();
        let tariff =
            meta.get().and_then(|m| m.tariff(&r.tariff).map(|t| pick(loc, &t.name))).unwrap_or(r.tariff.clone());
        let docs = meta
            .get()
            .map(|m| {
                r.documents
                    .iter()
                    .filter_map(|c| m.document(c))
                    .map(|d| pick(loc, &d.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let c = r.created.clone();
        let expected = parse_rfc3339(&c.expected_by).map(ist_display).unwrap_or_default();
        let filed = parse_rfc3339(&c.created_at).map(ist_display).unwrap_or_default();
        Some(view! {
            <p class="lead">{td_string!(loc, apply.statutory, days = c.statutory_days, date = expected).to_string()}</p>
            <h2 class="heading-m">{td_string!(loc, apply.ack_title)}</h2>
            <dl class="summary-list">
                <div class="summary-row"><dt>{td_string!(loc, apply.ack_number)}</dt><dd class="summary-value">{ticket::display(&c.number)}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.ack_filed)}</dt><dd class="summary-value">{filed}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.name)}</dt><dd class="summary-value">{r.name.clone()}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.mobile)}</dt><dd class="summary-value">{r.mobile_masked.clone()}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.tariff)}</dt><dd class="summary-value">{format!("{tariff}, {} kW", r.load_kw)}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.ack_office)}</dt><dd class="summary-value">{pick(loc, &c.office.name)}</dd></div>
                <div class="summary-row"><dt>{td_string!(loc, apply.documents)}</dt><dd class="summary-value">{docs}</dd></div>
            </dl>
            <FeeTable fees=c.fees.clone() />
        })
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, apply.done_title).to_string()) />
        <div class="panel-confirmation">
            <h1 class="panel-title">{move || t_string!(i18n, apply.done_title)}</h1>
            <div class="panel-body">
                {move || t_string!(i18n, apply.your_number)}<br />
                <strong class="ticket-number-large" id="application-number">{ticket::display(&number)}</strong>
            </div>
        </div>
        {details}
        {
            let receipt = receipt.clone();
            move || receipt.clone().map(|r| {
                let c = r.created.clone();
                let what = meta.get().and_then(|m| {
                    subject(&m, TicketKind::Application, &r.tariff, Some(&r.load_kw.to_string())).map(subject_in_both)
                });
                view! { <Acknowledgement data=AckData {
                    number: c.number.clone(),
                    kind: "application",
                    filed_at: parse_rfc3339(&c.created_at).map(ist_display).unwrap_or_default(),
                    what,
                    mobile_masked: Some(r.mobile_masked.clone()),
                    aadhaar_masked: r.aadhaar_masked.clone(),
                    expected_by: parse_rfc3339(&c.expected_by).map(ist_display),
                    track_url: crate::pages::track_url(&c.number),
                } /> }
            })
        }
        <h2 class="heading-m">{move || t_string!(i18n, done.next_title)}</h2>
        <ol class="list list-number">
            <li>{move || t_string!(i18n, apply.next_1)}</li>
            <li>{move || t_string!(i18n, apply.next_2)}</li>
            <li>{move || t_string!(i18n, apply.next_3)}</li>
        </ol>
        <p><A href=track.clone()>{move || t_string!(i18n, done.track)}</A></p>
        <div class="button-group no-print">
            <button type="button" class="button button-secondary" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{move || t_string!(i18n, apply.print)}</button>
            <ShareNumber number=number.clone() track_url=crate::pages::track_url(&number) />
            <A href="/connection/new?new=1" attr:class="link-secondary">{move || t_string!(i18n, apply.another)}</A>
        </div>
    }
}

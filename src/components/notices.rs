//! Status and notice blocks: loading, save status (polite live region), warnings, status tags, a power
//! cut's phase, a ticket's line in a list and what a ticket is about.

use crate::domain::status::Status;
use crate::domain::ticket::{display, TicketKind};
use crate::domain::tickets::Subject;
use crate::i18n::*;
use crate::storage::drafts::SaveState;
use crate::storage::StoreError;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Loading…", announced politely, in the reader's language even if they switch while waiting.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status">{move || t_string!(i18n, common.loading)}</p> }
}

/// "Draft saved" politely announced; storage problems shown as a warning that explains the form
/// still works.
#[component]
pub fn SaveStatus(#[prop(into)] state: Signal<SaveState>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="save-status" aria-live="polite" role="status">
            {move || match state.get() {
                SaveState::Idle => None,
                SaveState::Saved => Some(view! { <span class="saved">{t_string!(i18n, drafts.saved)}</span> }.into_any()),
                SaveState::UpdatedElsewhere => Some(view! { <span class="saved">{t_string!(i18n, drafts.updated_elsewhere)}</span> }.into_any()),
                SaveState::Failed(e) => {
                    let msg = match e {
                        StoreError::Full => t_string!(i18n, drafts.storage_full),
                        StoreError::Unavailable => t_string!(i18n, drafts.storage_unavailable),
                        StoreError::TooLarge => t_string!(i18n, drafts.too_large),
                    };
                    Some(view! { <div class="warning-text"><span class="warning-icon" aria-hidden="true">"!"</span><strong>{msg}</strong></div> }.into_any())
                }
            }}
        </div>
    }
}

#[component]
pub fn Warning(children: Children) -> impl IntoView {
    view! {
        <div class="warning-text" role="note">
            <span class="warning-icon" aria-hidden="true">"!"</span>
            <strong>{children()}</strong>
        </div>
    }
}

pub fn status_label(loc: Locale, s: Status) -> &'static str {
    match s {
        Status::Registered => td_string!(loc, status.registered),
        Status::Assigned => td_string!(loc, status.assigned),
        Status::InProgress => td_string!(loc, status.in_progress),
        Status::Resolved => td_string!(loc, status.resolved),
        Status::Closed => td_string!(loc, status.closed),
        Status::Reopened => td_string!(loc, status.reopened),
        Status::Submitted => td_string!(loc, status.submitted),
        Status::DocScrutiny => td_string!(loc, status.doc_scrutiny),
        Status::QueryRaised => td_string!(loc, status.query_raised),
        Status::Resubmitted => td_string!(loc, status.resubmitted),
        Status::InspectionScheduled => td_string!(loc, status.inspection_scheduled),
        Status::Feasible => td_string!(loc, status.feasible),
        Status::ChargesPaid => td_string!(loc, status.charges_paid),
        Status::InstallationScheduled => td_string!(loc, status.installation_scheduled),
        Status::ConnectionReleased => td_string!(loc, status.connection_released),
        Status::Rejected => td_string!(loc, status.rejected),
        Status::Withdrawn => td_string!(loc, status.withdrawn),
    }
}

/// Beside a power cut's title in a list of notices: whether it is to come, on now or over
/// (`outage::phase` at the time of drawing), so an old shutdown is not read as today's.
#[component]
pub fn OutageTag(phase: crate::domain::outage::Phase) -> impl IntoView {
    use crate::domain::outage::Phase;
    let i18n = use_i18n();
    let class = match phase {
        Phase::Upcoming => "tag tag-blue outage-phase",
        Phase::Now => "tag tag-red outage-phase",
        Phase::Over => "tag tag-grey outage-phase",
    };
    view! {
        <strong class=class>
            {move || match phase {
                Phase::Upcoming => t_string!(i18n, home.outage_upcoming),
                Phase::Now => t_string!(i18n, home.outage_now),
                Phase::Over => t_string!(i18n, home.outage_over),
            }}
        </strong>
    }
}

#[component]
pub fn StatusTag(#[prop(into)] status: Signal<Status>) -> impl IntoView {
    let i18n = use_i18n();
    let class = move || {
        let c = match status.get() {
            Status::Closed | Status::ConnectionReleased => "tag-green",
            Status::Resolved | Status::Feasible => "tag-turquoise",
            Status::Reopened | Status::QueryRaised | Status::Rejected => "tag-red",
            Status::Registered | Status::Submitted => "tag-blue",
            Status::Withdrawn => "tag-grey",
            _ => "tag-yellow",
        };
        format!("tag {c}")
    };
    view! { <strong class=class>{move || status_label(i18n.get_locale(), status.get())}</strong> }
}

/// "No electricity — Only my house", or "LMV-1 Domestic (home), 2 kW".
pub fn subject_text(loc: Locale, s: Subject) -> String {
    match s {
        Subject::Problem { category, subcategory: Some(sub) } => {
            format!("{} — {}", pick(loc, category), pick(loc, sub))
        }
        Subject::Problem { category, subcategory: None } => pick(loc, category),
        Subject::Connection { tariff, load_kw: Some(kw) } => {
            td_string!(loc, track.connection_subject, tariff = pick(loc, tariff), kw = kw).to_string()
        }
        Subject::Connection { tariff, load_kw: None } => pick(loc, tariff),
    }
}

/// Hindi and English, for the acknowledgement on paper.
pub fn subject_in_both(s: Subject) -> (String, String) {
    (subject_text(Locale::hi, s), subject_text(Locale::en, s))
}

/// One ticket in a list (My tickets, Find my numbers): its number, a link to its status page, its
/// kind and date, what it is about (empty until the catalogue is in, or for a code it no longer
/// has), its status and, past the deadline with the office, "Overdue". The list's `<li>` holds
/// it, with whatever that list adds (My tickets' Remove).
#[component]
pub fn TicketLine(
    number: String,
    kind: TicketKind,
    when: String,
    #[prop(into)] what: Signal<Option<String>>,
    status: Status,
    overdue: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div>
            <A href=format!("/track/{number}") attr:class="ticket-number">{display(&number)}</A>
            <span class="hint">
                {move || match kind { TicketKind::Complaint => t_string!(i18n, tickets.complaint), TicketKind::Application => t_string!(i18n, tickets.application) }}
                " · "{when}
            </span>
            {move || what.get().map(|w| view! { <span class="ticket-what">{w}</span> })}
        </div>
        <TicketState status=status overdue=overdue />
    }
}

/// A ticket's status and, past the deadline with the office, "Overdue": on a My tickets line and
/// in the operator's table of the day's filings.
#[component]
pub fn TicketState(status: Status, overdue: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="ticket-state">
            <StatusTag status=Signal::derive(move || status) />
            {overdue.then(|| view! { <span class="tag tag-overdue">{move || t_string!(i18n, tickets.overdue)}</span> })}
        </span>
    }
}

/// A back link to the previous page of a journey.
#[component]
pub fn BackLink(#[prop(into)] href: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <leptos_router::components::A href=move || href.get() attr:class="back-link">{move || t_string!(i18n, common.back)}</leptos_router::components::A> }
}

/// One answer on a "Check your answers" page, with the Change link that goes back to it.
#[component]
pub fn SummaryRow(label: &'static str, value: String, href: String) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <div class="summary-row">
            <dt>{label}</dt>
            <dd class="summary-value">{value}</dd>
            <dd class="summary-action">
                <leptos_router::components::A href=href>
                    {crate::i18n::t_string!(i18n, common.change)}<span class="visually-hidden">" "{label}</span>
                </leptos_router::components::A>
            </dd>
        </div>
    }
}

/// A failed send or upload explained, with what is safe to know and "Try again".
#[component]
pub fn RetryNotice(
    message: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    view! {
        <div class="notice notice-error" role="alert">
            <p>{message}</p>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <button type="button" class="button button-secondary" on:click=move |_| on_retry.run(())>{crate::i18n::t_string!(i18n, common.retry)}</button>
        </div>
    }
}

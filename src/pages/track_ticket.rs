//! `/track/{number}`: live status of one complaint or application. Polls every 15–30 s with
//! jitter using `If-None-Match` (a 304 costs nothing), pauses while the tab is hidden, resumes at
//! once when it is shown, stops at terminal states and backs off on errors. Status changes are
//! announced to screen readers. When the office says "resolved", asks whether it really is.

use super::otp::{OtpConfirm, OtpFields};
use super::{sleep_ms, PageTitle};
use crate::api::{self, ApiError, Fetched};
use crate::components::ack::ShareNumber;
use crate::components::messages::FormErrors;
use crate::components::{
    status_label, ErrorSummary, Loading, RadioOption, Radios, StatusTag, TextArea, TextField, TileIcon,
};
use crate::domain::compensation::{self, Compensation};
use crate::domain::connection::rupees;
use crate::domain::draft::DraftKind;
use crate::domain::feedback::{self, FeedbackDraft};
use crate::domain::status::{Actor, Stage, Status};
use crate::domain::ticket::TicketKind;
use crate::domain::tickets::MyTicket;
use crate::domain::time::{
    civil_display, countdown, ist_display, ist_today, parse_date, parse_rfc3339, Countdown, Unit,
};
use crate::domain::wire::QueryResponse;
use crate::domain::wire::{Feedback, OtpPurpose, TicketView, UpdateKind, Withdrawal};
use crate::domain::{ticket, validate, ErrorCode, FieldError};
use crate::i18n::*;
use crate::storage::drafts::Draft;
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::sync::atomic::Ordering;

/// Only notify when something changes: a re-render must never wipe a half-filled form.
fn clear_error(error: RwSignal<Option<ApiError>>) {
    if error.with_untracked(Option::is_some) {
        error.set(None);
    }
}

fn hidden() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Hidden
}

#[component]
pub fn TrackTicket() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = crate::pages::use_query();
    let parsed = ticket::parse(&params.read_untracked().get("number").unwrap_or_default());
    // Tests and demos may shorten the interval with ?poll=<seconds>.
    let poll_secs: f64 =
        query.read_untracked().get("poll").and_then(|p| p.parse().ok()).filter(|p: &f64| *p >= 1.0).unwrap_or(15.0);

    let data = RwSignal::new(None::<TicketView>);
    let error = RwSignal::new(None::<ApiError>);
    let fetched_at = RwSignal::new(None::<i64>);
    let announce = RwSignal::new(String::new());
    let now = RwSignal::new(super::now());
    let tickets = use_my_tickets();
    let alive = super::alive();

    if let Some((_, number)) = parsed.clone() {
        let alive = alive.clone();
        spawn_local(async move {
            let mut etag: Option<String> = None;
            let mut failures = 0u32;
            while alive.load(Ordering::Relaxed) {
                if hidden() {
                    sleep_ms(500).await;
                    continue;
                }
                match api::ticket(&number, etag.as_deref()).await {
                    Ok(Fetched::Fresh { value, etag: e }) => {
                        etag = e;
                        failures = 0;
                        let before = data.get_untracked().map(|v| v.status);
                        if before.is_some_and(|b| b != value.status) {
                            let loc = i18n.get_locale_untracked();
                            announce.set(format!(
                                "{} {}",
                                td_string!(loc, track.status_changed),
                                status_label(loc, value.status)
                            ));
                        }
                        tickets.upsert(MyTicket::tracked(&value, super::now()));
                        data.set(Some(value));
                        clear_error(error);
                        fetched_at.set(Some(super::now()));
                    }
                    Ok(Fetched::NotModified) => {
                        failures = 0;
                        clear_error(error);
                        fetched_at.set(Some(super::now()));
                    }
                    Err(e) => {
                        let permanent = matches!(e, ApiError::NotFound);
                        error.set(Some(e));
                        if permanent {
                            break;
                        }
                        failures += 1;
                    }
                }
                if data.with_untracked(|d| d.as_ref().is_some_and(|v| v.status.is_terminal())) {
                    break;
                }
                // 15–30 s with jitter; after errors back off up to 2 minutes.
                let base = poll_secs * 1000.0;
                let wait = if failures == 0 {
                    base * (1.0 + js_sys::Math::random())
                } else {
                    (base * 2f64.powi(failures as i32)).min(120_000.0) * (0.5 + js_sys::Math::random() / 2.0)
                };
                let mut waited = 0.0;
                let mut was_hidden = false;
                while waited < wait && alive.load(Ordering::Relaxed) {
                    sleep_ms(500).await;
                    waited += 500.0;
                    if hidden() {
                        was_hidden = true;
                    } else if was_hidden {
                        break; // shown again: refresh at once
                    }
                    now.set(super::now());
                }
            }
        });
    }

    let number_display = parsed.as_ref().map(|(_, n)| (ticket::display(n), n.clone()));
    // The number says which kind it is, so the page says so before anything has loaded.
    let kind = parsed.as_ref().map(|(k, _)| *k);
    let kind_text = move || match kind {
        Some(TicketKind::Complaint) => t_string!(i18n, track.kind_complaint),
        Some(TicketKind::Application) => t_string!(i18n, track.kind_application),
        None => t_string!(i18n, track.ticket_title),
    };
    let title = {
        let n = number_display.as_ref().map(|(shown, _)| shown.clone()).unwrap_or_default();
        Signal::derive(move || format!("{} {n}", kind_text()).trim_end().to_string())
    };
    // The feedback form depends only on "is the filer's word awaited?" (a complaint marked fixed,
    // a released connection not yet rated), so polls that bring the same status (or only a newer
    // timestamp) never re-create it and what the person typed stays.
    let takes_feedback = Memo::new(move |_| data.with(|d| d.as_ref().is_some_and(TicketView::takes_feedback)));
    let feedback_number = parsed.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
    let query_open = Memo::new(move |_| data.with(|d| d.as_ref().map(|v| v.status)) == Some(Status::QueryRaised));
    let query_number = feedback_number.clone();
    // Like the feedback form: drawn again only when withdrawing stops or starts being possible.
    let may_withdraw = Memo::new(move |_| data.with(|d| d.as_ref().map(|v| v.status.may_withdraw())) == Some(true));
    let withdraw_number = feedback_number.clone();
    // Back from the payment gateway: `?payment=<id>` names the attempt, whose result the page
    // reads from the backend (the address alone proves nothing).
    let came_back = query.read_untracked().get("payment").zip(parsed.as_ref().map(|(_, n)| n.clone()));
    view! {
        <PageTitle text=title />
        <div class="visually-hidden" aria-live="polite" role="status">{move || announce.get()}</div>
        {match number_display {
            // The status link is what a family member needs to follow it too.
            Some((shown, n)) => view! {
                <span class="caption">{kind_text}</span>
                <h1 class="ticket-heading">{shown}</h1>
                <ShareNumber track_url=super::track_url(&n) number=n />
            }.into_any(),
            None => view! { <h1>{move || t_string!(i18n, track.ticket_title)}</h1> }.into_any(),
        }}
        {came_back.map(|(id, number)| view! { <PaymentResult number id data /> })}
        {move || match (parsed.is_some(), data.get(), error.get()) {
            (false, _, _) => view! {
                <div class="notice" role="alert">
                    <p>{t_string!(i18n, err.number_invalid)}</p>
                    <p><leptos_router::components::A href="/track">{t_string!(i18n, track.try_another)}</leptos_router::components::A></p>
                </div>
            }.into_any(),
            (true, None, Some(ApiError::NotFound)) => view! {
                <div class="notice" role="alert">
                    <p>{t_string!(i18n, track.not_found)}</p>
                    <p><leptos_router::components::A href="/track">{t_string!(i18n, track.try_another)}</leptos_router::components::A></p>
                </div>
            }.into_any(),
            (true, None, Some(_)) => view! {
                <div class="notice" role="alert"><p>{t_string!(i18n, track.unreachable)}</p></div>
            }.into_any(),
            (true, None, None) => view! { <Loading /> }.into_any(),
            (true, Some(v), err) => view! {
                {err.map(|_| view! {
                    <div class="notice notice-offline" role="status">
                        <p>{t_string!(i18n, track.as_of, when = fetched_at.get().map(ist_display).unwrap_or_default()).to_string()}</p>
                    </div>
                })}
                <TicketDetails view=v.clone() now=now />
            }.into_any(),
        }}
        <Show when=move || takes_feedback.get()>
            <FeedbackForm number=feedback_number.clone() kind=kind.unwrap_or(TicketKind::Complaint) data=data />
        </Show>
        <Show when=move || query_open.get()>
            <QueryAnswerForm number=query_number.clone() data=data />
        </Show>
        <Show when=move || may_withdraw.get() && kind.is_some()>
            <WithdrawForm number=withdraw_number.clone() kind=kind.unwrap_or(TicketKind::Complaint) data=data />
        </Show>
    }
}

/// Where to take a complaint or an application the office got wrong: `body` (given the forum's
/// days to decide) says why, then the forum's name, address, phone (a tap calls it) and site.
#[component]
fn Forum(body: fn(Locale, u32) -> String) -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    move || {
        meta.get().map(|m| {
            let f = m.grievance_forum.clone();
            let loc = i18n.get_locale();
            // Only digits and + go into the address a tap calls.
            let tel = format!("tel:{}", f.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>());
            view! {
                <p>{body(loc, f.days)}</p>
                <p><strong>{pick(loc, &f.name)}</strong><br/>{pick(loc, &f.address)}<br/>
                {td_string!(loc, common.helpline)}": "<a href=tel>{f.phone.clone()}</a>" · "<a href=f.url.clone() rel="noopener">{f.url.clone()}</a></p>
            }
        })
    }
}

/// The printed page (status, deadline, what may be owed, the timeline; forms and buttons are
/// left off by the print stylesheet) is the case file a consumer takes to the grievance forum.
#[component]
fn PrintForForum() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p><button type="button" class="button button-secondary print-for-forum" on:click=move |_| {
            let _ = web_sys::window().map(|w| w.print());
        }>{move || t_string!(i18n, track.print_for_forum)}</button></p>
    }
}

/// "2 दिन 23 घंटे बाकी", "overdue by 1 h 5 min": the units `countdown` chose, each with its
/// singular or plural word (Hindi "1 घंटा बाकी" but "2 घंटे बाकी"; before "की देरी" the hour
/// takes the oblique form, "1 घंटे की देरी", which is the plural's word).
fn countdown_text(loc: Locale, c: Countdown) -> String {
    let span = c
        .parts
        .iter()
        .flatten()
        .map(|&(unit, n)| match (unit, n) {
            (Unit::Day, 1) => td_string!(loc, track.span_day).to_string(),
            (Unit::Day, n) => td_string!(loc, track.span_days, n = n).to_string(),
            (Unit::Hour, 1) if !c.overdue => td_string!(loc, track.span_hour).to_string(),
            (Unit::Hour, n) => td_string!(loc, track.span_hours, n = n).to_string(),
            (Unit::Minute, n) => td_string!(loc, track.span_minutes, n = n).to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    if c.overdue {
        td_string!(loc, track.overdue_by, span = span).to_string()
    } else {
        td_string!(loc, track.time_left, span = span).to_string()
    }
}

#[component]
fn TicketDetails(view: TicketView, now: RwSignal<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    let status = view.status;
    let expected = parse_rfc3339(&view.expected_by).unwrap_or(0);
    let open = status.with_office();
    let office = view.office.name.clone();
    let updates = view.updates.clone();
    let subject = super::subject_of(view.kind, Some(view.category.clone()), Some(view.subcategory.clone()));
    let subject_label = move || match view.kind {
        TicketKind::Complaint => t_string!(i18n, track.problem),
        TicketKind::Application => t_string!(i18n, track.connection),
    };
    let filed = parse_rfc3339(&view.created_at).map(ist_display);
    let left_here = use_my_tickets().0.with_untracked(|l| l.iter().any(|t| t.number == view.number && t.photo_left));
    // The office's query: the last day to answer it, and whether that day has passed (India date).
    let answer_by = view.answer_by.as_deref().and_then(parse_date);
    let answer_late = Memo::new(move |_| answer_by.is_some_and(|d| ist_today(now.get()) > d));
    // Recomputed each tick while open: the amount grows with every whole day of delay.
    let owed = {
        let view = view.clone();
        Memo::new(move |_| meta.get().and_then(|m| compensation::due(&m.compensation, &view, now.get())))
    };
    // The panel is drawn again only when the deadline passes, not on every tick of the clock
    // (that would take the keyboard focus off its button); the figure inside follows the clock.
    let late = Memo::new(move |_| status.overdue(expected, now.get()));
    // Before the deadline, what a late fix of this fault would earn per day: a right is worth
    // more known beforehand (`owed` takes over once the deadline passes).
    let rate_hint = {
        let sub = (open && view.kind == TicketKind::Complaint).then(|| view.subcategory.clone());
        move || {
            let rate = sub
                .as_ref()
                .filter(|_| !late.get())
                .and_then(|sub| meta.get().and_then(|m| compensation::rate(&m.compensation, sub, expected)))?;
            Some(view! {
                <span class="hint" id="compensation-rate">
                    {move || t_string!(i18n, track.compensation_rate, rate = rupees(rate)).to_string()}
                </span>
            })
        }
    };
    let owed_text = move |c: Compensation| {
        let (amount, rate, days) = (rupees(c.rupees), rupees(c.rupees_per_day), c.days);
        if open {
            t_string!(i18n, track.compensation_open, rate = rate, amount = amount, days = days).to_string()
        } else {
            t_string!(i18n, track.compensation_late, rate = rate, amount = amount, days = days).to_string()
        }
    };
    view! {
        <dl class="summary-list">
            // The row is there while the catalogue that names the subject is still on its way, so
            // the status below it does not move down when the name arrives.
            {move || (subject.with(Option::is_some) || (meta.get().is_none() && !meta.failed())).then(|| view! {
                <div class="summary-row"><dt>{subject_label}</dt><dd id="subject">{move || subject.get()}</dd></div>
            })}
            {filed.map(|f| view! {
                <div class="summary-row"><dt>{move || t_string!(i18n, ack.filed_at)}</dt><dd id="filed-at">{f}</dd></div>
            })}
            <div class="summary-row"><dt>{move || t_string!(i18n, track.status)}</dt><dd><StatusTag status=Signal::derive(move || status) /></dd></div>
            <div class="summary-row"><dt>{move || t_string!(i18n, track.office)}</dt><dd>{move || pick(i18n.get_locale(), &office)}</dd></div>
            <div class="summary-row"><dt>{move || t_string!(i18n, track.expected_by)}</dt><dd>
                // A deadline that will be set afresh by the applicant's answer is no date to show.
                {if status == Status::QueryRaised {
                    view! { <span id="clock-paused">{move || t_string!(i18n, track.clock_paused)}</span> }.into_any()
                } else if status == Status::Feasible {
                    view! { <span id="clock-paused">{move || t_string!(i18n, track.clock_paused_fees)}</span> }.into_any()
                } else {
                    view! {
                        {ist_display(expected)}
                        {open.then(|| view! {
                            <span class="countdown">" ("{move || countdown_text(i18n.get_locale(), countdown(now.get(), expected))}")"</span>
                        })}
                        {rate_hint}
                    }.into_any()
                }}
            </dd></div>
            {answer_by.map(|day| view! {
                <div class="summary-row"><dt>{move || t_string!(i18n, track.answer_by)}</dt><dd id="answer-by">
                    <strong>{civil_display(day)}</strong>
                    <span class="hint">{move || if answer_late.get() {
                        t_string!(i18n, track.answer_by_passed)
                    } else {
                        t_string!(i18n, track.answer_by_hint)
                    }}</span>
                </dd></div>
            })}
            {move || owed.get().filter(|c| !open && c.days > 0).map(|c| view! {
                <div class="summary-row"><dt>{t_string!(i18n, track.compensation)}</dt><dd id="compensation">{owed_text(c)}
                    <PrintForForum /></dd></div>
            })}
            <div class="summary-row"><dt>{move || t_string!(i18n, track.contact)}</dt><dd>{view.contact.clone()}</dd></div>
            // A photo chosen on this device that could not go says so, rather than no row at all.
            {(view.photo || left_here).then(|| view! {
                <div class="summary-row"><dt>{move || t_string!(i18n, check.photo)}</dt><dd id="photo">{move || if view.photo {
                    t_string!(i18n, track.photo_sent)
                } else {
                    t_string!(i18n, track.photo_left)
                }}</dd></div>
            })}
            {view.feedback.as_ref().and_then(|f| f.rating).map(|r| view! {
                <div class="summary-row"><dt>{move || t_string!(i18n, track.your_rating)}</dt><dd id="rated">
                    <span aria-hidden="true">{format!("{} ", "★".repeat(r.into()))}</span>
                    {move || t_string!(i18n, feedback.out_of_five, rating = r).to_string()}
                </dd></div>
            })}
            // A released connection's account: masked, since anyone with the number reads this
            // page; the full number went by SMS to the mobile above.
            {view.account_masked.clone().map(|account| {
                let contact = view.contact.clone();
                view! {
                    <div class="summary-row"><dt>{move || t_string!(i18n, track.account)}</dt><dd id="account">
                        <strong>{account}</strong>
                        <span class="hint">{move || t_string!(i18n, track.account_sent, mobile = contact.clone()).to_string()}</span>
                    </dd></div>
                }
            })}
        </dl>
        {move || late.get().then(|| view! {
            <div class="warning-panel" role="region" aria-labelledby="overdue-title">
                <h2 id="overdue-title">{t_string!(i18n, track.overdue_title)}</h2>
                <Forum body=|loc, days| td_string!(loc, track.overdue_body, days = days).to_string() />
                {move || owed.get().map(|c| view! { <p id="compensation">{owed_text(c)}</p> })}
                <PrintForForum />
            </div>
        })}
        // Only the Executive Engineer may refuse a connection, with reasons (the timeline has
        // them); the applicant who disagrees can take it to the forum.
        {(view.kind == TicketKind::Application && status == Status::Rejected).then(|| view! {
            <div class="warning-panel" role="region" aria-labelledby="refused-title" id="refused">
                <h2 id="refused-title">{move || t_string!(i18n, track.refused_title)}</h2>
                <Forum body=|loc, days| td_string!(loc, track.refused_body, days = days).to_string() />
                <PrintForForum />
            </div>
        })}
        {(status == Status::Feasible).then(|| match view.amount_due_rupees {
            Some(due) => view! { <PayFees number=view.number.clone() due /> }.into_any(),
            // A backend that has not priced it (a tariff its fee schedule lacks) leaves nothing to
            // pay here: the applicant is told where the amount comes from, not left waiting.
            None => view! {
                <div class="notice" role="region" aria-labelledby="pay-title" id="pay">
                    <h2 class="notice-title" id="pay-title">{move || t_string!(i18n, track.pay_title)}</h2>
                    <p id="pay-unpriced">{move || t_string!(i18n, track.pay_unpriced)}</p>
                </div>
            }.into_any(),
        })}
        // An application withdrawn or rejected goes no further: its stages would read as still to come.
        {(view.kind == TicketKind::Application && !matches!(status, Status::Withdrawn | Status::Rejected)).then(|| {
            let asked = view.updates.iter().any(|u| u.status == Status::QueryRaised);
            view! {
                <h2>{move || t_string!(i18n, track.stages)}</h2>
                <ol class="stages">
                    {status.application_stages(asked).into_iter().map(|(s, stage)| {
                        let state = match stage { Stage::Done => "done", Stage::Current => "current", Stage::ToCome => "todo" };
                        // The applicant's own step, now: said in so many words, not left to the colour.
                        // (The ticket's status, not the stage's: an answer sent is the office's to read.)
                        let yours = stage == Stage::Current && status.stage_actor() == Some(Actor::Applicant);
                        view! {
                            <li class=format!("stage stage-{state}") aria-current=(state == "current").then_some("step")>
                                <span class="stage-name">{move || status_label(i18n.get_locale(), s)}</span>
                                {yours.then(|| view! { " " <strong class="tag tag-blue stage-yours">{move || t_string!(i18n, stage.your_turn)}</strong> })}
                                <span class="stage-who">{move || stage_text(i18n.get_locale(), s)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
        })}
        <h2>{move || t_string!(i18n, track.timeline)}</h2>
        <ol class="timeline">
            {updates.into_iter().rev().map(|u| {
                let note = u.note.clone();
                let (s, kind) = (u.status, u.kind);
                // A repeat does not move the ticket, so its status would only echo the line before.
                let label = move || match kind {
                    UpdateKind::ReportedAgain => t_string!(i18n, track.reported_again),
                    UpdateKind::Status => status_label(i18n.get_locale(), s),
                };
                view! {
                    <li class="timeline-item">
                        <strong>{label}</strong>
                        <span class="hint">" — "{parse_rfc3339(&u.at).map(ist_display).unwrap_or_default()}</span>
                        <p>{move || pick(i18n.get_locale(), &note)}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// What happens at a stage of an application, and who does it (`Status::stage_actor`): one whole
/// sentence per stage, so each language words it its own way.
fn stage_text(loc: Locale, s: Status) -> &'static str {
    match s {
        Status::Submitted => td_string!(loc, stage.submitted),
        Status::DocScrutiny => td_string!(loc, stage.doc_scrutiny),
        Status::QueryRaised => td_string!(loc, stage.query_raised),
        Status::InspectionScheduled => td_string!(loc, stage.inspection_scheduled),
        Status::Feasible => td_string!(loc, stage.feasible),
        Status::ChargesPaid => td_string!(loc, stage.charges_paid),
        Status::InstallationScheduled => td_string!(loc, stage.installation_scheduled),
        Status::ConnectionReleased => td_string!(loc, stage.connection_released),
        _ => "",
    }
}

/// "Pay the fees": the amount the office asks for, and a button that starts an attempt and goes
/// to the gateway's page. Nothing here is typed, so there is no draft to keep. Not at a kiosk: the
/// bank's page has no on-screen keyboard and no idle wipe, so a card number typed there could be
/// left for the next stranger; the person pays from their own phone instead.
#[component]
fn PayFees(number: String, due: u32) -> impl IntoView {
    let i18n = use_i18n();
    let kiosk = crate::assist::use_mode().is_kiosk();
    let (going, failure) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    // Back from the bank's page, a browser that kept this page whole (back/forward cache) shows
    // it as it was left, "opening…": ready it again.
    let shown = window_event_listener_untyped("pageshow", move |_| going.set(false));
    on_cleanup(move || shown.remove());
    let amount = rupees(due);
    let pay = move |_| {
        if going.get_untracked() {
            return;
        }
        going.set(true);
        failure.set(None);
        let number = number.clone();
        spawn_local(async move {
            let started = api::start_payment(&number, super::track_url(&number)).await;
            match started.map(|p| p.pay_url.as_deref().and_then(api::gateway_address)) {
                Ok(Some(to)) => {
                    // The page stays "going" until the browser has left it.
                    let _ = web_sys::window().map(|w| w.location().assign(&to));
                }
                Ok(None) => {
                    failure.set(Some(ApiError::Server(502)));
                    going.set(false);
                }
                Err(e) => {
                    failure.set(Some(e));
                    going.set(false);
                }
            }
        });
    };
    let body = {
        let amount = amount.clone();
        move || t_string!(i18n, track.pay_body, amount = amount.clone()).to_string()
    };
    let button = move || {
        if going.get() {
            t_string!(i18n, track.pay_going).to_string()
        } else {
            t_string!(i18n, track.pay_button, amount = amount.clone()).to_string()
        }
    };
    view! {
        <div class="notice" role="region" aria-labelledby="pay-title" id="pay">
            <h2 class="notice-title" id="pay-title">{move || t_string!(i18n, track.pay_title)}</h2>
            <p>{body}</p>
            {kiosk.then(|| view! { <p id="pay-elsewhere"><strong>{move || t_string!(i18n, track.pay_not_at_kiosk)}</strong></p> })}
            {move || failure.get().map(|e| {
                let loc = i18n.get_locale();
                // Nothing the person typed can be wrong here: a refusal other than "its status has
                // just changed" is the backend's, and the helpline is the way on.
                let text = match e {
                    ApiError::Network | ApiError::Timeout => td_string!(loc, track.pay_network).to_string(),
                    ApiError::Fields(_) | ApiError::NotFound | ApiError::Unauthorized => td_string!(loc, track.pay_refused).to_string(),
                    ApiError::Refused { status, .. } if status != 409 => td_string!(loc, track.pay_refused).to_string(),
                    e => crate::pages::complaint::submit_error_text(loc, &e),
                };
                view! { <p class="error-message" role="alert" id="pay-error">{text}</p> }
            })}
            {(!kiosk).then(|| view! {
                <button type="button" class="button" id="pay-button" aria-disabled=move || going.get().to_string() on:click=pay.clone()>{button.clone()}</button>
            })}
        </div>
    }
}

/// What came of a payment, read from the backend: paid (with the bank's reference, and the
/// ticket fetched again at once so it shows "Fees paid"), failed (nothing taken, try again), or
/// still waiting for the bank (asked again every two seconds for a minute).
#[component]
fn PaymentResult(number: String, id: String, data: RwSignal<Option<TicketView>>) -> impl IntoView {
    use crate::domain::wire::{Payment, PaymentState};
    let i18n = use_i18n();
    let seen = RwSignal::new(None::<Payment>);
    let unknown = RwSignal::new(false);
    let alive = super::alive();
    spawn_local(async move {
        for _ in 0..30 {
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            match api::payment(&number, &id).await {
                Ok(p) if p.state == PaymentState::Pending => seen.set(Some(p)),
                Ok(p) => {
                    let paid = p.state == PaymentState::Paid;
                    seen.set(Some(p));
                    if paid {
                        if let Ok(Fetched::Fresh { value, .. }) = api::ticket(&number, None).await {
                            data.set(Some(value));
                        }
                    }
                    return;
                }
                // A made-up or another application's attempt: nothing to say about it.
                Err(ApiError::NotFound) => return,
                Err(_) => unknown.set(true),
            }
            sleep_ms(2000).await;
        }
    });
    move || {
        let loc = i18n.get_locale();
        match seen.get() {
            Some(p) if p.state == PaymentState::Paid => {
                let reference = p.reference.clone().unwrap_or_default();
                let text = td_string!(loc, track.paid_body, amount = rupees(p.amount_rupees), reference = reference);
                view! {
                    <div class="notice notice-success" role="status" id="payment-result">
                        <h2 class="notice-title">{td_string!(loc, track.paid_title)}</h2>
                        <p>{text.to_string()}</p>
                        // What a café operator hands the applicant: the page, with the reference.
                        <p><button type="button" class="button button-secondary" id="print-receipt" on:click=move |_| {
                            let _ = web_sys::window().map(|w| w.print());
                        }>{td_string!(loc, track.print_receipt)}</button></p>
                    </div>
                }
                .into_any()
            }
            Some(p) if p.state == PaymentState::Failed => view! {
                <div class="notice notice-error" role="alert" id="payment-result">
                    <p>{td_string!(loc, track.pay_failed)}</p>
                </div>
            }
            .into_any(),
            Some(_) => view! {
                <div class="notice" role="status" id="payment-result"><p>{td_string!(loc, track.pay_pending)}</p></div>
            }
            .into_any(),
            None if unknown.get() => view! {
                <div class="notice" role="status" id="payment-result"><p>{td_string!(loc, track.pay_unknown)}</p></div>
            }
            .into_any(),
            None => ().into_any(),
        }
    }
}

/// An answer form's draft (feedback, a query's answer, a withdrawal): one per ticket and form,
/// resumed when the person comes back. The answers autosave; the OTP never does.
fn answer_draft(id: String) -> Draft<FeedbackDraft> {
    Draft::<FeedbackDraft>::open(DraftKind::Feedback, Some(id), FeedbackDraft::label, |_| 50)
}

/// The code checked, then the answer it confirms sent with the token it buys.
async fn verified<F, Fut>(otp_id: &str, code: &str, send: F) -> Result<TicketView, ApiError>
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = Result<TicketView, ApiError>>,
{
    send(api::verify_otp(otp_id, code).await?.token).await
}

/// What an answer form does with the backend's answer: the ticket as it is now (and the draft
/// goes), a field's problem beside that field, anything else under the code.
fn settle(
    result: Result<TicketView, ApiError>,
    draft: Draft<FeedbackDraft>,
    data: RwSignal<Option<TicketView>>,
    otp: OtpConfirm,
    fail: impl Fn(Vec<FieldError>),
) {
    match result {
        Ok(v) => {
            otp.errors.clear();
            draft.remove();
            data.set(Some(v));
        }
        Err(ApiError::Fields(f)) => fail(f),
        Err(e) => otp.failure.set(Some(e)),
    }
}

/// "Was it really fixed?": the consumer closes (with a rating) or reopens (with a reason),
/// confirmed with an OTP to the mobile that filed the complaint.
#[component]
fn FeedbackForm(number: String, kind: TicketKind, data: RwSignal<Option<TicketView>>) -> impl IntoView {
    let i18n = use_i18n();
    // An application is only rated: a connection that does not work is a complaint.
    let rating_only = kind == TicketKind::Application;
    let meta = crate::app::use_meta();
    // The answers autosave as a draft (never the OTP); the draft goes once the server accepted it.
    let draft = answer_draft(feedback::draft_id(&number));
    let d = draft.data;
    let fixed = Signal::derive(move || if rating_only { "yes".to_string() } else { d.with(|x| x.fixed.clone()) });
    let rating = Signal::derive(move || d.with(|x| x.rating.clone()));
    let comment = Signal::derive(move || d.with(|x| x.comment.clone()));
    let mobile = Signal::derive(move || d.with(|x| x.mobile.clone()));
    let errors = FormErrors::default();
    let otp = OtpConfirm::new(errors);
    let (failure, pending) = (otp.failure, RwSignal::new(false));
    let key = StoredValue::new(api::new_idempotency_key());

    let fail = move |e: Vec<FieldError>| errors.fail(e);
    let check = move || -> Vec<FieldError> {
        let mut e = vec![];
        if fixed.get_untracked().is_empty() {
            e.push(FieldError::new("resolved", ErrorCode::Required));
        }
        if fixed.get_untracked() == "yes" && rating.get_untracked().is_empty() {
            e.push(FieldError::new("rating", ErrorCode::Required));
        }
        if fixed.get_untracked() == "no" && comment.get_untracked().trim().is_empty() {
            e.push(FieldError::new("comment", ErrorCode::Required));
        }
        if let Err(c) = validate::mobile(&mobile.get_untracked()) {
            e.push(FieldError::new("mobile", c));
        }
        e
    };
    let number_c = number.clone();
    let submit = move |_: ()| {
        if pending.get_untracked() {
            return;
        }
        let mut e = check();
        let confirmed = otp.check(meta.get().map(|m| m.limits.otp_length).unwrap_or(6), &mut e);
        let Some((id, c)) = confirmed.filter(|_| e.is_empty()) else { return fail(e) };
        let fb = Feedback {
            resolved: fixed.get_untracked() == "yes",
            rating: rating.get_untracked().parse().ok(),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        let n = number_c.clone();
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            let result =
                verified(&id, &c, |tok| async move { api::feedback(&n, kind, &fb, &tok, &key.get_value()).await })
                    .await;
            pending.set(false);
            settle(result, draft, data, otp, fail);
        });
    };
    let submit = Callback::new(move |()| submit(()));
    let msg = move |f: &'static str| errors.message(f);
    let yes_no = Signal::derive(move || {
        vec![
            RadioOption { value: "yes".into(), label: t_string!(i18n, feedback.yes).into(), hint: None, icon: None },
            RadioOption { value: "no".into(), label: t_string!(i18n, feedback.no).into(), hint: None, icon: None },
        ]
    });
    let ratings = Signal::derive(move || {
        (1..=5)
            .rev()
            .map(|r| RadioOption {
                value: r.to_string(),
                label: t_string!(i18n, feedback.out_of_five, rating = r).to_string(),
                hint: None,
                // Drawn for the eye; a screen reader says "4 out of 5", not "black star" four times.
                icon: Some(TileIcon::Text("★".repeat(r))),
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel-feedback no-print" aria-labelledby="feedback-title">
            <h2 id="feedback-title">{move || match rating_only {
                true => t_string!(i18n, feedback.connection_title),
                false => t_string!(i18n, feedback.title),
            }}</h2>
            <ErrorSummary items=errors.summary() attempt=errors.attempt />
            {match rating_only {
                true => view! {
                    <p>{move || t_string!(i18n, feedback.connection_intro)}</p>
                    <p><leptos_router::components::A href="/complaint/new" attr:id="report-problem">{move || t_string!(i18n, home.complaint_title)}</leptos_router::components::A></p>
                }.into_any(),
                false => view! {
                    <Radios name="resolved" legend=Signal::derive(move || t_string!(i18n, feedback.question).to_string())
                        options=yes_no value=fixed on_change=move |v: String| d.update(|x| x.fixed = v) error=msg("resolved") />
                }.into_any(),
            }}
            <Show when=move || fixed.get() == "yes">
                <Radios name="rating" legend=Signal::derive(move || t_string!(i18n, feedback.rating).to_string())
                    options=ratings value=rating on_change=move |v: String| d.update(|x| x.rating = v) error=msg("rating") />
            </Show>
            <Show when=move || !fixed.get().is_empty()>
                <TextArea name="comment"
                    label=Signal::derive(move || if fixed.get() == "no" { t_string!(i18n, feedback.reason).to_string() } else { t_string!(i18n, feedback.comment).to_string() })
                    value=comment on_input=move |v: String| d.update(|x| x.comment = v) error=msg("comment")
                    max=Signal::derive(move || meta.get().map(|m| m.limits.comment_max).unwrap_or(500)) />
                <TextField name="mobile" input_type="tel" inputmode="tel" autocomplete="tel-national"
                    label=Signal::derive(move || match rating_only {
                        true => t_string!(i18n, feedback.mobile_application).to_string(),
                        false => t_string!(i18n, feedback.mobile).to_string(),
                    })
                    hint=Signal::derive(move || t_string!(i18n, feedback.mobile_hint).to_string())
                    value=mobile on_input=move |v: String| d.update(|x| x.mobile = v) error=msg("mobile") class="input-w10" />
                <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Feedback />
                <crate::components::SaveStatus state=draft.state />
                <button type="button" class="button" disabled=move || pending.get() on:click=move |_| submit.run(())>
                    {move || t_string!(i18n, feedback.submit)}
                </button>
            </Show>
        </section>
    }
}

/// "Withdraw this complaint / application", folded away under its title: the reason, the
/// person's own words, and an OTP to the mobile that filed it. The office stops work on it.
#[component]
fn WithdrawForm(number: String, kind: TicketKind, data: RwSignal<Option<TicketView>>) -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    let draft = answer_draft(feedback::withdraw_draft_id(&number));
    let d = draft.data;
    let reason = Signal::derive(move || d.with(|x| x.reason.clone()));
    let comment = Signal::derive(move || d.with(|x| x.comment.clone()));
    let mobile = Signal::derive(move || d.with(|x| x.mobile.clone()));
    let errors = FormErrors::default();
    let otp = OtpConfirm::named(errors, "withdraw_");
    let (failure, pending) = (otp.failure, RwSignal::new(false));
    let key = StoredValue::new(api::new_idempotency_key());
    // The answer form of a raised query can be on the page too, so every field here is named
    // apart (`withdraw_…`); the backend's and the shared checks' field names are renamed to match.
    let apart = move |f: FieldError| FieldError { field: otp.field(&f.field), ..f };
    let fail = move |e: Vec<FieldError>| errors.fail(e.into_iter().map(apart).collect());
    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        let w = Withdrawal {
            reason: reason.get_untracked(),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        let mut e = match meta.get() {
            Some(m) => validate::withdrawal(&w, kind, &m).err().unwrap_or_default(),
            None => vec![],
        };
        if let Err(c) = validate::mobile(&mobile.get_untracked()) {
            e.push(FieldError::new("mobile", c));
        }
        let mut e: Vec<FieldError> = e.into_iter().map(apart).collect();
        // The code's check names its field itself.
        let confirmed = otp.check(meta.get().map(|m| m.limits.otp_length).unwrap_or(6), &mut e);
        let Some((id, c)) = confirmed.filter(|_| e.is_empty()) else { return errors.fail(e) };
        let n = number.clone();
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            let result =
                verified(&id, &c, |tok| async move { api::withdraw(&n, kind, &w, &tok, &key.get_value()).await }).await;
            pending.set(false);
            settle(result, draft, data, otp, fail);
        });
    };
    let msg = move |f: &'static str| errors.message(f);
    let reasons = Signal::derive(move || {
        let loc = i18n.get_locale();
        crate::domain::wire::withdraw_reasons(kind)
            .iter()
            .map(|r| RadioOption {
                value: r.to_string(),
                label: match *r {
                    "fixed" => td_string!(loc, withdraw.fixed),
                    "not_needed" => td_string!(loc, withdraw.not_needed),
                    "duplicate" => td_string!(loc, withdraw.duplicate),
                    _ => td_string!(loc, withdraw.other),
                }
                .into(),
                hint: None,
                icon: None,
            })
            .collect::<Vec<_>>()
    });
    let title = move || match kind {
        TicketKind::Complaint => t_string!(i18n, withdraw.title_complaint),
        TicketKind::Application => t_string!(i18n, withdraw.title_application),
    };
    // Open by itself when something was already typed (a reload, or a way back to the page).
    let open = !reason.get_untracked().is_empty() || !comment.get_untracked().is_empty();
    view! {
        <details class="details no-print" id="withdraw" open=open>
            <summary class="details-summary">{title}</summary>
            <div class="details-text">
                <p>{move || match kind {
                    TicketKind::Complaint => t_string!(i18n, withdraw.intro_complaint),
                    TicketKind::Application => t_string!(i18n, withdraw.intro_application),
                }}</p>
                {move || data.with(|v| v.as_ref().is_some_and(|v| v.status.fees_paid())).then(|| view! {
                    <p id="withdraw-refund"><strong>{t_string!(i18n, withdraw.refund)}</strong></p>
                })}
                <ErrorSummary items=errors.summary() attempt=errors.attempt />
                <Radios name="withdraw_reason" legend=Signal::derive(move || t_string!(i18n, withdraw.reason).to_string())
                    options=reasons value=reason on_change=move |v: String| d.update(|x| x.reason = v) error=msg("withdraw_reason") />
                <TextArea name="withdraw_comment"
                    label=Signal::derive(move || if reason.get() == "other" { t_string!(i18n, withdraw.comment_other).to_string() } else { t_string!(i18n, withdraw.comment).to_string() })
                    value=comment on_input=move |v: String| d.update(|x| x.comment = v) error=msg("withdraw_comment")
                    max=Signal::derive(move || meta.get().map(|m| m.limits.comment_max).unwrap_or(500)) />
                <TextField name="withdraw_mobile" input_type="tel" inputmode="tel" autocomplete="tel-national"
                    label=Signal::derive(move || t_string!(i18n, withdraw.mobile).to_string())
                    hint=Signal::derive(move || t_string!(i18n, withdraw.mobile_hint).to_string())
                    value=mobile on_input=move |v: String| d.update(|x| x.mobile = v) error=msg("withdraw_mobile") class="input-w10" />
                <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Withdraw />
                <crate::components::SaveStatus state=draft.state />
                <button type="button" class="button button-warning" disabled=move || pending.get() on:click=move |_| submit()>
                    {move || t_string!(i18n, withdraw.submit)}
                </button>
            </div>
        </details>
    }
}

/// The name a kiosk camera's still is sent under.
const KIOSK_PHOTO: &str = "document.jpg";

/// The office asked a question about an application: answer it (optionally with a document),
/// confirmed with an OTP to the applicant's mobile.
#[component]
fn QueryAnswerForm(number: String, data: RwSignal<Option<TicketView>>) -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    let draft = answer_draft(feedback::query_draft_id(&number));
    let d = draft.data;
    let message = Signal::derive(move || d.with(|x| x.comment.clone()));
    let mobile = Signal::derive(move || d.with(|x| x.mobile.clone()));
    let doc_type = RwSignal::new("ownership_proof".to_string());
    let errors = FormErrors::default();
    let otp = OtpConfirm::new(errors);
    let (failure, pending) = (otp.failure, RwSignal::new(false));
    let file_input = NodeRef::<leptos::html::Input>::new();
    let file_name = RwSignal::new(None::<String>);
    // A kiosk photographs the document with its own camera instead (`components::camera`).
    let kiosk = crate::assist::use_mode().is_kiosk();
    let taken = StoredValue::new_local(None::<web_sys::Blob>);
    let question = move || {
        data.with(|v| {
            v.as_ref().and_then(|v| {
                v.updates
                    .iter()
                    .rev()
                    .find(|u| u.status == Status::QueryRaised)
                    .map(|u| pick(i18n.get_locale(), &u.note))
            })
        })
    };
    let fail = move |e: Vec<FieldError>| errors.fail(e);
    let n = number.clone();
    let submit = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        let len = meta.get().map(|m| m.limits.otp_length).unwrap_or(6);
        let mut e = vec![];
        if message.get_untracked().trim().is_empty() {
            e.push(FieldError::new("comment", ErrorCode::Required));
        }
        if let Err(c) = validate::mobile(&mobile.get_untracked()) {
            e.push(FieldError::new("mobile", c));
        }
        let confirmed = otp.check(len, &mut e);
        let Some((id, c)) = confirmed.filter(|_| e.is_empty()) else { return fail(e) };
        let chosen = file_input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0));
        let file =
            chosen.map(|f| (f.clone().into(), f.name())).or_else(|| taken.get_value().map(|b| (b, KIOSK_PHOTO.into())));
        let (n, msg, doc) = (n.clone(), message.get_untracked(), doc_type.get_untracked());
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            let mut upload_ids = vec![];
            let mut result = Ok(());
            if let Some((blob, name)) = file {
                match api::upload(&doc, &blob, &name).await {
                    Ok(r) => upload_ids.push(r.upload_id),
                    Err(e) => result = Err(e),
                }
            }
            let result = match result {
                Ok(()) => {
                    let answer = QueryResponse { message: msg, upload_ids };
                    verified(&id, &c, |tok| async move { api::answer_query(&n, &answer, &tok).await }).await
                }
                Err(e) => Err(e),
            };
            pending.set(false);
            settle(result, draft, data, otp, fail);
        });
    });
    let msg = move |f: &'static str| errors.message(f);
    let docs = Signal::derive(move || {
        let loc = i18n.get_locale();
        meta.get()
            .map(|m| m.documents.iter().map(|d| (d.code.clone(), pick(loc, &d.name))).collect())
            .unwrap_or_default()
    });
    view! {
        <section class="panel-feedback no-print" aria-labelledby="query-title">
            <h2 id="query-title">{move || t_string!(i18n, query.title)}</h2>
            <div class="notice"><p>{question}</p></div>
            <ErrorSummary items=errors.summary() attempt=errors.attempt />
            <TextArea name="comment" label=Signal::derive(move || t_string!(i18n, query.answer).to_string())
                value=message on_input=move |v: String| d.update(|x| x.comment = v) error=msg("comment")
                max=Signal::derive(move || meta.get().map(|m| m.limits.comment_max).unwrap_or(500)) />
            <crate::components::SelectField name="document_type"
                label=Signal::derive(move || t_string!(i18n, query.document_type).to_string())
                placeholder=Signal::derive(move || t_string!(i18n, query.document_type).to_string())
                options=docs value=doc_type on_change=move |v: String| doc_type.set(v) error=msg("document_type") />
            <div class="form-group" class:form-group-error=move || msg("file").with(Option::is_some)>
                <label class="label" for=(!kiosk).then_some("f-file")>{move || t_string!(i18n, query.file)}</label>
                {move || msg("file").get().map(|e| view! { <p class="error-message" id="file-error">{e}</p> })}
                // The browser's own control speaks the browser's language: hidden, with our button
                // and the chosen file's name (as the application's documents, `pages::upload`).
                <div class="file-choices">
                    {if kiosk {
                        view! {
                            <crate::app::KioskCamera facing="environment"
                                label=Signal::derive(move || t_string!(i18n, apply.take_photo).to_string())
                                what=Signal::derive(move || t_string!(i18n, query.file).to_string())
                                on_taken=move |b| {
                                    taken.set_value(Some(b));
                                    file_name.set(Some(KIOSK_PHOTO.into()));
                                } />
                        }
                        .into_any()
                    } else {
                        view! {
                            <input type="file" id="f-file" class="file-input-hidden" accept="image/jpeg,image/png,application/pdf" node_ref=file_input
                                aria-describedby=move || msg("file").with(Option::is_some).then_some("file-error")
                                on:change=move |_| file_name.set(file_input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0)).map(|f| f.name())) />
                            <label class="button button-secondary file-button" for="f-file">{move || t_string!(i18n, apply.choose_file)}</label>
                        }
                        .into_any()
                    }}
                    {move || file_name.get().map(|n| view! { <span class="file-name" id="f-file-name">{n}</span> })}
                </div>
            </div>
            <TextField name="mobile" input_type="tel" inputmode="tel" autocomplete="tel-national"
                label=Signal::derive(move || t_string!(i18n, query.mobile).to_string())
                value=mobile on_input=move |v: String| d.update(|x| x.mobile = v) error=msg("mobile") class="input-w10" />
            <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Connection />
            <crate::components::SaveStatus state=draft.state />
            <button type="button" class="button" disabled=move || pending.get() on:click=move |_| submit.run(())>{move || t_string!(i18n, query.submit)}</button>
        </section>
    }
}

//! Step 5: check your answers (a Change link per row that returns here), then send. One
//! Idempotency-Key per submission, saved with the draft and reused for every retry; the button
//! cannot double-submit; the draft is removed only once the number is confirmed.
use super::{back_href, clear_active, done_href, keep_same_place, submit_error_text, use_flow};
use crate::api::{self, ApiError};
use crate::components::{subject_text, BackLink, ErrorSummary, RetryNotice, SummaryRow};
use crate::domain::assist::Mode;
use crate::domain::complaint::{location_text, ComplaintDraft, Step};
use crate::domain::documents::Documents;
use crate::domain::outbox::OutboxItem;
use crate::domain::ticket::TicketKind;
use crate::domain::tickets::{subject, MyTicket};
use crate::domain::wire::{ComplaintRequest, Meta};
use crate::domain::{ErrorCode, FieldError};
use crate::i18n::*;
use crate::offline::photo::{self, Photo};
use crate::pages::{PageTitle, WithMeta};
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

fn rows(loc: Locale, d: &ComplaintDraft, m: &Meta, mode: &Mode) -> Vec<(&'static str, String, Step)> {
    let not_given = || td_string!(loc, common.not_provided).to_string();
    let or_not = |s: &str| if s.trim().is_empty() { not_given() } else { s.to_string() };
    let district = m.district(&d.district).map(|x| pick(loc, &x.name)).unwrap_or_default();
    let started = match d.started.as_str() {
        "just_now" => td_string!(loc, details.just_now).to_string(),
        "today" => td_string!(loc, details.today).to_string(),
        "yesterday" => td_string!(loc, details.yesterday).to_string(),
        "earlier" => td_string!(loc, details.earlier).to_string(),
        _ => not_given(),
    };
    let mut r = vec![];
    if d.account_choice == "account" {
        r.push((td_string!(loc, consumer.account), d.account_number.clone(), Step::Consumer));
    } else {
        r.push((td_string!(loc, consumer.address), or_not(&d.address), Step::Consumer));
        r.push((td_string!(loc, consumer.landmark), or_not(&d.landmark), Step::Consumer));
        if let Some(l) = d.location_to_send(&mode.filed_by()) {
            r.push((td_string!(loc, check.location), location_text(l), Step::Consumer));
        }
    }
    r.push((td_string!(loc, consumer.district), district, Step::Consumer));
    r.push((
        td_string!(loc, check.problem),
        subject(m, TicketKind::Complaint, &d.category, Some(&d.subcategory))
            .map(|s| subject_text(loc, s))
            .unwrap_or_default(),
        Step::Problem,
    ));
    r.push((td_string!(loc, details.title), d.description.clone(), Step::Details));
    r.push((td_string!(loc, details.when), started, Step::Details));
    // Where the step offers no photo, its check page has no row for one.
    if let Some(p) = m.complaint_photo.as_ref().filter(|_| mode.may_attach_photo()) {
        let photo = match (d.uploaded(&p.code), d.waiting(&p.code)) {
            (Some(u), _) => u.file_name.clone(),
            (None, Some(w)) => format!("{} ({})", w.file_name, td_string!(loc, apply.waiting_upload)),
            (None, None) if d.photo_left => td_string!(loc, check.photo_left).to_string(),
            (None, None) => not_given(),
        };
        r.push((td_string!(loc, check.photo), photo, Step::Details));
    }
    if !d.is_anonymous(m) {
        r.push((td_string!(loc, contact.name), d.name.clone(), Step::Contact));
    }
    r.push((td_string!(loc, contact.mobile), d.mobile.clone(), Step::Contact));
    r.push((
        td_string!(loc, contact.updates_language),
        if d.updates_language == "en" { "English".into() } else { "हिन्दी".into() },
        Step::Contact,
    ));
    r
}

#[component]
pub fn CheckStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let tickets = use_my_tickets();
    let navigate = use_navigate();
    flow.enter(Step::Check);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let mode = crate::assist::use_mode();
    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        let Some(m) = meta.get() else { return };
        let loc = i18n.get_locale_untracked();
        let mut req = match flow.draft.data.with_untracked(|d| d.to_request(&m, to_wire(loc), mode.filed_by())) {
            Ok(r) => r,
            Err(errors) => {
                let step = Step::of_field(&errors[0].field);
                flow.errors.list.set(errors);
                return navigate(&format!("{}&from=check", flow.href(step)), Default::default());
            }
        };
        let outbox = crate::offline::outbox::use_outbox();
        let token = flow
            .otp
            .with_untracked(|o| {
                (o.token_mobile.as_deref() == Some(req.mobile.as_str())).then(|| o.token.clone()).flatten()
            })
            .or_else(|| outbox.token_for(&req.mobile));
        let Some(token) = token else {
            // The verification lives only in memory (it may have been lost on reload).
            flow.otp.set(Default::default());
            flow.errors.list.set(vec![FieldError::new("code", ErrorCode::NotAllowed)]);
            return navigate(&format!("{}&from=check", flow.href(Step::Contact)), Default::default());
        };
        let key = flow.draft.idempotency_key();
        outbox.remember_token_quietly(&req.mobile, &token);
        // Where and who, for one more problem at the same place (`keep_same_place`); never on a
        // kiosk, where the next person to touch the screen is a stranger, who would find this
        // person's name and whole mobile number in the form (the confirmation shows it masked).
        let keep_place = {
            let kiosk = mode.is_kiosk();
            move |of: &str| {
                if !kiosk {
                    flow.draft.data.with_untracked(|d| keep_same_place(of, d));
                }
            }
        };
        // A photo chosen offline, waiting on the device: uploaded before the complaint is sent.
        let waiting_photo = flow.draft.data.with_untracked(|d| d.waiting_photo().map(|p| p.document_type.clone()));
        // Offline (or the send fails on the network): the outbox keeps it and sends it later. The
        // request as it is then: it names the photo if that went up just before.
        let queue = {
            let (key, navigate) = (key.clone(), navigate.clone());
            move |req: &ComplaintRequest| {
                let (draft, photo_left) =
                    flow.draft.data.with_untracked(|d| (serde_json::to_value(d).unwrap_or_default(), d.photo_left));
                let mut item = OutboxItem::new(key.clone(), req.mobile.clone(), req, draft, crate::pages::now());
                item.draft_id = flow.draft.id();
                item.photo_left = photo_left;
                // The direct send already failed once: the first retry waits a second.
                item.attempts = 1;
                item.next_at_ms = js_sys::Date::now() as i64 + 1000;
                outbox.enqueue(item);
                let href = format!("/complaint/queued/{key}");
                keep_place(&key);
                // A step of it reached again with Back says it was sent (`pages::filed`).
                crate::pages::filed::remember(&flow.draft.id(), None, &href);
                // The outbox sends the photo waiting on the device, under the draft's id.
                flow.draft.hand_over();
                clear_active();
                navigate(&href, Default::default());
            }
        };
        if !crate::offline::is_online() {
            return queue(&req);
        }
        pending.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            if let Some(doc) = waiting_photo {
                let id = flow.draft.id();
                match crate::app::send_kept_photo(&id, &doc).await {
                    Photo::Sent(u) => {
                        req.photo = u.to_send();
                        flow.draft.data.update(|d| d.set_uploaded(u));
                        flow.draft.save_now();
                        photo::forget_kept(&id, &doc);
                    }
                    Photo::Later(_) => {
                        pending.set(false);
                        return queue(&req);
                    }
                    // The complaint goes without it, and its confirmation says so (as does the
                    // form, if the backend sends it back for correction).
                    Photo::Dropped => {
                        flow.draft.data.update(|d| d.photo_could_not_go(&doc));
                        photo::forget_kept(&id, &doc);
                    }
                }
            }
            let result = api::create_complaint(&req, &token, &key).await;
            pending.set(false);
            match result {
                Ok(created) => {
                    let mut ticket = MyTicket::complaint_answered(
                        &created,
                        (&req.category, &req.subcategory),
                        &req.mobile,
                        crate::pages::now(),
                    );
                    ticket.photo_left = flow.draft.data.with_untracked(|d| d.photo_left);
                    tickets.upsert(ticket);
                    let href = done_href(&created.number, created.already_open);
                    crate::pages::filed::remember(&flow.draft.id(), Some(&created.number), &href);
                    keep_place(&created.number);
                    flow.draft.remove();
                    clear_active();
                    navigate(&href, Default::default());
                }
                Err(ApiError::Fields(errors)) if crate::domain::assist::refused_who_filed(&errors) => {
                    flow.errors.fail(errors);
                }
                Err(ApiError::Fields(errors)) => {
                    let step = Step::of_field(&errors[0].field);
                    flow.errors.list.set(errors);
                    navigate(&format!("{}&from=check", flow.href(step)), Default::default());
                }
                Err(ApiError::Unauthorized) => {
                    flow.otp.set(Default::default());
                    flow.errors.list.set(vec![FieldError::new("code", ErrorCode::NotAllowed)]);
                    navigate(&format!("{}&from=check", flow.href(Step::Contact)), Default::default());
                }
                Err(e) if e.is_transient() => queue(&req),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let submit = Callback::new(move |()| submit());
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, check.title).to_string()) error=flow.errors.any() />
        <BackLink href=back_href(Step::Check) />
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <h1>{move || t_string!(i18n, check.title)}</h1>
            <dl class="summary-list">
                {move || {
                    let m: Arc<Meta> = meta.get().unwrap();
                    let loc = i18n.get_locale();
                    flow.draft.data.with(|d| mode.0.with_untracked(|by| rows(loc, d, &m, by))).into_iter().map(|(label, value, step)| view! {
                        <SummaryRow label=label value=value href=format!("{}&from=check", flow.href(step)) />
                    }).collect_view()
                }}
            </dl>
            <p>{move || t_string!(i18n, check.declaration)}</p>
            {move || failure.get().map(|e| view! {
                <RetryNotice message=submit_error_text(i18n.get_locale(), &e) hint=td_string!(i18n.get_locale(), submit.kept) on_retry=submit />
            })}
            <button type="button" class="button" disabled=move || pending.get() aria-disabled=move || pending.get().then_some("true")
                on:click=move |_| submit.run(())>
                {move || if pending.get() { t_string!(i18n, check.sending) } else { t_string!(i18n, check.send) }}
            </button>
        </WithMeta>
    }
}

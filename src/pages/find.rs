//! `/find` ("Find my numbers"): for someone who has lost the SMS with their number. They confirm
//! the mobile they filed with by a code, and see what was filed with it, newest first, each a link
//! to its status page. The token and the list stay in memory: nothing of this is kept on the
//! device, which may be a cyber café's.
use super::otp::{OtpConfirm, OtpFields};
use super::PageTitle;
use crate::api::{self, ApiError};
use crate::components::messages::FormErrors;
use crate::components::{ErrorSummary, TextField, TicketLine};
use crate::domain::time::{ist_short, parse_rfc3339};
use crate::domain::validate;
use crate::domain::wire::{OtpPurpose, TicketList, TicketSummary};
use crate::domain::FieldError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

#[component]
pub fn Find() -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    let mobile = RwSignal::new(String::new());
    let errors = FormErrors::default();
    let otp = OtpConfirm::new(errors);
    let (failure, pending) = (otp.failure, RwSignal::new(false));
    let found = RwSignal::new(None::<Vec<TicketSummary>>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut e: Vec<FieldError> = vec![];
        if let Err(c) = validate::mobile(&mobile.get_untracked()) {
            e.push(FieldError::new("mobile", c));
        }
        let confirmed = otp.check(meta.get().map_or(6, |m| m.limits.otp_length), &mut e);
        let Some((id, code)) = confirmed.filter(|_| e.is_empty()) else { return errors.fail(e) };
        pending.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = match api::verify_otp(&id, &code).await {
                Ok(tok) => api::my_tickets(&tok.token).await,
                Err(e) => Err(e),
            };
            pending.set(false);
            match result {
                Ok(list) => {
                    errors.clear();
                    found.set(Some(list.tickets));
                }
                Err(ApiError::Fields(f)) => errors.fail(f),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let now = super::now();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, find.title).to_string())
            error=Signal::derive(move || errors.list.with(|l| !l.is_empty())) />
        <h1>{move || t_string!(i18n, find.title)}</h1>
        <Show when=move || found.with(Option::is_none)>
            <p>{move || t_string!(i18n, find.lead)}</p>
            <ErrorSummary items=errors.summary() attempt=errors.attempt />
            <form novalidate on:submit=submit>
                <TextField name="mobile" input_type="tel" inputmode="tel" autocomplete="tel-national" class="input-w10"
                    label=Signal::derive(move || t_string!(i18n, find.mobile).to_string())
                    hint=Signal::derive(move || t_string!(i18n, find.mobile_hint).to_string())
                    value=mobile on_input=move |v: String| mobile.set(v) error=errors.message("mobile") />
                <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Lookup />
                <button type="submit" class="button" disabled=move || pending.get()>{move || t_string!(i18n, find.submit)}</button>
            </form>
        </Show>
        {move || found.get().map(|list| if list.is_empty() {
            view! { <p class="notice" role="status">{move || t_string!(i18n, find.none)}</p> }.into_any()
        } else {
            let count = list.len();
            // The backend sends at most the newest `MAX`: say so rather than imply that is all.
            let more = count >= TicketList::MAX;
            view! {
                <p role="status">{move || if more {
                    t_string!(i18n, find.count_latest, count = count).to_string()
                } else {
                    t_string!(i18n, find.count, count = count).to_string()
                }}</p>
                <ul class="ticket-list" id="found-list">
                    {list.into_iter().map(|t| {
                        let overdue = parse_rfc3339(&t.expected_by).is_some_and(|d| t.status.overdue(d, now));
                        let when = parse_rfc3339(&t.created_at).map(ist_short).unwrap_or_default();
                        view! {
                            <li class="ticket-row">
                                <TicketLine number=t.number kind=t.kind when=when
                                    what=super::subject_of(t.kind, Some(t.category), Some(t.subcategory)) status=t.status overdue=overdue />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
        <p><A href="/track">{move || t_string!(i18n, find.have_number)}</A></p>
    }
}

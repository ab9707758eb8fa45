//! Check your answers: every section with Change links, the fee estimate, the applicant's
//! mobile confirmed by OTP, then send with one Idempotency-Key (saved with the draft, reused
//! for every retry). The draft is removed only once the backend has given a number.
use super::fees::FeeTable;
use super::tasks::section_name;
use super::{clear_active, today, use_flow, Flow, TASKS};
use crate::api::{self, ApiError};
use crate::components::messages::FormErrors;
use crate::components::{BackLink, ErrorSummary, RetryNotice, SummaryRow};
use crate::domain::connection::{receipt_key, ConnectionDraft, Documents, Receipt, Section, CHECK};
use crate::domain::draft::Persistence;
use crate::domain::ticket::TicketKind;
use crate::domain::tickets::MyTicket;
use crate::domain::time::{civil_display, parse_date};
use crate::domain::wire::{Meta, OtpPurpose, Phase};
use crate::domain::{aadhaar, normalize, validate, FieldError};
use crate::i18n::*;
use crate::pages::otp::{OtpConfirm, OtpFields};
use crate::pages::{PageTitle, WithMeta};
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

fn rows(loc: Locale, d: &ConnectionDraft, aadhaar_typed: &str, m: &Meta) -> Vec<(&'static str, String, Section)> {
    let or_not =
        |s: &str| if s.trim().is_empty() { td_string!(loc, common.not_provided).to_string() } else { s.to_string() };
    let date = |s: &str| parse_date(s).map(civil_display).unwrap_or_default();
    let choice = |list: &[crate::domain::wire::Choice], code: &str| {
        list.iter().find(|c| c.code == code).map(|c| pick(loc, &c.name)).unwrap_or_default()
    };
    let district = m.district(&d.district);
    let division = district.and_then(|x| x.division(&d.division));
    let place = [
        division.and_then(|v| v.sub_division(&d.sub_division)).map(|s| pick(loc, &s.name)),
        division.map(|v| pick(loc, &v.name)),
        district.map(|x| pick(loc, &x.name)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let id = if d.id_proof_type == "aadhaar" {
        let masked = aadhaar::parse(aadhaar_typed).map(|a| aadhaar::mask(&a)).unwrap_or_default();
        if d.aadhaar_consent {
            format!("{masked} ({})", td_string!(loc, apply.aadhaar_consent_given))
        } else {
            masked
        }
    } else {
        d.id_number.clone()
    };
    let kind = match d.applicant_type.as_str() {
        "firm" => td_string!(loc, apply.type_firm),
        "government" => td_string!(loc, apply.type_government),
        "trust" => td_string!(loc, apply.type_trust),
        _ => td_string!(loc, apply.type_individual),
    };
    let phase = match d.phase(m) {
        Some(Phase::Three) => td_string!(loc, apply.three_phase),
        _ => td_string!(loc, apply.single_phase),
    };
    let mut r = vec![
        (td_string!(loc, apply.name), d.name.clone(), Section::Applicant),
        (td_string!(loc, apply.father_name), d.father_name.clone(), Section::Applicant),
        (td_string!(loc, apply.dob), date(&d.date_of_birth()), Section::Applicant),
        (td_string!(loc, apply.mobile), d.mobile.clone(), Section::Applicant),
        (td_string!(loc, apply.email), or_not(&d.email), Section::Applicant),
        (td_string!(loc, apply.applicant_type), kind.to_string(), Section::Applicant),
        (
            td_string!(loc, apply.id_type),
            format!("{} — {id}", choice(&m.id_proofs, &d.id_proof_type)),
            Section::Applicant,
        ),
        (
            td_string!(loc, apply.address),
            [d.house.as_str(), d.street.as_str(), d.landmark.as_str()]
                .iter()
                .filter(|s| !s.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
            Section::Premises,
        ),
        (td_string!(loc, apply.office), place, Section::Premises),
        (td_string!(loc, apply.pin), normalize::pin_code(&d.pin).unwrap_or_default(), Section::Premises),
        (
            td_string!(loc, apply.area),
            if d.area == "rural" { td_string!(loc, apply.rural) } else { td_string!(loc, apply.urban) }.to_string(),
            Section::Premises,
        ),
        (
            td_string!(loc, apply.ownership),
            if d.ownership == "tenant" { td_string!(loc, apply.tenant) } else { td_string!(loc, apply.owner) }
                .to_string(),
            Section::Premises,
        ),
        (td_string!(loc, apply.tariff), d.tariff(m).map(|t| pick(loc, &t.name)).unwrap_or_default(), Section::Load),
        (td_string!(loc, apply.load_kw), format!("{} kW, {phase}", d.load().unwrap_or(0)), Section::Load),
    ];
    for doc in d.required_documents(m) {
        let file = d.uploaded(&doc.code).map(|u| u.file_name.clone()).unwrap_or_default();
        r.push((td_string!(loc, apply.documents), format!("{}: {file}", pick(loc, &doc.name)), Section::Documents));
    }
    r.push((
        td_string!(loc, apply.inspection_dates),
        d.inspection_dates.iter().map(|x| date(x)).collect::<Vec<_>>().join(", "),
        Section::Dates,
    ));
    r.push((
        td_string!(loc, apply.installation_dates),
        d.installation_dates.iter().map(|x| date(x)).collect::<Vec<_>>().join(", "),
        Section::Dates,
    ));
    r
}

/// Send the person to the section that has to change, saying what is wrong there.
fn back_to(flow: Flow, errors: Vec<FieldError>, navigate: &impl Fn(&str, leptos_router::NavigateOptions)) {
    let section = Section::of_field(&errors[0].field);
    flow.errors.list.set(errors);
    navigate(&format!("{}&from=check", flow.section_href(section)), Default::default());
}

#[component]
pub fn CheckAnswers() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let tickets = use_my_tickets();
    let navigate = use_navigate();
    flow.enter(CHECK);
    let otp_errors = FormErrors::default();
    let otp = OtpConfirm::new(otp_errors);
    let pending = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let data = flow.draft.data;
    let mobile = Signal::derive(move || data.with(|d| d.mobile.clone()));
    let verified = move || {
        let m = validate::mobile(&mobile.get()).ok();
        flow.token.with(|t| t.as_ref().is_some_and(|(tm, _)| Some(tm) == m.as_ref()))
    };

    let submit = move || {
        if pending.get_untracked() {
            return;
        }
        let Some(m) = meta.get() else { return };
        let typed = flow.aadhaar.get_untracked();
        let errors = data.with_untracked(|d| d.check_all(&typed, &m, today()));
        if !errors.is_empty() {
            return back_to(flow, errors, &navigate);
        }
        let loc = i18n.get_locale_untracked();
        let req = data.with_untracked(|d| d.to_request(&typed, to_wire(loc), crate::assist::use_mode().filed_by()));
        let mobile_n = validate::mobile(&req.applicant.mobile).unwrap_or_default();
        let token = flow.token.get_untracked().filter(|(tm, _)| *tm == mobile_n).map(|(_, t)| t);
        let code = if token.is_none() {
            let mut e = vec![];
            match otp.check(m.limits.otp_length, &mut e) {
                Some(c) => Some(c),
                None => return otp_errors.fail(e),
            }
        } else {
            None
        };
        let key = flow.draft.idempotency_key();
        let receipt_base = data.with_untracked(|d| {
            (
                d.name.clone(),
                d.tariff.clone(),
                d.load().unwrap_or(0),
                d.documents.iter().map(|u| u.document_type.clone()).collect::<Vec<_>>(),
            )
        });
        let aadhaar_masked = (req.applicant.id_proof_type == "aadhaar")
            .then(|| aadhaar::parse(&typed).map(|a| aadhaar::mask(&a)))
            .flatten();
        pending.set(true);
        failure.set(None);
        otp_errors.clear();
        let navigate = navigate.clone();
        spawn_local(async move {
            let token = match (token, code) {
                (Some(t), _) => Ok(t),
                (None, Some((id, c))) => api::verify_otp(&id, &c).await.map(|t| {
                    flow.token.set(Some((mobile_n.clone(), t.token.clone())));
                    otp.code.set(String::new());
                    t.token
                }),
                (None, None) => Err(ApiError::Unauthorized),
            };
            let result = match token {
                Ok(t) => api::create_connection(&req, &t, &key).await,
                Err(ApiError::Fields(f)) => {
                    pending.set(false);
                    return otp_errors.fail(f);
                }
                Err(e) => Err(e),
            };
            pending.set(false);
            match result {
                Ok(created) => {
                    tickets.upsert(MyTicket::filed(
                        &created.number,
                        TicketKind::Application,
                        created.status,
                        crate::pages::now(),
                        &created.expected_by,
                        (&req.connection.tariff, &req.connection.load_kw.to_string()),
                        &mobile_n,
                    ));
                    let (name, tariff, load_kw, documents) = receipt_base;
                    let number = created.number.clone();
                    let receipt = Receipt {
                        created,
                        name,
                        mobile_masked: normalize::mask_mobile(&mobile_n),
                        tariff,
                        load_kw,
                        documents,
                        aadhaar_masked,
                    };
                    let _ = crate::storage::set(
                        Persistence::Session,
                        &receipt_key(&number),
                        &crate::json::to_string(&receipt).unwrap_or_default(),
                    );
                    let href = format!("/connection/done/{number}");
                    // A step of it reached again with Back says it was sent (`pages::filed`).
                    crate::pages::filed::remember(&flow.draft.id(), Some(&number), &href);
                    flow.draft.remove();
                    flow.aadhaar.set(String::new());
                    clear_active();
                    navigate(&href, Default::default());
                }
                Err(ApiError::Fields(errors)) if crate::domain::assist::refused_who_filed(&errors) => {
                    otp_errors.fail(errors)
                }
                Err(ApiError::Fields(errors)) => back_to(flow, errors, &navigate),
                Err(ApiError::Unauthorized) => {
                    flow.token.set(None);
                    otp_errors.fail(vec![FieldError::new("code", crate::domain::ErrorCode::NotAllowed)]);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let submit = Callback::new(move |()| submit());
    // Applications are not queued on the device (the Aadhaar number may not be stored): while
    // this page is open, a send that failed for want of a network is retried when it returns.
    crate::offline::use_network().retry_when_back(failure, move || submit.run(()));
    view! {
        <PageTitle text=flow.label(|l| td_string!(l, check.title)) error=otp_errors.any() />
        <BackLink href=Signal::derive(move || flow.href(TASKS)) />
        <ErrorSummary items=otp_errors.summary() attempt=otp_errors.attempt />
        <WithMeta>
            <h1>{move || t_string!(i18n, check.title)}</h1>
            {move || {
                let m = meta.get().unwrap();
                let loc = i18n.get_locale();
                let all = data.with(|d| rows(loc, d, &flow.aadhaar.get(), &m));
                Section::ALL[..5].iter().map(|s| {
                    let s = *s;
                    let mine: Vec<_> = all.iter().filter(|r| r.2 == s).cloned().collect();
                    view! {
                        <h2 class="heading-m">{section_name(loc, s)}</h2>
                        <dl class="summary-list">
                            {mine.into_iter().map(|(label, value, _)| view! {
                                <SummaryRow label=label value=value href=format!("{}&from=check", flow.section_href(s)) />
                            }).collect_view()}
                        </dl>
                    }
                }).collect_view()
            }}
            <h2 class="heading-m">{move || t_string!(i18n, apply.fees)}</h2>
            {move || meta.get().and_then(|m| data.with(|d| d.fees(&m, today()))).map(|f| view! { <FeeTable fees=f /> })}
            <p><A href=move || format!("{}&from=check", flow.section_href(Section::Fees))>{move || t_string!(i18n, apply.change_declaration)}</A></p>
            <h2 class="heading-m">{move || t_string!(i18n, apply.confirm_mobile)}</h2>
            <Show when=verified fallback=move || view! {
                <p class="hint">{move || t_string!(i18n, apply.confirm_mobile_hint)}</p>
                <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Connection />
            }>
                <p class="verified" role="status">"✓ "{move || t_string!(i18n, contact.verified)}</p>
            </Show>
            {move || failure.get().map(|e| view! {
                <RetryNotice message=crate::pages::complaint::submit_error_text(i18n.get_locale(), &e) hint=td_string!(i18n.get_locale(), apply.kept) on_retry=submit />
            })}
            <p>{move || t_string!(i18n, apply.send_note)}</p>
            <button type="button" class="button" id="send-application" disabled=move || pending.get() aria-disabled=move || pending.get().then_some("true")
                on:click=move |_| submit.run(())>
                {move || if pending.get() { t_string!(i18n, check.sending) } else { t_string!(i18n, apply.send) }}
            </button>
        </WithMeta>
    }
}

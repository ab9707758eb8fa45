//! Step 4: name (unless anonymous), mobile, the OTP sent to it (pasting works,
//! `autocomplete="one-time-code"`, "Resend" after the allowed delay), and the language for SMS
//! updates. Continue verifies the code; the token stays in memory only.
use super::{back_href, use_flow};
use crate::api::{self, ApiError};
use crate::components::{BackLink, ErrorSummary, RadioOption, Radios, SaveStatus, TextField};
use crate::domain::complaint::Step;
use crate::domain::time::parse_rfc3339;
use crate::domain::wire::OtpPurpose;
use crate::domain::{validate, ErrorCode, FieldError};
use crate::i18n::*;
use crate::pages::{PageTitle, WithMeta};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ContactStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    flow.enter(Step::Contact);
    let data = flow.draft.data;
    let otp = flow.otp;
    let navigate = use_navigate();
    let (name, set_name) = flow.bind(|d| &d.name, |d, v| d.name = v);
    let (mobile, set_mobile) = flow.bind(|d| &d.mobile, |d, v| d.mobile = v);
    let code = Signal::derive(move || otp.with(|o| o.code.clone()));
    let lang = Signal::derive(move || data.with(|d| d.updates_language.clone()));
    let anonymous = Signal::derive(move || meta.get().is_some_and(|m| data.with(|d| d.is_anonymous(&m))));
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiError>);
    let now = RwSignal::new(crate::pages::now());
    let tick = leptos_use::use_interval_fn(move || now.set(crate::pages::now()), 1000);
    on_cleanup(move || (tick.pause)());

    // A mobile verified earlier in this visit (another complaint) needs no new code.
    let outbox = crate::offline::outbox::use_outbox();
    let verified = move || {
        let m = validate::mobile(&data.with_untracked(|d| d.mobile.clone())).ok();
        otp.with_untracked(|o| o.token.is_some() && o.token_mobile == m)
            || m.as_deref().and_then(|m| outbox.token_for(m)).is_some()
    };
    let send = move |_| {
        let typed = data.with_untracked(|d| d.mobile.clone());
        let m = match validate::mobile(&typed) {
            Ok(m) => m,
            Err(c) => return flow.fail(vec![FieldError::new("mobile", c)]),
        };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let r = api::send_otp(&m, OtpPurpose::Complaint).await;
            busy.set(false);
            match r {
                Ok(s) => {
                    flow.errors.clear();
                    otp.update(|o| {
                        o.otp_id = Some(s.otp_id);
                        o.resend_after = parse_rfc3339(&s.resend_after).unwrap_or(0);
                        o.token = None;
                    });
                }
                Err(ApiError::Fields(f)) => flow.fail(f),
                Err(ApiError::Busy { retry_after }) => {
                    otp.update(|o| o.resend_after = crate::pages::now() + retry_after.unwrap_or(30) as i64);
                    flow.fail(vec![FieldError::new("mobile", ErrorCode::TooManyAttempts)]);
                }
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let go = move || {
        let Some(m) = meta.get() else { return };
        let mut errors = data.with_untracked(|d| d.check(Step::Contact, &m));
        let next = flow.href(Step::Check);
        if !errors.is_empty() {
            return flow.fail(errors);
        }
        if verified() {
            flow.errors.clear();
            flow.draft.save_now();
            return navigate(&next, Default::default());
        }
        let Some(otp_id) = otp.with_untracked(|o| o.otp_id.clone()) else {
            return flow.fail(vec![FieldError::new("code", ErrorCode::NotAllowed)]);
        };
        let typed = otp.with_untracked(|o| o.code.clone());
        let c = match validate::otp_code(&typed, m.limits.otp_length) {
            Ok(c) => c,
            Err(e) => {
                errors.push(FieldError::new("code", e));
                return flow.fail(errors);
            }
        };
        let mobile = validate::mobile(&data.with_untracked(|d| d.mobile.clone())).ok();
        let navigate = navigate.clone();
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let r = api::verify_otp(&otp_id, &c).await;
            busy.set(false);
            match r {
                Ok(t) => {
                    if let Some(m) = mobile.as_deref() {
                        outbox.remember_token_quietly(m, &t.token);
                    }
                    otp.update(|o| {
                        o.token = Some(t.token);
                        o.token_mobile = mobile;
                        o.code.clear();
                    });
                    flow.errors.clear();
                    flow.draft.save_now();
                    navigate(&next, Default::default());
                }
                Err(ApiError::Fields(f)) => flow.fail(f),
                Err(ApiError::Busy { .. }) => flow.fail(vec![FieldError::new("code", ErrorCode::TooManyAttempts)]),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    let go = Callback::new(move |()| go());
    let langs = Signal::derive(move || {
        vec![
            RadioOption { value: "hi".into(), label: "हिन्दी".into(), hint: None, icon: None },
            RadioOption { value: "en".into(), label: "English".into(), hint: None, icon: None },
        ]
    });
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, contact.title).to_string()) error=flow.errors.any() />
        <BackLink href=back_href(Step::Contact) />
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <h1>{move || t_string!(i18n, contact.title)}</h1>
            <Show when=move || !anonymous.get()>
                <TextField name="name" autocomplete="name"
                    label=Signal::derive(move || t_string!(i18n, contact.name).to_string())
                    value=name on_input=set_name error=flow.error("name") />
            </Show>
            <TextField name="mobile" input_type="tel" inputmode="tel" autocomplete="tel-national" class="input-w10"
                label=Signal::derive(move || t_string!(i18n, contact.mobile).to_string())
                hint=Signal::derive(move || t_string!(i18n, contact.mobile_hint).to_string())
                value=mobile on_input=set_mobile error=flow.error("mobile") />
            {move || if verified() && otp.with(|o| o.token.is_some()) {
                view! { <p class="verified" role="status">"✓ "{t_string!(i18n, contact.verified)}</p> }.into_any()
            } else if otp.with(|o| o.otp_id.is_none()) {
                // Until a code is sent, a "code" error sits beside the button that sends one.
                let code_error = flow.error("code");
                view! {
                    <div class="form-group" class:form-group-error=move || code_error.with(Option::is_some)>
                        {move || code_error.get().map(|e| view! {
                            <p class="error-message" id="code-error"><span class="visually-hidden">{t_string!(i18n, common.error_prefix)}" "</span>{e}</p>
                        })}
                        <button type="button" id="f-code" class="button button-secondary" disabled=move || busy.get() on:click=send
                            aria-describedby=move || code_error.with(Option::is_some).then_some("code-error")>
                            {t_string!(i18n, contact.send_code)}
                        </button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="hint" role="status">{move || {
                        let digits = meta.get().map_or(6, |m| m.limits.otp_length);
                        t_string!(i18n, contact.code_sent, digits = digits).to_string()
                    }}</p>
                    <TextField name="code" inputmode="numeric" autocomplete="one-time-code" class="input-w5"
                        label=Signal::derive(move || t_string!(i18n, contact.code).to_string())
                        value=code on_input=move |v: String| otp.update(|o| o.code = v) error=flow.error("code") />
                    {move || {
                        let wait = otp.with(|o| o.resend_after) - now.get();
                        // An hour's limit reads in minutes, as the other waits do.
                        if let Some(minutes) = crate::domain::time::long_wait_minutes(wait) {
                            view! { <p class="hint">{t_string!(i18n, contact.resend_in_minutes, minutes = minutes).to_string()}</p> }.into_any()
                        } else if wait > 0 {
                            view! { <p class="hint">{t_string!(i18n, contact.resend_in, seconds = wait).to_string()}</p> }.into_any()
                        } else {
                            view! { <p><button type="button" class="link-button" disabled=move || busy.get() on:click=send>{t_string!(i18n, contact.resend)}</button></p> }.into_any()
                        }
                    }}
                }.into_any()
            }}
            <Radios name="updates_language"
                legend=Signal::derive(move || t_string!(i18n, contact.updates_language).to_string())
                options=langs value=lang on_change=move |v: String| data.update(|d| d.updates_language = v)
                error=flow.error("updates_language") />
            {move || problem.get().map(|e| view! { <div class="notice" role="alert"><p>{super::submit_error_text(i18n.get_locale(), &e)}</p></div> })}
            <button type="button" class="button" disabled=move || busy.get() on:click=move |_| go.run(())>{move || t_string!(i18n, common.continue_button)}</button>
            <SaveStatus state=flow.draft.state />
        </WithMeta>
    }
}

//! "Confirm with the code we sent to your mobile": the OTP piece shared by the feedback and
//! query-answer forms and the connection application. Kept in memory only: OTP ids and codes
//! never go into a draft.
use crate::api::{self, ApiError};
use crate::components::messages::FormErrors;
use crate::components::TextField;
use crate::domain::wire::OtpPurpose;
use crate::domain::{validate, ErrorCode, FieldError};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// "Confirm with the code we sent to your mobile", shared by both answer forms. Kept in memory
/// only: OTP ids and codes never go into a draft.
#[derive(Clone, Copy)]
pub struct OtpConfirm {
    pub otp_id: RwSignal<Option<String>>,
    pub code: RwSignal<String>,
    pub errors: FormErrors,
    /// A failure that is not about a field (network, server), shown under the code.
    pub failure: RwSignal<Option<ApiError>>,
    /// Put before the `mobile` and `code` fields' names, for a form shown beside another that
    /// has them too (the withdrawal beside a query's answer).
    pub prefix: &'static str,
}

impl OtpConfirm {
    pub fn new(errors: FormErrors) -> Self {
        Self::named(errors, "")
    }

    pub fn named(errors: FormErrors, prefix: &'static str) -> Self {
        OtpConfirm {
            otp_id: RwSignal::new(None),
            code: RwSignal::new(String::new()),
            errors,
            failure: RwSignal::new(None),
            prefix,
        }
    }

    /// A field's name as this form shows it (with its `prefix`).
    pub fn field(self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    pub fn send(self, mobile: &str, purpose: OtpPurpose) {
        let m = match validate::mobile(mobile) {
            Ok(m) => m,
            Err(c) => return self.errors.fail(vec![FieldError::new(&self.field("mobile"), c)]),
        };
        spawn_local(async move {
            match api::send_otp(&m, purpose).await {
                Ok(s) => {
                    self.otp_id.set(Some(s.otp_id));
                    self.errors.clear();
                }
                Err(ApiError::Fields(f)) => {
                    self.errors.fail(f.into_iter().map(|e| FieldError { field: self.field(&e.field), ..e }).collect())
                }
                Err(e) => self.failure.set(Some(e)),
            }
        });
    }

    /// The OTP id and normalised code when both are usable; otherwise the code's problem is
    /// added to `errors` ("ask for a code first", or what is wrong with what was typed).
    pub fn check(self, len: u32, errors: &mut Vec<FieldError>) -> Option<(String, String)> {
        let id = self.otp_id.get_untracked();
        match (id, validate::otp_code(&self.code.get_untracked(), len)) {
            (None, _) => {
                errors.push(FieldError::new(&self.field("code"), ErrorCode::NotAllowed));
                None
            }
            (_, Err(c)) => {
                errors.push(FieldError::new(&self.field("code"), c));
                None
            }
            (Some(id), Ok(c)) => Some((id, c)),
        }
    }
}

#[component]
pub fn OtpFields(otp: OtpConfirm, #[prop(into)] mobile: Signal<String>, purpose: OtpPurpose) -> impl IntoView {
    let i18n = use_i18n();
    let code = otp.code;
    let name = otp.field("code");
    view! {
        <button type="button" class="button button-secondary" on:click=move |_| otp.send(&mobile.get_untracked(), purpose)>
            {move || if otp.otp_id.get().is_some() { t_string!(i18n, contact.resend) } else { t_string!(i18n, contact.send_code) }}
        </button>
        <TextField name=name.clone() inputmode="numeric" autocomplete="one-time-code"
            label=Signal::derive(move || t_string!(i18n, contact.code).to_string())
            value=code on_input=move |v: String| code.set(v) error=otp.errors.message(name) class="input-w5" />
        {move || otp.failure.get().map(|e| view! { <div class="notice" role="alert"><p>{crate::pages::complaint::submit_error_text(i18n.get_locale(), &e)}</p></div> })}
    }
}

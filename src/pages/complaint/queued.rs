//! `/complaint/queued/{key}`: a complaint saved in the outbox because the network failed. Says
//! it will be sent when the device is back online, shows progress, and turns into the real
//! number as soon as the backend answers. If the backend refused an answer, the form goes back
//! to the person; if this visit has no OTP token for the mobile, it asks for a code again.
use crate::components::messages::FormErrors;
use crate::components::ErrorSummary;
use crate::domain::outbox::ItemState;
use crate::domain::wire::OtpPurpose;
use crate::i18n::*;
use crate::offline::outbox::use_outbox;
use crate::offline::use_network;
use crate::pages::otp::{OtpConfirm, OtpFields};
use crate::pages::PageTitle;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn Queued() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let network = use_network();
    let navigate = use_navigate();
    let key = use_params_map().read_untracked().get("key").unwrap_or_default();
    let k = key.clone();
    let item = Memo::new(move |_| outbox.items().with(|i| i.iter().find(|x| x.key == k).cloned()));
    // Sent: show the confirmation with the real number.
    let (nav, k4) = (navigate.clone(), key.clone());
    Effect::new(move |_| {
        if let Some(ItemState::Sent { number, already_open, .. }) = item.get().map(|i| i.state) {
            super::same_place_sent(&k4, &number);
            nav(&super::done_href(&number, already_open), Default::default());
        }
    });
    let errors = FormErrors::default();
    let otp = OtpConfirm::new(errors);
    let verify = move |_| {
        let Some(it) = item.get_untracked() else { return };
        let mut e = vec![];
        let Some((id, code)) = otp.check(6, &mut e) else { return errors.fail(e) };
        spawn_local(async move {
            match crate::api::verify_otp(&id, &code).await {
                Ok(t) => outbox.remember_token(&it.mobile, &t.token),
                Err(crate::api::ApiError::Fields(f)) => errors.fail(f),
                Err(e) => otp.failure.set(Some(e)),
            }
        });
    };
    let k2 = key.clone();
    let k3 = key.clone();
    let correct = move |_| {
        if let Some(id) = outbox.reopen(&k3) {
            navigate(&format!("/complaint/new/check?draft={id}"), Default::default());
        }
    };
    let mobile = Signal::derive(move || item.with(|i| i.as_ref().map(|i| i.mobile.clone()).unwrap_or_default()));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, outbox.title).to_string()) />
        {move || match item.get().map(|i| (i.state, i.attempts)) {
            None => view! {
                <h1>{t_string!(i18n, outbox.gone_title)}</h1>
                <p>{t_string!(i18n, outbox.gone_body)}</p>
                <p><A href="/tickets">{t_string!(i18n, nav.tickets)}</A></p>
            }.into_any(),
            Some((ItemState::NeedsVerification, _)) => view! {
                <h1>{t_string!(i18n, outbox.title)}</h1>
                <ErrorSummary items=errors.summary() attempt=errors.attempt />
                <p class="lead">{t_string!(i18n, outbox.verify)}</p>
                <OtpFields otp=otp mobile=mobile purpose=OtpPurpose::Complaint />
                <button type="button" class="button" on:click=verify>{t_string!(i18n, outbox.verify_send)}</button>
            }.into_any(),
            Some((ItemState::NeedsCorrection { .. }, _)) => view! {
                <h1>{t_string!(i18n, outbox.correct_title)}</h1>
                <p>{t_string!(i18n, outbox.correct_body)}</p>
                <button type="button" class="button" on:click=correct.clone()>{t_string!(i18n, outbox.correct)}</button>
            }.into_any(),
            Some((_, attempts)) => {
                let (k, of) = (k2.clone(), k2.clone());
                view! {
                    <div class="panel-confirmation panel-queued">
                        <h1 class="panel-title">{t_string!(i18n, outbox.title)}</h1>
                        <div class="panel-body">{t_string!(i18n, outbox.body)}</div>
                    </div>
                    <p class="lead" role="status" id="queue-state">
                        {move || if network.online.get() { t_string!(i18n, outbox.sending) } else { t_string!(i18n, outbox.offline) }}
                        {(attempts > 0).then(|| format!(" ({})", t_string!(i18n, outbox.attempts, count = attempts)))}
                    </p>
                    <p class="hint">{t_string!(i18n, outbox.safe)}</p>
                    <div class="button-group">
                        <button type="button" class="button button-secondary" on:click=move |_| outbox.retry_now(&k)>{t_string!(i18n, common.retry)}</button>
                    </div>
                    <super::ReportAnother of=of />
                }.into_any()
            }
        }}
    }
}

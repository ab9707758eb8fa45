//! `/privacy`: the privacy notice the Digital Personal Data Protection Act, 2023 asks for before
//! personal data is collected — who is responsible, what is collected and why, what stays on the
//! device, who sees it, how long it is kept, and the person's rights. Linked from the footer and
//! from Settings. The text lives in the locale files like every other string.
use super::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Privacy() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, privacy.title).to_string()) />
        <h1>{move || t_string!(i18n, privacy.title)}</h1>
        <p class="lead">{move || t_string!(i18n, privacy.intro)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, privacy.collect_title)}</h2>
        <ul class="list list-bullet">
            <li>{move || t_string!(i18n, privacy.collect_complaint)}</li>
            <li>{move || t_string!(i18n, privacy.collect_connection)}</li>
            <li>{move || t_string!(i18n, privacy.collect_after)}</li>
            <li>{move || t_string!(i18n, privacy.collect_payment)}</li>
            <li>{move || t_string!(i18n, privacy.collect_lookup)}</li>
            <li>{move || t_string!(i18n, privacy.collect_aadhaar)}</li>
        </ul>
        <h2 class="heading-m">{move || t_string!(i18n, privacy.device_title)}</h2>
        <p>{move || t_string!(i18n, privacy.device_body)}" "
            <leptos_router::components::A href="/settings">{move || t_string!(i18n, nav.settings)}</leptos_router::components::A></p>
        <h2 class="heading-m">{move || t_string!(i18n, privacy.share_title)}</h2>
        <p>{move || t_string!(i18n, privacy.share_body)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, privacy.keep_title)}</h2>
        <p>{move || t_string!(i18n, privacy.keep_body)}</p>
        <p>{move || t_string!(i18n, privacy.logs_body)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, privacy.rights_title)}</h2>
        <p>{move || t_string!(i18n, privacy.rights_body)}</p>
        <p><a href="tel:1912" class="helpline-number">"1912"</a></p>
    }
}

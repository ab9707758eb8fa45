//! `/accessibility`: the accessibility statement GIGW 3.0 asks every government site to link from
//! its footer — the standard aimed at, what a person can do, how it is checked, what is not done
//! yet, and whom to tell. Each claim is one the test suite checks (`tests/e2e/a11y.test.js`,
//! focus and status announcements in the journeys); keep them in step when either changes.
use super::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Accessibility() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, a11y.title).to_string()) />
        <h1>{move || t_string!(i18n, a11y.title)}</h1>
        <p class="lead">{move || t_string!(i18n, a11y.intro)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, a11y.can_title)}</h2>
        <ul class="list list-bullet">
            <li>{move || t_string!(i18n, a11y.can_language)}</li>
            <li>{move || t_string!(i18n, a11y.can_keyboard)}</li>
            <li>{move || t_string!(i18n, a11y.can_screen_reader)}</li>
            <li>{move || t_string!(i18n, a11y.can_small_screen)}</li>
            <li>{move || t_string!(i18n, a11y.can_contrast)}</li>
            <li>{move || t_string!(i18n, a11y.can_time)}</li>
        </ul>
        <h2 class="heading-m">{move || t_string!(i18n, a11y.tested_title)}</h2>
        <p>{move || t_string!(i18n, a11y.tested_body)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, a11y.limits_title)}</h2>
        <p>{move || t_string!(i18n, a11y.limits_body)}</p>
        <h2 class="heading-m">{move || t_string!(i18n, a11y.report_title)}</h2>
        <p>{move || t_string!(i18n, a11y.report_body)}</p>
        <p><a href="tel:1912" class="helpline-number">"1912"</a></p>
        <h2 class="heading-m">{move || t_string!(i18n, a11y.enforce_title)}</h2>
        <p>{move || t_string!(i18n, a11y.enforce_body)}</p>
        <p class="hint">{move || t_string!(i18n, a11y.prepared)}</p>
    }
}

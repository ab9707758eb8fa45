//! Any unknown address.
use super::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, not_found.title).to_string()) />
        <h1>{move || t_string!(i18n, not_found.title)}</h1>
        <p>{move || t_string!(i18n, not_found.body)}</p>
        <ul class="list">
            <li><A href="/">{move || t_string!(i18n, not_found.home)}</A></li>
            <li><A href="/track">{move || t_string!(i18n, home.track_title)}</A></li>
        </ul>
    }
}

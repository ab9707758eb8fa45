//! `/connection/new`: the Jhatpat application. The online application flow is not built yet;
//! until it is, this page says so honestly and points to the channels that work today.
use super::PageTitle;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ConnectionNew() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, connection.title).to_string()) />
        <h1>{move || t_string!(i18n, connection.title)}</h1>
        <p class="lead">{move || t_string!(i18n, connection.not_yet)}</p>
        <ul class="list list-bullet">
            <li><a href="https://jhatpat.uppcl.org/" rel="noopener">"jhatpat.uppcl.org"</a></li>
            <li>{move || t_string!(i18n, connection.office)}</li>
            <li>{move || t_string!(i18n, common.helpline_text)}</li>
        </ul>
    }
}

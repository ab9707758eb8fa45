//! `/settings`: language, and "Clear all data on this device" (drafts, tickets, preferences).
use super::PageTitle;
use crate::i18n::*;
use crate::storage;
use crate::storage::tickets::use_my_tickets;
use leptos::prelude::*;

#[component]
pub fn Settings() -> impl IntoView {
    let i18n = use_i18n();
    let tickets = use_my_tickets();
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(false);
    let clear = move |_| {
        storage::clear_all();
        tickets.clear();
        confirming.set(false);
        done.set(true);
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, settings.title).to_string()) />
        <h1>{move || t_string!(i18n, settings.title)}</h1>
        <h2>{move || t_string!(i18n, settings.clear_title)}</h2>
        <p>{move || t_string!(i18n, settings.clear_body)}</p>
        <Show when=move || done.get()>
            <div class="notice notice-success" role="status"><p>{move || t_string!(i18n, settings.cleared)}</p></div>
        </Show>
        <Show
            when=move || confirming.get()
            fallback=move || view! {
                <button type="button" class="button button-warning" on:click=move |_| { done.set(false); confirming.set(true) }>
                    {move || t_string!(i18n, common.clear_data)}
                </button>
            }
        >
            <div class="notice" role="alertdialog" aria-labelledby="confirm-clear">
                <p id="confirm-clear" class="notice-title">{move || t_string!(i18n, settings.confirm)}</p>
                <div class="button-group">
                    <button type="button" class="button button-warning" on:click=clear>{move || t_string!(i18n, settings.yes_clear)}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| confirming.set(false)>{move || t_string!(i18n, settings.cancel)}</button>
                </div>
            </div>
        </Show>
    }
}

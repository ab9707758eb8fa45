//! `/settings`: operator mode (a cyber-café operator's name, shop and mobile, kept on the device),
//! and "Clear all data on this device" (drafts, tickets, preferences), with the privacy notice a
//! link away.
use super::PageTitle;
use crate::components::{SelectField, TextField};
use crate::domain::assist::OperatorProfile;
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
        // Nor is the last complaint's place and contact offered to the next one.
        crate::pages::complaint::forget_same_place();
        confirming.set(false);
        done.set(true);
    };
    let assist = crate::assist::use_mode();
    let profile = RwSignal::new(assist.operator().unwrap_or_default());
    let errors = crate::components::messages::FormErrors::default();
    // Changing the details while the mode is on (a new mobile, the shop's district) keeps the
    // workspace and its day's forms: turning the mode off and on again would close them.
    let editing = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let save_operator = move |_| {
        let p = profile.get_untracked();
        let e = p.check();
        if !e.is_empty() {
            return errors.fail(e);
        }
        errors.clear();
        let was_on = assist.operator().is_some();
        assist.set_operator(Some(p));
        if was_on {
            editing.set(false);
            saved.set(true);
            return;
        }
        // Operator drafts expire at the end of the day: start the workspace under that policy.
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign("/operator");
        }
    };
    let change = move |_| {
        profile.set(assist.operator().unwrap_or_default());
        saved.set(false);
        editing.set(true);
    };
    let keep = move |_| {
        errors.clear();
        editing.set(false);
    };
    let field = move |get: fn(&OperatorProfile) -> String| Signal::derive(move || profile.with(get));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, settings.title).to_string()) error=errors.any() />
        <h1>{move || t_string!(i18n, settings.title)}</h1>
        <Show when=move || !assist.is_kiosk()>
            <h2>{move || t_string!(i18n, assist.operator_title)}</h2>
            <p>{move || t_string!(i18n, assist.operator_body)}</p>
            <crate::components::ErrorSummary items=errors.summary() attempt=errors.attempt />
            <Show when=move || assist.operator().is_some() && !editing.get()
                fallback=move || view! {
                    <TextField name="operator_name" autocomplete="name" label=Signal::derive(move || t_string!(i18n, assist.your_name).to_string())
                        value=field(|p| p.name.clone()) on_input=move |v: String| profile.update(|p| p.name = v) error=errors.message("operator_name") />
                    <TextField name="operator_shop" autocomplete="organization" label=Signal::derive(move || t_string!(i18n, assist.shop).to_string())
                        value=field(|p| p.shop.clone()) on_input=move |v: String| profile.update(|p| p.shop = v) error=errors.message("operator_shop") />
                    <TextField name="operator_mobile" input_type="tel" inputmode="tel" autocomplete="tel-national" class="input-w10"
                        label=Signal::derive(move || t_string!(i18n, assist.your_mobile).to_string())
                        value=field(|p| p.mobile.clone()) on_input=move |v: String| profile.update(|p| p.mobile = v) error=errors.message("operator_mobile") />
                    // Most of a shop's customers live in its district: their forms start with it.
                    <SelectField name="operator_district"
                        label=Signal::derive(move || t_string!(i18n, assist.shop_district).to_string())
                        hint=Signal::derive(move || t_string!(i18n, assist.shop_district_hint).to_string())
                        placeholder=Signal::derive(move || t_string!(i18n, assist.shop_district_none).to_string())
                        options=crate::pages::district_options()
                        value=field(|p| p.district.clone()) on_change=move |v: String| profile.update(|p| p.district = v)
                        error=Signal::stored(None::<String>) />
                    <Show when=move || editing.get()
                        fallback=move || view! {
                            <button type="button" class="button" id="operator-on" on:click=save_operator>{move || t_string!(i18n, assist.turn_on)}</button>
                        }>
                        <div class="button-group">
                            <button type="button" class="button" id="operator-save" on:click=save_operator>{move || t_string!(i18n, assist.save_details)}</button>
                            <button type="button" class="button button-secondary" on:click=keep>{move || t_string!(i18n, settings.cancel)}</button>
                        </div>
                    </Show>
                }>
                <p class="verified" role="status">"✓ "{move || t_string!(i18n, assist.operator_on)}
                    {move || saved.get().then(|| view! { " "{move || t_string!(i18n, assist.details_saved)} })}</p>
                <div class="button-group">
                    <leptos_router::components::A href="/operator" attr:class="button">{move || t_string!(i18n, assist.workspace)}</leptos_router::components::A>
                    <button type="button" class="button button-secondary" id="operator-change" on:click=change>{move || t_string!(i18n, assist.change_details)}</button>
                    <button type="button" class="button button-secondary" on:click=move |_| assist.set_operator(None)>{move || t_string!(i18n, assist.turn_off)}</button>
                </div>
            </Show>
        </Show>
        <h2>{move || t_string!(i18n, settings.clear_title)}</h2>
        <p>{move || t_string!(i18n, settings.clear_body)}</p>
        <p><leptos_router::components::A href="/privacy">{move || t_string!(i18n, privacy.title)}</leptos_router::components::A></p>
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

//! Step 1: which connection (10-digit account number), or an area problem with an address;
//! the district; optionally the browser's location, only after the person asks for it and only
//! on their own device.
use super::{back_href, use_continue, use_flow, StepFooter};
use crate::components::{BackLink, ErrorSummary, RadioOption, Radios, SelectField, TextField};
use crate::domain::assist::Mode;
use crate::domain::complaint::{location_text, Step};
use crate::domain::draft::DraftKind;
use crate::domain::time::ist_short;
use crate::domain::wire::Location;
use crate::i18n::*;
use crate::pages::{BelowFirstQuestion, PageTitle, WithMeta};
use crate::storage::drafts::DraftStore;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long to wait for a fix before saying the address is enough.
const LOCATE_TIMEOUT_MS: u32 = 20_000;

#[component]
pub fn ConsumerStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    flow.enter(Step::Consumer);
    let go = use_continue(Step::Consumer);
    let on_continue = Callback::new(move |_| go());
    let data = flow.draft.data;
    let mode = crate::assist::use_mode();

    // Offer other unfinished complaints when this one has nothing in it yet.
    let store = DraftStore::current();
    let my_id = flow.draft.id();
    let others =
        RwSignal::new(store.list(Some(DraftKind::Complaint)).into_iter().filter(|d| d.id != my_id).collect::<Vec<_>>());

    let (account, set_account) = flow.bind(|d| &d.account_number, |d, v| d.account_number = v);
    let (address, set_address) = flow.bind(|d| &d.address, |d, v| d.address = v);
    let (landmark, set_landmark) = flow.bind(|d| &d.landmark, |d, v| d.landmark = v);
    let choice = Signal::derive(move || data.with(|d| d.account_choice.clone()));
    let district = Signal::derive(move || data.with(|d| d.district.clone()));
    let districts = crate::pages::district_options();
    let choices = Signal::derive(move || {
        vec![
            RadioOption {
                value: "account".into(),
                label: t_string!(i18n, consumer.have_account).into(),
                hint: Some(t_string!(i18n, consumer.have_account_hint).into()),
                icon: None,
            },
            RadioOption {
                value: "area".into(),
                label: t_string!(i18n, consumer.no_account).into(),
                hint: Some(t_string!(i18n, consumer.no_account_hint).into()),
                icon: None,
            },
        ]
    });
    let locating = RwSignal::new(false);
    let locate_failed = RwSignal::new(false);
    let locate = move |_| {
        locating.set(true);
        locate_failed.set(false);
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            locating.set(false);
            locate_failed.set(true);
            return;
        };
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            data.update(|d| d.location = Some(Location { lat: c.latitude(), lon: c.longitude() }));
            locating.set(false);
        });
        let err = Closure::once_into_js(move |_e: JsValue| {
            locating.set(false);
            locate_failed.set(true);
        });
        // Without a timeout a phone that finds no fix (indoors, GPS off) waits for ever, with the
        // button held at "Finding your location…". A fix from the last two minutes will do.
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(true);
        options.set_timeout(LOCATE_TIMEOUT_MS);
        options.set_maximum_age(120_000);
        let _ = geo.get_current_position_with_error_callback_and_options(
            ok.unchecked_ref(),
            Some(err.unchecked_ref()),
            &options,
        );
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, consumer.title).to_string()) error=flow.errors.any() />
        <BackLink href=back_href(Step::Consumer) />
        {move || (!others.with(Vec::is_empty) && data.with(|d| *d == Default::default())).then(|| {
            let d = others.get()[0].clone();
            let id = d.id.clone();
            let when = ist_short(d.updated_at);
            view! {
                <div class="notice resume">
                    <p class="notice-title">{t_string!(i18n, drafts.resume_complaint, when = when).to_string()}</p>
                    <div class="button-group">
                        <A href=format!("{}?draft={}", Step::from_name(&d.step).path(), d.id) attr:class="button">{t_string!(i18n, drafts.continue_draft)}</A>
                        <button type="button" class="button button-secondary" on:click=move |_| {
                            store.discard(&id);
                            others.update(|o| o.retain(|x| x.id != id));
                        }>{t_string!(i18n, drafts.discard)}</button>
                    </div>
                </div>
            }
        })}
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <Radios name="account_choice" legend_is_heading=true
                legend=Signal::derive(move || t_string!(i18n, consumer.title).to_string())
                options=choices value=choice on_change=move |v: String| data.update(|d| d.account_choice = v)
                error=flow.error("account_choice") />
            <BelowFirstQuestion>
            <Show when=move || choice.get() == "account">
                <TextField name="account_number" inputmode="numeric" autocomplete="off" class="input-w10"
                    label=Signal::derive(move || t_string!(i18n, consumer.account).to_string())
                    hint=Signal::derive(move || t_string!(i18n, consumer.account_hint).to_string())
                    value=account on_input=set_account error=flow.error("account_number") />
            </Show>
            <SelectField name="district"
                label=Signal::derive(move || t_string!(i18n, consumer.district).to_string())
                placeholder=Signal::derive(move || t_string!(i18n, consumer.choose_district).to_string())
                options=districts value=district on_change=move |v: String| data.update(|d| d.district = v)
                error=flow.error("district") />
            <Show when=move || choice.get() == "area">
                <TextField name="address" autocomplete="street-address"
                    label=Signal::derive(move || t_string!(i18n, consumer.address).to_string())
                    hint=Signal::derive(move || t_string!(i18n, consumer.address_hint).to_string())
                    value=address on_input=set_address error=flow.error("address") />
                <TextField name="landmark"
                    label=Signal::derive(move || format!("{} {}", t_string!(i18n, consumer.landmark), t_string!(i18n, common.optional)))
                    value=landmark on_input=set_landmark error=flow.error("landmark") />
                // On a shop's PC or an office kiosk the browser's location is not the fault's.
                <Show when=move || mode.0.with(Mode::may_locate)>
                <div class="form-group">
                    {move || match data.with(|d| d.location) {
                        Some(l) => view! {
                            <p>{t_string!(i18n, consumer.location_added)}" ("{location_text(l)}") "
                                <button type="button" class="link-button" on:click=move |_| data.update(|d| d.location = None)>{t_string!(i18n, consumer.location_remove)}</button></p>
                        }.into_any(),
                        None => view! {
                            <button type="button" class="button button-secondary" disabled=move || locating.get() on:click=locate>
                                {move || if locating.get() { t_string!(i18n, consumer.locating) } else { t_string!(i18n, consumer.use_location) }}
                            </button>
                            <Show when=move || locate_failed.get()><p class="hint" role="status">{t_string!(i18n, consumer.location_failed)}</p></Show>
                        }.into_any(),
                    }}
                </div>
                </Show>
            </Show>
            <StepFooter on_continue=on_continue />
            </BelowFirstQuestion>
        </WithMeta>
    }
}

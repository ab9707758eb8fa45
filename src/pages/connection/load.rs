//! Section 3, the connection: tariff category, load in whole kW (limits per category from
//! `/meta`), the phase that follows from the load, and an optional appliance helper that totals
//! a household's load for the domestic self-declaration.
use super::{use_flow, SectionPage};
use crate::components::{RadioOption, Radios, TextField};
use crate::domain::connection::{appliance_kw, Section, APPLIANCES};
use crate::domain::normalize;
use crate::domain::wire::Phase;
use crate::i18n::*;
use leptos::prelude::*;

fn appliance_name(loc: Locale, code: &str) -> &'static str {
    match code {
        "light" => td_string!(loc, apply.app_light),
        "fan" => td_string!(loc, apply.app_fan),
        "tv" => td_string!(loc, apply.app_tv),
        "fridge" => td_string!(loc, apply.app_fridge),
        "cooler" => td_string!(loc, apply.app_cooler),
        "iron" => td_string!(loc, apply.app_iron),
        "pump" => td_string!(loc, apply.app_pump),
        _ => td_string!(loc, apply.app_ac),
    }
}

#[component]
pub fn LoadSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let data = flow.draft.data;
    let (load, set_load) = flow.bind(|d| &d.load_kw, |d, v| d.load_kw = v);
    let tariff = Signal::derive(move || data.with(|d| d.tariff.clone()));
    let tariffs = Signal::derive(move || {
        let loc = i18n.get_locale();
        meta.get()
            .map(|m| {
                m.tariffs
                    .iter()
                    .map(|t| RadioOption {
                        value: t.code.clone(),
                        label: pick(loc, &t.name),
                        hint: Some(td_string!(loc, apply.load_limits, min = t.min_kw, max = t.max_kw).to_string()),
                        icon: None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let phase = move || {
        let m = meta.get()?;
        let p = data.with(|d| d.phase(&m))?;
        let from = data.with(|d| d.tariff(&m).map(|t| t.three_phase_from_kw))?;
        let loc = i18n.get_locale();
        Some(match p {
            Phase::Single => td_string!(loc, apply.phase_single, from = from).to_string(),
            Phase::Three => td_string!(loc, apply.phase_three, from = from).to_string(),
        })
    };
    let total = move || data.with(|d| appliance_kw(&d.appliances));
    let count = move |code: &'static str| {
        data.with(|d| d.appliances.iter().find(|(c, _)| c == code).map(|(_, n)| *n).unwrap_or(0))
    };
    let set_count = move |code: &'static str, v: String| {
        let n: u32 = normalize::digits_only_lenient(&v).parse().unwrap_or(0).min(99);
        data.update(|d| {
            d.appliances.retain(|(c, _)| c != code);
            if n > 0 {
                d.appliances.push((code.to_string(), n));
            }
        })
    };
    view! {
        <SectionPage section=Section::Load title=flow.label(|l| td_string!(l, apply.load))>
            <Radios name="tariff" legend=flow.label(|l| td_string!(l, apply.tariff)) options=tariffs value=tariff
                on_change=move |v: String| data.update(|d| d.tariff = v) error=flow.error("tariff") />
            <TextField name="load_kw" inputmode="numeric" class="input-w4" label=flow.label(|l| td_string!(l, apply.load_kw))
                hint=flow.label(|l| td_string!(l, apply.load_hint)) value=load on_input=set_load error=flow.error("load_kw") />
            {move || phase().map(|p| view! { <p class="inset" role="status">{p}</p> })}
            <details class="details">
                <summary class="details-summary">{move || t_string!(i18n, apply.helper)}</summary>
                <div class="details-text">
                    <p class="hint">{move || t_string!(i18n, apply.helper_hint)}</p>
                    <div class="appliances">
                        {APPLIANCES.iter().map(|(code, watts)| {
                            let id = format!("f-appliance-{code}");
                            view! {
                                <div class="form-group appliance">
                                    <label class="label" for=id.clone()>{move || appliance_name(i18n.get_locale(), code)}" "<span class="hint">{format!("({watts} W)")}</span></label>
                                    <input class="input input-w2" id=id inputmode="numeric" prop:value=move || { let n = count(code); if n == 0 { String::new() } else { n.to_string() } }
                                        on:input=move |ev| set_count(code, event_target_value(&ev)) />
                                </div>
                            }
                        }).collect_view()}
                    </div>
                    <p role="status">{move || t_string!(i18n, apply.helper_total, kw = total()).to_string()}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| { let kw = total(); data.update(|d| d.load_kw = kw.to_string()) }>
                        {move || t_string!(i18n, apply.helper_use, kw = total()).to_string()}
                    </button>
                </div>
            </details>
        </SectionPage>
    }
}

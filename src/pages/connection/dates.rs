//! Section 5: three preferred dates for the site inspection and three for installing the meter —
//! future working days (Monday to Saturday, not one of the catalogue's holidays) within 60 days,
//! all different; the meter's after the first inspection. The browser's date picker works without
//! a keyboard but cannot grey out holidays, so they are listed above it.
use super::{today, use_flow, SectionPage};
use crate::components::TextField;
use crate::domain::connection::{inspection_window, Section, Visit};
use crate::domain::time::{civil, civil_display};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn DatesSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let (first, last) = inspection_window(today());
    view! {
        <SectionPage section=Section::Dates title=flow.label(|l| td_string!(l, apply.dates))>
            {move || {
                let loc = i18n.get_locale();
                let days = meta.get().map(|m| {
                    m.holidays_between(first, last)
                        .iter()
                        .map(|(d, h)| format!("{} ({})", civil_display(*d), pick(loc, &h.name)))
                        .collect::<Vec<_>>()
                        .join(", ")
                }).unwrap_or_default();
                (!days.is_empty()).then(|| view! { <p class="hint" id="holidays">{td_string!(loc, apply.holidays_hint, days = days)}</p> })
            }}
            <DateGroup kind=Visit::Inspection legend=|l| td_string!(l, apply.inspection_dates) hint=|l| td_string!(l, apply.dates_hint)
                window=(first, last) />
            <DateGroup kind=Visit::Installation legend=|l| td_string!(l, apply.installation_dates) hint=|l| td_string!(l, apply.installation_hint)
                window=(first, last) />
        </SectionPage>
    }
}

/// Three date boxes for one visit (`kind.0` to `kind.2`), under a legend that says which visit.
#[component]
fn DateGroup(
    kind: Visit,
    legend: fn(Locale) -> &'static str,
    hint: fn(Locale) -> &'static str,
    window: (i64, i64),
) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let data = flow.draft.data;
    let (first, last) = window;
    view! {
        <fieldset class="fieldset" id=kind.field()>
            <legend class="legend">{move || legend(i18n.get_locale())}</legend>
            <p class="hint">{move || hint(i18n.get_locale())}</p>
            {(0..3usize).map(|i| {
                let label = Signal::derive(move || {
                    let l = i18n.get_locale();
                    match i { 0 => td_string!(l, apply.date_1), 1 => td_string!(l, apply.date_2), _ => td_string!(l, apply.date_3) }.to_string()
                });
                let field = format!("{}.{i}", kind.field());
                view! {
                    <TextField name=field.clone() input_type="date" class="input-w10" label=label
                        min=civil(first) max=civil(last)
                        value=Signal::derive(move || data.with(|d| d.dates(kind)[i].clone()))
                        on_input=move |v: String| data.update(|d| d.dates_mut(kind)[i] = v)
                        error=flow.error(field) />
                }
            }).collect_view()}
        </fieldset>
    }
}

//! Section 5: three preferred dates for the site inspection — future working days (Monday to
//! Saturday, not one of the catalogue's holidays) within 60 days, all different. The browser's
//! date picker works without a keyboard but cannot grey out holidays, so they are listed above it.
use super::{today, use_flow, SectionPage};
use crate::components::TextField;
use crate::domain::connection::{inspection_window, Section};
use crate::domain::time::{civil, civil_display};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn DatesSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let data = flow.draft.data;
    let (first, last) = inspection_window(today());
    view! {
        <SectionPage section=Section::Dates title=flow.label(|l| td_string!(l, apply.dates))>
            <p class="hint">{move || t_string!(i18n, apply.dates_hint)}</p>
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
            {(0..3usize).map(|i| {
                let label = Signal::derive(move || {
                    let l = i18n.get_locale();
                    match i { 0 => td_string!(l, apply.date_1), 1 => td_string!(l, apply.date_2), _ => td_string!(l, apply.date_3) }.to_string()
                });
                view! {
                    <TextField name=format!("inspection_dates.{i}") input_type="date" class="input-w10" label=label
                        min=civil(first) max=civil(last)
                        value=Signal::derive(move || data.with(|d| d.inspection_dates[i].clone()))
                        on_input=move |v: String| data.update(|d| d.inspection_dates[i] = v)
                        error=flow.error(format!("inspection_dates.{i}")) />
                }
            }).collect_view()}
        </SectionPage>
    }
}

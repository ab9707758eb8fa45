//! Section 6: the itemised fee estimate from the schedule in force today (with its effective
//! date), shown before anything is sent, and the declaration.
use super::{today, use_flow, SectionPage};
use crate::components::Checkbox;
use crate::domain::connection::{rupees, Section};
use crate::domain::wire::FeeEstimate;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The fee table, used here, on "Check your answers" and on the acknowledgement.
#[component]
pub fn FeeTable(fees: FeeEstimate) -> impl IntoView {
    let i18n = use_i18n();
    let total = fees.total_rupees;
    let from = crate::domain::time::parse_date(&fees.effective_from)
        .map(crate::domain::time::civil_display)
        .unwrap_or_default();
    view! {
        <table class="table fee-table">
            <caption class="table-caption">{move || t_string!(i18n, apply.fees_caption, date = from.clone()).to_string()}</caption>
            <thead><tr><th scope="col">{move || t_string!(i18n, apply.fee_item)}</th><th scope="col" class="num">{move || t_string!(i18n, apply.fee_amount)}</th></tr></thead>
            <tbody>
                {fees.items.into_iter().map(|line| view! {
                    <tr><td>{move || pick(i18n.get_locale(), &line.name)}</td><td class="num">{rupees(line.rupees)}</td></tr>
                }).collect_view()}
            </tbody>
            <tfoot><tr><th scope="row">{move || t_string!(i18n, apply.fee_total)}</th><td class="num"><strong id="fee-total">{rupees(total)}</strong></td></tr></tfoot>
        </table>
    }
}

#[component]
pub fn FeesSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let data = flow.draft.data;
    let fees = move || meta.get().and_then(|m| data.with(|d| d.fees(&m, today())));
    view! {
        <SectionPage section=Section::Fees title=flow.label(|l| td_string!(l, apply.fees))>
            {move || match fees() {
                Some(f) => view! { <FeeTable fees=f /> <p class="hint">{t_string!(i18n, apply.fees_note)}</p> }.into_any(),
                // The way to what is missing, not only its name.
                None => view! { <p><A href=flow.section_href(Section::Load)>{t_string!(i18n, apply.fees_need_load)}</A></p> }.into_any(),
            }}
            <h2 class="heading-m">{move || t_string!(i18n, apply.declaration_title)}</h2>
            <Checkbox name="declaration" label=flow.label(|l| td_string!(l, apply.declaration))
                checked=Signal::derive(move || data.with(|d| d.declaration))
                on_change=move |(v,): (bool,)| data.update(|d| d.declaration = v) error=flow.error("declaration") />
        </SectionPage>
    }
}

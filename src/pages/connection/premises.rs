//! Section 2, the premises: address, district → division → sub-division (from `/meta`), a PIN
//! that must belong to the district, urban/rural, and ownership (a tenant needs the landlord's
//! consent, asked for under Documents).
use super::{use_flow, SectionPage};
use crate::components::{RadioOption, Radios, SelectField, TextField};
use crate::domain::connection::Section;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn PremisesSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let data = flow.draft.data;
    let (house, set_house) = flow.bind(|d| &d.house, |d, v| d.house = v);
    let (street, set_street) = flow.bind(|d| &d.street, |d, v| d.street = v);
    let (landmark, set_landmark) = flow.bind(|d| &d.landmark, |d, v| d.landmark = v);
    let (pin, set_pin) = flow.bind(|d| &d.pin, |d, v| d.pin = v);
    let district = Signal::derive(move || data.with(|d| d.district.clone()));
    let division = Signal::derive(move || data.with(|d| d.division.clone()));
    let sub_division = Signal::derive(move || data.with(|d| d.sub_division.clone()));
    let area = Signal::derive(move || data.with(|d| d.area.clone()));
    let ownership = Signal::derive(move || data.with(|d| d.ownership.clone()));
    let districts = crate::pages::district_options();
    let divisions = Signal::derive(move || {
        let loc = i18n.get_locale();
        let (m, code) = (meta.get(), district.get());
        m.and_then(|m| {
            m.districts
                .iter()
                .find(|d| d.code == code)
                .map(|d| d.divisions.iter().map(|v| (v.code.clone(), pick(loc, &v.name))).collect())
        })
        .unwrap_or_default()
    });
    let sub_divisions = Signal::derive(move || {
        let loc = i18n.get_locale();
        let (m, dist, div) = (meta.get(), district.get(), division.get());
        m.and_then(|m| {
            let v = m.district(&dist)?.division(&div)?;
            Some(v.sub_divisions.iter().map(|s| (s.code.clone(), pick(loc, &s.name))).collect())
        })
        .unwrap_or_default()
    });
    let radio = |pairs: Vec<(&'static str, &'static str, Option<&'static str>)>| {
        pairs
            .into_iter()
            .map(|(v, l, h)| RadioOption { value: v.into(), label: l.into(), hint: h.map(Into::into), icon: None })
            .collect::<Vec<_>>()
    };
    let areas = Signal::derive(move || {
        let l = i18n.get_locale();
        radio(vec![("urban", td_string!(l, apply.urban), None), ("rural", td_string!(l, apply.rural), None)])
    });
    let owners = Signal::derive(move || {
        let l = i18n.get_locale();
        radio(vec![
            ("owner", td_string!(l, apply.owner), None),
            ("tenant", td_string!(l, apply.tenant), Some(td_string!(l, apply.tenant_hint))),
        ])
    });
    view! {
        <SectionPage section=Section::Premises title=flow.label(|l| td_string!(l, apply.premises))>
            <TextField name="house" autocomplete="address-line1" label=flow.label(|l| td_string!(l, apply.house))
                value=house on_input=set_house error=flow.error("house") />
            <TextField name="street" autocomplete="address-line2" label=flow.label(|l| td_string!(l, apply.street))
                value=street on_input=set_street error=flow.error("street") />
            <TextField name="landmark" label=flow.label(|l| td_string!(l, apply.landmark))
                value=landmark on_input=set_landmark error=flow.error("landmark") />
            <SelectField name="district" label=flow.label(|l| td_string!(l, consumer.district)) placeholder=flow.label(|l| td_string!(l, consumer.choose_district))
                options=districts value=district error=flow.error("district")
                on_change=move |v: String| data.update(|d| {
                    if d.district != v {
                        d.division.clear();
                        d.sub_division.clear();
                    }
                    d.district = v;
                }) />
            <SelectField name="division" label=flow.label(|l| td_string!(l, apply.division)) placeholder=flow.label(|l| td_string!(l, apply.choose))
                options=divisions value=division error=flow.error("division")
                on_change=move |v: String| data.update(|d| {
                    if d.division != v {
                        d.sub_division.clear();
                    }
                    d.division = v;
                }) />
            <SelectField name="sub_division" label=flow.label(|l| td_string!(l, apply.sub_division)) placeholder=flow.label(|l| td_string!(l, apply.choose))
                options=sub_divisions value=sub_division error=flow.error("sub_division")
                on_change=move |v: String| data.update(|d| d.sub_division = v) />
            <TextField name="pin" inputmode="numeric" autocomplete="postal-code" class="input-w5" label=flow.label(|l| td_string!(l, apply.pin))
                value=pin on_input=set_pin error=flow.error("pin") />
            <Radios name="area" legend=flow.label(|l| td_string!(l, apply.area)) options=areas value=area
                on_change=move |v: String| data.update(|d| d.area = v) error=flow.error("area") />
            <Radios name="ownership" legend=flow.label(|l| td_string!(l, apply.ownership)) options=owners value=ownership
                on_change=move |v: String| data.update(|d| d.ownership = v) error=flow.error("ownership") />
        </SectionPage>
    }
}

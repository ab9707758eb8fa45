//! Section 1, the applicant: name as on the ID, father's/husband's name, date of birth, mobile,
//! e-mail, applicant type and ID proof. Aadhaar is one proof among five (the law makes it
//! voluntary) and is used only with the applicant's ticked consent. An Aadhaar number is typed
//! into a masked box, checked (12 digits, Verhoeff), shown back only as `XXXX XXXX 1234`, and kept
//! in memory only.
use super::{use_flow, SectionPage};
use crate::components::{Checkbox, DateParts, RadioOption, Radios, SelectField, TextField};
use crate::domain::aadhaar;
use crate::domain::connection::Section;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ApplicantSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let data = flow.draft.data;
    let (name, set_name) = flow.bind(|d| &d.name, |d, v| d.name = v);
    let (father, set_father) = flow.bind(|d| &d.father_name, |d, v| d.father_name = v);
    let (mobile, set_mobile) = flow.bind(|d| &d.mobile, |d, v| d.mobile = v);
    let (email, set_email) = flow.bind(|d| &d.email, |d, v| d.email = v);
    let (id_number, set_id_number) = flow.bind(|d| &d.id_number, |d, v| d.id_number = v);
    let applicant_type = Signal::derive(move || data.with(|d| d.applicant_type.clone()));
    let id_type = Signal::derive(move || data.with(|d| d.id_proof_type.clone()));
    let dob = Signal::derive(move || data.with(|d| [d.dob_day.clone(), d.dob_month.clone(), d.dob_year.clone()]));
    let aadhaar_value = Signal::derive(move || flow.aadhaar.get());
    let masked = move || aadhaar::parse(&flow.aadhaar.get()).map(|a| aadhaar::mask(&a));
    // After a reload the Aadhaar number is gone by design: say so rather than look broken.
    let must_reenter = move || {
        data.with(|d| d.id_proof_type == "aadhaar" && d.visited.len() > 1) && flow.aadhaar.with(String::is_empty)
    };
    let types = Signal::derive(move || {
        let loc = i18n.get_locale();
        [
            ("individual", td_string!(loc, apply.type_individual)),
            ("firm", td_string!(loc, apply.type_firm)),
            ("government", td_string!(loc, apply.type_government)),
            ("trust", td_string!(loc, apply.type_trust)),
        ]
        .into_iter()
        .map(|(v, l)| RadioOption { value: v.into(), label: l.into(), hint: None, icon: None })
        .collect::<Vec<_>>()
    });
    let proofs = Signal::derive(move || {
        let loc = i18n.get_locale();
        meta.get()
            .map(|m| m.id_proofs.iter().map(|p| (p.code.clone(), pick(loc, &p.name))).collect())
            .unwrap_or_default()
    });
    view! {
        <SectionPage section=Section::Applicant title=Signal::derive(move || t_string!(i18n, apply.applicant).to_string())>
            <TextField name="name" autocomplete="name" label=flow.label(|l| td_string!(l, apply.name))
                hint=flow.label(|l| td_string!(l, apply.name_hint)) value=name on_input=set_name error=flow.error("name") />
            <TextField name="father_name" label=flow.label(|l| td_string!(l, apply.father_name))
                value=father on_input=set_father error=flow.error("father_name") />
            <DateParts name="date_of_birth" legend=flow.label(|l| td_string!(l, apply.dob)) hint=flow.label(|l| td_string!(l, apply.dob_hint))
                labels=Signal::derive(move || { let l = i18n.get_locale(); [td_string!(l, apply.day).to_string(), td_string!(l, apply.month).to_string(), td_string!(l, apply.year).to_string()] })
                values=dob on_input=move |(i, v): (usize, String)| data.update(|d| match i { 0 => d.dob_day = v, 1 => d.dob_month = v, _ => d.dob_year = v })
                error=flow.error("date_of_birth") />
            <TextField name="mobile" input_type="tel" inputmode="tel" autocomplete="tel-national" class="input-w10"
                label=flow.label(|l| td_string!(l, apply.mobile)) hint=flow.label(|l| td_string!(l, apply.mobile_hint))
                value=mobile on_input=set_mobile error=flow.error("mobile") />
            <TextField name="email" input_type="email" autocomplete="email" label=flow.label(|l| td_string!(l, apply.email))
                value=email on_input=set_email error=flow.error("email") />
            <Radios name="applicant_type" legend=flow.label(|l| td_string!(l, apply.applicant_type)) options=types
                value=applicant_type on_change=move |v: String| data.update(|d| d.applicant_type = v) error=flow.error("applicant_type") />
            <SelectField name="id_proof_type" label=flow.label(|l| td_string!(l, apply.id_type)) placeholder=flow.label(|l| td_string!(l, apply.choose))
                hint=flow.label(|l| td_string!(l, apply.id_type_hint)) options=proofs value=id_type on_change=move |v: String| data.update(|d| d.id_proof_type = v) error=flow.error("id_proof_type") />
            <Show when=move || id_type.get() == "aadhaar"
                fallback=move || view! {
                    <Show when=move || !id_type.get().is_empty()>
                        <TextField name="id_proof_number" autocomplete="off" label=flow.label(|l| td_string!(l, apply.id_number))
                            value=id_number on_input=set_id_number error=flow.error("id_proof_number") />
                    </Show>
                }>
                {move || must_reenter().then(|| view! { <div class="notice" role="status"><p>{t_string!(i18n, apply.aadhaar_again)}</p></div> })}
                // A password box: the number is not shown on a shared screen, and browsers do not
                // keep it in form history.
                <TextField name="id_proof_number" input_type="password" inputmode="numeric" autocomplete="off" class="input-w10"
                    label=flow.label(|l| td_string!(l, apply.aadhaar)) hint=flow.label(|l| td_string!(l, apply.aadhaar_hint))
                    value=aadhaar_value on_input=move |v: String| flow.aadhaar.set(v) error=flow.error("id_proof_number") />
                {move || masked().map(|m| view! { <p class="hint" id="aadhaar-masked">{t_string!(i18n, apply.aadhaar_entered)}" "<strong>{m}</strong></p> })}
                <Checkbox name="aadhaar_consent" label=flow.label(|l| td_string!(l, apply.aadhaar_consent))
                    checked=Signal::derive(move || data.with(|d| d.aadhaar_consent))
                    on_change=move |(v,): (bool,)| data.update(|d| d.aadhaar_consent = v) error=flow.error("aadhaar_consent") />
            </Show>
        </SectionPage>
    }
}

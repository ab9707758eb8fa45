//! Step 3: the description (with a live counter; limit from the contract), when it started, and
//! a photo of the problem if the person has one (when the backend takes photos).
use super::{back_href, use_continue, use_flow, StepFooter};
use crate::components::{BackLink, ErrorSummary, RadioOption, Radios, TextArea};
use crate::domain::complaint::Step;
use crate::i18n::*;
use crate::pages::{PageTitle, WithMeta};
use leptos::prelude::*;

#[component]
pub fn DetailsStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    flow.enter(Step::Details);
    let go = use_continue(Step::Details);
    let photos = crate::assist::use_mode().0.with_untracked(crate::domain::assist::Mode::may_attach_photo);
    let data = flow.draft.data;
    let (description, set_description) = flow.bind(|d| &d.description, |d, v| d.description = v);
    let started = Signal::derive(move || data.with(|d| d.started.clone()));
    let when = Signal::derive(move || {
        vec![
            RadioOption {
                value: "just_now".into(),
                label: t_string!(i18n, details.just_now).into(),
                hint: None,
                icon: None,
            },
            RadioOption { value: "today".into(), label: t_string!(i18n, details.today).into(), hint: None, icon: None },
            RadioOption {
                value: "yesterday".into(),
                label: t_string!(i18n, details.yesterday).into(),
                hint: None,
                icon: None,
            },
            RadioOption {
                value: "earlier".into(),
                label: t_string!(i18n, details.earlier).into(),
                hint: None,
                icon: None,
            },
        ]
    });
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, details.title).to_string()) error=flow.errors.any() />
        <BackLink href=back_href(Step::Details) />
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <TextArea name="description" label_is_heading=true
                label=Signal::derive(move || t_string!(i18n, details.title).to_string())
                hint=Signal::derive(move || t_string!(i18n, details.hint).to_string())
                value=description on_input=set_description error=flow.error("description")
                max=Signal::derive(move || meta.get().map(|m| m.limits.description_max).unwrap_or(1000)) />
            <Radios name="started"
                legend=Signal::derive(move || format!("{} {}", t_string!(i18n, details.when), t_string!(i18n, common.optional)))
                options=when value=started on_change=move |v: String| data.update(|d| d.started = v)
                error=flow.error("started") />
            // A photo that could not go with an earlier send of this form (it comes back for
            // correction): said where it was, until another is chosen.
            {move || data.with(|d| d.photo_left && d.photo.is_none()).then(|| view! {
                <p class="notice" id="photo-left">{t_string!(i18n, details.photo_left)}</p>
            })}
            {move || meta.get().and_then(|m| m.complaint_photo.clone()).filter(|_| photos).map(|doc| view! {
                <crate::app::ComplaintPhoto draft=flow.draft errors=flow.errors doc=doc />
            })}
            <StepFooter on_continue={let go = go.clone(); move |_| go()} />
        </WithMeta>
    }
}

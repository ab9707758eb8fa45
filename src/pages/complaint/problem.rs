//! Step 2: what is wrong — large icon + text categories, then the kind of problem. Safety
//! choices show "stay away, call 1912" at once; theft may be reported anonymously; "no supply"
//! says so when the discom has already announced a cut in the district, and until when.
use super::{back_href, use_continue, use_flow, StepFooter};
use crate::components::{BackLink, ErrorSummary, RadioOption, Radios, TileIcon, Warning};
use crate::domain::complaint::Step;
use crate::domain::outage;
use crate::domain::time::{ist_display, parse_rfc3339};
use crate::domain::wire::Announcement;
use crate::i18n::*;
use crate::pages::{PageTitle, WithMeta};
use leptos::prelude::*;

#[component]
pub fn ProblemStep() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    flow.enter(Step::Problem);
    let go = use_continue(Step::Problem);
    let data = flow.draft.data;
    let category = Signal::derive(move || data.with(|d| d.category.clone()));
    let subcategory = Signal::derive(move || data.with(|d| d.subcategory.clone()));
    let categories = Signal::derive(move || {
        let loc = i18n.get_locale();
        meta.get()
            .map(|m| {
                m.complaint_categories
                    .iter()
                    .map(|c| RadioOption {
                        value: c.code.clone(),
                        label: pick(loc, &c.name),
                        hint: None,
                        icon: Some(match crate::components::icons::category(&c.code) {
                            Some(d) => TileIcon::Drawn(d),
                            None => TileIcon::Text(c.icon.clone()),
                        }),
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let subs = Signal::derive(move || {
        let loc = i18n.get_locale();
        let cat = category.get();
        meta.get()
            .and_then(|m| {
                m.category(&cat).map(|c| {
                    c.subcategories
                        .iter()
                        .map(|s| RadioOption {
                            value: s.code.clone(),
                            label: pick(loc, &s.name),
                            hint: None,
                            icon: None,
                        })
                        .collect()
                })
            })
            .unwrap_or_default()
    });
    let safety = Signal::derive(move || meta.get().is_some_and(|m| data.with(|d| d.is_safety(&m))));
    let anonymous_allowed = Signal::derive(move || {
        let cat = category.get();
        meta.get().is_some_and(|m| m.category(&cat).is_some_and(|c| c.anonymous_allowed))
    });
    // The discom's notices, fetched once "no supply" is chosen (and again in a language switched
    // to). A failed fetch shows nothing: the notice helps, the complaint does not need it.
    // A Memo, so the draft's other changes (a sub-category, an autosave) do not fetch again.
    let no_supply = Memo::new(move |_| category.with(|c| c == outage::NO_SUPPLY));
    let district = Memo::new(move |_| data.with(|d| d.district.clone()));
    let notices = RwSignal::new(Vec::<Announcement>::new());
    Effect::new(move |_| {
        if !no_supply.get() {
            return;
        }
        let lang = code(i18n.get_locale());
        let district = district.get();
        leptos::task::spawn_local(async move {
            let list = crate::api::announcements_now(lang, &district).await.unwrap_or_default();
            if code(i18n.get_locale_untracked()) == lang {
                notices.try_set(list);
            }
        });
    });
    // Gated on the Memo, so typing elsewhere in the draft does not re-filter while no outage applies.
    let known = Memo::new(move |_| {
        if !no_supply.get() {
            return vec![];
        }
        let district = district.get();
        notices.with(|l| {
            outage::current(l, outage::NO_SUPPLY, &district, crate::pages::now())
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, problem.title).to_string()) error=flow.errors.any() />
        <BackLink href=back_href(Step::Problem) />
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <Show when=move || safety.get()>
                <div class="safety-alert" role="alert">
                    <Warning>{move || t_string!(i18n, problem.safety)}</Warning>
                    <a class="button button-warning" href="tel:1912">{move || t_string!(i18n, problem.call_now)}</a>
                </div>
            </Show>
            <Radios name="category" legend_is_heading=true tiles=true
                legend=Signal::derive(move || t_string!(i18n, problem.title).to_string())
                options=categories value=category
                on_change=move |v: String| data.update(|d| { d.category = v; d.subcategory.clear(); })
                error=flow.error("category") />
            <Show when=move || !known.with(Vec::is_empty)>
                <div class="notice notice-outage" role="status" id="known-outage">
                    <p class="notice-title">{move || t_string!(i18n, problem.outage_title)}</p>
                    {move || known.get().into_iter().map(|a| {
                        let until = a.until.as_deref().and_then(parse_rfc3339).map(ist_display).unwrap_or_default();
                        view! { <p><strong>{a.title}</strong><br />{t_string!(i18n, problem.outage_until, when = until).to_string()}</p> }
                    }).collect_view()}
                    <p class="hint">{move || t_string!(i18n, problem.outage_hint)}</p>
                </div>
            </Show>
            <Show when=move || !category.get().is_empty()>
                <Radios name="subcategory"
                    legend=Signal::derive(move || t_string!(i18n, problem.which).to_string())
                    options=subs value=subcategory on_change=move |v: String| data.update(|d| d.subcategory = v)
                    error=flow.error("subcategory") />
            </Show>
            <Show when=move || anonymous_allowed.get()>
                <div class="form-group checkbox">
                    <input type="checkbox" id="f-anonymous" class="checkbox-input"
                        prop:checked=move || data.with(|d| d.anonymous)
                        on:change=move |ev| data.update(|d| d.anonymous = event_target_checked(&ev)) />
                    <label for="f-anonymous" class="checkbox-label">{move || t_string!(i18n, problem.anonymous)}</label>
                </div>
            </Show>
            <StepFooter on_continue={let go = go.clone(); move |_| go()} />
        </WithMeta>
    }
}

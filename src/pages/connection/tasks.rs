//! `/connection/new`: the task list. Each section with its status tag (Not started / In progress
//! / Completed / Cannot start yet), where the person stopped, what to have ready, and a way to
//! start afresh or discard this application.
use super::{clear_active, today, use_flow, TASKS};
use crate::domain::connection::{big_city_districts, example_fees, rupees, Section, TaskStatus};
use crate::domain::time::{civil_display, parse_date};
use crate::i18n::*;
use crate::pages::{BelowFirstQuestion, PageTitle, WithMeta};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

pub fn section_name(loc: Locale, s: Section) -> &'static str {
    match s {
        Section::Applicant => td_string!(loc, apply.applicant),
        Section::Premises => td_string!(loc, apply.premises),
        Section::Load => td_string!(loc, apply.load),
        Section::Documents => td_string!(loc, apply.documents),
        Section::Dates => td_string!(loc, apply.dates),
        Section::Fees => td_string!(loc, apply.fees),
    }
}

#[component]
pub fn TaskList() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let navigate = use_navigate();
    flow.enter("tasks");
    let status =
        move |s: Section| meta.get().map(|m| flow.draft.data.with(|d| d.status(s, &flow.aadhaar.get(), &m, today())));
    let done_count = move || Section::ALL.iter().filter(|s| status(**s) == Some(TaskStatus::Completed)).count();
    let all_done = move || done_count() == Section::ALL.len();
    let discard = Callback::new(move |()| {
        flow.draft.discard();
        clear_active();
        // In place of the deleted one, whose address would open an empty form.
        let replace = leptos_router::NavigateOptions { replace: true, ..Default::default() };
        navigate(&format!("{TASKS}?new=1&deleted=1"), replace);
    });
    view! {
        <PageTitle text=flow.label(|l| td_string!(l, apply.title)) />
        <h1>{move || t_string!(i18n, apply.title)}</h1>
        // Until the new application is begun.
        {flow.after_delete.then(|| view! {
            <Show when=move || flow.draft.data.with(|d| d.visited.is_empty())>
                <div class="notice notice-success" role="status" id="deleted-notice">
                    <p>{move || t_string!(i18n, apply.deleted)}</p>
                </div>
            </Show>
        })}
        <p class="lead">{move || t_string!(i18n, apply.intro)}</p>
        <details class="details">
            <summary class="details-summary">{move || t_string!(i18n, apply.need_title)}</summary>
            <div class="details-text">
                <p>{move || t_string!(i18n, apply.need_body)}</p>
                // From the catalogue (fees and time limits are data with dates), once it is here.
                {move || meta.get().map(|m| {
                    let loc = i18n.get_locale();
                    let cost = example_fees(&m, today()).map(|(t, kw, fees)| {
                        let items = fees.items.iter().map(|i| format!("{} {}", pick(loc, &i.name), rupees(i.rupees))).collect::<Vec<_>>().join(", ");
                        let date = parse_date(&fees.effective_from).map(civil_display).unwrap_or_default();
                        let tariff = pick(loc, &t.name);
                        td_string!(loc, apply.need_cost, date = date, kw = kw, tariff = tariff, total = rupees(fees.total_rupees), items = items).to_string()
                    });
                    let d = &m.connection_days;
                    let cities = big_city_districts(&m).iter().map(|x| pick(loc, &x.name)).collect::<Vec<_>>().join(", ");
                    let time = if cities.is_empty() {
                        td_string!(loc, apply.need_time_towns, urban = d.urban, rural = d.rural).to_string()
                    } else {
                        td_string!(loc, apply.need_time, a_city = d.a_city, cities = cities, urban = d.urban, rural = d.rural).to_string()
                    };
                    view! { {cost.map(|c| view! { <p id="need-cost">{c}</p> })} <p id="need-time">{time}</p> }
                })}
            </div>
        </details>
        // The sections' states (each section's checks run) a task after the introduction on a
        // deep link, as a form step's questions are (`BelowFirstQuestion`).
        <WithMeta><BelowFirstQuestion>
            <p class="hint" role="status">{move || t_string!(i18n, apply.completed_count, done = done_count(), total = Section::ALL.len()).to_string()}</p>
            <ul class="task-list">
                {Section::ALL.into_iter().map(|s| {
                    let tag = move || {
                        let loc = i18n.get_locale();
                        match status(s).unwrap_or(TaskStatus::NotStarted) {
                            TaskStatus::Completed => ("tag tag-green", td_string!(loc, apply.completed)),
                            TaskStatus::InProgress => ("tag tag-blue", td_string!(loc, apply.in_progress)),
                            TaskStatus::NotStarted => ("tag tag-grey", td_string!(loc, apply.not_started)),
                            TaskStatus::CannotStart => ("tag tag-grey tag-muted", td_string!(loc, apply.cannot_start)),
                        }
                    };
                    let id = format!("task-{}", s.name());
                    let id2 = id.clone();
                    view! {
                        <li class="task" id=format!("row-{}", s.name())>
                            {move || if status(s) == Some(TaskStatus::CannotStart) {
                                view! { <span class="task-name" id=id.clone()>{section_name(i18n.get_locale(), s)}</span> }.into_any()
                            } else {
                                view! { <A href=flow.section_href(s) attr:class="task-name" attr:id=id.clone() attr:aria-describedby=format!("{}-status", id.clone())>{section_name(i18n.get_locale(), s)}</A> }.into_any()
                            }}
                            <strong class=move || tag().0 id=format!("{id2}-status")>{move || tag().1}</strong>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=all_done fallback=move || view! { <p class="hint">{move || t_string!(i18n, apply.finish_first)}</p> }>
                <A href=move || flow.check_href() attr:class="button">{move || t_string!(i18n, apply.go_check)}</A>
            </Show>
            <p class="hint">{move || t_string!(i18n, apply.saved_here)}</p>
            // Only once the application is begun: a fresh one has nothing to delete or set aside.
            <Show when=move || flow.draft.data.with(|d| !d.visited.is_empty())>
                <div class="button-group">
                    <A href=format!("{TASKS}?new=1") attr:class="link-secondary">{move || t_string!(i18n, apply.start_new)}</A>
                    <button type="button" class="link-button" on:click=move |_| discard.run(())>{move || t_string!(i18n, apply.discard)}</button>
                </div>
            </Show>
        </BelowFirstQuestion></WithMeta>
    }
}

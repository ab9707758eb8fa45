//! `/drafts`: every unfinished form on this device (an operator may have several), newest first.
use super::PageTitle;
use crate::domain::complaint::Step;
use crate::domain::draft::{DraftKind, Envelope};
use crate::domain::time::ist_short;
use crate::i18n::*;
use crate::storage::drafts::DraftStore;
use leptos::prelude::*;
use leptos_router::components::A;

/// Where an unfinished form is taken up again: the form at its step, or the status page that an
/// answer (feedback, a query's answer, a withdrawal) belongs to.
pub fn resume_href(d: &Envelope) -> String {
    match d.kind {
        DraftKind::Complaint => format!("{}?draft={}", Step::from_name(&d.step).path(), d.id),
        DraftKind::Feedback => {
            crate::domain::feedback::number_of(&d.id).map(|n| format!("/track/{n}")).unwrap_or_else(|| "/".into())
        }
        DraftKind::Connection => {
            let path = crate::domain::connection::Section::from_name(&d.step).map(|s| s.path()).unwrap_or_else(|| {
                if d.step == crate::domain::connection::CHECK {
                    "/connection/new/check".into()
                } else {
                    "/connection/new".into()
                }
            });
            format!("{path}?draft={}", d.id)
        }
    }
}

/// What kind of form it is, in the reader's language.
pub fn kind_text(loc: Locale, d: &Envelope) -> &'static str {
    match d.kind {
        DraftKind::Complaint => td_string!(loc, drafts.kind_complaint),
        DraftKind::Connection => td_string!(loc, drafts.kind_connection),
        DraftKind::Feedback if crate::domain::feedback::is_withdrawal(&d.id) => td_string!(loc, drafts.kind_withdraw),
        DraftKind::Feedback => td_string!(loc, drafts.kind_feedback),
    }
}

#[component]
pub fn Drafts() -> impl IntoView {
    let i18n = use_i18n();
    let store = DraftStore::current();
    let list = RwSignal::new(store.list(None));
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, drafts.title).to_string()) />
        <h1>{move || t_string!(i18n, drafts.title)}</h1>
        <Show when=move || list.with(Vec::is_empty)>
            <p>{move || t_string!(i18n, drafts.empty)}</p>
        </Show>
        <ul class="ticket-list">
            <For each=move || list.get() key=|d| (d.id.clone(), d.rev) let:d>
                {
                    let id = d.id.clone();
                    let href = resume_href(&d);
                    let label = if d.label.is_empty() { None } else { Some(d.label.clone()) };
                    view! {
                        <li class="ticket-row">
                            <div>
                                <strong>{
                                    let d = d.clone();
                                    move || kind_text(i18n.get_locale(), &d)
                                }</strong>
                                {label.map(|l| view! { " — "<span>{l}</span> })}
                                <div class="hint">
                                    {move || t_string!(i18n, drafts.last_change)}" "{ist_short(d.updated_at)}" · "
                                    {move || t_string!(i18n, drafts.progress, percent = d.progress).to_string()}
                                </div>
                            </div>
                            <A href=href attr:class="button button-small">{move || t_string!(i18n, drafts.open)}</A>
                            <button type="button" class="button button-secondary button-small" on:click=move |_| {
                                store.discard(&id);
                                list.set(store.list(None));
                            }>{move || t_string!(i18n, drafts.delete)}</button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

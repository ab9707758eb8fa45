//! `/drafts`: every unfinished form on this device (an operator may have several), newest first.
use super::PageTitle;
use crate::domain::complaint::Step;
use crate::domain::draft::DraftKind;
use crate::domain::time::ist_short;
use crate::i18n::*;
use crate::storage::drafts::DraftStore;
use leptos::prelude::*;
use leptos_router::components::A;

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
                    let href = match d.kind {
                        DraftKind::Complaint => format!("{}?draft={}", Step::from_name(&d.step).path(), d.id),
                        DraftKind::Feedback => crate::domain::feedback::number_of(&d.id).map(|n| format!("/track/{n}")).unwrap_or_else(|| "/".into()),
                        DraftKind::Connection => {
                            let path = crate::domain::connection::Section::from_name(&d.step).map(|s| s.path()).unwrap_or_else(|| {
                                if d.step == crate::domain::connection::CHECK { "/connection/new/check".into() } else { "/connection/new".into() }
                            });
                            format!("{path}?draft={}", d.id)
                        }
                    };
                    let label = if d.label.is_empty() { None } else { Some(d.label.clone()) };
                    view! {
                        <li class="ticket-row">
                            <div>
                                <strong>{move || match d.kind {
                                    DraftKind::Complaint => t_string!(i18n, drafts.kind_complaint),
                                    DraftKind::Connection => t_string!(i18n, drafts.kind_connection),
                                    DraftKind::Feedback if crate::domain::feedback::is_withdrawal(&d.id) => t_string!(i18n, drafts.kind_withdraw),
                                    DraftKind::Feedback => t_string!(i18n, drafts.kind_feedback),
                                }}</strong>
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

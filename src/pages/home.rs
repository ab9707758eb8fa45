//! `/`: the three things people come for, an offer to continue an unfinished draft, and the
//! latest notices.
use super::PageTitle;
use crate::api;
use crate::domain::draft::DraftKind;
use crate::domain::time::ist_short;
use crate::i18n::*;
use crate::storage::drafts::{DraftStore, DraftsChanged};
use leptos::prelude::*;
use leptos_router::components::A;

/// How many notices the home page shows (and asks the backend for).
const LATEST: u8 = 3;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let store = DraftStore::current();
    let newest = move || store.summaries(Some(DraftKind::Complaint)).into_iter().next();
    let latest = RwSignal::new(newest());
    // A draft the crash-safe store puts back after this page was drawn.
    if let Some(DraftsChanged(changed)) = use_context::<DraftsChanged>() {
        Effect::new(move |first: Option<()>| {
            changed.track();
            if first.is_some() {
                latest.set(newest());
            }
        });
    }
    let discard = move |_| {
        if let Some(d) = latest.get_untracked() {
            store.discard(&d.id);
        }
        latest.set(newest());
    };
    // The latest notices in the reader's language, fetched again when they switch, without the
    // power cuts that are over: the server leaves them out, as deciding here would bring date
    // parsing into the first download (+0.9 KB, BENCHMARKS.md, twentieth session). A plain signal
    // filled by a task rather than a resource: it keeps the resource and suspense machinery out
    // of the first download, and a failed fetch simply shows no notices.
    // At an office's kiosk or a cyber café, that district's and everyone's: a cut elsewhere is
    // no news to the people who walk in there.
    let news = RwSignal::new(Vec::new());
    let mode = crate::assist::use_mode().0;
    Effect::new(move |_| {
        let lang = code(i18n.get_locale());
        let home = mode.with_untracked(|m| m.home_district().map(str::to_owned));
        let mine = home.is_some();
        leptos::task::spawn_local(async move {
            let mut got = api::announcements(lang, api::Notices::Latest(LATEST, home)).await;
            // A district the catalogue does not know (a kiosk set up wrongly) is refused:
            // everyone's then, rather than no notices at all.
            if mine && got.is_err() {
                got = api::announcements(lang, api::Notices::Latest(LATEST, None)).await;
            }
            let list = got.unwrap_or_default();
            // A reply for a language switched away from meanwhile is not shown.
            if code(i18n.get_locale_untracked()) == lang {
                news.try_set(list);
            }
        });
    });
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.title).to_string()) />
        <h1 class="heading-xl">{move || t_string!(i18n, home.title)}</h1>
        <p class="lead">{move || t_string!(i18n, home.lead)}</p>

        {move || latest.get().map(|d| {
            let when = ist_short(d.updated_at);
            let href = format!("{}?draft={}", crate::domain::complaint::Step::from_name(&d.step).path(), d.id);
            view! {
                <div class="notice resume" role="region" aria-label=move || t_string!(i18n, drafts.resume_label)>
                    <p class="notice-title">{move || t_string!(i18n, drafts.resume_complaint, when = when.clone()).to_string()}</p>
                    <div class="button-group">
                        <A href=href attr:class="button">{move || t_string!(i18n, drafts.continue_draft)}</A>
                        <button type="button" class="button button-secondary" on:click=discard>{move || t_string!(i18n, drafts.discard)}</button>
                    </div>
                </div>
            }
        })}

        <ul class="actions">
            <li><A href="/connection/new" attr:class="action-card">
                <svg class="action-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2.5 1 12h3v9.5h6V15h4v6.5h6V12h3z"/></svg>
                <span class="action-title">{move || t_string!(i18n, home.connection_title)}</span>
                <span class="action-hint">{move || t_string!(i18n, home.connection_hint)}</span>
            </A></li>
            <li><A href="/complaint/new" attr:class="action-card">
                <svg class="action-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2c.3-.3.7-.4 1-.2 1.1.4 2.3.6 3.6.6.6 0 1 .4 1 1V20c0 .6-.4 1-1 1A17 17 0 0 1 3 4c0-.6.4-1 1-1h3.5c.6 0 1 .4 1 1 0 1.3.2 2.5.6 3.6.1.3 0 .7-.2 1z"/></svg>
                <span class="action-title">{move || t_string!(i18n, home.complaint_title)}</span>
                <span class="action-hint">{move || t_string!(i18n, home.complaint_hint)}</span>
            </A></li>
            <li><A href="/track" attr:class="action-card">
                <svg class="action-icon icon-line" viewBox="0 0 24 24" aria-hidden="true"><path d="M10 3.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 1 0 0-13m5 11.5 6.5 6.5"/></svg>
                <span class="action-title">{move || t_string!(i18n, home.track_title)}</span>
                <span class="action-hint">{move || t_string!(i18n, home.track_hint)}</span>
            </A></li>
        </ul>

        <section aria-labelledby="news-title" class="news">
            <h2 id="news-title">{move || t_string!(i18n, home.news_title)}</h2>
            <ul class="news-list">
                {move || news.get().into_iter().take(LATEST.into()).map(|a| view! {
                    <li class="news-item">
                        <strong>{a.title}</strong>
                        <p>{a.body}</p>
                    </li>
                }).collect_view()}
            </ul>
            <p><A href="/announcements">{move || t_string!(i18n, home.all_news)}</A></p>
        </section>
    }
}

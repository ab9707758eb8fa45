//! `/announcements`: every scheme, notice and planned shutdown, in the reader's language, with
//! the discom's official pages.
use super::PageTitle;
use crate::api;
use crate::components::{Loading, OutageTag};
use crate::domain::outage;
use crate::domain::time::{ist_display, parse_rfc3339};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Announcements() -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    let list = LocalResource::new(move || {
        let lang = code(i18n.get_locale());
        // All of them: a cut that is over is shown, tagged so.
        async move { api::announcements(lang, None).await }
    });
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.news_title).to_string()) />
        <h1>{move || t_string!(i18n, home.news_title)}</h1>
        <Transition fallback=Loading>
            {move || list.get().map(|r| match r {
                Ok(items) => view! {
                    <ul class="news-list">
                        {items.into_iter().map(|a| {
                            let phase = outage::phase(&a, crate::pages::now());
                            let at = |t: &str| parse_rfc3339(t).map(ist_display);
                            // Where and when a power cut is, beside its title's own wording.
                            let window = phase.map(|_| {
                                let district = a.district.clone();
                                let span = format!(
                                    "{} – {}",
                                    at(a.from.as_deref().unwrap_or(&a.published_at)).unwrap_or_default(),
                                    a.until.as_deref().and_then(at).unwrap_or_else(|| "…".into()),
                                );
                                let place = move || {
                                    let loc = i18n.get_locale();
                                    meta.get().and_then(|m| {
                                        m.district(district.as_deref()?).map(|d| format!("{} · ", pick(loc, &d.name)))
                                    })
                                };
                                view! { <p class="outage-window">{place}{span}</p> }
                            });
                            view! {
                                <li class="news-item">
                                    <h2 class="heading-s">{phase.map(|phase| view! { <OutageTag phase /> " " })}{a.title}</h2>
                                    <p class="hint">{parse_rfc3339(&a.published_at).map(ist_display).unwrap_or_default()}</p>
                                    {window}
                                    <p>{a.body}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
                Err(_) => view! { <p role="alert">{t_string!(i18n, common.load_failed)}</p> }.into_any(),
            })}
        </Transition>
        <h2>{move || t_string!(i18n, common.follow_us)}</h2>
        <ul class="list">
            {move || meta.get().map(|m| m.social.iter().map(|s| view! {
                <li><a href=s.url.clone() rel="noopener">{s.name.clone()}</a></li>
            }).collect_view())}
        </ul>
    }
}

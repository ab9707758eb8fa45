//! `/announcements`: every scheme, notice and planned shutdown, in the reader's language, with
//! the discom's official pages. A page of notices at a time (`domain::notices`), older ones on
//! asking.
use super::PageTitle;
use crate::api;
use crate::components::{Loading, OutageTag};
use crate::domain::notices::NoticeList;
use crate::domain::outage;
use crate::domain::time::{ist_display, parse_rfc3339};
use crate::domain::wire::Announcement;
use crate::i18n::*;
use leptos::prelude::*;

/// Where "Show older notices" stands.
#[derive(Clone, Copy, PartialEq)]
enum Older {
    Idle,
    Loading,
    Failed,
}

#[component]
pub fn Announcements() -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    // All of them, a page at a time, a cut that is over shown tagged so. `None` while the first
    // page loads; `Err` if it could not.
    let list = RwSignal::new(None::<Result<NoticeList, ()>>);
    let older = RwSignal::new(Older::Idle);
    // The first page again in the reader's language when they switch: older pages read in the
    // other language are dropped with it.
    Effect::new(move |_| {
        let lang = code(i18n.get_locale());
        list.set(None);
        older.set(Older::Idle);
        leptos::task::spawn_local(async move {
            let mut l = NoticeList::default();
            let (offset, limit) = l.next();
            let got = api::announcements(lang, api::Notices::Page { offset, limit }).await;
            if code(i18n.get_locale_untracked()) == lang {
                list.try_set(Some(
                    got.map(|g| {
                        l.add(g);
                        l
                    })
                    .map_err(drop),
                ));
            }
        });
    });
    let show_older = move |_| {
        // `aria-disabled`, not `disabled`, while it loads: a disabled button would drop the focus.
        if older.get_untracked() == Older::Loading {
            return;
        }
        let Some((offset, limit)) = list.with_untracked(|l| l.as_ref()?.as_ref().ok().map(NoticeList::next)) else {
            return;
        };
        let lang = code(i18n.get_locale_untracked());
        older.set(Older::Loading);
        leptos::task::spawn_local(async move {
            let got = api::announcements(lang, api::Notices::Page { offset, limit }).await;
            // A language switched meanwhile started the list again.
            if code(i18n.get_locale_untracked()) != lang || older.get_untracked() != Older::Loading {
                return;
            }
            match got {
                Ok(got) => {
                    let before =
                        list.with_untracked(|l| l.as_ref().and_then(|l| l.as_ref().ok()).map(|l| l.items.len()));
                    list.update(|l| {
                        if let Some(Ok(l)) = l {
                            l.add(got)
                        }
                    });
                    older.set(Older::Idle);
                    // Keyboard and screen-reader users go on from the first notice added, not back
                    // at the top of the page or lost where the button was.
                    if let Some(first_new) = before {
                        request_animation_frame(move || {
                            use wasm_bindgen::JsCast;
                            let el = document().get_element_by_id(&format!("notice-{first_new}"));
                            if let Some(h) = el.as_ref().and_then(|e| e.dyn_ref::<web_sys::HtmlElement>()) {
                                let _ = h.focus();
                            }
                        });
                    }
                }
                Err(_) => older.set(Older::Failed),
            }
        });
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.news_title).to_string()) />
        <h1>{move || t_string!(i18n, home.news_title)}</h1>
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(l)) if l.items.is_empty() => view! { <p>{t_string!(i18n, home.news_none)}</p> }.into_any(),
            Some(Ok(l)) => view! {
                <ul class="news-list">
                    {l.items.into_iter().enumerate().map(|(n, a)| view! { <Notice a n /> }).collect_view()}
                </ul>
                {l.more.then(|| view! {
                    {move || (older.get() == Older::Failed).then(|| view! {
                        <p class="error-message" role="alert">{t_string!(i18n, home.news_older_failed)}</p>
                    })}
                    <button type="button" class="button button-secondary" on:click=show_older
                        aria-disabled=move || (older.get() == Older::Loading).then_some("true")>
                        {move || if older.get() == Older::Loading {
                            t_string!(i18n, common.loading)
                        } else {
                            t_string!(i18n, home.news_older)
                        }}
                    </button>
                })}
            }.into_any(),
            Some(Err(())) => view! { <p role="alert">{t_string!(i18n, common.load_failed)}</p> }.into_any(),
        }}
        <h2>{move || t_string!(i18n, common.follow_us)}</h2>
        <ul class="list">
            {move || meta.get().map(|m| m.social.iter().map(|s| view! {
                <li><a href=s.url.clone() rel="noopener">{s.name.clone()}</a></li>
            }).collect_view())}
        </ul>
    }
}

/// One notice; `n` is its place in the list, which "Show older notices" moves focus to.
#[component]
fn Notice(a: Announcement, n: usize) -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
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
            meta.get().and_then(|m| m.district(district.as_deref()?).map(|d| format!("{} · ", pick(loc, &d.name))))
        };
        view! { <p class="outage-window">{place}{span}</p> }
    });
    view! {
        <li class="news-item">
            <h2 class="heading-s" id=format!("notice-{n}") tabindex="-1">{phase.map(|phase| view! { <OutageTag phase /> " " })}{a.title}</h2>
            <p class="hint">{parse_rfc3339(&a.published_at).map(ist_display).unwrap_or_default()}</p>
            {window}
            <p>{a.body}</p>
        </li>
    }
}

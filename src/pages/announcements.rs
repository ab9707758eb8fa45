//! `/announcements`: every scheme, notice and planned shutdown, in the reader's language, with
//! the discom's official pages. First the power cuts on now and coming up, the soonest first;
//! then the other notices, newest first, a page at a time (`domain::notices`), older ones on
//! asking.
use super::PageTitle;
use crate::api;
use crate::components::{Loading, OutageTag, SelectField};
use crate::domain::notices::{Cuts, NoticeList};
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
    let query = super::use_query();
    // What the list is of: the reader's language, and the district chosen (`?district=`, so Back
    // and a shared link keep it) once the catalogue says it is one — an unknown code shows every
    // district. None chosen at an office's kiosk or a cyber café: its own district ("All
    // districts" is then `?district=`, so that it is not the kiosk's or the shop's again).
    // `None` while the catalogue that would say so loads.
    let assist = crate::assist::use_mode();
    let has_home = assist.0.with_untracked(|m| m.home_district().is_some());
    let asked = Memo::new(move |_| {
        let lang = code(i18n.get_locale());
        let district = match query.with(|q| q.get("district")) {
            Some(d) if d.is_empty() => None,
            None if !has_home => None,
            _ if meta.failed() => None,
            None => assist.home_district(&*meta.get()?),
            Some(d) => meta.get()?.district(&d).map(|d| d.code.clone()),
        };
        Some((lang, district))
    });
    // A page at a time, a cut that is over shown tagged so. `None` while the first page loads;
    // `Err` if it could not.
    let list = RwSignal::new(None::<Result<NoticeList, ()>>);
    let older = RwSignal::new(Older::Idle);
    // The cuts on now and coming up, asked beside the first page.
    let cuts = RwSignal::new(None::<Result<Cuts, ()>>);
    // The first page again when the language or the district changes: older pages of the list
    // before are dropped with it.
    Effect::new(move |_| {
        list.set(None);
        older.set(Older::Idle);
        cuts.set(None);
        let Some((lang, district)) = asked.get() else { return };
        let for_cuts = district.clone();
        leptos::task::spawn_local(async move {
            let got = api::cuts_ahead(lang, for_cuts.as_deref(), Cuts::ASK).await;
            if asked.get_untracked() == Some((lang, for_cuts)) {
                cuts.try_set(Some(got.map(|g| Cuts::from_answer(g, crate::pages::now())).map_err(drop)));
            }
        });
        leptos::task::spawn_local(async move {
            let mut l = NoticeList::default();
            let (offset, limit) = l.next();
            let got = api::announcements(lang, api::Notices::Page { offset, limit, district: district.clone() }).await;
            if asked.get_untracked() == Some((lang, district)) {
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
        let Some((lang, district)) = asked.get_untracked() else { return };
        older.set(Older::Loading);
        leptos::task::spawn_local(async move {
            let got = api::announcements(lang, api::Notices::Page { offset, limit, district: district.clone() }).await;
            // A language or district changed meanwhile started the list again.
            if asked.get_untracked() != Some((lang, district)) || older.get_untracked() != Older::Loading {
                return;
            }
            match got {
                Ok(got) => {
                    // Counted as listed (without the cuts above), as `notice-{n}` is numbered.
                    let before = list.with_untracked(|l| {
                        let l = l.as_ref()?.as_ref().ok()?;
                        Some(cuts.with_untracked(|c| l.besides(c.as_ref().and_then(|c| c.as_ref().ok())).count()))
                    });
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
    let districts = super::district_options();
    let navigate = leptos_router::hooks::use_navigate();
    let choose = move |d: String| {
        let to = if d.is_empty() && !has_home {
            "/announcements".to_string()
        } else {
            format!("/announcements?district={d}")
        };
        // In place of the address, not after it: a keyboard's arrows in a closed list choose each
        // district on the way, and Back would walk through every one of them.
        navigate(&to, leptos_router::NavigateOptions { replace: true, ..Default::default() });
    };
    view! {
        <PageTitle text=Signal::derive(move || t_string!(i18n, home.news_title).to_string()) />
        <h1>{move || t_string!(i18n, home.news_title)}</h1>
        // Every feeder's planned shutdown is posted: a person wants those of their own district,
        // and the notices for everyone.
        <SelectField name="district"
            label=Signal::derive(move || t_string!(i18n, home.news_district).to_string())
            hint=Signal::derive(move || t_string!(i18n, home.news_district_hint).to_string())
            placeholder=Signal::derive(move || t_string!(i18n, home.news_all_districts).to_string())
            options=districts
            value=Signal::derive(move || asked.get().and_then(|(_, d)| d).unwrap_or_default())
            on_change=move |v: String| choose(v)
            error=Signal::stored(None::<String>) />
        <h2 id="cuts-title">{move || t_string!(i18n, home.cuts_title)}</h2>
        {move || match cuts.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(c)) if c.items.is_empty() => {
                let place = move || {
                    let d = asked.get().and_then(|(_, d)| d)?;
                    meta.get()?.district(&d).map(|d| pick(i18n.get_locale(), &d.name))
                };
                view! {
                    <p id="cuts-none">{move || match place() {
                        Some(district) => t_string!(i18n, home.cuts_none_district, district = district).to_string(),
                        None => t_string!(i18n, home.cuts_none).to_string(),
                    }}</p>
                }.into_any()
            }
            Some(Ok(c)) => view! {
                <ul class="news-list" aria-labelledby="cuts-title">
                    {c.items.into_iter().enumerate().map(|(n, a)| view! { <Notice a id=format!("cut-{n}") /> }).collect_view()}
                </ul>
                {c.more.then(|| view! { <p class="hint">{t_string!(i18n, home.cuts_more)}</p> })}
            }.into_any(),
            Some(Err(())) => view! { <p role="alert">{t_string!(i18n, home.cuts_failed)}</p> }.into_any(),
        }}
        // Someone in the dark who finds no notice for it has one thing left to do.
        <p>{move || t_string!(i18n, home.cuts_report_lead)} " "
            <a href="/complaint/new">{move || t_string!(i18n, home.cuts_report)}</a></p>
        <h2 id="others-title">{move || t_string!(i18n, home.others_title)}</h2>
        {move || match list.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(l)) => {
                let shown: Vec<Announcement> =
                    cuts.with(|c| l.besides(c.as_ref().and_then(|c| c.as_ref().ok())).cloned().collect());
                if shown.is_empty() && !l.more {
                    // All there is may be the cuts listed above.
                    let none = if l.items.is_empty() {
                        t_string!(i18n, home.news_none)
                    } else {
                        t_string!(i18n, home.others_none)
                    };
                    return view! { <p>{none}</p> }.into_any();
                }
                view! {
                <ul class="news-list" aria-labelledby="others-title">
                    {shown.into_iter().enumerate().map(|(n, a)| view! { <Notice a id=format!("notice-{n}") /> }).collect_view()}
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
                }.into_any()
            }
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

/// One notice; `id` names its heading, which "Show older notices" moves focus to.
#[component]
fn Notice(a: Announcement, id: String) -> impl IntoView {
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
            <h3 class="heading-s" id=id tabindex="-1">{phase.map(|phase| view! { <OutageTag phase /> " " })}{a.title}</h3>
            <p class="hint">{parse_rfc3339(&a.published_at).map(ist_display).unwrap_or_default()}</p>
            {window}
            <p>{a.body}</p>
        </li>
    }
}

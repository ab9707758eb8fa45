//! The shell: language, shared state, header, footer, routes, focus on navigation.

mod split;
pub(crate) use split::{deliver_queued, drawing_first_page, send_kept_photo, ComplaintPhoto, KioskCamera};

use crate::api::{self, ApiError};
use crate::components::Later;
use crate::domain::wire::{Meta, SocialLink};
use crate::i18n::*;
use crate::pages;
use crate::storage::drafts::{DraftPolicy, DraftStore, DraftsChanged};
use crate::storage::tickets::MyTickets;
use crate::storage::{self, prefs};
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use std::sync::Arc;

/// The catalogue from `GET /meta`, loaded once and shared. It is fetched at start-up as text
/// and parsed the first time a page asks for it: only the pages that use it (which arrive in
/// parts, see `split.rs`) carry the code that parses it, not the first download.
#[derive(Clone, Copy)]
pub struct MetaCtx {
    /// The catalogue's text once fetched (a signal filled by a task rather than a resource:
    /// that keeps the resource machinery out of the first download).
    raw: RwSignal<Option<Result<Arc<str>, ApiError>>>,
    /// The parsed catalogue and the text it came from (a retry fetches a new text).
    parsed: StoredValue<Option<ParsedMeta>, LocalStorage>,
}

/// A catalogue text and what parsing it gave.
type ParsedMeta = (Arc<str>, Result<Arc<Meta>, ApiError>);

pub fn use_meta() -> MetaCtx {
    expect_context::<MetaCtx>()
}

impl MetaCtx {
    fn new() -> Self {
        let m = MetaCtx { raw: RwSignal::new(None), parsed: StoredValue::new_local(None) };
        // Started in a task of its own, still before the header's: a request's first start
        // compiles the fetch code, ~12 ms at 4x CPU on a first visit, in the shell's task otherwise.
        set_timeout(move || m.refetch(), std::time::Duration::ZERO);
        m
    }

    fn result(&self) -> Option<Result<Arc<Meta>, ApiError>> {
        let raw = match self.raw.get()? {
            Ok(raw) => raw,
            Err(e) => return Some(Err(e)),
        };
        if let Some(done) =
            self.parsed.with_value(|p| p.as_ref().filter(|(text, _)| Arc::ptr_eq(text, &raw)).map(|(_, r)| r.clone()))
        {
            return Some(done);
        }
        let parsed = api::parse_meta(&raw).map(Arc::new);
        self.parsed.set_value(Some((raw, parsed.clone())));
        Some(parsed)
    }

    /// The catalogue when loaded.
    pub fn get(&self) -> Option<Arc<Meta>> {
        self.result().and_then(Result::ok)
    }
    pub fn failed(&self) -> bool {
        matches!(self.result(), Some(Err(_)))
    }
    /// Only the footer's social links: read without the code that parses the whole catalogue,
    /// which stays out of the first download.
    pub fn social(&self) -> Vec<SocialLink> {
        #[derive(serde::Deserialize)]
        struct FooterPart {
            #[serde(default)]
            social: Vec<SocialLink>,
        }
        match self.raw.get() {
            Some(Ok(raw)) => crate::json::from_str::<FooterPart>(&raw).map(|f| f.social).unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// Download the catalogue (again, after a failure).
    pub fn refetch(&self) {
        let raw = self.raw;
        leptos::task::spawn_local(async move {
            let text = api::meta_text().await.map(Arc::from);
            raw.try_set(Some(text));
        });
    }
}

#[component]
pub fn App() -> impl IntoView {
    // True while the router gets the next page ready (its part may still be downloading).
    let routing = RwSignal::new(false);
    view! {
        // Each `Later` is a task of its own: the first render is cut into a few, so a slow
        // phone can answer a tap in between (components/later.rs). The i18n context alone is
        // 15–25 ms at 4x CPU on a first visit (mostly V8 compiling it), so it does not share the
        // task that starts Leptos either.
        <Later>
            <I18nProvider>
                <Later>
                    <Router set_is_routing=routing>
                        <RouteProgress routing=routing />
                        <Later><Shell /></Later>
                    </Router>
                </Later>
            </I18nProvider>
        </Later>
    }
}

/// What `use_i18n` reads, provided without leptos_i18n's `<I18nContextProvider>`: that component
/// also draws leptos_meta's `<Html>` (to write `<html lang dir>`) and an empty `<script>` (for
/// translations loaded on demand), and this app uses neither. `<html lang>` is kept by `Shell`
/// instead (see there); `dir` is `ltr` in both languages and set in index.html.
#[component]
fn I18nProvider(children: Children) -> impl IntoView {
    provide_context(leptos_i18n::context::init_i18n_context::<Locale>());
    children()
}

/// A bar with "Loading…" while a page is being prepared. CSS shows it only after a moment, so
/// fast navigations do not flicker; on a slow network it tells people their tap was noticed.
#[component]
fn RouteProgress(routing: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="route-progress" role="status">
            {move || routing.get().then(|| view! { <span class="route-progress-bar">{t_string!(i18n, common.loading)}</span> })}
        </div>
    }
}

/// Focus the current page's error summary or heading once it is not `old` any more, trying
/// once per frame for at most `frames` frames.
fn focus_new_heading(old: Option<web_sys::Element>, frames: u32) {
    request_animation_frame(move || {
        let target = document()
            .query_selector("main .error-summary")
            .ok()
            .flatten()
            .or_else(|| document().query_selector("main h1").ok().flatten());
        match target {
            Some(t) if old.as_ref() != Some(&t) || frames == 0 => {
                use wasm_bindgen::JsCast;
                if let Some(h) = t.dyn_ref::<web_sys::HtmlElement>() {
                    let _ = h.set_attribute("tabindex", "-1");
                    let _ = h.focus();
                }
            }
            _ if frames > 0 => focus_new_heading(old, frames - 1),
            _ => {}
        }
    });
}

/// The language a link names (`?lang=en`), for this visit only.
fn link_language() -> Option<Locale> {
    window().location().search().ok().and_then(|q| crate::domain::query_param(&q, "lang").and_then(from_code))
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    // The saved language (Hindi on a first visit), set before anything is drawn: otherwise the
    // header would be drawn in Hindi and at once again in this one. The i18n provider sets its
    // own start (Hindi whatever the browser's languages: build.rs) in an effect; `Shell` is drawn
    // tasks after the provider (in a `Later`), so that effect has run and does not undo this.
    // A link that names a language (the SMS updates do: `?lang=en` for someone who chose English
    // updates) opens in it, for this visit only: on a shared phone or a café PC the saved choice
    // stays whoever made it.
    let saved = link_language().or_else(|| prefs::language().as_deref().and_then(from_code)).unwrap_or(Locale::hi);
    if i18n.get_locale_untracked() != saved {
        i18n.set_locale(saved);
    }
    // `<html lang>` follows the language, written only when it changes. Chromium restyles and
    // lays out the whole page again on any write to `lang`, even of the value already there, and
    // index.html starts in Hindi: the provider's own write cost the boot shell a second layout.
    Effect::new(move |_| {
        let lang = code(i18n.get_locale());
        if let Some(html) = document().document_element() {
            if html.get_attribute("lang").as_deref() != Some(lang) {
                let _ = html.set_attribute("lang", lang);
            }
        }
    });

    // The rest of the shell is drawn a task later: on a first visit the shell was one task of
    // 50–100 ms at 4x CPU, the language a third of it and the shared state and the view the rest.
    // Its contexts are provided in `ShellState`'s owner, which holds every page.
    view! { <Later><ShellState /></Later> }
}

/// The shell's shared state (modes, drafts, My tickets, network, outbox, catalogue) and what it
/// draws: skip link, header, banners, routes, footer.
#[component]
fn ShellState() -> impl IntoView {
    let i18n = use_i18n();
    let mode = crate::assist::detect();
    let policy = crate::assist::policy(&mode);
    let kiosk_idle = match mode {
        crate::domain::assist::Mode::Kiosk(ref k) => Some(k.idle_secs),
        _ => None,
    };
    if kiosk_idle.is_some() {
        // Larger type and targets, and the 80 mm receipt layout for the kiosk's printer.
        if let Some(body) = document().body() {
            let _ = body.class_list().add_1("kiosk");
        }
        if let (Ok(link), Some(head)) = (document().create_element("link"), document().head()) {
            let _ = link.set_attribute("rel", "stylesheet");
            let _ = link.set_attribute("href", "/print-80mm.css");
            let _ = head.append_child(&link);
        }
        provide_context(crate::assist::GuardRunning(RwSignal::new(false)));
    }
    let assist = crate::assist::AssistMode(RwSignal::new(mode));
    provide_context(assist);
    provide_context(DraftPolicy(policy));
    let drafts_changed = RwSignal::new(0u32);
    provide_context(DraftsChanged(drafts_changed));
    // Drafts too old to keep are removed in a task of their own (see `Later`), which runs before
    // the first page reads drafts: that page is drawn in a later task still.
    set_timeout(move || DraftStore { policy }.expire(storage::now()), std::time::Duration::ZERO);
    leptos::task::spawn_local(async move {
        if storage::durable::restored().await {
            // What was put back may itself be too old to keep.
            DraftStore { policy }.expire(storage::now());
            drafts_changed.update(|n| *n += 1);
        }
        // The language chosen before a crash, unless this visit came by a link that names one
        // (a kiosk keeps its own, for the visit only).
        let back = storage::durable::restored_language().and_then(|c| from_code(&c));
        if let Some(l) =
            back.filter(|_| link_language().is_none() && kiosk_idle.is_none() && !prefs::chosen_this_visit())
        {
            i18n.set_locale(l);
        }
    });
    let tickets = MyTickets::new(policy);
    provide_context(tickets);
    let network = crate::offline::Network::start();
    let outbox = crate::offline::outbox::Outbox::start(policy.persistence, tickets, network);
    provide_context(MetaCtx::new());

    // Move focus to the new page's error summary (when it was sent here to fix something) or
    // its heading after navigation, so screen readers start there. A page in a part that is
    // still downloading (app/split.rs) renders later, so wait for a heading that is not the
    // previous page's (for a few seconds at most).
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            let old = document().query_selector("main h1").ok().flatten();
            focus_new_heading(old, 300);
        }
        path
    });

    // The app is drawn hidden behind the static boot shell (style/main.css). This runs in the
    // last of the `Later`s below, with the footer, so all of it appears at once.
    let show_app = || {
        split::first_page_chosen();
        if let Some(shell) = document().get_element_by_id("boot") {
            shell.remove();
        }
    };
    view! {
        <a href="#main" class="skip-link">{move || t_string!(i18n, common.skip)}</a>
        <Later>
            <Header />
            <AssistBar assist=assist />
            <NetworkBanners network=network outbox=outbox />
            {kiosk_idle.map(|idle| view! {
                <split::KioskTools idle_secs=idle />
            })}
        </Later>
        <div class="width-container">
            <main id="main" class="main" tabindex="-1">
                <Later>
                    <FlatRoutes fallback=pages::not_found::NotFound>
                        <Route path=path!("/") view=pages::home::Home />
                        // The steps of the two forms are chosen inside their flows (one file per
                        // page under pages/complaint/ and pages/connection/), so the code routing
                        // them arrives with the form's part instead of the first download.
                        <Route path=path!("/complaint/new/*step") view=split::Page::ComplaintFlow />
                        <Route path=path!("/complaint/done/:number") view=split::Page::ComplaintDone />
                        <Route path=path!("/complaint/queued/:key") view=split::Page::ComplaintQueued />
                        <Route path=path!("/connection/new/*step") view=split::Page::ConnectionFlow />
                        <Route path=path!("/connection/done/:number") view=split::Page::ConnectionDone />
                        <Route path=path!("/track") view=split::Page::Track />
                        <Route path=path!("/track/:number") view=split::Page::TrackTicket />
                        <Route path=path!("/tickets") view=split::Page::Tickets />
                        <Route path=path!("/find") view=split::Page::Find />
                        <Route path=path!("/drafts") view=split::Page::Drafts />
                        <Route path=path!("/announcements") view=split::Page::Announcements />
                        <Route path=path!("/settings") view=split::Page::Settings />
                        <Route path=path!("/operator") view=split::Page::Operator />
                        <Route path=path!("/privacy") view=split::Page::Privacy />
                        <Route path=path!("/accessibility") view=split::Page::Accessibility />
                    </FlatRoutes>
                </Later>
            </main>
        </div>
        <Later><Footer />{show_app}</Later>
    }
}

/// Kiosk: "Start over" always in reach. Operator: who is filing, and their workspace.
#[component]
fn AssistBar(assist: crate::assist::AssistMode) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || if assist.is_kiosk() {
            Some(view! {
                <div class="assist-bar no-print"><div class="width-container">
                    <button type="button" class="button button-warning" id="start-over" on:click=move |_| crate::assist::wipe_and_restart()>
                        {t_string!(i18n, assist.start_over)}
                    </button>
                </div></div>
            }.into_any())
        } else {
            assist.operator().map(|p| view! {
                <div class="assist-bar no-print"><div class="width-container">
                    <p>
                        <strong>{t_string!(i18n, assist.operator_on)}</strong>" "{format!("{} · {}", p.name, p.shop)}" · "
                        <A href="/operator" attr:id="operator-workspace">{t_string!(i18n, assist.workspace)}</A>
                    </p>
                </div></div>
            }.into_any())
        }}
    }
}

/// "You are offline" (announced politely; forms keep working), "A new version is available", and
/// the number of a complaint the outbox sent while the person was on another page.
#[component]
fn NetworkBanners(network: crate::offline::Network, outbox: crate::offline::outbox::Outbox) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="banner-region" role="status">
            {move || outbox.has_sent().then(|| view! { <split::SentBanners outbox=outbox /> })}
            {move || (!network.online.get()).then(|| view! {
                <div class="banner banner-offline"><div class="width-container"><p>
                    <strong>{t_string!(i18n, offline.title)}</strong>" "{t_string!(i18n, offline.body)}
                </p></div></div>
            })}
            {move || network.update_ready.get().then(|| view! {
                <div class="banner banner-update"><div class="width-container">
                    <p>{t_string!(i18n, offline.update)}" "
                        <button type="button" class="link-button" id="reload-update" on:click=move |_| crate::offline::sw::apply_update()>
                            {t_string!(i18n, offline.reload)}
                        </button>
                    </p>
                </div></div>
            })}
        </div>
    }
}

#[component]
fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = match i18n.get_locale_untracked() {
            Locale::hi => Locale::en,
            Locale::en => Locale::hi,
        };
        i18n.set_locale(next);
        prefs::set_language(code(next));
    };
    view! {
        <header class="header" role="banner">
            <div class="width-container header-inner">
                <A href="/" attr:class="header-title">
                    <svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><path d="M14 1 4 14h6.5L9 23l11-14h-6.8z"/></svg>
                    <span lang="hi">"बिजली सेवा"</span>
                    <span class="header-sep" aria-hidden="true">" · "</span>
                    <span lang="en">"Bijli Seva"</span>
                </A>
                <nav class="header-nav" aria-label=move || t_string!(i18n, common.nav_label)>
                    <A href="/tickets" attr:class="header-link">{move || t_string!(i18n, nav.tickets)}</A>
                    <button type="button" class="lang-switch" on:click=switch
                        lang=move || if i18n.get_locale() == Locale::hi { "en" } else { "hi" }
                        aria-label=move || t_string!(i18n, common.switch_language)>
                        {move || if i18n.get_locale() == Locale::hi { "English" } else { "हिन्दी" }}
                    </button>
                </nav>
            </div>
            <p class="width-container header-discom">{move || t_string!(i18n, common.discom)}</p>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let i18n = use_i18n();
    let meta = use_meta();
    view! {
        <footer class="footer" role="contentinfo">
            <div class="width-container">
                <p class="footer-helpline">
                    <strong>{move || t_string!(i18n, common.helpline)}": "</strong>
                    <a href="tel:1912" class="helpline-number">"1912"</a>
                    " — "{move || t_string!(i18n, common.helpline_text)}
                </p>
                <ul class="footer-links">
                    <li><A href="/announcements">{move || t_string!(i18n, nav.announcements)}</A></li>
                    <li><A href="/tickets">{move || t_string!(i18n, nav.tickets)}</A></li>
                    <li><A href="/drafts">{move || t_string!(i18n, nav.drafts)}</A></li>
                    <li><A href="/settings">{move || t_string!(i18n, nav.settings)}</A></li>
                    <li><A href="/privacy">{move || t_string!(i18n, nav.privacy)}</A></li>
                    <li><A href="/accessibility">{move || t_string!(i18n, nav.accessibility)}</A></li>
                </ul>
                <p>{move || t_string!(i18n, common.follow_us)}": "
                    {move || meta.social().into_iter().map(|s| view! {
                        <a class="social" href=s.url rel="noopener">{s.name}</a>
                    }).collect_view()}
                </p>
                <p class="footer-meta">{move || t_string!(i18n, common.discom)}</p>
            </div>
        </footer>
    }
}

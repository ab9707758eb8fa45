//! The shell: language, shared state, header, footer, routes, focus on navigation.

use crate::api::{self, ApiError};
use crate::domain::wire::Meta;
use crate::i18n::*;
use crate::pages;
use crate::storage::drafts::{DraftPolicy, DraftStore};
use crate::storage::tickets::MyTickets;
use crate::storage::{self, prefs};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;
use std::sync::Arc;

/// The catalogue from `GET /meta`, loaded once and shared.
#[derive(Clone, Copy)]
pub struct MetaCtx(pub LocalResource<Result<Arc<Meta>, ApiError>>);

pub fn use_meta() -> MetaCtx {
    expect_context::<MetaCtx>()
}

impl MetaCtx {
    /// The catalogue when loaded.
    pub fn get(&self) -> Option<Arc<Meta>> {
        self.0.get().and_then(Result::ok)
    }
    pub fn failed(&self) -> bool {
        matches!(self.0.get(), Some(Err(_)))
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Router>
                <Shell />
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    // Restore the saved language inside an Effect: the i18n provider applies the browser's
    // language in its own start-up effect, which would otherwise win. Hindi on a first visit.
    Effect::new(move |first: Option<()>| {
        if first.is_none() {
            let saved = prefs::language().as_deref().and_then(from_code).unwrap_or(Locale::hi);
            i18n.set_locale(saved);
        }
    });

    let mode = crate::assist::detect();
    let policy = crate::assist::policy(&mode);
    let kiosk_idle = match mode {
        crate::domain::assist::Mode::Kiosk { idle_secs } => Some(idle_secs),
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
    }
    let assist = crate::assist::AssistMode(RwSignal::new(mode));
    provide_context(assist);
    provide_context(DraftPolicy(policy));
    DraftStore { policy }.expire(storage::now());
    let tickets = MyTickets::load(policy.persistence);
    provide_context(tickets);
    let network = crate::offline::Network::start();
    crate::offline::outbox::Outbox::start(policy.persistence, tickets, network);
    provide_context(MetaCtx(LocalResource::new(|| async { api::meta().await.map(Arc::new) })));

    // Move focus to the new page's error summary (when it was sent here to fix something) or
    // its heading after navigation, so screen readers start there.
    let location = use_location();
    Effect::new(move |prev: Option<String>| {
        let path = location.pathname.get();
        if prev.is_some_and(|p| p != path) {
            request_animation_frame(|| {
                let target = document().query_selector("main .error-summary").ok().flatten().or_else(|| document().query_selector("main h1").ok().flatten());
                if let Some(h) = target {
                    use wasm_bindgen::JsCast;
                    if let Some(h) = h.dyn_ref::<web_sys::HtmlElement>() {
                        let _ = h.set_attribute("tabindex", "-1");
                        let _ = h.focus();
                    }
                }
            });
        }
        path
    });

    view! {
        <a href="#main" class="skip-link">{move || t_string!(i18n, common.skip)}</a>
        <Header />
        <AssistBar assist=assist />
        <NetworkBanners network=network />
        {kiosk_idle.map(|idle| view! {
            <crate::assist::kiosk::KioskGuard idle_secs=idle />
            <crate::components::keyboard::OnScreenKeyboard />
        })}
        <div class="width-container">
            <main id="main" class="main" tabindex="-1">
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home />
                    <ParentRoute path=path!("/complaint/new") view=pages::complaint::ComplaintFlow>
                        <Route path=path!("") view=pages::complaint::consumer::ConsumerStep />
                        <Route path=path!("problem") view=pages::complaint::problem::ProblemStep />
                        <Route path=path!("details") view=pages::complaint::details::DetailsStep />
                        <Route path=path!("contact") view=pages::complaint::contact::ContactStep />
                        <Route path=path!("check") view=pages::complaint::check::CheckStep />
                    </ParentRoute>
                    <Route path=path!("/complaint/done/:number") view=pages::complaint::done::Done />
                    <Route path=path!("/complaint/queued/:key") view=pages::complaint::queued::Queued />
                    <ParentRoute path=path!("/connection/new") view=pages::connection::ConnectionFlow>
                        <Route path=path!("") view=pages::connection::tasks::TaskList />
                        <Route path=path!("applicant") view=pages::connection::applicant::ApplicantSection />
                        <Route path=path!("premises") view=pages::connection::premises::PremisesSection />
                        <Route path=path!("load") view=pages::connection::load::LoadSection />
                        <Route path=path!("documents") view=pages::connection::documents::DocumentsSection />
                        <Route path=path!("dates") view=pages::connection::dates::DatesSection />
                        <Route path=path!("fees") view=pages::connection::fees::FeesSection />
                        <Route path=path!("check") view=pages::connection::check::CheckAnswers />
                    </ParentRoute>
                    <Route path=path!("/connection/done/:number") view=pages::connection::done::ConnectionDone />
                    <Route path=path!("/track") view=pages::track::Track />
                    <Route path=path!("/track/:number") view=pages::track_ticket::TrackTicket />
                    <Route path=path!("/tickets") view=pages::tickets::Tickets />
                    <Route path=path!("/drafts") view=pages::drafts::Drafts />
                    <Route path=path!("/announcements") view=pages::announcements::Announcements />
                    <Route path=path!("/settings") view=pages::settings::Settings />
                    <Route path=path!("/operator") view=pages::operator::Operator />
                </Routes>
            </main>
        </div>
        <Footer />
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

/// "You are offline" (announced politely; forms keep working) and "A new version is available".
#[component]
fn NetworkBanners(network: crate::offline::Network) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="banner-region" role="status">
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
                    <span class="logo" aria-hidden="true">"⚡"</span>
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
                </ul>
                <p>{move || t_string!(i18n, common.follow_us)}": "
                    {move || meta.get().map(|m| m.social.iter().map(|s| view! {
                        <a class="social" href=s.url.clone() rel="noopener">{s.name.clone()}</a>
                    }).collect_view())}
                </p>
                <p class="footer-meta">{move || t_string!(i18n, common.discom)}</p>
            </div>
        </footer>
    }
}

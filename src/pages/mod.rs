//! One file per route. Pages compose components, read shared state from context, and call
//! `crate::api` for data.

pub mod accessibility;
pub mod announcements;
pub mod complaint;
pub mod connection;
pub mod drafts;
pub mod filed;
pub mod find;
pub mod home;
pub mod not_found;
pub mod operator;
pub mod otp;
pub mod privacy;
pub mod settings;
pub mod tickets;
pub mod track;
pub mod track_ticket;
pub mod upload;

use crate::components::Later;
use crate::i18n::*;
use leptos::prelude::*;

/// `<title>`: page, service name, and "Error:" first when the page shows errors.
#[component]
pub fn PageTitle(#[prop(into)] text: Signal<String>, #[prop(into, optional)] error: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let title = move || {
        let base = format!("{} – {}", text.get(), t_string!(i18n, common.service_name));
        if error.get() {
            format!("{} {base}", t_string!(i18n, common.error_prefix))
        } else {
            base
        }
    };
    // A page's effect ends with the page, and the next page's starts with it, so the document's
    // title is always the page on screen's. (leptos_meta's `<Title>` did the same with a stack of
    // titles meant for server rendering, in the first download.)
    Effect::new(move |_| document().set_title(&title()));
}

/// Shown while the catalogue loads, or when it cannot be loaded.
#[component]
pub fn MetaPending() -> impl IntoView {
    let i18n = use_i18n();
    let meta = crate::app::use_meta();
    view! {
        {move || if meta.failed() {
            view! {
                <div class="notice" role="alert">
                    <p>{t_string!(i18n, common.load_failed)}</p>
                    <button type="button" class="button button-secondary" on:click=move |_| meta.refetch()>{t_string!(i18n, common.retry)}</button>
                </div>
            }.into_any()
        } else {
            view! { <crate::components::Loading /> }.into_any()
        }}
    }
}

/// How a form's flow draws the page its address names (`page` picks it). A link straight to a
/// page draws it a task after the rest of the app, which is still starting (see `Later`); a page
/// opened by a tap is drawn at once, so the old page is never replaced by an empty one.
#[component]
pub fn FlowPage<F>(page: F) -> impl IntoView
where
    F: Fn() -> AnyView + Send + Sync + 'static,
{
    let page = StoredValue::new(page);
    let first = crate::app::drawing_first_page();
    if first {
        // The catalogue, often here by now, is parsed in a task of its own before the page is
        // drawn (~5 ms at 1x CPU, ~20 ms at 4x): the page's first use of it would otherwise
        // parse it inside the task that draws it. Read untracked: only the parse is wanted here.
        let meta = crate::app::use_meta();
        set_timeout(move || _ = untrack(|| meta.get()), std::time::Duration::ZERO);
    }
    // True while the link's page is being drawn (the task its `Later` runs in), so its
    // `BelowFirstQuestion` waits one task more; a page after a tap finds it false.
    let drawing_first = StoredValue::new(first);
    provide_context(FirstFlowPage(drawing_first));
    view! {
        <Later defer=first>{move || {
            if drawing_first.get_value() {
                set_timeout(move || drawing_first.set_value(false), std::time::Duration::ZERO);
            }
            page.with_value(|p| p())
        }}</Later>
    }
}

#[derive(Clone, Copy)]
struct FirstFlowPage(StoredValue<bool>);

/// The rest of a form's page after its first question (on the application's task list, after
/// its introduction). When a link opened the form (its page is drawn while the app is still
/// starting, see `FlowPage`) it is drawn a task after the top of the page: on a slow phone the
/// whole first step in one task was ~90 ms at 4x CPU, most of it V8 compiling each of the part's
/// functions on its first call. It only ever adds to the bottom of the page, so nothing on screen
/// moves; after a tap the page is drawn whole at once.
#[component]
pub fn BelowFirstQuestion(children: ChildrenFn) -> impl IntoView {
    let defer = use_context::<FirstFlowPage>().is_some_and(|f| f.0.get_value());
    view! { <Later defer=defer>{children()}</Later> }
}

/// The part of a page that needs the catalogue (`/meta`): "loading" (or "could not load — retry")
/// until it has arrived, then `children`.
#[component]
pub fn WithMeta(children: ChildrenFn) -> impl IntoView {
    let meta = crate::app::use_meta();
    view! { <Show when=move || meta.get().is_some() fallback=MetaPending>{children()}</Show> }
}

/// What a ticket is about (`domain::tickets::subject`) in the page's language, once the
/// catalogue is in: the contract's category and subcategory codes.
pub fn subject_of(
    kind: crate::domain::ticket::TicketKind,
    category: Option<String>,
    detail: Option<String>,
) -> Signal<Option<String>> {
    let i18n = crate::i18n::use_i18n();
    let meta = crate::app::use_meta();
    Signal::derive(move || {
        let m = meta.get()?;
        let s = crate::domain::tickets::subject(&m, kind, category.as_deref()?, detail.as_deref())?;
        Some(crate::components::subject_text(i18n.get_locale(), s))
    })
}

/// At an office's kiosk or a cyber café, a form whose district is not answered yet starts with
/// the office's or the shop's (`Mode::home_district`): most people at the counter live there, and
/// choosing from 21 on a touch screen is a step saved. Set before the draft's first autosave, so
/// an untouched form is still not kept; only if the catalogue is already there (it is fetched at
/// start, well before a form's part arrives), so that the choice is one it lists.
pub fn start_at_home_district<T: Send + Sync + 'static>(data: RwSignal<T>, field: fn(&mut T) -> &mut String) {
    let Some(meta) = untrack(|| crate::app::use_meta().get()) else { return };
    if let Some(code) = crate::assist::use_mode().home_district(&meta) {
        data.update_untracked(|d| {
            let d = field(d);
            if d.is_empty() {
                *d = code;
            }
        });
    }
}

/// The catalogue's districts as a list's choices, `(code, name in the reader's language)`: empty
/// until the catalogue is there. The complaint's and the application's district, and the
/// notices page's.
pub fn district_options() -> Signal<Vec<(String, String)>> {
    let (i18n, meta) = (use_i18n(), crate::app::use_meta());
    Signal::derive(move || {
        let loc = i18n.get_locale();
        meta.get()
            .map(|m| m.districts.iter().map(|d| (d.code.clone(), pick(loc, &d.name))).collect())
            .unwrap_or_default()
    })
}

/// The query of the address this page shows (`use_query_map`'s answer, kept right under
/// `FlatRoutes`). The flat router, taken for its smaller code (BENCHMARKS.md, fortieth session),
/// leaves a route's own address as it was when a navigation keeps the route and changes only
/// its parameters: a form going from one step to the next (`/complaint/new/problem` to
/// `/complaint/new/check?draft=…&from=check`) would read the query of the step before. The
/// router's address is right then, but not while it loads another route's page (the page being
/// left must not see the next address's query), so this follows the router only when this
/// route's own address or parameters move.
pub fn use_query() -> Memo<leptos_router::params::ParamsMap> {
    let own = leptos_router::hooks::use_url();
    let params = leptos_router::hooks::use_params_map();
    let router = leptos_router::hooks::use_location().query;
    Memo::new(move |_| {
        // Read, not just tracked: `track` subscribes without bringing the parameters' memo up
        // to date, and "Report another problem" then kept the sent form's query.
        own.with(|_| ());
        params.with(|_| ());
        router.get_untracked()
    })
}

pub fn now() -> i64 {
    crate::storage::now()
}

/// True until the page that asked is left: a loop that polls (a status, a payment, My tickets)
/// checks it before each request, so nothing keeps asking for a page no one is looking at.
pub fn alive() -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let flag = alive.clone();
    leptos::prelude::on_cleanup(move || flag.store(false, std::sync::atomic::Ordering::Relaxed));
    alive
}

/// Bring the open tickets `which` picks up to date in My tickets (the device's list), while
/// the page that asked is open; true in the answer once a request failed (offline, the backend
/// down), so the page can say its statuses are the last known ones.
///
/// One request at a time on purpose: a consumer has a few numbers, an operator's day a few
/// dozen, and the backend should never see a burst from one list. Closed tickets are never asked
/// about again.
pub fn refresh_open_tickets(which: impl Fn(&crate::domain::tickets::MyTicket) -> bool + 'static) -> RwSignal<bool> {
    use crate::api::{self, ApiError, Fetched};
    use std::sync::atomic::Ordering;
    let tickets = crate::storage::tickets::use_my_tickets();
    let stale = RwSignal::new(false);
    let alive = alive();
    let open: Vec<String> = tickets.0.with_untracked(|l| {
        l.iter().filter(|t| !t.status.is_terminal() && which(t)).map(|t| t.number.clone()).collect()
    });
    leptos::task::spawn_local(async move {
        for number in open {
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            match api::ticket(&number, None).await {
                Ok(Fetched::Fresh { value, .. }) => {
                    tickets.upsert(crate::domain::tickets::MyTicket::tracked(&value, now()))
                }
                Ok(Fetched::NotModified) | Err(ApiError::NotFound) => {}
                Err(_) => {
                    stale.set(true);
                    return;
                }
            }
        }
    });
    stale
}

/// Wait without blocking (retries, backoff).
pub async fn sleep_ms(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// The address of a ticket's status page on this portal (for QR codes on acknowledgements).
pub fn track_url(number: &str) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}/track/{number}")
}

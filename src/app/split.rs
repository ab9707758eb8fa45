//! Which pages are downloaded only when someone opens them.
//!
//! The home page, the shell and the outbox are in the first download; everything else is
//! grouped into four parts (complaint, connection, tracking, settings — the last also carries the
//! kiosk's idle guard and on-screen keyboard) that the release build cuts out of the main wasm (`tools/bin/wasm-bindgen`,
//! with the `split` feature) and fetches on first use. The service worker then precaches all
//! parts, so later visits and offline use never wait for them. Without the `split` feature
//! (tests, dev builds) the same routes are plain function calls, so behaviour does not depend
//! on how the wasm was built.
//!
//! A part that fails to arrive (the network dropped) shows a page that says so and offers a
//! retry, instead of the panic a failed load would otherwise be — drafts are already saved.

use crate::components::messages::FormErrors;
use crate::domain::complaint::ComplaintDraft;
use crate::domain::wire::DocumentType;
use crate::i18n::*;
use crate::offline::outbox::Outbox;
use crate::offline::photo::Photo;
use crate::pages;
use crate::storage::drafts::Draft;
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::SplitLoaderError;
use leptos_router::ChooseView;
use std::future::Future;
use std::pin::Pin;

#[cfg(not(feature = "split"))]
#[derive(Debug)]
pub struct SplitLoaderError;

/// Call a function that is a split point: it is async (its part may have to be downloaded
/// first) when the build splits, and a plain call otherwise.
macro_rules! from_part {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        let result = $call.await;
        #[cfg(not(feature = "split"))]
        let result = $call;
        result
    }};
}

thread_local! {
    /// True until a page has been chosen for the address the visit opened at.
    static FIRST_PAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
    static DRAWING_FIRST_PAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the page being chosen is the visit's first; true once at most. The router chooses the
/// first address's page while the shell draws its routes. A tap's page is chosen before the
/// address changes, so the address cannot tell the two apart; the order does.
fn take_first_page() -> bool {
    FIRST_PAGE.with(|f| f.replace(false))
}

/// Called by the shell once its routes are drawn: whatever is chosen from now on follows a tap
/// (the visit may have opened on the home page, which is not in a part).
pub(crate) fn first_page_chosen() {
    FIRST_PAGE.with(|f| f.set(false));
}

/// True while the visit's first page (a deep link's) is being made. Such a page may draw itself
/// in more than one task (`components::Later`), as the shell does: the app is still starting.
/// A page opened by a tap draws at once, so the old page is never replaced by an empty one.
pub(crate) fn drawing_first_page() -> bool {
    DRAWING_FIRST_PAGE.with(|d| d.get())
}

/// The first page of a visit (a deep link's) waits for a new task of the browser's: its part can
/// arrive before the shell's first render has finished, and waiting keeps the two renders apart,
/// so a slow phone never runs both in one long task. Later pages open on a tap, a task of its own.
async fn apart_from_first_render() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

/// A page from a part, made by `page` (see `made`). Part code (called only by the split
/// functions), so that the first download does not grow by it. On a kiosk the page waits for the
/// idle guard: the pages in parts are the ones that take or show a person's details, the guard's
/// code is in a part too, and the wipe must never wait for a download that has not happened yet.
fn made_apart_from_start(page: fn() -> AnyView) -> AnyView {
    if let Some(running) = use_context::<crate::assist::GuardRunning>().filter(|g| !g.0.get_untracked()) {
        return view! { <Show when=move || running.0.get() fallback=crate::components::Loading>{move || made(page)}</Show> }.into_any();
    }
    made(page)
}

/// The visit's first page (a deep link's) is made a task after its part has started (V8
/// compiling what has arrived): the two together were one long task on a slow phone. The page is
/// made with `drawing_first_page()` true, as without the wait, until the end of the task that
/// draws it: much of a page is built after `page` returns (what a closure in its view decides,
/// such as a form's `FormOrSent`), and what is built then must see it too. Reset at once, it was
/// false for the forms' steps, which then drew in one task of 70–125 ms at 4x CPU instead of
/// the three short ones `FlowPage` and `BelowFirstQuestion` cut it into.
fn made(page: fn() -> AnyView) -> AnyView {
    if !drawing_first_page() {
        return page();
    }
    let first = move || {
        DRAWING_FIRST_PAGE.with(|d| d.set(true));
        // Timers run in the order they were set: this one before any the page sets as it draws.
        set_timeout(|| DRAWING_FIRST_PAGE.with(|d| d.set(false)), std::time::Duration::ZERO);
        page()
    };
    view! { <crate::components::Later>{first()}</crate::components::Later> }.into_any()
}

/// The pages that travel in parts, and the route marker for each: `split::Page::Name` in the route
/// table. `$part` names the download a page belongs to; pages of the same part arrive together.
/// One type for all of them, rather than one per page (`leptos_router::Lazy<T>`), so that the
/// router's code for choosing a page is in the first download once instead of once per page.
macro_rules! split_pages {
    ($($part:ident: $($page:ident => $component:path),* $(,)?);* $(;)?) => {
        #[allow(non_snake_case)]
        mod part_fns {
            use super::*;
            $($(
                #[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible))]
                pub fn $page() -> Result<AnyView, SplitLoaderError> {
                    Ok(made_apart_from_start(|| view! { <$component /> }.into_any()))
                }
            )*)*
        }

        #[derive(Clone, Copy)]
        pub enum Page { $($($page,)*)* }

        impl Page {
            /// The page, downloading its part first if need be.
            async fn download(self) -> Result<AnyView, SplitLoaderError> {
                match self { $($(Page::$page => from_part!(part_fns::$page()),)*)* }
            }
        }
    };
}

split_pages! {
    complaint:
        ComplaintFlow => pages::complaint::ComplaintFlow,
        ComplaintDone => pages::complaint::done::Done,
        ComplaintQueued => pages::complaint::queued::Queued;
    connection:
        ConnectionFlow => pages::connection::ConnectionFlow,
        ConnectionDone => pages::connection::done::ConnectionDone;
    // The operator's workspace brings the day's filings up to date, with the tracking pages' code:
    // in the settings part it made that part (which every kiosk downloads) 11 KB larger.
    tracking:
        Track => pages::track::Track,
        TrackTicket => pages::track_ticket::TrackTicket,
        Tickets => pages::tickets::Tickets,
        Find => pages::find::Find,
        Drafts => pages::drafts::Drafts,
        Announcements => pages::announcements::Announcements,
        Operator => pages::operator::Operator;
    settings:
        Settings => pages::settings::Settings,
        Privacy => pages::privacy::Privacy,
        Accessibility => pages::accessibility::Accessibility;
}

impl ChooseView for Page {
    async fn choose(self) -> AnyView {
        let first = take_first_page();
        // Pages read drafts as they open: first let start-up put back what only the crash-safe
        // store kept (long done, except for a deep link's first page).
        crate::storage::durable::restored().await;
        if first {
            apart_from_first_render().await;
        }
        DRAWING_FIRST_PAGE.with(|d| d.set(first));
        let page = self.download().await.unwrap_or_else(|_| view! { <PartMissing /> }.into_any());
        DRAWING_FIRST_PAGE.with(|d| d.set(false));
        page
    }

    // The flat router never preloads.
    async fn preload(&self) {}
}

/// Shown in place of a page whose part could not be downloaded.
#[component]
fn PartMissing() -> impl IntoView {
    let i18n = use_i18n();
    let retry = move |_| {
        let _ = window().location().reload();
    };
    view! {
        <pages::PageTitle text=Signal::derive(move || t_string!(i18n, page_failed.title).to_string()) />
        <h1>{move || t_string!(i18n, page_failed.title)}</h1>
        <p>{move || t_string!(i18n, page_failed.body)}</p>
        <button type="button" class="button" on:click=retry>{move || t_string!(i18n, page_failed.retry)}</button>
    }
}

/// Sending queued complaints. Every visit starts without tokens, so nothing can be sent before
/// the person confirms their mobile — on a complaint page — and the sending code (reading the
/// queue, the request, its encoding, the answer) travels in the complaint part instead of the
/// first download.
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(complaint, wasm_split_path = ::leptos::wasm_split, fallible))]
fn deliver_queued_part(outbox: Outbox) -> Result<Pin<Box<dyn Future<Output = ()>>>, SplitLoaderError> {
    Ok(Box::pin(async move { outbox.deliver().await }))
}

/// Send what is due in the outbox; false when the complaint part could not be downloaded.
pub async fn deliver_queued(outbox: Outbox) -> bool {
    match from_part!(deliver_queued_part(outbox)) {
        Ok(sending) => {
            sending.await;
            true
        }
        Err(_) => false,
    }
}

/// Uploading a complaint's photo that waited on the device, just before the complaint goes (from
/// the check page or the outbox). It travels with the upload block, in the connection part: in
/// the complaint part it was a second copy of the upload, 3.7 KB brotli more for everyone who
/// opens the form, for a photo chosen offline. A part that cannot be downloaded now is the same as
/// no network: the complaint waits in the outbox and the photo goes with it later.
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(connection, wasm_split_path = ::leptos::wasm_split, fallible))]
fn send_kept_photo_part(
    draft_id: String,
    document_type: String,
) -> Result<Pin<Box<dyn Future<Output = Photo>>>, SplitLoaderError> {
    Ok(Box::pin(async move { crate::offline::photo::send_kept(&draft_id, &document_type).await }))
}

/// Upload the photo that waits on the device for draft `draft_id` (see `offline::photo`).
pub async fn send_kept_photo(draft_id: &str, document_type: &str) -> Photo {
    match from_part!(send_kept_photo_part(draft_id.to_string(), document_type.to_string())) {
        Ok(sending) => sending.await,
        Err(_) => Photo::Later(crate::api::ApiError::Network),
    }
}

/// A kiosk's own tools, the idle guard and the on-screen keyboard, are only for kiosks, so only
/// kiosks (and visitors of the settings pages) download them: 5.1 KB less brotli in everyone
/// else's first download (BENCHMARKS.md, forty-second session). They travel in the settings part
/// rather than a part of their own: every part a page needs is one more file to fetch, compile
/// and instantiate, and wasm-split gives each set of parts that share code a file of its own. A
/// fifth part made 20 shared files where four parts make 11, so a form opened in 13 files instead
/// of 8 (BENCHMARKS.md, twenty-third session). Settings is the least-visited part, and a kiosk is
/// on an office's network.
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(settings, wasm_split_path = ::leptos::wasm_split, fallible))]
fn kiosk_tools(idle_secs: u32) -> Result<AnyView, SplitLoaderError> {
    Ok(view! {
        <crate::assist::kiosk::KioskGuard idle_secs=idle_secs />
        <crate::components::keyboard::OnScreenKeyboard />
    }
    .into_any())
}

/// The number of a queued complaint sent while the person was on another page (see
/// `Outbox::sent`). In the complaint part, with the sending code: nothing is sent before that part
/// is here, and in the shell it was 1.5 KB brotli more in everyone's first download.
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(complaint, wasm_split_path = ::leptos::wasm_split, fallible))]
fn sent_banners_part(outbox: Outbox) -> Result<AnyView, SplitLoaderError> {
    let i18n = use_i18n();
    Ok(view! {
        {move || outbox.sent_unseen().into_iter().map(|(number, href)| view! {
            <div class="banner banner-sent"><div class="width-container"><p>
                {t_string!(i18n, outbox.sent_banner)}" "
                <leptos_router::components::A href=href attr:class="sent-number">
                    {crate::domain::ticket::display(&number)}
                </leptos_router::components::A>
            </p></div></div>
        }).collect_view()}
    }
    .into_any())
}

/// The shell's banners for complaints the outbox sent (see `sent_banners_part`).
#[component]
pub fn SentBanners(outbox: Outbox) -> impl IntoView {
    from_part_when_it_arrives(move || Box::pin(async move { from_part!(sent_banners_part(outbox)) }))
}

/// How long to wait before asking again for a part that did not arrive.
const PART_RETRY: std::time::Duration = std::time::Duration::from_secs(3);

/// The kiosk's idle guard and on-screen keyboard, once their part has arrived. A download that
/// fails is tried again until it succeeds, and until then no page from a part is drawn (see
/// `made_apart_from_start`): nobody can type their details on a kiosk whose wipe is not running.
#[component]
pub fn KioskTools(idle_secs: u32) -> impl IntoView {
    from_part_when_it_arrives(move || Box::pin(async move { from_part!(kiosk_tools(idle_secs)) }))
}

/// A kiosk's camera (`components::camera`), in the settings part with the kiosk's other tools:
/// a kiosk has that part from its first page, and nobody else pays for it (in the connection and
/// tracking parts it was 6–7 KB brotli more for everyone who opens a form or a status page).
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(settings, wasm_split_path = ::leptos::wasm_split, fallible))]
fn kiosk_camera_part(
    label: Signal<String>,
    what: Signal<String>,
    facing: &'static str,
    on_taken: Callback<web_sys::Blob>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::components::camera::KioskCamera label=label what=what facing=facing on_taken=on_taken /> }
        .into_any())
}

/// The kiosk's camera, once its part has arrived (see `kiosk_camera_part`).
#[component]
pub fn KioskCamera(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] what: Signal<String>,
    facing: &'static str,
    #[prop(into)] on_taken: Callback<web_sys::Blob>,
) -> impl IntoView {
    from_part_when_it_arrives(move || {
        Box::pin(async move { from_part!(kiosk_camera_part(label, what, facing, on_taken)) })
    })
}

/// A complaint's photo block (`pages::upload`). The code that takes, checks, shrinks and sends a
/// file is the application's documents' (and partly a query answer's): in the complaint part it
/// was 18 KB brotli more for everyone who opens the complaint form, before the first question
/// (BENCHMARKS.md, forty-eighth session). It travels in the connection part instead, with the
/// code it shares; the service worker has usually fetched that part by the time the person
/// reaches the step with the photo, and the block appears when it is there.
#[cfg_attr(feature = "split", ::leptos::wasm_split::wasm_split(connection, wasm_split_path = ::leptos::wasm_split, fallible))]
fn complaint_photo_part(
    draft: Draft<ComplaintDraft>,
    errors: FormErrors,
    doc: DocumentType,
) -> Result<AnyView, SplitLoaderError> {
    let i18n = use_i18n();
    Ok(view! {
        <pages::upload::DocumentUpload files=pages::upload::Files::of(draft) errors=errors field="photo" doc=doc optional=true wait_offline=true
            hint=Signal::derive(move || t_string!(i18n, details.photo_hint).to_string()) />
    }
    .into_any())
}

/// The complaint form's photo block, once its part has arrived (see `complaint_photo_part`).
#[component]
pub fn ComplaintPhoto(draft: Draft<ComplaintDraft>, errors: FormErrors, doc: DocumentType) -> impl IntoView {
    from_part_when_it_arrives(move || {
        let doc = doc.clone();
        Box::pin(async move { from_part!(complaint_photo_part(draft, errors, doc)) })
    })
}

type PartView = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// A view made by a part's code, drawn once the part has arrived; a failed download is asked for
/// again every 3 s (with the caller's owner, whose contexts the view reads). Held until drawn,
/// and drawn once: a `Suspend` would do the same, but its machinery would come with it into
/// everyone's first download.
fn from_part_when_it_arrives(fetch: impl Fn() -> PartView + 'static) -> impl IntoView {
    let slot = StoredValue::new_local(None::<AnyView>);
    let arrived = RwSignal::new(false);
    ask_for_part(std::rc::Rc::new(fetch), slot, arrived);
    move || arrived.get().then(|| slot.try_update_value(Option::take).flatten()).flatten()
}

fn ask_for_part(
    fetch: std::rc::Rc<dyn Fn() -> PartView>,
    slot: StoredValue<Option<AnyView>, LocalStorage>,
    arrived: RwSignal<bool>,
) {
    leptos::task::spawn_local_scoped(async move {
        match fetch().await {
            Ok(view) => {
                slot.set_value(Some(view));
                arrived.set(true);
            }
            // Gone with its page (the person moved on): nothing to draw, nothing to ask for.
            Err(_) if arrived.is_disposed() => {}
            Err(_) => {
                let owner = Owner::current();
                set_timeout(
                    move || {
                        let retry = move || ask_for_part(fetch, slot, arrived);
                        match &owner {
                            Some(o) => o.with(retry),
                            None => retry(),
                        }
                    },
                    PART_RETRY,
                );
            }
        }
    });
}

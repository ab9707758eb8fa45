//! A form's step reached again after the form was sent: Back from the confirmation, or an old
//! address in the same tab. The draft is gone by then, so the step would be drawn empty, with a
//! Send button under blank answers, as if what the person typed had been lost. Instead the page
//! says it was sent, with its number, and links to the page that stands for it now.
//!
//! Kept for the tab only (sessionStorage, like the application's receipt), and wiped with
//! everything else by a kiosk or "Delete all data".

use crate::domain::draft::{DraftKind, Persistence};
use crate::domain::ticket::display;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

const KEY: &str = "bijli.filed.";

#[derive(Clone, PartialEq)]
pub struct Filed {
    /// The number the backend gave it; none while it waits in the outbox.
    pub number: Option<String>,
    /// The page that stands for it now: its confirmation, or its place in the outbox.
    pub href: String,
}

/// Remember that draft `draft_id` was sent (given `number`, or queued), and the page that shows it now.
pub fn remember(draft_id: &str, number: Option<&str>, href: &str) {
    // "number href" (an empty number while queued): two words need no JSON, and its code.
    let value = format!("{} {href}", number.unwrap_or_default());
    let _ = crate::storage::set(Persistence::Session, &format!("{KEY}{draft_id}"), &value);
}

/// What draft `id` became, when it was sent from this tab and no draft of that id is open.
pub fn lookup(id: Option<&str>) -> Option<Filed> {
    let id = id?;
    // Asked again on every change of the form's address: the one-key read comes first, and the
    // draft (parsed whole) is looked for only when the tab did send one by this id.
    let value = crate::storage::get(Persistence::Session, &format!("{KEY}{id}"))?;
    if crate::storage::drafts::DraftStore::current().load(id).is_some() {
        return None;
    }
    let (number, href) = value.split_once(' ')?;
    Some(Filed { number: (!number.is_empty()).then(|| number.to_string()), href: href.to_string() })
}

/// The form whose step the address names, or "already sent" when its draft was sent. Decided
/// again when the address changes: "Report another problem" on the sent page leads to the same
/// route with `?new=1`, where the form must start afresh.
///
/// The form is also built again, on another draft, when the address asks for one while it is open:
/// `?new` (the task list's "Start a different application" and "Delete this application"), or a
/// `?draft=` other than the one open (Back to the application before). Without that the open form
/// kept its draft, so the next answers went into the other application, or nowhere once it was
/// deleted. The form names the draft it opened ([`opened`]), so its own move from `?new` to
/// `?draft=` that draft does not build it again.
#[component]
pub fn FormOrSent(kind: DraftKind, form: fn() -> AnyView) -> impl IntoView {
    let query = crate::pages::use_query();
    let filed = Memo::new(move |_| lookup(query.read().get("draft").as_deref()));
    let open = StoredValue::new(None::<String>);
    provide_context(OpenDraft(open));
    let builds = Memo::new(move |n: Option<&u32>| {
        let q = query.read();
        let other = q.get("new").is_some()
            || q.get("draft").is_some_and(|d| open.with_value(|o| o.as_ref().is_some_and(|o| *o != d)));
        n.map_or(0, |n| n + u32::from(other))
    });
    move || {
        // Read, not just tracked: `track` leaves the memo unrun, and its first run (at the form's
        // own move from `?new` to `?draft=`) counted as a change, so every `?new` built the form twice.
        builds.with(|_| ());
        match filed.get() {
            Some(filed) => view! { <AlreadySent filed=filed kind=kind /> }.into_any(),
            None => untrack(form),
        }
    }
}

#[derive(Clone, Copy)]
struct OpenDraft(StoredValue<Option<String>>);

/// Called by a form with the draft it opened: remembered as this tab's (`active`, so an address
/// without `?draft=` finds it again) and as the open one ([`FormOrSent`]); a new one (`?new`) is
/// named in the address at `path`, replacing it, so a reload keeps it instead of starting another.
/// So is one opened in place of the draft the address `named` (a draft of the other kind, which
/// `Draft::open` does not take for this form's).
pub fn opened(id: &str, active: &str, path: &str, new: bool, named: Option<&str>) {
    let _ = crate::storage::set(Persistence::Session, active, id);
    if let Some(OpenDraft(open)) = use_context() {
        open.set_value(Some(id.to_string()));
    }
    if new || named.is_some_and(|d| d != id) {
        let (navigate, to) = (leptos_router::hooks::use_navigate(), format!("{path}?draft={id}"));
        request_animation_frame(move || {
            navigate(&to, leptos_router::NavigateOptions { replace: true, ..Default::default() })
        });
    }
}

/// "This complaint (application) has already been sent", in place of one of its steps.
#[component]
pub fn AlreadySent(filed: Filed, kind: DraftKind) -> impl IntoView {
    let i18n = use_i18n();
    let application = kind == DraftKind::Connection;
    let title = move || {
        if application {
            t_string!(i18n, filed.application_title)
        } else {
            t_string!(i18n, filed.complaint_title)
        }
    };
    let number = filed.number.as_deref().map(display);
    let has_number = number.is_some();
    let another = if application { "/connection/new?new=1" } else { "/complaint/new?new=1" };
    view! {
        <super::PageTitle text=Signal::derive(move || title().to_string()) />
        <h1 id="already-sent">{title}</h1>
        {match number {
            Some(n) => view! { <p class="lead">{move || t_string!(i18n, filed.number, number = n.clone())}</p> }.into_any(),
            None => view! { <p class="lead">{move || t_string!(i18n, filed.waiting)}</p> }.into_any(),
        }}
        <p>{move || t_string!(i18n, filed.not_again)}</p>
        <A href=filed.href attr:class="button">
            {move || if has_number { t_string!(i18n, filed.see_acknowledgement) } else { t_string!(i18n, filed.see_waiting) }}
        </A>
        <p>
            <A href=another>
                {move || if application { t_string!(i18n, filed.another_application) } else { t_string!(i18n, filed.another_complaint) }}
            </A>
        </p>
    }
}

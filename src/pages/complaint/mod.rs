//! `/complaint/new/*`: filing a 1912 complaint, one question topic per page (GOV.UK question
//! pages), a check-your-answers page, and the confirmation. The form lives in a draft (autosaved,
//! resumable); the OTP state lives only in memory.

pub mod check;
pub mod consumer;
pub mod contact;
pub mod details;
pub mod done;
pub mod problem;
pub mod queued;

use crate::api::ApiError;
use crate::components::messages::FormErrors;
use crate::domain::complaint::{ComplaintDraft, Step};
use crate::domain::draft::{DraftKind, Persistence};
use crate::domain::FieldError;
use crate::i18n::*;
use crate::storage::drafts::Draft;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

const ACTIVE: &str = "bijli.active.complaint";

/// OTP progress for the mobile on the contact page. Never written to storage.
#[derive(Clone, Default, PartialEq)]
pub struct Otp {
    pub otp_id: Option<String>,
    /// Unix seconds before which "Resend" stays disabled.
    pub resend_after: i64,
    pub token: Option<String>,
    /// The normalised mobile the token was issued for.
    pub token_mobile: Option<String>,
    pub code: String,
}

/// The confirmation page for the complaint the backend answered with. `again` marks a repeat of
/// one still open, which the page explains instead of saying "registered".
pub fn done_href(number: &str, already_open: bool) -> String {
    format!("/complaint/done/{number}{}", if already_open { "?again=1" } else { "" })
}

#[derive(Clone, Copy)]
pub struct Flow {
    pub draft: Draft<ComplaintDraft>,
    /// Field problems as codes; turned into text at render time.
    pub errors: FormErrors,
    pub otp: RwSignal<Otp>,
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

impl Flow {
    pub fn href(&self, step: Step) -> String {
        format!("{}?draft={}", step.path(), self.draft.id())
    }

    pub fn error(&self, field: &'static str) -> Signal<Option<String>> {
        self.errors.message(field)
    }

    pub fn fail(&self, errors: Vec<FieldError>) {
        self.errors.fail(errors);
    }

    /// Remember where the person is, so resuming returns here. Errors for this step's fields
    /// stay (the check page or the backend may have sent the person here to fix them).
    pub fn enter(&self, step: Step) {
        if self.errors.list.with_untracked(|e| e.iter().any(|x| Step::of_field(&x.field) != step)) {
            self.errors.list.update(|e| e.retain(|x| Step::of_field(&x.field) == step));
        }
        if self.draft.step.get_untracked() != step.name() {
            self.draft.step.set(step.name().to_string());
        }
    }

    /// A text field's value and setter, bound to the draft.
    pub fn bind(
        &self,
        get: fn(&ComplaintDraft) -> &String,
        set: fn(&mut ComplaintDraft, String),
    ) -> (Signal<String>, Callback<(String,)>) {
        let data = self.draft.data;
        (
            Signal::derive(move || data.with(|d| get(d).clone())),
            Callback::new(move |(v,): (String,)| data.update(|d| set(d, v))),
        )
    }
}

/// Continue: check this step; go on (or back to "Check your answers" after a Change).
pub fn use_continue(step: Step) -> impl Fn() + Clone + 'static {
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let query = crate::pages::use_query();
    let navigate = use_navigate();
    move || {
        let Some(m) = meta.get() else { return };
        let errors = flow.draft.data.with_untracked(|d| d.check(step, &m));
        if !errors.is_empty() {
            return flow.fail(errors);
        }
        flow.errors.clear();
        flow.draft.save_now();
        let back_to_check = query.read_untracked().get("from").as_deref() == Some("check");
        let next = if back_to_check { Step::Check } else { step.next() };
        navigate(&flow.href(next), Default::default());
    }
}

pub fn back_href(step: Step) -> Signal<String> {
    let flow = use_flow();
    let query = crate::pages::use_query();
    Signal::derive(move || {
        if query.read().get("from").as_deref() == Some("check") {
            return flow.href(Step::Check);
        }
        match step.previous() {
            Some(p) => flow.href(p),
            None => "/".into(),
        }
    })
}

/// The complaint form's route: the form, or "already sent" when `?draft=` names a complaint sent
/// from this tab (`pages::filed`).
#[component]
pub fn ComplaintFlow() -> impl IntoView {
    view! { <crate::pages::filed::FormOrSent kind=DraftKind::Complaint form=|| view! { <ComplaintForm /> }.into_any() /> }
}

/// The parent of every step: opens the draft named in `?draft=` (or this tab's active one),
/// provides it, and renders the step the address names. The steps are chosen here rather than
/// in the shell's route table, so their routing travels in the complaint part too.
#[component]
fn ComplaintForm() -> impl IntoView {
    let query = crate::pages::use_query();
    // `?new=1` starts a fresh complaint (an operator's next applicant).
    let q = query.read_untracked();
    let new = q.get("new").is_some();
    let id = if new { None } else { q.get("draft").or_else(|| crate::storage::get(Persistence::Session, ACTIVE)) };
    let draft = Draft::<ComplaintDraft>::open(DraftKind::Complaint, id, ComplaintDraft::label, |s| {
        Step::from_name(s).progress()
    });
    // "Another problem at the same place": the new draft starts with where and who, and the form
    // at "what is wrong". Set before the draft's first autosave, so it is kept only once the
    // person answers something, like any new form. Without the details (the page was reloaded)
    // the form starts at its first step.
    let same = SAME_PLACE.with(|s| {
        let kept = s.borrow_mut().take()?;
        (new && q.get_str("same") == Some(kept.0.as_str())).then_some(kept.1)
    });
    let path = if same.is_some() { Step::Problem.path() } else { Step::Consumer.path() };
    if let Some(d) = same {
        draft.data.update_untracked(|data| *data = d);
    }
    crate::pages::filed::opened(&draft.id(), ACTIVE, path, new, q.get_str("draft"));
    if draft.data.with_untracked(|d| d.updates_language.is_empty()) {
        let lang = code(use_i18n().get_locale_untracked()).to_string();
        draft.data.update_untracked(|d| d.updates_language = lang);
    }
    crate::pages::start_at_home_district(draft.data, |d| &mut d.district);
    drop(q);
    provide_context(Flow { draft, errors: FormErrors::default(), otp: RwSignal::new(Otp::default()) });
    let params = use_params_map();
    let step = Memo::new(move |_| Step::from_segment(&params.read().get("step").unwrap_or_default()));
    let steps = move || match step.get() {
        Some(Step::Consumer) => view! { <consumer::ConsumerStep /> }.into_any(),
        Some(Step::Problem) => view! { <problem::ProblemStep /> }.into_any(),
        Some(Step::Details) => view! { <details::DetailsStep /> }.into_any(),
        Some(Step::Contact) => view! { <contact::ContactStep /> }.into_any(),
        Some(Step::Check) => view! { <check::CheckStep /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    };
    // A task after the rest of the app when a link opened the form, at once after a tap (`FlowPage`).
    view! { <crate::pages::FlowPage page=steps /> }
}

/// Forget this tab's active complaint (after it was filed).
pub fn clear_active() {
    crate::storage::remove(Persistence::Session, ACTIVE);
}

thread_local! {
    /// Where and who of the complaint just sent (by its number, or its place in the outbox), for
    /// "Report one more problem at the same place". In memory only, for the very next complaint:
    /// a reload, "Delete all data" or starting any other complaint forgets it, so an operator's
    /// next customer never finds the last one's details in the form; a kiosk never keeps it.
    static SAME_PLACE: std::cell::RefCell<Option<(String, ComplaintDraft)>> = const { std::cell::RefCell::new(None) };
}

/// Keep what the next complaint at the same place starts with; `of` is the sent one's number or key.
pub fn keep_same_place(of: &str, sent: &ComplaintDraft) {
    SAME_PLACE.with(|s| *s.borrow_mut() = Some((of.to_string(), sent.same_place())));
}

/// Whether the confirmation of `of` can offer another complaint at the same place.
pub fn has_same_place(of: &str) -> bool {
    SAME_PLACE.with(|s| s.borrow().as_ref().is_some_and(|(o, _)| o == of))
}

/// The complaint `key` waited in the outbox and has now been given `number`: its confirmation
/// offers the same.
pub fn same_place_sent(key: &str, number: &str) {
    SAME_PLACE.with(|s| {
        if let Some((of, _)) = s.borrow_mut().as_mut().filter(|(of, _)| of == key) {
            *of = number.to_string();
        }
    });
}

pub fn forget_same_place() {
    SAME_PLACE.with(|s| s.borrow_mut().take());
}

/// "Report another problem", under a complaint just sent (`of`: its number, or its key in the
/// outbox): at the same place, with where and who filled in, while this visit still has them;
/// and anywhere, on an empty form. The address names only the sent complaint, no personal data.
#[component]
pub fn ReportAnother(of: String) -> impl IntoView {
    let i18n = use_i18n();
    let same = has_same_place(&of).then(|| {
        let href = format!("{}?new=1&same={of}", Step::Problem.path());
        view! {
            <p class="no-print">
                <A href=href attr:id="same-place">{move || t_string!(i18n, done.same_place)}</A>
                <br /><span class="hint">{move || t_string!(i18n, done.same_place_hint)}</span>
            </p>
        }
    });
    view! {
        {same}
        <p class="no-print">
            <A href="/complaint/new?new=1" attr:id="file-another">{move || t_string!(i18n, done.another)}</A>
        </p>
    }
}

/// A failed submission explained, in the reader's language.
pub fn submit_error_text(loc: Locale, e: &ApiError) -> String {
    if let Some(minutes) = e.limit_minutes() {
        return td_string!(loc, submit.busy_wait_minutes, minutes = minutes).to_string();
    }
    match e {
        ApiError::Network => td_string!(loc, submit.network).to_string(),
        ApiError::Timeout => td_string!(loc, submit.timeout).to_string(),
        ApiError::Busy { retry_after: Some(s) } => td_string!(loc, submit.busy_wait, seconds = *s).to_string(),
        ApiError::Busy { retry_after: None } | ApiError::Server(_) => td_string!(loc, submit.server).to_string(),
        ApiError::Unauthorized => td_string!(loc, submit.verify_again).to_string(),
        ApiError::NotFound => td_string!(loc, track.not_found).to_string(),
        // Only an answer on a status page meets this: the office moved the ticket meanwhile.
        ApiError::Refused { status: 409, .. } => td_string!(loc, submit.changed).to_string(),
        ApiError::Fields(_) | ApiError::Refused { .. } => td_string!(loc, submit.refused).to_string(),
    }
}

/// The buttons every step ends with.
#[component]
pub fn StepFooter(#[prop(into)] on_continue: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    view! {
        <button type="button" class="button" on:click=move |_| on_continue.run(())>{move || t_string!(i18n, common.continue_button)}</button>
        <crate::components::SaveStatus state=flow.draft.state />
    }
}

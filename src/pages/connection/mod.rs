//! `/connection/new/*`: the Jhatpat application, GOV.UK "complete multiple tasks": a task list,
//! one page per section, check your answers, then the confirmation. The form lives in a draft
//! (autosaved, resumable over several sittings); the Aadhaar number and the OTP token live only
//! in memory, so they are never on disk, in a URL or in a log.

pub mod applicant;
pub mod check;
pub mod dates;
pub mod documents;
pub mod done;
pub mod fees;
pub mod load;
pub mod premises;
pub mod tasks;

use crate::components::messages::FormErrors;
use crate::components::{BackLink, ErrorSummary, SaveStatus};
use crate::domain::connection::{ConnectionDraft, Page, Section, CHECK};
use crate::domain::draft::{DraftKind, Persistence};
use crate::domain::FieldError;
use crate::i18n::*;
use crate::pages::{PageTitle, WithMeta};
use crate::storage::drafts::{Draft, DraftStore};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

const ACTIVE: &str = "bijli.active.connection";
pub const TASKS: &str = "/connection/new";

#[derive(Clone, Copy)]
pub struct Flow {
    pub draft: Draft<ConnectionDraft>,
    /// Field problems as codes; turned into text at render time.
    pub errors: FormErrors,
    /// The Aadhaar number as typed. Memory only: if the person leaves, they type it again.
    pub aadhaar: RwSignal<String>,
    /// `(mobile, token)` once the applicant's mobile is verified. Memory only.
    pub token: RwSignal<Option<(String, String)>>,
    /// This new application follows one the person deleted (`?new=1&deleted=1`): the task list
    /// says the old one and its documents are gone.
    pub after_delete: bool,
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

/// India's date today, as days since the epoch (fees and dates depend on it).
pub fn today() -> i64 {
    crate::domain::time::ist_today(crate::pages::now())
}

impl Flow {
    pub fn href(&self, path: &str) -> String {
        format!("{path}?draft={}", self.draft.id())
    }

    pub fn section_href(&self, s: Section) -> String {
        self.href(&s.path())
    }

    pub fn check_href(&self) -> String {
        self.href("/connection/new/check")
    }

    pub fn error(&self, field: impl Into<String>) -> Signal<Option<String>> {
        self.errors.message(field)
    }

    pub fn fail(&self, errors: Vec<FieldError>) {
        self.errors.fail(errors);
    }

    /// Remember where the person is (`step`: a section's name, `tasks` or `check`) and that a
    /// section was opened. A section keeps only its own errors (the check page or the backend
    /// may have sent the person here to fix them); the task list has none.
    pub fn enter(&self, step: &'static str) {
        if let Some(s) = Section::from_name(step) {
            if self.errors.list.with_untracked(|e| e.iter().any(|x| Section::of_field(&x.field) != s)) {
                self.errors.list.update(|e| e.retain(|x| Section::of_field(&x.field) == s));
            }
            if !self.draft.data.with_untracked(|d| d.visited(s)) {
                self.draft.data.update(|d| d.visited.push(s.name().to_string()));
            }
        } else if step != CHECK && self.errors.list.with_untracked(|e| !e.is_empty()) {
            self.errors.clear();
        }
        if self.draft.step.get_untracked() != step {
            self.draft.step.set(step.to_string());
        }
    }

    /// A text field's value and setter, bound to the draft.
    pub fn bind(
        &self,
        get: fn(&ConnectionDraft) -> &String,
        set: fn(&mut ConnectionDraft, String),
    ) -> (Signal<String>, Callback<(String,)>) {
        let data = self.draft.data;
        (
            Signal::derive(move || data.with(|d| get(d).clone())),
            Callback::new(move |(v,): (String,)| data.update(|d| set(d, v))),
        )
    }

    pub fn label(&self, key: fn(Locale) -> &'static str) -> Signal<String> {
        let i18n = use_i18n();
        Signal::derive(move || key(i18n.get_locale()).to_string())
    }
}

fn progress(step: &str) -> u8 {
    match Section::from_name(step) {
        Some(s) => (Section::ALL.iter().position(|x| *x == s).unwrap_or(0) * 100 / (Section::ALL.len() + 1)) as u8,
        None if step == CHECK => 90,
        None => 0,
    }
}

/// The application form's route: the form, or "already sent" when `?draft=` names an application sent
/// from this tab (`pages::filed`).
#[component]
pub fn ConnectionFlow() -> impl IntoView {
    view! { <crate::pages::filed::FormOrSent kind=DraftKind::Connection form=|| view! { <ConnectionForm /> }.into_any() /> }
}

/// The parent of every page: opens the draft named in `?draft=` (else this tab's, else the most
/// recent application on this device; `?new` starts a fresh one), provides it, and renders the
/// page the address names. The pages are chosen here rather than in the shell's route table, so
/// their routing travels in the connection part too.
#[component]
fn ConnectionForm() -> impl IntoView {
    let query = crate::pages::use_query();
    let q = query.read_untracked();
    let new = q.get("new").is_some();
    let id = if new {
        None
    } else {
        q.get("draft")
            .or_else(|| crate::storage::get(Persistence::Session, ACTIVE))
            .or_else(|| DraftStore::current().list(Some(DraftKind::Connection)).first().map(|e| e.id.clone()))
    };
    let draft = Draft::<ConnectionDraft>::open(DraftKind::Connection, id, ConnectionDraft::label, progress);
    let after_delete = new && q.get("deleted").is_some();
    crate::pages::filed::opened(&draft.id(), ACTIVE, TASKS, new, q.get_str("draft"));
    drop(q);
    crate::pages::start_at_home_district(draft.data, |d| &mut d.district);
    provide_context(Flow {
        draft,
        errors: FormErrors::default(),
        aadhaar: RwSignal::new(String::new()),
        token: RwSignal::new(None),
        after_delete,
    });
    let params = use_params_map();
    let page = Memo::new(move |_| Page::from_segment(&params.read().get("step").unwrap_or_default()));
    let pages = move || match page.get() {
        Some(Page::Tasks) => view! { <tasks::TaskList /> }.into_any(),
        Some(Page::Section(Section::Applicant)) => view! { <applicant::ApplicantSection /> }.into_any(),
        Some(Page::Section(Section::Premises)) => view! { <premises::PremisesSection /> }.into_any(),
        Some(Page::Section(Section::Load)) => view! { <load::LoadSection /> }.into_any(),
        Some(Page::Section(Section::Documents)) => view! { <documents::DocumentsSection /> }.into_any(),
        Some(Page::Section(Section::Dates)) => view! { <dates::DatesSection /> }.into_any(),
        Some(Page::Section(Section::Fees)) => view! { <fees::FeesSection /> }.into_any(),
        Some(Page::Check) => view! { <check::CheckAnswers /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    };
    // A task after the rest of the app when a link opened the form, at once after a tap (`FlowPage`).
    view! { <crate::pages::FlowPage page=pages /> }
}

/// Forget this tab's application (after it was sent or discarded).
pub fn clear_active() {
    crate::storage::remove(Persistence::Session, ACTIVE);
}

/// Save and continue: check this section; go on to the next one (or back to "Check your
/// answers" after a Change, or to the task list after the last section).
pub fn use_continue(section: Section) -> Callback<()> {
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let query = crate::pages::use_query();
    let navigate = use_navigate();
    Callback::new(move |()| {
        let Some(m) = meta.get() else { return };
        let errors = flow.draft.data.with_untracked(|d| d.check(section, &flow.aadhaar.get_untracked(), &m, today()));
        if !errors.is_empty() {
            return flow.fail(errors);
        }
        flow.errors.clear();
        flow.draft.save_now();
        let back_to_check = query.read_untracked().get("from").as_deref() == Some("check");
        let next = if back_to_check {
            flow.check_href()
        } else {
            let after = Section::ALL.iter().skip_while(|s| **s != section).nth(1).copied();
            match after {
                Some(s)
                    if flow.draft.data.with_untracked(|d| d.status(s, &flow.aadhaar.get_untracked(), &m, today()))
                        != crate::domain::connection::TaskStatus::Completed =>
                {
                    flow.section_href(s)
                }
                _ if section == Section::Fees => flow.check_href(),
                _ => flow.href(TASKS),
            }
        };
        navigate(&next, Default::default());
    })
}

/// The frame of every section page: title, back link, error summary, heading, the fields, and
/// "Save and continue" / "Save and come back later".
#[component]
pub fn SectionPage(section: Section, #[prop(into)] title: Signal<String>, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let query = crate::pages::use_query();
    flow.enter(section.name());
    let go = use_continue(section);
    let back = Signal::derive(move || {
        if query.read().get("from").as_deref() == Some("check") {
            flow.check_href()
        } else {
            flow.href(TASKS)
        }
    });
    let children = StoredValue::new(children);
    view! {
        <PageTitle text=title error=flow.errors.any() />
        <BackLink href=back />
        <ErrorSummary items=flow.errors.summary() attempt=flow.errors.attempt />
        <WithMeta>
            <span class="caption">{move || t_string!(i18n, apply.title)}</span>
            <h1>{move || title.get()}</h1>
            {children.read_value()()}
            <div class="button-group">
                <button type="button" class="button" on:click=move |_| go.run(())>{move || t_string!(i18n, apply.save_continue)}</button>
                <A href=move || flow.href(TASKS) attr:class="link-secondary">{move || t_string!(i18n, apply.save_later)}</A>
            </div>
            <SaveStatus state=flow.draft.state />
        </WithMeta>
    }
}

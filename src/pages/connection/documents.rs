//! Section 4, documents: one upload block (`pages::upload`) per document this application needs
//! (the category's list, plus the landlord's consent for a tenant). A file chosen offline waits on
//! the device and is sent when the network returns. An office kiosk photographs each one with its
//! own camera (`components::camera`).
use super::{use_flow, SectionPage};
use crate::domain::connection::Section;
use crate::i18n::*;
use crate::pages::upload::{DocumentUpload, Files};
use leptos::prelude::*;

#[component]
pub fn DocumentsSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let kiosk = crate::assist::use_mode().is_kiosk();
    let docs = move || {
        meta.get()
            .map(|m| flow.draft.data.with(|d| d.required_documents(&m).into_iter().cloned().collect::<Vec<_>>()))
            .unwrap_or_default()
    };
    view! {
        <SectionPage section=Section::Documents title=flow.label(|l| td_string!(l, apply.documents))>
            <p class="hint">
                {move || if kiosk { t_string!(i18n, apply.documents_hint_kiosk) } else { t_string!(i18n, apply.documents_hint) }}
            </p>
            <For each=docs key=|d| d.code.clone() let:doc>
                <DocumentUpload files=Files::of(flow.draft) errors=flow.errors field=format!("documents.{}", doc.code) doc=doc wait_offline=true />
            </For>
        </SectionPage>
    }
}

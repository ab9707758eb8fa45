//! Section 4, documents: one block per document this application needs (the category's list,
//! plus the landlord's consent for a tenant). Camera or file; the content is checked on the
//! device (magic bytes, size limit from `/meta`); photos are shrunk to ≤ 500 KB before upload;
//! upload progress is shown; transient failures retry by themselves, then offer "Try again".
//! The upload id goes into the draft, so after a reload nothing is sent twice.
use super::{use_flow, Flow, SectionPage};
use crate::api::{self, ApiError};
use crate::domain::connection::{Section, Uploaded, PHOTO_TARGET_BYTES};
use crate::domain::wire::DocumentType;
use crate::domain::{ErrorCode, FieldError};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Show a file problem beside its block and in the summary, keeping other blocks' problems.
fn refuse(flow: Flow, field: &str, code: ErrorCode) {
    let mut list = flow.errors.list.get_untracked();
    list.retain(|e| e.field != field);
    list.push(FieldError::new(field, code));
    flow.fail(list);
}

fn forget_error(flow: Flow, field: &str) {
    if flow.errors.list.with_untracked(|l| l.iter().any(|e| e.field == field)) {
        flow.errors.list.update(|l| l.retain(|e| e.field != field));
    }
}

pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}.{} MB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The network failed: keep the prepared file on the device (IndexedDB, never on a kiosk) and
/// note it in the draft, so it is sent when the network returns — even after the page was closed.
async fn keep_for_later(flow: Flow, code: &str, blob: &web_sys::Blob, name: &str) {
    if !keeps_files() {
        return;
    }
    crate::storage::durable::put_file(&kept_file(flow, code), blob, name).await;
    note_waiting(flow, code, blob, name);
}

/// Where this draft keeps a document's file on the device (IndexedDB).
fn kept_file(flow: Flow, code: &str) -> String {
    crate::storage::durable::file_key(&flow.draft.id(), code)
}

fn keeps_files() -> bool {
    crate::storage::drafts::DraftStore::current().policy.persistence == crate::domain::draft::Persistence::Local
}

/// Note in the draft that this block's file waits on the device (unless one is already uploaded).
fn note_waiting(flow: Flow, code: &str, blob: &web_sys::Blob, name: &str) {
    let waiting = Uploaded {
        document_type: code.to_string(),
        upload_id: String::new(),
        file_name: name.to_string(),
        bytes: blob.size() as u64,
        content_type: blob.type_(),
    };
    flow.draft.data.update(|d| {
        if d.uploaded(code).is_none() {
            d.set_uploaded(waiting);
        }
    });
    flow.draft.save_now();
}

#[component]
pub fn DocumentsSection() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let meta = crate::app::use_meta();
    let docs = move || {
        meta.get()
            .map(|m| flow.draft.data.with(|d| d.required_documents(&m).into_iter().cloned().collect::<Vec<_>>()))
            .unwrap_or_default()
    };
    view! {
        <SectionPage section=Section::Documents title=flow.label(|l| td_string!(l, apply.documents))>
            <p class="hint">{move || t_string!(i18n, apply.documents_hint)}</p>
            <For each=docs key=|d| d.code.clone() let:doc>
                <DocumentUpload doc=doc />
            </For>
        </SectionPage>
    }
}

#[component]
fn DocumentUpload(doc: DocumentType) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let field = format!("documents.{}", doc.code);
    let code = doc.code.clone();
    let uploaded = {
        let code = code.clone();
        Signal::derive(move || flow.draft.data.with(|d| d.uploaded(&code).cloned()))
    };
    let progress = RwSignal::new(None::<u32>);
    let failure = RwSignal::new(None::<ApiError>);
    // The prepared file, kept for "Try again" (memory only; a Blob cannot be stored in a draft).
    let pending = StoredValue::new_local(None::<(web_sys::Blob, String)>);
    let doc = StoredValue::new(doc);

    let send = {
        let (field, code) = (field.clone(), code.clone());
        move || {
            let Some((blob, name)) = pending.get_value() else { return };
            let (field, code) = (field.clone(), code.clone());
            failure.set(None);
            spawn_local(async move {
                for attempt in 0..3 {
                    progress.set(Some(0));
                    let result = api::upload_with_progress(&code, &blob, &name, move |p| progress.set(Some(p))).await;
                    match result {
                        Ok(r) => {
                            progress.set(None);
                            pending.set_value(None);
                            // The document this one replaces will never be sent: delete it on the server.
                            let replaced =
                                flow.draft.data.with_untracked(|d| d.uploaded(&code).map(|u| u.upload_id.clone()));
                            crate::api::release_uploads(&replaced.into_iter().collect::<Vec<_>>());
                            flow.draft.data.update(|d| {
                                d.set_uploaded(Uploaded {
                                    document_type: code.clone(),
                                    upload_id: r.upload_id,
                                    file_name: name.clone(),
                                    bytes: r.bytes,
                                    content_type: r.content_type,
                                })
                            });
                            flow.draft.save_now();
                            // Only after the draft names the upload (its write to disk is queued
                            // first): a browser that dies in between leaves a spare copy of the
                            // file, never a draft waiting for a file that is gone.
                            crate::storage::durable::delete(&kept_file(flow, &code));
                            return;
                        }
                        // Trying again in a second or two cannot beat an hour's limit (429).
                        Err(e) if e.is_transient() && attempt < 2 && e.limit_minutes().is_none() => {
                            crate::pages::sleep_ms(1000 << attempt).await
                        }
                        Err(ApiError::Fields(f)) => {
                            progress.set(None);
                            let code = f.first().map(|e| e.code).unwrap_or(ErrorCode::InvalidFileType);
                            return refuse(flow, &field, code);
                        }
                        Err(e) => {
                            progress.set(None);
                            // A file kept for later is sent as soon as the network is back: right
                            // for an outage, wrong for an hour's limit (it stays here for "Try again").
                            if e.is_transient() && e.limit_minutes().is_none() {
                                keep_for_later(flow, &code, &blob, &name).await;
                            }
                            return failure.set(Some(e));
                        }
                    }
                }
            });
        }
    };
    let send = StoredValue::new_local(send);
    // A file chosen while offline (maybe in an earlier visit) is sent first, as soon as possible.
    let waiting = {
        let code = code.clone();
        Signal::derive(move || flow.draft.data.with(|d| d.waiting(&code).cloned()))
    };
    // The kept file is the record, not the draft's note of it: the file is on disk before the block
    // says "waiting", while the note is written after and can be lost if the browser is closed at
    // once. A note whose file is gone is dropped, so the block asks for the file again.
    if keeps_files() && flow.draft.data.with_untracked(|d| d.uploaded(&code).is_none()) {
        let key = kept_file(flow, &code);
        let code = code.clone();
        spawn_local(async move {
            let found = crate::storage::durable::get_file(&key).await;
            // Meanwhile the reader may have chosen another file: that one wins.
            if pending.with_value(Option::is_some) || flow.draft.data.with_untracked(|d| d.uploaded(&code).is_some()) {
                return;
            }
            let Some((blob, name)) = found else {
                if waiting.get_untracked().is_some() {
                    flow.draft.data.update(|d| d.forget_waiting(&code));
                }
                return;
            };
            if waiting.get_untracked().is_none() {
                note_waiting(flow, &code, &blob, &name);
            }
            pending.set_value(Some((blob, name)));
            if crate::offline::is_online() {
                send.with_value(|s| s());
            } else {
                failure.set(Some(ApiError::Network));
            }
        });
    }
    // An upload that failed for want of a network goes again as soon as it returns.
    crate::offline::use_network().retry_when_back(failure, move || send.with_value(|s| s()));

    let chosen = {
        let field = field.clone();
        move |ev: leptos::ev::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            // Let the same file be chosen again after fixing something.
            input.set_value("");
            let field = field.clone();
            failure.set(None);
            forget_error(flow, &field);
            spawn_local(async move {
                let d = doc.get_value();
                let kind = crate::media::sniff(&file).await;
                let Some(kind) = kind.filter(|k| d.formats.iter().any(|f| f == k)) else {
                    return refuse(flow, &field, ErrorCode::InvalidFileType);
                };
                let mut name = file.name();
                let mut blob: web_sys::Blob = file.clone().into();
                if kind.starts_with("image/") && file.size() as u64 > PHOTO_TARGET_BYTES {
                    progress.set(Some(0));
                    if let Some(small) = crate::media::shrink_photo(&file).await {
                        blob = small;
                        let stem = name.rsplit_once('.').map(|(s, _)| s.to_string()).unwrap_or(name.clone());
                        name = format!("{stem}.jpg");
                    }
                    progress.set(None);
                }
                if blob.size() as u64 > d.max_bytes {
                    return refuse(flow, &field, ErrorCode::FileTooLarge);
                }
                pending.set_value(Some((blob, name)));
                send.with_value(|s| s());
            });
        }
    };
    let chosen2 = chosen.clone();
    let error = flow.error(field.clone());
    let name = move || pick(i18n.get_locale(), &doc.with_value(|d| d.name.clone()));
    let limits = move || {
        let loc = i18n.get_locale();
        let (formats, max) = doc.with_value(|d| {
            (
                d.formats
                    .iter()
                    .map(|f| {
                        if f == "application/pdf" {
                            "PDF"
                        } else if f == "image/png" {
                            "PNG"
                        } else {
                            "JPEG"
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                d.max_bytes,
            )
        });
        td_string!(loc, apply.doc_limits, formats = formats, max = size_text(max)).to_string()
    };
    let file_id = crate::components::field_id(&field);
    let camera_id = format!("{file_id}-camera");
    let block_id = format!("doc-{code}");
    let error_id = format!("{field}-error");
    let error_id2 = error_id.clone();
    let is_photo = code == "photo";
    view! {
        <div class="form-group document" id=block_id class:form-group-error=move || error.with(Option::is_some)>
            <h2 class="heading-s">{name}</h2>
            <p class="hint">{limits}</p>
            {move || error.get().map(|e| view! {
                <p class="error-message" id=error_id.clone()><span class="visually-hidden">{t_string!(i18n, common.error_prefix)}" "</span>{e}</p>
            })}
            {move || uploaded.get().map(|u| view! {
                <p class="uploaded" role="status">
                    <span class="tag tag-green">{t_string!(i18n, apply.uploaded)}</span>" "
                    <span class="file-name">{u.file_name.clone()}</span>" "<span class="hint">{format!("({})", size_text(u.bytes))}</span>
                </p>
            })}
            {move || (uploaded.get().is_none() && progress.get().is_none()).then(|| waiting.get()).flatten().map(|w| view! {
                <p class="uploaded" role="status" id=format!("waiting-{}", w.document_type)>
                    <span class="tag tag-yellow">{t_string!(i18n, apply.waiting_upload)}</span>" "
                    <span class="file-name">{w.file_name.clone()}</span>" "<span class="hint">{t_string!(i18n, apply.waiting_hint)}</span>
                </p>
            })}
            {move || progress.get().map(|p| view! {
                <div class="progress" role="status">
                    <progress max="100" value=p>{format!("{p}%")}</progress>
                    " "<span>{if p == 0 { t_string!(i18n, apply.preparing).to_string() } else { t_string!(i18n, apply.uploading, percent = p).to_string() }}</span>
                </div>
            })}
            {move || failure.get().map(|e| view! {
                <crate::components::RetryNotice message=crate::pages::complaint::submit_error_text(i18n.get_locale(), &e) on_retry=move |()| send.with_value(|s| s()) />
            })}
            <div class="file-choices">
                // The input stays focusable (visually hidden, not display:none); its label is the button.
                <input type="file" class="file-input-hidden" id=camera_id.clone() accept="image/*"
                    capture=if is_photo { "user" } else { "environment" } on:change=chosen2 />
                <label class="button button-secondary file-button" for=camera_id>
                    {move || if uploaded.get().is_some() { t_string!(i18n, apply.retake) } else { t_string!(i18n, apply.take_photo) }}
                </label>
                <label class="label file-label" for=file_id.clone()>
                    {move || if uploaded.get().is_some() { t_string!(i18n, apply.replace_file) } else { t_string!(i18n, apply.choose_file) }}
                    <span class="visually-hidden">" — "{name}</span>
                </label>
                <input type="file" class="file-input" id=file_id accept="image/jpeg,image/png,application/pdf"
                    aria-describedby=move || error.with(Option::is_some).then(|| error_id2.clone()) on:change=chosen />
            </div>
        </div>
    }
}

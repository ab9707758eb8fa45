//! The upload block both forms use: an application's documents (`connection::documents`) and a
//! complaint's photo (`complaint::details`). Camera or file; the content is checked on the device
//! (magic bytes, the type's formats and size limit from `/meta`); photos are shrunk to ≤ 500 KB
//! before upload; upload progress is shown; transient failures retry by themselves, then offer
//! "Try again". The upload id goes into the draft, so after a reload nothing is sent twice.
use crate::api::{self, ApiError};
use crate::components::messages::FormErrors;
use crate::domain::connection::PHOTO_TARGET_BYTES;
use crate::domain::documents::{format_names, Documents, Uploaded};
use crate::domain::wire::DocumentType;
use crate::domain::{ErrorCode, FieldError};
use crate::i18n::*;
use crate::storage::drafts::Draft;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A form's draft as the upload block sees it. Not generic: the block's code is then in the
/// download once for both forms (generic, it was twice: 8 KB brotli more in the application's part).
#[derive(Clone, Copy)]
pub struct Files(StoredValue<Arc<dyn DraftFiles>>);

trait DraftFiles: Send + Sync {
    fn id(&self) -> String;
    fn read(&self, track: bool, f: &mut dyn FnMut(&dyn Documents));
    /// Change the files, and save the draft at once.
    fn change(&self, f: &mut dyn FnMut(&mut dyn Documents));
}

impl<T> DraftFiles for Draft<T>
where
    T: Documents + Serialize + DeserializeOwned + Clone + Default + PartialEq + Send + Sync + 'static,
{
    fn id(&self) -> String {
        Draft::id(self)
    }

    fn read(&self, track: bool, f: &mut dyn FnMut(&dyn Documents)) {
        if track {
            self.data.with(|d| f(d))
        } else {
            self.data.with_untracked(|d| f(d))
        }
    }

    fn change(&self, f: &mut dyn FnMut(&mut dyn Documents)) {
        self.data.update(|d| f(d));
        self.save_now();
    }
}

impl Files {
    pub fn of<T>(draft: Draft<T>) -> Self
    where
        T: Documents + Serialize + DeserializeOwned + Clone + Default + PartialEq + Send + Sync + 'static,
    {
        Files(StoredValue::new(Arc::new(draft)))
    }

    fn id(&self) -> String {
        self.0.with_value(|d| d.id())
    }

    fn find(&self, track: bool, f: impl Fn(&dyn Documents) -> Option<&Uploaded>) -> Option<Uploaded> {
        let mut found = None;
        self.0.with_value(|d| d.read(track, &mut |docs| found = f(docs).cloned()));
        found
    }

    /// The document of this type once uploaded (`track`: in a reactive view).
    fn uploaded(&self, code: &str, track: bool) -> Option<Uploaded> {
        self.find(track, |d| d.uploaded(code))
    }

    /// The document of this type waiting for the network.
    fn waiting(&self, code: &str, track: bool) -> Option<Uploaded> {
        self.find(track, |d| d.waiting(code))
    }

    fn change(&self, mut f: impl FnMut(&mut dyn Documents)) {
        self.0.with_value(|d| d.change(&mut f));
    }
}

/// Show a file problem beside its block and in the summary, keeping other blocks' problems.
fn refuse(errors: FormErrors, field: &str, code: ErrorCode) {
    let mut list = errors.list.get_untracked();
    list.retain(|e| e.field != field);
    list.push(FieldError::new(field, code));
    errors.fail(list);
}

fn forget_error(errors: FormErrors, field: &str) {
    if errors.list.with_untracked(|l| l.iter().any(|e| e.field == field)) {
        errors.list.update(|l| l.retain(|e| e.field != field));
    }
}

pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}.{} MB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Where a draft keeps a document's file on the device (IndexedDB).
fn kept_file(files: Files, code: &str) -> String {
    crate::storage::durable::file_key(&files.id(), code)
}

/// Whether this device keeps drafts (and so their waiting files) between visits: not a shared
/// computer's or a kiosk's.
fn keeps_files() -> bool {
    crate::storage::drafts::DraftStore::current().policy.persistence == crate::domain::draft::Persistence::Local
}

/// Note in the draft that this block's file waits on the device (unless one is already uploaded).
fn note_waiting(files: Files, code: &str, blob: &web_sys::Blob, name: &str) {
    let waiting = Uploaded {
        document_type: code.to_string(),
        upload_id: String::new(),
        file_name: name.to_string(),
        bytes: blob.size() as u64,
        content_type: blob.type_(),
    };
    files.change(|d| {
        if d.uploaded(code).is_none() {
            d.set_uploaded(waiting.clone());
        }
    });
}

/// One document's block. `field` is the form's name for it in errors (`documents.<code>`,
/// `photo`). `wait_offline`: a file chosen offline is kept on the device (IndexedDB, on a device
/// that keeps drafts) and sent when the network returns, even after the page was closed; without
/// it the block offers "Try again" and sends it when the network returns while the page is open.
/// `optional`: the heading says so, and a file, uploaded or waiting, can be removed.
#[component]
pub fn DocumentUpload(
    files: Files,
    errors: FormErrors,
    doc: DocumentType,
    #[prop(into)] field: String,
    #[prop(optional)] wait_offline: bool,
    #[prop(optional)] optional: bool,
    #[prop(optional, into)] hint: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let code = doc.code.clone();
    let keeps = wait_offline && keeps_files();
    let uploaded = {
        let code = code.clone();
        Signal::derive(move || files.uploaded(&code, true))
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
                            let replaced = files.uploaded(&code, false).map(|u| u.upload_id);
                            api::release_uploads(&replaced.into_iter().collect::<Vec<_>>());
                            let done = Uploaded {
                                document_type: code.clone(),
                                upload_id: r.upload_id,
                                file_name: name.clone(),
                                bytes: r.bytes,
                                content_type: r.content_type,
                            };
                            files.change(|d| d.set_uploaded(done.clone()));
                            // Only after the draft names the upload (its write to disk is queued
                            // first): a browser that dies in between leaves a spare copy of the
                            // file, never a draft waiting for a file that is gone.
                            if keeps {
                                crate::storage::durable::delete(&kept_file(files, &code));
                            }
                            return;
                        }
                        // Trying again in a second or two cannot beat an hour's limit (429).
                        Err(e) if e.passes_soon() && attempt < 2 => crate::pages::sleep_ms(1000 << attempt).await,
                        Err(ApiError::Fields(f)) => {
                            progress.set(None);
                            let code = f.first().map(|e| e.code).unwrap_or(ErrorCode::InvalidFileType);
                            return refuse(errors, &field, code);
                        }
                        Err(e) => {
                            progress.set(None);
                            // A file kept for later is sent as soon as the network is back: right
                            // for an outage, wrong for an hour's limit (it stays here for "Try again").
                            if keeps && e.passes_soon() {
                                crate::storage::durable::put_file(&kept_file(files, &code), &blob, &name).await;
                                note_waiting(files, &code, &blob, &name);
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
        Signal::derive(move || files.waiting(&code, true))
    };
    // The kept file is the record, not the draft's note of it: the file is on disk before the block
    // says "waiting", while the note is written after and can be lost if the browser is closed at
    // once. A note whose file is gone is dropped, so the block asks for the file again.
    if keeps && files.uploaded(&code, false).is_none() {
        let key = kept_file(files, &code);
        let code = code.clone();
        spawn_local(async move {
            let found = crate::storage::durable::get_file(&key).await;
            // Meanwhile the reader may have chosen another file: that one wins.
            if pending.with_value(Option::is_some) || files.uploaded(&code, false).is_some() {
                return;
            }
            let Some((blob, name)) = found else {
                if waiting.get_untracked().is_some() {
                    files.change(|d| d.forget_waiting(&code));
                }
                return;
            };
            if waiting.get_untracked().is_none() {
                note_waiting(files, &code, &blob, &name);
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
    // Failed for want of a network, with the file kept to go later: the waiting line says so, and
    // an alert that it failed would contradict it ("kept, it will go" is not an error).
    let kept_for_network =
        move || waiting.with(Option::is_some) && failure.with(|f| f.as_ref().is_some_and(ApiError::passes_soon));

    // A file ready to go (checked, and shrunk if it was a large photo): within the limit, it is sent.
    let prepared = {
        let field = field.clone();
        move |blob: web_sys::Blob, name: String| {
            if blob.size() as u64 > doc.with_value(|d| d.max_bytes) {
                return refuse(errors, &field, ErrorCode::FileTooLarge);
            }
            pending.set_value(Some((blob, name)));
            send.with_value(|s| s());
        }
    };
    let chosen = {
        let (field, prepared) = (field.clone(), prepared.clone());
        move |ev: leptos::ev::Event| {
            let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            // Let the same file be chosen again after fixing something.
            input.set_value("");
            let (field, prepared) = (field.clone(), prepared.clone());
            failure.set(None);
            forget_error(errors, &field);
            spawn_local(async move {
                let d = doc.get_value();
                let kind = crate::media::sniff(&file).await;
                let Some(kind) = kind.filter(|k| d.formats.iter().any(|f| f == k)) else {
                    return refuse(errors, &field, ErrorCode::InvalidFileType);
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
                prepared(blob, name);
            });
        }
    };
    let chosen2 = chosen.clone();
    // A still from a kiosk's camera: already a JPEG of a photo's size.
    let taken = {
        let (field, code) = (field.clone(), code.clone());
        move |blob: web_sys::Blob| {
            failure.set(None);
            forget_error(errors, &field);
            prepared(blob, format!("{code}.jpg"));
        }
    };
    // An office kiosk shows no file dialog (see `components::camera`).
    let kiosk = crate::assist::use_mode().is_kiosk();
    // Taken out: deleted on the server at once (nothing will send it), and forgotten here.
    let remove = {
        let (field, code) = (field.clone(), code.clone());
        move |_| {
            let id = files.uploaded(&code, false).map(|u| u.upload_id);
            api::release_uploads(&id.into_iter().collect::<Vec<_>>());
            if keeps {
                crate::storage::durable::delete(&kept_file(files, &code));
            }
            files.change(|d| d.remove(&code));
            pending.set_value(None);
            failure.set(None);
            forget_error(errors, &field);
        }
    };
    let error = errors.message(field.clone());
    let name = move || {
        let name = pick(i18n.get_locale(), &doc.with_value(|d| d.name.clone()));
        if optional {
            format!("{name} {}", t_string!(i18n, common.optional))
        } else {
            name
        }
    };
    let limits = move || {
        let loc = i18n.get_locale();
        let (formats, max) = doc.with_value(|d| (format_names(&d.formats), d.max_bytes));
        td_string!(loc, apply.doc_limits, formats = formats, max = size_text(max)).to_string()
    };
    let accept = doc.with_value(|d| d.formats.join(","));
    let file_id = crate::components::field_id(&field);
    let camera_id = format!("{file_id}-camera");
    let block_id = format!("doc-{code}");
    let error_id = format!("{field}-error");
    let error_id2 = error_id.clone();
    // The applicant's own photo is a selfie; anything else is in front of the camera.
    let is_photo = code == "photo";
    view! {
        <div class="form-group document" id=block_id class:form-group-error=move || error.with(Option::is_some)>
            <h2 class="heading-s">{name}</h2>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
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
                    // For a network that says it is up but carries nothing: no change to wait for.
                    {move || kept_for_network().then(|| view! {
                        " "<button type="button" class="link-button" on:click=move |_| send.with_value(|s| s())>{t_string!(i18n, common.retry)}</button>
                    })}
                </p>
            })}
            {move || progress.get().map(|p| view! {
                <div class="progress" role="status">
                    <progress max="100" value=p>{format!("{p}%")}</progress>
                    " "<span>{if p == 0 { t_string!(i18n, apply.preparing).to_string() } else { t_string!(i18n, apply.uploading, percent = p).to_string() }}</span>
                </div>
            })}
            {move || failure.get().filter(|_| !kept_for_network()).map(|e| view! {
                <crate::components::RetryNotice message=crate::pages::complaint::submit_error_text(i18n.get_locale(), &e) on_retry=move |()| send.with_value(|s| s()) />
            })}
            <div class="file-choices">
                {if kiosk {
                    view! {
                        <crate::app::KioskCamera facing=if is_photo { "user" } else { "environment" }
                            label=Signal::derive(move || if uploaded.get().is_some() { t_string!(i18n, apply.retake) } else { t_string!(i18n, apply.take_photo) }.to_string())
                            what=Signal::derive(name) on_taken=taken />
                    }
                    .into_any()
                } else {
                    view! {
                        // The input stays focusable (visually hidden, not display:none); its label is the button.
                        <input type="file" class="file-input-hidden" id=camera_id.clone() accept="image/*"
                            capture=if is_photo { "user" } else { "environment" } on:change=chosen2 />
                        <label class="button button-secondary file-button" for=camera_id>
                            {move || if uploaded.get().is_some() { t_string!(i18n, apply.retake) } else { t_string!(i18n, apply.take_photo) }}
                        </label>
                        // Hidden too, with a button of ours: the browser's own control speaks the
                        // browser's language ("Choose File — No file chosen"), not the page's.
                        <input type="file" class="file-input-hidden" id=file_id.clone() accept=accept
                            aria-describedby=move || error.with(Option::is_some).then(|| error_id2.clone()) on:change=chosen />
                        <label class="button button-secondary file-button" for=file_id>
                            {move || if uploaded.get().is_some() { t_string!(i18n, apply.replace_file) } else { t_string!(i18n, apply.choose_file) }}
                            <span class="visually-hidden">" — "{name}</span>
                        </label>
                    }
                    .into_any()
                }}
                {move || (optional && (uploaded.get().is_some() || waiting.get().is_some())).then(|| view! {
                    <button type="button" class="link-button remove-file" on:click=remove.clone()>
                        {t_string!(i18n, apply.remove_file)}<span class="visually-hidden">" — "{name}</span>
                    </button>
                })}
            </div>
        </div>
    }
}

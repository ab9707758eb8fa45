//! A complaint's photo chosen while offline waits on the device (IndexedDB, beside its draft) and
//! is uploaded just before the complaint goes: by the check page when the network is back, or by
//! the outbox when the complaint was queued. One way for both, so a photo is uploaded once and a
//! complaint is never held back by it: the photo is a help, the complaint is what matters.
use crate::api::{self, ApiError};
use crate::domain::documents::Uploaded;
use crate::storage::durable;

pub enum Photo {
    /// Uploaded: name it in the request, record it, then [`forget_kept`] the file.
    Sent(Uploaded),
    /// Not now (no network, a timeout, the server busy): the complaint waits and tries again.
    Later(ApiError),
    /// It cannot go: its file is gone from the device (storage cleared or evicted), or the
    /// backend refused it or allows no more uploads this hour. The complaint goes without it.
    Dropped,
}

/// Upload the photo that waits on the device for draft `draft_id`. Called through
/// `app::send_kept_photo`: it runs in the connection part, with the upload block's code.
pub async fn send_kept(draft_id: &str, document_type: &str) -> Photo {
    let Some((blob, name)) = durable::get_file(&durable::file_key(draft_id, document_type)).await else {
        return Photo::Dropped;
    };
    match api::upload_with_progress(document_type, &blob, &name, |_| {}).await {
        Ok(r) => Photo::Sent(Uploaded {
            document_type: document_type.to_string(),
            upload_id: r.upload_id,
            file_name: name,
            bytes: r.bytes,
            content_type: r.content_type,
        }),
        Err(e) if e.passes_soon() => Photo::Later(e),
        Err(_) => Photo::Dropped,
    }
}

/// Delete the kept file, once the upload is recorded where the complaint is sent from (a browser
/// that dies in between leaves a spare copy, never a complaint waiting for a file that is gone).
pub fn forget_kept(draft_id: &str, document_type: &str) {
    durable::delete(&durable::file_key(draft_id, document_type));
}

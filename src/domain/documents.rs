//! Files a form's draft has uploaded (an application's documents, a complaint's photo): what the
//! shared upload block (`pages::upload`) reads and writes, whichever form it is in.
use crate::domain::wire::DocumentRef;
use serde::{Deserialize, Serialize};

/// One uploaded document, remembered so it is not sent again after a reload. An empty
/// `upload_id` means chosen while offline: the file waits on the device to be uploaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Uploaded {
    pub document_type: String,
    pub upload_id: String,
    pub file_name: String,
    pub bytes: u64,
    pub content_type: String,
}

impl Uploaded {
    /// What a request names for this file: only an uploaded one (a file still waiting for the
    /// network has no id, and the request goes without it).
    pub fn to_send(&self) -> Option<DocumentRef> {
        (!self.upload_id.is_empty())
            .then(|| DocumentRef { document_type: self.document_type.clone(), upload_id: self.upload_id.clone() })
    }
}

/// A draft that holds uploaded files, one per document type.
pub trait Documents {
    /// The document of this type, once uploaded.
    fn uploaded(&self, code: &str) -> Option<&Uploaded>;

    /// A document chosen offline and not uploaded yet.
    fn waiting(&self, code: &str) -> Option<&Uploaded>;

    /// Remember a document (uploaded, or waiting), in place of any other of its type.
    fn set_uploaded(&mut self, u: Uploaded);

    /// Forget the document of this type, uploaded or waiting (the person took it out).
    fn remove(&mut self, code: &str);

    /// The file this document waited with is gone from the device: drop the note, so the block
    /// asks for the file again. A document already uploaded is kept.
    fn forget_waiting(&mut self, code: &str) {
        if self.waiting(code).is_some() {
            self.remove(code);
        }
    }
}

/// The short names of a document type's formats, for its hint and its error ("JPEG, PNG, PDF").
pub fn format_names(formats: &[String]) -> String {
    let name = |f: &String| match f.as_str() {
        "application/pdf" => "PDF",
        "image/png" => "PNG",
        _ => "JPEG",
    };
    formats.iter().map(name).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::complaint::ComplaintDraft;
    use crate::domain::connection::ConnectionDraft;

    fn doc(code: &str, id: &str) -> Uploaded {
        Uploaded {
            document_type: code.into(),
            upload_id: id.into(),
            file_name: format!("{code}.jpg"),
            ..Default::default()
        }
    }

    #[test]
    fn formats_are_named_as_people_know_them() {
        assert_eq!(format_names(&["image/jpeg".into(), "image/png".into()]), "JPEG, PNG");
        assert_eq!(format_names(&["application/pdf".into()]), "PDF");
    }

    /// The one rule both drafts keep: one file per type, uploaded or waiting, and a waiting note
    /// goes without taking an uploaded file with it.
    fn keeps_one_file_per_type(d: &mut impl Documents, code: &str) {
        d.set_uploaded(doc(code, ""));
        assert!(d.uploaded(code).is_none() && d.waiting(code).is_some());
        d.set_uploaded(doc(code, "f00d"));
        assert_eq!(d.uploaded(code).map(|u| u.upload_id.as_str()), Some("f00d"));
        assert!(d.waiting(code).is_none(), "replaced, not added");
        d.forget_waiting(code);
        assert!(d.uploaded(code).is_some(), "an uploaded file is not a waiting one");
        assert!(d.uploaded("other").is_none());
        d.remove("other");
        assert!(d.uploaded(code).is_some());
        d.remove(code);
        assert!(d.uploaded(code).is_none() && d.waiting(code).is_none());
        d.set_uploaded(doc(code, ""));
        d.forget_waiting(code);
        assert!(d.waiting(code).is_none());
    }

    #[test]
    fn an_application_and_a_complaint_keep_files_the_same_way() {
        keeps_one_file_per_type(&mut ConnectionDraft::default(), "photo");
        keeps_one_file_per_type(&mut ComplaintDraft::default(), "complaint_photo");
    }

    /// Stored drafts are scanned as text for upload ids to delete (`draft::upload_ids`): a
    /// complaint's photo must be found like an application's documents.
    #[test]
    fn a_complaints_photo_is_found_in_its_stored_draft() {
        let d = ComplaintDraft { photo: Some(doc("complaint_photo", "f00d")), ..Default::default() };
        let mut ids = vec![];
        crate::domain::draft::upload_ids(&serde_json::to_string(&d).unwrap(), &mut ids);
        assert_eq!(ids, ["f00d"]);
    }
}

//! Validation codes → sentences in the reader's language, at render time (translated strings
//! never live in state; a language switch re-renders every message).

use crate::domain::assist::{who_filed, WhoFiled};
use crate::domain::documents::format_names;
use crate::domain::wire::{Limits, Meta};
use crate::domain::{ErrorCode, FieldError};
use crate::i18n::*;
use leptos::prelude::*;

/// A form's problems as codes, plus the counter that makes the error summary take focus again on
/// each failed attempt. Messages are derived in the current language whenever they are shown.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub list: RwSignal<Vec<FieldError>>,
    pub attempt: RwSignal<u32>,
}

impl Default for FormErrors {
    fn default() -> Self {
        FormErrors { list: RwSignal::new(vec![]), attempt: RwSignal::new(0) }
    }
}

impl FormErrors {
    pub fn fail(&self, errors: Vec<FieldError>) {
        self.list.set(errors);
        self.attempt.update(|a| *a += 1);
    }

    pub fn clear(&self) {
        self.list.set(vec![]);
    }

    pub fn any(&self) -> Signal<bool> {
        let list = self.list;
        Signal::derive(move || list.with(|e| !e.is_empty()))
    }

    /// The message beside one field.
    pub fn message(&self, field: impl Into<String>) -> Signal<Option<String>> {
        let (list, i18n, meta) = (self.list, use_i18n(), crate::app::use_meta());
        let field = field.into();
        Signal::derive(move || {
            let m = meta.get();
            list.with(|es| {
                es.iter().find(|e| e.field == field).map(|e| field_message(i18n.get_locale(), e, m.as_deref()))
            })
        })
    }

    /// `(field, message)` for the error summary.
    pub fn summary(&self) -> Signal<Vec<(String, String)>> {
        let (list, i18n, meta) = (self.list, use_i18n(), crate::app::use_meta());
        Signal::derive(move || {
            let m = meta.get();
            list.get().iter().map(|e| (e.field.clone(), field_message(i18n.get_locale(), e, m.as_deref()))).collect()
        })
    }
}

const DEFAULT_LIMITS: Limits =
    Limits { name_max: 100, address_max: 200, description_max: 1000, comment_max: 500, otp_length: 6 };

/// The sentence for one problem. `meta` names documents and gives limits (defaults before the
/// catalogue has loaded).
pub fn field_message(loc: Locale, e: &FieldError, meta: Option<&Meta>) -> String {
    use ErrorCode::*;
    let l = meta.map(|m| &m.limits).unwrap_or(&DEFAULT_LIMITS);
    let document = match e.field.strip_prefix("documents.") {
        Some(code) => Some(meta.and_then(|m| m.document(code))),
        None if e.field == "photo" => Some(meta.and_then(|m| m.complaint_photo.as_ref())),
        None => None,
    };
    if let Some(doc) = document {
        let name = doc.map(|d| pick(loc, &d.name)).unwrap_or_default();
        let max_mb = doc.map(|d| d.max_bytes.div_ceil(1024 * 1024)).unwrap_or(2);
        let formats = doc.map(|d| format_names(&d.formats)).unwrap_or_else(|| "JPEG, PNG, PDF".into());
        return match e.code {
            InvalidFileType => td_string!(loc, err.doc_type, name = name, formats = formats).to_string(),
            FileTooLarge => td_string!(loc, err.doc_too_large, name = name, max = max_mb).to_string(),
            // The complaint's photo is optional: one the server no longer has (or never took)
            // is taken again or left out.
            _ if e.field == "photo" => td_string!(loc, err.photo_again).to_string(),
            _ => td_string!(loc, err.doc_missing, name = name).to_string(),
        };
    }
    // Who filed (an operator's details, a kiosk's name) is fixed in Settings or by the office,
    // not on the form: `assist::refused_who_filed`.
    match who_filed(&e.field) {
        Some(WhoFiled::Kiosk) => return td_string!(loc, err.kiosk_refused).to_string(),
        Some(WhoFiled::Operator) => return td_string!(loc, err.operator_refused).to_string(),
        None => {}
    }
    // The withdrawal form's mobile and code are named apart from the answer form's beside it.
    if let Some(rest) = e.field.strip_prefix("withdraw_").filter(|r| matches!(*r, "mobile" | "code")) {
        return field_message(loc, &FieldError::new(rest, e.code), meta);
    }
    if e.field.starts_with("inspection_dates") || e.field.starts_with("installation_dates") {
        // Six boxes on one page: an empty one says which visit it is for.
        return match e.code {
            Required if e.field.starts_with("installation") => td_string!(loc, err.install_date_required).to_string(),
            Required => td_string!(loc, err.date_required).to_string(),
            Holiday => td_string!(loc, err.date_holiday).to_string(),
            OutOfRange => td_string!(loc, err.date_before_inspection).to_string(),
            _ => td_string!(loc, err.date_invalid).to_string(),
        };
    }
    match (e.field.as_str(), e.code) {
        ("account_choice", _) => td_string!(loc, err.account_choice).to_string(),
        ("account_number", Required) => td_string!(loc, err.account_required).to_string(),
        ("account_number", _) => td_string!(loc, err.account_invalid).to_string(),
        ("operator_name", _) => td_string!(loc, err.name_required).to_string(),
        ("operator_shop", _) => td_string!(loc, err.shop_required).to_string(),
        ("operator_mobile", Required) => td_string!(loc, err.mobile_required).to_string(),
        ("operator_mobile", _) => td_string!(loc, err.mobile_invalid).to_string(),
        ("father_name", TooLong) => td_string!(loc, err.name_too_long, max = l.name_max).to_string(),
        ("father_name", _) => td_string!(loc, err.father_required).to_string(),
        ("date_of_birth", Required) => td_string!(loc, err.dob_required).to_string(),
        ("date_of_birth", TooYoung) => td_string!(loc, err.dob_too_young).to_string(),
        ("date_of_birth", _) => td_string!(loc, err.dob_invalid).to_string(),
        ("email", _) => td_string!(loc, err.email_invalid).to_string(),
        ("applicant_type", _) => td_string!(loc, err.applicant_type_required).to_string(),
        ("id_proof_type", _) => td_string!(loc, err.id_type_required).to_string(),
        ("id_proof_number", InvalidAadhaar) => td_string!(loc, err.aadhaar_invalid).to_string(),
        ("id_proof_number", TooLong) => td_string!(loc, err.id_number_too_long).to_string(),
        ("id_proof_number", _) => td_string!(loc, err.id_number_required).to_string(),
        ("aadhaar_consent", _) => td_string!(loc, err.aadhaar_consent_required).to_string(),
        ("house", TooLong) | ("street", TooLong) => {
            td_string!(loc, err.address_too_long, max = l.address_max).to_string()
        }
        ("house", _) => td_string!(loc, err.house_required).to_string(),
        ("street", _) => td_string!(loc, err.street_required).to_string(),
        ("division", _) => td_string!(loc, err.division_required).to_string(),
        ("sub_division", _) => td_string!(loc, err.sub_division_required).to_string(),
        ("pin", Required) => td_string!(loc, err.pin_required).to_string(),
        ("pin", PinDistrictMismatch) => td_string!(loc, err.pin_mismatch).to_string(),
        ("pin", _) => td_string!(loc, err.pin_invalid).to_string(),
        ("area", _) => td_string!(loc, err.area_required).to_string(),
        ("ownership", _) => td_string!(loc, err.ownership_required).to_string(),
        ("tariff", _) => td_string!(loc, err.tariff_required).to_string(),
        ("load_kw", Required) => td_string!(loc, err.load_required).to_string(),
        ("load_kw", OutOfRange) => td_string!(loc, err.load_range).to_string(),
        ("load_kw" | "phase", _) => td_string!(loc, err.load_invalid).to_string(),
        ("declaration", _) => td_string!(loc, err.declaration_required).to_string(),
        ("district", _) => td_string!(loc, err.district_required).to_string(),
        ("address" | "landmark", TooLong) => td_string!(loc, err.address_too_long, max = l.address_max).to_string(),
        ("address", _) => td_string!(loc, err.address_required).to_string(),
        ("category", NotAllowed) => td_string!(loc, err.category_needs_account).to_string(),
        ("category", _) => td_string!(loc, err.category_required).to_string(),
        ("subcategory", _) => td_string!(loc, err.subcategory_required).to_string(),
        ("anonymous", _) => td_string!(loc, err.anonymous_not_allowed).to_string(),
        ("description", TooLong) => td_string!(loc, err.description_too_long, max = l.description_max).to_string(),
        ("description", _) => td_string!(loc, err.description_required).to_string(),
        ("name", TooLong) => td_string!(loc, err.name_too_long, max = l.name_max).to_string(),
        ("name", _) => td_string!(loc, err.name_required).to_string(),
        ("mobile", Required) => td_string!(loc, err.mobile_required).to_string(),
        ("mobile", MobileMismatch) => td_string!(loc, err.mobile_mismatch).to_string(),
        ("mobile", TooManyAttempts) => td_string!(loc, err.otp_resend_wait).to_string(),
        ("mobile", _) => td_string!(loc, err.mobile_invalid).to_string(),
        ("code", Required) => td_string!(loc, err.otp_required).to_string(),
        ("code", OtpExpired) => td_string!(loc, err.otp_expired).to_string(),
        ("code", TooManyAttempts) => td_string!(loc, err.otp_locked).to_string(),
        ("code", NotAllowed) => td_string!(loc, err.otp_not_sent).to_string(),
        ("code", _) => td_string!(loc, err.otp_invalid).to_string(),
        ("rating", _) => td_string!(loc, err.rating_required).to_string(),
        ("withdraw_reason", _) => td_string!(loc, err.withdraw_reason).to_string(),
        ("withdraw_comment", TooLong) => td_string!(loc, err.comment_too_long, max = l.comment_max).to_string(),
        ("withdraw_comment", _) => td_string!(loc, err.withdraw_comment).to_string(),
        ("comment", TooLong) => td_string!(loc, err.comment_too_long, max = l.comment_max).to_string(),
        ("comment", _) => td_string!(loc, err.reason_required).to_string(),
        ("resolved", _) => td_string!(loc, err.resolved_required).to_string(),
        ("file", FileTooLarge) => td_string!(loc, err.file_too_large).to_string(),
        ("file", _) => td_string!(loc, err.file_type).to_string(),
        _ => td_string!(loc, err.generic).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_both_languages() {
        let fields = [
            "father_name",
            "date_of_birth",
            "email",
            "applicant_type",
            "id_proof_type",
            "id_proof_number",
            "aadhaar_consent",
            "house",
            "street",
            "division",
            "sub_division",
            "pin",
            "area",
            "ownership",
            "tariff",
            "load_kw",
            "declaration",
            "documents.photo",
            "photo",
            "inspection_dates.1",
            "installation_dates.2",
            "account_choice",
            "account_number",
            "district",
            "address",
            "landmark",
            "category",
            "subcategory",
            "anonymous",
            "description",
            "name",
            "mobile",
            "code",
            "rating",
            "comment",
            "withdraw_reason",
            "withdraw_comment",
            "resolved",
            "file",
            "filed_by.operator_id",
            "filed_by.kiosk_id",
            "unknown_field",
        ];
        let codes = [
            ErrorCode::Required,
            ErrorCode::TooLong,
            ErrorCode::InvalidMobile,
            ErrorCode::OtpExpired,
            ErrorCode::Unknown,
            ErrorCode::InvalidAadhaar,
            ErrorCode::TooYoung,
            ErrorCode::PinDistrictMismatch,
            ErrorCode::OutOfRange,
            ErrorCode::InvalidFileType,
            ErrorCode::FileTooLarge,
            ErrorCode::MissingDocument,
            ErrorCode::InvalidDate,
            ErrorCode::Holiday,
        ];
        for f in fields {
            for c in codes {
                let e = FieldError::new(f, c);
                let (hi, en) = (field_message(Locale::hi, &e, None), field_message(Locale::en, &e, None));
                assert!(!hi.is_empty() && !en.is_empty() && hi != en, "{f}/{c:?}");
            }
        }
        let long = FieldError::new("description", ErrorCode::TooLong);
        assert!(field_message(Locale::en, &long, None).contains("1000"));
    }
}

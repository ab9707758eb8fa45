//! Field rules shared by the portal (per step, before anything is sent) and the server (on every
//! request). Each check normalises what was typed and returns either the canonical value or an
//! [`ErrorCode`]; the portal turns codes into text in the reader's language.

use crate::codes::{ErrorCode, FieldError};
use crate::normalize;
use crate::wire::{ComplaintRequest, Feedback, FiledBy, Meta, Withdrawal};

pub fn mobile(input: &str) -> Result<String, ErrorCode> {
    if input.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    normalize::mobile(input).ok_or(ErrorCode::InvalidMobile)
}

pub fn account(input: &str) -> Result<String, ErrorCode> {
    if input.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    normalize::account_number(input).ok_or(ErrorCode::InvalidAccount)
}

/// Required free text, whitespace-collapsed, at most `max` characters.
pub fn required_text(input: &str, max: u32) -> Result<String, ErrorCode> {
    let t = normalize::text(input);
    if t.is_empty() {
        Err(ErrorCode::Required)
    } else if t.chars().count() > max as usize {
        Err(ErrorCode::TooLong)
    } else {
        Ok(t)
    }
}

/// Optional free text: empty is fine, too long is not.
pub fn optional_text(input: &str, max: u32) -> Result<Option<String>, ErrorCode> {
    match required_text(input, max) {
        Ok(t) => Ok(Some(t)),
        Err(ErrorCode::Required) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `id` can name a kiosk: up to 32 letters, digits, `-` or `_`, as a deployment writes
/// it in its `bijli-mode` tag and as it goes into an address and a record unchanged.
pub fn is_kiosk_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The most characters of an operator's name or shop name: the portal's operator profile and the
/// backend's check of who filed hold them to the same.
pub const OPERATOR_TEXT_MAX: u32 = 100;

/// Who filed, as the office's record keeps it: an operator's mobile, name and shop as the
/// portal's operator profile checks them (normalised the same way), a kiosk's name as
/// `is_kiosk_id`. A refused part is `filed_by.<field>`: only a client that is not the portal
/// sends one (the portal checks these before anyone can file).
pub fn filed_by(by: &FiledBy, errors: &mut Vec<FieldError>) -> FiledBy {
    let mut push = |field: &str, code: ErrorCode| errors.push(FieldError::new(&format!("filed_by.{field}"), code));
    match by {
        FiledBy::Consumer => FiledBy::Consumer,
        FiledBy::Operator { operator_id, operator_name, shop } => FiledBy::Operator {
            operator_id: mobile(operator_id).unwrap_or_else(|c| {
                push("operator_id", c);
                String::new()
            }),
            operator_name: required_text(operator_name, OPERATOR_TEXT_MAX).unwrap_or_else(|c| {
                push("operator_name", c);
                String::new()
            }),
            shop: optional_text(shop, OPERATOR_TEXT_MAX)
                .unwrap_or_else(|c| {
                    push("shop", c);
                    None
                })
                .unwrap_or_default(),
        },
        FiledBy::Kiosk { kiosk_id } => {
            if !is_kiosk_id(kiosk_id) {
                push("kiosk_id", ErrorCode::InvalidChoice);
            }
            by.clone()
        }
    }
}

/// Whether `id` can be an `upload_id` (the server's random token): what the server accepts to
/// delete, and what the portal picks out of stored drafts to release.
pub fn is_upload_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A description keeps its line breaks (people list things), but is trimmed and capped.
pub fn description(input: &str, max: u32) -> Result<String, ErrorCode> {
    let t = input.trim();
    if t.is_empty() {
        Err(ErrorCode::Required)
    } else if t.chars().count() > max as usize {
        Err(ErrorCode::TooLong)
    } else {
        Ok(t.to_string())
    }
}

pub fn otp_code(input: &str, len: u32) -> Result<String, ErrorCode> {
    if input.trim().is_empty() {
        return Err(ErrorCode::Required);
    }
    normalize::fixed_digits(input, len as usize).ok_or(ErrorCode::InvalidOtp)
}

pub const STARTED: [&str; 4] = ["just_now", "today", "yesterday", "earlier"];

/// Normalise and check a complaint; returns the canonical request or every field's problem.
pub fn complaint(req: &ComplaintRequest, meta: &Meta) -> Result<ComplaintRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = req.clone();
    let lim = &meta.limits;
    let mut push = |field: &str, code: ErrorCode| errors.push(FieldError::new(field, code));

    match mobile(&req.mobile) {
        Ok(m) => out.mobile = m,
        Err(c) => push("mobile", c),
    }
    let category = meta.category(&req.category);
    match category {
        None if req.category.is_empty() => push("category", ErrorCode::Required),
        None => push("category", ErrorCode::InvalidChoice),
        Some(cat) => {
            if req.subcategory.is_empty() {
                push("subcategory", ErrorCode::Required)
            } else if cat.subcategory(&req.subcategory).is_none() {
                push("subcategory", ErrorCode::InvalidChoice)
            }
            if req.anonymous && !cat.anonymous_allowed {
                push("anonymous", ErrorCode::NotAllowed)
            }
            if cat.account_required && req.account_number.as_deref().is_none_or(|a| a.trim().is_empty()) {
                push("account_number", ErrorCode::Required)
            }
        }
    }
    let anonymous = req.anonymous && category.is_some_and(|c| c.anonymous_allowed);
    if anonymous && req.name.trim().is_empty() {
        out.name = String::new();
    } else {
        match required_text(&req.name, lim.name_max) {
            Ok(n) => out.name = n,
            Err(c) => push("name", c),
        }
    }
    match description(&req.description, lim.description_max) {
        Ok(d) => out.description = d,
        Err(c) => push("description", c),
    }
    if let Some(s) = &req.started {
        if !STARTED.contains(&s.as_str()) {
            push("started", ErrorCode::InvalidChoice)
        }
    }
    if req.district.is_empty() {
        push("district", ErrorCode::Required)
    } else if !meta.districts.iter().any(|d| d.code == req.district) {
        push("district", ErrorCode::InvalidChoice)
    }
    let address = optional_text(req.address.as_deref().unwrap_or(""), lim.address_max);
    let landmark = optional_text(req.landmark.as_deref().unwrap_or(""), lim.address_max);
    match req.account_number.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(a) => match account(a) {
            Ok(a) => out.account_number = Some(a),
            Err(c) => push("account_number", c),
        },
        None => {
            out.account_number = None;
            // Without an account number the crew finds the place by its address.
            if matches!(address, Ok(None)) {
                push("address", ErrorCode::Required)
            }
        }
    }
    match address {
        Ok(a) => out.address = a,
        Err(c) => push("address", c),
    }
    match landmark {
        Ok(l) => out.landmark = l,
        Err(c) => push("landmark", c),
    }
    if let Some(loc) = req.location {
        if !(loc.lat.is_finite()
            && loc.lon.is_finite()
            && (-90.0..=90.0).contains(&loc.lat)
            && (-180.0..=180.0).contains(&loc.lon))
        {
            push("location", ErrorCode::InvalidChoice)
        }
    }
    if let Some(photo) = &req.photo {
        // Whether the upload exists is the backend's to say (`missing_document`); here, only
        // whether this could be a complaint photo at all.
        if meta.complaint_photo.as_ref().is_none_or(|p| p.code != photo.document_type) {
            push("photo", ErrorCode::InvalidChoice)
        } else if !is_upload_id(&photo.upload_id) {
            push("photo", ErrorCode::MissingDocument)
        }
    }
    out.filed_by = filed_by(&req.filed_by, &mut errors);
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A resolved complaint's feedback: "fixed" needs a 1–5 rating, "not fixed" needs a reason.
pub fn feedback(f: &Feedback, meta: &Meta) -> Result<Feedback, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = f.clone();
    let comment = optional_text(f.comment.as_deref().unwrap_or(""), meta.limits.comment_max);
    match comment {
        Ok(c) => out.comment = c,
        Err(code) => errors.push(FieldError::new("comment", code)),
    }
    if f.resolved {
        match f.rating {
            None => errors.push(FieldError::new("rating", ErrorCode::Required)),
            Some(r) if !(1..=5).contains(&r) => errors.push(FieldError::new("rating", ErrorCode::InvalidChoice)),
            _ => {}
        }
    } else {
        out.rating = None;
        if out.comment.is_none() && errors.is_empty() {
            errors.push(FieldError::new("comment", ErrorCode::Required));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A withdrawal: a reason offered for the ticket's kind, and the person's own words when the
/// reason is "other".
pub fn withdrawal(w: &Withdrawal, kind: crate::ticket::TicketKind, meta: &Meta) -> Result<Withdrawal, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = w.clone();
    match optional_text(w.comment.as_deref().unwrap_or(""), meta.limits.comment_max) {
        Ok(c) => out.comment = c,
        Err(code) => errors.push(FieldError::new("comment", code)),
    }
    if w.reason.is_empty() {
        errors.push(FieldError::new("reason", ErrorCode::Required));
    } else if !crate::wire::withdraw_reasons(kind).contains(&w.reason.as_str()) {
        errors.push(FieldError::new("reason", ErrorCode::InvalidChoice));
    } else if w.reason == "other" && out.comment.is_none() && errors.is_empty() {
        errors.push(FieldError::new("comment", ErrorCode::Required));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Where a payment gateway may send the browser back: the application's own status page,
/// `http(s)://<host>/track/<number>`, and nothing else, so the bank's page cannot be made to
/// lend the discom's name to a redirect elsewhere. Returns the origin, for the backend to check
/// against the portal's own.
pub fn return_to<'u>(url: &'u str, number: &str) -> Result<&'u str, ErrorCode> {
    let scheme = if url.starts_with("https://") {
        8
    } else if url.starts_with("http://") {
        7
    } else {
        0
    };
    let slash = url[scheme..].find('/').map(|i| scheme + i).ok_or(ErrorCode::InvalidChoice)?;
    let (origin, path) = url.split_at(slash);
    let host = &origin[scheme..];
    let host_ok =
        !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if scheme > 0 && host_ok && path.strip_prefix("/track/") == Some(number) {
        Ok(origin)
    } else {
        Err(ErrorCode::InvalidChoice)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_payment_returns_only_to_its_own_status_page() {
        let n = "200000000017";
        assert_eq!(return_to("https://seva.puvvnl.in/track/200000000017", n), Ok("https://seva.puvvnl.in"));
        assert_eq!(return_to("http://127.0.0.1:8080/track/200000000017", n), Ok("http://127.0.0.1:8080"));
        for bad in [
            "",
            "/track/200000000017",
            "javascript:alert(1)//track/200000000017",
            "https://seva.puvvnl.in/track/200000000018",
            "https://seva.puvvnl.in/track/200000000017?next=https://evil.example",
            "https://seva.puvvnl.in/track/200000000017/../../login",
            "https://user@evil.example/track/200000000017",
            "https:///track/200000000017",
            "ftp://seva.puvvnl.in/track/200000000017",
        ] {
            assert_eq!(return_to(bad, n), Err(ErrorCode::InvalidChoice), "{bad}");
        }
    }
    use crate::wire::*;

    #[test]
    fn a_withdrawal_needs_a_reason_of_its_kind_and_words_for_other() {
        use crate::ticket::TicketKind::{Application, Complaint};
        let m = meta();
        let w = |reason: &str, comment: Option<&str>| Withdrawal {
            reason: reason.into(),
            comment: comment.map(Into::into),
        };
        let codes = |r: Result<Withdrawal, Vec<FieldError>>| -> Vec<(String, ErrorCode)> {
            r.unwrap_err().into_iter().map(|e| (e.field, e.code)).collect()
        };
        assert_eq!(withdrawal(&w("fixed", Some("  ")), Complaint, &m).unwrap().comment, None);
        assert!(withdrawal(&w("not_needed", None), Application, &m).is_ok());
        assert!(withdrawal(&w("duplicate", None), Application, &m).is_ok());
        assert_eq!(codes(withdrawal(&w("", None), Complaint, &m)), [("reason".into(), ErrorCode::Required)]);
        // The supply coming back is no reason to drop an application, nor "not needed" a fault.
        assert_eq!(
            codes(withdrawal(&w("fixed", None), Application, &m)),
            [("reason".into(), ErrorCode::InvalidChoice)]
        );
        assert_eq!(
            codes(withdrawal(&w("not_needed", None), Complaint, &m)),
            [("reason".into(), ErrorCode::InvalidChoice)]
        );
        assert_eq!(codes(withdrawal(&w("other", Some(" ")), Complaint, &m)), [("comment".into(), ErrorCode::Required)]);
        assert_eq!(
            withdrawal(&w("other", Some(" moved house ")), Application, &m).unwrap().comment.as_deref(),
            Some("moved house")
        );
        let long = "x".repeat(m.limits.comment_max as usize + 1);
        assert_eq!(
            codes(withdrawal(&w("other", Some(&long)), Complaint, &m)),
            [("comment".into(), ErrorCode::TooLong)]
        );
    }

    #[test]
    fn upload_ids_are_short_url_safe_tokens() {
        assert!(is_upload_id("0123456789abcdef01234567"));
        assert!(is_upload_id("u-photo_1"));
        for bad in ["", "a/b", "<script>", "a b", "%2e%2e", &"a".repeat(65)] {
            assert!(!is_upload_id(bad), "{bad}");
        }
    }

    pub(crate) fn meta() -> Meta {
        let t = |s: &str| Text { en: s.into(), hi: s.into() };
        let sla = SlaByArea { a_city: 6, urban: 8, rural: 24 };
        Meta {
            version: "t".into(),
            limits: Limits { name_max: 100, address_max: 200, description_max: 50, comment_max: 30, otp_length: 6 },
            districts: vec![District {
                code: "VNS".into(),
                name: t("Varanasi"),
                pin_prefixes: vec!["221".into()],
                divisions: vec![],
            }],
            complaint_categories: vec![
                Category {
                    code: "no_supply".into(),
                    name: t("No supply"),
                    icon: "x".into(),
                    anonymous_allowed: false,
                    account_required: false,
                    subcategories: vec![SubCategory {
                        code: "my_house".into(),
                        name: t("h"),
                        safety: false,
                        sla_hours: sla,
                    }],
                },
                Category {
                    code: "theft".into(),
                    name: t("Theft"),
                    icon: "x".into(),
                    anonymous_allowed: true,
                    account_required: false,
                    subcategories: vec![SubCategory {
                        code: "hooking".into(),
                        name: t("h"),
                        safety: false,
                        sla_hours: sla,
                    }],
                },
                Category {
                    code: "bill".into(),
                    name: t("Bill"),
                    icon: "x".into(),
                    anonymous_allowed: false,
                    account_required: true,
                    subcategories: vec![SubCategory {
                        code: "wrong_bill".into(),
                        name: t("w"),
                        safety: false,
                        sla_hours: sla,
                    }],
                },
            ],
            tariffs: vec![],
            id_proofs: vec![],
            documents: vec![],
            fee_schedules: vec![],
            compensation: vec![],
            connection_days: SlaByArea { a_city: 3, urban: 7, rural: 15 },
            grievance_forum: Forum { name: t("f"), address: t("a"), phone: "1".into(), url: "u".into(), days: 45 },
            helpline: "1912".into(),
            social: vec![],
            holidays: vec![],
            query_answer_days: None,
            complaint_photo: None,
        }
    }

    fn good() -> ComplaintRequest {
        ComplaintRequest {
            account_number: Some("१६७८ ४४४ ०७२".into()),
            mobile: "+91 98765-43210".into(),
            name: "  Sita   Devi ".into(),
            category: "no_supply".into(),
            subcategory: "my_house".into(),
            description: "  No light since morning  ".into(),
            district: "VNS".into(),
            ..Default::default()
        }
    }

    #[test]
    fn good_complaint_is_normalised() {
        let c = complaint(&good(), &meta()).unwrap();
        assert_eq!(c.account_number.as_deref(), Some("1678444072"));
        assert_eq!(c.mobile, "9876543210");
        assert_eq!(c.name, "Sita Devi");
        assert_eq!(c.description, "No light since morning");
    }

    #[test]
    fn who_filed_is_checked_and_normalised_as_the_portal_does() {
        let by = |f: FiledBy| complaint(&ComplaintRequest { filed_by: f, ..good() }, &meta());
        let op = |id: &str, name: &str, shop: &str| FiledBy::Operator {
            operator_id: id.into(),
            operator_name: name.into(),
            shop: shop.into(),
        };
        assert_eq!(
            by(op("+91 98390 12345", "  Ravi  Kumar ", "")).unwrap().filed_by,
            op("9839012345", "Ravi Kumar", "")
        );
        let codes = |r: Result<ComplaintRequest, Vec<FieldError>>| {
            r.unwrap_err().into_iter().map(|e| format!("{} {}", e.field, e.code.as_str())).collect::<Vec<_>>()
        };
        assert_eq!(
            codes(by(op("12345", "", &"x".repeat(101)))),
            ["filed_by.operator_id invalid_mobile", "filed_by.operator_name required", "filed_by.shop too_long"]
        );
        assert!(by(FiledBy::Kiosk { kiosk_id: "VNS-U1_K1".into() }).is_ok());
        for bad in ["", "a b", "x\"><img", &"k".repeat(33)] {
            assert_eq!(
                codes(by(FiledBy::Kiosk { kiosk_id: bad.into() })),
                ["filed_by.kiosk_id invalid_choice"],
                "{bad}"
            );
        }
        // It goes into addresses and records as it is.
        assert!(is_kiosk_id("kiosk") && !is_kiosk_id("कियोस्क"));
    }

    #[test]
    fn every_bad_field_gets_its_code() {
        let bad = ComplaintRequest {
            account_number: None,
            mobile: "12345".into(),
            name: " ".into(),
            category: "no_supply".into(),
            subcategory: "nope".into(),
            description: "x".repeat(51),
            district: "XYZ".into(),
            started: Some("tomorrow".into()),
            ..Default::default()
        };
        let errs = complaint(&bad, &meta()).unwrap_err();
        let got: Vec<(&str, ErrorCode)> = errs.iter().map(|e| (e.field.as_str(), e.code)).collect();
        for want in [
            ("mobile", ErrorCode::InvalidMobile),
            ("name", ErrorCode::Required),
            ("subcategory", ErrorCode::InvalidChoice),
            ("description", ErrorCode::TooLong),
            ("district", ErrorCode::InvalidChoice),
            ("address", ErrorCode::Required),
            ("started", ErrorCode::InvalidChoice),
        ] {
            assert!(got.contains(&want), "{want:?} missing from {got:?}");
        }
    }

    /// A bill or a meter is one connection's: the office needs its account number, and an
    /// address does not stand in for it as it does for a fault on the line.
    #[test]
    fn a_category_of_one_connection_needs_the_account_number() {
        let mut r = good();
        r.category = "bill".into();
        r.subcategory = "wrong_bill".into();
        assert!(complaint(&r, &meta()).is_ok());
        r.account_number = Some("  ".into());
        r.address = Some("Near Sigra crossing".into());
        let errs = complaint(&r, &meta()).unwrap_err();
        assert_eq!(
            errs.iter().map(|e| (e.field.as_str(), e.code)).collect::<Vec<_>>(),
            [("account_number", ErrorCode::Required)]
        );
        r.category = "no_supply".into();
        r.subcategory = "my_house".into();
        assert!(complaint(&r, &meta()).is_ok(), "a line fault is found by its address");
    }

    #[test]
    fn theft_may_be_anonymous_other_categories_not() {
        let mut r = good();
        r.anonymous = true;
        r.name.clear();
        assert!(complaint(&r, &meta()).unwrap_err().iter().any(|e| e.field == "anonymous"));
        r.category = "theft".into();
        r.subcategory = "hooking".into();
        assert_eq!(complaint(&r, &meta()).unwrap().name, "");
    }

    /// A photo is only ever the catalogue's complaint photo: not an application's document (an
    /// identity paper must not travel with a complaint anyone with its number may read about),
    /// and not at all from a backend that takes none.
    #[test]
    fn a_complaint_photo_is_the_catalogues_kind_with_an_upload_id() {
        let photo = |kind: &str, id: &str| Some(DocumentRef { document_type: kind.into(), upload_id: id.into() });
        let mut m = meta();
        let mut r = good();
        r.photo = photo("complaint_photo", "f00d");
        let codes = |r: &ComplaintRequest, m: &Meta| {
            complaint(r, m).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>()
        };
        assert_eq!(codes(&r, &m), [("photo".to_string(), ErrorCode::InvalidChoice)], "no photos taken");
        m.complaint_photo = Some(DocumentType {
            code: "complaint_photo".into(),
            name: Text { en: "Photo".into(), hi: "फ़ोटो".into() },
            formats: vec!["image/jpeg".into()],
            max_bytes: 1,
        });
        assert_eq!(complaint(&r, &m).unwrap().photo, r.photo);
        r.photo = photo("id_proof", "f00d");
        assert_eq!(codes(&r, &m), [("photo".to_string(), ErrorCode::InvalidChoice)]);
        r.photo = photo("complaint_photo", "../etc");
        assert_eq!(codes(&r, &m), [("photo".to_string(), ErrorCode::MissingDocument)]);
        r.photo = None;
        assert!(complaint(&r, &m).is_ok(), "the photo is optional");
    }

    #[test]
    fn feedback_rules() {
        let m = meta();
        assert!(feedback(&Feedback { resolved: true, rating: Some(5), comment: None }, &m).is_ok());
        assert_eq!(
            feedback(&Feedback { resolved: true, rating: Some(6), comment: None }, &m).unwrap_err()[0].code,
            ErrorCode::InvalidChoice
        );
        assert_eq!(
            feedback(&Feedback { resolved: false, rating: None, comment: None }, &m).unwrap_err()[0].code,
            ErrorCode::Required
        );
        assert!(feedback(&Feedback { resolved: false, rating: Some(3), comment: Some("still dark".into()) }, &m)
            .unwrap()
            .rating
            .is_none());
    }
}

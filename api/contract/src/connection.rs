//! Jhatpat application rules shared by portal and backend: file-type sniffing, the fee estimate
//! from the schedule in force on a date, and the whole-application check.

use crate::codes::{ErrorCode, FieldError};
use crate::wire::*;
use crate::{aadhaar, normalize, time, validate};

/// The MIME type from the first bytes (never trust the file name): JPEG, PNG or PDF.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Check an upload against its document type's formats and size limit.
pub fn check_upload(doc: &DocumentType, bytes: &[u8]) -> Result<&'static str, ErrorCode> {
    let kind = sniff(bytes).ok_or(ErrorCode::InvalidFileType)?;
    if !doc.formats.iter().any(|f| f == kind) {
        return Err(ErrorCode::InvalidFileType);
    }
    if bytes.len() as u64 > doc.max_bytes {
        return Err(ErrorCode::FileTooLarge);
    }
    Ok(kind)
}

pub fn phase_for(tariff: &Tariff, load_kw: u32) -> Phase {
    if load_kw >= tariff.three_phase_from_kw {
        Phase::Three
    } else {
        Phase::Single
    }
}

/// Itemised fees for a tariff, load and phase under the schedule in force on `day`.
pub fn estimate(schedules: &[FeeSchedule], day: i64, tariff: &str, load_kw: u32, phase: Phase) -> Option<FeeEstimate> {
    let s = time::in_force(schedules, day)?;
    let items: Vec<FeeLine> = s
        .items
        .iter()
        .filter(|i| i.tariffs.is_empty() || i.tariffs.iter().any(|t| t == tariff))
        .filter(|i| i.phase.is_none_or(|p| p == phase))
        .map(|i| FeeLine {
            code: i.code.clone(),
            name: i.name.clone(),
            rupees: if i.per_kw { i.rupees * load_kw } else { i.rupees },
        })
        .collect();
    let total_rupees = items.iter().map(|i| i.rupees).sum();
    Some(FeeEstimate { effective_from: s.effective_from.clone(), items, total_rupees })
}

pub const APPLICANT_TYPES: [&str; 4] = ["individual", "firm", "government", "trust"];

/// Three preferred days for a visit (`field.0` to `field.2`): each a future working day (not
/// a Sunday, not a catalogue holiday) within 60 days, no repeats. Returns each box's day if it
/// passed.
fn visit_days(
    dates: &[String],
    field: &str,
    meta: &Meta,
    today: i64,
    err: &mut impl FnMut(&str, ErrorCode),
) -> Vec<Option<i64>> {
    let (mut seen, mut passed) = (Vec::new(), Vec::new());
    if dates.len() != 3 {
        err(field, ErrorCode::Required);
    }
    for (i, d) in dates.iter().enumerate() {
        let day = match time::parse_date(d) {
            Some(day) if day > today && day <= today + 60 && !time::is_sunday(day) && !seen.contains(&day) => {
                if meta.holiday(day).is_some() {
                    err(&format!("{field}.{i}"), ErrorCode::Holiday);
                    None
                } else {
                    seen.push(day);
                    Some(day)
                }
            }
            _ => {
                err(&format!("{field}.{i}"), ErrorCode::InvalidDate);
                None
            }
        };
        passed.push(day);
    }
    passed
}

/// Normalise and check a whole application on `today` (days since epoch, India date).
pub fn check(req: &ConnectionRequest, meta: &Meta, today: i64) -> Result<ConnectionRequest, Vec<FieldError>> {
    let mut e = Vec::new();
    let mut out = req.clone();
    let lim = &meta.limits;
    let mut err = |f: &str, c: ErrorCode| e.push(FieldError::new(f, c));
    let a = &req.applicant;
    match validate::required_text(&a.name, lim.name_max) {
        Ok(v) => out.applicant.name = v,
        Err(c) => err("name", c),
    }
    match validate::required_text(&a.father_name, lim.name_max) {
        Ok(v) => out.applicant.father_name = v,
        Err(c) => err("father_name", c),
    }
    match time::parse_date(&a.date_of_birth) {
        None => {
            err("date_of_birth", if a.date_of_birth.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidDate })
        }
        Some(d) if d >= today => err("date_of_birth", ErrorCode::InvalidDate),
        Some(d) if today - d < 18 * 365 + 4 => err("date_of_birth", ErrorCode::TooYoung),
        Some(_) => {}
    }
    match validate::mobile(&a.mobile) {
        Ok(m) => out.applicant.mobile = m,
        Err(c) => err("mobile", c),
    }
    if let Some(mail) = a.email.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        let ok = mail.len() <= 254
            && mail
                .split_once('@')
                .is_some_and(|(u, d)| !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.'))
            && !mail.contains(char::is_whitespace);
        if !ok {
            err("email", ErrorCode::InvalidEmail);
        }
        out.applicant.email = Some(mail.to_string());
    } else {
        out.applicant.email = None;
    }
    if !APPLICANT_TYPES.contains(&a.applicant_type.as_str()) {
        err("applicant_type", if a.applicant_type.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice });
    }
    if !meta.id_proofs.iter().any(|p| p.code == a.id_proof_type) {
        err("id_proof_type", if a.id_proof_type.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice });
    } else if a.id_proof_type == "aadhaar" {
        match aadhaar::parse(&a.id_proof_number) {
            Some(n) => out.applicant.id_proof_number = n,
            None => err(
                "id_proof_number",
                if a.id_proof_number.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidAadhaar },
            ),
        }
        // Aadhaar is voluntary (other proofs are accepted), so using it needs the person's consent.
        if !a.aadhaar_consent {
            err("aadhaar_consent", ErrorCode::Required);
        }
    } else {
        out.applicant.aadhaar_consent = false;
        match validate::required_text(&a.id_proof_number, 30) {
            Ok(v) => out.applicant.id_proof_number = v,
            Err(c) => err("id_proof_number", c),
        }
    }

    let p = &req.premises;
    for (field, value) in [("house", &p.house), ("street", &p.street)] {
        match validate::required_text(value, lim.address_max) {
            Ok(v) => {
                if field == "house" {
                    out.premises.house = v
                } else {
                    out.premises.street = v
                }
            }
            Err(c) => err(field, c),
        }
    }
    match validate::optional_text(p.landmark.as_deref().unwrap_or(""), lim.address_max) {
        Ok(v) => out.premises.landmark = v,
        Err(c) => err("landmark", c),
    }
    let district = meta.district(&p.district);
    let division = district.and_then(|d| d.division(&p.division));
    match district {
        None => err("district", if p.district.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }),
        Some(d) => {
            if division.is_none() {
                err("division", if p.division.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice });
            } else if division.and_then(|v| v.sub_division(&p.sub_division)).is_none() {
                err(
                    "sub_division",
                    if p.sub_division.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice },
                );
            }
            match normalize::pin_code(&p.pin) {
                None => err("pin", if p.pin.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidPin }),
                Some(pin) if !d.pin_prefixes.iter().any(|x| pin.starts_with(x.as_str())) => {
                    err("pin", ErrorCode::PinDistrictMismatch)
                }
                Some(pin) => out.premises.pin = pin,
            }
        }
    }
    if !["urban", "rural"].contains(&p.area.as_str()) {
        err("area", if p.area.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice });
    }
    if !["owner", "tenant"].contains(&p.ownership.as_str()) {
        err("ownership", if p.ownership.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice });
    }

    let c = &req.connection;
    match meta.tariff(&c.tariff) {
        None => err("tariff", if c.tariff.is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }),
        Some(t) => {
            if !t.allows(c.load_kw) {
                err("load_kw", ErrorCode::OutOfRange);
            } else {
                let want = phase_for(t, c.load_kw);
                match c.phase {
                    Some(ph) if ph != want => err("phase", ErrorCode::OutOfRange),
                    _ => out.connection.phase = Some(want),
                }
            }
            let mut needed: Vec<&str> = t.required_documents.iter().map(String::as_str).collect();
            if p.ownership == "tenant" {
                needed.push("landlord_consent");
            }
            for doc in needed {
                if !req.documents.iter().any(|d| d.document_type == doc && !d.upload_id.is_empty()) {
                    err(&format!("documents.{doc}"), ErrorCode::MissingDocument);
                }
            }
        }
    }

    let inspection = visit_days(&req.inspection_dates, "inspection_dates", meta, today, &mut err);
    // The meter goes in after the site has been found feasible: not before the first inspection.
    let first_inspection = inspection.iter().flatten().copied().min().unwrap_or(today);
    let installation = visit_days(&req.installation_dates, "installation_dates", meta, today, &mut err);
    for (i, day) in installation.iter().enumerate() {
        if day.is_some_and(|d| d <= first_inspection) {
            err(&format!("installation_dates.{i}"), ErrorCode::OutOfRange);
        }
    }
    if !req.declaration {
        err("declaration", ErrorCode::Required);
    }
    out.filed_by = validate::filed_by(&req.filed_by, &mut e);
    if e.is_empty() {
        Ok(out)
    } else {
        Err(e)
    }
}

/// ₹ with Indian digit grouping (1,00,000), as the portal shows fees and the SMSes state them.
pub fn rupees(n: u32) -> String {
    let s = n.to_string();
    if s.len() <= 3 {
        return format!("₹{s}");
    }
    let (head, tail) = s.split_at(s.len() - 3);
    let mut groups = vec![];
    let mut h = head;
    while h.len() > 2 {
        groups.insert(0, &h[h.len() - 2..]);
        h = &h[..h.len() - 2];
    }
    groups.insert(0, h);
    format!("₹{},{tail}", groups.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        serde_json::from_str(include_str!("../../server/data/meta.json")).unwrap()
    }

    fn day(s: &str) -> i64 {
        time::parse_date(s).unwrap()
    }

    pub fn good(today: i64) -> ConnectionRequest {
        let base = "52345678901";
        let aadhaar = format!("{base}{}", aadhaar::verhoeff_check_digit(base));
        let monday = (1..8).map(|k| today + k).find(|d| (d - 3).rem_euclid(7) == 1).unwrap();
        ConnectionRequest {
            applicant: Applicant {
                name: "Sita Devi".into(),
                father_name: "Ram Prasad".into(),
                date_of_birth: "1990-05-17".into(),
                mobile: "9876543210".into(),
                email: None,
                applicant_type: "individual".into(),
                id_proof_type: "aadhaar".into(),
                id_proof_number: aadhaar,
                aadhaar_consent: true,
            },
            premises: Premises {
                house: "12".into(),
                street: "Sigra".into(),
                landmark: None,
                district: "VNS".into(),
                division: "VNS-U1".into(),
                sub_division: "VNS-U1-1".into(),
                pin: "२२१ ०१०".into(),
                area: "urban".into(),
                ownership: "owner".into(),
            },
            connection: ConnectionDetails { tariff: "LMV-1".into(), load_kw: 2, phase: None },
            documents: ["photo", "id_proof", "ownership_proof"]
                .iter()
                .map(|d| DocumentRef { document_type: d.to_string(), upload_id: format!("u-{d}") })
                .collect(),
            inspection_dates: vec![time::civil(monday), time::civil(monday + 1), time::civil(monday + 2)],
            installation_dates: vec![time::civil(monday + 3), time::civil(monday + 4), time::civil(monday + 5)],
            declaration: true,
            ..Default::default()
        }
    }

    #[test]
    fn sniffing_ignores_names() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"MZ\x90\x00 this is an exe"), None);
        let m = meta();
        let photo = m.documents.iter().find(|d| d.code == "photo").unwrap();
        assert_eq!(check_upload(photo, b"%PDF-1.7"), Err(ErrorCode::InvalidFileType), "photos must be images");
        assert_eq!(
            check_upload(photo, &[&[0xFF, 0xD8, 0xFF][..], &vec![0u8; 2 * 1024 * 1024]].concat()),
            Err(ErrorCode::FileTooLarge)
        );
    }

    #[test]
    fn fees_follow_the_schedule_in_force() {
        let m = meta();
        let old = estimate(&m.fee_schedules, day("2025-06-01"), "LMV-1", 2, Phase::Single).unwrap();
        assert_eq!(old.effective_from, "2024-07-08");
        assert_eq!(old.total_rupees, 100 + 872 + 600);
        let new = estimate(&m.fee_schedules, day("2026-11-28"), "LMV-1", 2, Phase::Single).unwrap();
        assert_eq!(new.effective_from, "2025-12-31");
        assert_eq!(new.total_rupees, 100 + 2800 + 600);
        let three = estimate(&m.fee_schedules, day("2026-11-28"), "LMV-2", 6, Phase::Three).unwrap();
        assert_eq!(three.total_rupees, 100 + 4100 + 600 * 6);
        assert!(estimate(&m.fee_schedules, day("2020-01-01"), "LMV-1", 1, Phase::Single).is_none());
    }

    #[test]
    fn a_good_application_is_normalised() {
        let today = day("2026-11-28");
        let r = check(&good(today), &meta(), today).unwrap();
        assert_eq!(r.premises.pin, "221010");
        assert_eq!(r.connection.phase, Some(Phase::Single));
    }

    #[test]
    fn bad_applications_get_field_codes() {
        let today = day("2026-11-28");
        let m = meta();
        let mut r = good(today);
        r.applicant.id_proof_number = format!("{}0", &r.applicant.id_proof_number[..11]);
        if aadhaar::parse(&r.applicant.id_proof_number).is_some() {
            r.applicant.id_proof_number = format!("{}1", &r.applicant.id_proof_number[..11]);
        }
        r.applicant.date_of_birth = "2015-01-01".into();
        r.premises.pin = "110001".into();
        r.premises.ownership = "tenant".into();
        r.connection.load_kw = 60;
        r.inspection_dates = vec!["2026-11-01".into(), "bad".into(), "2026-11-29".into()];
        r.declaration = false;
        let got: Vec<(String, ErrorCode)> =
            check(&r, &m, today).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        for want in [
            ("id_proof_number", ErrorCode::InvalidAadhaar),
            ("date_of_birth", ErrorCode::TooYoung),
            ("pin", ErrorCode::PinDistrictMismatch),
            ("load_kw", ErrorCode::OutOfRange),
            ("documents.landlord_consent", ErrorCode::MissingDocument),
            ("inspection_dates.0", ErrorCode::InvalidDate),
            ("inspection_dates.1", ErrorCode::InvalidDate),
            ("inspection_dates.2", ErrorCode::InvalidDate), // 2026-11-29 is a Sunday
            ("declaration", ErrorCode::Required),
        ] {
            assert!(got.contains(&(want.0.to_string(), want.1)), "{want:?} missing from {got:?}");
        }
        let mut r = good(today);
        r.connection.phase = Some(Phase::Three);
        assert_eq!(check(&r, &m, today).unwrap_err()[0].field, "phase");
    }

    #[test]
    fn the_meter_is_installed_on_one_of_three_working_days_after_the_first_inspection() {
        let today = day("2026-12-05");
        let m = meta();
        let mut r = good(today); // inspections Monday 7 to Wednesday 9 December
        assert!(check(&r, &m, today).is_ok());
        let codes = |r: &ConnectionRequest| -> Vec<(String, ErrorCode)> {
            check(r, &m, today).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
        };
        // The day of the first inspection, a Sunday, and Christmas.
        r.installation_dates = vec!["2026-12-07".into(), "2026-12-13".into(), "2026-12-25".into()];
        assert_eq!(
            codes(&r),
            [
                ("installation_dates.1".to_string(), ErrorCode::InvalidDate),
                ("installation_dates.2".to_string(), ErrorCode::Holiday),
                ("installation_dates.0".to_string(), ErrorCode::OutOfRange),
            ]
        );
        // After the first inspection is enough, even before the other two; no repeats.
        r.installation_dates = vec!["2026-12-08".into(), "2026-12-08".into(), "2026-12-10".into()];
        assert_eq!(codes(&r), [("installation_dates.1".to_string(), ErrorCode::InvalidDate)]);
        // An older client that sends none is told they are missing.
        r.installation_dates = vec![];
        assert_eq!(codes(&r), [("installation_dates".to_string(), ErrorCode::Required)]);
        let old: ConnectionRequest = serde_json::from_value(
            serde_json::json!({"applicant": good(today).applicant, "premises": good(today).premises,
                "connection": good(today).connection, "documents": [], "inspection_dates": [], "declaration": true}),
        )
        .unwrap();
        assert!(old.installation_dates.is_empty());
    }

    #[test]
    fn a_misspelt_date_in_the_catalogue_is_named() {
        let mut m = meta();
        assert!(m.undated().is_empty(), "{:?}", m.undated());
        m.holidays[0].date = "2027-1-26".into();
        m.fee_schedules[1].effective_from = "31/12/2025".into();
        assert_eq!(m.undated(), ["fee schedule from \"31/12/2025\"", "holiday \"2027-1-26\""]);
    }

    #[test]
    fn no_inspection_is_booked_on_a_holiday() {
        let today = day("2026-12-05");
        let m = meta();
        assert_eq!(m.holiday(day("2027-01-26")).map(|h| h.name.en.as_str()), Some("Republic Day"));
        let names: Vec<&str> =
            m.holidays_between(today + 1, today + 60).iter().map(|(_, h)| h.name.en.as_str()).collect();
        assert_eq!(names, ["Christmas", "Republic Day"]);
        let mut r = good(today);
        r.inspection_dates = vec!["2026-12-24".into(), "2026-12-25".into(), "2027-01-26".into()];
        r.installation_dates = vec!["2026-12-28".into(), "2026-12-29".into(), "2026-12-30".into()];
        let got: Vec<(String, ErrorCode)> =
            check(&r, &m, today).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            got,
            [
                ("inspection_dates.1".to_string(), ErrorCode::Holiday),
                ("inspection_dates.2".to_string(), ErrorCode::Holiday)
            ]
        );
        // A catalogue without the list (an older backend) books any Monday to Saturday.
        let without = Meta { holidays: vec![], ..m };
        assert!(check(&r, &without, today).is_ok());
    }

    #[test]
    fn aadhaar_needs_consent_and_other_proofs_do_not() {
        let today = day("2026-11-28");
        let m = meta();
        let mut r = good(today);
        r.applicant.aadhaar_consent = false;
        let got: Vec<(String, ErrorCode)> =
            check(&r, &m, today).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(got, [("aadhaar_consent".to_string(), ErrorCode::Required)]);
        // A voter ID needs no Aadhaar consent, and a stray "true" is not kept as one.
        r.applicant.id_proof_type = "voter_id".into();
        r.applicant.id_proof_number = "UP/12/345/678901".into();
        r.applicant.aadhaar_consent = true;
        assert!(!check(&r, &m, today).unwrap().applicant.aadhaar_consent);
        assert!(check(&good(today), &m, today).unwrap().applicant.aadhaar_consent);
    }

    #[test]
    // The literals are grouped the Indian way on purpose: the same lakh and crore groups as the text.
    #[allow(clippy::inconsistent_digit_grouping)]
    fn indian_grouping() {
        assert_eq!(rupees(100), "₹100");
        assert_eq!(rupees(4_700), "₹4,700");
        assert_eq!(rupees(1_23_456), "₹1,23,456");
        assert_eq!(rupees(12_34_56_789), "₹12,34,56,789");
    }
}

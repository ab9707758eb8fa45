//! The Jhatpat application as the person fills it in (kept exactly as typed, over several
//! sittings), its sections and their task-list status, and the rules that turn it into the wire
//! request. Every field check is `portal_contract::connection::check` — the same code the backend
//! runs — filtered to the section being shown, so the two can never disagree.
//!
//! The Aadhaar number is deliberately not a field here: it lives only in memory and is passed in.

pub use crate::domain::documents::{Documents, Uploaded};
use crate::domain::wire::{
    Applicant, AreaClass, ConnectionDetails, ConnectionRequest, District, DocumentRef, DocumentType, FeeEstimate,
    FiledBy, Lang, Meta, Phase, Premises, Tariff,
};
use crate::domain::{normalize, time, ErrorCode, FieldError};
use portal_contract::connection as rules;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Applicant,
    Premises,
    Load,
    Documents,
    Dates,
    Fees,
}

/// Task-list tags (GOV.UK "complete multiple tasks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Completed,
    CannotStart,
}

impl Section {
    pub const ALL: [Section; 6] =
        [Section::Applicant, Section::Premises, Section::Load, Section::Documents, Section::Dates, Section::Fees];

    pub fn name(self) -> &'static str {
        match self {
            Section::Applicant => "applicant",
            Section::Premises => "premises",
            Section::Load => "load",
            Section::Documents => "documents",
            Section::Dates => "dates",
            Section::Fees => "fees",
        }
    }

    pub fn from_name(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.name() == s)
    }

    /// The route of each section under `/connection/new`.
    pub fn path(self) -> String {
        format!("/connection/new/{}", self.name())
    }

    /// Which section asks for a field, so any error (ours or the backend's) leads back there.
    pub fn of_field(field: &str) -> Section {
        match field.split('.').next().unwrap_or("") {
            "house" | "street" | "landmark" | "district" | "division" | "sub_division" | "pin" | "area"
            | "ownership" => Section::Premises,
            "tariff" | "load_kw" | "phase" => Section::Load,
            "documents" | "file" => Section::Documents,
            "inspection_dates" | "installation_dates" => Section::Dates,
            "declaration" => Section::Fees,
            _ => Section::Applicant,
        }
    }

    /// Sections that must be complete before this one makes sense.
    fn needs(self) -> &'static [Section] {
        match self {
            // The documents asked for depend on the tariff category and on ownership.
            Section::Documents => &[Section::Premises, Section::Load],
            // Fees depend on the connection; the declaration covers every answer.
            Section::Fees => {
                &[Section::Applicant, Section::Premises, Section::Load, Section::Documents, Section::Dates]
            }
            _ => &[],
        }
    }
}

/// Where "Check your answers" lives; a step name in the draft like the sections'.
pub const CHECK: &str = "check";

/// The pages under `/connection/new/`: the task list, one per section, and the check page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Tasks,
    Section(Section),
    Check,
}

impl Page {
    /// The page at `/connection/new/<segment>`; `None` for an address that is no page.
    pub fn from_segment(segment: &str) -> Option<Page> {
        match segment.trim_matches('/') {
            "" => Some(Page::Tasks),
            CHECK => Some(Page::Check),
            s => Section::from_name(s).map(Page::Section),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ConnectionDraft {
    pub name: String,
    pub father_name: String,
    pub dob_day: String,
    pub dob_month: String,
    pub dob_year: String,
    pub mobile: String,
    pub email: String,
    pub applicant_type: String,
    pub id_proof_type: String,
    /// The number of an ID proof other than Aadhaar (Aadhaar is never stored).
    pub id_number: String,
    /// Consent to the use of the Aadhaar number (asked only when the ID proof is Aadhaar).
    pub aadhaar_consent: bool,
    pub house: String,
    pub street: String,
    pub landmark: String,
    pub district: String,
    pub division: String,
    pub sub_division: String,
    pub pin: String,
    pub area: String,
    pub ownership: String,
    pub tariff: String,
    /// As typed (may hold Devanagari digits).
    pub load_kw: String,
    /// Appliance helper: code → how many.
    pub appliances: Vec<(String, u32)>,
    pub documents: Vec<Uploaded>,
    pub inspection_dates: [String; 3],
    /// Three preferred days to install the meter (a draft from before they were asked has none:
    /// the Dates section then shows "In progress").
    pub installation_dates: [String; 3],
    pub declaration: bool,
    /// Sections the person has opened (a section is "Not started" until then).
    pub visited: Vec<String>,
}

/// Household appliances for the domestic load helper, with typical watts (UPPCL load
/// self-declaration form).
pub const APPLIANCES: [(&str, u32); 8] = [
    ("light", 10),
    ("fan", 75),
    ("tv", 100),
    ("fridge", 200),
    ("cooler", 250),
    ("iron", 1000),
    ("pump", 750),
    ("ac", 1500),
];

/// The load to apply for: the appliance total rounded up to whole kW (at least 1).
pub fn appliance_kw(list: &[(String, u32)]) -> u32 {
    let watts: u32 =
        list.iter().filter_map(|(code, n)| APPLIANCES.iter().find(|(c, _)| c == code).map(|(_, w)| w * n)).sum();
    watts.div_ceil(1000).max(1)
}

impl ConnectionDraft {
    /// `YYYY-MM-DD` from the three boxes; `""` when all are empty, `"invalid"` when not a date.
    pub fn date_of_birth(&self) -> String {
        let parts = [&self.dob_day, &self.dob_month, &self.dob_year].map(|s| normalize::digits_only_lenient(s));
        if parts.iter().all(|p| p.is_empty()) {
            return String::new();
        }
        let num = |s: &str| s.parse::<u32>().ok();
        match (num(&parts[0]), num(&parts[1]), num(&parts[2])) {
            (Some(d), Some(m), Some(y)) if (1900..=2100).contains(&y) => {
                let iso = format!("{y:04}-{m:02}-{d:02}");
                if time::parse_date(&iso).is_some() {
                    iso
                } else {
                    "invalid".into()
                }
            }
            _ => "invalid".into(),
        }
    }

    /// The load as a number, if it is one.
    pub fn load(&self) -> Option<u32> {
        // Whole kW only: "1.5" must not become 15.
        if self.load_kw.contains(['.', ',']) {
            return None;
        }
        normalize::digits_only_lenient(&self.load_kw).parse().ok()
    }

    pub fn tariff<'m>(&self, meta: &'m Meta) -> Option<&'m Tariff> {
        meta.tariff(&self.tariff)
    }

    /// The supply the load needs; none for a load the category does not take, so neither the
    /// phase nor the fees are stated for an answer the load step has refused.
    pub fn phase(&self, meta: &Meta) -> Option<Phase> {
        let (tariff, load) = (self.tariff(meta)?, self.load()?);
        tariff.allows(load).then(|| rules::phase_for(tariff, load))
    }

    /// Documents this application needs: the category's list, plus the landlord's consent for a
    /// tenant.
    pub fn required_documents<'m>(&self, meta: &'m Meta) -> Vec<&'m DocumentType> {
        let mut codes: Vec<&str> =
            self.tariff(meta).map(|t| t.required_documents.iter().map(String::as_str).collect()).unwrap_or_default();
        if self.ownership == "tenant" {
            codes.push("landlord_consent");
        }
        codes.iter().filter_map(|c| meta.document(c)).collect()
    }

    /// The fee estimate under the schedule in force on `today` (the backend uses the same rule).
    pub fn fees(&self, meta: &Meta, today: i64) -> Option<FeeEstimate> {
        rules::estimate(&meta.fee_schedules, today, &self.tariff, self.load()?, self.phase(meta)?)
    }

    /// The wire request, as typed; `connection::check` normalises it.
    pub fn to_request(&self, aadhaar: &str, language: Lang, filed_by: FiledBy) -> ConnectionRequest {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        let required: Vec<DocumentRef> = self.documents.iter().filter_map(Uploaded::to_send).collect();
        ConnectionRequest {
            applicant: Applicant {
                name: self.name.clone(),
                father_name: self.father_name.clone(),
                date_of_birth: self.date_of_birth(),
                mobile: self.mobile.clone(),
                email: opt(&self.email),
                applicant_type: self.applicant_type.clone(),
                id_proof_type: self.id_proof_type.clone(),
                id_proof_number: if self.id_proof_type == "aadhaar" {
                    aadhaar.to_string()
                } else {
                    self.id_number.clone()
                },
                aadhaar_consent: self.id_proof_type == "aadhaar" && self.aadhaar_consent,
            },
            premises: Premises {
                house: self.house.clone(),
                street: self.street.clone(),
                landmark: opt(&self.landmark),
                district: self.district.clone(),
                division: self.division.clone(),
                sub_division: self.sub_division.clone(),
                pin: self.pin.clone(),
                area: self.area.clone(),
                ownership: self.ownership.clone(),
            },
            connection: ConnectionDetails {
                tariff: self.tariff.clone(),
                load_kw: self.load().unwrap_or(0),
                phase: None,
            },
            documents: required,
            // All three boxes, empty or not, so an error's index names the right box.
            inspection_dates: self.inspection_dates.to_vec(),
            installation_dates: self.installation_dates.to_vec(),
            declaration: self.declaration,
            language,
            filed_by,
        }
    }

    /// Everything wrong with the whole application (the backend's own check).
    pub fn check_all(&self, aadhaar: &str, meta: &Meta, today: i64) -> Vec<FieldError> {
        let req = self.to_request(aadhaar, Lang::Hi, FiledBy::Consumer);
        let mut errors = match rules::check(&req, meta, today) {
            Ok(_) => vec![],
            Err(e) => e,
        };
        // The wire has only a number; say what is really wrong with what was typed.
        if !self.load_kw.trim().is_empty() && self.load().is_none() {
            errors.retain(|e| e.field != "load_kw");
            errors.push(FieldError::new("load_kw", ErrorCode::InvalidNumber));
        } else if self.load_kw.trim().is_empty() && !self.tariff.is_empty() {
            errors.retain(|e| e.field != "load_kw");
            errors.push(FieldError::new("load_kw", ErrorCode::Required));
        }
        // An empty date box is missing, not malformed.
        for visit in [Visit::Inspection, Visit::Installation] {
            for (i, d) in self.dates(visit).iter().enumerate() {
                if d.is_empty() {
                    let field = format!("{}.{i}", visit.field());
                    errors.iter_mut().filter(|e| e.field == field).for_each(|e| e.code = ErrorCode::Required);
                }
            }
        }
        errors
    }

    /// The problems of one section, in the order its fields appear.
    pub fn check(&self, section: Section, aadhaar: &str, meta: &Meta, today: i64) -> Vec<FieldError> {
        self.check_all(aadhaar, meta, today).into_iter().filter(|e| Section::of_field(&e.field) == section).collect()
    }

    pub fn visited(&self, s: Section) -> bool {
        self.visited.iter().any(|v| v == s.name())
    }

    pub fn status(&self, s: Section, aadhaar: &str, meta: &Meta, today: i64) -> TaskStatus {
        let errors = self.check_all(aadhaar, meta, today);
        let done = |x: Section| errors.iter().all(|e| Section::of_field(&e.field) != x);
        if s.needs().iter().any(|n| !done(*n)) {
            TaskStatus::CannotStart
        } else if done(s) && self.visited(s) {
            TaskStatus::Completed
        } else if self.visited(s) {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        }
    }

    /// The first section that is not complete, or the check page.
    pub fn resume_at(&self, aadhaar: &str, meta: &Meta, today: i64) -> Option<Section> {
        Section::ALL.into_iter().find(|s| self.status(*s, aadhaar, meta, today) != TaskStatus::Completed)
    }

    /// 0–100 for the drafts list: completed sections.
    pub fn progress(&self, meta: &Meta, today: i64) -> u8 {
        let done = Section::ALL.iter().filter(|s| self.status(**s, "", meta, today) == TaskStatus::Completed).count();
        (done * 100 / (Section::ALL.len() + 1)) as u8
    }

    /// What the drafts list shows: the applicant's name, else the masked mobile.
    pub fn label(&self) -> String {
        let name = normalize::text(&self.name);
        if !name.is_empty() {
            name
        } else {
            normalize::mobile(&self.mobile).map(|m| normalize::mask_mobile(&m)).unwrap_or_default()
        }
    }
}

/// What the acknowledgement shows after the draft is gone: the backend's answer plus what the
/// person needs to recognise it (name, masked mobile, masked Aadhaar). Nothing else personal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub created: crate::domain::wire::ConnectionCreated,
    pub name: String,
    pub mobile_masked: String,
    pub tariff: String,
    pub load_kw: u32,
    pub documents: Vec<String>,
    /// `XXXX XXXX 1234` when the ID proof was Aadhaar (the masked form only).
    #[serde(default)]
    pub aadhaar_masked: Option<String>,
}

/// Where this tab keeps a sent application's receipt (`receipt_key`).
pub const RECEIPT_PREFIX: &str = "bijli.receipt.";

pub fn receipt_key(number: &str) -> String {
    format!("{RECEIPT_PREFIX}{number}")
}

/// The two visits an applicant chooses three days for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    Inspection,
    Installation,
}

impl Visit {
    /// The request's (and the form's) name for its three dates.
    pub fn field(self) -> &'static str {
        match self {
            Visit::Inspection => "inspection_dates",
            Visit::Installation => "installation_dates",
        }
    }
}

impl ConnectionDraft {
    pub fn dates(&self, visit: Visit) -> &[String; 3] {
        match visit {
            Visit::Inspection => &self.inspection_dates,
            Visit::Installation => &self.installation_dates,
        }
    }

    pub fn dates_mut(&mut self, visit: Visit) -> &mut [String; 3] {
        match visit {
            Visit::Inspection => &mut self.inspection_dates,
            Visit::Installation => &mut self.installation_dates,
        }
    }
}

impl Documents for ConnectionDraft {
    fn uploaded(&self, code: &str) -> Option<&Uploaded> {
        self.documents.iter().find(|d| d.document_type == code && !d.upload_id.is_empty())
    }

    fn waiting(&self, code: &str) -> Option<&Uploaded> {
        self.documents.iter().find(|d| d.document_type == code && d.upload_id.is_empty())
    }

    fn set_uploaded(&mut self, u: Uploaded) {
        self.documents.retain(|d| d.document_type != u.document_type);
        self.documents.push(u);
    }

    fn remove(&mut self, code: &str) {
        self.documents.retain(|d| d.document_type != code);
    }
}

/// Dates a site visit may be asked for: `(first, last)` as days since the epoch.
pub fn inspection_window(today: i64) -> (i64, i64) {
    (today + 1, today + 60)
}

/// Photos are sent at most this big (the and the slow-network budget).
pub const PHOTO_TARGET_BYTES: u64 = 500 * 1024;
/// Longest side of a photo after downscaling: enough to read a document.
pub const PHOTO_MAX_SIDE: u32 = 1600;

/// The size to draw an image at so its longest side is at most `max_side`.
pub fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= max_side || long == 0 {
        return (width.max(1), height.max(1));
    }
    let scale = |v: u32| ((v as u64 * max_side as u64 + long as u64 / 2) / long as u64).max(1) as u32;
    (scale(width), scale(height))
}

/// ₹ with Indian digit grouping: shared with the backend, whose SMSes state amounts too.
pub use rules::rupees;

/// What the smallest connection of the catalogue's first tariff (a home, 1 kW) costs today: the
/// example "What you need" gives before anyone has typed a load. `(tariff, load in kW, fees)`.
pub fn example_fees(meta: &Meta, today: i64) -> Option<(&Tariff, u32, FeeEstimate)> {
    let t = meta.tariffs.first()?;
    let kw = t.min_kw.max(1);
    Some((t, kw, rules::estimate(&meta.fee_schedules, today, &t.code, kw, rules::phase_for(t, kw))?))
}

/// The districts with a big city's area (`a_city`), whose statutory time for a connection is the
/// shortest: named in "What you need".
pub fn big_city_districts(meta: &Meta) -> Vec<&District> {
    meta.districts.iter().filter(|d| d.divisions.iter().any(|v| v.area_class == AreaClass::ACity)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::aadhaar;

    #[test]
    fn each_page_has_one_address_and_others_are_not_pages() {
        assert_eq!(Page::from_segment(""), Some(Page::Tasks));
        assert_eq!(Page::from_segment("check"), Some(Page::Check));
        for s in Section::ALL {
            assert_eq!(Page::from_segment(&s.path()["/connection/new/".len()..]), Some(Page::Section(s)));
        }
        assert_eq!(Page::from_segment("fees/extra"), None);
        assert_eq!(Page::from_segment("bogus"), None);
    }

    fn meta() -> Meta {
        serde_json::from_str(include_str!("../../api/server/data/meta.json")).unwrap()
    }

    fn today() -> i64 {
        time::parse_date("2026-11-25").unwrap() // a Wednesday
    }

    fn aadhaar_no() -> String {
        let base = "52345678901";
        format!("{base}{}", aadhaar::verhoeff_check_digit(base))
    }

    fn filled() -> ConnectionDraft {
        let mut d = ConnectionDraft {
            name: "Sita Devi".into(),
            father_name: "Ram Prasad".into(),
            dob_day: "१७".into(),
            dob_month: "5".into(),
            dob_year: "1990".into(),
            mobile: "+91 98765 43210".into(),
            applicant_type: "individual".into(),
            id_proof_type: "aadhaar".into(),
            aadhaar_consent: true,
            house: "12".into(),
            street: "Sigra".into(),
            district: "VNS".into(),
            division: "VNS-U1".into(),
            sub_division: "VNS-U1-1".into(),
            pin: "221010".into(),
            area: "urban".into(),
            ownership: "owner".into(),
            tariff: "LMV-1".into(),
            load_kw: "२".into(),
            inspection_dates: ["2026-11-26".into(), "2026-11-27".into(), "2026-11-28".into()],
            installation_dates: ["2026-11-30".into(), "2026-12-01".into(), "2026-12-02".into()],
            declaration: true,
            visited: Section::ALL.iter().map(|s| s.name().to_string()).collect(),
            ..Default::default()
        };
        for code in ["photo", "id_proof", "ownership_proof"] {
            d.set_uploaded(Uploaded {
                document_type: code.into(),
                upload_id: format!("u-{code}"),
                ..Default::default()
            });
        }
        d
    }

    #[test]
    fn a_complete_application_passes_the_backend_check() {
        let d = filled();
        assert_eq!(d.check_all(&aadhaar_no(), &meta(), today()), vec![]);
        assert_eq!(d.date_of_birth(), "1990-05-17");
        assert_eq!(d.load(), Some(2));
        assert_eq!(d.resume_at(&aadhaar_no(), &meta(), today()), None);
    }

    #[test]
    fn errors_belong_to_the_section_that_asks() {
        let m = meta();
        let empty = ConnectionDraft::default();
        for e in empty.check_all("", &m, today()) {
            let s = Section::of_field(&e.field);
            assert!(empty.check(s, "", &m, today()).contains(&e), "{e:?}");
        }
        let fields = |s| empty.check(s, "", &m, today()).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert!(fields(Section::Applicant).contains(&"date_of_birth".to_string()));
        assert_eq!(
            fields(Section::Dates),
            [
                "inspection_dates.0",
                "inspection_dates.1",
                "inspection_dates.2",
                "installation_dates.0",
                "installation_dates.1",
                "installation_dates.2"
            ]
        );
        assert_eq!(fields(Section::Fees), ["declaration"]);
    }

    #[test]
    fn aadhaar_is_checked_but_never_part_of_the_draft() {
        let m = meta();
        let d = filled();
        let mut bad = aadhaar_no();
        bad.replace_range(11..12, if bad.ends_with('0') { "1" } else { "0" });
        assert_eq!(d.check(Section::Applicant, &bad, &m, today())[0].code, ErrorCode::InvalidAadhaar);
        assert_eq!(d.check(Section::Applicant, "", &m, today())[0].code, ErrorCode::Required);
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains(&aadhaar_no()));
        // Without the Aadhaar in memory (after a reload) the applicant section is unfinished again.
        assert_eq!(d.status(Section::Applicant, "", &m, today()), TaskStatus::InProgress);
        assert_eq!(d.status(Section::Applicant, &aadhaar_no(), &m, today()), TaskStatus::Completed);
        // Aadhaar is used only with consent; the question belongs to the applicant section.
        let mut c = filled();
        c.aadhaar_consent = false;
        let e = c.check_all(&aadhaar_no(), &m, today());
        assert_eq!((e[0].field.as_str(), e[0].code), ("aadhaar_consent", ErrorCode::Required));
        assert_eq!(Section::of_field(&e[0].field), Section::Applicant);
        // Other ID proofs are kept (they are not Aadhaar), and need no consent.
        let mut v = filled();
        v.id_proof_type = "voter_id".into();
        v.id_number = "ABC1234567".into();
        v.aadhaar_consent = false;
        assert!(v.check(Section::Applicant, "", &m, today()).is_empty());
    }

    #[test]
    fn task_list_states() {
        let m = meta();
        let mut d = ConnectionDraft::default();
        assert_eq!(d.status(Section::Applicant, "", &m, today()), TaskStatus::NotStarted);
        assert_eq!(d.status(Section::Documents, "", &m, today()), TaskStatus::CannotStart);
        assert_eq!(d.status(Section::Fees, "", &m, today()), TaskStatus::CannotStart);
        d.visited.push("applicant".into());
        d.name = "Sita".into();
        assert_eq!(d.status(Section::Applicant, "", &m, today()), TaskStatus::InProgress);
        let mut f = filled();
        f.documents.clear();
        assert_eq!(f.status(Section::Documents, &aadhaar_no(), &m, today()), TaskStatus::InProgress);
        assert_eq!(f.status(Section::Fees, &aadhaar_no(), &m, today()), TaskStatus::CannotStart);
        assert_eq!(f.resume_at(&aadhaar_no(), &m, today()), Some(Section::Documents));
    }

    #[test]
    fn bad_input_gets_specific_codes() {
        let m = meta();
        let mut d = filled();
        d.dob_day = "31".into();
        d.dob_month = "02".into();
        d.load_kw = "two".into();
        d.pin = "110001".into();
        d.inspection_dates[1] = "2026-11-29".into(); // a Sunday
        d.inspection_dates[2] = "2026-11-26".into(); // repeated
        let codes: Vec<(String, ErrorCode)> =
            d.check_all(&aadhaar_no(), &m, today()).into_iter().map(|e| (e.field, e.code)).collect();
        for want in [
            ("date_of_birth", ErrorCode::InvalidDate),
            ("load_kw", ErrorCode::InvalidNumber),
            ("pin", ErrorCode::PinDistrictMismatch),
            ("inspection_dates.1", ErrorCode::InvalidDate),
            ("inspection_dates.2", ErrorCode::InvalidDate),
        ] {
            assert!(codes.contains(&(want.0.to_string(), want.1)), "{want:?} in {codes:?}");
        }
        d = filled();
        d.inspection_dates[2] = "2026-12-25".into(); // Christmas, a holiday in the catalogue
        let dates: Vec<_> = d.check(Section::Dates, "", &m, today()).into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(dates, [("inspection_dates.2".to_string(), ErrorCode::Holiday)]);
        d = filled();
        d.load_kw = "60".into();
        assert_eq!(d.check(Section::Load, "", &m, today())[0].code, ErrorCode::OutOfRange);
    }

    #[test]
    fn tenant_needs_the_landlords_consent_and_shops_a_test_report() {
        let m = meta();
        let mut d = filled();
        d.ownership = "tenant".into();
        let docs = d.check(Section::Documents, "", &m, today());
        assert_eq!(docs[0].field, "documents.landlord_consent");
        d.tariff = "LMV-2".into();
        let codes: Vec<&str> = d.required_documents(&m).iter().map(|x| x.code.as_str()).collect();
        assert_eq!(codes, ["photo", "id_proof", "ownership_proof", "test_report", "landlord_consent"]);
    }

    #[test]
    fn what_you_need_prices_a_one_kw_home_connection_under_todays_schedule() {
        let m = meta();
        let (t, kw, fees) = example_fees(&m, today()).unwrap();
        assert_eq!((t.code.as_str(), kw), ("LMV-1", 1));
        assert_eq!((fees.effective_from.as_str(), fees.total_rupees), ("2025-12-31", 100 + 2800 + 300));
        let names: Vec<&str> = big_city_districts(&m).iter().map(|d| d.name.en.as_str()).collect();
        assert_eq!(names, ["Prayagraj", "Varanasi"]);
        let (_, _, old) = example_fees(&m, time::parse_date("2025-06-01").unwrap()).unwrap();
        assert_eq!(old.effective_from, "2024-07-08");
        assert!(example_fees(&m, time::parse_date("2020-01-01").unwrap()).is_none(), "no schedule yet, no figure");
    }

    #[test]
    fn fees_follow_the_schedule_and_phase() {
        let m = meta();
        let mut d = filled();
        let e = d.fees(&m, today()).unwrap();
        assert_eq!(e.effective_from, "2025-12-31");
        assert_eq!(e.total_rupees, e.items.iter().map(|i| i.rupees).sum::<u32>());
        let old = d.fees(&m, time::parse_date("2025-01-01").unwrap()).unwrap();
        assert_eq!(old.effective_from, "2024-07-08");
        d.load_kw = "6".into();
        assert_eq!(d.phase(&m), Some(Phase::Three));
        assert!(d.fees(&m, today()).unwrap().total_rupees > e.total_rupees);
        // A load the category does not take has no phase and no fees (the load step refuses it).
        let max = m.tariff(&d.tariff).unwrap().max_kw;
        d.load_kw = (max + 1).to_string();
        assert_eq!((d.phase(&m), d.fees(&m, today())), (None, None));
    }

    #[test]
    fn appliance_helper_rounds_up() {
        let list = vec![("fan".to_string(), 3), ("fridge".to_string(), 1), ("light".to_string(), 6)];
        assert_eq!(appliance_kw(&list), 1);
        assert_eq!(appliance_kw(&[("ac".to_string(), 2)]), 3);
        assert_eq!(appliance_kw(&[]), 1);
    }

    #[test]
    fn photos_fit_the_longest_side() {
        assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit(800, 600, 1600), (800, 600));
    }

    #[test]
    fn a_document_waits_until_uploaded_and_a_lost_file_is_asked_for_again() {
        let mut d = filled();
        let waiting =
            |code: &str| Uploaded { document_type: code.into(), file_name: "x.jpg".into(), ..Default::default() };
        d.forget_waiting("photo");
        assert!(d.uploaded("photo").is_some(), "an uploaded document is not a note to drop");
        d.set_uploaded(waiting("landlord_consent"));
        assert!(d.waiting("landlord_consent").is_some() && d.uploaded("landlord_consent").is_none());
        d.forget_waiting("landlord_consent");
        assert!(d.waiting("landlord_consent").is_none());
        assert_eq!(d.documents.len(), 3, "the others are kept");
    }
}

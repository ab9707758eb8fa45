//! Request and response bodies of `api/openapi.yaml` (base path `/api/v1`). Field names are
//! snake_case and stable; adding optional fields is backwards compatible, renaming is not.

use crate::codes::FieldError;
use crate::status::Status;
use crate::ticket::TicketKind;
use serde::{Deserialize, Serialize};

/// A label in both languages; the portal picks one at render time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    pub en: String,
    pub hi: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Hi,
    En,
}

// ------------------------------------------------------------------ catalogue (GET /meta)

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaClass {
    ACity,
    Urban,
    Rural,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub version: String,
    pub limits: Limits,
    pub districts: Vec<District>,
    pub complaint_categories: Vec<Category>,
    pub tariffs: Vec<Tariff>,
    pub id_proofs: Vec<Choice>,
    pub documents: Vec<DocumentType>,
    pub fee_schedules: Vec<FeeSchedule>,
    /// What the regulator says is owed per day when a complaint is fixed late. Optional, so a
    /// backend that does not publish it simply shows no figure.
    #[serde(default)]
    pub compensation: Vec<CompensationSchedule>,
    /// Statutory days to release a new connection, per area class (RoC Rules 2024).
    pub connection_days: SlaByArea,
    pub grievance_forum: Forum,
    pub helpline: String,
    pub social: Vec<SocialLink>,
    /// Days the offices are closed besides Sundays: no site inspection is booked on them.
    /// Optional, so a backend without the list books any Monday to Saturday.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Office days (not Sundays or `holidays`) an applicant has to answer the office's query,
    /// counted from the day after it is raised. Optional: a backend without the rule sets no
    /// date to answer by (`TicketView::answer_by`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_answer_days: Option<u32>,
    /// The photo a complaint may carry (a broken pole, a wire on the ground, a burnt meter),
    /// uploaded like a document under its `code`. Optional: a backend that takes no photos
    /// leaves it out, and the complaint form then asks for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint_photo: Option<DocumentType>,
}

// The catalogue is a tree of codes; every form, check page and handler walks it the same way.
impl Meta {
    pub fn district(&self, code: &str) -> Option<&District> {
        self.districts.iter().find(|d| d.code == code)
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.complaint_categories.iter().find(|c| c.code == code)
    }

    pub fn tariff(&self, code: &str) -> Option<&Tariff> {
        self.tariffs.iter().find(|t| t.code == code)
    }

    /// A document type an upload may be: an application's documents or the complaint photo.
    pub fn document(&self, code: &str) -> Option<&DocumentType> {
        self.documents.iter().chain(&self.complaint_photo).find(|d| d.code == code)
    }

    /// The holiday on `day` (days since epoch), if the offices are closed for one.
    pub fn holiday(&self, day: i64) -> Option<&Holiday> {
        self.holidays.iter().find(|h| crate::time::parse_date(&h.date) == Some(day))
    }

    /// What in the catalogue is dated but is no `YYYY-MM-DD` date. A backend refuses to start
    /// with any: a misspelt holiday or schedule date would otherwise be ignored without a word.
    pub fn undated(&self) -> Vec<String> {
        let bad = |d: &str| crate::time::parse_date(d).is_none();
        let fees = self.fee_schedules.iter().map(|s| ("fee schedule from", &s.effective_from));
        let comp = self.compensation.iter().map(|s| ("compensation schedule from", &s.effective_from));
        let days = self.holidays.iter().map(|h| ("holiday", &h.date));
        fees.chain(comp).chain(days).filter(|(_, d)| bad(d)).map(|(what, d)| format!("{what} {d:?}")).collect()
    }

    /// Whether the offices are open on `day` (days since epoch): not a Sunday, not a holiday.
    pub fn office_day(&self, day: i64) -> bool {
        !crate::time::is_sunday(day) && self.holiday(day).is_none()
    }

    /// The `n`th office day after `day`: the last day of a window of `n` office days that starts
    /// the next day, so a query raised on a Saturday before a holiday does not lose its days.
    pub fn office_days_after(&self, day: i64, n: u32) -> i64 {
        let (mut d, mut left) = (day, n);
        while left > 0 {
            d += 1;
            if self.office_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The holidays from `first` to `last` (days since epoch, both included), in date order.
    pub fn holidays_between(&self, first: i64, last: i64) -> Vec<(i64, &Holiday)> {
        let mut v: Vec<_> = self
            .holidays
            .iter()
            .filter_map(|h| crate::time::parse_date(&h.date).map(|d| (d, h)))
            .filter(|(d, _)| (first..=last).contains(d))
            .collect();
        v.sort_by_key(|(d, _)| *d);
        v
    }
}

/// A day the offices are closed (a gazetted holiday), in `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    pub name_max: u32,
    pub address_max: u32,
    pub description_max: u32,
    pub comment_max: u32,
    pub otp_length: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    pub code: String,
    pub name: Text,
    /// First three digits of the PIN codes that belong to this district.
    pub pin_prefixes: Vec<String>,
    pub divisions: Vec<Division>,
}

impl District {
    pub fn division(&self, code: &str) -> Option<&Division> {
        self.divisions.iter().find(|v| v.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Division {
    pub code: String,
    pub name: Text,
    pub area_class: AreaClass,
    pub sub_divisions: Vec<Choice>,
}

impl Division {
    pub fn sub_division(&self, code: &str) -> Option<&Choice> {
        self.sub_divisions.iter().find(|s| s.code == code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaByArea {
    pub a_city: u32,
    pub urban: u32,
    pub rural: u32,
}

impl SlaByArea {
    pub fn get(&self, area: AreaClass) -> u32 {
        match area {
            AreaClass::ACity => self.a_city,
            AreaClass::Urban => self.urban,
            AreaClass::Rural => self.rural,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub code: String,
    pub name: Text,
    /// A short symbol shown beside the name (emoji, so no image download).
    pub icon: String,
    pub anonymous_allowed: bool,
    /// The problem is one connection's (its bill, its meter): the office cannot act without the
    /// 10-digit account number, so an address alone does not do.
    #[serde(default)]
    pub account_required: bool,
    pub subcategories: Vec<SubCategory>,
}

impl Category {
    pub fn subcategory(&self, code: &str) -> Option<&SubCategory> {
        self.subcategories.iter().find(|s| s.code == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubCategory {
    pub code: String,
    pub name: Text,
    /// Danger to life: the portal shows "stay away, call 1912" at once.
    pub safety: bool,
    pub sla_hours: SlaByArea,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariff {
    pub code: String,
    pub name: Text,
    pub min_kw: u32,
    pub max_kw: u32,
    /// Loads at or above this need a three-phase supply.
    pub three_phase_from_kw: u32,
    pub required_documents: Vec<String>,
}

impl Tariff {
    /// Whether the category takes this load at all (its sanctioned-load limits).
    pub fn allows(&self, load_kw: u32) -> bool {
        (self.min_kw..=self.max_kw).contains(&load_kw)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentType {
    pub code: String,
    pub name: Text,
    /// MIME types accepted (checked by content, not by file name).
    pub formats: Vec<String>,
    pub max_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeSchedule {
    /// `YYYY-MM-DD`; the schedule applies from this date until the next one.
    pub effective_from: String,
    pub source: String,
    pub items: Vec<FeeItem>,
}

impl crate::time::Dated for FeeSchedule {
    fn effective_from(&self) -> &str {
        &self.effective_from
    }
}

impl crate::time::Dated for CompensationSchedule {
    fn effective_from(&self) -> &str {
        &self.effective_from
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationSchedule {
    /// `YYYY-MM-DD`; applies to deadlines from this date until the next schedule.
    pub effective_from: String,
    pub source: String,
    pub items: Vec<CompensationItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompensationItem {
    /// Complaint sub-category codes (unique across categories) this amount applies to.
    pub subcategories: Vec<String>,
    pub rupees_per_day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeItem {
    pub code: String,
    pub name: Text,
    /// Applies only to these tariffs (empty = all).
    #[serde(default)]
    pub tariffs: Vec<String>,
    /// Applies only to this phase (`single`/`three`), if set.
    #[serde(default)]
    pub phase: Option<Phase>,
    pub rupees: u32,
    /// Multiplied by the load in kW when true.
    #[serde(default)]
    pub per_kw: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Single,
    Three,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forum {
    pub name: Text,
    pub address: Text,
    pub phone: String,
    pub url: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SocialLink {
    pub name: String,
    pub url: String,
}

// ------------------------------------------------------------------ OTP

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtpPurpose {
    Complaint,
    Connection,
    Feedback,
    /// "Find my numbers": list what a mobile has filed (`GET /tickets`).
    Lookup,
    /// Withdraw a complaint or an application (`POST …/{number}/withdraw`).
    Withdraw,
}

impl OtpPurpose {
    /// The wire name, as stored with a code and the token it buys.
    pub fn as_str(self) -> &'static str {
        match self {
            OtpPurpose::Complaint => "complaint",
            OtpPurpose::Connection => "connection",
            OtpPurpose::Feedback => "feedback",
            OtpPurpose::Lookup => "lookup",
            OtpPurpose::Withdraw => "withdraw",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpRequest {
    pub mobile: String,
    pub purpose: OtpPurpose,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpSent {
    pub otp_id: String,
    pub expires_at: String,
    /// Earliest time a resend is accepted.
    pub resend_after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpVerify {
    pub otp_id: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpToken {
    pub token: String,
    pub expires_at: String,
}

// ------------------------------------------------------------------ who filed

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FiledBy {
    #[default]
    #[serde(rename = "self")]
    Consumer,
    /// A cyber-café operator filing for a consumer (whose own mobile gets the OTP).
    Operator {
        /// The operator's own mobile number.
        operator_id: String,
        operator_name: String,
        #[serde(default)]
        shop: String,
    },
    Kiosk {
        kiosk_id: String,
    },
}

// ------------------------------------------------------------------ complaints

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ComplaintRequest {
    #[serde(default)]
    pub account_number: Option<String>,
    pub mobile: String,
    #[serde(default)]
    pub name: String,
    pub category: String,
    pub subcategory: String,
    pub description: String,
    /// When the problem started: `just_now`, `today`, `yesterday`, `earlier`.
    #[serde(default)]
    pub started: Option<String>,
    pub district: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub landmark: Option<String>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub language: Lang,
    #[serde(default)]
    pub filed_by: FiledBy,
    /// A photo of the problem, uploaded first (`POST /uploads` with `Meta::complaint_photo`'s
    /// code). Optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<DocumentRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    pub code: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketCreated {
    pub number: String,
    pub kind: TicketKind,
    pub status: Status,
    pub created_at: String,
    pub expected_by: String,
    pub office: Office,
    /// A complaint only: the request repeated one still open (`duplicate::same_problem`), so this
    /// is that complaint, not a new one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub already_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub at: String,
    pub status: Status,
    pub note: Text,
    /// What happened; absent on the wire for the usual case, a change made by the office.
    #[serde(default, skip_serializing_if = "UpdateKind::is_status")]
    pub kind: UpdateKind,
}

/// Why a ticket's history has a new line. Most lines are the office moving it on; the status page
/// labels the others by what happened, since their status only repeats the line before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateKind {
    /// The consumer filed the same problem again while it was open (`duplicate::same_problem`).
    ReportedAgain,
    /// The office moved the ticket on. Last, because serde's catch-all must be: a newer backend's
    /// kinds read as a status line, so the page still shows the line and its note.
    #[default]
    #[serde(other)]
    Status,
}

impl UpdateKind {
    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            UpdateKind::Status => "status",
            UpdateKind::ReportedAgain => "reported_again",
        }
    }

    /// Unknown names read as a status line, as on the wire.
    pub fn parse(s: &str) -> Self {
        match s {
            "reported_again" => UpdateKind::ReportedAgain,
            _ => UpdateKind::Status,
        }
    }

    pub fn is_status(&self) -> bool {
        *self == UpdateKind::Status
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub resolved: bool,
    #[serde(default)]
    pub rating: Option<u8>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// Why a complaint or an application is withdrawn by whoever filed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// One of `WITHDRAW_REASONS` for the ticket's kind.
    pub reason: String,
    /// Required when the reason is `other`.
    #[serde(default)]
    pub comment: Option<String>,
}

/// The reasons offered, by kind: a complaint's problem can go away by itself (the supply came
/// back); an application's connection can stop being wanted. Either can have been filed twice.
pub const WITHDRAW_REASONS: [(TicketKind, &[&str]); 2] = [
    (TicketKind::Complaint, &["fixed", "duplicate", "other"]),
    (TicketKind::Application, &["not_needed", "duplicate", "other"]),
];

pub fn withdraw_reasons(kind: TicketKind) -> &'static [&'static str] {
    WITHDRAW_REASONS.iter().find(|(k, _)| *k == kind).map(|(_, r)| *r).unwrap_or(&[])
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    pub number: String,
    pub kind: TicketKind,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    pub expected_by: String,
    pub office: Office,
    /// The filer's mobile with all but the last four digits hidden.
    pub contact: String,
    pub category: String,
    pub subcategory: String,
    pub updates: Vec<Update>,
    #[serde(default)]
    pub feedback: Option<Feedback>,
    /// An application found feasible: the fees due (rupees), paid online through
    /// `POST /connections/{number}/payments`. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_due_rupees: Option<u32>,
    /// A released connection's 10-digit account number, all but its last four digits hidden
    /// (`XXXXXX0123`, [`crate::normalize::mask_account`]): anyone with the application's number
    /// can read this view, and an account number opens the bills, name and address. The full
    /// number goes by SMS to the applicant's mobile only. Absent before release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_masked: Option<String>,
    /// An application with the office's query open: the last day (India date, `YYYY-MM-DD`) to
    /// answer it, `Meta::query_answer_days` office days after it was raised. Absent otherwise,
    /// or when the backend has no such rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_by: Option<String>,
    /// A complaint filed with a photo of the problem (the office sees the photo; the status
    /// page, which anyone with the number can open, only says that one was sent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub photo: bool,
}

impl TicketView {
    /// Whether the filer's word is awaited now (`POST …/feedback`): a complaint marked fixed is
    /// confirmed or reopened, each time it is marked fixed; a released connection is rated, once.
    pub fn takes_feedback(&self) -> bool {
        match self.status {
            Status::Resolved => true,
            Status::ConnectionReleased => self.feedback.is_none(),
            _ => false,
        }
    }
}

/// Paying an application's fees online (`POST /connections/{number}/payments`): where the
/// payment gateway sends the browser back afterwards, the application's status page on the
/// portal (`<origin>/track/<number>`, checked by [`crate::validate::return_to`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentStart {
    pub return_to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Sent to the gateway, no answer from the bank yet.
    Pending,
    Paid,
    /// Refused, cancelled or abandoned: no money was taken, and the fees are still due.
    Failed,
}

/// One attempt to pay an application's fees. The gateway's redirect back to the portal proves
/// nothing (anyone can type the address); the portal believes only this, read from the backend,
/// which learns the result from the gateway itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub id: String,
    pub state: PaymentState,
    pub amount_rupees: u32,
    /// While pending: the gateway's page to send the browser to (absolute, or relative to the
    /// API's origin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_url: Option<String>,
    /// Once paid: the bank's reference, for the applicant's records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// One line of "Find my numbers": enough to recognise a ticket and open its status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub number: String,
    pub kind: TicketKind,
    pub status: Status,
    pub created_at: String,
    pub expected_by: String,
    pub category: String,
    pub subcategory: String,
}

impl From<&TicketView> for TicketSummary {
    fn from(v: &TicketView) -> Self {
        TicketSummary {
            number: v.number.clone(),
            kind: v.kind,
            status: v.status,
            created_at: v.created_at.clone(),
            expected_by: v.expected_by.clone(),
            category: v.category.clone(),
            subcategory: v.subcategory.clone(),
        }
    }
}

/// `GET /tickets`: what the verified mobile has filed, newest first (at most `TicketList::MAX`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketList {
    pub tickets: Vec<TicketSummary>,
}

impl TicketList {
    pub const MAX: usize = 50;
}

// ------------------------------------------------------------------ announcements

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Announcement {
    pub id: String,
    pub published_at: String,
    /// `scheme`, `notice` or `outage`.
    pub kind: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub link: Option<String>,
    /// An outage's district (catalogue code) and window, RFC 3339 (`outage::current`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

// ------------------------------------------------------------------ errors

/// RFC 9457 problem details with field codes (never sentences: the portal translates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub status: String,
    pub version: String,
}

// ------------------------------------------------------------------ Jhatpat applications

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadReceipt {
    pub upload_id: String,
    pub sha256: String,
    pub bytes: u64,
    /// Detected from the content, not from the file name.
    pub content_type: String,
    pub document_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Applicant {
    pub name: String,
    pub father_name: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    pub mobile: String,
    #[serde(default)]
    pub email: Option<String>,
    /// `individual`, `firm`, `government` or `trust`.
    pub applicant_type: String,
    pub id_proof_type: String,
    /// For Aadhaar, sent only in this one request; the backend stores and returns it masked.
    pub id_proof_number: String,
    /// The applicant's consent to the use of their Aadhaar number to verify their identity for this
    /// application (Aadhaar Act s.8(2)(a)); required when `id_proof_type` is `aadhaar`, and kept
    /// with the application as the record of it. Always false for other proofs.
    #[serde(default)]
    pub aadhaar_consent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Premises {
    pub house: String,
    pub street: String,
    #[serde(default)]
    pub landmark: Option<String>,
    pub district: String,
    pub division: String,
    pub sub_division: String,
    pub pin: String,
    /// `urban` or `rural`.
    pub area: String,
    /// `owner` or `tenant` (a tenant needs the landlord's consent document).
    pub ownership: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConnectionDetails {
    pub tariff: String,
    pub load_kw: u32,
    pub phase: Option<Phase>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRef {
    pub document_type: String,
    pub upload_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ConnectionRequest {
    pub applicant: Applicant,
    pub premises: Premises,
    pub connection: ConnectionDetails,
    pub documents: Vec<DocumentRef>,
    /// Three preferred dates (`YYYY-MM-DD`) for the site inspection.
    pub inspection_dates: Vec<String>,
    /// Three preferred dates for installing the meter, each after the first inspection date
    /// (Jhatpat asks for both). Absent from an older client's request: then refused as missing.
    #[serde(default)]
    pub installation_dates: Vec<String>,
    pub declaration: bool,
    #[serde(default)]
    pub language: Lang,
    #[serde(default)]
    pub filed_by: FiledBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub code: String,
    pub name: Text,
    pub rupees: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeEstimate {
    /// The fee schedule used (the one in force on the day of the application).
    pub effective_from: String,
    pub items: Vec<FeeLine>,
    pub total_rupees: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionCreated {
    pub number: String,
    pub kind: crate::ticket::TicketKind,
    pub status: crate::status::Status,
    pub created_at: String,
    pub expected_by: String,
    pub office: Office,
    pub fees: FeeEstimate,
    /// Statutory days to release the connection for this area (RoC Rules 2024).
    pub statutory_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryResponse {
    pub message: String,
    #[serde(default)]
    pub upload_ids: Vec<String>,
}

/// What a browser sends to the policy's `report-uri` when the Content-Security-Policy blocks
/// something (`Content-Type: application/csp-report`). Browsers send more members; only these are
/// read, and every one may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CspReport {
    #[serde(rename = "csp-report")]
    pub report: CspViolation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case", default)]
pub struct CspViolation {
    pub document_uri: String,
    pub effective_directive: String,
    pub violated_directive: String,
    /// A URL, or a keyword such as `inline`, `eval`, `data`.
    pub blocked_uri: String,
    pub source_file: String,
    pub line_number: u64,
    /// `enforce` or `report`.
    pub disposition: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filers_word_is_awaited_on_a_complaint_marked_fixed_and_once_on_a_released_connection() {
        let text = || Text { en: String::new(), hi: String::new() };
        let view = |kind, status, feedback: Option<Feedback>| TicketView {
            number: "200000000001".into(),
            kind,
            status,
            created_at: String::new(),
            updated_at: String::new(),
            expected_by: String::new(),
            office: Office { code: "VNS".into(), name: text() },
            contact: "XXXXXX1234".into(),
            category: String::new(),
            subcategory: String::new(),
            updates: vec![],
            feedback,
            amount_due_rupees: None,
            account_masked: None,
            answer_by: None,
            photo: false,
        };
        let said = |resolved| Some(Feedback { resolved, rating: resolved.then_some(4), comment: None });
        // Reopened once, marked fixed again: asked again.
        assert!(view(TicketKind::Complaint, Status::Resolved, said(false)).takes_feedback());
        assert!(!view(TicketKind::Complaint, Status::Closed, said(true)).takes_feedback());
        assert!(view(TicketKind::Application, Status::ConnectionReleased, None).takes_feedback());
        assert!(!view(TicketKind::Application, Status::ConnectionReleased, said(true)).takes_feedback(), "once");
        for s in [Status::Feasible, Status::InstallationScheduled, Status::Withdrawn, Status::Rejected] {
            assert!(!view(TicketKind::Application, s, None).takes_feedback(), "{s:?}");
        }
    }

    #[test]
    fn an_update_says_what_it_is_only_when_the_office_did_not_move_the_ticket() {
        let mut u = Update {
            at: "2026-12-03T10:00:00Z".into(),
            status: Status::Registered,
            note: Text { en: "e".into(), hi: "h".into() },
            kind: UpdateKind::Status,
        };
        let plain = serde_json::to_value(&u).unwrap();
        assert!(plain.get("kind").is_none(), "the usual line keeps the old shape: {plain}");
        u.kind = UpdateKind::ReportedAgain;
        let again = serde_json::to_string(&u).unwrap();
        assert!(again.contains(r#""kind":"reported_again""#), "{again}");
        assert_eq!(serde_json::from_str::<Update>(&again).unwrap(), u);
        // An older backend's line (no kind) and a newer one's (a kind we do not know) both read.
        let old: Update = serde_json::from_value(plain).unwrap();
        assert_eq!(old.kind, UpdateKind::Status);
        let newer: Update = serde_json::from_str(&again.replace("reported_again", "meter_read")).unwrap();
        assert_eq!(newer.kind, UpdateKind::Status);
        for k in [UpdateKind::Status, UpdateKind::ReportedAgain] {
            assert_eq!(UpdateKind::parse(k.as_str()), k);
        }
    }

    #[test]
    fn a_window_of_office_days_skips_sundays_and_the_catalogues_holidays() {
        use crate::time::{civil, parse_date};
        let mut meta = crate::validate::tests::meta();
        meta.holidays = vec![Holiday { date: "2026-12-25".into(), name: Text::default() }];
        let day = |s| parse_date(s).unwrap();
        let after = |from, n| civil(meta.office_days_after(day(from), n));
        // Raised on Friday 18 December: Saturday 19, Monday 21 … Thursday 24, Saturday 26 and
        // Monday 28 (the two Sundays and Christmas between are not counted).
        assert_eq!(after("2026-12-18", 7), "2026-12-28");
        // Raised on a Saturday: the Sunday after it is skipped, the window starts on Monday.
        assert_eq!(after("2026-12-05", 1), "2026-12-07");
        // Raised on a Sunday or a holiday: the next office day is the first.
        assert_eq!(after("2026-12-06", 1), "2026-12-07");
        assert_eq!(after("2026-12-24", 1), "2026-12-26");
        assert_eq!(after("2026-12-24", 0), "2026-12-24");
        assert!(!meta.office_day(day("2026-12-25")) && !meta.office_day(day("2026-12-27")));
        assert!(meta.office_day(day("2026-12-26")));
    }
}

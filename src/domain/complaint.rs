//! The complaint form as the person fills it in (kept exactly as typed), its steps, and the
//! per-step checks, built on the shared rules in `portal_contract::validate`.

use crate::domain::documents::{Documents, Uploaded};
use crate::domain::validate;
use crate::domain::wire::{ComplaintRequest, FiledBy, Lang, Location, Meta};
use crate::domain::{ErrorCode, FieldError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Consumer,
    Problem,
    Details,
    Contact,
    Check,
}

impl Step {
    pub const ALL: [Step; 5] = [Step::Consumer, Step::Problem, Step::Details, Step::Contact, Step::Check];

    /// The route of each step under `/complaint/new`.
    pub fn path(self) -> &'static str {
        match self {
            Step::Consumer => "/complaint/new",
            Step::Problem => "/complaint/new/problem",
            Step::Details => "/complaint/new/details",
            Step::Contact => "/complaint/new/contact",
            Step::Check => "/complaint/new/check",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Step::Consumer => "consumer",
            Step::Problem => "problem",
            Step::Details => "details",
            Step::Contact => "contact",
            Step::Check => "check",
        }
    }

    /// The step at `/complaint/new/<segment>`; `None` for an address that is no step.
    pub fn from_segment(segment: &str) -> Option<Step> {
        let path = format!("/complaint/new/{}", segment.trim_matches('/'));
        Step::ALL.into_iter().find(|s| s.path() == path.trim_end_matches('/'))
    }

    pub fn from_name(s: &str) -> Step {
        Step::ALL.into_iter().find(|x| x.name() == s).unwrap_or(Step::Consumer)
    }

    pub fn next(self) -> Step {
        match self {
            Step::Consumer => Step::Problem,
            Step::Problem => Step::Details,
            Step::Details => Step::Contact,
            Step::Contact | Step::Check => Step::Check,
        }
    }

    pub fn previous(self) -> Option<Step> {
        match self {
            Step::Consumer => None,
            Step::Problem => Some(Step::Consumer),
            Step::Details => Some(Step::Problem),
            Step::Contact => Some(Step::Details),
            Step::Check => Some(Step::Contact),
        }
    }

    pub fn progress(self) -> u8 {
        match self {
            Step::Consumer => 10,
            Step::Problem => 30,
            Step::Details => 50,
            Step::Contact => 70,
            Step::Check => 90,
        }
    }

    /// Which step asks for a field, so a backend error can send the person back there.
    pub fn of_field(field: &str) -> Step {
        match field {
            "account_number" | "district" | "address" | "landmark" | "location" | "account_choice" => Step::Consumer,
            "category" | "subcategory" | "anonymous" => Step::Problem,
            "description" | "started" | "photo" => Step::Details,
            _ => Step::Contact,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ComplaintDraft {
    /// `account` or `area` ("I don't have it / it's an area problem").
    pub account_choice: String,
    pub account_number: String,
    pub district: String,
    pub address: String,
    pub landmark: String,
    pub location: Option<Location>,
    pub category: String,
    pub subcategory: String,
    pub anonymous: bool,
    pub description: String,
    pub started: String,
    pub name: String,
    pub mobile: String,
    /// Language for SMS updates: `hi` or `en`.
    pub updates_language: String,
    /// A photo of the problem (optional): uploaded, or chosen offline and waiting on the device
    /// (an empty `upload_id`), to be uploaded just before the complaint goes, from the check page
    /// or the outbox (`offline::photo`).
    pub photo: Option<Uploaded>,
    /// The photo chosen for it could not be sent (gone from the device, refused, or the hour's
    /// uploads used up), so the complaint goes without it. Kept with the draft so that a form sent
    /// back for correction says so where the photo was, and its confirmation says so too; a new
    /// photo clears it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub photo_left: bool,
}

impl ComplaintDraft {
    /// The next complaint of the same person about another problem at the same place: where and
    /// who (and the language for updates) are kept, what is wrong is asked afresh — a photo or
    /// "anonymous" belonged to the problem just reported.
    pub fn same_place(&self) -> ComplaintDraft {
        ComplaintDraft {
            account_choice: self.account_choice.clone(),
            account_number: self.account_number.clone(),
            district: self.district.clone(),
            address: self.address.clone(),
            landmark: self.landmark.clone(),
            location: self.location,
            name: self.name.clone(),
            mobile: self.mobile.clone(),
            updates_language: self.updates_language.clone(),
            ..ComplaintDraft::default()
        }
    }

    /// The photo chosen offline that waits on the device to go with this complaint.
    pub fn waiting_photo(&self) -> Option<&Uploaded> {
        self.photo.as_ref().filter(|p| p.upload_id.is_empty())
    }

    /// The waiting photo cannot go: the complaint goes without it, and says so.
    pub fn photo_could_not_go(&mut self, code: &str) {
        self.forget_waiting(code);
        self.photo_left = true;
    }
}

impl Documents for ComplaintDraft {
    fn uploaded(&self, code: &str) -> Option<&Uploaded> {
        self.photo.as_ref().filter(|p| p.document_type == code && !p.upload_id.is_empty())
    }

    fn waiting(&self, code: &str) -> Option<&Uploaded> {
        self.waiting_photo().filter(|p| p.document_type == code)
    }

    fn set_uploaded(&mut self, u: Uploaded) {
        self.photo = Some(u);
        self.photo_left = false;
    }

    fn remove(&mut self, code: &str) {
        if self.photo.as_ref().is_some_and(|p| p.document_type == code) {
            self.photo = None;
        }
    }
}

fn push(errors: &mut Vec<FieldError>, field: &str, r: Result<impl Sized, ErrorCode>) {
    if let Err(code) = r {
        errors.push(FieldError::new(field, code));
    }
}

impl ComplaintDraft {
    pub fn check(&self, step: Step, meta: &Meta) -> Vec<FieldError> {
        let mut e = Vec::new();
        let lim = &meta.limits;
        match step {
            Step::Consumer => {
                match self.account_choice.as_str() {
                    "account" => push(&mut e, "account_number", validate::account(&self.account_number)),
                    "area" => push(&mut e, "address", validate::required_text(&self.address, lim.address_max)),
                    _ => e.push(FieldError::new("account_choice", ErrorCode::Required)),
                }
                if self.district.is_empty() {
                    e.push(FieldError::new("district", ErrorCode::Required));
                }
                push(&mut e, "landmark", validate::optional_text(&self.landmark, lim.address_max));
            }
            Step::Problem => {
                match meta.category(&self.category) {
                    None => e.push(FieldError::new("category", ErrorCode::Required)),
                    Some(c) => {
                        // Said here, where the problem is chosen: the account number was asked
                        // for a step earlier, and "area problem" was answered there instead.
                        if c.account_required && self.account_choice != "account" {
                            e.push(FieldError::new("category", ErrorCode::NotAllowed));
                        }
                        if c.subcategory(&self.subcategory).is_none() {
                            e.push(FieldError::new("subcategory", ErrorCode::Required));
                        }
                    }
                }
            }
            Step::Details => push(&mut e, "description", validate::description(&self.description, lim.description_max)),
            Step::Contact => {
                if !self.is_anonymous(meta) {
                    push(&mut e, "name", validate::required_text(&self.name, lim.name_max));
                }
                push(&mut e, "mobile", validate::mobile(&self.mobile));
            }
            Step::Check => {
                for s in [Step::Consumer, Step::Problem, Step::Details, Step::Contact] {
                    e.extend(self.check(s, meta));
                }
            }
        }
        e
    }

    /// The first step that still has a problem (where "Continue your complaint" resumes at most).
    pub fn first_incomplete(&self, meta: &Meta) -> Step {
        [Step::Consumer, Step::Problem, Step::Details, Step::Contact]
            .into_iter()
            .find(|s| !self.check(*s, meta).is_empty())
            .unwrap_or(Step::Check)
    }

    pub fn is_anonymous(&self, meta: &Meta) -> bool {
        self.anonymous && meta.category(&self.category).is_some_and(|c| c.anonymous_allowed)
    }

    pub fn is_safety(&self, meta: &Meta) -> bool {
        meta.complaint_categories
            .iter()
            .filter(|c| c.code == self.category)
            .flat_map(|c| c.subcategories.iter())
            .any(|s| s.code == self.subcategory && s.safety)
            || self.category == "safety"
    }

    /// The location goes with an area problem, and only from a consumer's own device: on a
    /// cyber café's PC or an office kiosk, the browser's location is the shop or the office,
    /// which would send the crew to the wrong place.
    pub fn location_to_send(&self, filed_by: &FiledBy) -> Option<Location> {
        self.location.filter(|_| self.account_choice == "area" && matches!(filed_by, FiledBy::Consumer))
    }

    /// The canonical request (normalised by the same rules the server applies).
    pub fn to_request(
        &self,
        meta: &Meta,
        language: Lang,
        filed_by: FiledBy,
    ) -> Result<ComplaintRequest, Vec<FieldError>> {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        // An address typed before switching to the account number was never on the check page.
        let area = |s: &str| if self.account_choice == "area" { opt(s) } else { None };
        let location = self.location_to_send(&filed_by);
        let req = ComplaintRequest {
            account_number: if self.account_choice == "account" { opt(&self.account_number) } else { None },
            mobile: self.mobile.clone(),
            name: if self.is_anonymous(meta) { String::new() } else { self.name.clone() },
            category: self.category.clone(),
            subcategory: self.subcategory.clone(),
            description: self.description.clone(),
            started: opt(&self.started),
            district: self.district.clone(),
            address: area(&self.address),
            landmark: area(&self.landmark),
            location,
            anonymous: self.is_anonymous(meta),
            language: if self.updates_language == "en" {
                Lang::En
            } else {
                language_or_hi(language, &self.updates_language)
            },
            filed_by,
            photo: self.photo.as_ref().and_then(Uploaded::to_send),
        };
        validate::complaint(&req, meta)
    }

    /// What the drafts list shows: the name, else the masked mobile.
    pub fn label(&self) -> String {
        let name = crate::domain::normalize::text(&self.name);
        if !name.is_empty() {
            name
        } else {
            crate::domain::normalize::mobile(&self.mobile)
                .map(|m| crate::domain::normalize::mask_mobile(&m))
                .unwrap_or_default()
        }
    }
}

fn language_or_hi(current: Lang, chosen: &str) -> Lang {
    match chosen {
        "hi" => Lang::Hi,
        _ => current,
    }
}

/// `25.3176, 82.9739`: four decimals are about 11 m, as close as a phone's fix is anyway.
pub fn location_text(l: Location) -> String {
    format!("{:.4}, {:.4}", l.lat, l.lon)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn another_problem_at_the_same_place_keeps_where_and_who_but_not_what() {
        let photo = Uploaded {
            document_type: "complaint_photo".into(),
            upload_id: "u1".into(),
            file_name: "a.jpg".into(),
            ..Default::default()
        };
        let sent = ComplaintDraft {
            account_choice: "area".into(),
            account_number: String::new(),
            district: "VNS".into(),
            address: "Lane 4, Lanka".into(),
            landmark: "Near the temple".into(),
            location: Some(Location { lat: 25.28, lon: 82.99 }),
            category: "safety".into(),
            subcategory: "wire_down".into(),
            anonymous: true,
            description: "A wire is down".into(),
            started: "today".into(),
            name: "Sita Devi".into(),
            mobile: "98765 43210".into(),
            updates_language: "en".into(),
            photo: Some(photo),
            photo_left: true,
        };
        let next = sent.same_place();
        assert_eq!(
            (next.account_choice.as_str(), next.district.as_str(), next.address.as_str(), next.landmark.as_str()),
            ("area", "VNS", "Lane 4, Lanka", "Near the temple")
        );
        assert_eq!(next.location, sent.location);
        assert_eq!(
            (next.name.as_str(), next.mobile.as_str(), next.updates_language.as_str()),
            ("Sita Devi", "98765 43210", "en")
        );
        // What was wrong last time is asked again, and nothing of the last problem goes with it.
        assert!(next.category.is_empty() && next.subcategory.is_empty() && next.description.is_empty());
        assert!(next.started.is_empty() && next.photo.is_none() && !next.photo_left && !next.anonymous);
        // So the form starts at "what is wrong": the first step already passes.
        assert!(next.check(Step::Consumer, &meta()).is_empty());
    }

    #[test]
    fn each_step_has_one_address_and_others_are_not_steps() {
        assert_eq!(Step::from_segment(""), Some(Step::Consumer));
        assert_eq!(Step::from_segment("/"), Some(Step::Consumer));
        assert_eq!(Step::from_segment("check/"), Some(Step::Check));
        for s in Step::ALL {
            assert_eq!(Step::from_segment(&s.path()["/complaint/new".len()..]), Some(s));
        }
        assert_eq!(Step::from_segment("consumer"), None, "the first step lives at /complaint/new");
        assert_eq!(Step::from_segment("problem/extra"), None);
        assert_eq!(Step::from_segment("bogus"), None);
    }

    pub fn meta() -> Meta {
        serde_json::from_str(include_str!("../../api/server/data/meta.json")).unwrap()
    }

    fn filled() -> ComplaintDraft {
        ComplaintDraft {
            account_choice: "account".into(),
            account_number: "१६७८४४४०७२".into(),
            district: "VNS".into(),
            category: "no_supply".into(),
            subcategory: "my_house".into(),
            description: "No light".into(),
            name: "Sita".into(),
            mobile: "+91 98765 43210".into(),
            ..Default::default()
        }
    }

    #[test]
    fn each_step_reports_its_own_fields() {
        let m = meta();
        let empty = ComplaintDraft::default();
        let fields = |s| empty.check(s, &m).into_iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(Step::Consumer), ["account_choice", "district"]);
        assert_eq!(fields(Step::Problem), ["category"]);
        assert_eq!(fields(Step::Details), ["description"]);
        assert_eq!(fields(Step::Contact), ["name", "mobile"]);
        assert_eq!(empty.first_incomplete(&m), Step::Consumer);
        assert_eq!(filled().first_incomplete(&m), Step::Check);
        for e in empty.check(Step::Check, &m) {
            assert!(Step::ALL.contains(&Step::of_field(&e.field)));
        }
    }

    #[test]
    fn area_problem_needs_an_address_instead_of_account() {
        let m = meta();
        let mut d = filled();
        d.account_choice = "area".into();
        assert_eq!(d.check(Step::Consumer, &m)[0].field, "address");
        d.address = "Near Sigra crossing".into();
        assert!(d.check(Step::Consumer, &m).is_empty());
        assert_eq!(d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap().account_number, None);
    }

    /// What is sent is what the check page shows: the answers of the choice made, and the
    /// location only where it can be the fault's.
    #[test]
    fn the_address_and_location_go_only_with_an_area_problem_and_the_location_only_from_a_consumer() {
        let m = meta();
        let mut d = filled();
        d.account_choice = "area".into();
        d.address = "Near Sigra crossing".into();
        d.landmark = "Water tank".into();
        d.location = Some(Location { lat: 25.3176, lon: 82.9739 });
        let r = d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap();
        assert_eq!((r.address.as_deref(), r.landmark.as_deref()), (Some("Near Sigra crossing"), Some("Water tank")));
        assert_eq!(r.location, d.location);
        let operator =
            FiledBy::Operator { operator_id: "9839012345".into(), operator_name: "Ravi".into(), shop: "Cafe".into() };
        for by in [operator, FiledBy::Kiosk { kiosk_id: "kiosk".into() }] {
            assert_eq!(d.location_to_send(&by), None, "{by:?}: the shop's or the office's location");
            let r = d.to_request(&m, Lang::Hi, by).unwrap();
            assert_eq!((r.location, r.address.as_deref()), (None, Some("Near Sigra crossing")));
        }
        // Switched back to the account number: what was typed for the area stays in the draft
        // (nothing typed is lost) but is not sent.
        d.account_choice = "account".into();
        assert_eq!(d.location_to_send(&FiledBy::Consumer), None);
        let r = d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap();
        assert_eq!((r.address, r.landmark, r.location), (None, None, None));
        assert_eq!(r.account_number.as_deref(), Some("1678444072"));
        assert_eq!(d.address, "Near Sigra crossing");
    }

    #[test]
    fn a_bill_or_meter_complaint_asks_for_the_account_number_where_it_is_chosen() {
        let m = meta();
        let mut d = filled();
        d.category = "bill".into();
        d.subcategory = "wrong_bill".into();
        assert!(d.check(Step::Check, &m).is_empty(), "with the account number");
        d.account_choice = "area".into();
        d.address = "Near Sigra crossing".into();
        let errs = d.check(Step::Problem, &m);
        assert_eq!(
            errs.iter().map(|e| (e.field.as_str(), e.code)).collect::<Vec<_>>(),
            [("category", ErrorCode::NotAllowed)]
        );
        assert_eq!(d.first_incomplete(&m), Step::Problem);
        // The server refuses it too (the same catalogue flag).
        let sent = d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap_err();
        assert!(sent.iter().any(|e| e.field == "account_number" && e.code == ErrorCode::Required), "{sent:?}");
        d.category = "meter".into();
        d.subcategory = "stopped".into();
        assert_eq!(d.check(Step::Problem, &m)[0].code, ErrorCode::NotAllowed);
        d.category = "no_supply".into();
        d.subcategory = "street".into();
        assert!(d.check(Step::Problem, &m).is_empty(), "a line fault is found by its address");
    }

    #[test]
    fn request_is_normalised_and_theft_can_be_anonymous() {
        let m = meta();
        let r = filled().to_request(&m, Lang::En, FiledBy::Consumer).unwrap();
        assert_eq!((r.account_number.as_deref(), r.mobile.as_str()), (Some("1678444072"), "9876543210"));
        let mut d = filled();
        d.category = "theft".into();
        d.subcategory = "hooking".into();
        d.anonymous = true;
        d.name.clear();
        assert!(d.check(Step::Contact, &m).is_empty());
        assert_eq!(d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap().name, "");
        assert!(!filled().is_safety(&m));
        d.category = "safety".into();
        d.subcategory = "wire_on_ground".into();
        assert!(d.is_safety(&m));
    }

    /// Only an uploaded photo goes with the complaint: one still waiting for the network (a
    /// note with no upload id) is not named, and the complaint is sent without it.
    #[test]
    fn the_request_names_an_uploaded_photo_only() {
        let m = meta();
        let photo = |id: &str| Uploaded {
            document_type: "complaint_photo".into(),
            upload_id: id.into(),
            file_name: "pole.jpg".into(),
            ..Default::default()
        };
        let mut d = filled();
        assert_eq!(d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap().photo, None);
        d.photo = Some(photo(""));
        assert_eq!(d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap().photo, None);
        d.photo = Some(photo("f00d"));
        let sent = d.to_request(&m, Lang::Hi, FiledBy::Consumer).unwrap().photo.unwrap();
        assert_eq!((sent.document_type.as_str(), sent.upload_id.as_str()), ("complaint_photo", "f00d"));
        assert_eq!(Step::of_field("photo"), Step::Details, "a refused photo is fixed where it was taken");
    }

    /// A waiting photo that cannot go leaves the complaint without it and says so, through a
    /// reload of the draft; a photo chosen again ends that.
    #[test]
    fn a_photo_that_could_not_go_is_said_until_another_is_chosen() {
        let mut d = filled();
        assert!(!serde_json::to_string(&d).unwrap().contains("photo_left"), "written only when true");
        d.photo = Some(Uploaded {
            document_type: "complaint_photo".into(),
            file_name: "pole.jpg".into(),
            ..Default::default()
        });
        d.photo_could_not_go("complaint_photo");
        let mut d: ComplaintDraft = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert!(d.photo.is_none() && d.photo_left);
        assert_eq!(d.to_request(&meta(), Lang::Hi, FiledBy::Consumer).unwrap().photo, None);
        d.set_uploaded(Uploaded {
            document_type: "complaint_photo".into(),
            upload_id: "f00d".into(),
            ..Default::default()
        });
        assert!(!d.photo_left);
    }
}

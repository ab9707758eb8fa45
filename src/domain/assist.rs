//! Filing on machines that are not the person's own: cyber-café operators (several applicants a
//! day on one PC) and division-office kiosks (walk-up strangers, touch screens). Which mode is on,
//! what an operator declares about themselves, and a kiosk's deploy-time settings (how long it
//! waits before wiping, which kiosk it is, the district its office serves).

use crate::domain::wire::FiledBy;
use crate::domain::{normalize, validate, ErrorCode, FieldError};
use serde::{Deserialize, Serialize};

pub const KIOSK_IDLE_DEFAULT_SECS: u32 = 120;
/// The warning before a kiosk wipes: long enough to read and reach "Continue".
pub const KIOSK_COUNTDOWN_SECS: u32 = 20;
pub const OPERATOR_KEY: &str = "bijli.operator";
/// Kiosk settings for this visit (survive a reload, not the tab).
pub const KIOSK_KEY: &str = "bijli.kiosk";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OperatorProfile {
    pub name: String,
    pub shop: String,
    pub mobile: String,
    /// The district the shop serves (optional; a catalogue code, checked where it is used): a
    /// new form starts with it chosen, as at an office's kiosk.
    pub district: String,
}

impl OperatorProfile {
    pub fn check(&self) -> Vec<FieldError> {
        let mut e = vec![];
        if let Err(c) = validate::required_text(&self.name, validate::OPERATOR_TEXT_MAX) {
            e.push(FieldError::new("operator_name", c));
        }
        if let Err(c) = validate::required_text(&self.shop, validate::OPERATOR_TEXT_MAX) {
            e.push(FieldError::new("operator_shop", c));
        }
        if let Err(c) = validate::mobile(&self.mobile) {
            e.push(FieldError::new(
                "operator_mobile",
                if c == ErrorCode::Required { c } else { ErrorCode::InvalidMobile },
            ));
        }
        e
    }
}

/// Who filed, as a backend's refusal names it (`filed_by.*`): an operator's details, corrected in
/// Settings, or a kiosk's name, which only the office can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhoFiled {
    Operator,
    Kiosk,
}

/// Which part of who filed a refused `field` is, if it is one.
pub fn who_filed(field: &str) -> Option<WhoFiled> {
    match field.strip_prefix("filed_by.")? {
        "kiosk_id" => Some(WhoFiled::Kiosk),
        _ => Some(WhoFiled::Operator),
    }
}

/// Whether the backend refused the filing for who filed it rather than for an answer on the
/// form. No step of the form can fix that, so the person stays on the check page and is told
/// where it is fixed.
pub fn refused_who_filed(errors: &[FieldError]) -> bool {
    !errors.is_empty() && errors.iter().all(|e| who_filed(&e.field).is_some())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Consumer,
    Operator(OperatorProfile),
    Kiosk(Kiosk),
}

/// A kiosk, as its deployment sets it up: `<meta name="bijli-mode" content="kiosk idle=120
/// id=VNS-U1-K1 district=VNS">`, or for demos and tests the address,
/// `?kiosk=1&idle=120&kiosk_id=VNS-U1-K1&kiosk_district=VNS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kiosk {
    /// Seconds without a touch before "Are you still there?".
    pub idle_secs: u32,
    /// Which kiosk a complaint or an application was filed at (`FiledBy::Kiosk`): an office
    /// with two, or a complaint about one, needs to know. `kiosk` when the deployment names none.
    pub id: String,
    /// The district the kiosk's office serves (a catalogue code, checked where it is used): the
    /// forms start with it chosen, and the notices page shows its power cuts. People from
    /// elsewhere change it like any answer.
    pub district: Option<String>,
}

impl Kiosk {
    fn new(idle: Option<&str>, id: Option<&str>, district: Option<&str>) -> Kiosk {
        // Only what can go into a record's field and an address as it is (the backend refuses
        // any other kiosk id); anything else is a typo in the deployment, and the kiosk still
        // works without it. A district code is such a word too, of at most 8.
        Kiosk {
            // Idle times below 3 s are raised to 3 s so a kiosk can never wipe while someone types.
            idle_secs: idle.and_then(|v| v.parse::<u32>().ok()).unwrap_or(KIOSK_IDLE_DEFAULT_SECS).max(3),
            id: id.filter(|v| validate::is_kiosk_id(v)).unwrap_or("kiosk").to_string(),
            district: district.filter(|v| v.len() <= 8 && validate::is_kiosk_id(v)).map(str::to_string),
        }
    }

    /// `?kiosk=1[&idle=<seconds>][&kiosk_id=…][&kiosk_district=…]` (demos and tests).
    pub fn from_query(query: &str) -> Option<Kiosk> {
        let get = |k: &str| super::query_param(query, k);
        if !matches!(get("kiosk"), Some("1") | Some("true")) {
            return None;
        }
        Some(Kiosk::new(get("idle"), get("kiosk_id"), get("kiosk_district")))
    }

    /// The deployment's `kiosk idle=… id=… district=…`.
    pub fn from_meta(content: &str) -> Option<Kiosk> {
        let mut words = content.split_whitespace();
        if words.next() != Some("kiosk") {
            return None;
        }
        let get = |k: &str| words.clone().find_map(|w| w.strip_prefix(k)?.strip_prefix('='));
        Some(Kiosk::new(get("idle"), get("id"), get("district")))
    }

    /// As an address's query, which `from_query` reads back: how a visit keeps the kiosk
    /// (`KIOSK_KEY`), and where a wipe starts the next person (`/` and this).
    pub fn query(&self) -> String {
        let mut s = format!("?kiosk=1&idle={}&kiosk_id={}", self.idle_secs, self.id);
        if let Some(d) = &self.district {
            s += &format!("&kiosk_district={d}");
        }
        s
    }
}

impl Mode {
    /// What submissions say about who filed them.
    pub fn filed_by(&self) -> FiledBy {
        match self {
            Mode::Consumer => FiledBy::Consumer,
            Mode::Operator(p) => FiledBy::Operator {
                operator_id: normalize::mobile(&p.mobile).unwrap_or_default(),
                operator_name: normalize::text(&p.name),
                shop: normalize::text(&p.shop),
            },
            Mode::Kiosk(k) => FiledBy::Kiosk { kiosk_id: k.id.clone() },
        }
    }

    pub fn is_kiosk(&self) -> bool {
        matches!(self, Mode::Kiosk(_))
    }

    /// The district a kiosk's office or an operator's shop serves, which forms and the notices
    /// start with.
    pub fn home_district(&self) -> Option<&str> {
        match self {
            Mode::Kiosk(k) => k.district.as_deref(),
            Mode::Operator(p) => Some(p.district.as_str()).filter(|d| !d.is_empty()),
            Mode::Consumer => None,
        }
    }

    /// Whether to offer "Add my current location": only on the consumer's own device (see
    /// `ComplaintDraft::location_to_send`).
    pub fn may_locate(&self) -> bool {
        matches!(self, Mode::Consumer)
    }

    /// Whether to offer a photo of the problem: not on an office kiosk, where nobody's photo of
    /// the fault is on the machine and a file dialog would show a walk-up stranger the kiosk's own
    /// disk. A shop's PC may have one (the customer sends it to the operator).
    pub fn may_attach_photo(&self) -> bool {
        !self.is_kiosk()
    }

    /// The `autocomplete` a text field gets, given the one it asks for (`name`, `tel-national`, …,
    /// or none: the browser guesses). An operator or a kiosk types in other people's details: the
    /// browser must neither fill in the profile it has saved (the operator's own) nor keep one
    /// applicant's answers to offer the next, so every field is `off`. A one-time code belongs to
    /// no profile and keeps its token.
    pub fn autofill(&self, token: Option<&'static str>) -> Option<&'static str> {
        match (self, token) {
            (Mode::Consumer, _) | (_, Some("one-time-code")) => token,
            _ => Some("off"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_consumers_get_the_browser_s_autofill_for_their_own_details() {
        let operator = Mode::Operator(OperatorProfile {
            name: "Ravi".into(),
            shop: "Ravi Cyber Cafe".into(),
            mobile: "9839012345".into(),
            district: String::new(),
        });
        let kiosk = Mode::Kiosk(Kiosk::from_query("kiosk=1").unwrap());
        for token in [Some("name"), Some("tel-national"), Some("email"), Some("address-line1"), Some("bday-day"), None]
        {
            assert_eq!(Mode::Consumer.autofill(token), token);
            assert_eq!(operator.autofill(token), Some("off"));
            assert_eq!(kiosk.autofill(token), Some("off"));
        }
        // The code from the SMS is filled in where the phone is the person's own.
        assert_eq!(operator.autofill(Some("one-time-code")), Some("one-time-code"));
        // Where the browser stands is the fault's place only on the consumer's own device.
        assert!(Mode::Consumer.may_locate());
        assert!(!operator.may_locate() && !kiosk.may_locate());
        assert!(Mode::Consumer.may_attach_photo() && operator.may_attach_photo() && !kiosk.may_attach_photo());
    }

    #[test]
    fn kiosk_settings_from_the_url_and_the_deployment() {
        let idle = |k: Option<Kiosk>| k.map(|k| k.idle_secs);
        assert_eq!(idle(Kiosk::from_query("?kiosk=1")), Some(120));
        assert_eq!(idle(Kiosk::from_query("kiosk=1&idle=30")), Some(30));
        assert_eq!(idle(Kiosk::from_query("?idle=1&kiosk=true")), Some(3));
        assert_eq!(Kiosk::from_query("?kiosk=0"), None);
        assert_eq!(Kiosk::from_query(""), None);
        assert_eq!(idle(Kiosk::from_meta("kiosk idle=90")), Some(90));
        assert_eq!(idle(Kiosk::from_meta("kiosk")), Some(120));
        assert_eq!(Kiosk::from_meta("consumer"), None);
        // Which kiosk, and its office's district; without them, a kiosk still.
        let k = Kiosk::from_meta("kiosk district=VNS idle=60 id=VNS-U1_K1").unwrap();
        assert_eq!(k, Kiosk { idle_secs: 60, id: "VNS-U1_K1".into(), district: Some("VNS".into()) });
        assert_eq!(Mode::Kiosk(k.clone()).filed_by(), FiledBy::Kiosk { kiosk_id: "VNS-U1_K1".into() });
        assert_eq!(Mode::Kiosk(k.clone()).home_district(), Some("VNS"));
        assert_eq!(Kiosk::from_query("?kiosk=1&kiosk_id=VNS-U1_K1&idle=60&kiosk_district=VNS"), Some(k.clone()));
        let plain = Kiosk::from_meta("kiosk").unwrap();
        assert_eq!((plain.id.as_str(), plain.district.as_deref()), ("kiosk", None));
        // A typo in the deployment (spaces, quotes, an address's characters, too long) is left out.
        for bad in ["id=a&b=c", "id=\"x\"", "id=", "id=0123456789012345678901234567890123"] {
            assert_eq!(Kiosk::from_meta(&format!("kiosk {bad}")).unwrap().id, "kiosk", "{bad}");
        }
        assert_eq!(Kiosk::from_meta("kiosk district=V%20NS").unwrap().district, None);
        assert_eq!(Kiosk::from_meta("kiosk district=VARANASI1").unwrap().district, None);
        // Kept for the visit and started again after a wipe: the same kiosk.
        assert_eq!(Kiosk::from_query(&k.query()), Some(k.clone()));
        assert_eq!(k.query(), "?kiosk=1&idle=60&kiosk_id=VNS-U1_K1&kiosk_district=VNS");
        assert_eq!(Kiosk::from_query(&plain.query()), Some(plain.clone()));
        assert_eq!(plain.query(), "?kiosk=1&idle=120&kiosk_id=kiosk");
    }

    #[test]
    fn an_operator_s_shop_district_is_where_forms_start_if_given() {
        let mut p = OperatorProfile {
            name: "Ravi".into(),
            shop: "Ravi Cyber Cafe".into(),
            mobile: "9839012345".into(),
            ..Default::default()
        };
        assert_eq!(Mode::Operator(p.clone()).home_district(), None, "optional");
        p.district = "BAL".into();
        assert!(p.check().is_empty());
        assert_eq!(Mode::Operator(p.clone()).home_district(), Some("BAL"));
        assert_eq!(Mode::Consumer.home_district(), None);
        // A profile saved before the district was asked for still reads.
        let old: OperatorProfile =
            serde_json::from_str(r#"{"name":"Ravi","shop":"Cafe","mobile":"9839012345"}"#).unwrap();
        assert_eq!(old.district, "");
    }

    #[test]
    fn operator_profile_is_checked_and_normalised_into_filed_by() {
        let p = OperatorProfile {
            name: "  Ravi  Kumar ".into(),
            shop: "Ravi Cyber Cafe".into(),
            mobile: "+91 98390 12345".into(),
            district: String::new(),
        };
        assert!(p.check().is_empty());
        assert_eq!(
            Mode::Operator(p).filed_by(),
            FiledBy::Operator {
                operator_id: "9839012345".into(),
                operator_name: "Ravi Kumar".into(),
                shop: "Ravi Cyber Cafe".into()
            }
        );
        let bad = OperatorProfile { mobile: "12345".into(), ..Default::default() };
        let fields: Vec<String> = bad.check().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["operator_name", "operator_shop", "operator_mobile"]);
    }

    #[test]
    fn a_refusal_of_who_filed_is_told_apart_from_the_forms_answers() {
        let e = |f: &str| FieldError::new(f, ErrorCode::InvalidChoice);
        assert!(refused_who_filed(&[e("filed_by.operator_id")]));
        assert!(refused_who_filed(&[e("filed_by.kiosk_id"), e("filed_by.shop")]));
        assert!(
            !refused_who_filed(&[e("filed_by.operator_id"), e("mobile")]),
            "the form's answer is fixed on its step"
        );
        assert!(!refused_who_filed(&[e("district")]));
        assert!(!refused_who_filed(&[]));
        assert_eq!(who_filed("filed_by.shop"), Some(WhoFiled::Operator));
        assert_eq!(who_filed("filed_by.kiosk_id"), Some(WhoFiled::Kiosk));
        assert_eq!(who_filed("mobile"), None);
    }
}

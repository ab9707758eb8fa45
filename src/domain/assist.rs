//! Filing on machines that are not the person's own: cyber-café operators (several applicants a
//! day on one PC) and division-office kiosks (walk-up strangers, touch screens). Which mode is on,
//! what an operator declares about themselves, and how long a kiosk waits before wiping.

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
}

impl OperatorProfile {
    pub fn check(&self) -> Vec<FieldError> {
        let mut e = vec![];
        if let Err(c) = validate::required_text(&self.name, 100) {
            e.push(FieldError::new("operator_name", c));
        }
        if let Err(c) = validate::required_text(&self.shop, 100) {
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Consumer,
    Operator(OperatorProfile),
    Kiosk { idle_secs: u32 },
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
            Mode::Kiosk { .. } => FiledBy::Kiosk { kiosk_id: "kiosk".into() },
        }
    }

    pub fn is_kiosk(&self) -> bool {
        matches!(self, Mode::Kiosk { .. })
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

/// `?kiosk=1[&idle=<seconds>]` (demos and tests): the idle time, if kiosk mode is asked for.
/// Idle times below 3 s are raised to 3 s so a kiosk can never wipe while someone types.
pub fn kiosk_from_query(query: &str) -> Option<u32> {
    let get = |k: &str| super::query_param(query, k);
    if !matches!(get("kiosk"), Some("1") | Some("true")) {
        return None;
    }
    Some(get("idle").and_then(|v| v.parse::<u32>().ok()).unwrap_or(KIOSK_IDLE_DEFAULT_SECS).max(3))
}

/// A deploy-time setting, e.g. `<meta name="bijli-mode" content="kiosk idle=90">`.
pub fn kiosk_from_meta(content: &str) -> Option<u32> {
    let mut words = content.split_whitespace();
    if words.next() != Some("kiosk") {
        return None;
    }
    let idle = words.find_map(|w| w.strip_prefix("idle=")).and_then(|v| v.parse::<u32>().ok());
    Some(idle.unwrap_or(KIOSK_IDLE_DEFAULT_SECS).max(3))
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
        });
        let kiosk = Mode::Kiosk { idle_secs: 120 };
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
        assert_eq!(kiosk_from_query("?kiosk=1"), Some(120));
        assert_eq!(kiosk_from_query("kiosk=1&idle=30"), Some(30));
        assert_eq!(kiosk_from_query("?idle=1&kiosk=true"), Some(3));
        assert_eq!(kiosk_from_query("?kiosk=0"), None);
        assert_eq!(kiosk_from_query(""), None);
        assert_eq!(kiosk_from_meta("kiosk idle=90"), Some(90));
        assert_eq!(kiosk_from_meta("kiosk"), Some(120));
        assert_eq!(kiosk_from_meta("consumer"), None);
    }

    #[test]
    fn operator_profile_is_checked_and_normalised_into_filed_by() {
        let p = OperatorProfile {
            name: "  Ravi  Kumar ".into(),
            shop: "Ravi Cyber Cafe".into(),
            mobile: "+91 98390 12345".into(),
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
}

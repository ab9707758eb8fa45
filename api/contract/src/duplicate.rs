//! When a new complaint repeats one the office is still working on.
//!
//! During an outage people file again and again (by phone, then online, then once more when the
//! first number seems forgotten). Each copy is another ticket for the same crew to close, and the
//! consumer gains nothing: the fix does not come sooner. So the backend answers a repeat with the
//! complaint that is already open and notes on it that the consumer asked again (see
//! `api/openapi.yaml`, `POST /complaints`). These rules decide what counts as "the same".
//!
//! They err on the side of a new complaint: a wrong merge would leave a real fault unrecorded,
//! while a missed one only costs the office a duplicate it can close.

use crate::status::Status;
use crate::wire::ComplaintRequest;

/// An earlier complaint still counts as open while the office holds it. Once the office says it
/// is fixed, a new complaint is the consumer saying it is not; that is a new ticket (or a reopen).
pub fn still_open(status: Status) -> bool {
    status.with_office()
}

/// `new` repeats `old`: the same verified mobile, the same problem (sub-category) in the same
/// district at the same place. Both requests are as validated (mobile and account normalised).
/// Anonymous reports are never merged: they are about someone else's connection, and two of them
/// from one phone may well be two places.
pub fn same_problem(new: &ComplaintRequest, old: &ComplaintRequest) -> bool {
    !new.anonymous
        && !old.anonymous
        && new.mobile == old.mobile
        && new.category == old.category
        && new.subcategory == old.subcategory
        && new.district == old.district
        && place(new) == place(old)
}

/// Where the problem is: the consumer account when given; otherwise the address as typed, with
/// case, spaces and punctuation ignored (people retype it a little differently); `None` when
/// neither was given (the district and the mobile then stand for the place).
fn place(r: &ComplaintRequest) -> Option<String> {
    if let Some(a) = r.account_number.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        return Some(format!("account:{a}"));
    }
    let squeezed: String = r
        .address
        .as_deref()
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (!squeezed.is_empty()).then(|| format!("address:{squeezed}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_supply() -> ComplaintRequest {
        ComplaintRequest {
            account_number: Some("1234567890".into()),
            mobile: "9876543210".into(),
            name: "Asha".into(),
            category: "supply".into(),
            subcategory: "no_supply_house".into(),
            description: "No power since morning".into(),
            district: "VNS".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_fault_at_the_same_account_is_a_repeat_whatever_the_words() {
        let mut again = no_supply();
        again.description = "Still no power, please send someone".into();
        again.started = Some("yesterday".into());
        again.name = "Asha Devi".into();
        assert!(same_problem(&again, &no_supply()));
    }

    #[test]
    fn another_account_problem_district_or_mobile_is_a_new_complaint() {
        let old = no_supply();
        for change in [
            |r: &mut ComplaintRequest| r.account_number = Some("1234567891".into()),
            |r: &mut ComplaintRequest| r.subcategory = "low_voltage".into(),
            |r: &mut ComplaintRequest| r.category = "meter".into(),
            |r: &mut ComplaintRequest| r.district = "GZP".into(),
            |r: &mut ComplaintRequest| r.mobile = "9876543211".into(),
            // One with an account, one without: perhaps a neighbour's house reported for them.
            |r: &mut ComplaintRequest| r.account_number = None,
        ] {
            let mut new = no_supply();
            change(&mut new);
            assert!(!same_problem(&new, &old), "{new:?}");
        }
    }

    #[test]
    fn without_an_account_the_address_decides_ignoring_case_spaces_and_punctuation() {
        let at = |address: Option<&str>| ComplaintRequest {
            account_number: None,
            address: address.map(String::from),
            ..no_supply()
        };
        assert!(same_problem(&at(Some("12, Lanka Road")), &at(Some("12 lanka  road."))));
        assert!(same_problem(&at(Some("१२ लंका रोड")), &at(Some("१२, लंका रोड"))));
        assert!(!same_problem(&at(Some("12 Lanka Road")), &at(Some("14 Lanka Road"))));
        assert!(!same_problem(&at(Some("12 Lanka Road")), &at(None)));
        assert!(same_problem(&at(None), &at(Some("  ,  "))), "nothing to tell the places apart");
    }

    #[test]
    fn anonymous_reports_are_never_merged() {
        let theft = |anonymous| ComplaintRequest {
            category: "theft".into(),
            subcategory: "hooking".into(),
            anonymous,
            ..no_supply()
        };
        assert!(!same_problem(&theft(true), &theft(true)));
        assert!(!same_problem(&theft(false), &theft(true)));
        assert!(same_problem(&theft(false), &theft(false)));
    }

    #[test]
    fn open_while_the_office_holds_it_not_once_it_says_fixed() {
        for s in [Status::Registered, Status::Assigned, Status::InProgress, Status::Reopened] {
            assert!(still_open(s), "{s:?}");
        }
        for s in [Status::Resolved, Status::Closed] {
            assert!(!still_open(s), "{s:?}");
        }
    }
}

//! Power cuts the discom already knows about, told to someone about to report one.
//!
//! A planned shutdown (or a fault the office is already on) brings in hundreds of "no supply"
//! complaints that all get the same answer. Saying at the start of the complaint that the cut is
//! known, and when supply should be back, lets people decide for themselves whether to file:
//! nothing stops them, because their house may be dark for another reason.

use crate::time::parse_rfc3339;
use crate::wire::Announcement;

/// The complaint category an outage notice answers.
pub const NO_SUPPLY: &str = "no_supply";

/// The outage notices for `district` whose window holds `now` (unix seconds), for a complaint
/// in `category`. A notice without an end is left out: "it is known" without "back by" does not
/// help anyone decide, and a notice nobody closed must not keep saying so for ever.
pub fn current<'a>(list: &'a [Announcement], category: &str, district: &str, now: i64) -> Vec<&'a Announcement> {
    if category != NO_SUPPLY || district.is_empty() {
        return vec![];
    }
    list.iter().filter(|a| a.district.as_deref() == Some(district) && phase(a, now) == Some(Phase::Now)).collect()
}

/// Where a power cut with a window stands, so a list of notices does not present one that ended
/// days ago as if it were on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Upcoming,
    Now,
    Over,
}

/// The phase of an outage notice at `now`; `None` for other notices and for an outage without
/// an end (or with a date that does not read). Without a start, it counts from publication.
pub fn phase(a: &Announcement, now: i64) -> Option<Phase> {
    if a.kind != "outage" {
        return None;
    }
    let from = a.from.as_deref().unwrap_or(&a.published_at);
    match (parse_rfc3339(from), a.until.as_deref().and_then(parse_rfc3339)) {
        (Some(f), _) if now < f => Some(Phase::Upcoming),
        (Some(_), Some(u)) if now < u => Some(Phase::Now),
        (Some(_), Some(_)) => Some(Phase::Over),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::rfc3339;

    const NOW: i64 = 1_764_489_600; // 2025-11-30T08:00:00Z

    fn outage(id: &str, district: Option<&str>, from: Option<i64>, until: Option<i64>) -> Announcement {
        Announcement {
            id: id.into(),
            published_at: rfc3339(NOW - 86_400),
            kind: "outage".into(),
            title: format!("Shutdown {id}"),
            body: String::new(),
            link: None,
            district: district.map(String::from),
            from: from.map(rfc3339),
            until: until.map(rfc3339),
        }
    }

    fn ids(v: Vec<&Announcement>) -> Vec<&str> {
        v.into_iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_no_supply_complaint_hears_of_the_cuts_in_its_district_while_they_last() {
        let list = vec![
            outage("now", Some("VNS"), Some(NOW - 3600), Some(NOW + 3600)),
            outage("elsewhere", Some("GZP"), Some(NOW - 3600), Some(NOW + 3600)),
            outage("over", Some("VNS"), Some(NOW - 7200), Some(NOW)),
            outage("later", Some("VNS"), Some(NOW + 60), Some(NOW + 3600)),
            outage("no_end", Some("VNS"), Some(NOW - 3600), None),
            outage("no_district", None, Some(NOW - 3600), Some(NOW + 3600)),
            // Without a start, it counts from when it was published.
            outage("since_published", Some("VNS"), None, Some(NOW + 60)),
        ];
        assert_eq!(ids(current(&list, "no_supply", "VNS", NOW)), ["now", "since_published"]);
        assert_eq!(ids(current(&list, "no_supply", "GZP", NOW)), ["elsewhere"]);
    }

    #[test]
    fn a_list_of_notices_says_whether_each_cut_is_to_come_on_or_over() {
        let at = |id| phase(&outage(id, Some("VNS"), Some(NOW - 3600), Some(NOW + 3600)), NOW);
        assert_eq!(at("now"), Some(Phase::Now));
        let window = outage("w", Some("VNS"), Some(NOW), Some(NOW + 3600));
        assert_eq!(phase(&window, NOW - 1), Some(Phase::Upcoming));
        assert_eq!(phase(&window, NOW), Some(Phase::Now), "the start is inside");
        assert_eq!(phase(&window, NOW + 3600), Some(Phase::Over), "the end is not");
        // An upcoming cut is upcoming even before anyone has said when it ends.
        assert_eq!(phase(&outage("open", Some("VNS"), Some(NOW + 60), None), NOW), Some(Phase::Upcoming));
        assert_eq!(phase(&outage("open", Some("VNS"), Some(NOW - 60), None), NOW), None, "on or over: unknown");
        assert_eq!(phase(&outage("since", None, None, Some(NOW + 60)), NOW), Some(Phase::Now), "from publication");
        let mut notice = outage("notice", Some("VNS"), Some(NOW - 3600), Some(NOW + 3600));
        notice.kind = "scheme".into();
        assert_eq!(phase(&notice, NOW), None);
    }

    #[test]
    fn other_problems_notices_and_an_unknown_district_hear_nothing() {
        let mut notice = outage("notice", Some("VNS"), Some(NOW - 3600), Some(NOW + 3600));
        notice.kind = "notice".into();
        let list = vec![outage("now", Some("VNS"), Some(NOW - 3600), Some(NOW + 3600)), notice];
        assert!(current(&list, "voltage", "VNS", NOW).is_empty());
        assert!(current(&list, "no_supply", "", NOW).is_empty());
        assert_eq!(ids(current(&list, "no_supply", "VNS", NOW)), ["now"]);
        let mut garbled = outage("garbled", Some("VNS"), None, None);
        garbled.until = Some("tomorrow".into());
        assert!(current(&[garbled], "no_supply", "VNS", NOW).is_empty());
    }
}

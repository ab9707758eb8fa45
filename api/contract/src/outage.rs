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
    list.iter()
        .filter(|a| a.kind == "outage" && a.district.as_deref() == Some(district))
        .filter(|a| {
            let from = a.from.as_deref().or(Some(a.published_at.as_str())).and_then(parse_rfc3339);
            let until = a.until.as_deref().and_then(parse_rfc3339);
            matches!((from, until), (Some(f), Some(u)) if f <= now && now < u)
        })
        .collect()
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

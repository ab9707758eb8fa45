//! "My tickets": every number filed or tracked on this device, newest first.

use crate::domain::status::Status;
use crate::domain::ticket::TicketKind;
use crate::domain::wire::{Meta, Text, TicketCreated, TicketView};
use serde::{Deserialize, Serialize};

pub const KEY: &str = "bijli.tickets";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyTicket {
    pub number: String,
    pub kind: TicketKind,
    pub status: Status,
    /// Unix seconds when it was filed or first tracked here.
    pub added_at: i64,
    #[serde(default)]
    pub expected_by: Option<String>,
    /// What it is about, as the contract's codes (see [`subject`]): the category, or the tariff.
    #[serde(default)]
    pub what: Option<String>,
    /// The subcategory, or the load in kW. Lists kept before it was stored have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what_detail: Option<String>,
    /// How it got here: filed on this device or only tracked.
    #[serde(default)]
    pub filed_here: bool,
    /// `XXXXXX3210`, for an operator's list of today's filings.
    #[serde(default)]
    pub mobile_masked: Option<String>,
    /// Unix seconds when this device last filed it again while it was open (the backend answered
    /// with this complaint instead of a new one): work an operator did that day, on an old number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_again_at: Option<i64>,
    /// A photo chosen for this complaint on this device could not be sent (its file was gone, or
    /// the backend refused it), so the complaint went without it: said on its confirmation and
    /// its status page, which otherwise would just have no photo.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub photo_left: bool,
}

impl MyTicket {
    /// What the backend says of a ticket now (its status page, or the list bringing itself up to date).
    pub fn tracked(v: &TicketView, now: i64) -> Self {
        MyTicket {
            number: v.number.clone(),
            kind: v.kind,
            status: v.status,
            added_at: now,
            expected_by: Some(v.expected_by.clone()),
            what: Some(v.category.clone()),
            what_detail: Some(v.subcategory.clone()),
            filed_here: false,
            mobile_masked: None,
            reported_again_at: None,
            photo_left: false,
        }
    }

    /// What it is about, once the catalogue is in (see [`subject`]).
    pub fn subject<'a>(&self, meta: &'a Meta) -> Option<Subject<'a>> {
        subject(meta, self.kind, self.what.as_deref()?, self.what_detail.as_deref())
    }

    /// Still with the office and past its deadline (as last known here). A resolved complaint
    /// waits for the consumer, not the office, so it is not counted.
    pub fn overdue(&self, now: i64) -> bool {
        self.expected_by
            .as_deref()
            .and_then(crate::domain::time::parse_rfc3339)
            .is_some_and(|d| self.status.overdue(d, now))
    }

    /// The complaint the backend answered a submission with: filed now, or, when the submission
    /// repeated one still open, that complaint as it was filed then.
    pub fn complaint_answered(c: &TicketCreated, what: (&str, &str), mobile: &str, now: i64) -> Self {
        let added_at =
            if c.already_open { crate::domain::time::parse_rfc3339(&c.created_at).unwrap_or(now) } else { now };
        let mut t = Self::filed(&c.number, TicketKind::Complaint, c.status, added_at, &c.expected_by, what, mobile);
        t.reported_again_at = c.already_open.then_some(now);
        t
    }

    /// Filed on this device on `day` (`time::ist_today`), or filed again here that day: an
    /// operator's "today's filings".
    pub fn handled_here_on(&self, day: i64) -> bool {
        use crate::domain::time::ist_today;
        self.filed_here
            && (ist_today(self.added_at) == day || self.reported_again_at.is_some_and(|a| ist_today(a) == day))
    }

    /// A ticket just filed on this device (by the person, an operator or a kiosk). `what` is the
    /// contract's (category, subcategory): see [`subject`].
    pub fn filed(
        number: &str,
        kind: TicketKind,
        status: Status,
        added_at: i64,
        expected_by: &str,
        what: (&str, &str),
        mobile: &str,
    ) -> Self {
        MyTicket {
            number: number.to_string(),
            kind,
            status,
            added_at,
            expected_by: Some(expected_by.to_string()),
            what: Some(what.0.to_string()),
            what_detail: Some(what.1.to_string()),
            filed_here: true,
            mobile_masked: crate::domain::normalize::mobile(mobile).map(|m| crate::domain::normalize::mask_mobile(&m)),
            reported_again_at: None,
            photo_left: false,
        }
    }
}

/// What a ticket is about, named from the catalogue. The contract's `category` and `subcategory`
/// are a complaint's category and subcategory codes, or an application's tariff code and load in
/// kW: with several numbers on one phone, this is what tells them apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subject<'a> {
    Problem { category: &'a Text, subcategory: Option<&'a Text> },
    Connection { tariff: &'a Text, load_kw: Option<u32> },
}

/// `None` for a code the catalogue no longer has: better nothing than a bare code.
pub fn subject<'a>(meta: &'a Meta, kind: TicketKind, category: &str, detail: Option<&str>) -> Option<Subject<'a>> {
    match kind {
        TicketKind::Complaint => {
            let c = meta.category(category)?;
            let subcategory = detail.and_then(|d| c.subcategory(d)).map(|s| &s.name);
            Some(Subject::Problem { category: &c.name, subcategory })
        }
        TicketKind::Application => {
            let t = meta.tariff(category)?;
            Some(Subject::Connection { tariff: &t.name, load_kw: detail.and_then(|d| d.parse().ok()) })
        }
    }
}

/// Drop what this device last dealt with before `not_before` (the operator's end-of-day rule,
/// `draft::Policy::not_before`): a cyber café's PC keeps the day's numbers for the day's
/// work, not every consumer's since the shop opened. Whether anything went.
pub fn expire(list: &mut Vec<MyTicket>, not_before: Option<i64>) -> bool {
    let Some(start) = not_before else { return false };
    let before = list.len();
    list.retain(|t| t.added_at.max(t.reported_again_at.unwrap_or(i64::MIN)) >= start);
    list.len() != before
}

/// Insert or refresh a ticket, keeping the list newest first and unique by number.
pub fn upsert(list: &mut Vec<MyTicket>, t: MyTicket) {
    if let Some(existing) = list.iter_mut().find(|x| x.number == t.number) {
        existing.status = t.status;
        existing.expected_by = t.expected_by.or(existing.expected_by.take());
        existing.mobile_masked = t.mobile_masked.or(existing.mobile_masked.take());
        existing.what = t.what.or(existing.what.take());
        existing.what_detail = t.what_detail.or(existing.what_detail.take());
        existing.filed_here |= t.filed_here;
        existing.reported_again_at = t.reported_again_at.or(existing.reported_again_at);
        existing.photo_left |= t.photo_left;
    } else {
        list.push(t);
    }
    list.sort_by_key(|t| std::cmp::Reverse(t.added_at));
}

pub fn parse(json: &str) -> Vec<MyTicket> {
    crate::json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_only_while_the_office_holds_it_past_its_deadline() {
        let deadline = crate::domain::time::parse_rfc3339("2026-11-28T10:00:00Z").unwrap();
        let mut x = t("1", 0);
        x.expected_by = Some("2026-11-28T10:00:00Z".into());
        assert!(!x.overdue(deadline - 1));
        assert!(x.overdue(deadline + 1));
        for s in [Status::Resolved, Status::Closed, Status::ConnectionReleased, Status::Rejected] {
            x.status = s;
            assert!(!x.overdue(deadline + 1), "{s:?}");
        }
        x.status = Status::Reopened;
        assert!(x.overdue(deadline + 1));
        x.expected_by = None;
        assert!(!x.overdue(deadline + 1), "no deadline known");
    }

    fn t(n: &str, at: i64) -> MyTicket {
        MyTicket {
            number: n.into(),
            kind: TicketKind::Complaint,
            status: Status::Registered,
            added_at: at,
            expected_by: None,
            what: None,
            what_detail: None,
            filed_here: false,
            mobile_masked: None,
            reported_again_at: None,
            photo_left: false,
        }
    }

    #[test]
    fn a_complaint_filed_again_today_on_an_old_number_is_among_todays_filings() {
        use crate::domain::time::{ist_today, parse_rfc3339, rfc3339};
        use crate::domain::wire::{Office, Text, TicketCreated};
        let now = parse_rfc3339("2026-12-03T06:00:00Z").unwrap();
        let filed = parse_rfc3339("2026-12-01T06:00:00Z").unwrap();
        let mut answer = TicketCreated {
            number: "100000000001".into(),
            kind: TicketKind::Complaint,
            status: Status::Assigned,
            created_at: rfc3339(filed),
            expected_by: rfc3339(filed + 86_400),
            office: Office { code: "X".into(), name: Text { en: "x".into(), hi: "x".into() } },
            already_open: true,
        };
        let again = MyTicket::complaint_answered(&answer, ("no_supply", "my_house"), "9811100001", now);
        assert_eq!(again.added_at, filed, "listed under when it was filed");
        assert!(again.handled_here_on(ist_today(now)), "but the operator handled it today");
        assert!(!again.handled_here_on(ist_today(now) + 1));
        // The list already had it (tracked, or filed here then): the repeat is remembered there too.
        let mut list = vec![t(&answer.number, filed)];
        upsert(&mut list, again);
        assert!(list[0].handled_here_on(ist_today(now)));
        answer.already_open = false;
        let fresh = MyTicket::complaint_answered(&answer, ("no_supply", "my_house"), "9811100001", now);
        assert_eq!((fresh.added_at, fresh.reported_again_at), (now, None));
        assert!(fresh.handled_here_on(ist_today(now)));
        let mut elsewhere = t("2", now);
        assert!(!elsewhere.handled_here_on(ist_today(now)), "only tracked here, not filed");
        elsewhere.filed_here = true;
        assert!(elsewhere.handled_here_on(ist_today(now)));
    }

    #[test]
    fn a_photo_that_could_not_go_stays_said_when_the_status_page_refreshes_the_ticket() {
        let mut filed = t("100000000002", 10);
        filed.filed_here = true;
        filed.photo_left = true;
        let mut list = parse(&serde_json::to_string(&vec![filed]).unwrap());
        assert!(list[0].photo_left, "kept in the stored list");
        // The status page upserts what the backend says, which knows nothing of it.
        upsert(&mut list, t("100000000002", 20));
        assert!(list[0].photo_left);
        let plain = serde_json::to_string(&vec![t("3", 1)]).unwrap();
        assert!(!plain.contains("photo_left"), "written only when true: {plain}");
        assert!(!parse(&plain)[0].photo_left);
    }

    #[test]
    fn newest_first_and_unique() {
        let mut l = vec![];
        upsert(&mut l, t("a", 1));
        upsert(&mut l, t("b", 3));
        upsert(&mut l, t("c", 2));
        let mut again = t("a", 9);
        again.status = Status::Closed;
        upsert(&mut l, again);
        assert_eq!(l.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(), ["b", "c", "a"]);
        assert_eq!(l[2].status, Status::Closed);
        assert_eq!(parse("garbage"), vec![]);
    }

    #[test]
    fn an_operator_s_list_keeps_only_what_was_done_today() {
        use crate::domain::draft::Policy;
        use crate::domain::time::parse_rfc3339;
        let now = parse_rfc3339("2026-12-05T04:00:00Z").unwrap(); // 09:30 IST
        let today = Policy::operator(now).not_before;
        let late_yesterday = parse_rfc3339("2026-12-04T18:00:00Z").unwrap(); // 23:30 IST
        let early_today = parse_rfc3339("2026-12-04T18:40:00Z").unwrap(); // 00:10 IST
        let mut old_filed_again_today = t("again", late_yesterday - 86_400);
        old_filed_again_today.reported_again_at = Some(early_today);
        let mut list = vec![t("today", early_today), t("yesterday", late_yesterday), old_filed_again_today];
        assert!(expire(&mut list, today));
        assert_eq!(list.iter().map(|x| x.number.as_str()).collect::<Vec<_>>(), ["today", "again"]);
        assert!(!expire(&mut list, today), "nothing more to drop");
        // A consumer's own list is theirs to keep.
        let mut mine = vec![t("old", 0)];
        assert!(!expire(&mut mine, Policy::CONSUMER.not_before));
        assert_eq!(mine.len(), 1);
    }

    /// A list of several numbers on one phone must say which is which, in the catalogue's words.
    #[test]
    fn a_ticket_is_named_by_its_problem_or_by_the_connection_applied_for() {
        let meta: Meta =
            serde_json::from_str(include_str!("../../api/server/data/meta.json")).expect("the catalogue parses");
        let named = |k, c: &str, d: Option<&str>| subject(&meta, k, c, d);
        match named(TicketKind::Complaint, "no_supply", Some("my_house")) {
            Some(Subject::Problem { category, subcategory: Some(sub) }) => {
                assert_eq!((category.en.as_str(), sub.en.as_str()), ("No electricity", "Only my house"));
                assert!(!sub.hi.is_empty());
            }
            other => panic!("{other:?}"),
        }
        // A subcategory since removed from the catalogue, or a list stored before details were kept.
        for d in [Some("gone"), None] {
            assert!(matches!(
                named(TicketKind::Complaint, "no_supply", d),
                Some(Subject::Problem { subcategory: None, .. })
            ));
        }
        match named(TicketKind::Application, "LMV-1", Some("2")) {
            Some(Subject::Connection { tariff, load_kw: Some(2) }) => assert_eq!(tariff.en, "LMV-1 Domestic (home)"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            named(TicketKind::Application, "LMV-1", Some("x")),
            Some(Subject::Connection { load_kw: None, .. })
        ));
        // Codes of one kind are not looked up in the other's list.
        assert_eq!(named(TicketKind::Complaint, "LMV-1", None), None);
        assert_eq!(named(TicketKind::Application, "no_supply", None), None);

        let mut t = t("1", 0);
        assert_eq!(t.subject(&meta), None, "nothing known");
        t.what = Some("no_supply".into());
        t.what_detail = Some("street".into());
        match t.subject(&meta) {
            Some(Subject::Problem { subcategory: Some(s), .. }) => assert_eq!(s.en, "Whole street or mohalla"),
            other => panic!("{other:?}"),
        }
    }
}

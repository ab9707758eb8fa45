//! "My tickets": every number filed or tracked on this device, newest first.

use crate::domain::status::Status;
use crate::domain::ticket::TicketKind;
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
    /// Category code, for the list.
    #[serde(default)]
    pub what: Option<String>,
    /// How it got here: filed on this device or only tracked.
    #[serde(default)]
    pub filed_here: bool,
    /// `XXXXXX3210`, for an operator's list of today's filings.
    #[serde(default)]
    pub mobile_masked: Option<String>,
}

impl MyTicket {
    /// A ticket just filed on this device (by the person, an operator or a kiosk).
    pub fn filed(
        number: &str,
        kind: TicketKind,
        status: Status,
        added_at: i64,
        expected_by: &str,
        what: &str,
        mobile: &str,
    ) -> Self {
        MyTicket {
            number: number.to_string(),
            kind,
            status,
            added_at,
            expected_by: Some(expected_by.to_string()),
            what: Some(what.to_string()),
            filed_here: true,
            mobile_masked: crate::domain::normalize::mobile(mobile).map(|m| crate::domain::normalize::mask_mobile(&m)),
        }
    }
}

/// Insert or refresh a ticket, keeping the list newest first and unique by number.
pub fn upsert(list: &mut Vec<MyTicket>, t: MyTicket) {
    if let Some(existing) = list.iter_mut().find(|x| x.number == t.number) {
        existing.status = t.status;
        existing.expected_by = t.expected_by.or(existing.expected_by.take());
        existing.mobile_masked = t.mobile_masked.or(existing.mobile_masked.take());
        existing.what = t.what.or(existing.what.take());
        existing.filed_here |= t.filed_here;
    } else {
        list.push(t);
    }
    list.sort_by_key(|t| std::cmp::Reverse(t.added_at));
}

pub fn parse(json: &str) -> Vec<MyTicket> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(n: &str, at: i64) -> MyTicket {
        MyTicket {
            number: n.into(),
            kind: TicketKind::Complaint,
            status: Status::Registered,
            added_at: at,
            expected_by: None,
            what: None,
            filed_here: false,
            mobile_masked: None,
        }
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
}

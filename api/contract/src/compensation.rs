//! Compensation a consumer may be owed when a complaint is fixed after its deadline.
//!
//! UPERC's Standards of Performance set an amount per day of default for some faults (a failed
//! transformer, voltage, a defective meter). The discom decides and credits it through the bill;
//! the portal shows the figure so people know to expect it and can raise it with the grievance
//! forum if it never arrives. Amounts are data with effective dates (`Meta::compensation`), and
//! the schedule in force on the deadline applies.

use crate::status::Status;
use crate::ticket::TicketKind;
use crate::time;
use crate::wire::{CompensationSchedule, TicketView};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compensation {
    pub rupees_per_day: u32,
    /// Whole days past the deadline: a part-day is not counted, so the portal never promises
    /// more than the rule gives.
    pub days: u32,
    pub rupees: u32,
}

/// What may be due on `view` at `now` (unix seconds), or `None` when the complaint is not late
/// or its sub-category carries no compensation. While the fault is open the delay keeps growing;
/// once fixed it stops at the last "resolved" (a reopened complaint was not fixed the first time).
pub fn due(schedules: &[CompensationSchedule], view: &TicketView, now: i64) -> Option<Compensation> {
    if view.kind != TicketKind::Complaint {
        return None;
    }
    let deadline = time::parse_rfc3339(&view.expected_by)?;
    let end = match view.status {
        Status::Registered | Status::Assigned | Status::InProgress | Status::Reopened => now,
        Status::Resolved | Status::Closed => view
            .updates
            .iter()
            .filter(|u| u.status == Status::Resolved)
            .filter_map(|u| time::parse_rfc3339(&u.at))
            .max()?,
        _ => return None,
    };
    if end <= deadline {
        return None;
    }
    let rate = rate(schedules, &view.subcategory, deadline)?;
    let days = u32::try_from((end - deadline) / 86_400).unwrap_or(u32::MAX);
    Some(Compensation { rupees_per_day: rate, days, rupees: rate.saturating_mul(days) })
}

/// Rupees per full day of delay for a complaint of `subcategory` due at `deadline` (unix
/// seconds): the schedule in force on the deadline's day, if it names the fault. Said before the
/// deadline too, so people know their right before they need it (as a citizen's charter does).
pub fn rate(schedules: &[CompensationSchedule], subcategory: &str, deadline: i64) -> Option<u32> {
    time::in_force(schedules, time::ist_today(deadline))?
        .items
        .iter()
        .find(|i| i.subcategories.iter().any(|s| s == subcategory))
        .map(|i| i.rupees_per_day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{CompensationItem, Office, Text, Update};

    const DAY: i64 = 86_400;
    // 2026-11-28T00:00:00Z
    const T0: i64 = 1_795_824_000;

    fn text(s: &str) -> Text {
        Text { en: s.into(), hi: s.into() }
    }

    fn schedules() -> Vec<CompensationSchedule> {
        let item = |subs: &[&str], rupees_per_day| CompensationItem {
            subcategories: subs.iter().map(|s| s.to_string()).collect(),
            rupees_per_day,
        };
        vec![
            CompensationSchedule {
                effective_from: "2020-02-01".into(),
                source: "old".into(),
                items: vec![item(&["burnt"], 150), item(&["low", "fluctuation"], 100)],
            },
            CompensationSchedule {
                effective_from: "2026-12-01".into(),
                source: "new".into(),
                items: vec![item(&["burnt"], 300)],
            },
        ]
    }

    fn ticket(sub: &str, status: Status, deadline: i64, history: &[(Status, i64)]) -> TicketView {
        TicketView {
            number: "100000000001".into(),
            kind: TicketKind::Complaint,
            status,
            created_at: time::rfc3339(deadline - DAY),
            updated_at: time::rfc3339(deadline),
            expected_by: time::rfc3339(deadline),
            office: Office { code: "VNS-U1-1".into(), name: text("office") },
            contact: "XXXXXX1234".into(),
            category: "transformer".into(),
            subcategory: sub.into(),
            updates: history
                .iter()
                .map(|(s, at)| Update { at: time::rfc3339(*at), status: *s, note: text(""), kind: Default::default() })
                .collect(),
            feedback: None,
            amount_due_rupees: None,
            account_masked: None,
            answer_by: None,
            photo: false,
        }
    }

    #[test]
    fn open_and_late_counts_whole_days_so_far() {
        let t = ticket("burnt", Status::InProgress, T0, &[(Status::Registered, T0 - DAY)]);
        assert_eq!(due(&schedules(), &t, T0 - 60), None, "not late yet");
        assert_eq!(
            due(&schedules(), &t, T0 + 3600),
            Some(Compensation { rupees_per_day: 150, days: 0, rupees: 0 }),
            "late, but not a whole day yet"
        );
        assert_eq!(due(&schedules(), &t, T0 + 2 * DAY + 3600).map(|c| (c.days, c.rupees)), Some((2, 300)));
    }

    #[test]
    fn fixed_late_stops_at_the_last_resolution() {
        let history = [
            (Status::Resolved, T0 + DAY + 10),
            (Status::Reopened, T0 + 2 * DAY),
            (Status::Resolved, T0 + 3 * DAY + 10),
        ];
        let t = ticket("low", Status::Closed, T0, &history);
        // Long after closing, the figure no longer grows.
        assert_eq!(due(&schedules(), &t, T0 + 30 * DAY).map(|c| (c.days, c.rupees)), Some((3, 300)));
        let on_time = ticket("low", Status::Resolved, T0, &[(Status::Resolved, T0 - 10)]);
        assert_eq!(due(&schedules(), &on_time, T0 + 30 * DAY), None);
    }

    #[test]
    fn the_schedule_in_force_on_the_deadline_applies() {
        let dec = T0 + 5 * DAY; // 2026-12-03
        let t = ticket("burnt", Status::Assigned, dec, &[]);
        assert_eq!(due(&schedules(), &t, dec + DAY).map(|c| c.rupees), Some(300));
        let t = ticket("burnt", Status::Assigned, T0, &[]);
        assert_eq!(due(&schedules(), &t, T0 + DAY).map(|c| c.rupees), Some(150));
        let before_any = ticket("burnt", Status::Assigned, time::parse_date("2019-01-01").unwrap() * DAY, &[]);
        assert_eq!(due(&schedules(), &before_any, T0), None);
    }

    #[test]
    fn the_rate_is_known_before_the_deadline_from_the_schedule_of_its_day() {
        assert_eq!(rate(&schedules(), "burnt", T0), Some(150));
        assert_eq!(rate(&schedules(), "burnt", T0 + 5 * DAY), Some(300), "the new schedule from 2026-12-01");
        assert_eq!(rate(&schedules(), "fluctuation", T0 + 5 * DAY), None, "the new schedule does not name it");
        assert_eq!(rate(&schedules(), "fluctuation", T0), Some(100));
        assert_eq!(rate(&schedules(), "my_house", T0), None);
        assert_eq!(rate(&[], "burnt", T0), None);
    }

    #[test]
    fn nothing_for_other_faults_applications_or_no_published_amounts() {
        let t = ticket("staff_behaviour", Status::Assigned, T0, &[]);
        assert_eq!(due(&schedules(), &t, T0 + 9 * DAY), None);
        let mut app = ticket("burnt", Status::DocScrutiny, T0, &[]);
        app.kind = TicketKind::Application;
        assert_eq!(due(&schedules(), &app, T0 + 9 * DAY), None);
        assert_eq!(due(&[], &ticket("burnt", Status::Assigned, T0, &[]), T0 + 9 * DAY), None);
    }

    #[test]
    fn the_published_catalogue_maps_only_known_sub_categories() {
        let meta: crate::wire::Meta = serde_json::from_str(include_str!("../../server/data/meta.json")).unwrap();
        assert!(!meta.compensation.is_empty());
        let known: Vec<&str> =
            meta.complaint_categories.iter().flat_map(|c| c.subcategories.iter().map(|s| s.code.as_str())).collect();
        for s in &meta.compensation {
            assert!(time::parse_date(&s.effective_from).is_some(), "{}", s.effective_from);
            for i in &s.items {
                assert!(i.rupees_per_day > 0);
                for sub in &i.subcategories {
                    assert!(known.contains(&sub.as_str()), "unknown sub-category {sub}");
                }
            }
        }
    }
}

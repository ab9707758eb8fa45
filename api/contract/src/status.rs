//! Ticket status lifecycles (domain research §1.9 and §2.4) and which moves are allowed.
//!
//! Complaints: registered → assigned → in_progress → resolved (waiting for the consumer's
//! confirmation) → closed; "not fixed" from resolved reopens it (back to the crew).
//! Applications: submitted → doc_scrutiny → (query_raised ⇄ resubmitted) → inspection_scheduled →
//! feasible (the fees are due: the applicant pays online) → charges_paid →
//! installation_scheduled → connection_released.
//! Either may be withdrawn by whoever filed it while it is still open (the supply came back by
//! itself, it was filed twice, the connection is no longer wanted): withdrawn is an end.

use crate::ticket::TicketKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Registered,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Reopened,
    Submitted,
    DocScrutiny,
    QueryRaised,
    Resubmitted,
    InspectionScheduled,
    Feasible,
    ChargesPaid,
    InstallationScheduled,
    ConnectionReleased,
    Rejected,
    Withdrawn,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Registered => "registered",
            Status::Assigned => "assigned",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
            Status::Reopened => "reopened",
            Status::Submitted => "submitted",
            Status::DocScrutiny => "doc_scrutiny",
            Status::QueryRaised => "query_raised",
            Status::Resubmitted => "resubmitted",
            Status::InspectionScheduled => "inspection_scheduled",
            Status::Feasible => "feasible",
            Status::ChargesPaid => "charges_paid",
            Status::InstallationScheduled => "installation_scheduled",
            Status::ConnectionReleased => "connection_released",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        ALL.iter().copied().find(|x| x.as_str() == s)
    }

    /// The kind of ticket that goes through this status; `None` for withdrawn, an end either
    /// kind may reach.
    pub fn kind(self) -> Option<TicketKind> {
        match self {
            Status::Withdrawn => None,
            s if Self::COMPLAINT_STAGES.contains(&s) || s == Status::Reopened => Some(TicketKind::Complaint),
            _ => Some(TicketKind::Application),
        }
    }

    /// Nothing more will happen: live views stop polling.
    pub fn is_terminal(self) -> bool {
        matches!(self, Status::Closed | Status::ConnectionReleased | Status::Rejected | Status::Withdrawn)
    }

    /// Whoever filed it may withdraw it: while it is open, and not once a complaint is marked
    /// fixed (then the consumer confirms or reopens it instead).
    pub fn may_withdraw(self) -> bool {
        !self.is_terminal() && self != Status::Resolved
    }

    /// An application whose fees have been paid (online, `charges_paid`, and every stage after):
    /// withdrawing it leaves a refund to ask for.
    pub fn fees_paid(self) -> bool {
        matches!(self, Status::ChargesPaid | Status::InstallationScheduled | Status::ConnectionReleased)
    }

    /// The office still owes work on it, so its deadline counts: neither ended, nor waiting for
    /// the consumer to confirm a fix, nor waiting for an applicant to answer a query or to pay
    /// the fees of a connection found feasible. (The
    /// statutory days for a connection count from a complete application: the clock stops while
    /// the office waits for what it asked for, and starts again, in full, when the answer comes.)
    pub fn with_office(self) -> bool {
        !self.is_terminal() && !matches!(self, Status::Resolved | Status::QueryRaised | Status::Feasible)
    }

    /// What "overdue" means on every screen (status page, My tickets, Find my numbers): the
    /// office still holds it and its deadline (`expected_by`, unix seconds) has passed.
    pub fn overdue(self, deadline: i64, now: i64) -> bool {
        self.with_office() && now > deadline
    }

    /// The office's next step, used by the dev "advance" endpoint and the demo clock. A
    /// resolved complaint waits for the consumer, and a feasible connection for its fees, so the
    /// office cannot advance them.
    pub fn next_by_office(self) -> Option<Status> {
        Some(match self {
            Status::Registered | Status::Reopened => Status::Assigned,
            Status::Assigned => Status::InProgress,
            Status::InProgress => Status::Resolved,
            Status::Submitted => Status::DocScrutiny,
            Status::DocScrutiny => Status::QueryRaised,
            Status::Resubmitted => Status::InspectionScheduled,
            Status::InspectionScheduled => Status::Feasible,
            Status::ChargesPaid => Status::InstallationScheduled,
            Status::InstallationScheduled => Status::ConnectionReleased,
            _ => return None,
        })
    }

    /// The stages an application goes through, in order, for the stage list.
    pub const APPLICATION_STAGES: [Status; 8] = [
        Status::Submitted,
        Status::DocScrutiny,
        Status::QueryRaised,
        Status::InspectionScheduled,
        Status::Feasible,
        Status::ChargesPaid,
        Status::InstallationScheduled,
        Status::ConnectionReleased,
    ];
    /// An application's stage list at this status, each stage done, current or still to come.
    /// "Question for you" is listed only once the office has `asked` one: most applications never
    /// get a query, and a ticked step that never happened reads as something missed. An answer
    /// sent (`resubmitted`) stays on that step until the office takes it further. A released
    /// connection has every stage done.
    pub fn application_stages(self, asked: bool) -> Vec<(Status, Stage)> {
        let asked = asked || matches!(self, Status::QueryRaised | Status::Resubmitted);
        let here = |s: Status| s == self || (self == Status::Resubmitted && s == Status::QueryRaised);
        let stages = Self::APPLICATION_STAGES.into_iter().filter(|s| asked || *s != Status::QueryRaised);
        let current = stages.clone().position(here);
        stages
            .enumerate()
            .map(|(i, s)| {
                let stage = match current {
                    // The last stage reached is done, not in hand: nothing follows it.
                    Some(c) if i < c || self == Status::ConnectionReleased => Stage::Done,
                    Some(c) if i == c => Stage::Current,
                    _ => Stage::ToCome,
                };
                (s, stage)
            })
            .collect()
    }

    /// Who acts at this stage of an application, for the stage list (domain research §1.9):
    /// the applicant while the clock is paused for them, otherwise the office's officer whose
    /// step it is (the sub-division's SDO for papers and orders, its JE on site). `None` for a
    /// status that is no stage of an application.
    pub fn stage_actor(self) -> Option<Actor> {
        Some(match self {
            Status::QueryRaised | Status::Feasible => Actor::Applicant,
            // An answer sent (`resubmitted`) is the office's to read.
            Status::Submitted
            | Status::DocScrutiny
            | Status::Resubmitted
            | Status::ChargesPaid
            | Status::ConnectionReleased => Actor::Sdo,
            Status::InspectionScheduled | Status::InstallationScheduled => Actor::Je,
            _ => return None,
        })
    }

    pub const COMPLAINT_STAGES: [Status; 5] =
        [Status::Registered, Status::Assigned, Status::InProgress, Status::Resolved, Status::Closed];
}

/// Who acts at a stage of an application (`Status::stage_actor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The applicant: answering a question, paying the fees.
    Applicant,
    /// The Sub-Divisional Officer (SDO) and their office.
    Sdo,
    /// The Junior Engineer (JE) of the area.
    Je,
}

/// Where a stage of an application stands (`Status::application_stages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Done,
    Current,
    ToCome,
}

pub const ALL: [Status; 17] = [
    Status::Registered,
    Status::Assigned,
    Status::InProgress,
    Status::Resolved,
    Status::Closed,
    Status::Reopened,
    Status::Submitted,
    Status::DocScrutiny,
    Status::QueryRaised,
    Status::Resubmitted,
    Status::InspectionScheduled,
    Status::Feasible,
    Status::ChargesPaid,
    Status::InstallationScheduled,
    Status::ConnectionReleased,
    Status::Rejected,
    Status::Withdrawn,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_only_past_the_deadline_while_the_office_holds_it() {
        assert!(!Status::Assigned.overdue(100, 100), "at the deadline it is not yet late");
        assert!(Status::Assigned.overdue(100, 101));
        assert!(Status::Reopened.overdue(100, 101));
        for s in [Status::Resolved, Status::Closed, Status::ConnectionReleased, Status::Rejected, Status::Withdrawn] {
            assert!(!s.overdue(100, 101), "{s:?}");
        }
        // Waiting for the applicant's answer is not the office being late.
        assert!(!Status::QueryRaised.overdue(100, 101));
        assert!(Status::Resubmitted.overdue(100, 101));
        assert!(Status::DocScrutiny.overdue(100, 101));
        // Nor is waiting for the applicant to pay; once paid, the meter is the office's to fit.
        assert!(!Status::Feasible.overdue(100, 101));
        assert!(Status::ChargesPaid.overdue(100, 101));
    }

    #[test]
    fn a_feasible_connection_waits_for_its_fees_and_the_office_moves_on_once_paid() {
        assert_eq!(Status::InspectionScheduled.next_by_office(), Some(Status::Feasible));
        assert_eq!(Status::Feasible.next_by_office(), None, "only a payment moves it on");
        assert_eq!(Status::ChargesPaid.next_by_office(), Some(Status::InstallationScheduled));
        let stages = Status::APPLICATION_STAGES;
        let at = |s| stages.iter().position(|x| *x == s).unwrap();
        assert_eq!(at(Status::ChargesPaid), at(Status::Feasible) + 1);
        assert!(Status::ChargesPaid.may_withdraw(), "a refund is the office's to make, as for any withdrawal");
        assert!(Status::ChargesPaid.fees_paid() && Status::InstallationScheduled.fees_paid());
        assert!(!Status::Feasible.fees_paid() && !Status::Submitted.fees_paid());
    }

    #[test]
    fn a_question_is_a_stage_only_for_an_application_that_was_asked_one() {
        let list = |s: Status, asked| {
            s.application_stages(asked).into_iter().map(|(s, st)| (s.as_str(), st)).collect::<Vec<_>>()
        };
        let never_asked = list(Status::Feasible, false);
        assert_eq!(never_asked.len(), 7);
        assert!(never_asked.iter().all(|(s, _)| *s != "query_raised"), "no ticked step that never happened");
        assert_eq!(never_asked.iter().filter(|(_, st)| *st == Stage::Done).count(), 3);
        assert_eq!(never_asked[3], ("feasible", Stage::Current));
        // Asked once: the step stays in the list as done, also after the answer went in.
        let asked = list(Status::Feasible, true);
        assert_eq!(asked.len(), 8);
        assert_eq!(asked[2], ("query_raised", Stage::Done));
        assert_eq!(asked[4], ("feasible", Stage::Current));
        // The question open, or answered and waiting for the office: that step is the current one.
        for s in [Status::QueryRaised, Status::Resubmitted] {
            assert_eq!(list(s, false)[2], ("query_raised", Stage::Current), "{s:?}");
        }
        // Not yet asked, early on: nothing done but the first, no question listed.
        let early = list(Status::DocScrutiny, false);
        assert_eq!(early[..2], [("submitted", Stage::Done), ("doc_scrutiny", Stage::Current)]);
        assert_eq!(early[2], ("inspection_scheduled", Stage::ToCome));
        // Released: every stage is behind it, none still in hand.
        assert!(list(Status::ConnectionReleased, false).iter().all(|(_, st)| *st == Stage::Done));
        // A status of the other kind is on no step.
        assert!(list(Status::Registered, false).iter().all(|(_, st)| *st == Stage::ToCome));
    }

    #[test]
    fn the_applicant_acts_at_exactly_the_stages_that_stop_the_office_clock() {
        for s in Status::APPLICATION_STAGES.into_iter().chain([Status::Resubmitted]) {
            let actor = s.stage_actor();
            assert!(actor.is_some(), "{s:?} has someone to act");
            // Released is an end, not a pause: the office issued the account.
            let pauses = !s.with_office() && !s.is_terminal();
            assert_eq!(actor == Some(Actor::Applicant), pauses, "{s:?}");
        }
        // The site visits are the engineer's, the papers the sub-division's.
        assert_eq!(Status::InspectionScheduled.stage_actor(), Some(Actor::Je));
        assert_eq!(Status::InstallationScheduled.stage_actor(), Some(Actor::Je));
        assert_eq!(Status::DocScrutiny.stage_actor(), Some(Actor::Sdo));
        // A complaint's statuses are no stage of an application.
        for s in Status::COMPLAINT_STAGES {
            assert_eq!(s.stage_actor(), None, "{s:?}");
        }
    }

    #[test]
    fn complaint_walks_to_resolved_and_waits_for_consumer() {
        let mut s = Status::Registered;
        let mut seen = vec![s];
        while let Some(n) = s.next_by_office() {
            s = n;
            seen.push(s);
        }
        assert_eq!(seen, vec![Status::Registered, Status::Assigned, Status::InProgress, Status::Resolved]);
        assert!(!Status::Resolved.is_terminal());
        assert!(Status::Closed.is_terminal());
        assert_eq!(Status::Reopened.next_by_office(), Some(Status::Assigned));
    }

    #[test]
    fn only_what_is_still_open_and_not_marked_fixed_can_be_withdrawn() {
        let open = ALL.iter().filter(|s| s.may_withdraw()).count();
        assert_eq!(open, 17 - 5, "all but the four ends and a complaint marked fixed");
        for s in [Status::Registered, Status::InProgress, Status::Reopened, Status::QueryRaised, Status::Feasible] {
            assert!(s.may_withdraw(), "{s:?}");
        }
        for s in [Status::Resolved, Status::Closed, Status::Withdrawn, Status::Rejected, Status::ConnectionReleased] {
            assert!(!s.may_withdraw(), "{s:?}");
        }
        assert_eq!(Status::Withdrawn.next_by_office(), None);
    }

    #[test]
    fn each_status_belongs_to_one_kind_but_withdrawn() {
        let of = |k| ALL.iter().filter(|s| s.kind() == Some(k)).count();
        assert_eq!(of(TicketKind::Complaint), 6);
        assert_eq!(of(TicketKind::Application), 10);
        assert_eq!(Status::Withdrawn.kind(), None);
        for s in Status::APPLICATION_STAGES.into_iter().chain([Status::Resubmitted, Status::Rejected]) {
            assert_eq!(s.kind(), Some(TicketKind::Application), "{s:?}");
        }
        // The office's usual next step never crosses from one kind to the other.
        for s in ALL {
            if let Some(n) = s.next_by_office() {
                assert_eq!(n.kind(), s.kind(), "{s:?} → {n:?}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for s in ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
    }
}

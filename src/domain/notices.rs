//! The notices page's list, a page at a time: what is shown, whether older notices remain, and
//! where the next page starts. A discom that posts every feeder's planned shutdown has more
//! notices than a phone on a weak network should download at once.
//!
//! The server's list can change between two pages (a notice published meanwhile pushes the rest
//! one place down), so a notice already shown is never shown twice.
//!
//! Above them, the power cuts on now and coming up, the soonest first (`Cuts`): someone asking
//! "is my supply off tonight" wants the cut about to start, not the notice published last.

use super::outage::{self, Phase};
use super::wire::Announcement;

/// How many notices one page adds.
pub const PAGE: usize = 20;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoticeList {
    pub items: Vec<Announcement>,
    /// Older notices remain on the server.
    pub more: bool,
    /// How far into the server's list the pages so far reached.
    reached: usize,
}

impl NoticeList {
    /// What to ask for next, as (offset, limit): one more than a page, which tells whether any
    /// remain after it without a second request.
    pub fn next(&self) -> (usize, u8) {
        (self.reached, (PAGE + 1) as u8)
    }

    /// Add the server's answer to `next()`.
    pub fn add(&mut self, mut got: Vec<Announcement>) {
        self.more = got.len() > PAGE;
        got.truncate(PAGE);
        self.reached += got.len();
        got.retain(|a| !self.items.iter().any(|b| b.id == a.id));
        self.items.extend(got);
    }

    /// The notices to list below the power cuts: those not already listed there.
    pub fn besides<'a>(&'a self, cuts: Option<&'a Cuts>) -> impl Iterator<Item = &'a Announcement> {
        self.items.iter().filter(move |a| !cuts.is_some_and(|c| c.items.iter().any(|b| b.id == a.id)))
    }
}

/// How many power cuts the notices page lists above the other notices.
pub const CUTS: usize = 20;

/// The power cuts on now or still to come, the soonest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cuts {
    pub items: Vec<Announcement>,
    /// More than `CUTS` are ahead: the rest are among the other notices.
    pub more: bool,
}

impl Cuts {
    /// How many to ask for: one more than are listed, which tells whether more remain.
    pub const ASK: u8 = (CUTS + 1) as u8;

    /// From the server's soonest-first answer at `now` (unix seconds). A cut that has begun and
    /// that nobody gave an end is left to the other notices: it cannot be said to be on now, and
    /// it would otherwise head the list for ever.
    pub fn from_answer(mut got: Vec<Announcement>, now: i64) -> Self {
        let more = got.len() > CUTS;
        got.truncate(CUTS);
        got.retain(|a| matches!(outage::phase(a, now), Some(Phase::Now | Phase::Upcoming)));
        Cuts { items: got, more }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notices(ids: std::ops::Range<usize>) -> Vec<Announcement> {
        ids.map(|i| Announcement { id: format!("n{i}"), ..Default::default() }).collect()
    }
    fn ids(l: &NoticeList) -> Vec<String> {
        l.items.iter().map(|a| a.id.clone()).collect()
    }

    #[test]
    fn pages_follow_on_and_say_whether_older_notices_remain() {
        let mut l = NoticeList::default();
        assert_eq!(l.next(), (0, 21));
        l.add(notices(0..21));
        assert_eq!((l.items.len(), l.more), (20, true), "the 21st only tells that more remain");
        assert_eq!(l.next(), (20, 21));
        l.add(notices(20..25));
        assert_eq!((ids(&l), l.more), (notices(0..25).into_iter().map(|a| a.id).collect(), false));
        // Exactly a page: nothing older.
        let mut one = NoticeList::default();
        one.add(notices(0..20));
        assert!(!one.more);
        let mut none = NoticeList::default();
        none.add(vec![]);
        assert_eq!((none.items.len(), none.more), (0, false));
    }

    #[test]
    fn the_cuts_ahead_leave_out_one_without_an_end_and_are_not_listed_twice() {
        use crate::domain::time::rfc3339;
        const NOW: i64 = 1_795_824_000;
        let cut = |id: &str, from: i64, until: Option<i64>| Announcement {
            id: id.into(),
            kind: "outage".into(),
            published_at: rfc3339(NOW - 86_400),
            from: Some(rfc3339(from)),
            until: until.map(rfc3339),
            ..Default::default()
        };
        let got = vec![
            cut("on", NOW - 3600, Some(NOW + 3600)),
            cut("stuck", NOW - 7200, None),
            cut("tomorrow", NOW + 86_400, None),
            // Ended since the server answered (a copy kept offline): not on now any more.
            cut("ended", NOW - 7200, Some(NOW - 60)),
        ];
        let cuts = Cuts::from_answer(got, NOW);
        assert_eq!(cuts.items.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["on", "tomorrow"]);
        assert!(!cuts.more);
        // Below, the other notices: the stuck cut is there, the two listed above are not.
        let mut l = NoticeList::default();
        l.add(vec![cut("tomorrow", NOW + 86_400, None), notices(0..1).remove(0), cut("stuck", NOW - 7200, None)]);
        let below = |c| l.besides(c).map(|a| a.id.as_str()).collect::<Vec<_>>();
        assert_eq!(below(Some(&cuts)), ["n0", "stuck"]);
        assert_eq!(below(None), ["tomorrow", "n0", "stuck"], "if the cuts could not be loaded, nothing is left out");
        // One more than are listed: more remain, among the other notices.
        let many = Cuts::from_answer((0..21).map(|i| cut(&format!("c{i}"), NOW + 60 * (i + 1), None)).collect(), NOW);
        assert_eq!((many.items.len(), many.more, usize::from(Cuts::ASK)), (CUTS, true, CUTS + 1));
    }

    #[test]
    fn a_notice_published_between_two_pages_does_not_show_one_twice() {
        let mut l = NoticeList::default();
        l.add(notices(1..22));
        // n0 was published meanwhile, so the server's 21st to 41st are now n20 to n40: the
        // first of them was already shown.
        l.add(notices(20..41));
        let shown = ids(&l);
        assert_eq!(shown.len(), 39, "n1 to n39, n20 once");
        assert_eq!(shown.iter().filter(|i| *i == "n20").count(), 1);
        assert!(l.more);
        assert_eq!(l.next(), (40, 21));
    }
}

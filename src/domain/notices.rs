//! The notices page's list, a page at a time: what is shown, whether older notices remain, and
//! where the next page starts. A discom that posts every feeder's planned shutdown has more
//! notices than a phone on a weak network should download at once.
//!
//! The server's list can change between two pages (a notice published meanwhile pushes the rest
//! one place down), so a notice already shown is never shown twice.

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

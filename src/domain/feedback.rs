//! The "was it really fixed?" form as typed, kept as a draft per ticket.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct FeedbackDraft {
    /// `yes` or `no`.
    pub fixed: String,
    pub rating: String,
    pub comment: String,
    pub mobile: String,
    /// A withdrawal's reason code (`withdraw_reasons`).
    pub reason: String,
}

/// One feedback draft per ticket, so coming back to the ticket resumes it.
pub fn draft_id(number: &str) -> String {
    format!("feedback-{number}")
}

/// An answer to the office's query on an application is drafted the same way.
pub fn query_draft_id(number: &str) -> String {
    format!("query-{number}")
}

/// A withdrawal's reason and words are drafted the same way too.
pub fn withdraw_draft_id(number: &str) -> String {
    format!("withdraw-{number}")
}

/// Whether a draft of this kind is a withdrawal (the list of unfinished forms says so).
pub fn is_withdrawal(draft_id: &str) -> bool {
    draft_id.starts_with("withdraw-")
}

/// The ticket a feedback, query-answer or withdrawal draft belongs to.
pub fn number_of(draft_id: &str) -> Option<&str> {
    draft_id
        .strip_prefix("feedback-")
        .or_else(|| draft_id.strip_prefix("query-"))
        .or_else(|| draft_id.strip_prefix("withdraw-"))
}

impl FeedbackDraft {
    pub fn label(&self) -> String {
        crate::domain::normalize::mobile(&self.mobile)
            .map(|m| crate::domain::normalize::mask_mobile(&m))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_label_is_masked() {
        assert_eq!(number_of(&draft_id("123456789012")), Some("123456789012"));
        assert_eq!(number_of(&query_draft_id("223456789012")), Some("223456789012"));
        assert_eq!(number_of(&withdraw_draft_id("123456789012")), Some("123456789012"));
        assert!(is_withdrawal(&withdraw_draft_id("1")) && !is_withdrawal(&draft_id("1")));
        let d = FeedbackDraft { mobile: "+91 98765 43210".into(), ..Default::default() };
        assert_eq!(d.label(), "XXXXXX3210");
    }
}

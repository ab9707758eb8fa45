//! Ticket numbers for complaints and applications.
//!
//! 12 digits so they can be read out over the phone and typed on a numeric pad (Devanagari
//! digits accepted): the first digit says the kind (1 = complaint, 2 = application), ten
//! random digits follow, and the last is a Verhoeff check digit so a mistyped number is caught
//! on the device before any request is made.

use crate::aadhaar::{verhoeff_check_digit, verhoeff_valid};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketKind {
    Complaint,
    Application,
}

impl TicketKind {
    fn digit(self) -> char {
        match self {
            TicketKind::Complaint => '1',
            TicketKind::Application => '2',
        }
    }
}

/// Build a number from ten random digits (the caller supplies randomness).
pub fn make(kind: TicketKind, ten_digits: u64) -> String {
    let body = format!("{}{:010}", kind.digit(), ten_digits % 10_000_000_000);
    format!("{body}{}", verhoeff_check_digit(&body))
}

/// Normalise what was typed and check it is a well-formed ticket number.
pub fn parse(input: &str) -> Option<(TicketKind, String)> {
    let n = crate::normalize::fixed_digits(input, 12)?;
    let kind = match n.as_bytes()[0] {
        b'1' => TicketKind::Complaint,
        b'2' => TicketKind::Application,
        _ => return None,
    };
    verhoeff_valid(&n).then_some((kind, n))
}

/// The ticket number in a pasted text — the whole SMS, or the status page's address — when it
/// holds one number (perhaps more than once). Digits grouped by spaces or hyphens, as the SMS
/// writes them, are read together; the check digit keeps other figures (dates, times, an
/// address) from being taken for a number.
pub fn find_in(text: &str) -> Option<(TicketKind, String)> {
    // Runs of digit groups: "1411 2087 4124" is one run of three groups.
    let mut runs: Vec<Vec<String>> = vec![];
    let mut group = String::new();
    let mut run: Vec<String> = vec![];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = crate::normalize::ascii_digit(c) {
            group.push(d);
            continue;
        }
        if !group.is_empty() {
            run.push(std::mem::take(&mut group));
        }
        let joins = matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '-' | '\u{2011}')
            && chars.peek().is_some_and(|n| crate::normalize::ascii_digit(*n).is_some());
        if !joins && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !group.is_empty() {
        run.push(group);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let mut found: Option<(TicketKind, String)> = None;
    for run in &runs {
        for start in 0..run.len() {
            let mut digits = String::new();
            for g in &run[start..] {
                digits.push_str(g);
                if digits.len() >= 12 {
                    break;
                }
            }
            if let Some(p) = parse(&digits) {
                match &found {
                    Some(f) if f.1 != p.1 => return None, // two numbers: not ours to choose
                    _ => found = Some(p),
                }
            }
        }
    }
    found
}

/// Why what was typed is not a ticket number, so that the person is told what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberMistake {
    Empty,
    /// The account or mobile number people have to hand (ten digits; a mobile perhaps with
    /// +91 or 0), typed where the complaint's number was asked for.
    AccountOrMobile,
    /// Some other count of digits (other characters are not counted).
    Length(usize),
    /// Twelve digits that are no number ever issued: a digit mistyped, or two swapped (the
    /// check digit catches both).
    Mistyped,
}

/// `None` when `input` holds a ticket number (`find_in` finds it).
pub fn mistake(input: &str) -> Option<NumberMistake> {
    if find_in(input).is_some() {
        return None;
    }
    let digits = crate::normalize::digits_only_lenient(input).chars().filter(char::is_ascii_digit).count();
    // A ticket number starts with 1 or 2, so a mobile with +91 is never a mistyped ticket.
    let mobile = crate::normalize::mobile(input).is_some();
    Some(match digits {
        _ if input.trim().is_empty() => NumberMistake::Empty,
        _ if mobile => NumberMistake::AccountOrMobile,
        10 => NumberMistake::AccountOrMobile,
        12 => NumberMistake::Mistyped,
        n => NumberMistake::Length(n),
    })
}

/// `1234 5678 9012`, easier to read out and copy by eye.
pub fn display(number: &str) -> String {
    number.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_typos() {
        let n = make(TicketKind::Complaint, 4_242_424_242);
        assert_eq!(n.len(), 12);
        assert_eq!(parse(&n), Some((TicketKind::Complaint, n.clone())));
        assert_eq!(parse(&display(&n)), Some((TicketKind::Complaint, n.clone())));
        let hindi = crate::normalize::to_devanagari_digits(&n);
        assert_eq!(parse(&hindi).map(|p| p.1), Some(n.clone()));
        let mut typo = n.clone().into_bytes();
        typo[5] = if typo[5] == b'9' { b'0' } else { typo[5] + 1 };
        assert_eq!(parse(std::str::from_utf8(&typo).unwrap()), None);
        assert_eq!(parse(&make(TicketKind::Application, 7)).unwrap().0, TicketKind::Application);
        assert_eq!(parse("12345"), None);
    }

    #[test]
    fn a_number_is_found_in_a_pasted_sms_or_address() {
        let n = make(TicketKind::Complaint, 4_242_424_242);
        let shown = display(&n);
        let found = Some((TicketKind::Complaint, n.clone()));
        assert_eq!(find_in(&n), found);
        assert_eq!(find_in(&format!("  {shown} ")), found);
        let sms = format!(
            "बिजली सेवा: आपकी शिकायत {shown}। 05/12/2026, 08:49 पर दर्ज हुई, 220 V। स्थिति: https://bijli.example/track/{n}?lang=hi"
        );
        assert_eq!(find_in(&sms), found);
        assert_eq!(find_in(&crate::normalize::to_devanagari_digits(&sms)), found);
        assert_eq!(find_in(&format!("https://bijli.example/track/{n}")), found);
        assert_eq!(find_in(&format!("No. {}-{}-{}", &n[..4], &n[4..8], &n[8..])), found);
        // Followed by other figures in the same run ("… 4124 05 12"): the number is still read.
        assert_eq!(find_in(&format!("{shown} 05 12")), found);
        // Two different numbers, or none: nothing is chosen for the person.
        let other = make(TicketKind::Application, 7);
        assert_eq!(find_in(&format!("{n} and {other}")), None);
        assert_eq!(find_in("Call 1912, account 1678444072, 05/12/2026"), None);
        let mut typo = n.clone().into_bytes();
        typo.swap(3, 4);
        if typo != n.as_bytes() {
            assert_eq!(find_in(std::str::from_utf8(&typo).unwrap()), None);
        }
    }

    #[test]
    fn what_is_wrong_with_a_number_that_is_not_one() {
        let n = make(TicketKind::Complaint, 4_242_424_242);
        assert_eq!(mistake(&n), None);
        assert_eq!(mistake(&crate::normalize::to_devanagari_digits(&display(&n))), None);
        assert_eq!(mistake("  "), Some(NumberMistake::Empty));
        // An account number, or a mobile written the usual ways.
        for ten in ["1678444072", "98765 43210", "९८७६५४३२१०", "+91 98765 43210", "098765-43210"] {
            assert_eq!(mistake(ten), Some(NumberMistake::AccountOrMobile), "{ten}");
        }
        // Two digits swapped, one mistyped, or the kind digit wrong: twelve digits, no number.
        let mut swapped = n.clone().into_bytes();
        swapped.swap(4, 5);
        if swapped != n.as_bytes() {
            assert_eq!(mistake(std::str::from_utf8(&swapped).unwrap()), Some(NumberMistake::Mistyped));
        }
        assert_eq!(mistake(&format!("3{}", &n[1..])), Some(NumberMistake::Mistyped));
        assert_eq!(mistake(&n[..11]), Some(NumberMistake::Length(11)));
        assert_eq!(mistake(&format!("{n}7")), Some(NumberMistake::Length(13)));
        assert_eq!(mistake("abc"), Some(NumberMistake::Length(0)));
    }
}

//! Turning what people actually type into canonical values.
//!
//! People paste numbers from SMS, type Devanagari digits (०-९), group digits with spaces or
//! hyphens and prefix mobiles with `+91` or `0`. We accept all of that and normalise before
//! validating, as GOV.UK's validation pattern recommends.

/// A digit as ASCII, whether typed as `0`–`9` or in Devanagari (`०`–`९`).
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0966}'..='\u{096F}' => char::from_digit(c as u32 - 0x0966, 10),
        _ => None,
    }
}

/// Map Devanagari digits to ASCII and drop the separators people use to group digits
/// (spaces, including no-break spaces, hyphens, dots, slashes and brackets).
pub fn digits_only_lenient(input: &str) -> String {
    input
        .chars()
        .filter_map(|c| match (ascii_digit(c), c) {
            (Some(d), _) => Some(d),
            (
                None,
                ' ' | '\u{00A0}' | '\u{202F}' | '\t' | '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '.' | '/' | '('
                | ')',
            ) => None,
            (None, other) => Some(other),
        })
        .collect()
}

/// A 10-digit Indian mobile starting 6–9, accepting `+91`, `91` (12 digits) and `0` prefixes.
pub fn mobile(input: &str) -> Option<String> {
    let s = digits_only_lenient(input);
    let s = s.strip_prefix('+').unwrap_or(&s);
    let s = if s.len() == 12 && s.starts_with("91") {
        &s[2..]
    } else if s.len() == 11 && s.starts_with('0') {
        &s[1..]
    } else {
        s
    };
    let valid = s.len() == 10 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(s.as_bytes()[0], b'6'..=b'9');
    valid.then(|| s.to_string())
}

/// Exactly `len` digits after normalisation (account numbers, PIN codes, OTPs, Aadhaar).
pub fn fixed_digits(input: &str, len: usize) -> Option<String> {
    let s = digits_only_lenient(input);
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// A 10-digit consumer account number (the post-migration UPPCL format).
pub fn account_number(input: &str) -> Option<String> {
    fixed_digits(input, 10)
}

/// A 6-digit PIN code; Indian PINs never start with 0.
pub fn pin_code(input: &str) -> Option<String> {
    fixed_digits(input, 6).filter(|p| !p.starts_with('0'))
}

/// Collapse runs of whitespace and trim, for names and addresses.
pub fn text(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Show only the last four digits of a mobile: `XXXXXX3210`.
pub fn mask_mobile(mobile: &str) -> String {
    let n = mobile.chars().count();
    mobile.chars().enumerate().map(|(i, c)| if i + 4 < n { 'X' } else { c }).collect()
}

/// Show only the last four digits of an account number, as of a mobile: `XXXXXX0123`.
pub fn mask_account(account: &str) -> String {
    mask_mobile(account)
}

/// Render ASCII digits as Devanagari digits, for Hindi display.
pub fn to_devanagari_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0966 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_accepts_what_people_type() {
        for typed in ["9876543210", "+91 98765 43210", "098765-43210", "९८७६५४३२१०", "+९१ ९८७६५ ४३२१०", "91-9876543210"]
        {
            assert_eq!(mobile(typed).as_deref(), Some("9876543210"), "{typed}");
        }
    }

    #[test]
    fn mobile_rejects_bad_numbers() {
        for typed in ["", "12345", "5876543210", "98765432101", "98765abc10", "+44 98765 43210"] {
            assert_eq!(mobile(typed), None, "{typed}");
        }
    }

    #[test]
    fn account_and_pin() {
        assert_eq!(account_number("१६७८ ४४४ ०७२").as_deref(), Some("1678444072"));
        assert_eq!(account_number("167844407"), None);
        assert_eq!(pin_code("221 001").as_deref(), Some("221001"));
        assert_eq!(pin_code("021001"), None);
    }

    #[test]
    fn text_and_masks() {
        assert_eq!(text("  Ram   Lal \n Gupta "), "Ram Lal Gupta");
        assert_eq!(mask_mobile("9876543210"), "XXXXXX3210");
        assert_eq!(mask_account("1690000123"), "XXXXXX0123");
        assert_eq!(to_devanagari_digits("28/11 14:05"), "२८/११ १४:०५");
    }
}

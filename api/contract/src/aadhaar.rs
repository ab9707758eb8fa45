//! Aadhaar numbers: 12 digits, never starting 0 or 1, last digit a Verhoeff check digit.
//! They are only ever displayed masked (`XXXX XXXX 1234`, UIDAI's masking rule).

const D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 7, 6, 8, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const INV: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// True when the ASCII digit string ends in a correct Verhoeff check digit.
pub fn verhoeff_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut c = 0u8;
    for (i, b) in digits.bytes().rev().enumerate() {
        c = D[c as usize][P[i % 8][(b - b'0') as usize] as usize];
    }
    c == 0
}

/// The Verhoeff check digit to append to `digits`.
pub fn verhoeff_check_digit(digits: &str) -> u8 {
    let mut c = 0u8;
    for (i, b) in digits.bytes().rev().enumerate() {
        c = D[c as usize][P[(i + 1) % 8][(b - b'0') as usize] as usize];
    }
    INV[c as usize]
}

/// Normalise (Devanagari digits, spaces) and validate an Aadhaar number.
pub fn parse(input: &str) -> Option<String> {
    let n = crate::normalize::fixed_digits(input, 12)?;
    (!n.starts_with('0') && !n.starts_with('1') && verhoeff_valid(&n)).then_some(n)
}

/// `XXXX XXXX 1234`.
pub fn mask(aadhaar: &str) -> String {
    let tail: String = aadhaar.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("XXXX XXXX {tail}")
}

/// True when the text contains a 12-digit run (after normalising separators) that is a valid
/// Aadhaar number: used to keep Aadhaar numbers out of drafts, logs and free text at rest.
pub fn contains_aadhaar(text: &str) -> bool {
    let digits: Vec<char> = crate::normalize::digits_only_lenient(text).chars().collect();
    digits
        .split(|c| !c.is_ascii_digit())
        .filter(|run| run.len() >= 12)
        .any(|run| run.windows(12).any(|w| parse(&w.iter().collect::<String>()).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verhoeff_known_values() {
        assert!(verhoeff_valid("2363"));
        assert!(!verhoeff_valid("2364"));
        assert_eq!(verhoeff_check_digit("236"), 3);
    }

    #[test]
    fn aadhaar_rules() {
        let base = "23412341234";
        // Published Verhoeff vectors (Wikipedia, Dihedral group D5 tables).
        assert_eq!(verhoeff_check_digit("236"), 3);
        assert_eq!(verhoeff_check_digit("12345"), 1);
        assert_eq!(verhoeff_check_digit("142857"), 0);
        assert!(verhoeff_valid("2363") && verhoeff_valid("123451") && !verhoeff_valid("2364"));
        // A check digit that only the position-4 permutation row decides.
        assert_eq!(verhoeff_check_digit("52345678901"), 9);
        let full = format!("{base}{}", verhoeff_check_digit(base));
        assert_eq!(parse(&full).as_deref(), Some(full.as_str()));
        assert_eq!(parse("2341 2341 2346"), if full == "234123412346" { Some(full.clone()) } else { None });
        let wrong = format!("{base}{}", (verhoeff_check_digit(base) + 1) % 10);
        assert_eq!(parse(&wrong), None, "bad checksum refused");
        assert_eq!(parse("123412341234"), None, "leading 1 refused");
        assert_eq!(parse("12345"), None);
        assert_eq!(mask(&full), format!("XXXX XXXX {}", &full[8..]));
        assert!(contains_aadhaar(&format!("my aadhaar is {} ok", &full)));
        assert!(!contains_aadhaar("call 9876543210"));
    }
}

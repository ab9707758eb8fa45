//! Machine-readable validation codes. The backend sends codes, never sentences, so the portal
//! turns each into text in the reader's language at render time (translated strings never live
//! in state).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Required,
    TooLong,
    InvalidMobile,
    InvalidAccount,
    InvalidPin,
    InvalidAadhaar,
    InvalidEmail,
    InvalidDate,
    InvalidChoice,
    InvalidNumber,
    InvalidOtp,
    OtpExpired,
    TooManyAttempts,
    MobileMismatch,
    NotAllowed,
    /// An upload whose content is not one of the accepted formats (checked by magic bytes).
    InvalidFileType,
    FileTooLarge,
    TooYoung,
    /// A PIN code that does not belong to the chosen district.
    PinDistrictMismatch,
    /// Load outside the tariff's limits, or a phase that does not match the load.
    OutOfRange,
    /// A document the chosen tariff/ownership requires is missing.
    MissingDocument,
    /// A date the offices are closed on (a holiday in the catalogue).
    Holiday,
    /// A code this build does not know yet: shown as a generic message rather than crashing.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Required => "required",
            ErrorCode::TooLong => "too_long",
            ErrorCode::InvalidMobile => "invalid_mobile",
            ErrorCode::InvalidAccount => "invalid_account",
            ErrorCode::InvalidPin => "invalid_pin",
            ErrorCode::InvalidAadhaar => "invalid_aadhaar",
            ErrorCode::InvalidEmail => "invalid_email",
            ErrorCode::InvalidDate => "invalid_date",
            ErrorCode::InvalidChoice => "invalid_choice",
            ErrorCode::InvalidNumber => "invalid_number",
            ErrorCode::InvalidOtp => "invalid_otp",
            ErrorCode::OtpExpired => "otp_expired",
            ErrorCode::TooManyAttempts => "too_many_attempts",
            ErrorCode::MobileMismatch => "mobile_mismatch",
            ErrorCode::NotAllowed => "not_allowed",
            ErrorCode::InvalidFileType => "invalid_file_type",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::TooYoung => "too_young",
            ErrorCode::PinDistrictMismatch => "pin_district_mismatch",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::MissingDocument => "missing_document",
            ErrorCode::Holiday => "holiday",
            ErrorCode::Unknown => "unknown",
        }
    }
}

/// One field's problem, as carried in `application/problem+json` bodies' `errors` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> Self {
        FieldError { field: field.to_string(), code }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_tolerated() {
        let e: FieldError = serde_json::from_str(r#"{"field":"mobile","code":"invalid_mobile"}"#).unwrap();
        assert_eq!(e.code, ErrorCode::InvalidMobile);
        assert_eq!(serde_json::to_string(&ErrorCode::TooLong).unwrap(), "\"too_long\"");
        let e: FieldError = serde_json::from_str(r#"{"field":"x","code":"brand_new"}"#).unwrap();
        assert_eq!(e.code, ErrorCode::Unknown);
    }

    #[test]
    fn as_str_matches_serde() {
        for c in [ErrorCode::Required, ErrorCode::InvalidPin, ErrorCode::OtpExpired, ErrorCode::MobileMismatch] {
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.as_str()));
        }
    }
}

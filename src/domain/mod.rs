//! Pure domain logic of the portal: no web imports, unit tested natively (`cargo test`).
//! Rules shared with the server live in `portal_contract` and are re-exported here.

pub mod assist;
pub mod complaint;
pub mod connection;
pub mod documents;
pub mod draft;
pub mod feedback;
pub mod notices;
pub mod outbox;
pub mod tickets;

pub use portal_contract::{
    aadhaar, codes, compensation, normalize, outage, status, ticket, time, validate, wire, ErrorCode, FieldError,
};

/// The value of `key` in a URL's query string (`?a=1&b=2`, with or without the `?`). The portal's
/// own parameters are plain words and digits, so no percent-decoding is needed.
pub fn query_param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query.trim_start_matches('?').split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_param_finds_a_key_anywhere_in_the_query() {
        assert_eq!(super::query_param("?lang=en", "lang"), Some("en"));
        assert_eq!(super::query_param("kiosk=1&idle=90", "idle"), Some("90"));
        assert_eq!(super::query_param("?language=en&lang=hi", "lang"), Some("hi"));
        assert_eq!(super::query_param("?lang", "lang"), None);
        assert_eq!(super::query_param("", "lang"), None);
    }
}

//! Pure domain logic of the portal: no web imports, unit tested natively (`cargo test`).
//! Rules shared with the server live in `portal_contract` and are re-exported here.

pub mod assist;
pub mod complaint;
pub mod connection;
pub mod draft;
pub mod feedback;
pub mod outbox;
pub mod tickets;

pub use portal_contract::{
    aadhaar, codes, compensation, normalize, status, ticket, time, validate, wire, ErrorCode, FieldError,
};

//! The one definition of everything that crosses the wire between the Bijli Seva portal and the
//! discom backend, plus the pure domain rules both sides apply (normalising what people type,
//! validation codes, Aadhaar checks, ticket numbers, status lifecycles, SLA clocks).
//!
//! No web or server imports live here, so every rule is unit tested natively with `cargo test`
//! and the portal (wasm) and the reference server (native) can never drift apart.

pub mod aadhaar;
pub mod codes;
pub mod compensation;
pub mod connection;
pub mod duplicate;
pub mod normalize;
pub mod outage;
pub mod status;
pub mod ticket;
pub mod time;
pub mod validate;
pub mod wire;

pub use codes::{ErrorCode, FieldError};

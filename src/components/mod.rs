//! Presentational components (GOV.UK Design System patterns). They take signals and callbacks
//! and never talk HTTP.

pub mod fields;
pub mod icons;
pub mod messages;
pub mod notices;

pub use fields::*;
pub use notices::*;
pub mod ack;
pub mod camera;
pub mod keyboard;
pub mod later;
pub mod qr;
pub use later::Later;

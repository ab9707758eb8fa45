//! JSON text in and out for the portal's own code: the API's bodies, and what is kept on the
//! device (drafts, My tickets, the outbox, the operator's profile, a receipt).
//!
//! In the browser the browser itself reads and writes the text (`JSON.parse`, `JSON.stringify`)
//! and serde-wasm-bindgen turns its values into the Rust types and back, so serde_json's text
//! reader and number printer are not in the wasm: 3.6 KB brotli less in the first download and
//! 10–12 KB less in each form's and the tracking part (BENCHMARKS.md, forty-fifth session).
//! Natively, where the domain rules are unit tested, it is serde_json. Both read and write the
//! same JSON; `tests/web.rs` checks the browser's way against serde_json's.

use serde::{de::DeserializeOwned, Serialize};

/// `text` read as a `T`; `None` when it is not JSON or not a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    imp::from_str(text)
}

/// `value` as JSON text; `None` when it cannot be written (in the browser, an integer beyond
/// 2^53, which no type of the portal holds).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    imp::to_string(value)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use serde::{de::DeserializeOwned, Serialize};

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
    }

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
        // JSON's shapes: `None` as null, maps as plain objects, integers as numbers.
        let js = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
        js_sys::JSON::stringify(&js).ok()?.as_string()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use serde::{de::DeserializeOwned, Serialize};

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
        serde_json::to_string(value).ok()
    }
}

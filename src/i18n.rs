//! Translations (generated from `locales/*.json` by build.rs) and small helpers to show
//! bilingual data from the backend in the reader's language.
// The generated code is a module named `i18n` inside this one, as leptos_i18n lays it out.
#![allow(clippy::module_inception)]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::*;
use portal_contract::wire::Text;

/// The label of a backend `{en, hi}` text in the given language.
pub fn pick(locale: Locale, text: &Text) -> String {
    match locale {
        Locale::hi => text.hi.clone(),
        Locale::en => text.en.clone(),
    }
}

pub fn to_wire(locale: Locale) -> portal_contract::wire::Lang {
    match locale {
        Locale::hi => portal_contract::wire::Lang::Hi,
        Locale::en => portal_contract::wire::Lang::En,
    }
}

pub fn code(locale: Locale) -> &'static str {
    match locale {
        Locale::hi => "hi",
        Locale::en => "en",
    }
}

pub fn from_code(code: &str) -> Option<Locale> {
    match code {
        "hi" => Some(Locale::hi),
        "en" => Some(Locale::en),
        _ => None,
    }
}

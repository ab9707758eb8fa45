//! Small preferences kept across visits (the chosen language).

use crate::domain::draft::Persistence;

const LANG: &str = "bijli.lang";

/// A kiosk remembers nothing beyond the visit, not even the language.
fn area() -> Persistence {
    if super::get(Persistence::Session, crate::domain::assist::KIOSK_KEY).is_some() {
        Persistence::Session
    } else {
        Persistence::Local
    }
}

pub fn language() -> Option<String> {
    super::get(area(), LANG)
}

pub fn set_language(code: &str) {
    // Not being able to remember the language is harmless: the page still switches.
    let _ = super::set(area(), LANG, code);
}

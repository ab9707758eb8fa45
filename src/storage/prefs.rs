//! Small preferences kept across visits (the chosen language).

use crate::domain::draft::Persistence;

const LANG: &str = "bijli.lang";

pub fn language() -> Option<String> {
    super::get(Persistence::Local, LANG)
}

pub fn set_language(code: &str) {
    // Not being able to remember the language is harmless: the page still switches.
    let _ = super::set(Persistence::Local, LANG, code);
}

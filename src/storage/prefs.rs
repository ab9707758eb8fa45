//! Small preferences kept across visits (the chosen language).

use crate::domain::draft::Persistence;

pub(super) const LANG: &str = "bijli.lang";

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

thread_local! {
    static CHOSEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the language was switched in this visit: then no copy from before a crash replaces it.
pub fn chosen_this_visit() -> bool {
    CHOSEN.with(std::cell::Cell::get)
}

pub fn set_language(code: &str) {
    CHOSEN.with(|c| c.set(true));
    // Not being able to remember the language is harmless: the page still switches.
    let area = area();
    let _ = super::set(area, LANG, code);
    // Mirrored like a draft: a browser killed seconds after the choice (a phone short of memory)
    // loses localStorage's last writes, and the portal would come back in the other language.
    if area == Persistence::Local {
        super::durable::put(LANG, code);
    }
}

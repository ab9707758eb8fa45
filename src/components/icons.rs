//! The complaint categories' icons, drawn as SVG (in the brand colour; a contrast theme's text
//! colour there).
//!
//! The discom's catalogue names an emoji for each category, but emoji are the wrong thing to
//! draw: phones before Android 9 have no 🧮 or 🧾 (an empty box instead), Windows draws them in
//! black and white, a contrast theme cannot recolour them, and the first one drawn makes the
//! browser load its colour-emoji font. So the categories the portal knows are drawn here, and
//! only a category added to the catalogue later falls back to its emoji.
//!
//! The shapes are Material Design Icons (filled), © Google, Apache License 2.0 (npm
//! `@material-design-icons/svg` 0.14.15); each is one path in a 24 × 24 box.

/// The drawing for a category code of the catalogue, if the portal has one.
pub fn category(code: &str) -> Option<&'static str> {
    Some(match code {
        // power_off: a plug, struck through.
        "no_supply" => "M18 14.49V9c0-1-1.01-2.01-2-2V3h-2v4h-4V3H8v2.48l9.51 9.5.49-.49zm-1.76 1.77L7.2 7.2l-.01.01L3.98 4 2.71 5.25l3.36 3.36C6.04 8.74 6 8.87 6 9v5.48L9.5 18v3h5v-3l.48-.48L19.45 22l1.26-1.28-4.47-4.46z",
        // electrical_services: a cable into a socket.
        "transformer" => "M21 14c0-.55-.45-1-1-1h-2v2h2c.55 0 1-.45 1-1zm-1 3h-2v2h2c.55 0 1-.45 1-1s-.45-1-1-1zm-8-3h-2v4h2c0 1.1.9 2 2 2h3v-8h-3c-1.1 0-2 .9-2 2zM5 13c0-1.1.9-2 2-2h1.5c1.93 0 3.5-1.57 3.5-3.5S10.43 4 8.5 4H5c-.55 0-1 .45-1 1s.45 1 1 1h3.5c.83 0 1.5.67 1.5 1.5S9.33 9 8.5 9H7c-2.21 0-4 1.79-4 4s1.79 4 4 4h2v-2H7c-1.1 0-2-.9-2-2z",
        // show_chart: a line going up and down.
        "voltage" => "m3.5 18.49 6-6.01 4 4L22 6.92l-1.41-1.41-7.09 7.97-4-4L2 16.99z",
        "safety" => "M1 21h22L12 2 1 21zm12-3h-2v-2h2v2zm0-4h-2v-4h2v4z",
        "meter" => "M12 2c-4.96 0-9 4.04-9 9 0 3.91 2.51 7.24 6 8.47V22h2v-2.06a8.262 8.262 0 0 0 2 0V22h2v-2.53c3.49-1.24 6-4.57 6-8.47 0-4.96-4.04-9-9-9zm2.25 12-3 3-1.5-1.5L11 14.25 9.75 13l3-3 1.5 1.5L13 12.75 14.25 14zM16 9H8V7h8v2z",
        // receipt_long
        "bill" => "M19.5 3.5 18 2l-1.5 1.5L15 2l-1.5 1.5L12 2l-1.5 1.5L9 2 7.5 3.5 6 2v14H3v3c0 1.66 1.34 3 3 3h12c1.66 0 3-1.34 3-3V2l-1.5 1.5zM19 19c0 .55-.45 1-1 1s-1-.45-1-1v-3H8V5h11v14zM9 7h6v2H9zm7 0h2v2h-2zm-7 3h6v2H9zm7 0h2v2h-2z",
        "new_connection" => "M10 20v-6h4v6h5v-8h3L12 3 2 12h3v8z",
        // local_police: a badge.
        "theft" => "M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5l-9-4zm2.5 11.59.9 3.88-3.4-2.05-3.4 2.05.9-3.87-3-2.59 3.96-.34L12 6.02l1.54 3.64 3.96.34-3 2.59z",
        "other" => "M20 2H4c-1.1 0-1.99.9-1.99 2L2 22l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every category of the reference catalogue (the discom's list as this portal knows it) is
    /// drawn, so no tile falls back to an emoji.
    #[test]
    fn every_category_of_the_catalogue_is_drawn() {
        let meta: crate::domain::wire::Meta =
            serde_json::from_str(include_str!("../../api/server/data/meta.json")).expect("the catalogue parses");
        assert!(!meta.complaint_categories.is_empty());
        for c in &meta.complaint_categories {
            let d = category(&c.code).unwrap_or_else(|| panic!("no drawing for category {}", c.code));
            assert!(d.starts_with(['M', 'm']) && d.ends_with('z'), "{} is one closed path", c.code);
        }
        assert_eq!(category("a_category_added_later"), None);
    }
}

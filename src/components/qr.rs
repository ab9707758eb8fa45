//! A QR code drawn as SVG (one path of dark modules), for acknowledgements: the consumer scans it
//! to open the ticket's status page on their own phone. Built with attributes, never inner HTML.
use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of the dark modules and the code's size in modules.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let mut d = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                d.push_str(&format!("M{x} {y}h1v1h-1z"));
            }
        }
    }
    Some((d, n))
}

#[component]
pub fn QrCode(#[prop(into)] text: String, #[prop(into)] label: Signal<String>) -> impl IntoView {
    qr_path(&text).map(|(d, n)| {
        // A quiet zone of 4 modules, as the standard asks.
        let view_box = format!("-4 -4 {} {}", n + 8, n + 8);
        view! {
            <svg class="qr" viewBox=view_box role="img" aria-label=move || label.get() shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
                <rect x="-4" y="-4" width=n + 8 height=n + 8 fill="#fff" />
                <path d=d fill="#000" />
            </svg>
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_a_status_url() {
        let (d, n) = super::qr_path("https://bijli.example/track/123456789012").unwrap();
        assert!(n >= 21 && (n - 17) % 4 == 0, "a valid QR size");
        assert!(d.starts_with("M0 0h1v1h-1z"), "finder pattern in the corner");
    }
}

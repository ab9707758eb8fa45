//! The printable acknowledgement of a filing, bilingual on paper whatever the screen language:
//! number, date and time, what was filed, masked mobile (and Aadhaar), expected-by, helpline, and
//! a QR code that opens the status page. A4 by default; the kiosk's 80 mm roll via
//! `public/print-80mm.css`.
use super::qr::QrCode;
use crate::i18n::*;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
pub struct AckData {
    pub number: String,
    /// `complaint` or `application`.
    pub kind: &'static str,
    pub filed_at: String,
    pub what: Option<(String, String)>,
    pub mobile_masked: Option<String>,
    pub aadhaar_masked: Option<String>,
    pub expected_by: Option<String>,
    pub track_url: String,
}

fn both(hi: &str, en: &str) -> String {
    format!("{hi} / {en}")
}

#[component]
pub fn Acknowledgement(data: AckData) -> impl IntoView {
    let (lh, le) = (Locale::hi, Locale::en);
    let title = if data.kind == "application" {
        both(td_string!(lh, ack.title_application), td_string!(le, ack.title_application))
    } else {
        both(td_string!(lh, ack.title_complaint), td_string!(le, ack.title_complaint))
    };
    let mut rows = vec![
        (both(td_string!(lh, ack.number), td_string!(le, ack.number)), crate::domain::ticket::display(&data.number)),
        (both(td_string!(lh, ack.filed_at), td_string!(le, ack.filed_at)), data.filed_at.clone()),
    ];
    if let Some((w_hi, w_en)) = &data.what {
        rows.push((both(td_string!(lh, ack.what), td_string!(le, ack.what)), both(w_hi, w_en)));
    }
    if let Some(m) = &data.mobile_masked {
        rows.push((both(td_string!(lh, ack.mobile), td_string!(le, ack.mobile)), m.clone()));
    }
    if let Some(a) = &data.aadhaar_masked {
        rows.push((both(td_string!(lh, ack.aadhaar), td_string!(le, ack.aadhaar)), a.clone()));
    }
    if let Some(e) = &data.expected_by {
        rows.push((both(td_string!(lh, ack.expected), td_string!(le, ack.expected)), e.clone()));
    }
    let scan = both(td_string!(lh, ack.scan), td_string!(le, ack.scan));
    let helpline = both(td_string!(lh, ack.helpline), td_string!(le, ack.helpline));
    let label = scan.clone();
    view! {
        <section class="ack" id="acknowledgement" aria-labelledby="ack-title">
            <h2 class="ack-title" id="ack-title">{title}</h2>
            <p class="ack-discom">"पूर्वांचल विद्युत वितरण निगम लि. · Purvanchal Vidyut Vitran Nigam Ltd"</p>
            <dl class="ack-list">
                {rows.into_iter().map(|(k, v)| view! { <div class="ack-row"><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <div class="ack-qr">
                <QrCode text=data.track_url.clone() label=Signal::derive(move || label.clone()) />
                <p class="ack-scan">{scan}<br /><span class="ack-url">{data.track_url.clone()}</span></p>
            </div>
            <p class="ack-helpline">{helpline}": 1912"</p>
        </section>
    }
}

/// "Share": the system share sheet (WhatsApp, SMS, e-mail) with the number and the status link,
/// so someone filing on another's behalf can send the record to the consumer's own phone. Only
/// where the browser has a share sheet, and never on a kiosk (a stranger's screen is not theirs
/// to send from). The text is in the screen's language and holds nothing but the number and link.
#[component]
pub fn ShareNumber(number: String, track_url: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigator = web_sys::window().map(|w| w.navigator());
    let can_share = navigator.as_ref().is_some_and(|n| js_sys::Reflect::has(n, &"share".into()).unwrap_or(false))
        && !crate::assist::use_mode().is_kiosk();
    let shown = crate::domain::ticket::display(&number);
    let application =
        crate::domain::ticket::parse(&number).is_some_and(|(k, _)| k == crate::domain::ticket::TicketKind::Application);
    let share = move |_| {
        let text = if application {
            t_string!(i18n, share.application, number = shown.clone()).to_string()
        } else {
            t_string!(i18n, share.complaint, number = shown.clone()).to_string()
        };
        let data = web_sys::ShareData::new();
        data.set_title(&text);
        data.set_text(&text);
        data.set_url(&track_url);
        if let Some(n) = &navigator {
            // Dismissing the sheet rejects the promise; there is nothing to tell the person.
            let _ = n.share_with_data(&data);
        }
    };
    can_share.then(|| {
        view! {
            <button type="button" class="button button-secondary share-number" on:click=share>
                {move || t_string!(i18n, share.button)}
            </button>
        }
    })
}

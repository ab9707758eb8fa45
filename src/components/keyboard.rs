//! The kiosk's on-screen keyboard (touch screens without a keyboard): Hindi in the standard
//! InScript layout (matras, halant for conjuncts, anusvara…), English, and a number pad for number
//! fields. It types into whichever field has focus, exactly as a key press would (an `input`
//! event follows), and never takes the focus away; a physical keyboard still works.
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// InScript (Government of India standard), without Shift and with Shift.
const HINDI: [&str; 4] = ["१२३४५६७८९०-ृ", "ौैाीूबहगदजड़", "ोे्िुपरकतचट", "ॆंमनवलस,.य"];
const HINDI_SHIFT: [&str; 4] = ["ऍॅ()ःऋ", "औऐआईऊभङघधझढञ", "ओएअइउफऱखथछठ", "ऎँणऩऴळशष।य़"];
const ENGLISH: [&str; 4] = ["1234567890-", "qwertyuiop", "asdfghjkl@", "zxcvbnm,./"];
const NUMBERS: [&str; 4] = ["123", "456", "789", "0"];

#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Hindi,
    English,
}

/// Is this a field the keyboard types into, and does it want digits only?
fn target_kind(el: &web_sys::Element) -> Option<bool> {
    let tag = el.tag_name().to_ascii_lowercase();
    if tag == "textarea" {
        return Some(false);
    }
    if tag != "input" {
        return None;
    }
    let ty = el.get_attribute("type").unwrap_or_else(|| "text".into());
    if !matches!(ty.as_str(), "text" | "tel" | "email" | "password" | "search" | "number") {
        return None;
    }
    let mode = el.get_attribute("inputmode").unwrap_or_default();
    Some(matches!(mode.as_str(), "numeric" | "tel" | "decimal") || ty == "tel" || ty == "number")
}

/// Replace the selection of the focused field with `text` (or delete one character before the
/// caret when `text` is empty), then tell the app, as a typed key would.
fn type_into(el: &web_sys::HtmlElement, text: &str) {
    let (value, start, end) = if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        (i.value(), i.selection_start().ok().flatten(), i.selection_end().ok().flatten())
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        (t.value(), t.selection_start().ok().flatten(), t.selection_end().ok().flatten())
    } else {
        return;
    };
    // Selection offsets are UTF-16 code units.
    let mut units: Vec<u16> = value.encode_utf16().collect();
    let len = units.len() as u32;
    let (mut start, end) = (start.unwrap_or(len).min(len), end.unwrap_or(len).min(len));
    // Backspace (no text) with nothing selected removes the character before the caret.
    if text.is_empty() && start == end && start > 0 {
        start -= 1;
    }
    let insert: Vec<u16> = text.encode_utf16().collect();
    units.splice(start as usize..end.max(start) as usize, insert.iter().copied());
    let caret = start + insert.len() as u32;
    let next = String::from_utf16_lossy(&units);
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(&next);
        let _ = i.set_selection_range(caret, caret);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(&next);
        let _ = t.set_selection_range(caret, caret);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(ev) = web_sys::Event::new_with_event_init_dict("input", &init) {
        let _ = el.dispatch_event(&ev);
    }
    let _ = el.focus();
}

#[component]
pub fn OnScreenKeyboard() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let target = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let numeric = RwSignal::new(false);
    let active = RwSignal::new(false);
    let open = RwSignal::new(true);
    let shift = RwSignal::new(false);
    // Follows the page's language until the person switches layouts.
    let chosen = RwSignal::new(None::<Layout>);
    let layout = Signal::derive(move || {
        chosen.get().unwrap_or(if i18n.get_locale() == crate::i18n::Locale::en {
            Layout::English
        } else {
            Layout::Hindi
        })
    });
    let focus = leptos_use::use_event_listener(document(), leptos::ev::focusin, move |ev| {
        let el = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        match el.as_ref().and_then(|e| target_kind(e).map(|n| (e.clone(), n))) {
            Some((e, n)) => {
                target.set_value(Some(e));
                numeric.set(n);
                active.set(true);
            }
            // Focus on the keyboard's own buttons keeps the field; elsewhere it is let go.
            None if el.as_ref().is_some_and(|e| e.closest(".osk").ok().flatten().is_some()) => {}
            None => active.set(false),
        }
    });
    on_cleanup(focus);
    let press = move |text: String| {
        if let Some(el) = target.get_value() {
            type_into(&el, &text);
        }
        if shift.get_untracked() {
            shift.set(false);
        }
    };
    let key = move |ch: char| {
        let s = ch.to_string();
        let label = if ('\u{093E}'..='\u{094D}').contains(&ch)
            || matches!(
                ch,
                '\u{0901}' | '\u{0902}' | '\u{0903}' | '\u{093C}' | '\u{0943}' | '\u{0945}' | '\u{0946}' | '\u{094A}'
            ) {
            // Matras and signs are shown on a dotted circle, as on printed InScript keyboards.
            format!("◌{ch}")
        } else {
            s.clone()
        };
        let c = s.clone();
        view! {
            <button type="button" class="osk-key" data-char=s.clone() on:mousedown=|ev| ev.prevent_default() on:click=move |_| press(c.clone())>{label}</button>
        }
    };
    let rows = move || {
        let upper = shift.get();
        let set: [&str; 4] = if numeric.get() {
            NUMBERS
        } else {
            match (layout.get(), upper) {
                (Layout::Hindi, false) => HINDI,
                (Layout::Hindi, true) => HINDI_SHIFT,
                (Layout::English, _) => ENGLISH,
            }
        };
        set.iter()
            .map(|row| {
                let keys = row
                    .chars()
                    .map(|c| {
                        key(if upper && layout.get_untracked() == Layout::English { c.to_ascii_uppercase() } else { c })
                    })
                    .collect_view();
                view! { <div class="osk-row">{keys}</div> }
            })
            .collect_view()
    };
    view! {
        <Show when=move || active.get()>
            <div class="osk no-print" role="group" aria-label="कीबोर्ड · Keyboard">
                <Show when=move || open.get() fallback=move || view! {
                    <button type="button" class="button button-secondary osk-toggle" on:mousedown=|ev| ev.prevent_default() on:click=move |_| open.set(true)>"⌨ कीबोर्ड · Keyboard"</button>
                }>
                    {rows}
                    <div class="osk-row">
                        <Show when=move || !numeric.get()>
                            <button type="button" class="osk-key osk-wide" aria-pressed=move || shift.get().to_string() on:mousedown=|ev| ev.prevent_default() on:click=move |_| shift.update(|s| *s = !*s)>"⇧ Shift"</button>
                            <button type="button" class="osk-key osk-wide" data-layout="toggle" on:mousedown=|ev| ev.prevent_default()
                                on:click=move |_| chosen.set(Some(if layout.get_untracked() == Layout::Hindi { Layout::English } else { Layout::Hindi }))>
                                {move || if layout.get() == Layout::Hindi { "ABC" } else { "अ आ" }}
                            </button>
                            <button type="button" class="osk-key osk-space" data-char=" " on:mousedown=|ev| ev.prevent_default() on:click=move |_| press(" ".into())>"␣"</button>
                        </Show>
                        <button type="button" class="osk-key osk-wide" data-key="backspace" aria-label="मिटाएँ · Backspace" on:mousedown=|ev| ev.prevent_default() on:click=move |_| press(String::new())>"⌫"</button>
                        <button type="button" class="osk-key osk-wide" on:mousedown=|ev| ev.prevent_default() on:click=move |_| open.set(false)>"⌄"</button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}

//! The kiosk's guard: after `idle` seconds without a touch, key or scroll, a full-screen
//! bilingual warning counts down 20 s with a large "Continue"; any input cancels it; at zero
//! everything of that person is wiped (`wipe_and_restart`). Part code (the settings part, with
//! the on-screen keyboard): only kiosks download it, and a kiosk draws no page from a part
//! before the guard runs (`assist::GuardRunning`).
use crate::domain::assist::KIOSK_COUNTDOWN_SECS;
use leptos::prelude::*;

#[component]
pub fn KioskGuard(idle_secs: u32) -> impl IntoView {
    if let Some(running) = use_context::<super::GuardRunning>() {
        running.0.set(true);
    }
    let last = StoredValue::new(js_sys::Date::now());
    let left = RwSignal::new(None::<u32>);
    let touch = move || {
        last.set_value(js_sys::Date::now());
        if left.get_untracked().is_some() {
            left.set(None);
        }
    };
    let mut listeners = vec![];
    for ev in ["pointerdown", "keydown", "input", "touchstart", "wheel"] {
        let t = touch;
        listeners.push(leptos_use::use_event_listener(
            document(),
            leptos::ev::Custom::<web_sys::Event>::new(ev),
            move |_| t(),
        ));
    }
    let tick = leptos_use::use_interval_fn(
        move || {
            let idle_for = ((js_sys::Date::now() - last.get_value()) / 1000.0) as u32;
            if idle_for < idle_secs {
                return;
            }
            let remaining = (idle_secs + KIOSK_COUNTDOWN_SECS).saturating_sub(idle_for);
            if remaining == 0 {
                super::wipe_and_restart();
            } else if left.get_untracked() != Some(remaining) {
                left.set(Some(remaining));
            }
        },
        250,
    );
    on_cleanup(move || {
        (tick.pause)();
        for l in listeners {
            l();
        }
    });
    view! {
        <Show when=move || left.get().is_some()>
            <div class="kiosk-overlay" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-title" aria-describedby="kiosk-body">
                <div class="kiosk-dialog">
                    <h2 id="kiosk-title"><span lang="hi">"क्या आप अभी भी यहाँ हैं?"</span><br /><span lang="en">"Are you still there?"</span></h2>
                    <p id="kiosk-body">
                        <span lang="hi">{move || format!("{} सेकंड में आपकी जानकारी मिटा दी जाएगी।", left.get().unwrap_or(0))}</span><br />
                        <span lang="en">{move || format!("Your details will be cleared in {} seconds.", left.get().unwrap_or(0))}</span>
                    </p>
                    <button type="button" class="button button-large" id="kiosk-continue" autofocus on:click=move |_| touch()>
                        <span lang="hi">"जारी रखें"</span>" · "<span lang="en">"Continue"</span>
                    </button>
                </div>
            </div>
        </Show>
    }
}

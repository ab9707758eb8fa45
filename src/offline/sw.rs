//! Service worker registration and the "new version" prompt. The worker (`public/sw.js`) waits
//! after installing a new version; the page asks the person, and only their click activates it
//! and reloads — never in the middle of a form by itself (drafts are saved on `pagehide`).
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let waiting = null;
export function register_sw(onUpdate) {
  if (!('serviceWorker' in navigator)) return;
  // Installing precaches every part of the portal; start that only once the page has loaded
  // and its first API answers are in, so on a slow network it never competes with them.
  const later = (f) => setTimeout(f, 2000);
  if (document.readyState === 'complete') later(() => start(onUpdate));
  else window.addEventListener('load', () => later(() => start(onUpdate)), { once: true });
}
function start(onUpdate) {
  navigator.serviceWorker.register('/sw.js').then((reg) => {
    const offer = (w) => { waiting = w; onUpdate(); };
    if (reg.waiting && navigator.serviceWorker.controller) offer(reg.waiting);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (!w) return;
      w.addEventListener('statechange', () => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) offer(w);
      });
    });
    // Look for a new deploy when the person comes back to the tab, and twice an hour.
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') reg.update().catch(() => {}); });
    setInterval(() => reg.update().catch(() => {}), 30 * 60 * 1000);
  }).catch(() => {});
}
export function apply_update() {
  if (!waiting) { location.reload(); return; }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}
"#)]
extern "C" {
    fn register_sw(on_update: &js_sys::Function);
    /// Activate the waiting version and reload (the person clicked "Reload").
    pub fn apply_update();
}

/// Register the worker; `on_update` runs when a new version is ready.
pub fn register(on_update: impl Fn() + 'static) {
    let cb = Closure::<dyn Fn()>::new(on_update);
    register_sw(cb.as_ref().unchecked_ref());
    // Lives as long as the page.
    cb.forget();
}

//! Bijli Seva: the PUVVNL consumer portal (Jhatpat new connections, 1912 complaints, tracking).
//!
//! Map of the crate (see ARCHITECTURE.md):
//! - `app`        — the shell (header, footer, language switch, routes, focus on navigation)
//! - `offline`    — service worker registration and update prompt, online state, the outbox
//! - `pages`      — one file per route
//! - `assist`     — operator and kiosk modes (who is filing, idle wipe)
//! - `components` — presentational pieces; they never talk HTTP
//! - `api`        — the only place that knows URLs; typed calls to `api/openapi.yaml`
//! - `media`      — chosen files before upload (real type, photo downscaling)
//! - `json`       — JSON text in and out (the browser's own parser in the browser)
//! - `storage`    — everything kept on the device (drafts, my tickets, preferences)
//! - `domain`     — pure rules (no web imports), unit tested natively
//! - `i18n`       — generated translations plus helpers to pick a language

pub mod api;
pub mod app;
pub mod assist;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod json;
pub mod media;
pub mod offline;
pub mod pages;
pub mod storage;

pub use app::App;

/// Draw the app in place of the static loading shell from index.html. Putting back drafts that only
/// reached the crash-safe store before the browser was killed runs alongside: opening IndexedDB
/// takes a noticeable while on a slow phone, and only what reads drafts waits for it (the pages
/// in parts, see `app/split.rs`; the home page's offer to continue re-reads when it is done).
pub fn start() {
    storage::durable::begin_restore();
    // The first render gets a task of its own instead of following the wasm's start-up in the
    // same one, and is itself cut into several (`components::Later`): on a slow phone start-up
    // and render together were one task of ~400 ms at 4x CPU, and apart they block a tap for
    // less time at a stretch (Lighthouse's total blocking time). The shell removes the static
    // loading screen once the whole first screen has been drawn behind it.
    leptos::prelude::set_timeout(
        || {
            leptos::mount::mount_to_body(App);
        },
        std::time::Duration::ZERO,
    );
}

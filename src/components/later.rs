//! `<Later>`: part of a view drawn in a later task of the browser's than the rest.
//!
//! Why: on a slow phone the first render of the shell and the home page is one task of 250–400 ms
//! at 4x CPU (mostly V8 compiling each wasm function on its first call). A tap during it waits for
//! all of it. Drawn in a few tasks instead, the browser can answer input in between (Lighthouse's
//! "total blocking time" counts only what each task spends beyond 50 ms). What waits must not be
//! what people look at first: `Shell` keeps the whole app hidden behind the static boot shell
//! until the last of its `Later`s has run, so nothing appears piece by piece. The two forms'
//! flows draw their step a task after the rest only when a link opened them (the app is still
//! starting); after a tap they draw at once, so the old page is never replaced by an empty one.

use leptos::prelude::*;
use std::time::Duration;

/// Draws `children` once the browser has run a task after the current one (or at once when
/// `defer` is false). Several `Later`s run in the order they were created, one task each.
#[component]
pub fn Later(children: ChildrenFn, #[prop(default = true)] defer: bool) -> impl IntoView {
    let ready = RwSignal::new(!defer);
    if defer {
        set_timeout(move || _ = ready.try_set(true), Duration::ZERO);
    }
    move || ready.get().then(|| children())
}

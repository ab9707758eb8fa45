//! Working on a network that comes and goes: the service worker (offline shell, update prompt),
//! whether the browser is online, and the outbox that delivers complaints later, exactly once.

pub mod outbox;
pub mod photo;
pub mod sw;

use crate::api::ApiError;
use leptos::prelude::*;

/// `navigator.onLine`, kept current by the `online`/`offline` events.
#[derive(Clone, Copy)]
pub struct Network {
    pub online: RwSignal<bool>,
    /// A new version of the portal is installed and waiting for the person's "Reload".
    pub update_ready: RwSignal<bool>,
}

pub fn is_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

impl Network {
    /// Start watching; call once in the shell.
    pub fn start() -> Self {
        let n = Network { online: RwSignal::new(is_online()), update_ready: RwSignal::new(false) };
        let on = window_event_listener(leptos::ev::online, move |_| n.online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| n.online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
        sw::register(move || n.update_ready.set(true));
        provide_context(n);
        n
    }

    /// Calls `retry` when the network comes back after a send that failed for want of it (while
    /// `failure` holds a transient error). For sends the outbox does not carry: the page that
    /// made them retries while it is open.
    pub fn retry_when_back(self, failure: RwSignal<Option<ApiError>>, retry: impl Fn() + 'static) {
        Effect::new(move |was_online: Option<bool>| {
            let online = self.online.get();
            if was_online == Some(false)
                && online
                && failure.with_untracked(|f| f.as_ref().is_some_and(ApiError::is_transient))
            {
                retry();
            }
            online
        });
    }
}

pub fn use_network() -> Network {
    expect_context::<Network>()
}

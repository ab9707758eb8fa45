//! The smallest Leptos 0.8 client app: a heading, a button and a counter (and, with the
//! `router` feature, two routes and links between them: in `<Routes>`, the nested router, or
//! with `flat` in `<FlatRoutes>`, the flat one the portal uses).
use leptos::prelude::*;

#[component]
fn Counter() -> impl IntoView {
    let count = RwSignal::new(0);
    view! {
        <h1>"Bijli Seva"</h1>
        <button on:click=move |_| count.update(|n| *n += 1)>"+1"</button>
        <p>{move || count.get()}</p>
    }
}

#[cfg(not(feature = "router"))]
fn app() -> impl IntoView {
    view! { <Counter /> }
}

#[cfg(all(feature = "router", not(feature = "flat")))]
fn app() -> impl IntoView {
    use leptos_router::{components::*, path};
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/track">"Track"</A></nav>
            <Routes fallback=|| "Not found">
                <Route path=path!("/") view=Counter />
                <Route path=path!("/track/:id") view=|| view! { <p>"Track"</p> } />
            </Routes>
        </Router>
    }
}

fn main() {
    leptos::mount::mount_to_body(app);
}

#[cfg(feature = "flat")]
fn app() -> impl IntoView {
    use leptos_router::{components::*, path};
    view! {
        <Router>
            <nav><A href="/">"Home"</A><A href="/track">"Track"</A></nav>
            <FlatRoutes fallback=|| "Not found">
                <Route path=path!("/") view=Counter />
                <Route path=path!("/track/:id") view=|| view! { <p>"Track"</p> } />
            </FlatRoutes>
        </Router>
    }
}

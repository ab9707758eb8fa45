//! A kiosk's own camera, shown in the page: the way a document is given at an office kiosk. A file
//! dialog there would show a walk-up stranger the kiosk's disk (and whatever the last visitor
//! left on it), so the kiosk's document blocks offer this instead of a file.
//!
//! A still is shown before it is sent, to be used or taken again (a blurred document would only
//! come back as a query weeks later). The camera is on only while its panel is open: it stops when
//! a still is used, on Cancel, and when the block goes away (another page, or the kiosk's wipe).

use crate::i18n::*;
use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, HtmlElement, HtmlVideoElement, MediaStream, MediaStreamConstraints, MediaStreamTrack, Url};

/// Where the focus goes after a press in the camera's panel.
#[derive(Clone, Copy)]
enum Focus {
    Panel = 0,
    Use = 1,
    Capture = 2,
    Open = 3,
}

/// The camera button, and once pressed the live picture with "Capture" and "Cancel", then the
/// still with "Use this photo" and "Take again". `facing` is the camera asked for where there are
/// two (`user` for a selfie, `environment` otherwise); `on_taken` gets the still used, as a JPEG.
#[component]
pub fn KioskCamera(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] what: Signal<String>,
    facing: &'static str,
    #[prop(into)] on_taken: Callback<Blob>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The panel's one view, drawn when it opens (not again when the picture starts: the video
    // element holds the stream); `live` once a picture shows, `failed` when there is no camera.
    let (open, live, failed) = (RwSignal::new(false), RwSignal::new(false), RwSignal::new(false));
    // The still being checked, and the `blob:` address it is shown from.
    let still = RwSignal::new_local(None::<(Blob, String)>);
    let stream = StoredValue::new_local(None::<MediaStream>);
    let taking = StoredValue::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    // Each press redraws the panel and takes away the button pressed, and the focus with it (a
    // keyboard or screen reader would start again from the top of the page). The press names
    // where the focus goes instead, and it is moved there once that element is drawn: the panel
    // (which reads out what to photograph), "Use this photo", "Capture", or the camera button.
    let (panel, use_button, capture_button, open_button) =
        (NodeRef::<Div>::new(), NodeRef::<Button>::new(), NodeRef::<Button>::new(), NodeRef::<Button>::new());
    let focus_next = StoredValue::new(None::<Focus>);
    Effect::new(move |_| {
        // All four are read each time, so that drawing any of them runs this again.
        let drawn: [Option<HtmlElement>; 4] = [
            panel.get().map(Into::into),
            use_button.get().map(Into::into),
            capture_button.get().map(Into::into),
            open_button.get().map(Into::into),
        ];
        let target = drawn[focus_next.get_value()? as usize].clone().filter(|el| el.is_connected())?;
        let _ = target.focus();
        focus_next.set_value(None);
        Some(())
    });
    let focus = move |f| focus_next.set_value(Some(f));
    let stop = move || {
        if let Some(s) = stream.try_update_value(Option::take).flatten() {
            s.get_tracks().for_each(&mut |t, _, _| t.unchecked_into::<MediaStreamTrack>().stop());
        }
    };
    let drop_still = move || {
        if let Some((blob, url)) = still.try_update(Option::take).flatten() {
            let _ = Url::revoke_object_url(&url);
            return Some(blob);
        }
        None
    };
    on_cleanup(move || {
        stop();
        drop_still();
    });
    let close = move || {
        focus(Focus::Open);
        stop();
        drop_still();
        open.set(false);
    };
    let start = move |_| {
        failed.set(false);
        live.set(false);
        focus(Focus::Panel);
        open.set(true);
        spawn_local(async move {
            let asked = web_sys::window().and_then(|w| w.navigator().media_devices().ok()).and_then(|devices| {
                let constraints = MediaStreamConstraints::new();
                // A document is read from the picture: as many pixels as the camera gives, up to 1920.
                let wanted = format!(r#"{{"facingMode":"{facing}","width":{{"ideal":1920}}}}"#);
                constraints.set_video(&js_sys::JSON::parse(&wanted).unwrap_or(true.into()));
                devices.get_user_media_with_constraints(&constraints).ok()
            });
            let got = match asked {
                Some(p) => JsFuture::from(p).await.ok(),
                None => None,
            };
            let Some(got) = got.map(JsCast::unchecked_into::<MediaStream>) else {
                focus(Focus::Open);
                open.try_set(false);
                failed.try_set(true);
                return;
            };
            // `Clone::clone`: the stream's own `clone()` would make a second stream, with a camera
            // track of its own that nothing stops.
            stream.try_set_value(Some(Clone::clone(&got)));
            // Cancelled, or the page left, while the camera was starting: it goes off at once.
            match video.try_get_untracked().flatten().filter(|_| open.try_get_untracked() == Some(true)) {
                Some(v) => v.set_src_object(Some(&got)),
                None => stop(),
            }
        });
    };
    let capture = move |_| {
        let Some(v) = video.get_untracked() else { return };
        let v: HtmlVideoElement = v;
        // One still per press: a second tap while it is being made does nothing.
        if taking.get_value() {
            return;
        }
        taking.set_value(true);
        spawn_local(async move {
            let made = crate::media::still_of(&v).await;
            taking.try_set_value(false);
            if let Some((blob, url)) = made.and_then(|b| Url::create_object_url_with_blob(&b).ok().map(|u| (b, u))) {
                focus(Focus::Use);
                still.try_set(Some((blob, url)));
            }
        });
    };
    let use_it = move |_| {
        let blob = drop_still();
        close();
        if let Some(blob) = blob {
            on_taken.run(blob);
        }
    };
    let checking = move || still.with(Option::is_some);
    view! {
        {move || if open.get() {
            view! {
                <div class="camera" role="group" aria-label=move || what.get() tabindex="-1" node_ref=panel>
                    <p class="hint">
                        {move || match (checking(), facing == "user") {
                            (true, true) => t_string!(i18n, camera.check_selfie),
                            (true, false) => t_string!(i18n, camera.check),
                            (false, true) => t_string!(i18n, camera.hint_selfie),
                            (false, false) => t_string!(i18n, camera.hint),
                        }}
                    </p>
                    <video node_ref=video class="camera-preview" autoplay=true muted=true playsinline=true hidden=checking
                        on:playing=move |_| live.set(true)></video>
                    {move || still.with(|s| s.as_ref().map(|(_, url)| view! {
                        <img class="camera-preview camera-still" src=url.clone() alt=move || what.get() />
                    }))}
                    <div class="file-choices">
                        {move || if checking() {
                            view! {
                                <button type="button" class="button" node_ref=use_button on:click=use_it>{t_string!(i18n, camera.use_photo)}</button>
                                <button type="button" class="button button-secondary" on:click=move |_| { focus(Focus::Capture); drop_still(); }>
                                    {t_string!(i18n, camera.again)}
                                </button>
                            }
                            .into_any()
                        } else {
                            view! {
                                <button type="button" class="button" node_ref=capture_button disabled=move || !live.get() on:click=capture>
                                    {move || if live.get() { t_string!(i18n, camera.capture) } else { t_string!(i18n, camera.starting) }}
                                </button>
                                <button type="button" class="button button-secondary" on:click=move |_| close()>{t_string!(i18n, camera.cancel)}</button>
                            }
                            .into_any()
                        }}
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="button button-secondary" node_ref=open_button on:click=start>
                    {move || label.get()}<span class="visually-hidden">" — "{move || what.get()}</span>
                </button>
                {move || failed.get().then(|| view! {
                    <p class="notice" role="alert">{t_string!(i18n, camera.failed)}</p>
                })}
            }
            .into_any()
        }}
    }
}

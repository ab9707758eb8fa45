//! What happens to a chosen file on the device before it is uploaded: find out what it really
//! is from its first bytes (the backend's rule, so a renamed `.exe` is refused at once), and
//! shrink camera photos so a 6 MB picture goes over a weak network as ≤ 500 KB; and the still
//! taken from a kiosk's camera, made the same way.

use crate::domain::connection::{fit, PHOTO_MAX_SIDE, PHOTO_TARGET_BYTES};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, HtmlVideoElement, ImageBitmap, ImageEncodeOptions, OffscreenCanvas, OffscreenCanvasRenderingContext2d,
};

/// The MIME type the content says (JPEG, PNG or PDF), whatever the file is called.
pub async fn sniff(blob: &Blob) -> Option<&'static str> {
    let head = blob.slice_with_i32_and_i32(0, 8).ok()?;
    let buf = JsFuture::from(head.array_buffer()).await.ok()?;
    portal_contract::connection::sniff(&js_sys::Uint8Array::new(&buf).to_vec())
}

/// Re-encode a photo as JPEG: longest side at most 1600 px (then 1200, 900), lowering the
/// quality until it fits in 500 KB. `None` when the browser cannot decode or encode it.
pub async fn shrink_photo(blob: &Blob) -> Option<Blob> {
    let bitmap = web_sys::window()?.create_image_bitmap_with_blob(blob).ok()?;
    jpeg(JsFuture::from(bitmap).await.ok()?.dyn_into().ok()?).await
}

/// The frame a live camera shows now, as a JPEG made like [`shrink_photo`]'s.
pub async fn still_of(video: &HtmlVideoElement) -> Option<Blob> {
    let bitmap = web_sys::window()?.create_image_bitmap_with_html_video_element(video).ok()?;
    jpeg(JsFuture::from(bitmap).await.ok()?.dyn_into().ok()?).await
}

async fn jpeg(bitmap: ImageBitmap) -> Option<Blob> {
    let (w, h) = (bitmap.width(), bitmap.height());
    let mut result = None;
    'sizes: for side in [PHOTO_MAX_SIDE, 1200, 900] {
        let (tw, th) = fit(w, h, side);
        let canvas = OffscreenCanvas::new(tw, th).ok()?;
        let ctx: OffscreenCanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        // Transparent PNG areas would turn black in a JPEG.
        ctx.set_fill_style_str("#fff");
        ctx.fill_rect(0.0, 0.0, tw as f64, th as f64);
        ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, tw as f64, th as f64).ok()?;
        for quality in [0.8, 0.65, 0.5] {
            let opts = ImageEncodeOptions::new();
            opts.set_type("image/jpeg");
            opts.set_quality(quality);
            let out: Blob =
                JsFuture::from(canvas.convert_to_blob_with_options(&opts).ok()?).await.ok()?.dyn_into().ok()?;
            if out.size() as u64 <= PHOTO_TARGET_BYTES {
                result = Some(out);
                break 'sizes;
            }
        }
    }
    bitmap.close();
    result
}

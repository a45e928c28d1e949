//! Saving files from the page: results, predictions and charts. Everything is made in the page
//! and handed to the browser as a Blob or data URL; nothing is uploaded anywhere.

use js_sys::{Array, Promise, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlCanvasElement, Url};

use super::backend::PageBackend;
use super::measured::MeasuredCanvas;
use crate::charts::{ChartStyle, Figure, Theme};
use crate::sim::training::{self, Binormal, Sample};
use crate::worker::csv_pieces;
use plotters::prelude::{IntoDrawingArea, SVGBackend};

/// Clicks a temporary link that downloads `href` as `name`.
fn click_download(name: &str, href: &str) {
    let Ok(a) = document().create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<HtmlAnchorElement>() else {
        return;
    };
    a.set_href(href);
    a.set_download(name);
    a.click();
}

/// Downloads the parts of a Blob.
pub fn save_parts(name: &str, parts: &Array, mime: &str) {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_download(name, &url);
    // The download has started by the next task; the URL is no longer needed.
    let _ = set_timeout_with_handle(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
}

/// Downloads a text.
pub fn save_text(name: &str, text: &str, mime: &str) {
    let parts = Array::new();
    parts.push(&Uint8Array::from(text.as_bytes()));
    save_parts(name, &parts, mime);
}

/// Lets the browser paint and handle input before the next chunk of work.
pub async fn yield_to_browser() {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Downloads a training sample's rows as CSV (`label,x`), drawn here and written in pieces with
/// the browser free between them.
pub async fn save_training_rows(population: Binormal, n: u32, seed: u64) {
    let sample = Sample::generate(&population, n, seed);
    let parts = Array::new();
    parts.push(&Uint8Array::from(training::CSV_HEADER.as_bytes()));
    for piece in csv_pieces(sample.len()) {
        yield_to_browser().await;
        let mut bytes = Vec::with_capacity(piece.len() * 24);
        sample.csv_rows(piece, &mut bytes);
        parts.push(&Uint8Array::from(&bytes[..]));
    }
    save_parts("imbalance-lab-training-data.csv", &parts, "text/csv");
}

/// Downloads a chart as PNG at twice its on-screen resolution.
pub fn save_png(figure: &Figure, css: (u32, u32), theme: Theme) {
    let Some(canvas) = document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    let scale = 2.0 * window().device_pixel_ratio().max(1.0);
    canvas.set_width((f64::from(css.0) * scale).round() as u32);
    canvas.set_height((f64::from(css.1) * scale).round() as u32);
    let Some(backend) = MeasuredCanvas::new(canvas.clone()) else {
        return;
    };
    let area = PageBackend::Canvas(backend).into_drawing_area();
    if figure
        .draw(&area, &ChartStyle { theme, scale })
        .and_then(|()| area.present())
        .is_err()
    {
        return;
    }
    if let Ok(url) = canvas.to_data_url() {
        click_download(&format!("imbalance-lab-{}.png", figure.name()), &url);
    }
}

/// Downloads a chart as SVG, drawn by the same function at its on-screen CSS size.
pub fn save_svg(figure: &Figure, css: (u32, u32), theme: Theme) {
    // As `charts::to_svg` (the tests' SVG), but through the page's one backend type.
    let mut svg = String::new();
    {
        let size = (css.0.max(1), css.1.max(1));
        let area = PageBackend::Svg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        // Drawing into a string cannot fail; a failed chart leaves what was drawn so far.
        let _ = figure.draw(&area, &ChartStyle { theme, scale: 1.0 });
        let _ = area.present();
    }
    save_text(
        &format!("imbalance-lab-{}.svg", figure.name()),
        &svg,
        "image/svg+xml",
    );
}

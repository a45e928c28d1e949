//! SVG drawn where there is no document to measure text in (the Web Worker): plotters' wasm
//! fonts measure each label with a DOM element, which a worker lacks, so this backend passes
//! every call to `SVGBackend` except the measuring, which it estimates from the advance widths
//! of a typical sans-serif face. The browser lays the text out itself when it shows the SVG;
//! the estimate only places the axis labels and sizes the legend box.

use plotters::prelude::*;

use super::forward::forward_backend;

/// An `SVGBackend` that estimates text sizes instead of measuring them.
pub struct EstimatedSvg<'a>(pub SVGBackend<'a>);

/// A character's advance in ems, roughly as Helvetica and Arial set it.
fn advance(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.24,
        ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 0.32,
        'm' | 'w' | 'M' | 'W' | '%' => 0.85,
        'A'..='Z' => 0.67,
        '0'..='9' => 0.556,
        _ => 0.52,
    }
}

/// The estimated width and height, in pixels, of `text` set at `size` pixels.
pub fn text_size(text: &str, size: f64) -> (u32, u32) {
    let width: f64 = text.chars().map(advance).sum::<f64>() * size;
    (width.ceil() as u32, size.ceil() as u32)
}

impl DrawingBackend for EstimatedSvg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    forward_backend! {
        to 0: get_size, ensure_prepared, present, draw_pixel, draw_line, draw_rect, draw_path,
            draw_circle, fill_polygon, draw_text, blit_bitmap;
        fn estimate_text_size(self, text, style) {
            // SVGBackend writes a font size of `size / 1.24`: the size the browser sets it at.
            Ok(text_size(text, style.size() / 1.24))
        }
    }
}

/// Renders a chart to an SVG document of `width` x `height` CSS pixels, text estimated.
pub fn to_svg_estimated(
    width: u32,
    height: u32,
    style: &super::ChartStyle,
    draw: impl for<'b> FnOnce(
        &super::Area<EstimatedSvg<'b>>,
        &super::ChartStyle,
    ) -> super::DrawResult<EstimatedSvg<'b>>,
) -> String {
    let mut svg = String::new();
    {
        let size = (style.px(f64::from(width)), style.px(f64::from(height)));
        let area = EstimatedSvg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        // Drawing into a string cannot fail; a failed chart leaves what was drawn so far.
        let _ = draw(&area, style);
        let _ = area.present();
    }
    svg
}

//! SVG drawn where there is no document to measure text in (the Web Worker): plotters' wasm
//! fonts measure each label with a DOM element, which a worker lacks, so this backend passes
//! every call to `SVGBackend` except the measuring, which it estimates from the advance widths
//! of a typical sans-serif face. The browser lays the text out itself when it shows the SVG;
//! the estimate only places the axis labels and sizes the legend box.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// An `SVGBackend` that estimates text sizes instead of measuring them.
pub struct EstimatedSvg<'a>(pub SVGBackend<'a>);

type Result<T = ()> =
    std::result::Result<T, DrawingErrorKind<<SVGBackend<'static> as DrawingBackend>::ErrorType>>;

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

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        // SVGBackend writes a font size of `size / 1.24`: the size the browser sets it at.
        Ok(text_size(text, style.size() / 1.24))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result {
        self.0.blit_bitmap(pos, size, src)
    }
}

/// Renders a chart to an SVG document of `width` x `height` CSS pixels, text estimated.
pub fn to_svg_estimated(
    width: u32,
    height: u32,
    style: &super::ChartStyle,
    draw: impl for<'b> FnOnce(
        &DrawingArea<EstimatedSvg<'b>, plotters::coord::Shift>,
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

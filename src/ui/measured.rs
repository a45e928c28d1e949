//! plotters' canvas backend, made cheaper for charts redrawn on every input.
//!
//! - Text is measured with the canvas's own `measureText`. Without this, plotters sizes every
//!   axis label by adding a span to the page and reading its width, which forces a layout of
//!   the whole page each time: tens of milliseconds a redraw.
//! - Lines, paths, rectangles, polygons and text set the context's colour, line width, font and
//!   alignment only when they differ from what the context already has. plotters-canvas formats
//!   a colour string and crosses into JavaScript for each grid line and label; a redraw of the
//!   focal chart spent a third of its time there.

use std::cell::RefCell;

use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::charts::forward::{Drawn, forward_backend};

/// What the context was last set to, as far as this backend knows (`None`: unknown).
#[derive(Default)]
struct Set {
    stroke: Option<((u8, u8, u8), u64, u32)>,
    fill: Option<((u8, u8, u8), u64)>,
    /// In a cell: measuring text (`&self`) sets the font too.
    font: RefCell<Option<String>>,
    anchor: Option<(&'static str, &'static str)>,
}

/// A `CanvasBackend` whose text measuring never touches the page's layout and whose drawing
/// skips style changes that change nothing.
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    set: Set,
}

impl MeasuredCanvas {
    /// A backend drawing on `canvas`, or `None` if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(MeasuredCanvas {
            inner: CanvasBackend::with_canvas_object(canvas)?,
            context,
            set: Set::default(),
        })
    }

    fn stroke(&mut self, color: BackendColor, width: u32) {
        let key = (color.rgb, color.alpha.to_bits(), width);
        if self.set.stroke != Some(key) {
            self.context.set_stroke_style_str(&css_color(color));
            self.context.set_line_width(f64::from(width));
            self.set.stroke = Some(key);
        }
    }

    fn fill(&mut self, color: BackendColor) {
        let key = (color.rgb, color.alpha.to_bits());
        if self.set.fill != Some(key) {
            self.context.set_fill_style_str(&css_color(color));
            self.set.fill = Some(key);
        }
    }

    /// Sets the font plotters-canvas would (the same string), if it is not set already.
    fn font<S: BackendTextStyle>(&self, style: &S) {
        let font = format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        let mut set = self.set.font.borrow_mut();
        if set.as_deref() != Some(&font) {
            self.context.set_font(&font);
            *set = Some(font);
        }
    }

    fn path(&self, points: impl IntoIterator<Item = BackendCoord>) -> bool {
        let mut points = points.into_iter();
        self.context.begin_path();
        let Some(start) = points.next() else {
            return false;
        };
        self.context.move_to(f64::from(start.0), f64::from(start.1));
        for p in points {
            self.context.line_to(f64::from(p.0), f64::from(p.1));
        }
        true
    }
}

/// plotters-canvas's colour string.
fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", color.alpha)
}

/// A horizontal or vertical line moved half a pixel, so a 1-pixel line covers one pixel row
/// instead of blurring over two (as plotters-canvas does).
fn crisp(from: BackendCoord, to: BackendCoord) -> ((f64, f64), (f64, f64)) {
    let (mut a, mut b) = (
        (f64::from(from.0), f64::from(from.1)),
        (f64::from(to.0), f64::from(to.1)),
    );
    if a.0 == b.0 {
        a.0 -= 0.5;
        b.0 -= 0.5;
    }
    if a.1 == b.1 {
        a.1 -= 0.5;
        b.1 -= 0.5;
    }
    (a, b)
}

/// plotters-canvas does not export its error type by name.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    forward_backend! {
        to inner: get_size, ensure_prepared, present;
        fn draw_pixel(self, point, color) {
            self.set.fill = None;
            self.inner.draw_pixel(point, color)
        }
        fn draw_line(self, from, to, style) {
            if style.color().alpha == 0.0 {
                return Ok(());
            }
            let (a, b) = crisp(from, to);
            self.stroke(style.color(), style.stroke_width());
            self.context.begin_path();
            self.context.move_to(a.0, a.1);
            self.context.line_to(b.0, b.1);
            self.context.stroke();
            Ok(())
        }
        fn draw_rect(self, upper_left, bottom_right, style, fill) {
            if style.color().alpha == 0.0 {
                return Ok(());
            }
            let (x, y) = (f64::from(upper_left.0), f64::from(upper_left.1));
            let (w, h) = (
                f64::from(bottom_right.0 - upper_left.0),
                f64::from(bottom_right.1 - upper_left.1),
            );
            if fill {
                self.fill(style.color());
                self.context.fill_rect(x, y, w, h);
            } else {
                self.stroke(style.color(), style.stroke_width());
                self.context.stroke_rect(x, y, w, h);
            }
            Ok(())
        }
        fn draw_path(self, path, style) {
            if style.color().alpha == 0.0 {
                return Ok(());
            }
            self.stroke(style.color(), style.stroke_width());
            if self.path(path) {
                self.context.stroke();
            }
            Ok(())
        }
        fn draw_circle(self, center, radius, style, fill) {
            (self.set.stroke, self.set.fill) = (None, None);
            self.inner.draw_circle(center, radius, style, fill)
        }
        fn fill_polygon(self, vert, style) {
            if style.color().alpha == 0.0 {
                return Ok(());
            }
            self.fill(style.color());
            if self.path(vert) {
                self.context.close_path();
                self.context.fill();
            }
            Ok(())
        }
        fn estimate_text_size(self, text, style) {
            self.font(style);
            let width = self
                .context
                .measure_text(text)
                .map(|m| m.width())
                .unwrap_or(0.0);
            Ok((width.ceil() as u32, (style.size() * 1.2).ceil() as u32))
        }
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Drawn<Self> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if !matches!(style.transform(), FontTransform::None) {
            // Rotated text saves and restores the context: let plotters-canvas draw it, and
            // trust nothing about the context afterwards.
            self.set = Set::default();
            return self.inner.draw_text(text, style, pos);
        }
        let anchor = (
            match style.anchor().v_pos {
                VPos::Top => "top",
                VPos::Center => "middle",
                VPos::Bottom => "bottom",
            },
            match style.anchor().h_pos {
                HPos::Left => "start",
                HPos::Right => "end",
                HPos::Center => "center",
            },
        );
        if self.set.anchor != Some(anchor) {
            self.context.set_text_baseline(anchor.0);
            self.context.set_text_align(anchor.1);
            self.set.anchor = Some(anchor);
        }
        self.fill(color);
        self.font(style);
        self.context
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .map_err(|_| DrawingErrorKind::FontError("fillText failed".into()))
    }
}

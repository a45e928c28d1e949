//! One backend type for every chart the page draws: the canvas (on screen and for PNGs) and SVG
//! (for the SVG download).
//!
//! The charts are generic over plotters' `DrawingBackend`, so each backend type compiles every
//! chart once more. Drawn on two types, the page's wasm carried all of them twice (the two
//! largest functions of the module were the two copies of `Figure::draw`); drawn on this one
//! type, which hands each call to the backend inside, it carries them once. The SVG is
//! byte-for-byte what `SVGBackend` alone writes: every call is passed on unchanged.

use plotters::prelude::*;
use plotters_backend::{BackendCoord, BackendStyle, DrawingErrorKind};

use super::measured::MeasuredCanvas;
use crate::charts::forward::forward_backend;

/// The canvas or the SVG writer.
pub enum PageBackend<'a> {
    /// A canvas (measured text, cached styles).
    Canvas(MeasuredCanvas),
    /// An SVG document written into a string.
    Svg(SVGBackend<'a>),
}

/// What either backend failed with, as text (nothing reads more than the message).
#[derive(Debug)]
pub struct BackendError(String);

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

type Result<T = ()> = std::result::Result<T, DrawingErrorKind<BackendError>>;

fn lift<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<BackendError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is.
macro_rules! either {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            PageBackend::Canvas($b) => $call,
            PageBackend::Svg($b) => $call,
        }
    };
}

/// `either!`, its error made the one type.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        either!($self, $b => $call.map_err(lift))
    };
}

/// A style as one concrete type: every chart's styles (colours, `ShapeStyle`s, references to
/// them) become this before the backend inside is called, so that each of its methods is
/// compiled once, not once per style type the charts use.
fn concrete<S: BackendStyle>(style: &S) -> ShapeStyle {
    let c = style.color();
    ShapeStyle {
        color: RGBAColor(c.rgb.0, c.rgb.1, c.rgb.2, c.alpha),
        filled: false,
        stroke_width: style.stroke_width(),
    }
}

/// The points of a path, for the same reason: one iterator type, however the chart made them.
fn points(path: impl IntoIterator<Item = BackendCoord>) -> Vec<BackendCoord> {
    path.into_iter().collect()
}

impl PageBackend<'_> {
    fn line(&mut self, from: BackendCoord, to: BackendCoord, style: &ShapeStyle) -> Result {
        each!(self, b => b.draw_line(from, to, style))
    }

    fn rect(&mut self, corners: [BackendCoord; 2], style: &ShapeStyle, fill: bool) -> Result {
        each!(self, b => b.draw_rect(corners[0], corners[1], style, fill))
    }

    fn path(&mut self, path: &[BackendCoord], style: &ShapeStyle) -> Result {
        each!(self, b => b.draw_path(path.iter().copied(), style))
    }

    fn circle(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &ShapeStyle,
        fill: bool,
    ) -> Result {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn polygon(&mut self, vert: &[BackendCoord], style: &ShapeStyle) -> Result {
        each!(self, b => b.fill_polygon(vert.iter().copied(), style))
    }
}

impl DrawingBackend for PageBackend<'_> {
    type ErrorType = BackendError;

    forward_backend! {
        via either: get_size;
        via each: ensure_prepared, present, draw_pixel, draw_text, estimate_text_size, blit_bitmap;
        // Styles made concrete and paths collected before either backend is called.
        fn draw_line(self, from, to, style) {
            self.line(from, to, &concrete(style))
        }
        fn draw_rect(self, upper_left, bottom_right, style, fill) {
            self.rect([upper_left, bottom_right], &concrete(style), fill)
        }
        fn draw_path(self, path, style) {
            self.path(&points(path), &concrete(style))
        }
        fn draw_circle(self, center, radius, style, fill) {
            self.circle(center, radius, &concrete(style), fill)
        }
        fn fill_polygon(self, vert, style) {
            self.polygon(&points(vert), &concrete(style))
        }
    }
}

//! The charts: pure drawing functions over plotters' `DrawingBackend`.
//!
//! The page hands each one a canvas, the tests and the SVG export an `SVGBackend`. None of them
//! knows about the browser: sizes in CSS pixels are multiplied by `ChartStyle::scale` (the
//! device pixel ratio), so a chart is crisp on HiDPI screens and identical in shape everywhere.

pub mod estimated;
pub mod figure;
pub mod forward;
pub(crate) mod frame;

use plotters::prelude::*;

use crate::sim::LossKind;

pub use figure::{DataTable, Figure};

/// What drawing on a backend can fail with.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// The area a chart draws in.
pub type Area<DB> = DrawingArea<DB, plotters::coord::Shift>;

/// Light or dark page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Dark text on a light background.
    #[default]
    Light,
    /// Light text on a dark background.
    Dark,
}

/// The colours of a theme. Negatives and positives keep one colour each on every chart (the
/// Okabe-Ito pair blue / vermillion, which colour-blind readers tell apart); the other series
/// use the rest of that palette.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// Chart background.
    pub background: RGBColor,
    /// Text and the main series.
    pub text: RGBColor,
    /// Axis labels and secondary series.
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Negatives (label 0), everywhere.
    pub negative: RGBColor,
    /// Positives (label 1), everywhere.
    pub positive: RGBColor,
    /// Precision.
    pub green: RGBColor,
    /// Recall, and the current gamma.
    pub purple: RGBColor,
}

/// How a chart is drawn: theme and pixel density.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartStyle {
    /// Light or dark.
    pub theme: Theme,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            theme: Theme::Light,
            scale: 1.0,
        }
    }
}

impl ChartStyle {
    /// The colour of a loss on every chart.
    pub fn loss_color(&self, kind: LossKind) -> RGBColor {
        let hue = kind.loss().hue;
        let [r, g, b] = match self.theme {
            Theme::Light => hue.light,
            Theme::Dark => hue.dark,
        };
        RGBColor(r, g, b)
    }

    /// The theme's colours.
    pub fn palette(&self) -> Palette {
        match self.theme {
            Theme::Light => Palette {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x1b, 0x20, 0x2b),
                muted: RGBColor(0x5a, 0x63, 0x73),
                grid: RGBColor(0xe3, 0xe6, 0xec),
                negative: RGBColor(0x00, 0x72, 0xb2),
                positive: RGBColor(0xd5, 0x5e, 0x00),
                green: RGBColor(0x00, 0x9e, 0x73),
                purple: RGBColor(0xb0, 0x4f, 0x8a),
            },
            Theme::Dark => Palette {
                background: RGBColor(0x17, 0x1b, 0x24),
                text: RGBColor(0xe6, 0xe9, 0xef),
                muted: RGBColor(0xa3, 0xab, 0xba),
                grid: RGBColor(0x2e, 0x35, 0x42),
                negative: RGBColor(0x56, 0xb4, 0xe9),
                positive: RGBColor(0xf0, 0x8a, 0x4b),
                green: RGBColor(0x2f, 0xc2, 0x94),
                purple: RGBColor(0xe0, 0x8e, 0xc0),
            },
        }
    }

    /// A length in CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }

    /// A text style of `css` pixels in `color`.
    pub fn font(&self, css: f64, color: RGBColor) -> TextStyle<'static> {
        (FontFamily::SansSerif, css * self.scale)
            .into_font()
            .color(&color)
    }

    /// A line of `css` pixels' width.
    pub fn line<C: Color>(&self, color: C, css: f64) -> ShapeStyle {
        color.stroke_width(self.px(css))
    }
}

/// Renders a chart to an SVG document of `width` x `height` CSS pixels.
pub fn to_svg(
    width: u32,
    height: u32,
    style: &ChartStyle,
    draw: impl for<'b> FnOnce(&Area<SVGBackend<'b>>, &ChartStyle) -> DrawResult<SVGBackend<'b>>,
) -> String {
    let mut svg = String::new();
    {
        let size = (style.px(f64::from(width)), style.px(f64::from(height)));
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a string cannot fail; a failed chart leaves what was drawn so far.
        let _ = draw(&area, style);
        let _ = area.present();
    }
    svg
}

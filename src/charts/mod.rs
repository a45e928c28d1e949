//! The charts: pure drawing functions over plotters' `DrawingBackend`.
//!
//! The page hands each one a canvas, the tests and the SVG export an `SVGBackend`. None of them
//! knows about the browser: sizes in CSS pixels are multiplied by `ChartStyle::scale` (the
//! device pixel ratio), so a chart is crisp on HiDPI screens and identical in shape everywhere.

pub mod composition;
pub mod decision;
pub mod estimated;
pub mod figure;
pub mod focal_curve;
pub mod forward;
pub mod loss_curves;
pub mod loss_share;
pub mod scores;
pub mod threshold;
pub mod training;

use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub use composition::{draw_composition_losses, draw_composition_metrics};
pub use figure::{DataTable, Figure};
pub use focal_curve::{FocalCurve, draw_focal_curve};
pub use loss_curves::{LossCurves, draw_loss_curves};
pub use loss_share::draw_loss_share;
pub use scores::{ScoreHistogram, draw_scores};
pub use threshold::{ThresholdCurves, draw_pr, draw_roc, draw_threshold_metrics};

/// What drawing on a backend can fail with.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

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
    /// Precision, and weighted BCE.
    pub green: RGBColor,
    /// Recall, balanced CE, and the current gamma.
    pub purple: RGBColor,
    /// Focal loss.
    pub yellow: RGBColor,
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
                yellow: RGBColor(0x8a, 0x6d, 0x00),
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
                yellow: RGBColor(0xf0, 0xe4, 0x42),
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

    /// Margins and label areas shared by the charts, in device pixels.
    fn frame<'a, 'b, DB: DrawingBackend>(
        &self,
        area: &'a DrawingArea<DB, plotters::coord::Shift>,
        x_labels: f64,
        y_labels: f64,
    ) -> ChartBuilder<'a, 'b, DB> {
        let mut b = ChartBuilder::on(area);
        b.margin_top(self.px(10.0))
            .margin_right(self.px(24.0))
            .margin_left(self.px(6.0))
            .margin_bottom(self.px(4.0))
            .x_label_area_size(self.px(x_labels))
            .y_label_area_size(self.px(y_labels));
        b
    }
}

/// The common look of an axis grid.
fn style_mesh<X, Y, DB>(
    mesh: &mut plotters::chart::MeshStyle<'_, '_, X, Y, DB>,
    s: &ChartStyle,
    x_desc: &str,
    y_desc: &str,
) where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    let p = s.palette();
    mesh.label_style(s.font(13.0, p.muted))
        .axis_desc_style(s.font(14.0, p.text))
        .axis_style(s.line(p.muted, 1.0))
        .bold_line_style(s.line(p.grid, 1.0))
        .light_line_style(p.background)
        .set_all_tick_mark_size(s.px(4.0))
        .x_desc(x_desc)
        .y_desc(y_desc);
}

/// A chart whose y axis is a probability or a share.
pub(crate) type UnitPlot<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// A chart of `x` against a probability or a share, from 0 to 1, on a cleared area.
pub(super) fn unit_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, plotters::coord::Shift>,
    x: std::ops::Range<f64>,
    (x_desc, y_desc): (&str, &str),
    percent: bool,
    s: &ChartStyle,
) -> Result<UnitPlot<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&s.palette().background)?;
    // Percentages ("100 %") need a wider label area than 0.0 ... 1.0 beside the axis title.
    let y_labels = if percent { 66.0 } else { 50.0 };
    let mut chart = s
        .frame(area, 40.0, y_labels)
        .build_cartesian_2d(x, 0.0..1.0)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, s, x_desc, y_desc);
    let as_percent = |v: &f64| format!("{:.0} %", 100.0 * v);
    let plain = |v: &f64| format!("{v:.1}");
    let format: &dyn Fn(&f64) -> String = if percent { &as_percent } else { &plain };
    mesh.x_labels(6)
        .y_labels(6)
        .y_label_formatter(format)
        .draw()?;
    Ok(chart)
}

/// Legend entries gathered while drawing: the label and the line it stands for.
type Entries = Vec<(String, ShapeStyle)>;

/// A legend box in a corner of the plot. Drawn here rather than by plotters so that every label
/// is measured through the backend (in the page: the canvas's own `measureText`).
fn legend<DB, X, Y>(
    chart: &ChartContext<'_, DB, Cartesian2d<X, Y>>,
    entries: &[(String, ShapeStyle)],
    corner: SeriesLabelPosition,
    s: &ChartStyle,
) -> DrawResult<DB>
where
    DB: DrawingBackend,
    X: Ranged,
    Y: Ranged,
{
    if entries.is_empty() {
        return Ok(());
    }
    let p = s.palette();
    let plot = chart.plotting_area().strip_coord_spec();
    let font = s.font(13.0, p.text);
    let mut text_width = 0;
    for (text, _) in entries {
        text_width = text_width.max(plot.estimate_text_size(text, &font)?.0 as i32);
    }
    let px = |v: f64| s.px(v) as i32;
    let (pad, line, gap, row, margin) = (px(7.0), px(18.0), px(6.0), px(18.0), px(8.0));
    let (w, h) = (
        2 * pad + line + gap + text_width,
        2 * pad + row * entries.len() as i32,
    );
    let (pw, ph) = plot.dim_in_pixel();
    let left = matches!(
        corner,
        SeriesLabelPosition::UpperLeft | SeriesLabelPosition::LowerLeft
    );
    let top = matches!(
        corner,
        SeriesLabelPosition::UpperLeft | SeriesLabelPosition::UpperRight
    );
    let x0 = if left { margin } else { pw as i32 - w - margin };
    let y0 = if top { margin } else { ph as i32 - h - margin };
    plot.draw(&Rectangle::new(
        [(x0, y0), (x0 + w, y0 + h)],
        p.background.mix(0.88).filled(),
    ))?;
    plot.draw(&Rectangle::new(
        [(x0, y0), (x0 + w, y0 + h)],
        s.line(p.grid, 1.0),
    ))?;
    for (i, (text, style)) in entries.iter().enumerate() {
        let y = y0 + pad + row * i as i32 + row / 2;
        plot.draw(&PathElement::new(
            vec![(x0 + pad, y), (x0 + pad + line, y)],
            *style,
        ))?;
        plot.draw(&Text::new(
            text.clone(),
            (x0 + pad + line + gap, y),
            font.pos(anchor(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// A text anchor.
fn anchor(h: HPos, v: VPos) -> Pos {
    Pos::new(h, v)
}

/// Renders a chart to an SVG document of `width` x `height` CSS pixels.
pub fn to_svg(
    width: u32,
    height: u32,
    style: &ChartStyle,
    draw: impl for<'b> FnOnce(
        &DrawingArea<SVGBackend<'b>, plotters::coord::Shift>,
        &ChartStyle,
    ) -> DrawResult<SVGBackend<'b>>,
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

//! What the charts share around and on a plot: the margins, the axes and grid, a legend, a line
//! with dots, a centred note.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Area, ChartStyle, DrawResult};

/// A chart in an area: plotters' chart context on two axes.
pub(crate) type Plot<'a, DB, X, Y> = ChartContext<'a, DB, Cartesian2d<X, Y>>;

/// A chart whose y axis is a probability or a share.
pub(crate) type UnitPlot<'a, DB> = Plot<'a, DB, RangedCoordf64, RangedCoordf64>;

/// What drawing a chart's parts can fail with.
pub(crate) type Failed<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// How a label is written, from its value.
type Format<'f> = &'f dyn Fn(&f64) -> String;

/// How a chart's axes read: a title and a number of labels each, how a label is written where
/// given (plotters' own way otherwise), and whether grid lines cross the y axis.
pub(crate) struct Axes<'f> {
    desc: (&'f str, &'f str),
    labels: (usize, usize),
    x_format: Option<Format<'f>>,
    y_format: Option<Format<'f>>,
    y_grid: bool,
}

impl<'f> Axes<'f> {
    /// The x and y axes' titles and label counts.
    pub(crate) fn new(desc: (&'f str, &'f str), labels: (usize, usize)) -> Self {
        Axes {
            desc,
            labels,
            x_format: None,
            y_format: None,
            y_grid: true,
        }
    }

    /// The x axis's labels written by `f`.
    pub(crate) fn x_format(self, f: Format<'f>) -> Self {
        Axes {
            x_format: Some(f),
            ..self
        }
    }

    /// The y axis's labels written by `f`.
    pub(crate) fn y_format(self, f: Format<'f>) -> Self {
        Axes {
            y_format: Some(f),
            ..self
        }
    }

    /// No grid lines across the y axis.
    pub(crate) fn no_y_grid(self) -> Self {
        Axes {
            y_grid: false,
            ..self
        }
    }
}

/// Fills `area` with the theme's background, as every chart starts.
pub(crate) fn clear<DB: DrawingBackend>(area: &Area<DB>, s: &ChartStyle) -> DrawResult<DB> {
    area.fill(&s.palette().background)
}

/// A chart of `x` against `y` in `area` (`clear`ed, or part of an area cleared whole), with the
/// margins every chart shares, label areas `label_areas` CSS pixels deep beside the x and the y
/// axis, and its axes and grid drawn.
pub(crate) fn plot<'a, DB, X, Y>(
    area: &'a Area<DB>,
    label_areas: (f64, f64),
    (x, y): (X, Y),
    axes: &Axes<'_>,
    s: &ChartStyle,
) -> Result<Plot<'a, DB, X::CoordDescType, Y::CoordDescType>, Failed<DB>>
where
    DB: DrawingBackend,
    X: AsRangedCoord<Value = f64>,
    Y: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let mut chart = ChartBuilder::on(area)
        .margin_top(s.px(10.0))
        .margin_right(s.px(24.0))
        .margin_left(s.px(6.0))
        .margin_bottom(s.px(4.0))
        .x_label_area_size(s.px(label_areas.0))
        .y_label_area_size(s.px(label_areas.1))
        .build_cartesian_2d(x, y)?;
    let mut mesh = chart.configure_mesh();
    style_mesh(&mut mesh, s, axes.desc);
    mesh.x_labels(axes.labels.0).y_labels(axes.labels.1);
    if let Some(f) = axes.x_format {
        mesh.x_label_formatter(f);
    }
    if let Some(f) = axes.y_format {
        mesh.y_label_formatter(f);
    }
    if !axes.y_grid {
        mesh.disable_y_mesh();
    }
    mesh.draw()?;
    Ok(chart)
}

/// The common look of an axis grid, with the axes' titles.
pub(crate) fn style_mesh<X, Y, DB>(
    mesh: &mut MeshStyle<'_, '_, X, Y, DB>,
    s: &ChartStyle,
    (x_desc, y_desc): (&str, &str),
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

/// A chart of `x` against a probability or a share, from 0 to 1, on a cleared area.
pub(crate) fn unit_chart<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    x: std::ops::Range<f64>,
    desc: (&str, &str),
    percent: bool,
    s: &ChartStyle,
) -> Result<UnitPlot<'a, DB>, Failed<DB>> {
    // Percentages ("100 %") need a wider label area than 0.0 ... 1.0 beside the axis title.
    let y_labels = if percent { 66.0 } else { 50.0 };
    let as_percent = |v: &f64| format!("{:.0} %", 100.0 * v);
    let plain = |v: &f64| format!("{v:.1}");
    let format: Format<'_> = if percent { &as_percent } else { &plain };
    let axes = Axes::new(desc, (6, 6)).y_format(format);
    clear(area, s)?;
    plot(area, (40.0, y_labels), (x, 0.0..1.0), &axes, s)
}

/// Legend entries gathered while drawing: the label and the line it stands for.
pub(crate) type Entries = Vec<(String, ShapeStyle)>;

/// The corner of a chart whose quarter holds the fewest of `points` (upper corners first on a
/// tie): where a legend hides the least of a curve that may run through any corner.
pub(crate) fn quietest_corner(
    points: &[(f64, f64)],
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> SeriesLabelPosition {
    let share = |v: f64, lo: f64, hi: f64| (v - lo) / (hi - lo);
    let count = |right: bool, top: bool| {
        points
            .iter()
            .filter(|(x, y)| {
                let (u, v) = (share(*x, x0, x1), share(*y, y0, y1).min(1.0));
                let side = if right { u >= 0.55 } else { u <= 0.45 };
                (0.0..=1.0).contains(&u) && side && if top { v >= 0.6 } else { v <= 0.4 }
            })
            .count()
    };
    [
        (SeriesLabelPosition::UpperRight, true, true),
        (SeriesLabelPosition::UpperLeft, false, true),
        (SeriesLabelPosition::LowerRight, true, false),
        (SeriesLabelPosition::LowerLeft, false, false),
    ]
    .into_iter()
    .min_by_key(|(_, right, top)| count(*right, *top))
    .map_or(SeriesLabelPosition::UpperRight, |(corner, ..)| corner)
}

/// A legend box in a corner of the plot. Drawn here rather than by plotters so that every label
/// is measured through the backend (in the page: the canvas's own `measureText`).
pub(crate) fn legend<DB, X, Y>(
    chart: &Plot<'_, DB, X, Y>,
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
pub(crate) fn anchor(h: HPos, v: VPos) -> Pos {
    Pos::new(h, v)
}

/// A line two pixels wide through `points`, a dot of radius `radius` on each; its style, for
/// the legend.
pub(crate) fn dotted_line<DB, X, Y>(
    chart: &mut Plot<'_, DB, X, Y>,
    points: &[(f64, f64)],
    color: RGBColor,
    radius: f64,
    s: &ChartStyle,
) -> Result<ShapeStyle, Failed<DB>>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    let style = s.line(color, 2.0);
    chart.draw_series(LineSeries::new(points.iter().copied(), style))?;
    chart.draw_series(
        points
            .iter()
            .map(|&pt| Circle::new(pt, s.px(radius), color.filled())),
    )?;
    Ok(style)
}

/// Muted text of `size` CSS pixels centred on `at`: a label on the plot, or a note where a chart
/// has nothing to show.
pub(crate) fn note<C, T: std::borrow::Borrow<str>>(
    text: T,
    at: C,
    size: f64,
    s: &ChartStyle,
) -> Text<'static, C, T> {
    let style = s.font(size, s.palette().muted);
    Text::new(text, at, style.pos(anchor(HPos::Center, VPos::Center)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A curve rising to the upper right leaves the upper left free; one falling from the upper
    /// left leaves the upper right; a curve across the top leaves a lower corner; points outside
    /// the window count for no corner.
    #[test]
    fn the_legend_goes_where_the_curve_is_not() {
        let rising: Vec<_> = (0..=20)
            .map(|i| (i as f64 / 20.0, i as f64 / 20.0))
            .collect();
        let falling: Vec<_> = rising.iter().map(|&(x, y)| (x, 1.0 - y)).collect();
        let top: Vec<_> = rising.iter().map(|&(x, _)| (x, 0.95)).collect();
        let unit = (0.0, 1.0);
        assert_eq!(
            quietest_corner(&rising, unit, unit),
            SeriesLabelPosition::UpperLeft
        );
        assert_eq!(
            quietest_corner(&falling, unit, unit),
            SeriesLabelPosition::UpperRight
        );
        assert_eq!(
            quietest_corner(&top, unit, unit),
            SeriesLabelPosition::LowerRight
        );
        // Rising points beyond the window's right edge: the upper right is empty again.
        let outside: Vec<_> = rising.iter().map(|&(x, y)| (x + 2.0, y)).collect();
        assert_eq!(
            quietest_corner(&outside, unit, unit),
            SeriesLabelPosition::UpperRight
        );
    }
}

//! The validation-composition view: the current model's losses and metrics against the class
//! ratio, from balanced to 10,000 negatives per positive.

use crate::sim::loss::Shown;
use plotters::prelude::*;

use crate::charts::figure::{DataTable, cell};
use crate::charts::frame::{Axes, Entries, clear, legend, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::{LossKind, Measure, Profile, RATIO_MAX};

const POINTS: usize = 64;

/// The metrics the composition view draws and tabulates, in that order.
const METRICS: [Measure; 4] = [
    Measure::Precision,
    Measure::Recall,
    Measure::F1,
    Measure::Accuracy,
];

/// Log-spaced ratios from 1 to `RATIO_MAX`.
fn ratios() -> impl Iterator<Item = f64> + Clone {
    (0..=POINTS).map(|k| RATIO_MAX.powf(k as f64 / POINTS as f64))
}

fn series(profile: &Profile, m: Measure) -> Vec<(f64, f64)> {
    ratios()
        .filter_map(|r| profile.measure(m, r).ok().map(|v| (r, v)))
        .collect()
}

fn marker<DB: DrawingBackend, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<plotters::coord::combinators::LogCoord<f64>, Y>>,
    ratio: Option<f64>,
    lo: f64,
    hi: f64,
    s: &ChartStyle,
) -> DrawResult<DB>
where
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    if let Some(r) = ratio.filter(|r| (1.0..=RATIO_MAX).contains(r)) {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(r, lo), (r, hi)],
            s.line(s.palette().muted, 1.5),
        )))?;
    }
    Ok(())
}

/// A named, coloured line of points (ratio, value).
type Line = (&'static str, RGBColor, Vec<(f64, f64)>);

/// Named lines against the class ratio, on a log axis from 1:1 to 1:10,000, with a vertical
/// line at the current ratio.
fn draw_against_ratio<DB: DrawingBackend>(
    area: &Area<DB>,
    lines: Vec<Line>,
    (y_top, y_desc, y_label_area): (f64, &str, f64),
    ratio: Option<f64>,
    corner: SeriesLabelPosition,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let axes = Axes::new(("negatives per positive", y_desc), (5, 6))
        .x_format(&|r| crate::format::ratio(*r));
    let x = (1.0..RATIO_MAX).log_scale().base(10.0);
    clear(area, s)?;
    let mut chart = plot(area, (40.0, y_label_area), (x, 0.0..y_top), &axes, s)?;
    let mut entries = Entries::new();
    marker(&mut chart, ratio, 0.0, y_top, s)?;
    for (name, color, points) in lines {
        let style = s.line(color, 2.0);
        chart.draw_series(LineSeries::new(points, style))?;
        entries.push((name.to_string(), style));
    }
    legend(&chart, &entries, corner, s)
}

/// Each loss's mean against the class ratio; a vertical line at the current ratio.
pub fn draw_composition_losses<DB: DrawingBackend>(
    area: &Area<DB>,
    profile: &Profile,
    ratio: Option<f64>,
    shown: Shown,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let lines: Vec<_> = mixable(shown)
        .map(|k| {
            let m = Measure::Loss(k);
            (m.name(), s.loss_color(k), series(profile, m))
        })
        .collect();
    let top = lines
        .iter()
        .flat_map(|(_, _, c)| c.iter().map(|(_, y)| *y))
        .fold(0.0f64, f64::max);
    let top = if top > 0.0 { top * 1.1 } else { 1.0 };
    let axis = (top, "mean loss", 50.0);
    draw_against_ratio(area, lines, axis, ratio, SeriesLabelPosition::UpperLeft, s)
}

/// Precision, recall and F1 against the class ratio at the current threshold.
pub fn draw_composition_metrics<DB: DrawingBackend>(
    area: &Area<DB>,
    profile: &Profile,
    ratio: Option<f64>,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    let colors = [p.green, p.purple, p.text, p.muted];
    let lines = METRICS
        .into_iter()
        .zip(colors)
        .map(|(m, color)| (m.name(), color, series(profile, m)))
        .collect();
    let axis = (1.02, "", 44.0);
    draw_against_ratio(area, lines, axis, ratio, SeriesLabelPosition::LowerLeft, s)
}

/// The class ratios the tables show.
const RATIO_ROWS: [f64; 9] = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1_000.0, RATIO_MAX];

/// `measures` at a few class ratios, a row a ratio.
fn ratio_table(p: &Profile, measures: &[Measure]) -> DataTable {
    let mut header = vec!["negatives per positive".to_string()];
    header.extend(measures.iter().map(|m| m.name().to_string()));
    let rows = RATIO_ROWS
        .iter()
        .map(|&r| {
            let mut row = vec![crate::format::ratio(r)];
            row.extend(measures.iter().map(|&m| cell(p.measure(m, r))));
            row
        })
        .collect();
    DataTable { header, rows }
}

/// Each loss's mean at a few class ratios.
pub(crate) fn losses_table(p: &Profile, shown: Shown) -> DataTable {
    let measures: Vec<Measure> = mixable(shown).map(Measure::Loss).collect();
    ratio_table(p, &measures)
}

/// The shown losses whose mean at another ratio mixes this set's per-class means (not the
/// set-level loss, nor those whose terms read the class counts: `Loss::fixed_mix`).
pub(crate) fn mixable(shown: Shown) -> impl Iterator<Item = LossKind> {
    shown.iter().filter(|k| k.loss().fixed_mix().is_none())
}

/// The metrics at a few class ratios.
pub(crate) fn metrics_table(p: &Profile) -> DataTable {
    ratio_table(p, &METRICS)
}

//! Precision, recall and F1 against the threshold, and the ROC and PR curves with the operating
//! point the threshold picks.

use plotters::prelude::*;

use crate::charts::figure::{DataTable, cell};
use crate::charts::frame::{Axes, Entries, clear, legend, note, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::curves::{pr_points, roc_points};
use crate::sim::{Confusion, Metric};

/// What the threshold charts show.
#[derive(Clone, Debug, PartialEq)]
pub struct ThresholdCurves {
    /// The confusion matrix at evenly spaced thresholds from 0 to 1.
    pub sweep: Vec<(f64, Confusion)>,
    /// The current threshold.
    pub threshold: f64,
    /// The confusion matrix at the current threshold.
    pub current: Confusion,
    /// ROC AUC.
    pub roc_auc: Metric,
    /// Average precision.
    pub average_precision: Metric,
}

/// A metric's name, and how to read it off a confusion matrix.
type Column = (&'static str, fn(&Confusion) -> Metric);

/// The metrics drawn and tabulated against the threshold.
const METRICS: [Column; 3] = [
    ("precision", Confusion::precision),
    ("recall", Confusion::recall),
    ("F1", Confusion::f1),
];

/// A dot with an outline in the background colour, so it reads on top of any line.
fn dot(x: f64, y: f64, color: RGBColor, s: &ChartStyle) -> [Circle<(f64, f64), u32>; 2] {
    let p = s.palette();
    [
        Circle::new((x, y), s.px(6.0), p.background.filled()),
        Circle::new((x, y), s.px(4.5), color.filled()),
    ]
}

/// Precision, recall and F1 against the threshold.
pub fn draw_threshold_metrics<DB: DrawingBackend>(
    area: &Area<DB>,
    data: &ThresholdCurves,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let axes = Axes::new(("threshold", ""), (6, 6));
    clear(area, s)?;
    let mut chart = plot(area, (40.0, 44.0), (0.0..1.0, 0.0..1.02), &axes, s)?;
    let p = s.palette();
    let mut entries = Entries::new();
    let t = data.threshold;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(t, 0.0), (t, 1.02)],
        s.line(p.muted, 1.5),
    )))?;
    for ((name, f), color) in METRICS.into_iter().zip([p.green, p.purple, p.text]) {
        // Undefined stretches (no predicted positives, say) are gaps, not zeros.
        let style = s.line(color, 2.0);
        let mut run = Vec::new();
        let mut runs = Vec::new();
        for (x, c) in &data.sweep {
            match f(c) {
                Ok(y) => run.push((*x, y)),
                Err(_) => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            chart.draw_series(LineSeries::new(run, style))?;
        }
        entries.push((name.to_string(), style));
        if let Ok(y) = f(&data.current) {
            chart.draw_series(dot(t, y, color, s))?;
        }
    }
    legend(&chart, &entries, SeriesLabelPosition::LowerLeft, s)
}

/// A curve traced over the thresholds, as ROC and PR both are.
struct SweepCurve<'a> {
    /// The points, or none when the curve does not exist (then `missing` is said instead).
    points: Vec<(f64, f64)>,
    missing: &'a str,
    x_desc: &'a str,
    y_desc: &'a str,
    /// Top of the y axis.
    y_top: f64,
    /// The no-skill reference line, dashed.
    reference: Option<[(f64, f64); 2]>,
    label: String,
    /// The operating point the current threshold picks.
    current: Option<(f64, f64)>,
    corner: SeriesLabelPosition,
}

fn draw_sweep_curve<DB: DrawingBackend>(
    area: &Area<DB>,
    c: SweepCurve<'_>,
    s: &ChartStyle,
) -> DrawResult<DB> {
    clear(area, s)?;
    if c.points.is_empty() {
        let (w, h) = area.dim_in_pixel();
        let centre = (w as i32 / 2, h as i32 / 2);
        return area.draw(&note(c.missing, centre, 13.0, s));
    }
    let axes = Axes::new((c.x_desc, c.y_desc), (6, 6));
    let mut chart = plot(area, (40.0, 44.0), (0.0..1.0, 0.0..c.y_top), &axes, s)?;
    let p = s.palette();
    if let Some(line) = c.reference {
        chart.draw_series(DashedLineSeries::new(
            line,
            s.px(5.0),
            s.px(4.0),
            s.line(p.muted, 1.0),
        ))?;
    }
    let style = s.line(p.text, 2.0);
    chart.draw_series(LineSeries::new(c.points, style))?;
    if let Some((x, y)) = c.current {
        chart.draw_series(dot(x, y, p.purple, s))?;
    }
    legend(&chart, &[(c.label, style)], c.corner, s)
}

fn shown(m: Metric) -> String {
    m.map(crate::format::short)
        .unwrap_or_else(|_| "undefined".into())
}

/// The ROC curve, the chance diagonal, and the operating point.
pub fn draw_roc<DB: DrawingBackend>(
    area: &Area<DB>,
    data: &ThresholdCurves,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let c = &data.current;
    let curve = SweepCurve {
        points: roc_points(&data.sweep),
        missing: "ROC needs both classes",
        x_desc: "false positive rate",
        y_desc: "true positive rate",
        y_top: 1.0,
        reference: Some([(0.0, 0.0), (1.0, 1.0)]),
        label: format!("ROC, AUC {}", shown(data.roc_auc)),
        current: c.fall_out().ok().zip(c.recall().ok()),
        corner: SeriesLabelPosition::LowerRight,
    };
    draw_sweep_curve(area, curve, s)
}

/// The precision-recall curve, the no-skill line at the positives' share, and the operating
/// point.
pub fn draw_pr<DB: DrawingBackend>(
    area: &Area<DB>,
    data: &ThresholdCurves,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let c = &data.current;
    let total = c.positives() + c.negatives();
    let base = (total > 0).then(|| c.positives() as f64 / total as f64);
    let curve = SweepCurve {
        points: pr_points(&data.sweep),
        missing: "PR needs positives",
        x_desc: "recall",
        y_desc: "precision",
        y_top: 1.02,
        reference: base.map(|b| [(0.0, b), (1.0, b)]),
        label: format!("PR, AP {}", shown(data.average_precision)),
        current: c.recall().ok().zip(c.precision().ok()),
        corner: SeriesLabelPosition::LowerLeft,
    };
    draw_sweep_curve(area, curve, s)
}

/// Thresholds 0, 0.05, ..., 1 picked out of a sweep.
fn every_twentieth(sweep: &[(f64, Confusion)]) -> impl Iterator<Item = &(f64, Confusion)> {
    sweep
        .iter()
        .filter(|(t, _)| ((t * 20.0) - (t * 20.0).round()).abs() < 1e-9)
}

/// A row every twentieth of the threshold: the threshold, then each column's metric.
fn sweep_table(d: &ThresholdCurves, columns: &[Column]) -> DataTable {
    let mut header = vec!["threshold".to_string()];
    header.extend(columns.iter().map(|(name, _)| name.to_string()));
    let rows = every_twentieth(&d.sweep)
        .map(|(t, c)| {
            let mut row = vec![format!("{t:.2}")];
            row.extend(columns.iter().map(|(_, metric)| cell(metric(c))));
            row
        })
        .collect();
    DataTable { header, rows }
}

/// Precision, recall and F1 every twentieth of the threshold.
pub(crate) fn threshold_table(d: &ThresholdCurves) -> DataTable {
    sweep_table(d, &METRICS)
}

/// The ROC curve's points every twentieth of the threshold.
pub(crate) fn roc_table(d: &ThresholdCurves) -> DataTable {
    let columns: [Column; 2] = [
        ("false positive rate", Confusion::fall_out),
        ("true positive rate", Confusion::recall),
    ];
    sweep_table(d, &columns)
}

/// The PR curve's points every twentieth of the threshold.
pub(crate) fn pr_table(d: &ThresholdCurves) -> DataTable {
    let columns: [Column; 2] = [
        ("recall", Confusion::recall),
        ("precision", Confusion::precision),
    ];
    sweep_table(d, &columns)
}

//! Training on a sample, step by step: each loss's mean loss on the rows after each Newton
//! step (each step is one pass over every row, an epoch), on a log axis so that losses of very
//! different sizes (focal's is a small fraction of BCE's) fall side by side.

use crate::sim::loss::Shown;
use plotters::prelude::*;

use crate::charts::figure::DataTable;
use crate::charts::frame::{Axes, Entries, clear, dotted_line, legend, note, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::LossKind;

/// Each loss's `(step, mean loss)` in `LossKind::ALL` order; empty before any training (and
/// for a loss without a model); and the losses drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LossCurves(pub [Vec<(u32, f64)>; LossKind::COUNT], pub Shown);

impl LossCurves {
    /// The last step any curve reaches.
    /// The curves of the losses the page shows.
    fn shown(&self) -> impl Iterator<Item = &Vec<(u32, f64)>> {
        self.1.iter().map(|k| &self.0[k.index()])
    }

    fn last_step(&self) -> u32 {
        self.shown()
            .filter_map(|c| c.last().map(|p| p.0))
            .max()
            .unwrap_or(0)
    }

    /// The smallest and largest finite, positive loss drawn.
    fn span(&self) -> Option<(f64, f64)> {
        let values = self.shown().flatten().map(|p| p.1);
        let values = values.filter(|v| v.is_finite() && *v > 0.0);
        values.fold(None, |span, v| match span {
            None => Some((v, v)),
            Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
        })
    }
}

/// The mean loss on the sample against the Newton step, one line a loss.
pub fn draw_loss_curves<DB: DrawingBackend>(
    area: &Area<DB>,
    curves: &LossCurves,
    s: &ChartStyle,
) -> DrawResult<DB> {
    // At least a few steps wide, so the first steps of a run do not fill the whole width.
    let x_max = f64::from(curves.last_step().max(4)) + 0.5;
    let span = curves.span();
    let (lo, hi) = span.unwrap_or((0.01, 1.0));
    // The lines fall from the left and run flat to the right edge, so a legend anywhere inside
    // the lines' span would cover one: the top 45 % of the (log) axis is left to the legend.
    let (bottom, top) = (lo / 1.6, hi * 1.6);
    let y = bottom..top * (top / bottom).powf(0.8);
    let axes = Axes::new(
        ("Newton step (one pass over the rows)", "mean loss (log)"),
        (6, 5),
    )
    .x_format(&|v| format!("{v:.0}"))
    .y_format(&|v| crate::format::number(*v, 1));
    let y = y.log_scale().base(10.0);
    clear(area, s)?;
    let mut chart = plot(area, (40.0, 58.0), (-0.5..x_max, y), &axes, s)?;
    if span.is_none() {
        let text = "train on a sample to see each loss fall";
        let at = (x_max / 2.0, (lo * hi).sqrt());
        chart.draw_series(std::iter::once(note(text, at, 13.0, s)))?;
        return Ok(());
    }
    let mut entries = Entries::new();
    for (kind, curve) in curves.1.iter().map(|k| (k, &curves.0[k.index()])) {
        let points: Vec<(f64, f64)> = curve
            .iter()
            .filter(|(_, v)| v.is_finite() && *v > 0.0)
            .map(|&(step, v)| (f64::from(step), v))
            .collect();
        if points.is_empty() {
            continue;
        }
        let style = dotted_line(&mut chart, &points, s.loss_color(kind), 3.0, s)?;
        entries.push((kind.name().to_string(), style));
    }
    legend(&chart, &entries, SeriesLabelPosition::UpperRight, s)
}

/// The curves' numbers, a row a step.
pub fn loss_curves_table(curves: &LossCurves) -> DataTable {
    let mut header = vec!["Newton step".to_string()];
    header.extend(curves.1.iter().map(|k| format!("{}: mean loss", k.name())));
    let rows = (0..=curves.last_step())
        .filter(|step| curves.shown().flatten().any(|p| p.0 == *step))
        .map(|step| {
            let mut row = vec![step.to_string()];
            row.extend(curves.shown().map(|c| {
                c.iter()
                    .find(|p| p.0 == step)
                    .map_or("–".into(), |p| crate::format::number(p.1, 6))
            }));
            row
        })
        .collect();
    DataTable { header, rows }
}

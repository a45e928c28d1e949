//! The decision panel's two charts: the cost against the threshold, and the reliability
//! diagram. The worker draws them as SVG (the panel's code stays out of the page's first load).

use plotters::prelude::*;

use crate::charts::frame::{Axes, Entries, clear, dotted_line, legend, plot, unit_chart};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::decision::{BINS, Bin};

/// What the cost chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CostChart {
    /// `(t, cost(t))` at evenly spaced thresholds.
    pub points: Vec<(f64, f64)>,
    /// The least-cost threshold and its cost.
    pub best: (f64, f64),
    /// The page's threshold and its cost.
    pub current: (f64, f64),
}

/// The cost against the threshold; a dot on the least cost, a line at the page's threshold.
pub fn draw_cost_curve<DB: DrawingBackend>(
    area: &Area<DB>,
    c: &CostChart,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let values = c
        .points
        .iter()
        .map(|(_, v)| *v)
        .chain([c.best.1, c.current.1]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    // The costs near the least one are what a reader compares: the axis reaches six times the
    // larger of the page threshold's excess and 2 % of the whole range above the least cost,
    // and the curve is cut off above that (at a million negatives, predicting every sample
    // positive would otherwise flatten everything else into the floor).
    let focus = (c.current.1 - c.best.1).abs().max(0.02 * (hi - lo));
    let hi = hi.min(c.best.1 + 6.0 * focus).max(c.current.1);
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = 0.06 * (hi - lo);
        (lo - pad, hi + pad)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    };
    let points: Vec<(f64, f64)> = c.points.iter().map(|&(t, v)| (t, v.min(hi))).collect();
    let axes = Axes::new(("threshold", "total cost"), (6, 5)).y_format(&|v| {
        // Costs of whole counts are whole: no "600.0".
        if v.fract() == 0.0 && v.abs() < 1e15 {
            crate::format::whole(*v)
        } else {
            crate::format::short_sum(*v)
        }
    });
    clear(area, s)?;
    let mut chart = plot(area, (40.0, 64.0), (0.0..1.0, lo..hi), &axes, s)?;
    let p = s.palette();
    let mut entries = Entries::new();
    let now = s.line(p.purple, 1.5);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(c.current.0, lo), (c.current.0, hi)],
        now,
    )))?;
    entries.push(("page's threshold".into(), now));
    let line = s.line(p.text, 2.0);
    chart.draw_series(LineSeries::new(points, line))?;
    entries.push(("cost".into(), line));
    let best = s.line(p.green, 2.0);
    chart.draw_series(std::iter::once(Circle::new(
        c.best,
        s.px(5.0),
        p.green.filled(),
    )))?;
    entries.push(("least cost".into(), best));
    legend(&chart, &entries, SeriesLabelPosition::UpperRight, s)
}

/// The reliability diagram: each non-empty bin's share of positives against its mean
/// probability, the diagonal of perfect calibration, and, when a training weight is undone,
/// the corrected probabilities' bins.
pub fn draw_reliability<DB: DrawingBackend>(
    area: &Area<DB>,
    bins: &[Bin; BINS],
    corrected: Option<&[Bin; BINS]>,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    let axes = ("mean predicted probability", "share of positives");
    let mut chart = unit_chart(area, 0.0..1.0, axes, false, s)?;
    let mut entries = Entries::new();
    let diagonal = s.line(p.muted, 1.0);
    chart.draw_series(LineSeries::new([(0.0, 0.0), (1.0, 1.0)], diagonal))?;
    entries.push(("calibrated".into(), diagonal));
    let mut series = vec![("as scored", p.positive, bins)];
    if let Some(c) = corrected {
        series.push(("weight undone", p.negative, c));
    }
    for (name, color, bins) in series {
        let points: Vec<(f64, f64)> = bins
            .iter()
            .filter_map(|b| Some((b.mean_p.ok()?, b.fraction_positive.ok()?)))
            .collect();
        let style = dotted_line(&mut chart, &points, color, 3.5, s)?;
        entries.push((name.into(), style));
    }
    legend(&chart, &entries, SeriesLabelPosition::UpperLeft, s)
}

//! The decision panel's two charts: the cost against the threshold, and the reliability
//! diagram. The worker draws them as SVG (the panel's code stays out of the page's first load).

use plotters::prelude::*;

use crate::charts::frame::{
    Axes, Entries, clear, dotted_line, legend, plot, quietest_corner, unit_chart,
};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::decision::{BINS, Bin};

/// What the cost chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct CostChart {
    /// `(t, cost(t))` at evenly spaced thresholds across `window`.
    pub points: Vec<(f64, f64)>,
    /// The thresholds the chart spans (`focus`).
    pub window: (f64, f64),
    /// The highest cost the axis shows: the least cost and its `gain`.
    pub ceiling: f64,
    /// The least-cost threshold and its cost.
    pub best: (f64, f64),
    /// The page's threshold and its cost.
    pub current: (f64, f64),
}

/// What the least cost saves over the better of the two rules that need no model: flag every
/// sample (threshold 0, the curve's first point) or none (past 1, its last). The chart's cost
/// axis spans that much above the least cost.
pub fn gain(points: &[(f64, f64)], best: f64) -> f64 {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => (first.1.min(last.1) - best).max(0.0),
        _ => 0.0,
    }
}

/// The thresholds the cost chart spans: those of `points` (a curve over [0, 1]) whose cost is
/// within reach of the least (a quarter of its `gain` above it), a step wider, as far on each
/// side of the best threshold as the farther of them, and at least a tenth of the axis wide.
/// An optimum at 0.04 sits against the left axis on [0, 1]; here the costs around it are
/// readable on both sides. [0, 1] when that is most of the axis anyway.
pub fn focus(points: &[(f64, f64)], best: (f64, f64)) -> (f64, f64) {
    let limit = best.1 + 0.25 * gain(points, best.1);
    let t = best.0.min(1.0);
    let step = match points {
        [a, b, ..] => b.0 - a.0,
        _ => return (0.0, 1.0),
    };
    let half = points
        .iter()
        .filter(|(_, v)| *v <= limit)
        .map(|(u, _)| (u - t).abs())
        .fold(0.0, f64::max)
        + step;
    const NARROWEST: f64 = 0.1;
    let half = half.max(0.5 * NARROWEST);
    let (lo, hi) = ((t - half).max(0.0), (t + half).min(1.0));
    if hi - lo >= 0.8 {
        return (0.0, 1.0);
    }
    (lo, hi)
}

/// The cost against the threshold across the chart's window; a dot on the least cost, a line
/// at the page's threshold when it is in the window.
pub fn draw_cost_curve<DB: DrawingBackend>(
    area: &Area<DB>,
    c: &CostChart,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let (t0, t1) = c.window;
    let here = (t0..=t1).contains(&c.current.0);
    // The costs within reach of the least one are what a reader compares: the axis spans them
    // (and the page threshold's, when it is in the window), and the curve is cut off above.
    let lo = c.points.iter().map(|(_, v)| *v).fold(c.best.1, f64::min);
    let hi = if here {
        c.ceiling.max(c.current.1)
    } else {
        c.ceiling
    };
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
    let mut chart = plot(area, (40.0, 64.0), (t0..t1, lo..hi), &axes, s)?;
    let p = s.palette();
    let mut entries = Entries::new();
    let now = s.line(p.purple, 1.5);
    if here {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(c.current.0, lo), (c.current.0, hi)],
            now,
        )))?;
        entries.push(("page's threshold".into(), now));
    }
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
    // The curve is cut off at the top at both ends of its window: the legend goes where it is
    // not (a corner above the least cost, as often as not).
    let corner = quietest_corner(&c.points, (t0, t1), (lo, hi));
    legend(&chart, &entries, corner, s)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A cost falling steeply to its least at 0.04, then rising slowly to 1.
    fn sharp(t: f64) -> f64 {
        if t < 0.04 {
            2_000.0 + 290_000.0 * (0.04 - t) / 0.04
        } else {
            2_000.0 + 8_000.0 * (t - 0.04) / 0.96
        }
    }

    #[test]
    fn the_chart_frames_an_optimum_near_the_axis() {
        let points: Vec<(f64, f64)> = (0..=200)
            .map(|k| k as f64 / 200.0)
            .map(|t| (t, sharp(t)))
            .collect();
        // Flagging none costs 10,000, 8,000 more than the least: within reach is 2,000 above
        // it, to about 0.28; the window is as wide on the left, where it meets 0.
        assert_eq!(gain(&points, 2_000.0), 8_000.0);
        let (lo, hi) = focus(&points, (0.04, 2_000.0));
        assert_eq!(lo, 0.0);
        assert!((0.28..0.3).contains(&hi), "{hi}");
        // An optimum in the middle gets both sides.
        let moved: Vec<(f64, f64)> = points.iter().map(|&(t, _)| (t, sharp(t - 0.46))).collect();
        let (lo, hi) = focus(&moved, (0.5, 2_000.0));
        assert!(
            lo > 0.2 && hi < 0.8 && (0.5 - lo - (hi - 0.5)).abs() < 1e-9,
            "{lo} {hi}"
        );
    }

    #[test]
    fn a_flat_or_wide_cost_keeps_every_threshold() {
        let flat: Vec<(f64, f64)> = (0..=10).map(|k| (k as f64 / 10.0, 5.0)).collect();
        assert_eq!(focus(&flat, (0.3, 5.0)), (0.0, 1.0));
        // Near the least from 0.1 to 0.9: every threshold.
        let wide: Vec<(f64, f64)> = (0..=10)
            .map(|k| (k as f64 / 10.0, if k % 10 == 0 { 104.0 } else { 100.0 }))
            .collect();
        assert_eq!(focus(&wide, (0.5, 100.0)), (0.0, 1.0));
        // A dip of one point still gets a tenth of the axis.
        let v: Vec<(f64, f64)> = (0..=100)
            .map(|k| k as f64 / 100.0)
            .map(|t| (t, if (t - 0.5).abs() < 1e-9 { 0.0 } else { 1_000.0 }))
            .collect();
        let (lo, hi) = focus(&v, (0.5, 0.0));
        assert!(
            (hi - lo - 0.1).abs() < 1e-9 && lo < 0.5 && hi > 0.5,
            "{lo} {hi}"
        );
    }
}

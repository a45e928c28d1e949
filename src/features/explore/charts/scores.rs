//! The score distributions: per-class histograms of the predictions, the threshold, and the four
//! cells of the confusion matrix it makes.

use plotters::coord::ranged1d::Ranged;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::charts::figure::DataTable;
use crate::charts::frame::{Axes, Plot, anchor, clear, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::format::grouped;
use crate::sim::Confusion;

/// What the score chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoreHistogram {
    /// Counts of the negatives' scores in equal bins over [0, 1].
    pub neg: Vec<u64>,
    /// Counts of the positives' scores in the same bins.
    pub pos: Vec<u64>,
    /// The threshold.
    pub threshold: f64,
    /// The confusion matrix at the threshold.
    pub confusion: Confusion,
    /// Counts on a log axis (one class can be 10,000 times the other).
    pub log: bool,
}

/// Draws the histograms.
pub fn draw_scores<DB: DrawingBackend>(
    area: &Area<DB>,
    data: &ScoreHistogram,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let most = data
        .neg
        .iter()
        .chain(&data.pos)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let x = "predicted probability p";
    clear(area, s)?;
    // Room above the bars for the confusion counts.
    if data.log {
        let (bottom, top) = (0.7, most * 80.0);
        let axes = Axes::new((x, "samples (log)"), (6, 6)).y_format(&|v| power_of_ten(*v));
        let y = (bottom..top).log_scale().base(10.0);
        let mut chart = plot(area, (40.0, 58.0), (0.0..1.0, y), &axes, s)?;
        draw_body(&mut chart, data, bottom, top, s)
    } else {
        let top = most * 1.45;
        let axes = Axes::new((x, "samples"), (6, 5)).y_format(&|v| compact(*v));
        let mut chart = plot(area, (40.0, 58.0), (0.0..1.0, 0.0..top), &axes, s)?;
        draw_body(&mut chart, data, 0.0, top, s)
    }
}

/// The plot: probabilities across, counts up on a linear or a log axis (`Y`).
type Histogram<'a, DB, Y> = Plot<'a, DB, RangedCoordf64, Y>;

/// Everything inside the axes, on either count axis: the predicted-positive band, each class's
/// bars, the threshold line and the confusion counts.
fn draw_body<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut Histogram<'_, DB, Y>,
    data: &ScoreHistogram,
    bottom: f64,
    top: f64,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    let width = 1.0 / data.neg.len().max(data.pos.len()).max(1) as f64;
    let t = data.threshold;
    // The predicted-positive side of the threshold, lightly shaded.
    chart.draw_series(std::iter::once(Rectangle::new(
        [(t, bottom), (1.0, top)],
        p.grid.mix(0.5).filled(),
    )))?;
    for (counts, color) in [(&data.neg, p.negative), (&data.pos, p.positive)] {
        bars(chart, counts, width, bottom, color, s)?;
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(t, bottom), (t, top)],
        s.line(p.text, 2.0),
    )))?;
    labels(chart, data, s)
}

/// One class's bars: translucent fill, solid top edge.
fn bars<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &mut Histogram<'_, DB, Y>,
    counts: &[u64],
    width: f64,
    bottom: f64,
    color: RGBColor,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let filled = counts.iter().enumerate().filter(|(_, c)| **c > 0);
    chart.draw_series(filled.clone().map(|(k, &c)| {
        let x = k as f64 * width;
        Rectangle::new(
            [(x, bottom), (x + width, c as f64)],
            color.mix(0.45).filled(),
        )
    }))?;
    chart.draw_series(filled.map(|(k, &c)| {
        let x = k as f64 * width;
        PathElement::new(
            vec![(x, c as f64), (x + width, c as f64)],
            s.line(color, 2.0),
        )
    }))?;
    Ok(())
}

/// TN and FN left of the threshold, FP and TP right of it, in the classes' colours, placed in
/// pixels from the plot's top corners so they sit the same on either axis.
fn labels<DB: DrawingBackend, Y: Ranged<ValueType = f64>>(
    chart: &Histogram<'_, DB, Y>,
    data: &ScoreHistogram,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    let c = &data.confusion;
    let plot = chart.plotting_area().strip_coord_spec();
    let (w, _) = plot.dim_in_pixel();
    let (pad, line) = (s.px(8.0) as i32, s.px(18.0) as i32);
    let (left, right) = (pad, w as i32 - pad);
    // On a narrow chart the two headings would meet in the middle.
    let narrow = f64::from(w) < 440.0 * s.scale;
    let (neg_side, pos_side) = if narrow {
        ("← predicted 0", "predicted 1 →")
    } else {
        ("← predicted negative", "predicted positive →")
    };
    let l = anchor(HPos::Left, VPos::Top);
    let r = anchor(HPos::Right, VPos::Top);
    let rows = [
        (neg_side.to_string(), left, 0, p.muted, l),
        (format!("TN {}", grouped(c.tn)), left, 1, p.negative, l),
        (format!("FN {}", grouped(c.fn_)), left, 2, p.positive, l),
        (pos_side.to_string(), right, 0, p.muted, r),
        (format!("FP {}", grouped(c.fp)), right, 1, p.negative, r),
        (format!("TP {}", grouped(c.tp)), right, 2, p.positive, r),
    ];
    for (text, x, row, color, pos) in rows {
        plot.draw(&Text::new(
            text,
            (x, pad + row * line),
            s.font(13.0, color).pos(pos),
        ))?;
    }
    Ok(())
}

/// 1000 -> "10³"-style labels on a log axis, for powers of ten only.
fn power_of_ten(v: f64) -> String {
    let e = v.log10();
    if (e - e.round()).abs() > 1e-9 || e < -0.5 {
        return String::new();
    }
    compact(10f64.powi(e.round() as i32))
}

/// 1500 -> "1.5k", 2000000 -> "2M".
fn compact(v: f64) -> String {
    let (x, unit) = match v.abs() {
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    format!("{}{unit}", crate::format::short((x * 10.0).round() / 10.0))
}

/// Each bin's counts, a row a bin.
pub(crate) fn histogram_table(d: &ScoreHistogram) -> DataTable {
    let bins = d.neg.len().max(d.pos.len()).max(1);
    let rows = (0..bins)
        .map(|k| {
            let lo = k as f64 / bins as f64;
            let hi = (k + 1) as f64 / bins as f64;
            vec![
                format!("{lo:.2} to {hi:.2}"),
                d.neg.get(k).copied().unwrap_or(0).to_string(),
                d.pos.get(k).copied().unwrap_or(0).to_string(),
            ]
        })
        .collect();
    let header = ["predicted probability", "negatives", "positives"];
    DataTable {
        header: header.map(String::from).to_vec(),
        rows,
    }
}

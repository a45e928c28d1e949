//! The focal modulation curve: loss against p_t for several gammas (figure 1 of the focal-loss
//! paper, Lin et al. 2017), with the current gamma and alpha on top, or the modulating factor
//! alone.

use plotters::prelude::*;

use crate::charts::figure::DataTable;
use crate::charts::frame::{Axes, Entries, clear, legend, note, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::format::short;
use crate::sim::fastmath;

/// The gammas drawn for reference, as in the paper's figure.
pub const REFERENCE_GAMMAS: [f64; 5] = [0.0, 0.5, 1.0, 2.0, 5.0];

/// What the focal chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FocalCurve {
    /// The current gamma.
    pub gamma: f64,
    /// The current alpha.
    pub alpha: f64,
    /// Show the modulating factor (1 - p_t)^gamma instead of the loss.
    pub factor: bool,
}

/// The top of the loss axis: CE reaches it at p_t = e^-5 (the paper's figure stops there too).
const LOSS_TOP: f64 = 5.0;
const POINTS: usize = 160;

/// (1 - p_t)^gamma, with 0^0 = 1.
fn factor(p_t: f64, gamma: f64) -> f64 {
    if gamma == 0.0 {
        1.0
    } else {
        fastmath::pow(1.0 - p_t, gamma)
    }
}

/// What the chart plots at `p_t` for one gamma: the focal term (1 - p_t)^gamma (-ln p_t), before
/// alpha, or the modulating factor alone. The data table reads the same values.
fn focal_value(p_t: f64, gamma: f64, factor_only: bool) -> f64 {
    let m = factor(p_t, gamma);
    if factor_only {
        m
    } else {
        -m * fastmath::ln(p_t.max(1e-12))
    }
}

/// Sample points of `f` over the visible p_t range.
fn curve(lo: f64, f: impl Fn(f64) -> f64) -> Vec<(f64, f64)> {
    (0..=POINTS)
        .map(|k| {
            // Denser where the curves bend, near small p_t.
            let u = k as f64 / POINTS as f64;
            let p = lo + (1.0 - lo) * u * u.sqrt();
            (p, f(p))
        })
        .collect()
}

fn gamma_label(g: f64) -> String {
    format!("γ = {}", crate::format::short(g))
}

/// Draws the focal modulation chart.
pub fn draw_focal_curve<DB: DrawingBackend>(
    area: &Area<DB>,
    data: &FocalCurve,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let (top, y_desc) = if data.factor {
        (1.05, "modulating factor (1 − pₜ)^γ")
    } else {
        (LOSS_TOP, "loss")
    };
    let axes = Axes::new(("probability of the true class, pₜ", y_desc), (6, 6));
    clear(area, s)?;
    let mut chart = plot(area, (40.0, 46.0), (0.0..1.0, 0.0..top), &axes, s)?;
    let p = s.palette();
    let mut entries = Entries::new();

    // The paper's "well-classified examples" band, where focal loss does its work.
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.6, 0.0), (1.0, top)],
        p.grid.mix(0.45).filled(),
    )))?;
    let band = note("well classified", (0.8, top * 0.3), 12.0, s);
    chart.draw_series(std::iter::once(band))?;

    // -ln p_t, cut where it leaves the chart.
    let lo = if data.factor { 0.0 } else { (-LOSS_TOP).exp() };
    let value = |g: f64| {
        let factor_only = data.factor;
        move |p_t: f64| focal_value(p_t, g, factor_only)
    };
    for (i, &g) in REFERENCE_GAMMAS.iter().enumerate() {
        // The current gamma's own curve follows (once in the legend, not twice).
        if g == data.gamma {
            continue;
        }
        // Reference curves in greys, darker as gamma grows; CE (gamma 0) solid and thicker.
        let width = if g == 0.0 { 2.0 } else { 1.25 };
        let style = s.line(p.muted.mix(0.4 + 0.12 * i as f64), width);
        let label = if g == 0.0 {
            "γ = 0 (cross-entropy)".to_string()
        } else {
            gamma_label(g)
        };
        chart.draw_series(LineSeries::new(curve(lo, value(g)), style))?;
        entries.push((label, style));
    }
    let now = s.line(p.purple, 3.0);
    chart.draw_series(LineSeries::new(curve(lo, value(data.gamma)), now))?;
    entries.push((format!("{} now", gamma_label(data.gamma)), now));
    if !data.factor {
        // What each class actually pays: the same curve scaled by a_t.
        for (weight, color, name) in [
            (data.alpha, p.positive, "positives × α"),
            (1.0 - data.alpha, p.negative, "negatives × (1 − α)"),
        ] {
            let style = s.line(color, 2.0);
            let f = value(data.gamma);
            chart.draw_series(DashedLineSeries::new(
                curve(lo, move |x| weight * f(x)),
                s.px(6.0),
                s.px(4.0),
                style,
            ))?;
            entries.push((format!("{name} = {}", crate::format::short(weight)), style));
        }
    }
    legend(&chart, &entries, SeriesLabelPosition::UpperRight, s)
}

/// The chart's values at a dozen `p_t`, a column for each reference gamma and the current one.
pub(crate) fn focal_table(d: &FocalCurve) -> DataTable {
    let mut gammas: Vec<f64> = REFERENCE_GAMMAS.to_vec();
    if !gammas.contains(&d.gamma) {
        gammas.push(d.gamma);
    }
    let mut header = vec!["pₜ".to_string()];
    header.extend(gammas.iter().map(|g| format!("γ = {}", short(*g))));
    let rows = [
        0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99,
    ]
    .iter()
    .map(|&p| {
        let mut row = vec![short(p)];
        row.extend(
            gammas
                .iter()
                .map(|&g| format!("{:.4}", focal_value(p, g, d.factor))),
        );
        row
    })
    .collect();
    DataTable { header, rows }
}

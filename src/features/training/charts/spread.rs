//! Is a gain real? Each shown loss's spread over K retrainings: for the decision boundary,
//! recall and precision, a dot a sample, the 5-95 % band as a bar and the median as a tick,
//! with BCE's band shaded across every row, so that a median outside the shade is a difference
//! that retraining alone does not make. Three panels side by side on a wide chart, one above
//! the other on a narrow one.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::charts::figure::DataTable;
use crate::charts::frame::{Axes, anchor, clear, note, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::format::{grouped, number};
use crate::sim::LossKind;
use crate::sim::loss::Shown;
use crate::sim::training::PerLoss;
use crate::sim::training::spread::{LossSpread, Outcomes, Quantity};

/// What the spread chart draws: the spread so far, each sample's outcomes, the losses shown,
/// and the run's size.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpreadChart {
    /// Each loss's spread over the samples so far; `None` before the first sample.
    pub spread: Option<PerLoss<LossSpread>>,
    /// Each sample's outcomes, in order.
    pub samples: Vec<Outcomes>,
    /// The losses drawn.
    pub shown: Shown,
    /// Samples asked for.
    pub k: u32,
    /// Rows in each.
    pub n: u32,
}

/// A quantity's axis title.
fn title(q: Quantity) -> &'static str {
    match q {
        Quantity::Boundary => "decision boundary x_t",
        Quantity::Recall => "recall",
        Quantity::Precision => "precision",
    }
}

/// Below this width (CSS pixels) the three panels are stacked.
const STACK_BELOW: f64 = 560.0;

/// The spread of each shown loss beside BCE's band.
pub fn draw_spread<DB: DrawingBackend>(
    area: &Area<DB>,
    c: &SpreadChart,
    s: &ChartStyle,
) -> DrawResult<DB> {
    clear(area, s)?;
    let Some(spread) = &c.spread else {
        let (w, h) = area.dim_in_pixel();
        let text = "retrain K times to see how far each loss's model moves";
        area.draw(&note(text, (w as i32 / 2, h as i32 / 2), 13.0, s))?;
        return Ok(());
    };
    let wide = f64::from(area.dim_in_pixel().0) / s.scale >= STACK_BELOW;
    let size = format!(
        "{} of {} samples of {} rows",
        c.samples.len(),
        c.k,
        grouped(u64::from(c.n))
    );
    let key = "dot: a sample; bar: 5-95 %; tick: median; shaded: BCE's band";
    let lines = if wide {
        vec![format!("{size}. {key}")]
    } else {
        vec![size, key.to_string()]
    };
    let (top, plots) = area.split_vertically(s.px(6.0 + 16.0 * lines.len() as f64));
    let style = s.font(12.0, s.palette().muted);
    for (i, line) in lines.into_iter().enumerate() {
        let at = (s.px(8.0) as i32, s.px(12.0 + 16.0 * i as f64) as i32);
        top.draw(&Text::new(
            line,
            at,
            style.pos(anchor(HPos::Left, VPos::Center)),
        ))?;
    }
    let panels = plots.split_evenly(if wide { (1, 3) } else { (3, 1) });
    for (q, panel) in Quantity::ALL.into_iter().zip(&panels) {
        draw_panel(panel, q, c, spread, s)?;
    }
    Ok(())
}

/// The values of `q` drawn for `kind`: each sample's.
fn dots(c: &SpreadChart, kind: LossKind, q: Quantity) -> impl Iterator<Item = f64> + '_ {
    c.samples
        .iter()
        .filter_map(move |o| o.get(kind).as_ref().ok().and_then(|o| q.of(o)))
}

/// The x axis of `q`: every value drawn and BCE's band, with a margin (within [0, 1] for a
/// recall or a precision).
fn x_range(q: Quantity, c: &SpreadChart, spread: &PerLoss<LossSpread>) -> (f64, f64) {
    let bce = spread.get(LossKind::Bce).band(q);
    let values = c
        .shown
        .iter()
        .flat_map(|k| dots(c, k, q))
        .chain(bce.into_iter().flat_map(|b| [b.p05, b.p95]));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return (0.0, 1.0);
    }
    let pad = ((hi - lo) * 0.08).max(if q == Quantity::Boundary { 0.05 } else { 0.005 });
    if q == Quantity::Boundary {
        (lo - pad, hi + pad)
    } else {
        ((lo - pad).max(0.0), (hi + pad).min(1.0))
    }
}

/// One quantity's panel: a row a shown loss, first on top.
fn draw_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    q: Quantity,
    c: &SpreadChart,
    spread: &PerLoss<LossSpread>,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let rows = c.shown.len().max(1) as f64;
    let (lo, hi) = x_range(q, c, spread);
    let digits = if hi - lo < 0.05 { 3 } else { 2 };
    let format = move |v: &f64| number(*v, digits);
    let axes = Axes::new((title(q), ""), (4, 0))
        .no_y_grid()
        .x_format(&format);
    let mut chart = plot(area, (36.0, 8.0), (lo..hi, 0.0..rows), &axes, s)?;
    let p = s.palette();
    if let Some(b) = spread.get(LossKind::Bce).band(q) {
        let shade = ShapeStyle::from(p.muted.mix(0.2)).filled();
        chart.draw_series(std::iter::once(Rectangle::new(
            [(b.p05.max(lo), 0.0), (b.p95.min(hi), rows)],
            shade,
        )))?;
    }
    for (i, kind) in c.shown.iter().enumerate() {
        let y = rows - 1.0 - i as f64;
        let name = Text::new(
            kind.name(),
            (lo, y + 0.95),
            s.font(12.0, p.text).pos(anchor(HPos::Left, VPos::Top)),
        );
        chart.draw_series(std::iter::once(name))?;
        let mid = y + 0.28;
        let color = s.loss_color(kind);
        let Some(band) = spread.get(kind).band(q) else {
            let text = note("no model", ((lo + hi) / 2.0, mid), 12.0, s);
            chart.draw_series(std::iter::once(text))?;
            continue;
        };
        let dot = ShapeStyle::from(color.mix(0.45)).filled();
        chart.draw_series(dots(c, kind, q).map(|v| Circle::new((v, mid), s.px(2.5), dot)))?;
        chart.draw_series(std::iter::once(Rectangle::new(
            [(band.p05, mid - 0.07), (band.p95, mid + 0.07)],
            ShapeStyle::from(color.mix(0.6)).filled(),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(band.median, mid - 0.2), (band.median, mid + 0.2)],
            s.line(color, 3.0),
        )))?;
    }
    Ok(())
}

/// The spread's numbers, a row a shown loss and quantity: how many samples gave the loss a
/// model, then the quantity's band and median (narrow enough not to scroll on a wide screen).
pub fn spread_table(c: &SpreadChart) -> DataTable {
    let header = [
        "loss",
        "quantity",
        "samples with a model",
        "5 %",
        "median",
        "95 %",
    ];
    let mut rows = Vec::new();
    for kind in c.shown.iter() {
        let Some(l) = c.spread.as_ref().map(|s| *s.get(kind)) else {
            break;
        };
        for q in Quantity::ALL {
            let mut row = vec![
                kind.name().to_string(),
                title(q).to_string(),
                format!("{} of {}", l.models, c.samples.len()),
            ];
            match l.band(q) {
                Some(b) => row.extend([b.p05, b.median, b.p95].map(|v| number(v, 4))),
                None => row.extend(["–"; 3].map(String::from)),
            }
            rows.push(row);
        }
    }
    DataTable {
        header: header.map(String::from).to_vec(),
        rows,
    }
}

//! Each shown loss's per-sample loss against p_t, for a positive and for a negative: the focal
//! curve generalised. The two differ wherever a loss treats the classes apart (weights, shifts,
//! margins, ASL's exponents and clip). Every value is `Shape::on_probability`, the same
//! arithmetic as the losses tables; the losses that read the class counts (class-balanced,
//! logit adjustment, LDAM) read the scenario's.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::charts::figure::DataTable;
use crate::charts::frame::{Axes, anchor, clear, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::format::short;
use crate::sim::LossKind;
use crate::sim::loss::{LossParams, Shape, Shown};
use crate::sim::metrics::Undefined;
use crate::sim::params::Class;

/// What the chart shows: the losses' parameters (on the scenario's class counts) and the
/// reader's choice of losses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PerSample {
    /// The losses' parameters, as the tables read them.
    pub params: LossParams,
    /// The losses drawn.
    pub shown: Shown,
}

/// The top of the loss axis, as on the focal chart: CE reaches it at p_t = e^-5.
const TOP: f64 = 5.0;
const POINTS: usize = 120;
/// The facets: the class, its name, and p_t in terms of p.
const FACETS: [(Class, &str, &str); 2] = [
    (Class::Positive, "positive", "pₜ = p"),
    (Class::Negative, "negative", "pₜ = 1 − p"),
];

/// One sample's loss at `p_t` (`p = p_t` for a positive, `1 - p_t` for a negative).
fn value(shape: &Shape, class: Class, p_t: f64) -> f64 {
    let p = match class {
        Class::Positive => p_t,
        Class::Negative => 1.0 - p_t,
    };
    shape.on_probability(class, p)
}

/// The curve over p_t (denser near 0, where it bends), from where it comes down through the
/// top of the chart: every loss here falls as p_t rises.
fn curve(shape: &Shape, class: Class) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(POINTS + 1);
    let mut above: Option<(f64, f64)> = None;
    for k in 0..=POINTS {
        let u = k as f64 / POINTS as f64;
        let x = u * u.sqrt();
        let y = value(shape, class, x);
        if y > TOP {
            above = Some((x, y));
            continue;
        }
        if let Some((x0, y0)) = above.take().filter(|_| out.is_empty()) {
            out.push((x0 + (x - x0) * (y0 - TOP) / (y0 - y), TOP));
        }
        out.push((x, y));
    }
    out
}

/// The shown losses that have a per-sample shape here, each with its shape; and a note for
/// each that has none (Tversky, or parameters where a loss is undefined).
fn shapes(d: &PerSample) -> (Vec<(LossKind, Shape)>, Vec<String>) {
    let (mut drawn, mut notes) = (Vec::new(), Vec::new());
    for kind in d.shown.iter() {
        match kind.loss().shape_at(&d.params) {
            Ok(shape) => drawn.push((kind, shape)),
            Err(Undefined::SetLevel) => {
                notes.push(format!("{}: set-level, no per-sample loss", kind.name()))
            }
            Err(why) => notes.push(format!("{}: {}", kind.name(), why.reason())),
        }
    }
    (drawn, notes)
}

/// A loss's line: BCE, the baseline, drawn first and wider, shows under a loss that nearly
/// equals it (class-balanced CE when the effective numbers saturate).
fn width(kind: LossKind, s: &ChartStyle) -> ShapeStyle {
    let w = if kind == LossKind::Bce { 4.0 } else { 2.0 };
    s.line(s.loss_color(kind), w)
}

/// Draws the two facets side by side when the area is wide, one above the other when not, and
/// the key below them.
pub fn draw_per_sample<DB: DrawingBackend>(
    area: &Area<DB>,
    d: &PerSample,
    s: &ChartStyle,
) -> DrawResult<DB> {
    clear(area, s)?;
    let (drawn, notes) = shapes(d);
    let p = s.palette();
    let font = s.font(13.0, p.text);
    let (w, h) = area.dim_in_pixel();
    // The key: as many columns as fit, then a line per note. A loss that is another one at
    // these parameters (weighted BCE at pos_weight 1) hides under it: its label says so.
    let labels: Vec<String> = drawn
        .iter()
        .enumerate()
        .map(
            |(i, (kind, shape))| match drawn[..i].iter().find(|(_, s)| s == shape) {
                Some((same, _)) => format!("{} (= {})", kind.name(), same.name()),
                None => kind.name().to_string(),
            },
        )
        .collect();
    let mut widest = 0;
    for label in &labels {
        widest = widest.max(area.estimate_text_size(label, &font)?.0);
    }
    let (pad, line, row) = (s.px(8.0), s.px(18.0), s.px(18.0));
    let column = widest + line + 3 * pad;
    let columns = ((w.saturating_sub(pad) / column.max(1)) as usize).max(1);
    let rows = drawn.len().div_ceil(columns) + notes.len();
    let key_h = (rows as u32 * row + pad).min(h / 2);
    let (plots, key) = area.split_vertically(h - key_h);
    let facets = if w as f64 >= 1.4 * f64::from(h - key_h) {
        plots.split_evenly((1, 2))
    } else {
        plots.split_evenly((2, 1))
    };
    for (facet, (class, name, x_desc)) in facets.iter().zip(FACETS) {
        let title = format!("a {name} (y = {})", class as u8);
        let facet = facet.titled(&title, s.font(14.0, p.text))?;
        let axes = Axes::new((x_desc, "loss"), (5, 6)).y_format(&|v| format!("{v:.0}"));
        let mut chart = plot(&facet, (40.0, 40.0), (0.0..1.0, 0.0..TOP), &axes, s)?;
        for (kind, shape) in &drawn {
            chart.draw_series(LineSeries::new(curve(shape, class), width(*kind, s)))?;
        }
    }
    let left = |i: usize| (pad + (i % columns) as u32 * column) as i32;
    let top = |r: usize| (r as u32 * row + row / 2) as i32;
    let at = anchor(HPos::Left, VPos::Center);
    for (i, (kind, _)) in drawn.iter().enumerate() {
        let (x, y) = (left(i), top(i / columns));
        key.draw(&PathElement::new(
            [(x, y), (x + line as i32, y)],
            width(*kind, s),
        ))?;
        let label = Text::new(
            labels[i].as_str(),
            (x + (line + pad) as i32, y),
            font.pos(at),
        );
        key.draw(&label)?;
    }
    let muted = s.font(13.0, p.muted).pos(at);
    for (j, note) in notes.iter().enumerate() {
        let y = top(drawn.len().div_ceil(columns) + j);
        key.draw(&Text::new(note.as_str(), (left(0), y), muted.clone()))?;
    }
    Ok(())
}

/// The chart's values at a few p_t: a column for each shown loss and class.
pub(crate) fn per_sample_table(d: &PerSample) -> DataTable {
    let (drawn, _) = shapes(d);
    let mut header = vec!["pₜ".to_string()];
    for (kind, _) in &drawn {
        for (_, name, _) in FACETS {
            header.push(format!("{}, {name}", kind.name()));
        }
    }
    let rows = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.99]
        .iter()
        .map(|&p_t| {
            let mut row = vec![short(p_t)];
            for (_, shape) in &drawn {
                for (class, _, _) in FACETS {
                    row.push(format!("{:.4}", value(shape, class, p_t)));
                }
            }
            row
        })
        .collect();
    DataTable { header, rows }
}

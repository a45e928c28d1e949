//! Where the loss comes from: for each loss, the share the negatives and the positives carry.

use crate::sim::loss::Shown;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::charts::figure::{DataTable, cell};
use crate::charts::frame::{Axes, anchor, clear, note, plot};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::{Class, Losses};

/// Draws one 100 % bar a loss, negatives' share on the left.
pub fn draw_loss_share<DB: DrawingBackend>(
    area: &Area<DB>,
    losses: &Losses,
    shown: Shown,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let rows = shown.len().max(1) as f64;
    let axes = Axes::new(("share of the summed loss", ""), (6, 0))
        .no_y_grid()
        .x_format(&|v| format!("{:.0} %", 100.0 * v));
    clear(area, s)?;
    let mut chart = plot(area, (36.0, 8.0), (0.0..1.0, 0.0..rows), &axes, s)?;
    let p = s.palette();
    for (i, kind) in shown.iter().enumerate() {
        // First loss on top.
        let y = rows - 1.0 - i as f64;
        let (bar_lo, bar_hi) = (y + 0.12, y + 0.52);
        let r = losses.get(kind);
        let name = Text::new(
            match r.sum() {
                Ok(sum) => format!("{} (sum {})", kind.name(), crate::format::short_sum(sum)),
                Err(_) => kind.name().to_string(),
            },
            (0.0, y + 0.92),
            s.font(13.0, p.text).pos(anchor(HPos::Left, VPos::Top)),
        );
        chart.draw_series(std::iter::once(name))?;
        let (Ok(neg), Ok(pos)) = (r.share(Class::Negative), r.share(Class::Positive)) else {
            chart.draw_series(std::iter::once(Rectangle::new(
                [(0.0, bar_lo), (1.0, bar_hi)],
                s.line(p.muted, 1.0),
            )))?;
            let why = match r.sum() {
                Ok(_) => "no loss to share".to_string(),
                Err(why) => format!("no shares: {}", why.reason()),
            };
            let text = note(why, (0.5, (bar_lo + bar_hi) / 2.0), 12.0, s);
            chart.draw_series(std::iter::once(text))?;
            continue;
        };
        chart.draw_series([
            Rectangle::new([(0.0, bar_lo), (neg, bar_hi)], p.negative.filled()),
            Rectangle::new([(neg, bar_lo), (1.0, bar_hi)], p.positive.filled()),
        ])?;
        // The shares are written above the bar, each in its class's colour.
        let top = y + 0.92;
        chart.draw_series([
            Text::new(
                format!("neg {:.1} %", 100.0 * neg),
                (0.78, top),
                s.font(12.0, p.negative).pos(anchor(HPos::Right, VPos::Top)),
            ),
            Text::new(
                format!("pos {:.1} %", 100.0 * pos),
                (1.0, top),
                s.font(12.0, p.positive).pos(anchor(HPos::Right, VPos::Top)),
            ),
        ])?;
    }
    Ok(())
}

/// Each loss's sum and the classes' shares of it, a row a loss.
pub(crate) fn share_table(l: &Losses, shown: Shown) -> DataTable {
    let header = ["loss", "sum", "negatives' share", "positives' share"];
    let rows = shown
        .iter()
        .map(|k| {
            let r = l.get(k);
            vec![
                k.name().to_string(),
                r.sum().map_or("undefined".into(), |v| format!("{v:.6}")),
                cell(r.share(Class::Negative)),
                cell(r.share(Class::Positive)),
            ]
        })
        .collect();
    DataTable {
        header: header.map(String::from).to_vec(),
        rows,
    }
}

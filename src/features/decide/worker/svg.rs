//! The panel's charts as SVG in the page: the cost curve and the reliability diagram, drawn at
//! the width the panel shows them at and named for screen readers.

use super::html::{cost, m4};
use super::{DecideJob, Numbers};
use crate::charts::estimated::to_svg_estimated;
use crate::charts::{ChartStyle, Theme};
use crate::features::decide::chart::{CostChart, draw_cost_curve, draw_reliability, gain};
use crate::format::{escape_html, number};
use crate::sim::decision::Calibration;

/// The charts' style for the page's theme.
fn style(job: &DecideJob) -> ChartStyle {
    ChartStyle {
        theme: if job.dark { Theme::Dark } else { Theme::Light },
        scale: 1.0,
    }
}

/// As wide as the panel, up to `most` px: a chart shrunk to fit a phone would shrink its text.
fn fit(job: &DecideJob, most: u32) -> u32 {
    match job.width {
        0 => most,
        w => w.clamp(280, most),
    }
}

/// Total cost against the threshold, with the least cost and the page's threshold marked,
/// across the thresholds where the cost is within reach of its least; a caption names the
/// model and the window.
pub(super) fn cost_curve(job: &DecideJob, n: &Numbers) -> String {
    let (best, threshold) = (&n.best, job.request.scenario.threshold);
    let chart = CostChart {
        points: n.points.clone(),
        window: n.window,
        ceiling: best.cost + gain(&n.curve.points, best.cost),
        best: (best.threshold.min(1.0), best.cost),
        current: (threshold, n.shown_costs.of(&n.here)),
    };
    let wide = fit(job, 640);
    let svg = to_svg_estimated(wide, 280, &style(job), |a, st| {
        draw_cost_curve(a, &chart, st)
    });
    let model = job.settings.judge.label();
    let (t0, t1) = n.window;
    let span = if (t0, t1) == (0.0, 1.0) {
        "every threshold".to_string()
    } else {
        format!(
            "thresholds {} to {}, around the least cost{}",
            number(t0, 3),
            number(t1, 3),
            if (t0..=t1).contains(&threshold) {
                String::new()
            } else {
                format!("; the page's threshold {} is outside", number(threshold, 4))
            }
        )
    };
    let caption = format!("Total cost of {model} against the threshold: {span}.");
    format!(
        r#"<figure class="cost-chart">{}<figcaption>{}</figcaption></figure>"#,
        inline_svg(
            &svg,
            &format!(
                "Total cost of {model} against the threshold; least cost {} at threshold {}",
                cost(best.cost),
                number(best.threshold, 4)
            ),
        ),
        escape_html(&caption)
    )
}

/// The reliability diagram of the scores, and of the scores with the training weight undone.
pub(super) fn reliability(
    job: &DecideJob,
    c: &Calibration,
    undone: Option<&Calibration>,
) -> String {
    let square = fit(job, 420);
    let svg = to_svg_estimated(square, square * 4 / 5, &style(job), |a, st| {
        draw_reliability(a, &c.bins, undone.map(|u| &u.bins), st)
    });
    inline_svg(
        &svg,
        &format!(
            "Reliability diagram of {}: share of positives against mean predicted probability \
             in 15 bins; ECE {}",
            job.settings.judge.label(),
            m4(c.ece)
        ),
    )
}

/// An SVG chart made part of the page: drawn at the width it is shown at (so its text keeps
/// the page's chart text size), named for screen readers.
fn inline_svg(svg: &str, label: &str) -> String {
    svg.replacen(
        "<svg ",
        &format!(
            r#"<svg class="chart-svg" role="img" aria-label="{}" "#,
            escape_html(label)
        ),
        1,
    )
}

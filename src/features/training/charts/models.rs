//! What a loss does to a model (SPEC section 6): the trained models over the two classes'
//! feature, what each loss asks the model to predict, and where focal loss's gradient comes
//! from.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::charts::figure::DataTable;
use crate::charts::frame::{
    Axes, Entries, UnitPlot, anchor, clear, legend, note, plot, style_mesh, unit_chart,
};
use crate::charts::{Area, ChartStyle, DrawResult};
use crate::sim::LossKind;
use crate::sim::params::Class;
use crate::sim::training::{
    Boundary, GAMMA_AXIS, Q_GRID, SCORE_BINS, TrainingView, optimal_curve, sigmoid,
};

/// Points across the feature axis.
const POINTS: usize = 240;

/// The feature axis: three and a half standard deviations past each class's mean.
fn x_range(view: &TrainingView) -> (f64, f64) {
    (-3.5, view.population.d() + 3.5)
}

fn xs(view: &TrainingView) -> impl Iterator<Item = f64> + Clone {
    let (lo, hi) = x_range(view);
    (0..=POINTS).map(move |i| lo + (hi - lo) * i as f64 / POINTS as f64)
}

/// Each class's density times its count: how many samples sit near each `x`.
fn density(view: &TrainingView, class: Class, x: f64) -> f64 {
    let z = x - view.population.mean(class);
    view.population.count(class) * (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// The page's threshold across a probability axis, dashed.
fn threshold_line<DB: DrawingBackend>(
    chart: &mut UnitPlot<'_, DB>,
    (lo, hi): (f64, f64),
    t: f64,
    s: &ChartStyle,
) -> DrawResult<DB> {
    chart.draw_series(DashedLineSeries::new(
        [(lo, t), (hi, t)],
        s.px(5.0),
        s.px(4.0),
        s.line(s.palette().muted, 1.2),
    ))?;
    Ok(())
}

/// One loss's line in its colour, entered in the legend; its style, for marks on the line.
fn loss_line<DB: DrawingBackend>(
    chart: &mut UnitPlot<'_, DB>,
    kind: LossKind,
    points: impl IntoIterator<Item = (f64, f64)>,
    entries: &mut Entries,
    s: &ChartStyle,
) -> Result<ShapeStyle, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = s.line(s.loss_color(kind), 2.0);
    chart.draw_series(LineSeries::new(points, style))?;
    entries.push((kind.name().to_string(), style));
    Ok(style)
}

/// Where a model's boundary crosses the feature axis, if it does inside it.
fn crossing(b: Boundary) -> Option<f64> {
    match b {
        Boundary::PositiveAbove(x) | Boundary::PositiveBelow(x) => Some(x),
        Boundary::AllPositive | Boundary::AllNegative => None,
    }
}

/// The two classes' feature (counts, log axis) above, each trained model's `p(x)` below, with
/// the true posterior, the threshold and each model's decision boundary.
pub fn draw_trained_models<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    clear(area, s)?;
    let (top, bottom) = area.split_vertically((36).percent());
    draw_feature(&top, view, s)?;
    draw_models(&bottom, view, s)
}

/// The samples near each x, on a log axis so a class 1,000 times rarer still shows.
fn draw_feature<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let most = [Class::Negative, Class::Positive]
        .map(|c| density(view, c, view.population.mean(c)))
        .into_iter()
        .fold(0.0f64, f64::max)
        .max(1e-300);
    let floor = most * 1e-4;
    let axes = Axes::new(("", "samples (log)"), (0, 3)).y_format(&|v| crate::format::number(*v, 1));
    let y = (floor..most * 2.0).log_scale().base(10.0);
    let (lo, hi) = x_range(view);
    let mut chart = plot(area, (6.0, 58.0), (lo..hi, y), &axes, s)?;
    let p = s.palette();
    let mut entries = Entries::new();
    for (class, color, name) in [
        (Class::Negative, p.negative, "negatives"),
        (Class::Positive, p.positive, "positives"),
    ] {
        if view.population.count(class) == 0.0 {
            continue;
        }
        let style = s.line(color, 2.0);
        let points = xs(view).map(|x| (x, density(view, class, x).max(floor)));
        chart.draw_series(LineSeries::new(points, style))?;
        entries.push((name.to_string(), style));
    }
    legend(&chart, &entries, SeriesLabelPosition::UpperRight, s)
}

/// `p(x)` of each trained model (and of those trained on a sample), the true posterior, the
/// threshold and each model's decision boundary.
fn draw_models<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let axes = Axes::new(("feature x", "p(x)"), (8, 5));
    let (lo, hi) = x_range(view);
    let mut chart = plot(area, (40.0, 58.0), (lo..hi, 0.0..1.0), &axes, s)?;
    let p = s.palette();
    let t = view.threshold;
    threshold_line(&mut chart, (lo, hi), t, s)?;
    let mut entries = Entries::new();
    if let Ok(posterior) = view.population.prior_log_odds() {
        let d = view.population.d();
        let style = s.line(p.muted, 2.0);
        chart.draw_series(DashedLineSeries::new(
            xs(view).map(|x| (x, sigmoid(d * x - d * d / 2.0 + posterior))),
            s.px(3.0),
            s.px(3.0),
            style,
        ))?;
        entries.push(("true probability".to_string(), style));
    }
    for kind in view.shown.iter() {
        let Ok(trained) = view.trained.get(kind) else {
            continue;
        };
        let m = trained.model;
        let points = xs(view).map(|x| (x, m.probability(x)));
        let style = loss_line(&mut chart, kind, points, &mut entries, s)?;
        if let Some(x) = crossing(trained.metrics.boundary).filter(|x| (lo..=hi).contains(x)) {
            chart.draw_series(std::iter::once(Circle::new(
                (x, t),
                s.px(4.5),
                style.filled(),
            )))?;
        }
    }
    // The models trained on a sample, dashed over the population's.
    for (kind, model) in view.shown.iter().map(|k| (k, view.sample[k.index()])) {
        if let Some(m) = model {
            chart.draw_series(DashedLineSeries::new(
                xs(view).map(|x| (x, m.probability(x))),
                s.px(6.0),
                s.px(4.0),
                s.line(s.loss_color(kind), 1.5),
            ))?;
        }
    }
    // Upper left: the models rise to the right, past the boundaries.
    legend(&chart, &entries, SeriesLabelPosition::UpperLeft, s)
}

/// What each loss asks for: the prediction `p*` that minimises its expected value when the true
/// probability of the positive class is `q`, with the threshold.
pub fn draw_optimal_prediction<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let axes = ("true probability q", "loss-optimal prediction p*");
    let mut chart = unit_chart(area, 0.0..1.0, axes, false, s)?;
    threshold_line(&mut chart, (0.0, 1.0), view.threshold, s)?;
    let mut entries = Entries::new();
    for kind in view.shown.iter() {
        let points = view.optimal.get(kind);
        if points.is_empty() {
            continue;
        }
        loss_line(&mut chart, kind, points.iter().copied(), &mut entries, s)?;
    }
    legend(&chart, &entries, SeriesLabelPosition::LowerRight, s)
}

/// The negatives' share of focal loss's gradient at the BCE model, against gamma: the
/// focal-loss paper's argument that gamma takes the easy negatives' pull away.
pub fn draw_gradient_share<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    let axes = ("focal γ", "from the negatives");
    let mut chart = unit_chart(area, 0.0..GAMMA_AXIS, axes, true, s)?;
    if view.gradient.is_empty() {
        let text = note(
            "no model to take a gradient at",
            (GAMMA_AXIS / 2.0, 0.5),
            13.0,
            s,
        );
        chart.draw_series(std::iter::once(text))?;
        return Ok(());
    }
    let gamma = view.params.gamma.clamp(0.0, GAMMA_AXIS);
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(gamma, 0.0), (gamma, 1.0)],
        s.line(p.muted, 1.5),
    )))?;
    let style = s.line(s.loss_color(LossKind::Focal), 2.5);
    chart.draw_series(LineSeries::new(view.gradient.iter().copied(), style))?;
    let entries = vec![(
        format!("focal, α = {}", crate::format::short(view.params.alpha)),
        style,
    )];
    legend(&chart, &entries, SeriesLabelPosition::LowerLeft, s)
}

fn cell(v: Result<f64, impl Sized>) -> String {
    v.map_or_else(|_| "undefined".into(), |v| crate::format::number(v, 4))
}

/// Each trained model as a row: the numbers the chart draws.
pub fn trained_table(view: &TrainingView) -> DataTable {
    let header = ["loss", "w", "b", "boundary x", "recall", "precision", "FPR"];
    let rows = view
        .shown
        .iter()
        .map(|kind| match view.trained.get(kind) {
            Ok(t) => vec![
                kind.name().to_string(),
                crate::format::number(t.model.w, 4),
                crate::format::number(t.model.b, 4),
                crossing(t.metrics.boundary).map_or("none".into(), |x| crate::format::number(x, 4)),
                cell(t.metrics.recall),
                cell(t.metrics.precision),
                cell(t.metrics.fpr),
            ],
            Err(why) => {
                // Every column still has a cell: the reason, then nothing to show.
                let mut row = vec![
                    kind.name().to_string(),
                    format!("no model: {}", why.reason()),
                ];
                row.resize(header.len(), "–".into());
                row
            }
        })
        .collect();
    DataTable {
        header: header.map(String::from).to_vec(),
        rows,
    }
}

/// `p*(q)` of each loss on SPEC section 6's grid of `q`.
pub fn optimal_table(view: &TrainingView) -> DataTable {
    let mut header = vec!["q".to_string()];
    header.extend(view.shown.iter().map(|k| k.name().to_string()));
    let curves: Vec<_> = view
        .shown
        .iter()
        .map(|k| optimal_curve(k, &view.params))
        .collect();
    let rows = Q_GRID
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut row = vec![format!("{q:.2}")];
            row.extend(curves.iter().map(|c| cell(c[i])));
            row
        })
        .collect();
    DataTable { header, rows }
}

/// The gradient's split at every half step of gamma.
pub fn gradient_table(view: &TrainingView) -> DataTable {
    let rows = view
        .gradient
        .iter()
        .filter(|(g, _)| ((g * 2.0) - (g * 2.0).round()).abs() < 1e-9)
        .map(|(g, share)| vec![crate::format::short(*g), crate::format::percent(Ok(*share))])
        .collect();
    DataTable {
        header: vec!["focal γ".into(), "negatives' share of the gradient".into()],
        rows,
    }
}

/// What each trained model predicts, class by class: a small histogram a loss (log counts),
/// with the threshold.
pub fn draw_trained_scores<DB: DrawingBackend>(
    area: &Area<DB>,
    view: &TrainingView,
    s: &ChartStyle,
) -> DrawResult<DB> {
    let p = s.palette();
    clear(area, s)?;
    let most = view
        .shown
        .iter()
        .filter_map(|k| view.trained.get(k).as_ref().ok())
        .flat_map(|t| t.scores.iter().flatten().copied())
        .fold(1.0f64, f64::max);
    let (bottom, top) = (0.5, most * 4.0);
    let width = 1.0 / SCORE_BINS as f64;
    // Two across, as many rows as the shown losses need.
    let cells = area.split_evenly((view.shown.len().div_ceil(2).max(1), 2));
    for (kind, cell) in view.shown.iter().zip(cells) {
        let trained = view.trained.get(kind);
        let mut chart = ChartBuilder::on(&cell);
        chart
            .margin_top(s.px(22.0))
            .margin_right(s.px(12.0))
            .margin_left(s.px(4.0))
            .x_label_area_size(s.px(26.0))
            .y_label_area_size(s.px(46.0));
        let mut chart = chart.build_cartesian_2d(0.0..1.0, (bottom..top).log_scale().base(10.0))?;
        let mut mesh = chart.configure_mesh();
        style_mesh(&mut mesh, s, ("", ""));
        mesh.x_labels(3)
            .y_labels(3)
            .y_label_formatter(&|v| crate::format::number(*v, 1))
            .draw()?;
        cell.draw(&Text::new(
            kind.name(),
            (s.px(50.0) as i32, s.px(4.0) as i32),
            s.font(13.0, s.loss_color(kind))
                .pos(anchor(HPos::Left, VPos::Top)),
        ))?;
        let Ok(trained) = trained else {
            let text = note("no model", (0.5, (bottom * top).sqrt()), 12.0, s);
            chart.draw_series(std::iter::once(text))?;
            continue;
        };
        for (bins, color) in [
            (&trained.scores[0], p.negative),
            (&trained.scores[1], p.positive),
        ] {
            let shown = bins.iter().enumerate().filter(|(_, c)| **c >= bottom);
            chart.draw_series(shown.clone().map(|(k, &c)| {
                let x = k as f64 * width;
                Rectangle::new([(x, bottom), (x + width, c)], color.mix(0.45).filled())
            }))?;
            chart.draw_series(shown.map(|(k, &c)| {
                let x = k as f64 * width;
                PathElement::new(vec![(x, c), (x + width, c)], s.line(color, 1.5))
            }))?;
        }
        let t = view.threshold;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(t, bottom), (t, top)],
            s.line(p.text, 1.5),
        )))?;
    }
    Ok(())
}

/// Each trained model's expected counts a class, in tenths of p (four bins each).
pub fn scores_table(view: &TrainingView) -> DataTable {
    let mut header = vec!["p".to_string()];
    for kind in view.shown.iter() {
        header.push(format!("{}: negatives", kind.name()));
        header.push(format!("{}: positives", kind.name()));
    }
    let per_row = SCORE_BINS / 10;
    let rows = (0..10)
        .map(|r| {
            let mut row = vec![format!(
                "{:.1}–{:.1}",
                r as f64 / 10.0,
                (r + 1) as f64 / 10.0
            )];
            for t in view.shown.iter().map(|k| view.trained.get(k)) {
                for class in 0..2 {
                    row.push(t.as_ref().map_or("–".into(), |t| {
                        let sum: f64 = t.scores[class][r * per_row..(r + 1) * per_row].iter().sum();
                        crate::format::number(sum, 3)
                    }));
                }
            }
            row
        })
        .collect();
    DataTable { header, rows }
}

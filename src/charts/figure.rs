//! Every chart of the page as one value: what to draw, drawn on any backend (canvas in the page,
//! SVG for tests and downloads), with the same numbers as a table for readers who cannot see it.

use plotters::prelude::*;

use super::composition::{draw_composition_losses, draw_composition_metrics};
use super::focal_curve::{FocalCurve, REFERENCE_GAMMAS, draw_focal_curve, focal_value};
use super::loss_curves::{LossCurves, draw_loss_curves, loss_curves_table};
use super::loss_share::draw_loss_share;
use super::scores::{ScoreHistogram, draw_scores};
use super::threshold::{ThresholdCurves, draw_pr, draw_roc, draw_threshold_metrics};
use super::training::{
    draw_gradient_share, draw_optimal_prediction, draw_trained_models, draw_trained_scores,
    gradient_table, optimal_table, scores_table, trained_table,
};
use super::{ChartStyle, DrawResult};
use crate::format::short;
use crate::sim::training::TrainingView;
use crate::sim::{Class, Confusion, LossKind, Losses, Measure, Metric, Profile, RATIO_MAX};

/// A chart and its data.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// The focal modulation curve.
    Focal(FocalCurve),
    /// The per-class score histograms.
    Scores(ScoreHistogram),
    /// Each loss's split between the classes.
    Share(Losses),
    /// Precision, recall and F1 against the threshold.
    Threshold(ThresholdCurves),
    /// The ROC curve.
    Roc(ThresholdCurves),
    /// The precision-recall curve.
    Pr(ThresholdCurves),
    /// Loss means against the class ratio (the profile, and the current ratio).
    CompositionLosses(Profile, Option<f64>),
    /// Metrics against the class ratio.
    CompositionMetrics(Profile, Option<f64>),
    /// Each loss's trained model over the classes' feature.
    TrainedModels(Box<TrainingView>),
    /// Each loss's optimal prediction against the true probability.
    OptimalPrediction(Box<TrainingView>),
    /// The negatives' share of focal loss's gradient against gamma.
    GradientShare(Box<TrainingView>),
    /// Each trained model's scores, class by class.
    TrainedScores(Box<TrainingView>),
    /// Each loss's mean loss on a sample, Newton step by step.
    LossCurves(LossCurves),
}

/// A chart's numbers as rows of text, first row the header.
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    /// Column names.
    pub header: Vec<String>,
    /// One row per point.
    pub rows: Vec<Vec<String>>,
}

fn cell(m: Metric) -> String {
    match m {
        Ok(v) => format!("{v:.4}"),
        Err(_) => "undefined".into(),
    }
}

/// Thresholds 0, 0.05, ..., 1 picked out of a sweep.
fn every_twentieth(sweep: &[(f64, Confusion)]) -> impl Iterator<Item = &(f64, Confusion)> {
    sweep
        .iter()
        .filter(|(t, _)| ((t * 20.0) - (t * 20.0).round()).abs() < 1e-9)
}

const RATIO_ROWS: [f64; 9] = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1_000.0, RATIO_MAX];

impl Figure {
    /// A short name, for file names and element ids.
    pub fn name(&self) -> &'static str {
        match self {
            Figure::Focal(_) => "focal",
            Figure::Scores(_) => "scores",
            Figure::Share(_) => "share",
            Figure::Threshold(_) => "threshold",
            Figure::Roc(_) => "roc",
            Figure::Pr(_) => "pr",
            Figure::CompositionLosses(..) => "composition-losses",
            Figure::CompositionMetrics(..) => "composition-metrics",
            Figure::TrainedModels(_) => "trained-models",
            Figure::OptimalPrediction(_) => "optimal-prediction",
            Figure::GradientShare(_) => "gradient-share",
            Figure::TrainedScores(_) => "trained-scores",
            Figure::LossCurves(_) => "loss-curves",
        }
    }

    /// Draws the chart.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, plotters::coord::Shift>,
        style: &ChartStyle,
    ) -> DrawResult<DB> {
        match self {
            Figure::Focal(d) => draw_focal_curve(area, d, style),
            Figure::Scores(d) => draw_scores(area, d, style),
            Figure::Share(d) => draw_loss_share(area, d, style),
            Figure::Threshold(d) => draw_threshold_metrics(area, d, style),
            Figure::Roc(d) => draw_roc(area, d, style),
            Figure::Pr(d) => draw_pr(area, d, style),
            Figure::CompositionLosses(p, r) => draw_composition_losses(area, p, *r, style),
            Figure::CompositionMetrics(p, r) => draw_composition_metrics(area, p, *r, style),
            Figure::TrainedModels(v) => draw_trained_models(area, v, style),
            Figure::OptimalPrediction(v) => draw_optimal_prediction(area, v, style),
            Figure::GradientShare(v) => draw_gradient_share(area, v, style),
            Figure::TrainedScores(v) => draw_trained_scores(area, v, style),
            Figure::LossCurves(c) => draw_loss_curves(area, c, style),
        }
    }

    /// The chart's numbers as a table.
    pub fn table(&self) -> DataTable {
        let s = |x: &str| x.to_string();
        match self {
            Figure::Focal(d) => {
                let mut gammas: Vec<f64> = REFERENCE_GAMMAS.to_vec();
                if !gammas.contains(&d.gamma) {
                    gammas.push(d.gamma);
                }
                let mut header = vec![s("pₜ")];
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
            Figure::Scores(d) => {
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
                DataTable {
                    header: vec![s("predicted probability"), s("negatives"), s("positives")],
                    rows,
                }
            }
            Figure::Share(l) => DataTable {
                header: vec![
                    s("loss"),
                    s("sum"),
                    s("negatives' share"),
                    s("positives' share"),
                ],
                rows: LossKind::ALL
                    .iter()
                    .map(|&k| {
                        let r = l.get(k);
                        vec![
                            s(k.name()),
                            format!("{:.6}", r.sum),
                            cell(r.share(Class::Negative)),
                            cell(r.share(Class::Positive)),
                        ]
                    })
                    .collect(),
            },
            Figure::Threshold(d) => DataTable {
                header: vec![s("threshold"), s("precision"), s("recall"), s("F1")],
                rows: every_twentieth(&d.sweep)
                    .map(|(t, c)| {
                        vec![
                            format!("{t:.2}"),
                            cell(c.precision()),
                            cell(c.recall()),
                            cell(c.f1()),
                        ]
                    })
                    .collect(),
            },
            Figure::Roc(d) => DataTable {
                header: vec![
                    s("threshold"),
                    s("false positive rate"),
                    s("true positive rate"),
                ],
                rows: every_twentieth(&d.sweep)
                    .map(|(t, c)| vec![format!("{t:.2}"), cell(c.fall_out()), cell(c.recall())])
                    .collect(),
            },
            Figure::Pr(d) => DataTable {
                header: vec![s("threshold"), s("recall"), s("precision")],
                rows: every_twentieth(&d.sweep)
                    .map(|(t, c)| vec![format!("{t:.2}"), cell(c.recall()), cell(c.precision())])
                    .collect(),
            },
            Figure::CompositionLosses(p, _) => ratio_table(p, &LossKind::ALL.map(Measure::Loss)),
            Figure::CompositionMetrics(p, _) => ratio_table(
                p,
                &[
                    Measure::Precision,
                    Measure::Recall,
                    Measure::F1,
                    Measure::Accuracy,
                ],
            ),
            Figure::TrainedModels(v) => trained_table(v),
            Figure::OptimalPrediction(v) => optimal_table(v),
            Figure::GradientShare(v) => gradient_table(v),
            Figure::TrainedScores(v) => scores_table(v),
            Figure::LossCurves(c) => loss_curves_table(c),
        }
    }
}

fn ratio_table(p: &Profile, measures: &[Measure]) -> DataTable {
    let mut header = vec!["negatives per positive".to_string()];
    header.extend(measures.iter().map(|m| m.name().to_string()));
    let rows = RATIO_ROWS
        .iter()
        .map(|&r| {
            let mut row = vec![crate::format::ratio(r)];
            row.extend(measures.iter().map(|&m| cell(p.measure(m, r))));
            row
        })
        .collect();
    DataTable { header, rows }
}

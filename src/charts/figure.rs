//! Every chart of the page as one value: what to draw, drawn on any backend (canvas in the page,
//! SVG for tests and downloads), with the same numbers as a table for readers who cannot see it.

use crate::sim::loss::Shown;
use plotters::prelude::*;

use super::{Area, ChartStyle, DrawResult};
use crate::features::compare::chart::{
    draw_composition_losses, draw_composition_metrics, losses_table, metrics_table,
};
use crate::features::explore::charts::loss_share::{draw_loss_share, share_table};
use crate::features::explore::charts::scores::{ScoreHistogram, draw_scores, histogram_table};
use crate::features::explore::charts::threshold::{
    ThresholdCurves, draw_pr, draw_roc, draw_threshold_metrics, pr_table, roc_table,
    threshold_table,
};
use crate::features::focal::chart::{FocalCurve, draw_focal_curve, focal_table};
use crate::features::focal::per_sample::{PerSample, draw_per_sample, per_sample_table};
use crate::features::training::charts::loss_curves::{
    LossCurves, draw_loss_curves, loss_curves_table,
};
use crate::features::training::charts::models::{
    draw_gradient_share, draw_optimal_prediction, draw_trained_models, draw_trained_scores,
    gradient_table, optimal_table, scores_table, trained_table,
};
use crate::features::training::charts::spread::{SpreadChart, draw_spread, spread_table};
use crate::sim::training::TrainingView;
use crate::sim::{Losses, Metric, Profile};

/// A chart and its data.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// The focal modulation curve.
    Focal(FocalCurve),
    /// Each shown loss's per-sample loss against p_t, for a positive and for a negative.
    PerSample(PerSample),
    /// The per-class score histograms.
    Scores(ScoreHistogram),
    /// Each shown loss's split between the classes.
    Share(Losses, Shown),
    /// Precision, recall and F1 against the threshold.
    Threshold(ThresholdCurves),
    /// The ROC curve.
    Roc(ThresholdCurves),
    /// The precision-recall curve.
    Pr(ThresholdCurves),
    /// Loss means against the class ratio (the profile, the current ratio, the shown losses).
    CompositionLosses(Profile, Option<f64>, Shown),
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
    /// Each loss's spread over K retrainings, beside BCE's.
    Spread(Box<SpreadChart>),
}

/// A chart's numbers as rows of text, first row the header.
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    /// Column names.
    pub header: Vec<String>,
    /// One row per point.
    pub rows: Vec<Vec<String>>,
}

/// A metric in a table's cell.
pub(crate) fn cell(m: Metric) -> String {
    match m {
        Ok(v) => format!("{v:.4}"),
        Err(_) => "undefined".into(),
    }
}

impl Figure {
    /// A short name, for file names and element ids.
    pub fn name(&self) -> &'static str {
        match self {
            Figure::Focal(_) => "focal",
            Figure::PerSample(_) => "per-sample-losses",
            Figure::Scores(_) => "scores",
            Figure::Share(..) => "share",
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
            Figure::Spread(_) => "spread",
        }
    }

    /// Draws the chart.
    pub fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, style: &ChartStyle) -> DrawResult<DB> {
        match self {
            Figure::Focal(d) => draw_focal_curve(area, d, style),
            Figure::PerSample(d) => draw_per_sample(area, d, style),
            Figure::Scores(d) => draw_scores(area, d, style),
            Figure::Share(d, shown) => draw_loss_share(area, d, *shown, style),
            Figure::Threshold(d) => draw_threshold_metrics(area, d, style),
            Figure::Roc(d) => draw_roc(area, d, style),
            Figure::Pr(d) => draw_pr(area, d, style),
            Figure::CompositionLosses(p, r, shown) => {
                draw_composition_losses(area, p, *r, *shown, style)
            }
            Figure::CompositionMetrics(p, r) => draw_composition_metrics(area, p, *r, style),
            Figure::TrainedModels(v) => draw_trained_models(area, v, style),
            Figure::OptimalPrediction(v) => draw_optimal_prediction(area, v, style),
            Figure::GradientShare(v) => draw_gradient_share(area, v, style),
            Figure::TrainedScores(v) => draw_trained_scores(area, v, style),
            Figure::LossCurves(c) => draw_loss_curves(area, c, style),
            Figure::Spread(c) => draw_spread(area, c, style),
        }
    }

    /// The chart's numbers as a table.
    pub fn table(&self) -> DataTable {
        match self {
            Figure::Focal(d) => focal_table(d),
            Figure::PerSample(d) => per_sample_table(d),
            Figure::Scores(d) => histogram_table(d),
            Figure::Share(l, shown) => share_table(l, *shown),
            Figure::Threshold(d) => threshold_table(d),
            Figure::Roc(d) => roc_table(d),
            Figure::Pr(d) => pr_table(d),
            Figure::CompositionLosses(p, _, shown) => losses_table(p, *shown),
            Figure::CompositionMetrics(p, _) => metrics_table(p),
            Figure::TrainedModels(v) => trained_table(v),
            Figure::OptimalPrediction(v) => optimal_table(v),
            Figure::GradientShare(v) => gradient_table(v),
            Figure::TrainedScores(v) => scores_table(v),
            Figure::LossCurves(c) => loss_curves_table(c),
            Figure::Spread(c) => spread_table(c),
        }
    }
}

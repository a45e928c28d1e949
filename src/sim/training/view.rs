//! What the training panel shows, computed in one place from the page's settings: each loss's
//! model on the population with its metrics and validation loss, the loss-optimal predictions,
//! the gradient's split against gamma, and the few numbers the panel's sentences check.

use super::evaluation::{PopulationMetrics, boundary, normal_tail, population_metrics};
use super::gradient::gradient_shares;
use super::optimal::optimal_prediction;
use super::population::{expected_loss, fit_population};
use super::problem::{Binormal, LossParams, Model, NoOptimum, PerLoss, sigmoid};
use super::tversky::tversky_boundary;
use crate::sim::loss::{Form, Shape, Shown, TV_A, TV_B};
use crate::sim::metrics::Undefined;
use crate::sim::params::Class;
use crate::sim::{LossKind, Metric};

/// Points of the `p*(q)` curves, `q` from 0.005 to 0.995.
pub const OPTIMAL_POINTS: usize = 100;
/// Points of the gradient-share curve, gamma from 0 to `GAMMA_AXIS`.
pub const GRADIENT_POINTS: usize = 41;
/// The largest gamma on the gradient-share axis (the page's gamma is marked on it, clamped).
pub const GAMMA_AXIS: f64 = 5.0;

/// Bins of the trained models' score distributions over [0, 1].
pub const SCORE_BINS: usize = 40;

/// One loss's trained model and what it does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Trained {
    /// The model.
    pub model: Model,
    /// Its metrics on the population at the threshold.
    pub metrics: PopulationMetrics,
    /// The validation loss it gets: the plain BCE per sample on the population (the loss every
    /// model is compared with, whatever it was trained with).
    pub validation_bce: Metric,
    /// How many samples of each class (negatives, positives) it scores in each of `SCORE_BINS`
    /// equal bins of p: the class's count times the normal mass the bin's x-interval holds.
    pub scores: [[f64; SCORE_BINS]; 2],
}

/// The expected counts of a class's scores `p = sigmoid(w x + b)`, `x ~ N(mean, 1)`, in equal
/// bins of p. `p <= u` where `x` is on one side of `(logit(u) - b) / w`, so each bin is a
/// difference of two normal tails; a flat model puts the whole class in the bin of `sigmoid(b)`.
fn score_bins(model: &Model, mean: f64, count: f64) -> [f64; SCORE_BINS] {
    let mut bins = [0.0; SCORE_BINS];
    if count == 0.0 {
        return bins;
    }
    if model.w == 0.0 || !model.w.is_finite() {
        let k = ((sigmoid(model.b) * SCORE_BINS as f64) as usize).min(SCORE_BINS - 1);
        bins[k] = count;
        return bins;
    }
    // P(p <= u) for u at each bin edge.
    let below = |u: f64| -> f64 {
        if u <= 0.0 {
            return 0.0;
        }
        if u >= 1.0 {
            return 1.0;
        }
        let x = (libm::log(u / (1.0 - u)) - model.b) / model.w;
        // w > 0: p <= u where x' <= x; w < 0: where x' >= x.
        if model.w > 0.0 {
            normal_tail(mean - x)
        } else {
            normal_tail(x - mean)
        }
    };
    for (k, bin) in bins.iter_mut().enumerate() {
        let (lo, hi) = (
            k as f64 / SCORE_BINS as f64,
            (k + 1) as f64 / SCORE_BINS as f64,
        );
        *bin = count * (below(hi) - below(lo)).max(0.0);
    }
    bins
}

/// Everything the training panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingView {
    /// The population (the page's mix, the separation).
    pub population: Binormal,
    /// The losses' parameters.
    pub params: LossParams,
    /// The page's threshold.
    pub threshold: f64,
    /// Each loss's model, or why it has none.
    pub trained: PerLoss<Result<Trained, NoOptimum>>,
    /// `p*(q)` of each loss at `OPTIMAL_POINTS` values of `q` (a point is left out where `p*`
    /// does not exist).
    pub optimal: PerLoss<Vec<(f64, f64)>>,
    /// The negatives' share of the focal loss's gradient at the BCE model, against gamma
    /// (`GRADIENT_POINTS` points from 0 to `GAMMA_AXIS`; empty without a BCE model).
    pub gradient: Vec<(f64, f64)>,
    /// The hard boundary the Tversky loss sharpens its model towards, or why it has none.
    pub sharpened: Result<f64, NoOptimum>,
    /// The recall balanced CE's model would have with alpha = 1/2 (the classes weighed
    /// equally, i.e. BCE's model), to set beside the page's alpha; `None` without a model.
    pub recall_at_half_alpha: Option<Metric>,
    /// Each loss's model trained on a finite sample, when the page has one to show beside the
    /// population's (drawn dashed).
    pub sample: [Option<Model>; LossKind::COUNT],
    /// The losses the charts draw (the page's choice; section 2's four by default).
    pub shown: Shown,
}

/// What one loss's model and `p*(q)` depend on: its shape on the population's class counts (a
/// set-level loss: why it has none, with the Tversky weights it reads).
fn loss_key(kind: LossKind, params: &LossParams) -> (Result<Shape, Undefined>, [f64; 2]) {
    let weights = match kind.loss().form {
        Form::Set(_) => [params.get(TV_A), params.get(TV_B)],
        Form::Sample { .. } => [0.0; 2],
    };
    (Shape::of(kind, params), weights)
}

/// The negatives' share of the focal loss's gradient at the BCE model, against gamma: `prev`'s
/// when its population, BCE model and focal parameters other than gamma are these.
fn gradient_curve(
    prev: Option<&TrainingView>,
    pop: &Binormal,
    params: &LossParams,
    bce: &Result<Trained, NoOptimum>,
) -> Vec<(f64, f64)> {
    let focal = |p: &LossParams| Shape::of(LossKind::Focal, &LossParams { gamma: 0.0, ..*p });
    match (bce, prev) {
        (Ok(_), Some(v))
            if v.trained.get(LossKind::Bce) == bce && focal(&v.params) == focal(params) =>
        {
            v.gradient.clone()
        }
        (Ok(bce), _) => (0..GRADIENT_POINTS)
            .filter_map(|i| {
                let gamma = GAMMA_AXIS * i as f64 / (GRADIENT_POINTS - 1) as f64;
                let at = LossParams { gamma, ..*params };
                let shares = gradient_shares(pop, &bce.model, LossKind::Focal, &at);
                shares.share(Class::Negative).ok().map(|s| (gamma, s))
            })
            .collect(),
        (Err(_), _) => Vec::new(),
    }
}

impl TrainingView {
    /// The view of a population, the losses' parameters and the threshold.
    pub fn compute(population: &Binormal, params: &LossParams, threshold: f64) -> Self {
        Self::update(None, population, params, threshold)
    }

    /// The same, keeping what `prev` computed for a loss whose inputs are unchanged: a
    /// parameter of one loss refits that loss alone, a new separation leaves every `p*(q)`, a
    /// new threshold only recounts the metrics.
    pub fn update(
        prev: Option<&TrainingView>,
        population: &Binormal,
        params: &LossParams,
        threshold: f64,
    ) -> Self {
        let params = &population.params(params);
        let pop = *population;
        let same_pop = prev.filter(|v| v.population == pop);
        let kept = |v: &TrainingView, kind| loss_key(kind, &v.params) == loss_key(kind, params);
        let trained = PerLoss::new(|kind| {
            if let Some(v) = same_pop.filter(|v| kept(v, kind)) {
                return v.trained.get(kind).map(|t| Trained {
                    metrics: if v.threshold == threshold {
                        t.metrics
                    } else {
                        population_metrics(&pop, &t.model, threshold)
                    },
                    ..t
                });
            }
            fit_population(&pop, kind, params).map(|fit| Trained {
                model: fit.model,
                metrics: population_metrics(&pop, &fit.model, threshold),
                validation_bce: expected_loss(&pop, &fit.model, LossKind::Bce, params),
                scores: [Class::Negative, Class::Positive]
                    .map(|c| score_bins(&fit.model, pop.mean(c), pop.count(c))),
            })
        });
        let optimal = PerLoss::new(|kind| match prev.filter(|v| kept(v, kind)) {
            Some(v) => v.optimal.get(kind).clone(),
            None => (0..OPTIMAL_POINTS)
                .filter_map(|i| {
                    let q = (i as f64 + 0.5) / OPTIMAL_POINTS as f64;
                    optimal_prediction(kind, params, q).ok().map(|p| (q, p))
                })
                .collect(),
        });
        let gradient = gradient_curve(same_pop, &pop, params, trained.get(LossKind::Bce));
        let (a, b) = (params.get(TV_A), params.get(TV_B));
        let sharpened = match same_pop {
            Some(v) if [v.params.get(TV_A), v.params.get(TV_B)] == [a, b] => v.sharpened,
            _ => tversky_boundary(&pop, a, b),
        };
        // Balanced CE at alpha = 1/2 is BCE scaled by one half: its model is BCE's.
        let recall_at_half_alpha = trained
            .get(LossKind::Bce)
            .as_ref()
            .ok()
            .map(|t| t.metrics.recall);
        TrainingView {
            population: pop,
            params: *params,
            threshold,
            trained,
            optimal,
            gradient,
            sharpened,
            recall_at_half_alpha,
            sample: [None; LossKind::COUNT],
            shown: Shown::default(),
        }
    }

    /// The threshold at which the BCE model puts its boundary where weighted BCE's model puts
    /// its own at the page's threshold: `1 / (1 + w)` at `t = 1/2`, in general the `t'` with
    /// `odds(t') = odds(t) / pos_weight`.
    pub fn equivalent_bce_threshold(&self) -> f64 {
        let t = self.threshold.clamp(0.0, 1.0);
        let logit = libm::log(t / (1.0 - t));
        sigmoid(logit - libm::log(self.params.pos_weight))
    }

    /// Where the BCE model's boundary lies at `equivalent_bce_threshold`: by the closed forms,
    /// the same point as weighted BCE's boundary at the page's threshold.
    pub fn bce_boundary_at_equivalent(&self) -> Option<super::evaluation::Boundary> {
        let bce = self.trained.get(LossKind::Bce).as_ref().ok()?;
        Some(boundary(&bce.model, self.equivalent_bce_threshold()))
    }
}

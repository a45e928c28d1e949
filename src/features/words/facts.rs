//! The numbers the words are written from: each model's losses and metrics on the page's data,
//! and how much each loss's mean (and A's mean minus B's) moves from seed to seed.

use super::WordsJob;
use crate::sim::engine::{Answer, Engine, ModelId, SYNTHETIC};
use crate::sim::loss::LossParams;
use crate::sim::loss::Shown;
use crate::sim::noise::{spread, standard_error};
use crate::sim::{Class, LossKind, Losses, Metric, Metrics, Scenario, losses};
use crate::state::ModelB;

/// One model's numbers, and how much each loss's mean moves from seed to seed.
pub(crate) struct ModelFacts {
    pub(crate) losses: Losses,
    pub(crate) metrics: Metrics,
    /// Each class's variance of the per-sample loss, by `LossKind::ALL`, `[neg, pos]` (`None`:
    /// a class of one sample).
    variance: [[Option<f64>; 2]; LossKind::COUNT],
}

/// What the words are written from.
pub(crate) struct Facts {
    pub(crate) s: Scenario,
    pub(crate) model_b: ModelB,
    pub(crate) imported: bool,
    /// Whether models A and B have the very same scores (a file with one score column).
    pub(crate) same: bool,
    pub(crate) models: [ModelFacts; 2],
    /// The standard error of A's mean minus B's, by `LossKind::ALL` (paired on the same draws
    /// for synthetic data).
    pub(crate) diff_se: [Option<f64>; LossKind::COUNT],
    pub(crate) point: f64,
    pub(crate) costs: [f64; 3],
    /// The losses the page shows, which the words speak of.
    pub(crate) shown: Shown,
    /// The training view's separation.
    pub(crate) sep: f64,
}

impl Facts {
    pub(crate) fn new(engine: &mut Engine, job: &WordsJob) -> Option<Self> {
        let r = &job.request;
        let s = r.scenario;
        let answer: Answer = engine.compute(r, &mut |_| {})?;
        let scores = [engine.scores(r, ModelId::A)?, engine.scores(r, ModelId::B)?];
        // Each loss's shape once, not for every sample (`per_sample_loss`'s arithmetic).
        let params = LossParams::from_scenario(&s);
        let shapes = LossKind::ALL.map(|k| k.loss().shape_at(&params).ok());
        let loss_of = |kind: LossKind, class: Class, p: f64| {
            shapes[kind.index()].map_or(0.0, |shape| shape.on_probability(class, p))
        };
        // A loss with no per-sample terms (set-level, undefined here) has no spread to measure.
        let samples = |kind: LossKind, n: usize| if shapes[kind.index()].is_some() { n } else { 0 };
        let classes = [Class::Negative, Class::Positive];
        let models = ModelId::ALL.map(|m| {
            let a = &answer.models[m.index()];
            let [neg, pos] = a.loss;
            let m = &scores[m.index()];
            ModelFacts {
                losses: losses(&neg, &pos, &params),
                metrics: Metrics::new(a.confusion, a.ranks.ranking),
                variance: LossKind::ALL.map(|k| {
                    classes.map(|c| {
                        let scores = &m[c as usize];
                        spread(samples(k, scores.len()), |i| loss_of(k, c, scores.get(i)))
                    })
                }),
            }
        });
        let same = scores[0] == scores[1];
        let counts = [f64::from(s.neg), f64::from(s.pos)];
        let diff_se = std::array::from_fn(|i| {
            let k = LossKind::ALL[i];
            if r.data == SYNTHETIC || same {
                // The same draws (or rows) under both models: the difference of each sample's
                // losses.
                let v = classes.map(|c| {
                    let (a, b) = (&scores[0][c as usize], &scores[1][c as usize]);
                    spread(samples(k, a.len()), |j| {
                        loss_of(k, c, a.get(j)) - loss_of(k, c, b.get(j))
                    })
                });
                standard_error(counts, v)
            } else {
                // Two columns sorted apart: their pairing is lost, so the errors add (an upper
                // bound when the two models' losses rise and fall together).
                let se = |m: usize| standard_error(counts, models[m].variance[i]);
                Some(se(0)?.hypot(se(1)?))
            }
        });
        Some(Facts {
            s,
            model_b: ModelB {
                acc0: r.model_b[0],
                acc1: r.model_b[1],
            },
            imported: r.data != SYNTHETIC,
            same,
            models,
            diff_se,
            point: job.point,
            costs: job.costs,
            shown: job.shown,
            sep: job.sep,
        })
    }

    pub(crate) fn counts(&self) -> [f64; 2] {
        [f64::from(self.s.neg), f64::from(self.s.pos)]
    }

    /// The standard error of model `m`'s mean of `kind`.
    pub(crate) fn se(&self, m: usize, kind: LossKind) -> Option<f64> {
        standard_error(self.counts(), self.models[m].variance[kind as usize])
    }

    pub(crate) fn loss(&self, m: usize, kind: LossKind) -> Metric {
        self.models[m].losses.get(kind).mean()
    }

    /// Model `m`'s mean of `kind` over class `c` alone; `None` for an empty class.
    pub(crate) fn class_mean(&self, m: usize, kind: LossKind, c: Class) -> Option<f64> {
        let r = self.models[m].losses.get(kind);
        let n = self.counts()[c as usize];
        let sum = r.class_sum(c).ok()?;
        (n > 0.0).then(|| sum / n)
    }
}

//! The exact numbers of a view, worked out away from the page.
//!
//! Large classes make the passes over every sample too slow for one frame (a logarithm per
//! sample for the loss sums, another for the draws). The page therefore shows an estimate from
//! a preview of at most `PREVIEW` draws a class while a control moves (`preview`), and asks an
//! `Engine` in a Web Worker for the exact numbers (`request` -> `answer`), which replace the
//! estimate when they arrive. They cross to the worker as lists of numbers (`wire`), in the
//! messages of `crate::protocol`.
//!
//! The engine keeps each layer of the last request (draws, loss sums, ranks, curves) and redoes
//! only the layers whose inputs changed, like the page's memos.

mod answer;
pub mod preview;
mod request;
mod wire;

pub use answer::{Answer, Curves, ModelAnswer, all_exact};
pub use preview::{Estimated, ExactParts, PREVIEW, Weights};
pub use request::{DrawsKey, LossKey, ModelId, ModelKey, PassKey, Request, SYNTHETIC};
pub(crate) use wire::{Reader, write_confusion, write_metric};

use super::curves::{histogram, threshold_sweep};
use super::generator::ClassScores;
use super::loss::{ClassLoss, Pass};
use super::metrics::Confusion;
use super::params::Class;
use super::ranking::Ranks;
use super::rng::UnitDraws;

/// Bins of the score histograms.
pub const BINS: usize = 50;
/// Thresholds in the precision / recall / ROC / PR sweeps (`SWEEP + 1` points).
pub const SWEEP: usize = 200;

const CLASSES: [Class; 2] = [Class::Negative, Class::Positive];

/// A value and the inputs it was computed from.
struct Cached<K, V>(Option<(K, V)>);

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Cached(None)
    }
}

impl<K: PartialEq + Copy, V: Clone> Cached<K, V> {
    /// The value for `key`, computed by `f` only when the key changed. The old value is dropped
    /// first, so a large one is never held twice.
    fn get(&mut self, key: K, f: impl FnOnce() -> V) -> V {
        match &self.0 {
            Some((k, v)) if *k == key => v.clone(),
            _ => {
                self.0 = None;
                let v = f();
                self.0 = Some((key, v.clone()));
                v
            }
        }
    }
}

/// Imported scores the engine holds: each model's negatives and positives, sorted. A file with
/// one score column gives model B the same scores as model A (shared, not copied).
#[derive(Clone, Debug)]
pub struct DataSet {
    /// The number requests name it by (`Request::data`), never `SYNTHETIC`.
    pub id: u32,
    /// Models A and B, each `[negatives, positives]`.
    pub models: [[ClassScores; 2]; 2],
}

/// Computes exact numbers, keeping each layer of the last request.
#[derive(Default)]
pub struct Engine {
    imported: Option<DataSet>,
    draws: [Cached<DrawsKey, UnitDraws>; 2],
    loss: [[[Cached<PassKey, ClassLoss>; Pass::ALL.len()]; 2]; 2],
    ranks: [Cached<ModelKey, Ranks>; 2],
    curves: Cached<ModelKey, Curves>,
}

impl Engine {
    /// A new engine with nothing computed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Holds an imported data set (dropping the one before, and every layer computed on it).
    pub fn hold(&mut self, data: DataSet) {
        *self = Engine {
            imported: Some(data),
            ..Engine::default()
        };
    }

    /// Lets go of the imported data set (and every layer computed on it).
    pub fn forget(&mut self) {
        *self = Engine::default();
    }

    /// The imported data set a request names, if the engine holds it.
    fn data_set(&self, r: &Request) -> Option<&DataSet> {
        self.imported.as_ref().filter(|d| d.id == r.data)
    }

    /// One class's draws for the request.
    pub fn draws(&mut self, r: &Request, class: Class) -> UnitDraws {
        let key = r.draws_key(class);
        self.draws[class as usize].get(key, || UnitDraws::generate(key.seed, class, key.count))
    }

    /// A model's scores, `[negatives, positives]`: generated for the scenario, or imported;
    /// `None` for a data set the engine does not hold.
    pub fn scores(&mut self, r: &Request, model: ModelId) -> Option<[ClassScores; 2]> {
        if r.data == SYNTHETIC {
            let draws = CLASSES.map(|c| self.draws(r, c));
            return Some(CLASSES.map(|c| ClassScores::new(c, r.acc(model, c), &draws[c as usize])));
        }
        self.data_set(r).map(|d| d.models[model.index()].clone())
    }

    /// The exact numbers of `r`, or `None` if it names a data set the engine does not hold.
    /// `progress` hears the share of the work done, in [0, 1], after each pass over a class.
    pub fn compute(&mut self, r: &Request, progress: &mut dyn FnMut(f64)) -> Option<Answer> {
        let s = r.scenario;
        // The work, counted in samples passed over: drawing (two passes a class; none for
        // imported scores), then a loss pass a class and model.
        let drawn = if r.data == SYNTHETIC { 2.0 } else { 0.0 };
        let total = (drawn + ModelId::ALL.len() as f64) * s.total() as f64;
        let mut done = 0.0;
        let mut step = |samples: u32, progress: &mut dyn FnMut(f64)| {
            done += f64::from(samples);
            progress((done / total.max(1.0)).min(1.0));
        };
        if r.data == SYNTHETIC {
            for c in CLASSES {
                self.draws(r, c);
                step(2 * s.count(c), progress);
            }
        }
        let all = [self.scores(r, ModelId::A)?, self.scores(r, ModelId::B)?];
        let scores = |m: ModelId| all[m.index()].clone();
        let models = ModelId::ALL.map(|m| {
            let [neg, pos] = scores(m);
            let loss = [(Class::Negative, &neg), (Class::Positive, &pos)].map(|(c, scores)| {
                let (key, params) = (r.loss_key(m, c), r.sum_params(c));
                let mut l = ClassLoss::default();
                // Each pass only when its own inputs changed: a loss's parameter redoes its own.
                for (pass, cache) in Pass::ALL.iter().zip(&mut self.loss[m.index()][c as usize]) {
                    let part = cache.get(key.pass(*pass), || {
                        let mut part = ClassLoss::default();
                        pass.run(scores, &params, &mut part);
                        part
                    });
                    l.take(*pass, &part);
                }
                step(s.count(c), progress);
                l
            });
            ModelAnswer {
                loss,
                confusion: Confusion::at(&neg, &pos, s.threshold),
                ranks: self.ranks[m.index()].get(r.model_key(m), || Ranks::new(&neg, &pos, 1.0)),
            }
        });
        let curves = self.curves.get(r.model_key(ModelId::A), || {
            let [neg, pos] = scores(ModelId::A);
            Curves {
                histograms: [histogram(&neg, BINS), histogram(&pos, BINS)],
                sweep: threshold_sweep(&neg, &pos, SWEEP),
            }
        });
        progress(1.0);
        Some(Answer {
            request: *r,
            models,
            curves,
        })
    }
}

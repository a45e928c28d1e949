//! What the page derives from its state: a chain of memos shaped like the core's layers, so a
//! control recomputes only what depends on it (the threshold never regenerates data, alpha
//! never re-sums anything, model B reuses model A's random draws).
//!
//! The memos work on each class's preview (`sim::engine::preview`: at most 65,536 draws, so
//! every layer fits in a frame) and scale it to the class. A class that small is its own
//! preview and exact. For larger ones the exact numbers come from the engine in a Web Worker
//! (`worker_client/`); each layer takes them as soon as an answer is exact for its own inputs,
//! and shows its estimate until then.

mod model;

use std::sync::Arc;

use leptos::prelude::*;

use super::signals::{Imported, Shared};
use crate::sim::curves::{histogram, threshold_sweep};
use crate::sim::engine::{Answer, BINS, ModelId, Request, SWEEP, Weights, all_exact};
use crate::sim::loss::LossParams;
use crate::sim::{Class, Confusion, Scenario, UnitDraws};
use crate::state::ModelB;

pub use model::Model;

/// Score histograms: the negatives', the positives'.
pub type Histograms = (Vec<u64>, Vec<u64>);

/// Confusion matrices over thresholds.
pub type Sweep = Shared<Vec<(f64, Confusion)>>;

/// The most scores of each class that ROC AUC and average precision (and the model B panel's
/// average precision at other ratios) are estimated on while a class is larger than its
/// preview (evenly spaced; the numbers are marked as estimates until the worker's exact ones
/// come): a quarter of a preview, so that the walk fits in the frame or the task that shows a
/// large imported file.
const RANKING_SAMPLE: usize = 16_384;

/// A memo of one part of a signal: it notifies only when that part changes.
fn field<S, T>(source: RwSignal<S>, get: impl Fn(&S) -> T + Send + Sync + 'static) -> Memo<T>
where
    S: Send + Sync + 'static,
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| source.with(&get))
}

/// The settings every model shares.
#[derive(Clone, Copy)]
struct Common {
    request: Memo<Request>,
    weights: Memo<Weights>,
    /// The losses' parameters and the classes' counts (of the request: a file's, imported).
    params: Memo<LossParams>,
    threshold: Memo<f64>,
    /// Whether every class is its own preview, so that every estimate is exact.
    exact_on_page: Memo<bool>,
    answer: RwSignal<Option<Shared<Answer>>>,
    /// Imported predictions, when the page shows them.
    data: RwSignal<Option<Imported>>,
}

impl Common {
    /// The most scores of each class the ranking is walked over (tracked): all of them when
    /// the numbers on the page are exact, else `RANKING_SAMPLE`.
    fn ranking_sample(&self) -> usize {
        match self.exact_on_page.get() {
            true => usize::MAX,
            false => RANKING_SAMPLE,
        }
    }

    /// A part of the engine's last answer, if it has one for these inputs.
    fn answered<T>(&self, f: impl FnOnce(&Answer) -> Option<T>) -> Option<T> {
        self.answer.with(|a| a.as_ref().and_then(|a| f(&a.0)))
    }

    /// A part's key from the request: it notifies only when that part's inputs change.
    fn key<K: PartialEq + Send + Sync + 'static>(
        &self,
        f: impl Fn(&Request) -> K + Send + Sync + 'static,
    ) -> Memo<K> {
        let request = self.request;
        Memo::new(move |_| request.with(&f))
    }
}

/// Everything the page shows, derived from the scenario and model B.
#[derive(Clone, Copy)]
pub struct Derived {
    /// Model A: the scenario's own.
    pub a: Model,
    /// Model B's accuracies on the same draws.
    pub b: Model,
    /// Model A's score histograms (negatives, positives).
    pub histograms: Memo<Histograms>,
    /// Model A's confusion matrices over `SWEEP + 1` thresholds.
    pub sweep: Memo<Sweep>,
    /// The request the exact numbers answer: the scenario and model B.
    pub request: Memo<Request>,
    /// The engine's last answer.
    pub answer: RwSignal<Option<Shared<Answer>>>,
    /// Whether every number on the page is exact (no preview's estimate shown anywhere).
    pub exact: Memo<bool>,
    /// Imported predictions, when the page shows them.
    pub data: RwSignal<Option<Imported>>,
}

impl Derived {
    /// Builds the memo chain over the page's state.
    pub fn new(
        scenario: RwSignal<Scenario>,
        model_b: RwSignal<ModelB>,
        data: RwSignal<Option<Imported>>,
    ) -> Self {
        let answer = RwSignal::new(None);
        let request = request(scenario, model_b, data);
        let c = Common {
            request,
            weights: Memo::new(move |_| request.with(|r| Weights::of(&r.scenario))),
            params: Memo::new(move |_| request.with(|r| LossParams::from_scenario(&r.scenario))),
            threshold: field(scenario, |s| s.threshold),
            exact_on_page: Memo::new(move |_| request.with(Request::exact_on_page)),
            answer,
            data,
        };
        let previews = previews(scenario);
        let a = Model::new(
            ModelId::A,
            previews,
            [field(scenario, |s| s.acc0), field(scenario, |s| s.acc1)],
            c,
        );
        let b = Model::new(
            ModelId::B,
            previews,
            [field(model_b, |r| r.acc0), field(model_b, |r| r.acc1)],
            c,
        );
        let (histograms, sweep) = curves(a, c);
        let exact = Memo::new(move |_| {
            request.with(|r| answer.with(|a| all_exact(r, a.as_ref().map(|a| &*a.0))))
        });
        Derived {
            a,
            b,
            histograms,
            sweep,
            request,
            answer,
            exact,
            data,
        }
    }
}

/// The request the exact numbers answer. With imported predictions it takes the file's
/// counts, whatever the scenario's say, and none of the generator's settings (they would only
/// cost passes).
fn request(
    scenario: RwSignal<Scenario>,
    model_b: RwSignal<ModelB>,
    data: RwSignal<Option<Imported>>,
) -> Memo<Request> {
    Memo::new(move |_| {
        let s = scenario.get();
        data.with(|d| match d {
            None => Request::synthetic(s, model_b.with(|r| [r.acc0, r.acc1])),
            Some(d) => {
                let mut r = d.summary.0.expected_request([s.gamma, s.threshold]);
                r.scenario.alpha = s.alpha;
                r.scenario.pos_weight = s.pos_weight;
                r.scenario.extra = s.extra;
                r
            }
        })
    })
}

/// Each class's preview draws, shared by both models.
fn previews(scenario: RwSignal<Scenario>) -> [Memo<Shared<UnitDraws>>; 2] {
    let seed = field(scenario, |s| s.seed);
    [Class::Negative, Class::Positive].map(|class| {
        let size = field(scenario, move |s| Weights::preview_size(s.count(class)));
        Memo::new(move |_| Shared(Arc::new(UnitDraws::generate(seed.get(), class, size.get()))))
    })
}

/// Model A's score histograms and threshold sweep: the engine's when it answers these inputs,
/// else the previews', scaled.
fn curves(a: Model, c: Common) -> (Memo<Histograms>, Memo<Sweep>) {
    let key_a = c.key(|r| r.model_key(ModelId::A));
    let exact_curves = Memo::new(move |_| {
        c.answered(|a| {
            a.curves(key_a.get()).map(|e| {
                let [n, p] = &e.histograms;
                ((n.clone(), p.clone()), Shared(Arc::new(e.sweep.clone())))
            })
        })
    });
    let histograms = Memo::new(move |_| match exact_curves.get() {
        Some((h, _)) => h,
        None => c.weights.with(|w| {
            let scale = |class: Class, h: Vec<u64>| -> Vec<u64> {
                h.into_iter().map(|x| w.count(class, x)).collect()
            };
            (
                scale(Class::Negative, a.neg.with(|s| histogram(&s.0, BINS))),
                scale(Class::Positive, a.pos.with(|s| histogram(&s.0, BINS))),
            )
        }),
    });
    let sweep = Memo::new(move |_| match exact_curves.get() {
        Some((_, s)) => s,
        None => a.neg.with(|n| {
            a.pos.with(|p| {
                let sweep = threshold_sweep(&n.0, &p.0, SWEEP);
                c.weights.with(|w| {
                    Shared(Arc::new(
                        sweep
                            .into_iter()
                            .map(|(t, x)| (t, w.confusion(x)))
                            .collect(),
                    ))
                })
            })
        }),
    });
    (histograms, sweep)
}

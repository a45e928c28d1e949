//! What the page derives from its state: a chain of memos shaped like the core's layers, so a
//! control recomputes only what depends on it (the threshold never regenerates data, alpha
//! never re-sums anything, model B reuses model A's random draws).
//!
//! The memos work on each class's preview (`sim::engine::preview`: at most 65,536 draws, so
//! every layer fits in a frame) and scale it to the class. A class that small is its own
//! preview and exact. For larger ones the exact numbers come from the engine in a Web Worker
//! (`worker_client/`); each layer takes them as soon as an answer is exact for its own inputs,
//! and shows its estimate until then.

use std::sync::Arc;

use leptos::prelude::*;

use super::state::{Imported, Shared};
use crate::page::Rival;
use crate::sim::curves::{histogram, threshold_sweep};
use crate::sim::engine::{
    Answer, BINS, Estimated, ExactParts, ModelId, Request, SWEEP, Weights, all_exact,
};
use crate::sim::ranking::{self, ranking_sampled};
use crate::sim::{
    Class, ClassLoss, ClassScores, Confusion, Losses, Metric, Metrics, Profile, RATIOS, Scenario,
    UnitDraws, losses,
};

/// The most scores of each class that ROC AUC and average precision (and the A/B panel's
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
    gamma: Memo<f64>,
    alpha: Memo<f64>,
    pos_weight: Memo<f64>,
    threshold: Memo<f64>,
    total: Memo<u64>,
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

/// One class's loss sums, each with whether it is exact (a gamma drag leaves the
/// cross-entropy exact while the focal sum is an estimate).
#[derive(Clone, Copy, Debug, PartialEq)]
struct ClassSums {
    ce: Estimated<f64>,
    focal: Estimated<f64>,
}

/// One model's results over the shared draws.
#[derive(Clone, Copy)]
pub struct Model {
    /// The negatives' sorted scores (the preview).
    pub neg: Memo<Shared<ClassScores>>,
    /// The positives' sorted scores (the preview).
    pub pos: Memo<Shared<ClassScores>>,
    /// The four losses.
    pub losses: Memo<Losses>,
    /// The metrics at the threshold and the threshold-free ones.
    pub metrics: Memo<Metrics>,
    /// The same model at other class ratios.
    pub profile: Memo<Profile>,
    /// Average precision at each of `RATIOS`.
    pub ap_at_ratios: Memo<[Metric; RATIOS.len()]>,
    /// Which of the numbers above are exact.
    pub exact: Memo<ExactParts>,
}

impl Model {
    fn new(
        model: ModelId,
        previews: [Memo<Shared<UnitDraws>>; 2],
        acc: [Memo<f64>; 2],
        c: Common,
    ) -> Self {
        // Each class's preview: of the synthetic draws at the model's accuracy, or of the
        // imported scores.
        let scores = |class: Class| {
            let (draws, acc) = (previews[class as usize], acc[class as usize]);
            let data = c.data;
            Memo::new(move |_| {
                let imported = data.with(|d| {
                    d.as_ref()
                        .map(|d| d.summary.0.previews[model.index()][class as usize].clone())
                });
                match imported {
                    Some(p) => Shared(Arc::new(ClassScores::from_scores(class, p))),
                    None => {
                        draws.with(|d| Shared(Arc::new(ClassScores::new(class, acc.get(), &d.0))))
                    }
                }
            })
        };
        let (neg, pos) = (scores(Class::Negative), scores(Class::Positive));
        let model_key = c.key(move |r| r.model_key(model));
        // Each part: the engine's exact value when it answers these inputs, else the preview's.
        let class_sums = [(Class::Negative, neg), (Class::Positive, pos)].map(|(class, s)| {
            // The preview's sums, then scaled: a new class size only rescales them.
            let preview = Memo::new(move |_| s.with(|s| ClassLoss::new(&s.0, c.gamma.get())));
            let estimate = Memo::new(move |_| c.weights.with(|w| w.loss(class, preview.get())));
            let key = c.key(move |r| r.loss_key(model, class));
            Memo::new(move |_| {
                let key = key.get();
                if let Some(l) = c.answered(|a| a.loss(key, model, class)) {
                    return ClassSums {
                        ce: Estimated::exact(l.ce),
                        focal: Estimated::exact(l.focal),
                    };
                }
                let exact = c.weights.with(|w| w.exact(class));
                let estimate = estimate.get();
                ClassSums {
                    ce: match c.answered(|a| a.cross_entropy(key, model, class)) {
                        Some(ce) => Estimated::exact(ce),
                        None => Estimated::new(estimate.ce, exact),
                    },
                    focal: Estimated::new(estimate.focal, exact),
                }
            })
        });
        // The metrics need ROC AUC and average precision; the comparison's ratios are only
        // worked out when the A/B panel reads them (one weight through the walk, not six).
        let ranking_estimate = Memo::new(move |_| {
            neg.with(|n| {
                pos.with(|p| {
                    let w = c.weights.with(Weights::negative_weight);
                    ranking_sampled(&n.0, &p.0, w, c.ranking_sample())
                })
            })
        });
        let answered_ranks = Memo::new(move |_| c.answered(|a| a.ranks(model_key.get(), model)));
        let ranking = Memo::new(move |_| match answered_ranks.get() {
            Some(r) => Estimated::exact(r.ranking),
            None => Estimated::new(ranking_estimate.get(), c.exact_on_page.get()),
        });
        let ap_at_ratios = Memo::new(move |_| match answered_ranks.get() {
            Some(r) => r.ap_at_ratios,
            // On the same sample as the ranking's estimate, so that the A/B panel's ratios
            // agree with its "now" while both are estimates.
            None => neg.with(|n| {
                pos.with(|p| ranking::ap_at_ratios_sampled(&n.0, &p.0, c.ranking_sample()))
            }),
        });
        let confusion = Memo::new(move |_| {
            let t = c.threshold.get();
            match c.answered(|a| a.confusion(model_key.get(), t, model)) {
                Some(x) => Estimated::exact(x),
                None => {
                    let x = neg.with(|n| pos.with(|p| Confusion::at(&n.0, &p.0, t)));
                    Estimated::new(c.weights.with(|w| w.confusion(x)), c.exact_on_page.get())
                }
            }
        });
        let losses = Memo::new(move |_| {
            let [n, p] = class_sums.map(|s| s.get());
            let sums = |s: ClassSums| ClassLoss {
                ce: s.ce.value,
                focal: s.focal.value,
            };
            losses(
                sums(n),
                sums(p),
                c.total.get(),
                c.alpha.get(),
                c.pos_weight.get(),
            )
        });
        let metrics = Memo::new(move |_| Metrics::new(confusion.get().value, ranking.get().value));
        let exact = Memo::new(move |_| {
            let [n, p] = class_sums.map(|s| s.get());
            ExactParts {
                ce: n.ce.exact && p.ce.exact,
                focal: n.focal.exact && p.focal.exact,
                confusion: confusion.with(|x| x.exact),
                ranking: ranking.with(|r| r.exact),
            }
        });
        let profile = Memo::new(move |_| losses.with(|l| metrics.with(|m| Profile::new(l, m))));
        Model {
            neg,
            pos,
            losses,
            metrics,
            profile,
            ap_at_ratios,
            exact,
        }
    }
}

/// Everything the page shows, derived from the scenario and the rival model.
#[derive(Clone, Copy)]
pub struct Derived {
    /// Model A: the scenario's own.
    pub a: Model,
    /// Model B: the rival's accuracies on the same draws.
    pub b: Model,
    /// Model A's score histograms (negatives, positives).
    pub histograms: Memo<(Vec<u64>, Vec<u64>)>,
    /// Model A's confusion matrices over `SWEEP + 1` thresholds.
    pub sweep: Memo<Shared<Vec<(f64, Confusion)>>>,
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
        rival: RwSignal<Rival>,
        data: RwSignal<Option<Imported>>,
    ) -> Self {
        let answer = RwSignal::new(None);
        // With imported predictions the request takes the file's counts, whatever the
        // scenario's say, and none of the generator's settings (they would only cost passes).
        let request = Memo::new(move |_| {
            let s = scenario.get();
            data.with(|d| match d {
                None => Request::synthetic(s, rival.with(|r| [r.acc0, r.acc1])),
                Some(d) => {
                    let mut r = d.summary.0.expected_request([s.gamma, s.threshold]);
                    r.scenario.alpha = s.alpha;
                    r.scenario.pos_weight = s.pos_weight;
                    r
                }
            })
        });
        let c = Common {
            request,
            weights: Memo::new(move |_| request.with(|r| Weights::of(&r.scenario))),
            gamma: field(scenario, |s| s.gamma),
            alpha: field(scenario, |s| s.alpha),
            pos_weight: field(scenario, |s| s.pos_weight),
            threshold: field(scenario, |s| s.threshold),
            total: Memo::new(move |_| request.with(|r| r.scenario.total())),
            exact_on_page: Memo::new(move |_| request.with(Request::exact_on_page)),
            answer,
            data,
        };
        let seed = field(scenario, |s| s.seed);
        let previews = [Class::Negative, Class::Positive].map(|class| {
            let size = field(scenario, move |s| Weights::preview_size(s.count(class)));
            Memo::new(move |_| Shared(Arc::new(UnitDraws::generate(seed.get(), class, size.get()))))
        });
        let a = Model::new(
            ModelId::A,
            previews,
            [field(scenario, |s| s.acc0), field(scenario, |s| s.acc1)],
            c,
        );
        let b = Model::new(
            ModelId::B,
            previews,
            [field(rival, |r| r.acc0), field(rival, |r| r.acc1)],
            c,
        );
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

//! The page's state and what is derived from it: a chain of memos shaped like the core's layers,
//! so a control recomputes only what depends on it (the threshold never regenerates data, alpha
//! never re-sums anything, model B reuses model A's random draws).
//!
//! The memos work on each class's preview (`sim::engine`: at most 65,536 draws, so every layer
//! fits in a frame) and scale it to the class. A class that small is its own preview and exact.
//! For larger ones the exact numbers come from the engine in a Web Worker (`exact.rs`); each
//! layer uses them as soon as they answer its own inputs, and its estimate until then.

use std::sync::Arc;

use leptos::prelude::*;

use crate::link::{PageState, Parsed};
pub use crate::page::{Layout, Rival, ViewOptions};
use crate::sim::curves::{histogram, threshold_sweep};
pub use crate::sim::engine::{BINS, SWEEP};
use crate::sim::engine::{
    Exact, Request, Weights, loss_key, model_key, ranking_at_ratios, settled,
};
use crate::sim::{
    Class, ClassLoss, ClassScores, Confusion, LossKind, Losses, Measure, Metric, Metrics, Profile,
    RATIOS, Scenario, UnitDraws, losses,
};

/// The page's state: one signal per part, so a control notifies only what reads its part.
#[derive(Clone, Copy)]
pub struct Page {
    /// The numbers' parameters.
    pub scenario: RwSignal<Scenario>,
    /// Model B of the comparison.
    pub rival: RwSignal<Rival>,
    /// How the charts are shown.
    pub view: RwSignal<ViewOptions>,
    /// Which panels and controls appear.
    pub layout: RwSignal<Layout>,
    /// What had to be corrected in the link the page was opened with.
    pub notices: RwSignal<Vec<String>>,
}

impl Page {
    /// The page opened on a link.
    pub fn new(parsed: Parsed) -> Self {
        let s = parsed.state;
        Page {
            scenario: RwSignal::new(s.scenario),
            rival: RwSignal::new(s.rival),
            view: RwSignal::new(s.view),
            layout: RwSignal::new(s.layout),
            notices: RwSignal::new(parsed.notices),
        }
    }

    /// The whole state (tracked).
    pub fn state(&self) -> PageState {
        PageState {
            scenario: self.scenario.get(),
            rival: self.rival.get(),
            view: self.view.get(),
            layout: self.layout.get(),
        }
    }

    /// The whole state (untracked).
    pub fn state_untracked(&self) -> PageState {
        PageState {
            scenario: self.scenario.get_untracked(),
            rival: self.rival.get_untracked(),
            view: self.view.get_untracked(),
            layout: self.layout.get_untracked(),
        }
    }

    /// Replaces the whole state, touching only the parts that differ.
    pub fn set(&self, s: PageState) {
        if self.scenario.get_untracked() != s.scenario {
            self.scenario.set(s.scenario);
        }
        if self.rival.get_untracked() != s.rival {
            self.rival.set(s.rival);
        }
        if self.view.get_untracked() != s.view {
            self.view.set(s.view);
        }
        if self.layout.get_untracked() != s.layout {
            self.layout.set(s.layout);
        }
    }
}

/// Large memoised data, compared by identity: a fresh computation is always a change, and no
/// memo ever compares a million samples element by element.
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

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
    fits: Memo<bool>,
    exact: RwSignal<Option<Shared<Exact>>>,
}

impl Common {
    /// An exact part, if the engine's last answer has one for these inputs.
    fn exact<T>(&self, f: impl FnOnce(&Exact) -> Option<T>) -> Option<T> {
        self.exact.with(|e| e.as_ref().and_then(|e| f(&e.0)))
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

/// Which parts of a model's numbers are exact now (the rest are the preview's estimates).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Exactness {
    /// The cross-entropy sums: BCE, weighted BCE, balanced CE.
    pub ce: bool,
    /// The focal sums.
    pub focal: bool,
    /// The confusion matrix and every metric at the threshold.
    pub confusion: bool,
    /// ROC AUC and average precision.
    pub ranking: bool,
}

impl Exactness {
    /// Whether a measure's value is exact.
    pub fn of(&self, m: Measure) -> bool {
        match m {
            Measure::Loss(LossKind::Focal) => self.focal,
            Measure::Loss(_) => self.ce,
            Measure::RocAuc | Measure::AveragePrecision => self.ranking,
            _ => self.confusion,
        }
    }
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
    pub exact: Memo<Exactness>,
}

impl Model {
    fn new(
        m: usize,
        previews: [Memo<Shared<UnitDraws>>; 2],
        acc: [Memo<f64>; 2],
        c: Common,
    ) -> Self {
        let scores = |class: Class| {
            let (draws, acc) = (previews[class as usize], acc[class as usize]);
            Memo::new(move |_| {
                draws.with(|d| Shared(Arc::new(ClassScores::new(class, acc.get(), &d.0))))
            })
        };
        let (neg, pos) = (scores(Class::Negative), scores(Class::Positive));
        let model_key = c.key(move |r| model_key(r, m));
        // Each part: the engine's exact value when it answers these inputs, else the preview's.
        let class_loss = [(Class::Negative, neg), (Class::Positive, pos)].map(|(class, s)| {
            // The preview's sums, then scaled: a new class size only rescales them.
            let preview = Memo::new(move |_| s.with(|s| ClassLoss::new(&s.0, c.gamma.get())));
            let estimate = Memo::new(move |_| c.weights.with(|w| w.loss(class, preview.get())));
            let key = c.key(move |r| loss_key(r, m, class));
            // The sums, and whether the cross-entropy and the focal sum are exact.
            Memo::new(move |_| {
                let key = key.get();
                if let Some(l) = c.exact(|e| e.loss(key, m, class)) {
                    return (l, [true; 2]);
                }
                let whole = c.weights.with(|w| w.whole(class));
                // A gamma drag leaves the cross-entropy exact.
                let estimate = estimate.get();
                let ce = c.exact(|e| e.cross_entropy(key, m, class));
                let l = ClassLoss {
                    ce: ce.unwrap_or(estimate.ce),
                    focal: estimate.focal,
                };
                (l, [whole || ce.is_some(), whole])
            })
        });
        let ranking_estimate = Memo::new(move |_| {
            neg.with(|n| {
                pos.with(|p| {
                    let (n, p) = (n.0.as_ref(), p.0.as_ref());
                    let w = c.weights.with(Weights::negative_weight);
                    ranking_at_ratios(n, p, w)
                })
            })
        });
        // Each with whether it is exact.
        let ranking = Memo::new(move |_| match c.exact(|e| e.ranking(model_key.get(), m)) {
            Some(r) => (r, true),
            None => (ranking_estimate.get(), c.fits.get()),
        });
        let confusion = Memo::new(move |_| {
            let t = c.threshold.get();
            match c.exact(|e| e.confusion(model_key.get(), t, m)) {
                Some(x) => (x, true),
                None => {
                    let x = neg.with(|n| pos.with(|p| Confusion::at(&n.0, &p.0, t)));
                    (c.weights.with(|w| w.confusion(x)), c.fits.get())
                }
            }
        });
        let losses = Memo::new(move |_| {
            losses(
                class_loss[0].get().0,
                class_loss[1].get().0,
                c.total.get(),
                c.alpha.get(),
                c.pos_weight.get(),
            )
        });
        let metrics = Memo::new(move |_| Metrics::new(confusion.get().0, ranking.get().0.0));
        let exact = Memo::new(move |_| {
            let [(_, neg), (_, pos)] = class_loss.map(|l| l.get());
            Exactness {
                ce: neg[0] && pos[0],
                focal: neg[1] && pos[1],
                confusion: confusion.get().1,
                ranking: ranking.get().1,
            }
        });
        let profile = Memo::new(move |_| losses.with(|l| metrics.with(|m| Profile::new(l, m))));
        let ap_at_ratios = Memo::new(move |_| ranking.get().0.1);
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
    pub exact: RwSignal<Option<Shared<Exact>>>,
    /// Whether every number on the page is exact (no preview's estimate shown anywhere).
    pub settled: Memo<bool>,
}

impl Derived {
    /// Builds the memo chain over the page's state.
    pub fn new(scenario: RwSignal<Scenario>, rival: RwSignal<Rival>) -> Self {
        let exact = RwSignal::new(None);
        let request = Memo::new(move |_| Request {
            scenario: scenario.get(),
            rival: rival.with(|r| [r.acc0, r.acc1]),
        });
        let c = Common {
            request,
            weights: field(scenario, Weights::of),
            gamma: field(scenario, |s| s.gamma),
            alpha: field(scenario, |s| s.alpha),
            pos_weight: field(scenario, |s| s.pos_weight),
            threshold: field(scenario, |s| s.threshold),
            total: field(scenario, Scenario::total),
            fits: Memo::new(move |_| request.with(Request::fits_preview)),
            exact,
        };
        let seed = field(scenario, |s| s.seed);
        let previews = [Class::Negative, Class::Positive].map(|class| {
            let size = field(scenario, move |s| Weights::preview_size(s.count(class)));
            Memo::new(move |_| Shared(Arc::new(UnitDraws::generate(seed.get(), class, size.get()))))
        });
        let a = Model::new(
            0,
            previews,
            [field(scenario, |s| s.acc0), field(scenario, |s| s.acc1)],
            c,
        );
        let b = Model::new(
            1,
            previews,
            [field(rival, |r| r.acc0), field(rival, |r| r.acc1)],
            c,
        );
        let key_a = c.key(|r| model_key(r, 0));
        let exact_curves = Memo::new(move |_| {
            c.exact(|e| {
                e.curves(key_a.get()).map(|e| {
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
        let settled = Memo::new(move |_| {
            request.with(|r| {
                exact.with(|e: &Option<Shared<Exact>>| settled(r, e.as_ref().map(|e| &*e.0)))
            })
        });
        Derived {
            a,
            b,
            histograms,
            sweep,
            request,
            exact,
            settled,
        }
    }
}

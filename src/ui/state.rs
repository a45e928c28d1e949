//! The page's state and what is derived from it: a chain of memos shaped like the core's layers,
//! so a control recomputes only what depends on it (the threshold never regenerates data, alpha
//! never re-sums anything, model B reuses model A's random draws).

use std::sync::Arc;

use leptos::prelude::*;

use crate::link::{PageState, Parsed};
pub use crate::page::{Layout, Rival, ViewOptions};
use crate::sim::curves::{histogram, threshold_sweep};
use crate::sim::ranking::average_precision_weighted;
use crate::sim::{
    Class, ClassLoss, ClassScores, Confusion, Losses, Metric, Metrics, Profile, RATIOS, Ranking,
    Scenario, UnitDraws, losses,
};

/// Bins of the score histograms.
pub const BINS: usize = 50;
/// Thresholds in the precision / recall / ROC / PR sweeps.
pub const SWEEP: usize = 200;

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
    gamma: Memo<f64>,
    alpha: Memo<f64>,
    pos_weight: Memo<f64>,
    threshold: Memo<f64>,
    total: Memo<u64>,
}

/// One model's results over the shared draws.
#[derive(Clone, Copy)]
pub struct Model {
    /// The negatives' sorted scores.
    pub neg: Memo<Shared<ClassScores>>,
    /// The positives' sorted scores.
    pub pos: Memo<Shared<ClassScores>>,
    /// The four losses.
    pub losses: Memo<Losses>,
    /// The metrics at the threshold and the threshold-free ones.
    pub metrics: Memo<Metrics>,
    /// The same model at other class ratios.
    pub profile: Memo<Profile>,
    /// Average precision at each of `RATIOS`.
    pub ap_at_ratios: Memo<[Metric; RATIOS.len()]>,
}

impl Model {
    fn new(draws: [Memo<Shared<UnitDraws>>; 2], acc: [Memo<f64>; 2], common: Common) -> Self {
        let scores = |i: usize, class| {
            let (draws, acc) = (draws[i], acc[i]);
            Memo::new(move |_| {
                draws.with(|d| Shared(Arc::new(ClassScores::new(class, acc.get(), &d.0))))
            })
        };
        let (neg, pos) = (scores(0, Class::Negative), scores(1, Class::Positive));
        let class_loss = |s: Memo<Shared<ClassScores>>| {
            Memo::new(move |_| s.with(|s| ClassLoss::new(&s.0, common.gamma.get())))
        };
        let (neg_loss, pos_loss) = (class_loss(neg), class_loss(pos));
        let ranking = Memo::new(move |_| neg.with(|n| pos.with(|p| Ranking::new(&n.0, &p.0))));
        let confusion = Memo::new(move |_| {
            neg.with(|n| pos.with(|p| Confusion::at(&n.0, &p.0, common.threshold.get())))
        });
        let losses = Memo::new(move |_| {
            losses(
                neg_loss.get(),
                pos_loss.get(),
                common.total.get(),
                common.alpha.get(),
                common.pos_weight.get(),
            )
        });
        let metrics = Memo::new(move |_| Metrics::new(confusion.get(), ranking.get()));
        let profile = Memo::new(move |_| losses.with(|l| metrics.with(|m| Profile::new(l, m))));
        let ap_at_ratios = Memo::new(move |_| {
            neg.with(|n| {
                pos.with(|p| {
                    let (n, p) = (n.0.as_ref(), p.0.as_ref());
                    RATIOS.map(|r| {
                        // Each negative stands for r * pos / neg negatives at ratio r.
                        let w = if n.is_empty() {
                            1.0
                        } else {
                            r * p.len() as f64 / n.len() as f64
                        };
                        average_precision_weighted(n, p, w)
                    })
                })
            })
        });
        Model {
            neg,
            pos,
            losses,
            metrics,
            profile,
            ap_at_ratios,
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
}

impl Derived {
    /// Builds the memo chain over the page's state.
    pub fn new(scenario: RwSignal<Scenario>, rival: RwSignal<Rival>) -> Self {
        let common = Common {
            gamma: field(scenario, |s| s.gamma),
            alpha: field(scenario, |s| s.alpha),
            pos_weight: field(scenario, |s| s.pos_weight),
            threshold: field(scenario, |s| s.threshold),
            total: field(scenario, Scenario::total),
        };
        let seed = field(scenario, |s| s.seed);
        let draws = [Class::Negative, Class::Positive].map(|class| {
            let count = field(scenario, move |s| s.count(class));
            Memo::new(move |_| {
                Shared(Arc::new(UnitDraws::generate(
                    seed.get(),
                    class,
                    count.get(),
                )))
            })
        });
        let a = Model::new(
            draws,
            [field(scenario, |s| s.acc0), field(scenario, |s| s.acc1)],
            common,
        );
        let b = Model::new(
            draws,
            [field(rival, |r| r.acc0), field(rival, |r| r.acc1)],
            common,
        );
        let histograms = Memo::new(move |_| {
            (
                a.neg.with(|s| histogram(&s.0, BINS)),
                a.pos.with(|s| histogram(&s.0, BINS)),
            )
        });
        let sweep = Memo::new(move |_| {
            a.neg.with(|n| {
                a.pos
                    .with(|p| Shared(Arc::new(threshold_sweep(&n.0, &p.0, SWEEP))))
            })
        });
        Derived {
            a,
            b,
            histograms,
            sweep,
        }
    }
}

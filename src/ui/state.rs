//! The page's derived state: a chain of memos shaped like the core's layers, so a control
//! recomputes only what depends on it (the threshold never regenerates data, alpha never
//! re-sums anything).

use std::sync::Arc;

use leptos::prelude::*;

use crate::sim::{
    Class, ClassLoss, ClassScores, Confusion, Losses, Metrics, Ranking, Scenario, UnitDraws, losses,
};

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

/// A memo of one parameter: it notifies only when that parameter changes.
fn field<T>(scenario: RwSignal<Scenario>, get: fn(&Scenario) -> T) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| scenario.with(get))
}

/// One class's memos: draws (seed, count), then scores (accuracy), then loss sums (gamma).
fn class_chain(
    scenario: RwSignal<Scenario>,
    class: Class,
    gamma: Memo<f64>,
) -> (Memo<Shared<ClassScores>>, Memo<ClassLoss>) {
    let seed = field(scenario, |s| s.seed);
    let count = Memo::new(move |_| scenario.with(|s| s.count(class)));
    let acc = Memo::new(move |_| scenario.with(|s| s.acc(class)));
    let draws = Memo::new(move |_| {
        Shared(Arc::new(UnitDraws::generate(
            seed.get(),
            class,
            count.get(),
        )))
    });
    let scores = Memo::new(move |_| {
        draws.with(|d| Shared(Arc::new(ClassScores::new(class, acc.get(), &d.0))))
    });
    let loss = Memo::new(move |_| scores.with(|s| ClassLoss::new(&s.0, gamma.get())));
    (scores, loss)
}

/// Everything the page shows, derived from the scenario.
#[derive(Clone, Copy)]
pub struct Derived {
    /// The four losses.
    pub losses: Memo<Losses>,
    /// The metrics at the threshold and the threshold-free ones.
    pub metrics: Memo<Metrics>,
}

impl Derived {
    /// Builds the memo chain over `scenario`.
    pub fn new(scenario: RwSignal<Scenario>) -> Self {
        let gamma = field(scenario, |s| s.gamma);
        let alpha = field(scenario, |s| s.alpha);
        let pos_weight = field(scenario, |s| s.pos_weight);
        let threshold = field(scenario, |s| s.threshold);
        let total = field(scenario, Scenario::total);
        let (neg, neg_loss) = class_chain(scenario, Class::Negative, gamma);
        let (pos, pos_loss) = class_chain(scenario, Class::Positive, gamma);
        let ranking = Memo::new(move |_| neg.with(|n| pos.with(|p| Ranking::new(&n.0, &p.0))));
        let confusion = Memo::new(move |_| {
            neg.with(|n| pos.with(|p| Confusion::at(&n.0, &p.0, threshold.get())))
        });
        Derived {
            losses: Memo::new(move |_| {
                losses(
                    neg_loss.get(),
                    pos_loss.get(),
                    total.get(),
                    alpha.get(),
                    pos_weight.get(),
                )
            }),
            metrics: Memo::new(move |_| Metrics::new(confusion.get(), ranking.get())),
        }
    }
}

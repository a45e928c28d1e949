//! One model's memos over the shared draws: each class's scores, loss sums, ranking and
//! confusion matrix, each the engine's exact value when it answers their inputs, else the
//! preview's estimate.

use std::sync::Arc;

use leptos::prelude::*;

use super::Common;
use crate::sim::engine::{Estimated, ExactParts, ModelId, ModelKey, Weights};
use crate::sim::loss::{Pass, SUMS};
use crate::sim::ranking::{self, ranking_sampled};
use crate::sim::{
    Class, ClassLoss, ClassScores, Confusion, Losses, Metric, Metrics, Profile, RATIOS, Ranking,
    UnitDraws, losses,
};
use crate::ui::signals::{Imported, Shared};

/// One class's loss sums (`SUMS`' order), each with whether it is exact (a gamma drag leaves
/// the cross-entropy exact while the focal sum is an estimate).
type ClassSums = [Estimated<f64>; SUMS.len()];
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

/// Each class's preview: of the synthetic draws at the model's accuracy, or of the imported
/// scores.
fn class_scores(
    model: ModelId,
    class: Class,
    draws: Memo<Shared<UnitDraws>>,
    acc: Memo<f64>,
    data: RwSignal<Option<Imported>>,
) -> Memo<Shared<ClassScores>> {
    Memo::new(move |_| {
        let imported = data.with(|d| {
            d.as_ref()
                .map(|d| d.summary.0.previews[model.index()][class as usize].clone())
        });
        match imported {
            Some(p) => Shared(Arc::new(ClassScores::from_scores(class, p))),
            None => draws.with(|d| Shared(Arc::new(ClassScores::new(class, acc.get(), &d.0)))),
        }
    })
}

/// One class's loss sums: the engine's exact ones when it answers their inputs, else the
/// preview's, scaled (a new class size only rescales them). Each pass over the preview reruns
/// only when its own parameters change.
fn class_sums(
    model: ModelId,
    class: Class,
    scores: Memo<Shared<ClassScores>>,
    c: Common,
) -> Memo<ClassSums> {
    let params = c.key(move |r| r.sum_params(class));
    let previews = Pass::ALL.map(|pass| {
        let key = Memo::new(move |_| params.with(|p| pass.key(p)));
        Memo::new(move |_| {
            key.track();
            let p = params.get_untracked();
            scores.with(|s| {
                let mut part = ClassLoss::default();
                pass.run(&s.0, &p, &mut part);
                part
            })
        })
    });
    let estimate = Memo::new(move |_| {
        let mut l = ClassLoss::default();
        for (pass, preview) in Pass::ALL.into_iter().zip(previews) {
            l.take(pass, &preview.get());
        }
        c.weights.with(|w| w.loss(class, l))
    });
    let key = c.key(move |r| r.loss_key(model, class));
    Memo::new(move |_| {
        let key = key.get();
        let exact = c.weights.with(|w| w.exact(class));
        SUMS.map(|sum| match c.answered(|a| a.sum(key, model, class, sum)) {
            Some(v) => Estimated::exact(v),
            None => Estimated::new(estimate.with(|e| e.get(sum)), exact),
        })
    })
}

/// ROC AUC and average precision, and average precision at each of `RATIOS`: the engine's
/// when it answers these inputs, else estimated on the previews.
fn rankings(
    model: ModelId,
    model_key: Memo<ModelKey>,
    [neg, pos]: [Memo<Shared<ClassScores>>; 2],
    c: Common,
) -> (Memo<Estimated<Ranking>>, Memo<[Metric; RATIOS.len()]>) {
    // The metrics need ROC AUC and average precision; the comparison's ratios are only
    // worked out when the model B panel reads them (one weight through the walk, not six).
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
        // On the same sample as the ranking's estimate, so that the model B panel's ratios
        // agree with its "now" while both are estimates.
        None => neg
            .with(|n| pos.with(|p| ranking::ap_at_ratios_sampled(&n.0, &p.0, c.ranking_sample()))),
    });
    (ranking, ap_at_ratios)
}

/// The confusion matrix at the threshold: the engine's when it answers these inputs, else the
/// previews', scaled.
fn confusion(
    model: ModelId,
    model_key: Memo<ModelKey>,
    [neg, pos]: [Memo<Shared<ClassScores>>; 2],
    c: Common,
) -> Memo<Estimated<Confusion>> {
    Memo::new(move |_| {
        let t = c.threshold.get();
        match c.answered(|a| a.confusion(model_key.get(), t, model)) {
            Some(x) => Estimated::exact(x),
            None => {
                let x = neg.with(|n| pos.with(|p| Confusion::at(&n.0, &p.0, t)));
                Estimated::new(c.weights.with(|w| w.confusion(x)), c.exact_on_page.get())
            }
        }
    })
}

impl Model {
    pub(super) fn new(
        model: ModelId,
        previews: [Memo<Shared<UnitDraws>>; 2],
        acc: [Memo<f64>; 2],
        c: Common,
    ) -> Self {
        let scores = |class: Class| {
            let (draws, acc) = (previews[class as usize], acc[class as usize]);
            class_scores(model, class, draws, acc, c.data)
        };
        let (neg, pos) = (scores(Class::Negative), scores(Class::Positive));
        let model_key = c.key(move |r| r.model_key(model));
        // Each part: the engine's exact value when it answers these inputs, else the preview's.
        let class_sums = [(Class::Negative, neg), (Class::Positive, pos)]
            .map(|(class, s)| class_sums(model, class, s, c));
        let (ranking, ap_at_ratios) = rankings(model, model_key, [neg, pos], c);
        let confusion = confusion(model, model_key, [neg, pos], c);
        let losses = Memo::new(move |_| {
            let [n, p] = class_sums.map(|s| s.get());
            let sums = |s: ClassSums| {
                let mut l = ClassLoss::default();
                for (sum, v) in SUMS.into_iter().zip(s) {
                    *l.slot(sum) = v.value;
                }
                l
            };
            c.params.with(|params| losses(&sums(n), &sums(p), params))
        });
        let metrics = Memo::new(move |_| Metrics::new(confusion.get().value, ranking.get().value));
        let exact = Memo::new(move |_| {
            let [n, p] = class_sums.map(|s| s.get());
            ExactParts {
                sums: std::array::from_fn(|i| n[i].exact && p[i].exact),
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

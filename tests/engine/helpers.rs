//! Requests, and the numbers straight from the core to compare the engine's with.

use imbalance_lab::sim::curves::{histogram, threshold_sweep};
use imbalance_lab::sim::engine::{Answer, BINS, Curves, ModelAnswer, ModelId, Request, SWEEP};
use imbalance_lab::sim::loss::LossParams;
use imbalance_lab::sim::ranking::{average_precision, average_precision_weighted, roc_auc};
use imbalance_lab::sim::{
    Class, ClassLoss, ClassScores, Confusion, RATIOS, Ranking, Ranks, Scenario, UnitDraws,
};

pub fn request(s: Scenario, model_b: [f64; 2]) -> Request {
    Request::synthetic(s, model_b)
}

/// The request for `base` after `edit` (the controls a user moved), model B at `model_b`.
pub fn edited(base: Scenario, edit: fn(&mut Scenario), model_b: [f64; 2]) -> Request {
    let mut s = base;
    edit(&mut s);
    request(s, model_b)
}

/// The numbers of `r` straight from the core, with nothing kept between layers.
pub fn direct(r: &Request) -> Answer {
    let s = r.scenario;
    let draws =
        [Class::Negative, Class::Positive].map(|c| UnitDraws::generate(s.seed, c, s.count(c)));
    let scores = |m: ModelId| {
        [Class::Negative, Class::Positive]
            .map(|c| ClassScores::new(c, r.acc(m, c), &draws[c as usize]))
    };
    direct_on(r, &ModelId::ALL.map(scores))
}

/// The numbers of `r` on given scores (`[model][class]`), straight from the core.
pub fn direct_on(r: &Request, models: &[[ClassScores; 2]; 2]) -> Answer {
    let s = r.scenario;
    let model = |m: ModelId| {
        let [n, p] = &models[m.index()];
        ModelAnswer {
            loss: {
                let params = LossParams::from_scenario(&s);
                [ClassLoss::of(n, &params), ClassLoss::of(p, &params)]
            },
            confusion: Confusion::at(n, p, s.threshold),
            ranks: Ranks {
                // Independent of the engine's single walk (`ranks`): one walk each.
                ranking: Ranking {
                    roc_auc: roc_auc(n, p),
                    average_precision: average_precision(n, p),
                },
                // One weighted walk per ratio: the engine's single walk must give the same bits.
                ap_at_ratios: RATIOS.map(|ratio| {
                    let w = if n.is_empty() {
                        1.0
                    } else {
                        ratio * p.len() as f64 / n.len() as f64
                    };
                    average_precision_weighted(n, p, w)
                }),
            },
        }
    };
    let [n, p] = &models[0];
    Answer {
        request: *r,
        models: ModelId::ALL.map(model),
        curves: Curves {
            histograms: [histogram(n, BINS), histogram(p, BINS)],
            sweep: threshold_sweep(n, p, SWEEP),
        },
    }
}

//! A whole scenario's numbers, computed through the same layers the page memoises.

use super::generator::ClassScores;
use super::loss::{ClassLoss, LossParams, Losses, losses};
use super::metrics::{Confusion, Metrics};
use super::params::{Class, Scenario};
use super::ranking::Ranking;
use super::rng::UnitDraws;

/// One scenario's numbers, layer by layer: its scores, losses and metrics.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The parameters.
    pub scenario: Scenario,
    /// The negatives' scores.
    pub neg: ClassScores,
    /// The positives' scores.
    pub pos: ClassScores,
    /// The four losses.
    pub losses: Losses,
    /// The metrics at the threshold and the threshold-free ones.
    pub metrics: Metrics,
}

/// One class's scores, from scratch.
pub fn class_scores(s: &Scenario, class: Class) -> ClassScores {
    let unit = UnitDraws::generate(s.seed, class, s.count(class));
    ClassScores::new(class, s.acc(class), &unit)
}

/// Computes every number of a scenario from scratch.
pub fn analyse(s: &Scenario) -> Analysis {
    let neg = class_scores(s, Class::Negative);
    let pos = class_scores(s, Class::Positive);
    let params = LossParams::from_scenario(s);
    let losses = losses(
        &ClassLoss::of(&neg, &params),
        &ClassLoss::of(&pos, &params),
        &params,
    );
    let metrics = Metrics::new(
        Confusion::at(&neg, &pos, s.threshold),
        Ranking::new(&neg, &pos),
    );
    Analysis {
        scenario: *s,
        neg,
        pos,
        losses,
        metrics,
    }
}

//! The story's step on logit adjustment: Menon et al. 2021's synthetic figure, from the models
//! the training view trains on the reader's population.

use crate::features::words::facts::Facts;
use crate::features::words::phrases::plain;
use crate::format::{number, percent};
use crate::sim::LossKind;
use crate::sim::loss::{LA_TAU, LossParams};
use crate::sim::training::{Binormal, fit_population, normal_tail, population_metrics};

/// The balanced error at threshold 0.5 (the mean of the two classes' error rates) of the model
/// `kind` trains on `pop`, if it trains one.
fn balanced_error(pop: &Binormal, kind: LossKind, params: &LossParams) -> Option<f64> {
    let fit = fit_population(pop, kind, params).ok()?;
    let m = population_metrics(pop, &fit.model, 0.5);
    Some((1.0 - m.recall.ok()? + m.fpr.ok()?) / 2.0)
}

/// Step 9: BCE's model at 0.5 against logit adjustment's, and the best rule's balanced error.
pub(super) fn menon(f: &Facts) -> String {
    let s = &f.s;
    let pop = Binormal::from_scenario(s, f.sep);
    let params = LossParams::from_scenario(s);
    let tau = s.extra.get(LA_TAU);
    let (Some(bce), Some(la)) = (
        balanced_error(&pop, LossKind::Bce, &params),
        balanced_error(&pop, LossKind::LogitAdjusted, &params),
    ) else {
        return "With a class empty there is no model to train: set both classes.".into();
    };
    // Equal normal laws one d apart: the rule at their midpoint has the least balanced error.
    let d = pop.d();
    let best = normal_tail(d / 2.0);
    let share = f64::from(s.pos) / (f64::from(s.neg) + f64::from(s.pos)).max(1.0);
    // BCE learns the prior: with fewer positives than negatives its boundary sits past the
    // midpoint, so it calls too few of them.
    let prior = if share < 0.5 {
        "it learns the prior and calls too few positives"
    } else if share > 0.5 {
        "it learns the prior and calls too many positives"
    } else {
        "with the classes balanced, its rule is already the midpoint"
    };
    let at_tau = if (la - best).abs() <= 1e-9 {
        "exactly that least balanced error: its threshold 0.5 is the midpoint rule".to_string()
    } else {
        format!(
            "{} (τ = 1 would reach the least; here τ = {})",
            percent(Ok(la)),
            plain(tau)
        )
    };
    format!(
        "Class weights are one fix; Menon et al. (2021) shift the <dfn>logit</dfn> instead, the \
         number a model outputs before the sigmoid: the logarithm of the <dfn>odds</dfn> \
         p / (1 − p). Logit-adjusted CE trains on z + τ ln(π / (1 − π)), π the share of positives ({}). On their synthetic task, \
         positives {} of the mix and the classes d = {} apart, no rule on x has a balanced error \
         (the mean of the two classes' error rates) below Φ(−d/2) = {}. BCE's model at threshold \
         0.5 has {}: {prior}. Logit adjustment's has {}. \
         It keeps BCE's slope and only moves the boundary: the same as BCE with its threshold \
         moved, which is why it helps the rare class without reshaping the scores.",
        percent(Ok(share)),
        percent(Ok(share)),
        number(d, 3),
        percent(Ok(best)),
        percent(Ok(bce)),
        at_tau
    )
}

//! The `decision`, `calibration` and `intervals` sections of the results JSON (SPEC section 8),
//! written as plain text like `training/json.rs`, with `crate::format`'s numbers: shortest
//! round-trip, `null` where a value does not exist (an undefined interval is `null`, not a pair
//! of `null`s).

use super::bootstrap::BootstrapInterval;
use super::calibration::{BINS, Calibration};
use super::costs::{Best, Costs};
use super::intervals::{LEVEL, RateIntervals};
use super::prevalence::{AtDeployment, validation};
use crate::format::{exact, exact_metric};
use crate::sim::generator::Interval;

/// The `decision` object (without its key): the costs, the best threshold, its cost and
/// counts (`best_counts`, an addition), the validation prevalence (an addition) and the
/// deployment's, and the metrics at the deployment prevalence.
pub fn decision_json(costs: &Costs, best: &Best, at: &AtDeployment) -> String {
    let c = &best.confusion;
    let total = c.positives() + c.negatives();
    let pi = if total == 0 {
        "null".into()
    } else {
        exact(validation(c))
    };
    let metrics: Vec<String> = at
        .named()
        .iter()
        .map(|(key, m)| format!(r#""{key}": {}"#, exact_metric(*m)))
        .collect();
    format!(
        concat!(
            r#"{{ "cost_fp": {}, "cost_fn": {}, "reward_tp": {}, "best_threshold": {}, "#,
            r#""best_cost": {}, "best_counts": {{ "tp": {}, "fp": {}, "tn": {}, "fn": {} }},"#,
            "\n    ",
            r#""validation_prevalence": {}, "deployment_prevalence": {},"#,
            "\n    ",
            r#""at_deployment": {{ {} }} }}"#
        ),
        exact(costs.fp),
        exact(costs.fn_),
        exact(costs.tp_reward),
        exact(best.threshold),
        exact(best.cost),
        c.tp,
        c.fp,
        c.tn,
        c.fn_,
        pi,
        exact(at.prevalence),
        metrics.join(", ")
    )
}

/// `[v, ..]` of `BINS` values.
fn list(values: impl Iterator<Item = String>) -> String {
    format!("[{}]", values.collect::<Vec<_>>().join(", "))
}

/// The `calibration` object: Brier score, ECE, the number of bins, and (an addition) the
/// reliability diagram: each bin's upper edge, count, mean `p` and share of positives (`null`
/// for an empty bin).
pub fn calibration_json(cal: &Calibration) -> String {
    let b = &cal.bins;
    format!(
        concat!(
            r#"{{ "brier": {}, "ece": {}, "bins": {},"#,
            "\n    ",
            r#""reliability": {{ "upper_edge": {}, "count": {}, "mean_p": {}, "#,
            r#""fraction_positive": {} }} }}"#
        ),
        exact_metric(cal.brier),
        exact_metric(cal.ece),
        BINS,
        list(b.iter().map(|b| exact(b.hi))),
        list(b.iter().map(|b| b.count.to_string())),
        list(b.iter().map(|b| exact_metric(b.mean_p))),
        list(b.iter().map(|b| exact_metric(b.fraction_positive))),
    )
}

/// `[lo, hi]`, or `null`.
fn pair(interval: Option<Interval>) -> String {
    interval.map_or("null".into(), |i| {
        format!("[{}, {}]", exact(i.lo), exact(i.hi))
    })
}

/// The `intervals` object: the level, the Wilson intervals at the threshold, the bootstrap's
/// (`null` until it has a resample) and (an addition) how many resamples they come from.
pub fn intervals_json(rates: &RateIntervals, boot: Option<&BootstrapInterval>) -> String {
    let wilson = |s: &Result<super::Share, _>| pair(s.as_ref().ok().map(|s| s.interval));
    format!(
        concat!(
            r#"{{ "level": {}, "recall": {}, "precision": {}, "specificity": {},"#,
            "\n    ",
            r#""roc_auc": {}, "average_precision": {}, "bootstrap_resamples": {} }}"#
        ),
        exact(LEVEL),
        wilson(&rates.recall),
        wilson(&rates.precision),
        wilson(&rates.specificity),
        pair(boot.map(|b| b.roc_auc)),
        pair(boot.map(|b| b.average_precision)),
        boot.map_or(0, |b| b.resamples),
    )
}

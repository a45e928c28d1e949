//! The results file's `decision`, `calibration` and `intervals` objects, as the panel found
//! them.

use super::{Numbers, SNIPPET_BREAK};
use crate::format::exact;
use crate::sim::decision::{Calibration, calibration_json, decision_json, intervals_json};
use crate::state::DecisionSettings;

/// The three objects, joined by `SNIPPET_BREAK`.
pub(super) fn objects(d: &DecisionSettings, n: &Numbers, c: &Calibration) -> String {
    // Which model the objects describe (an addition to SPEC 8): the file's `metrics` are
    // always model A's.
    let decision = decision_json(&n.costs, &n.validated, &n.at);
    // Additions: the judged model, and with a deployment prevalence the threshold to ship there.
    let shipped = match n.deployed {
        Some(_) => format!(
            r#""best_threshold_at_deployment": {}, "best_cost_at_deployment": {}, "#,
            exact(n.best.threshold),
            exact(n.best.cost)
        ),
        None => String::new(),
    };
    let decision = format!(
        "{{ \"judge\": \"{}\", {shipped}{}",
        d.judge.key(),
        decision.strip_prefix("{ ").unwrap_or(&decision)
    );
    [
        decision,
        calibration_json(c),
        intervals_json(&n.rates, n.interval.as_ref()),
    ]
    .join(&SNIPPET_BREAK.to_string())
}

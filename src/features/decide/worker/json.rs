//! The results file's `decision`, `calibration`, `intervals` and `trained_model` objects, as
//! the panel found them.

use super::{Numbers, Prepared, SNIPPET_BREAK};
use crate::export::{losses_json, metrics_json};
use crate::format::exact;
use crate::sim::Metrics;
use crate::sim::decision::{calibration_json, decision_json, intervals_json};
use crate::state::DecisionSettings;

/// The objects, joined by `SNIPPET_BREAK`; `trained_model` is empty unless a trained model is
/// judged.
pub(super) fn objects(d: &DecisionSettings, n: &Numbers, p: &Prepared) -> String {
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
        calibration_json(&p.calibration),
        intervals_json(&n.rates, n.interval.as_ref()),
        trained_model(n, p),
    ]
    .join(&SNIPPET_BREAK.to_string())
}

/// The judged trained model (an addition to SPEC 6 and 8): its loss, fit and sample, and its
/// losses and metrics on that sample, as the page's metrics table and the snippets give them.
fn trained_model(n: &Numbers, p: &Prepared) -> String {
    let Some(t) = &p.trained else {
        return String::new();
    };
    let rows = p.neg.len() + p.pos.len();
    format!(
        "{{ \"loss\": \"{}\", \"w\": {}, \"b\": {}, \"separation\": {}, \"rows\": {rows},\n    \"losses\": {},\n    \"metrics\": {} }}",
        t.kind.key(),
        exact(t.model.w),
        exact(t.model.b),
        exact(t.separation),
        losses_json(&t.losses, "    "),
        metrics_json(&Metrics::new(n.here, p.ranking)),
    )
}

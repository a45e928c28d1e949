//! The downloads of SPEC section 5: results as JSON (here), predictions as CSV
//! (`predictions`). Plain text built here, so the core needs no serialisation library and the
//! formats are visible in one place.

mod predictions;

pub use predictions::{
    CSV_HEADER, PredictionsFile, PredictionsJob, TrainedScores, csv_rows, trained_scores,
};

use std::fmt::Write;

use crate::format::{exact, exact_metric};
use crate::sim::loss::{EXTRA, LossValue};
use crate::sim::{LossKind, Losses, Metrics, Scenario};

/// The results schema's name and version.
pub const RESULTS_SCHEMA: &str = "imbalance-lab/results/v1";

/// One loss's entry: its reductions, a set-level loss's `value`, or `null` with a `reason`
/// beside it (SPEC section 9).
fn loss_entry(key: &str, v: &LossValue) -> String {
    match v {
        LossValue::Summed(r) => format!(
            r#""{key}": {{ "mean": {}, "sum": {}, "neg_sum": {}, "pos_sum": {} }}"#,
            exact_metric(r.mean),
            exact(r.sum),
            exact(r.neg_sum),
            exact(r.pos_sum)
        ),
        LossValue::Set(value) => format!(r#""{key}": {{ "value": {} }}"#, exact(*value)),
        LossValue::Undefined(why) => {
            format!(r#""{key}": null, "{key}_reason": "{}""#, why.reason())
        }
    }
}

/// Every loss as the results file's `losses` object, a loss a line, each line after `indent`.
pub fn losses_json(losses: &Losses, indent: &str) -> String {
    let lines: Vec<String> = LossKind::ALL
        .iter()
        .map(|kind| format!("{indent}  {}", loss_entry(kind.key(), losses.get(*kind))))
        .collect();
    format!("{{\n{}\n{indent}}}", lines.join(",\n"))
}

/// The metrics as the results file's `metrics` object (undefined values `null`), on one line.
pub fn metrics_json(m: &Metrics) -> String {
    let c = &m.confusion;
    let mut out = format!(
        r#"{{ "tp": {}, "fp": {}, "tn": {}, "fn": {}"#,
        c.tp, c.fp, c.tn, c.fn_
    );
    for (key, value) in m.named() {
        let _ = write!(out, r#", "{key}": {}"#, exact_metric(value));
    }
    out.push_str(" }");
    out
}

/// SPEC section 9's parameters, as `"key": value` pairs after a comma.
fn extra_params(s: &Scenario) -> String {
    EXTRA
        .iter()
        .map(|p| format!(r#", "{}": {}"#, p.key, exact(s.extra.get(*p))))
        .collect()
}

/// The results file: the scenario's parameters, its four losses and its metrics; undefined
/// values are `null`.
pub fn results_json(s: &Scenario, losses: &Losses, m: &Metrics) -> String {
    results_json_from(s, None, losses, m, &[])
}

/// Where the numbers' scores came from, for the results file's `params` (SPEC section 7).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImportedSource<'a> {
    /// Rows imported.
    pub rows: u64,
    /// `"probability"` or `"logit"`.
    pub score: &'a str,
}

/// The results file of synthetic predictions (`source` `None`) or of imported ones, whose
/// `params` say `"source": "import"` with the rows and the score kind instead of the
/// generator's accuracies and seed.
pub fn results_json_from(
    s: &Scenario,
    source: Option<ImportedSource>,
    losses: &Losses,
    m: &Metrics,
    sections: &[(&str, String)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{{");
    let _ = writeln!(out, r#"  "schema": "{RESULTS_SCHEMA}","#);
    let extra = extra_params(s);
    let common = format!(
        r#""neg": {}, "pos": {}, "alpha": {}, "gamma": {}, "pos_weight": {}, "threshold": {}{extra}"#,
        s.neg,
        s.pos,
        exact(s.alpha),
        exact(s.gamma),
        exact(s.pos_weight),
        exact(s.threshold),
    );
    let _ = match source {
        None => writeln!(
            out,
            r#"  "params": {{ "neg": {}, "pos": {}, "acc0": {}, "acc1": {}, "alpha": {}, "gamma": {}, "pos_weight": {}, "threshold": {}, "seed": {}, "generator": "uniform"{extra} }},"#,
            s.neg,
            s.pos,
            exact(s.acc0),
            exact(s.acc1),
            exact(s.alpha),
            exact(s.gamma),
            exact(s.pos_weight),
            exact(s.threshold),
            s.seed
        ),
        Some(i) => writeln!(
            out,
            r#"  "params": {{ "source": "import", "rows": {}, "score": "{}", {common} }},"#,
            i.rows, i.score
        ),
    };
    let _ = writeln!(out, r#"  "losses": {},"#, losses_json(losses, "  "));
    let _ = writeln!(out, r#"  "metrics": {}"#, metrics_json(m));
    for (name, json) in sections {
        // The metrics line, or the section before, ends without a comma.
        out.insert(out.len() - 1, ',');
        let _ = writeln!(out, r#"  "{name}": {}"#, json.trim_end());
    }
    let _ = writeln!(out, "}}");
    out
}

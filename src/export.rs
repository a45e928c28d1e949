//! The downloads of SPEC section 5: results as JSON, predictions as CSV. Plain text built here,
//! so the core needs no serialisation library and the formats are visible in one place.

use std::fmt::Write;

use crate::format::{exact, exact_metric};
use crate::sim::engine::{Engine, ModelId, Request};
use crate::sim::loss::{EXTRA, LossValue};
use crate::sim::{Class, ClassScores, LossKind, Losses, Metrics, Scenario};

/// The results schema's name and version.
pub const RESULTS_SCHEMA: &str = "imbalance-lab/results/v1";

/// The CSV's first line.
pub const CSV_HEADER: &str = "label,probability\n";

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
    let _ = writeln!(out, r#"  "losses": {{"#);
    for (i, kind) in LossKind::ALL.iter().enumerate() {
        let comma = if i + 1 < LossKind::ALL.len() { "," } else { "" };
        let _ = writeln!(
            out,
            "    {}{comma}",
            loss_entry(kind.key(), losses.get(*kind))
        );
    }
    let _ = writeln!(out, "  }},");
    let c = &m.confusion;
    let _ = write!(
        out,
        r#"  "metrics": {{ "tp": {}, "fp": {}, "tn": {}, "fn": {}"#,
        c.tp, c.fp, c.tn, c.fn_
    );
    for (key, value) in m.named() {
        let _ = write!(out, r#", "{key}": {}"#, exact_metric(value));
    }
    out.push_str(" }\n");
    for (name, json) in sections {
        // The metrics line, or the section before, ends without a comma.
        out.insert(out.len() - 1, ',');
        let _ = writeln!(out, r#"  "{name}": {}"#, json.trim_end());
    }
    let _ = writeln!(out, "}}");
    out
}

/// Appends CSV rows for `scores[range]` of one class: `label,probability`, the probability in
/// the shortest form that reads back to the exact double the app computed with.
pub fn csv_rows(scores: &ClassScores, range: std::ops::Range<usize>, out: &mut Vec<u8>) {
    let label = scores.class.label();
    let mut line = String::with_capacity(32);
    for p in range.map(|i| scores.get(i)) {
        line.clear();
        let _ = writeln!(line, "{label},{p}");
        out.extend_from_slice(line.as_bytes());
    }
}

/// Rows of the predictions file after its header: every negative, then every positive.
pub fn prediction_rows(s: &Scenario) -> usize {
    s.total() as usize
}

/// The predictions file's rows `range` (the header first when the range starts at 0), from the
/// engine's full draws: the file is written in pieces, by the worker or between frames.
pub fn predictions_csv(engine: &mut Engine, r: &Request, range: std::ops::Range<usize>) -> Vec<u8> {
    let mut out = Vec::with_capacity(range.len() * 22 + CSV_HEADER.len());
    if range.start == 0 {
        out.extend_from_slice(CSV_HEADER.as_bytes());
    }
    let neg = r.scenario.neg as usize;
    let Some(classes) = engine.scores(r, ModelId::A) else {
        return out;
    };
    for (class, scores) in [Class::Negative, Class::Positive].into_iter().zip(&classes) {
        let offset = if class == Class::Negative { 0 } else { neg };
        let n = r.scenario.count(class) as usize;
        let (lo, hi) = (range.start.max(offset), range.end.min(offset + n));
        if lo < hi {
            csv_rows(scores, lo - offset..hi - offset, &mut out);
        }
    }
    out
}

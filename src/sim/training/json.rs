//! The `training` section of the results JSON (SPEC section 6), written as plain text like
//! `export.rs`, with `crate::format`'s numbers: shortest round-trip, `null` where a value does
//! not exist, and a `"reason"` beside a model that does not exist.

use std::fmt::Write;

use super::evaluation::population_metrics;
use super::optimal::{Q_GRID, optimal_curve};
use super::population::fit_population;
use super::problem::{Binormal, LossParams, Model, NoOptimum, PerLoss};
use super::sample::Sample;
use super::spread::{SpreadResults, spread_member};
use super::trainer::fit_sample;
use super::tversky::{hard_model, tversky_boundary};
use crate::format::{exact, exact_metric};
use crate::sim::LossKind;
use crate::sim::loss::{TV_A, TV_B};

/// The models trained on a sample.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleFits {
    /// Number of rows.
    pub n: u32,
    /// The sample's seed.
    pub seed: u64,
    /// Each loss's model on the rows.
    pub fits: PerLoss<Result<Model, NoOptimum>>,
}

/// Everything the `training` section reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Training {
    /// The population the models are trained on.
    pub population: Binormal,
    /// The page's threshold, for the metrics.
    pub threshold: f64,
    /// Each loss's model on the population.
    pub fits: PerLoss<Result<Model, NoOptimum>>,
    /// Each loss's `p*` at the `q` of `Q_GRID`.
    pub optimal: PerLoss<Vec<Result<f64, NoOptimum>>>,
    /// The hard boundary the Tversky loss sharpens the model towards.
    pub tversky: Result<f64, NoOptimum>,
    /// The models trained on a sample, when one was.
    pub sample: Option<SampleFits>,
    /// The retraining spread, when one for these settings was completed.
    pub spread: Option<SpreadResults>,
}

impl Training {
    /// Trains every model (on the population, and on `sample` if given) and tabulates `p*`.
    pub fn compute(
        pop: &Binormal,
        params: &LossParams,
        threshold: f64,
        sample: Option<&Sample>,
    ) -> Self {
        let params = &pop.params(params);
        Training {
            population: *pop,
            threshold,
            fits: PerLoss::new(|k| fit_population(pop, k, params).map(|f| f.model)),
            optimal: PerLoss::new(|k| optimal_curve(k, params)),
            tversky: tversky_boundary(pop, params.get(TV_A), params.get(TV_B)),
            sample: sample.map(|s| SampleFits {
                n: s.len() as u32,
                seed: s.seed,
                fits: PerLoss::new(|k| fit_sample(s, k, params).map(|f| f.model)),
            }),
            spread: None,
        }
    }
}

fn optional(v: Result<f64, NoOptimum>) -> String {
    v.map(exact).unwrap_or_else(|_| "null".into())
}

/// `"w": .., "b": ..`, and the reason when there is no model (the reasons are plain ASCII
/// without quotes or backslashes: no escaping needed).
fn model(fit: &Result<Model, NoOptimum>) -> String {
    match fit {
        Ok(m) => format!(r#""w": {}, "b": {}"#, exact(m.w), exact(m.b)),
        Err(e) => format!(r#""w": null, "b": null, "reason": "{}""#, e.reason()),
    }
}

/// The `training` object (without its key), for the results file.
pub fn training_json(t: &Training) -> String {
    let pop = &t.population;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"{{ "generator": "binormal", "separation": {}, "neg": {}, "pos": {}, "threshold": {},"#,
        exact(pop.d()),
        pop.neg,
        pop.pos,
        exact(t.threshold)
    );
    let _ = writeln!(out, r#"    "population": {{"#);
    for (i, (kind, fit)) in t.fits.iter().enumerate() {
        let comma = if i + 1 < LossKind::COUNT { "," } else { "" };
        // The set-level loss has no model: its metrics are those of the boundary it sharpens
        // towards, which it reports beside the reason.
        let set_level = !kind.loss().per_sample();
        let m = match (fit, set_level, t.tversky) {
            (Ok(m), _, _) => Some(population_metrics(pop, m, t.threshold)),
            (Err(_), true, Ok(x)) => Some(population_metrics(pop, &hard_model(x), 0.5)),
            _ => None,
        };
        let boundary = if set_level {
            format!(r#", "boundary": {}"#, optional(t.tversky))
        } else {
            String::new()
        };
        let (recall, precision, fpr, f1) = match m {
            Some(m) => (
                exact_metric(m.recall),
                exact_metric(m.precision),
                exact_metric(m.fpr),
                exact_metric(m.f1),
            ),
            None => [
                "null".to_string(),
                "null".into(),
                "null".into(),
                "null".into(),
            ]
            .into(),
        };
        let _ = writeln!(
            out,
            r#"      "{}": {{ {}{boundary}, "recall": {}, "precision": {}, "fpr": {}, "f1": {} }}{comma}"#,
            kind.key(),
            model(fit),
            recall,
            precision,
            fpr,
            f1
        );
    }
    let _ = writeln!(out, "    }},");
    let list = |v: Vec<String>| format!("[{}]", v.join(", "));
    let _ = write!(
        out,
        r#"    "optimal_prediction": {{ "q": {}"#,
        list(Q_GRID.iter().map(|&q| exact(q)).collect())
    );
    for (kind, curve) in t.optimal.iter() {
        let values = curve.iter().map(|&p| optional(p)).collect();
        let _ = write!(out, r#", "{}": {}"#, kind.key(), list(values));
    }
    let _ = write!(out, " }}");
    if let Some(s) = &t.sample {
        let _ = write!(
            out,
            ",\n    \"sample\": {{ \"n\": {}, \"seed\": {}",
            s.n, s.seed
        );
        for (kind, fit) in s.fits.iter() {
            let _ = write!(out, r#", "{}": {{ {} }}"#, kind.key(), model(fit));
        }
        let _ = write!(out, " }}");
    }
    out += &spread_member(t.spread.as_ref());
    let _ = write!(out, "\n  }}");
    out
}

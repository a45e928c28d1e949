//! Real models' predictions (scikit-learn's logistic regressions on breast cancer and digits,
//! `scripts/fixtures/import_sklearn.py`), imported and run through the engine, against the
//! numbers numpy and scikit-learn compute from the same files.
//!
//! Counts are exact; every other number agrees to a few ulps (the largest relative difference
//! is 4.8e-16), not to the bit: numpy sums each class with `math.fsum` (correctly rounded), the
//! engine in sorted order with its own `ln` (fdlibm's, within an ulp of numpy's); scikit-learn
//! forms its ratios (MCC, average precision) in another order. The logit file's probabilities
//! are a few ulps from scipy's `expit` (see below), which moves its numbers as little.

use imbalance_lab::sim::loss::{FIRST, LossParams};
use std::fs;

use imbalance_lab::features::import::parse::{Imported, Overrides, ScoreKind, parse_all};
use imbalance_lab::sim::{ClassLoss, ClassScores, Confusion, Metric, Metrics, Ranking, losses};
use serde_json::Value;

const DIR: &str = "tests/fixtures/import";

/// Relative agreement demanded of every loss and metric (the largest seen is 4.8e-16).
const TOLERANCE: f64 = 2e-15;

fn reference() -> Value {
    let text = fs::read_to_string(format!("{DIR}/reference.json")).expect("reference.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn import(file: &str) -> Imported {
    let bytes = fs::read(format!("{DIR}/{file}")).expect("fixture");
    parse_all(&bytes, &Overrides::default()).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `|got - want| <= TOLERANCE |want|`, returning the relative error for the report.
fn close(what: &str, got: f64, want: &Value) -> f64 {
    let want = want.as_f64().unwrap_or_else(|| panic!("{what}: {want}"));
    let err = if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    };
    assert!(
        err <= TOLERANCE,
        "{what}: got {got:e}, want {want:e} ({err:e})"
    );
    err
}

fn metric(what: &str, got: Metric, want: &Value) -> f64 {
    close(what, got.unwrap_or_else(|e| panic!("{what}: {e:?}")), want)
}

#[test]
fn imported_predictions_give_scikit_learns_numbers() {
    let r = reference();
    let p = &r["params"];
    let (alpha, gamma, pos_weight, threshold) = (
        p["alpha"].as_f64().unwrap(),
        p["gamma"].as_f64().unwrap(),
        p["pos_weight"].as_f64().unwrap(),
        p["threshold"].as_f64().unwrap(),
    );
    let mut worst: f64 = 0.0;
    let files = r["files"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    for f in files {
        let name = f["file"].as_str().unwrap();
        let imported = import(name);
        let kind = match f["kind"].as_str().unwrap() {
            "logit" => ScoreKind::Logit,
            _ => ScoreKind::Probability,
        };
        assert_eq!(imported.kind, kind, "{name}");
        assert_eq!(imported.rows, f["rows"].as_u64().unwrap(), "{name}");
        assert_eq!(imported.skipped.count, 0, "{name}");
        let models = f["models"].as_array().unwrap();
        assert_eq!(imported.models.len(), models.len());
        for (m, want) in imported.models.into_iter().zip(models) {
            let at = format!("{name} {}", m.name);
            assert_eq!(m.name, want["name"].as_str().unwrap());
            assert_eq!(m.neg.len() as u64, want["neg"].as_u64().unwrap(), "{at}");
            assert_eq!(m.pos.len() as u64, want["pos"].as_u64().unwrap(), "{at}");
            let first = if f["first_label"] == 1 {
                m.pos[0]
            } else {
                m.neg[0]
            };
            worst = worst.max(close(&format!("{at} first"), first, &want["first"]));

            let (neg, pos) = m.into_classes();
            let settings = (alpha, gamma, pos_weight);
            worst = worst.max(check_losses(&at, &neg, &pos, settings, &want["losses"]));
            let m = Metrics::new(
                Confusion::at(&neg, &pos, threshold),
                Ranking::new(&neg, &pos),
            );
            worst = worst.max(check_metrics(&at, &m, &want["metrics"]));
        }
    }
    eprintln!("largest relative difference from numpy and scikit-learn: {worst:e}");
}

/// Every loss's reductions against the reference's; the largest relative difference.
fn check_losses(
    at: &str,
    neg: &ClassScores,
    pos: &ClassScores,
    (alpha, gamma, pos_weight): (f64, f64, f64),
    want: &Value,
) -> f64 {
    let mut worst: f64 = 0.0;
    let params =
        LossParams::new(pos_weight, alpha, gamma).with_counts(neg.len() as f64, pos.len() as f64);
    let l = losses(
        &ClassLoss::of(neg, &params),
        &ClassLoss::of(pos, &params),
        &params,
    );
    // The fixture holds section 2's four losses; tests/losses_reference.rs checks the rest.
    for kind in FIRST {
        let (got, want) = (l.get(kind), &want[kind.key()]);
        let what = format!("{at} {}", kind.key());
        worst = worst.max(metric(&format!("{what} mean"), got.mean(), &want["mean"]));
        for (key, v) in [
            ("sum", got.sum().unwrap()),
            ("neg_sum", got.class_sums()[0]),
            ("pos_sum", got.class_sums()[1]),
        ] {
            worst = worst.max(close(&format!("{what} {key}"), v, &want[key]));
        }
    }
    worst
}

/// The counts (exactly) and every metric against the reference's; the largest relative
/// difference.
fn check_metrics(at: &str, m: &Metrics, w: &Value) -> f64 {
    let mut worst: f64 = 0.0;
    let c = m.confusion;
    let counts = [("tp", c.tp), ("fp", c.fp), ("tn", c.tn), ("fn", c.fn_)];
    for (key, got) in counts {
        assert_eq!(got, w[key].as_u64().unwrap(), "{at} {key}");
    }
    for (key, got) in m.named() {
        worst = worst.max(metric(&format!("{at} {key}"), got, &w[key]));
    }
    worst
}

/// The logit file holds the logits of the probability file's models, whose probabilities
/// scipy's `expit` computed. The import's sigmoid uses fdlibm's `exp` (the same bits natively
/// and in the browser) where scipy uses the C library's (glibc's, nearly correctly rounded):
/// most values have the same bits, none is more than two ulps away.
#[test]
fn logits_import_within_two_ulps_of_scipys_expit() {
    let probabilities = import("breast_cancer.csv");
    let logits = import("breast_cancer_logit.csv");
    assert_eq!(logits.kind, ScoreKind::Logit);
    let mut ulps = [0; 3];
    for (p, z) in probabilities.models.iter().zip(&logits.models) {
        for (a, b) in p.neg.iter().chain(&p.pos).zip(z.neg.iter().chain(&z.pos)) {
            let d = (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs() as usize;
            assert!(d <= 2, "{a:e} {b:e}");
            ulps[d] += 1;
        }
    }
    assert_eq!(ulps, [538, 28, 4]);
}

//! The results file's `decision`, `calibration` and `intervals` sections, read back with a
//! real JSON parser.

use imbalance_lab::sim::decision::*;
use imbalance_lab::sim::{Confusion, Metric};
use serde_json::Value;

use super::classes;

/// A section (an object meant to sit under `key` in the results file), parsed.
fn parse(key: &str, section: String) -> Value {
    let text = format!("{{ \"{key}\": {section} }}");
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    v[key].clone()
}

/// The exported number: the same double, or `null` for an undefined metric.
fn same(v: &Value, m: Metric) -> bool {
    match m {
        Ok(x) => v.as_f64() == Some(x),
        Err(_) => v.is_null(),
    }
}

fn data() -> (
    imbalance_lab::sim::ClassScores,
    imbalance_lab::sim::ClassScores,
) {
    let neg: Vec<f64> = (0..400)
        .map(|i| (i as f64 * 0.618_034).fract() * 0.8)
        .collect();
    let pos: Vec<f64> = (0..25)
        .map(|i| 0.3 + (i as f64 * 0.414_214).fract() * 0.6)
        .collect();
    classes(&neg, &pos)
}

#[test]
fn the_decision_section_has_the_spec_s_keys_and_exact_numbers() {
    let (neg, pos) = data();
    let costs = Costs::new(1.0, 0.0, 3.0);
    let best = best_threshold(&Runs::new(&neg, &pos), &costs);
    let at = AtDeployment::new(&Confusion::at(&neg, &pos, 0.5), 0.001);
    let v = parse("decision", decision_json(&costs, &best, &at));
    assert_eq!(
        (
            v["cost_fp"].as_f64(),
            v["cost_fn"].as_f64(),
            v["reward_tp"].as_f64()
        ),
        (Some(1.0), Some(0.0), Some(3.0))
    );
    assert_eq!(v["best_threshold"].as_f64(), Some(best.threshold));
    assert_eq!(v["best_cost"].as_f64(), Some(best.cost));
    let c = best.confusion;
    let counts = &v["best_counts"];
    assert_eq!(
        ["tp", "fp", "tn", "fn"].map(|k| counts[k].as_u64().unwrap()),
        [c.tp, c.fp, c.tn, c.fn_]
    );
    assert_eq!(v["validation_prevalence"].as_f64(), Some(25.0 / 425.0));
    assert_eq!(v["deployment_prevalence"].as_f64(), Some(0.001));
    let d = &v["at_deployment"];
    let keys = at.named().map(|(key, _)| key);
    let spec = ["precision", "recall", "f1", "specificity", "accuracy"];
    assert_eq!(keys[..5], spec);
    assert_eq!(keys[5..], ["balanced_accuracy", "mcc"]);
    assert_eq!(d.as_object().unwrap().len(), 7);
    for (key, m) in at.named() {
        assert!(m.is_ok() && same(&d[key], m), "{key}: {} vs {m:?}", d[key]);
    }
    assert!(same(&d["precision"], at.precision) && same(&d["mcc"], at.mcc));
}

#[test]
fn undefined_values_are_null() {
    // No positives in the validation set and some at deployment: nothing to say.
    let (neg, pos) = classes(&[0.2, 0.7], &[]);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::default());
    let at = AtDeployment::new(&Confusion::at(&neg, &pos, 0.5), 0.1);
    let v = parse("decision", decision_json(&Costs::default(), &best, &at));
    assert!(v["at_deployment"]["precision"].is_null() && v["at_deployment"]["mcc"].is_null());
    assert_eq!(v["validation_prevalence"].as_f64(), Some(0.0));
    // No samples: no prevalence, no Brier score, no intervals.
    let (neg, pos) = classes(&[], &[]);
    let best = best_threshold(&Runs::new(&neg, &pos), &Costs::default());
    let at = AtDeployment::new(&Confusion::default(), 0.1);
    let v = parse("decision", decision_json(&Costs::default(), &best, &at));
    assert!(v["validation_prevalence"].is_null());
    let v = parse(
        "calibration",
        calibration_json(&Calibration::new(&neg, &pos)),
    );
    assert!(v["brier"].is_null() && v["ece"].is_null());
    let v = parse(
        "intervals",
        intervals_json(&RateIntervals::new(&Confusion::default()), None),
    );
    for key in [
        "recall",
        "precision",
        "specificity",
        "roc_auc",
        "average_precision",
    ] {
        assert!(v[key].is_null(), "{key}");
    }
    assert_eq!(v["bootstrap_resamples"].as_u64(), Some(0));
}

#[test]
fn the_calibration_section_has_the_brier_score_ece_and_bins() {
    let (neg, pos) = data();
    let cal = Calibration::new(&neg, &pos);
    let v = parse("calibration", calibration_json(&cal));
    assert!(same(&v["brier"], cal.brier) && same(&v["ece"], cal.ece));
    assert_eq!(v["bins"].as_u64(), Some(15));
    let r = &v["reliability"];
    for (k, bin) in cal.bins.iter().enumerate() {
        assert_eq!(r["upper_edge"][k].as_f64(), Some(bin.hi));
        assert_eq!(r["count"][k].as_u64(), Some(bin.count));
        assert!(same(&r["mean_p"][k], bin.mean_p), "bin {k}");
        assert!(
            same(&r["fraction_positive"][k], bin.fraction_positive),
            "bin {k}"
        );
    }
    // No score above 0.9: the last bin is empty, and says so with null.
    assert!(cal.bins.iter().any(|b| b.count == 0));
}

#[test]
fn the_intervals_section_has_each_interval_as_a_pair() {
    let (neg, pos) = data();
    let rates = RateIntervals::new(&Confusion::at(&neg, &pos, 0.5));
    let mut boot = Bootstrap::new(&Runs::new(&neg, &pos), 1, 200).unwrap();
    boot.run(200);
    let b = boot.interval().unwrap();
    let v = parse("intervals", intervals_json(&rates, Some(&b)));
    assert_eq!(v["level"].as_f64(), Some(0.95));
    let pair = |key: &str| {
        let a = v[key].as_array().unwrap();
        assert_eq!(a.len(), 2, "{key}");
        (a[0].as_f64().unwrap(), a[1].as_f64().unwrap())
    };
    for (key, share) in [
        ("recall", rates.recall),
        ("precision", rates.precision),
        ("specificity", rates.specificity),
    ] {
        let i = share.unwrap().interval;
        assert_eq!(pair(key), (i.lo, i.hi), "{key}");
    }
    assert_eq!(pair("roc_auc"), (b.roc_auc.lo, b.roc_auc.hi));
    assert_eq!(
        pair("average_precision"),
        (b.average_precision.lo, b.average_precision.hi)
    );
    assert_eq!(v["bootstrap_resamples"].as_u64(), Some(200));
}

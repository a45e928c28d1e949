//! The results file's `training` section, read back with a real JSON parser.

use imbalance_lab::sim::loss::FIRST;
use imbalance_lab::sim::training::*;
use serde_json::Value;

fn parse(t: &Training) -> Value {
    // The section is an object meant to sit under "training" in the results file.
    let text = format!("{{ \"training\": {} }}", training_json(t));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
    v["training"].clone()
}

#[test]
fn the_section_has_the_spec_s_shape_and_exact_numbers() {
    let pop = Binormal::new(2.0, 1000, 10);
    let p = LossParams::new(3.0, 0.25, 2.0);
    let sample = Sample::generate(&pop, 2000, 4);
    let t = Training::compute(&pop, &p, 0.3, Some(&sample));
    let v = parse(&t);
    assert_eq!(v["generator"], "binormal");
    assert_eq!(
        (
            v["separation"].as_f64(),
            v["neg"].as_u64(),
            v["pos"].as_u64()
        ),
        (Some(2.0), Some(1000), Some(10))
    );
    assert_eq!(v["threshold"].as_f64(), Some(0.3));
    for kind in FIRST {
        let e = &v["population"][kind.key()];
        let m = fit_population(&pop, kind, &p).unwrap().model;
        // Shortest round-trip digits: the same doubles.
        assert_eq!(
            (e["w"].as_f64(), e["b"].as_f64()),
            (Some(m.w), Some(m.b)),
            "{kind:?}"
        );
        let r = population_metrics(&pop, &m, 0.3);
        for (key, value) in [
            ("recall", r.recall),
            ("precision", r.precision),
            ("fpr", r.fpr),
            ("f1", r.f1),
        ] {
            assert_eq!(e[key].as_f64(), Some(value.unwrap()), "{kind:?} {key}");
        }
        let curve = optimal_curve(kind, &p);
        let got: Vec<f64> = v["optimal_prediction"][kind.key()]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert_eq!(got, curve.iter().map(|r| r.unwrap()).collect::<Vec<_>>());
        let s = &v["sample"][kind.key()];
        let fit = fit_sample(&sample, kind, &p).unwrap().model;
        assert_eq!(
            (s["w"].as_f64(), s["b"].as_f64()),
            (Some(fit.w), Some(fit.b))
        );
    }
    let q: Vec<f64> = v["optimal_prediction"]["q"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(q, Q_GRID);
    assert_eq!(
        (v["sample"]["n"].as_u64(), v["sample"]["seed"].as_u64()),
        (Some(2000), Some(4))
    );
}

#[test]
fn what_does_not_exist_is_null_with_a_reason() {
    // alpha = 0: balanced CE and focal have no model and no p*; no sample: no "sample" key.
    let pop = Binormal::new(2.0, 100, 1);
    let p = LossParams {
        alpha: 0.0,
        ..LossParams::default()
    };
    let v = parse(&Training::compute(&pop, &p, 1.0, None));
    assert!(v.get("sample").is_none());
    for key in ["balanced_ce", "focal"] {
        let e = &v["population"][key];
        for field in ["w", "b", "recall", "precision", "fpr", "f1"] {
            assert!(e[field].is_null(), "{key} {field}");
        }
        assert_eq!(
            e["reason"],
            NoOptimum::ZeroWeight(imbalance_lab::sim::params::Class::Positive).reason()
        );
        assert!(
            v["optimal_prediction"][key]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_null)
        );
    }
    // At t = 1 nothing is predicted positive: precision is null, recall 0.
    let bce = &v["population"]["bce"];
    assert!(bce["precision"].is_null());
    assert_eq!(bce["recall"].as_f64(), Some(0.0));
    // An empty class: every model is null, and a separable sample's fits are too.
    let empty = Binormal::new(6.0, 5, 0);
    let separated = Sample::generate(&Binormal::new(6.0, 1, 1), 10, 1);
    let v = parse(&Training::compute(
        &empty,
        &LossParams::default(),
        0.5,
        Some(&separated),
    ));
    for kind in FIRST {
        assert!(v["population"][kind.key()]["w"].is_null());
        assert_eq!(
            v["sample"][kind.key()]["reason"],
            NoOptimum::Separated.reason()
        );
    }
}

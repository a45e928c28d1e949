//! The downloads (SPEC section 5) read back with a real JSON parser and as CSV.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{counts, read_csv};
use imbalance_lab::export::{
    CSV_HEADER, PredictionsFile, PredictionsJob, csv_rows, results_json, trained_scores,
};
use imbalance_lab::sim::engine::{Engine, ModelId, Request};
use imbalance_lab::sim::loss::{EXTRA, LossValue};
use imbalance_lab::sim::{Class, LossKind, Metric, Scenario, analyse};
use imbalance_lab::state::TrainingSettings;
use serde_json::Value;

fn json_of(s: &Scenario) -> (Value, imbalance_lab::sim::Analysis) {
    let a = analyse(s);
    let text = results_json(s, &a.losses, &a.metrics);
    (serde_json::from_str(&text).expect("valid JSON"), a)
}

fn same(v: &Value, m: Metric) {
    match m {
        Ok(x) => assert_eq!(v.as_f64().unwrap().to_bits(), x.to_bits(), "{v} vs {x}"),
        Err(_) => assert!(v.is_null(), "{v} should be null"),
    }
}

#[test]
fn results_carry_every_number_exactly() {
    let s = Scenario {
        neg: 5_000,
        pos: 70,
        acc0: 0.97,
        acc1: 0.6,
        gamma: 2.5,
        pos_weight: 7.3,
        threshold: 0.42,
        seed: 9,
        ..Scenario::default()
    };
    let (j, a) = json_of(&s);
    assert_eq!(j["schema"], "imbalance-lab/results/v1");
    let p = &j["params"];
    assert_eq!(p["neg"], 5_000);
    assert_eq!(p["pos"], 70);
    assert_eq!(p["pos_weight"].as_f64(), Some(7.3));
    assert_eq!(p["threshold"].as_f64(), Some(0.42));
    assert_eq!(p["seed"], 9);
    assert_eq!(p["generator"], "uniform");
    for kind in LossKind::ALL {
        let l = &j["losses"][kind.key()];
        match a.losses.get(kind) {
            LossValue::Summed(r) => {
                same(&l["mean"], r.mean);
                same(&l["sum"], Ok(r.sum));
                same(&l["neg_sum"], Ok(r.neg_sum));
                same(&l["pos_sum"], Ok(r.pos_sum));
            }
            LossValue::Set(v) => {
                assert_eq!(kind, LossKind::Tversky);
                same(&l["value"], Ok(*v));
            }
            LossValue::Undefined(why) => panic!("{kind:?}: {why:?}"),
        }
    }
    // Section 9's parameters are in the params, at their defaults here.
    for param in EXTRA {
        assert_eq!(p[param.key].as_f64(), Some(param.default), "{}", param.key);
    }
    let m = &j["metrics"];
    assert_eq!(m["tp"], a.metrics.confusion.tp);
    assert_eq!(m["fn"], a.metrics.confusion.fn_);
    same(&m["precision"], a.metrics.precision);
    same(&m["mcc"], a.metrics.mcc);
    same(&m["roc_auc"], a.metrics.roc_auc);
    same(&m["average_precision"], a.metrics.average_precision);
}

#[test]
fn undefined_metrics_are_null() {
    let (j, _) = json_of(&counts(100, 0));
    for key in ["recall", "roc_auc", "average_precision", "f1"] {
        assert!(j["metrics"][key].is_null(), "{key}");
    }
    // Logit adjustment has no prior to adjust by with one class: null, and why (SPEC 9).
    assert!(j["losses"]["logit_adjusted"].is_null());
    assert_eq!(
        j["losses"]["logit_adjusted_reason"],
        "there are no positive samples"
    );
    // The Tversky loss still has its smoothed value: 1 - 1 / (a FP_s + 1).
    let v = j["losses"]["tversky"]["value"].as_f64().unwrap();
    assert!(v > 0.0 && v < 1.0, "{v}");
    let (j, _) = json_of(&counts(0, 0));
    assert!(j["losses"]["bce"]["mean"].is_null());
    assert_eq!(j["losses"]["bce"]["sum"].as_f64(), Some(0.0));
}

#[test]
fn predictions_read_back_to_the_same_doubles() {
    let a = analyse(&counts(3_000, 200));
    let mut out = CSV_HEADER.as_bytes().to_vec();
    csv_rows(&a.neg, 0..1_000, &mut out);
    csv_rows(&a.neg, 1_000..a.neg.len(), &mut out);
    csv_rows(&a.pos, 0..a.pos.len(), &mut out);
    let text = String::from_utf8(out).unwrap();
    let (header, rows) = read_csv(&text);
    assert_eq!(header, Some("label,probability"));
    assert_eq!(rows.len(), 3_200);
    let expected = a
        .neg
        .iter()
        .map(|p| (0, p))
        .chain(a.pos.iter().map(|p| (1, p)));
    for (got, want) in rows.iter().zip(expected) {
        assert_eq!(got.0, want.0);
        assert_eq!(got.1.to_bits(), want.1.to_bits());
    }
}

/// The predictions file of `job`, whole and in pieces of 500 rows (which must agree), as lines.
fn predictions(job: &PredictionsJob) -> Vec<String> {
    let mut engine = Engine::new();
    let trained = job
        .trained
        .map(|(kind, t)| trained_scores(&job.request.scenario, &t, kind).unwrap());
    let file = PredictionsFile::new(&mut engine, job, trained).unwrap();
    let rows = file.rows();
    let whole = file.piece(0..rows);
    let mut pieces = Vec::new();
    for start in (0..rows).step_by(500) {
        pieces.extend(file.piece(start..(start + 500).min(rows)));
    }
    assert_eq!(whole, pieces);
    let text = String::from_utf8(whole).unwrap();
    assert_eq!(text.lines().count(), rows + 1);
    text.lines().map(String::from).collect()
}

#[test]
fn the_predictions_file_in_pieces_is_the_file_in_one() {
    let s = counts(1_234, 56);
    let job = PredictionsJob {
        request: Request::synthetic(s, [0.9, 0.9]),
        model_b: false,
        trained: None,
    };
    let lines = predictions(&job);
    assert_eq!(lines.len(), 1_291);
    assert_eq!(format!("{}\n", lines[0]), CSV_HEADER);
    assert!(lines[1].starts_with("0,") && lines[1_234].starts_with("0,"));
    assert!(lines[1_235].starts_with("1,") && lines[1_290].starts_with("1,"));
}

#[test]
fn model_b_is_a_column_beside_model_a_on_the_same_samples() {
    let s = counts(800, 40);
    let r = Request::synthetic(s, [0.7, 0.6]);
    let lines = predictions(&PredictionsJob {
        request: r,
        model_b: true,
        trained: None,
    });
    assert_eq!(lines[0], "label,probability,model_b");
    let [a, b] = [ModelId::A, ModelId::B].map(|m| Engine::new().scores(&r, m).unwrap());
    // Row i is one sample: its label, model A's score and model B's, read back to the bits.
    for (i, line) in lines[1..].iter().enumerate() {
        let f: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        let (c, j) = if i < 800 { (0, i) } else { (1, i - 800) };
        assert_eq!(f[0], c as f64);
        assert_eq!(f[1].to_bits(), a[c].get(j).to_bits(), "row {i}");
        assert_eq!(f[2].to_bits(), b[c].get(j).to_bits(), "row {i}");
    }
}

#[test]
fn a_trained_model_brings_its_own_rows_and_labels() {
    let s = counts(900, 100);
    let t = TrainingSettings {
        sep: 2.0,
        rows: 3_000,
        ..TrainingSettings::default()
    };
    let lines = predictions(&PredictionsJob {
        request: Request::synthetic(s, [0.9, 0.9]),
        model_b: true,
        trained: Some((LossKind::Focal, t)),
    });
    assert_eq!(
        lines[0],
        "label,probability,model_b,training_label,trained_focal"
    );
    let trained = trained_scores(&s, &t, LossKind::Focal).unwrap();
    let [neg, pos] = &trained.scores;
    assert_eq!((neg.len(), pos.len()), (2_700, 300));
    // The longer group sets the rows: 3,000, the scenario's 1,000 leaving theirs empty below.
    assert_eq!(lines.len(), 3_001);
    let cells = |i: usize| lines[i].split(',').map(String::from).collect::<Vec<_>>();
    assert_eq!(cells(1)[3..], ["0".to_string(), neg[0].to_string()]);
    assert_eq!(cells(1_000)[0], "1");
    assert_eq!(cells(1_001)[..3], ["", "", ""].map(String::from));
    assert_eq!(cells(2_701)[3..], ["1".to_string(), pos[0].to_string()]);
    // Each score is the model's probability of the training data's x, to the bit.
    let x = trained.sample.x(Class::Positive)[299];
    assert_eq!(cells(3_000)[4], trained.model.probability(x).to_string());
}

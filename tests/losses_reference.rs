//! SPEC section 9's losses against an independent numpy / scipy computation
//! (`scripts/fixtures/losses_reference.py`, written from the SPEC's text alone): on fixed
//! predictions, every reduction of every loss; on the binormal population, each loss's model,
//! its metrics and `p*(q)`; the Tversky boundary; and Menon et al.'s figure.

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::loss::{EXTRA, LossParams, LossValue, per_sample_loss};
use imbalance_lab::sim::training::{
    Binormal, fit_population, optimal_prediction, population_metrics, tversky_boundary,
};
use imbalance_lab::sim::{Class, ClassLoss, ClassScores, LossKind, losses};
use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string("tests/fixtures/losses_reference.json").expect("fixture");
    serde_json::from_str(&text).expect("JSON")
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// The fixture's parameters, on these class counts.
fn params(p: &Value, counts: [f64; 2]) -> LossParams {
    let get = |k: &str| p[k].as_f64().unwrap_or_else(|| panic!("{k}"));
    let mut out = LossParams::new(get("pw"), get("alpha"), get("gamma"));
    for param in EXTRA {
        out = out.with(param, get(param.key));
    }
    out.with_counts(counts[0], counts[1])
}

fn close(what: &str, got: f64, want: f64, tol: f64) {
    let err = (got - want).abs() / want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tol * want.abs().max(1e-12),
        "{what}: got {got:e}, want {want:e} (relative {err:e})"
    );
}

/// The fixture's sums are exactly rounded; ours add in sample order (a few ulps a sample), and
/// class-balanced weights at beta near 1 lose a few digits in `1 - beta^n` (numpy's plain
/// formula does the same).
const FIXED_TOL: f64 = 1e-10;

#[test]
fn every_loss_on_fixed_predictions_matches_numpy() {
    for case in fixture()["fixed"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (neg, pos) = (numbers(&case["neg"]), numbers(&case["pos"]));
        let p = params(&case["params"], [neg.len() as f64, pos.len() as f64]);
        let neg = ClassScores::from_scores(Class::Negative, neg);
        let pos = ClassScores::from_scores(Class::Positive, pos);
        let got = losses(&ClassLoss::of(&neg, &p), &ClassLoss::of(&pos, &p), &p);
        let want = &case["losses"];
        for kind in LossKind::ALL {
            let (what, w) = (format!("{name}: {}", kind.key()), &want[kind.key()]);
            match got.get(kind) {
                LossValue::Summed(r) => {
                    let mean = r.mean.expect("a mean");
                    close(
                        &format!("{what} mean"),
                        mean,
                        w["mean"].as_f64().unwrap(),
                        FIXED_TOL,
                    );
                    for (key, v) in [
                        ("sum", r.sum),
                        ("neg_sum", r.neg_sum),
                        ("pos_sum", r.pos_sum),
                    ] {
                        let want = w[key].as_f64().unwrap();
                        if want == 0.0 {
                            assert_eq!(v, 0.0, "{what} {key}");
                        } else {
                            close(&format!("{what} {key}"), v, want, FIXED_TOL);
                        }
                    }
                }
                LossValue::Set(v) => close(
                    &format!("{what} value"),
                    *v,
                    w["value"].as_f64().unwrap(),
                    FIXED_TOL,
                ),
                LossValue::Undefined(why) => {
                    assert!(w.is_null(), "{what}: undefined ({why:?}), numpy has {w}");
                    assert!(want[format!("{}_reason", kind.key())].is_string());
                }
            }
        }
    }
}

/// Each fast sum equals the sum of the per-sample definition (`Shape::on_probability`) on the
/// same predictions, for every per-sample loss and the fixture's parameters.
#[test]
fn the_fast_sums_are_the_per_sample_definition_summed() {
    for case in fixture()["fixed"].as_array().unwrap() {
        let (neg, pos) = (numbers(&case["neg"]), numbers(&case["pos"]));
        let p = params(&case["params"], [neg.len() as f64, pos.len() as f64]);
        let scores = [
            ClassScores::from_scores(Class::Negative, neg),
            ClassScores::from_scores(Class::Positive, pos),
        ];
        let sums = scores.clone().map(|s| ClassLoss::of(&s, &p));
        let got = losses(&sums[0], &sums[1], &p);
        for kind in LossKind::ALL {
            let Ok(r) = got.get(kind).reduction() else {
                continue;
            };
            for (s, want) in scores.iter().zip([r.neg_sum, r.pos_sum]) {
                let brute: f64 = s
                    .iter()
                    .map(|x| per_sample_loss(kind, s.class, x, &p).unwrap())
                    .sum();
                close(
                    &format!("{kind:?} {:?}", s.class),
                    brute,
                    want.max(1e-300),
                    1e-12,
                );
            }
        }
    }
}

#[test]
fn every_loss_trains_scipy_s_model_on_the_population() {
    for case in fixture()["training"].as_array().unwrap() {
        let (d, t) = (
            case["sep"].as_f64().unwrap(),
            case["threshold"].as_f64().unwrap(),
        );
        let (neg, pos) = (case["neg"].as_u64().unwrap(), case["pos"].as_u64().unwrap());
        let pop = Binormal::new(d, neg as u32, pos as u32);
        let p = params(&case["params"], [neg as f64, pos as f64]);
        let at = format!("d {d}, {neg}:{pos}");
        for (key, want) in case["population"].as_object().unwrap() {
            let kind = LossKind::from_key(key).unwrap();
            let fit =
                fit_population(&pop, kind, &p).unwrap_or_else(|e| panic!("{at} {key}: {e:?}"));
            close(
                &format!("{at} {key} w"),
                fit.model.w,
                want["w"].as_f64().unwrap(),
                1e-7,
            );
            close(
                &format!("{at} {key} b"),
                fit.model.b,
                want["b"].as_f64().unwrap(),
                1e-7,
            );
            let m = population_metrics(&pop, &fit.model, t);
            for (name, v) in [
                ("recall", m.recall),
                ("precision", m.precision),
                ("fpr", m.fpr),
            ] {
                close(
                    &format!("{at} {key} {name}"),
                    v.unwrap(),
                    want[name].as_f64().unwrap(),
                    1e-6,
                );
            }
        }
        let want = &case["tversky"];
        let (a, b) = (
            p.get(imbalance_lab::sim::loss::TV_A),
            p.get(imbalance_lab::sim::loss::TV_B),
        );
        let x = tversky_boundary(&pop, a, b).unwrap();
        close(
            &format!("{at} tversky boundary"),
            x,
            want["boundary"].as_f64().unwrap(),
            1e-7,
        );
        let q = numbers(&case["optimal_prediction"]["q"]);
        for (key, curve) in case["optimal_prediction"].as_object().unwrap() {
            let Some(kind) = LossKind::from_key(key) else {
                continue;
            };
            for (q, want) in q.iter().zip(numbers(curve)) {
                let got = optimal_prediction(kind, &p, *q).unwrap();
                // The asymmetric loss's optimum can sit on its kink at p = m: a minimiser lands
                // within about 1e-8 of it.
                close(&format!("{at} {key} p*({q})"), got, want, 1e-7);
            }
        }
    }
}

/// Menon et al. 2021's synthetic task on its informative direction: positives 5 %, d = 2√2.
/// Logit adjustment with tau = 1 trains the rule of balanced error Φ(−√2) = 7.865 %; BCE at
/// threshold 0.5 does markedly worse.
#[test]
fn logit_adjustment_reproduces_menon_et_al() {
    let menon = &fixture()["menon"];
    let d = 2.0 * std::f64::consts::SQRT_2;
    let pop = Binormal::new(d, 95, 5);
    let p = LossParams::default().with_counts(95.0, 5.0);
    let balanced_error = |kind| {
        let fit = fit_population(&pop, kind, &p).unwrap();
        let m = population_metrics(&pop, &fit.model, 0.5);
        (1.0 - m.recall.unwrap() + m.fpr.unwrap()) / 2.0
    };
    let la = balanced_error(LossKind::LogitAdjusted);
    let bayes = 0.5 * libm::erfc(1.0); // Φ(−√2) = erfc(1) / 2
    close(
        "Φ(−√2)",
        bayes,
        menon["bayes_balanced_error"].as_f64().unwrap(),
        1e-14,
    );
    close("logit adjustment", la, bayes, 1e-9);
    let bce = balanced_error(LossKind::Bce);
    close(
        "BCE at 0.5",
        bce,
        menon["bce"]["balanced_error_at_half"].as_f64().unwrap(),
        1e-9,
    );
    assert!(bce > 2.0 * la, "BCE {bce} against {la}");
}

/// SPEC section 9's closed forms on the population: class-balanced is weighted BCE with
/// `pos_weight = w_1 / w_0`; logit adjustment gives `w = d`, `b = -d^2 / 2 + (1 - tau) ln(pos / neg)`;
/// and their `p*(q)`.
#[test]
fn class_balanced_and_logit_adjustment_have_their_closed_forms() {
    use imbalance_lab::sim::loss::{CB_BETA, LA_TAU};
    for (d, neg, pos, beta, tau) in [
        (2.0, 1_000, 10, 0.999, 1.0),
        (1.0, 30, 10, 0.9, 0.5),
        (3.5, 9_000, 1, 0.999999, 2.5),
        (0.8, 10, 40, 0.0, 3.0),
    ] {
        let pop = Binormal::new(d, neg, pos);
        let (n0, n1) = (f64::from(neg), f64::from(pos));
        let p = LossParams::default()
            .with(CB_BETA, beta)
            .with(LA_TAU, tau)
            .with_counts(n0, n1);
        let prior = (n1 / n0).ln();
        // Class-balanced: the effective numbers' inverse, normalised to sum to 2.
        let e = |n: f64| {
            if beta == 0.0 {
                1.0
            } else {
                (1.0 - beta.powf(n)) / (1.0 - beta)
            }
        };
        let ratio = e(n0) / e(n1); // w_1 / w_0
        let cb = fit_population(&pop, LossKind::ClassBalanced, &p)
            .unwrap()
            .model;
        close("cb w", cb.w, d, 1e-9);
        close("cb b", cb.b, -d * d / 2.0 + prior + ratio.ln(), 1e-9);
        // Weighted BCE's pos_weight stops at 100; class-balanced weights do not.
        if ratio <= 100.0 {
            let wbce = LossParams::new(ratio, 0.25, 2.0).with_counts(n0, n1);
            let same = fit_population(&pop, LossKind::WeightedBce, &wbce).unwrap();
            close("cb = weighted BCE", cb.b, same.model.b, 1e-12);
        }
        let la = fit_population(&pop, LossKind::LogitAdjusted, &p)
            .unwrap()
            .model;
        close("la w", la.w, d, 1e-9);
        close("la b", la.b, -d * d / 2.0 + (1.0 - tau) * prior, 1e-9);
        for q in [0.05, 0.3, 0.5, 0.9] {
            let odds = q / (1.0 - q);
            let cb = optimal_prediction(LossKind::ClassBalanced, &p, q).unwrap();
            close("cb p*", cb, ratio * odds / (1.0 + ratio * odds), 1e-12);
            let la = optimal_prediction(LossKind::LogitAdjusted, &p, q).unwrap();
            let want = 1.0 / (1.0 + (tau * prior - odds.ln()).exp());
            close("la p*", la, want, 1e-12);
        }
    }
}

//! The retraining spread (issue 25, part 4): numpy's quantiles to the bit, BCE's per-sample
//! values against scikit-learn on the same rows, the same bits on every run.

use imbalance_lab::sim::training::spread::{
    Band, Outcomes, P05, P50, P95, Place, Quantity, Retraining, SpreadRequest, SpreadResults,
    against_bce, quantile, spread, starts, summarise, train_sample,
};
use imbalance_lab::sim::training::{Binormal, LossParams, NoOptimum, PerLoss, Sample, fit_sample};
use imbalance_lab::sim::training::{Training, training_json};
use imbalance_lab::sim::{LossKind, Scenario};

fn request(pop: Binormal, threshold: f64, k: u32, n: u32, seed: u64) -> SpreadRequest {
    SpreadRequest {
        population: pop,
        params: LossParams::from_scenario(&Scenario::default()),
        threshold,
        k,
        n,
        seed,
    }
}

/// A fixture case's spread request.
fn case_request(c: &serde_json::Value) -> SpreadRequest {
    let num = |k: &str| c[k].as_f64().unwrap();
    let int = |k: &str| c[k].as_u64().unwrap() as u32;
    let pop = Binormal::new(num("sep"), int("neg"), int("pos"));
    let seed = c["seed"].as_u64().unwrap();
    request(pop, num("threshold"), int("k"), int("n"), seed)
}

#[test]
fn quantiles_are_numpy_s_linear_ones_worked_by_hand() {
    // (n - 1) p = 0.15, 1.5 and 2.85 (2.8499999999999996 in doubles) between 1, 2, 3, 4; at a
    // weight of a half or more numpy interpolates from the upper end, 4 - (1 - 0.85).
    // (The literals are numpy's own results, `[float(v) for v in np.quantile(...)]`.)
    let v = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(quantile(&v, P05), 1.15);
    assert_eq!(quantile(&v, P50), 2.5);
    assert_eq!(quantile(&v, P95), 3.849_999_999_999_999_6);
    // A single value is every quantile; two are interpolated between.
    assert_eq!(quantile(&[7.5], P05), 7.5);
    assert_eq!(quantile(&[7.5], P95), 7.5);
    assert_eq!(quantile(&[0.0, 10.0], P05), 0.5);
    assert_eq!(quantile(&[0.0, 10.0], P95), 9.5);
    // 20 values 1, 4, .., 400: the median halfway between the 10th and 11th (100 and 121), the
    // 5 % quantile 95 % of the way from 1 to 4 (19 x 0.05 = 0.95).
    let twenty: Vec<f64> = (1..=20).map(|i| f64::from(i * i)).collect();
    assert_eq!(quantile(&twenty, P50), 110.5);
    assert_eq!(quantile(&twenty, P05), 3.85);
    // Band sorts first; ties and negative numbers are no trouble: -1 + 3 x 0.2, 2, 2 + 8 x 0.8
    // (from the upper end: 10 - 8 x 0.2), in doubles.
    let b = Band::of([3.0, -1.0, 2.0, 2.0, 10.0].into_iter()).unwrap();
    assert_eq!(
        (b.count, b.p05, b.median, b.p95),
        (5, -0.399_999_999_999_999_9, 2.0, 8.599_999_999_999_998)
    );
    assert_eq!(Band::of(std::iter::empty()), None);
    assert_eq!(b.place(-0.5), Place::Below);
    assert_eq!(b.place(-0.3), Place::Inside);
    assert_eq!(b.place(8.5), Place::Inside);
    assert_eq!(b.place(9.0), Place::Above);
}

fn fixture() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/spread_numpy.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn option_bits(v: &serde_json::Value) -> Option<u64> {
    v.as_f64().map(f64::to_bits)
}

#[test]
fn every_band_equals_numpy_s_quantiles_of_the_same_values() {
    let fixture = fixture();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for c in cases {
        let r = case_request(c);
        let (samples, summary) = spread(&r);
        for (kind, s) in summary.iter() {
            let want = &c["losses"][kind.key()];
            for q in Quantity::ALL {
                // The app's per-sample values, which numpy read.
                let values: Vec<Option<u64>> = want["values"][q.key()]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(option_bits)
                    .collect();
                let ours: Vec<Option<u64>> = samples
                    .iter()
                    .map(|o| {
                        o.get(kind)
                            .as_ref()
                            .ok()
                            .and_then(|o| q.of(o))
                            .map(f64::to_bits)
                    })
                    .collect();
                assert_eq!(ours, values, "{kind:?} {q:?} {c}");
                // numpy's quantiles of them, to the bit.
                let band = s.band(q);
                match &want[q.key()] {
                    serde_json::Value::Null => assert_eq!(band, None, "{kind:?} {q:?}"),
                    b => {
                        let band = band.unwrap();
                        assert_eq!(u64::from(band.count), b["count"].as_u64().unwrap());
                        for (ours, key) in [
                            (band.p05, "p05"),
                            (band.median, "median"),
                            (band.p95, "p95"),
                        ] {
                            let numpy = b[key].as_f64().unwrap();
                            assert_eq!(ours.to_bits(), numpy.to_bits(), "{kind:?} {q:?} {key}");
                        }
                    }
                }
            }
        }
        bce_equals_scikit_learn(c, &samples);
    }
}

/// BCE's values on each sample, from scikit-learn's fit of the same rows (to its tolerance).
fn bce_equals_scikit_learn(c: &serde_json::Value, samples: &[Outcomes]) {
    let sk = c["bce_sklearn"].as_array().unwrap();
    assert_eq!(sk.len(), samples.len());
    for (want, got) in sk.iter().zip(samples) {
        match (want.is_null(), got.get(LossKind::Bce)) {
            (true, Err(NoOptimum::Separated)) => {}
            (false, Ok(o)) => {
                for q in Quantity::ALL {
                    let (ours, theirs) = (q.of(o).unwrap(), want[q.key()].as_f64().unwrap());
                    assert!(
                        (ours - theirs).abs() <= 1e-6 * theirs.abs().max(1e-3),
                        "{q:?}: {ours} vs scikit-learn {theirs}"
                    );
                }
            }
            (_, got) => panic!("{want} vs {got:?}"),
        }
    }
}

#[test]
fn a_spread_has_the_same_bits_every_time_and_a_sample_at_a_time() {
    let r = request(Binormal::new(1.5, 5_000, 500), 0.4, 6, 1_500, 99);
    let (samples, summary) = spread(&r);
    let bits = |s: &[Outcomes]| format!("{s:?}");
    let again = spread(&r);
    assert_eq!(bits(&again.0), bits(&samples));
    assert_eq!(format!("{:?}", again.1), format!("{summary:?}"));
    let mut run = Retraining::new(&r);
    let mut indices = Vec::new();
    while let Some((i, _)) = run.next_sample() {
        indices.push(i);
    }
    assert_eq!(indices, (0..6).collect::<Vec<_>>());
    assert_eq!(bits(run.samples()), bits(&samples));
    assert_eq!(run.summary(), summary);
    // The spread so far is that of the samples so far.
    assert_eq!(summarise(&samples[..2]), summarise(&run.samples()[..2]));
}

#[test]
fn sample_k_is_seed_plus_k_and_starts_from_the_population_model() {
    let pop = Binormal::new(2.0, 9_000, 1_000);
    let r = request(pop, 0.5, 3, 2_000, u64::MAX);
    // Sample 0 is the sample "Train on a sample" draws; the seeds wrap past the largest.
    assert_eq!(r.sample(0), Sample::generate(&pop, 2_000, u64::MAX));
    assert_eq!(r.sample_seed(1), 0);
    assert_eq!(r.sample(2), Sample::generate(&pop, 2_000, 1));
    // Started from the population's model, each loss reaches the optimum Newton reaches from
    // w = b = 0.
    let from = starts(&r);
    let params = pop.params(&r.params);
    for i in 0..3 {
        let outcomes = train_sample(&r, &from, i);
        for kind in LossKind::ALL {
            let cold = fit_sample(&r.sample(i), kind, &params).map(|f| f.model);
            match (outcomes.get(kind), cold) {
                (Ok(o), Ok(m)) => {
                    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * (1.0 + b.abs());
                    assert!(
                        close(o.model.w, m.w) && close(o.model.b, m.b),
                        "{kind:?}: {o:?} {m:?}"
                    );
                }
                (Err(a), Err(b)) => assert_eq!(*a, b),
                (a, b) => panic!("{kind:?}: {a:?} vs {b:?}"),
            }
        }
    }
}

#[test]
fn tversky_and_missing_values_are_counted_not_numbers() {
    let r = request(Binormal::new(2.0, 9_000, 1_000), 0.5, 3, 1_000, 5);
    let (_, summary) = spread(&r);
    let tversky = summary.get(LossKind::Tversky);
    assert_eq!(
        (tversky.models, tversky.reason),
        (0, Some(NoOptimum::SetLevel))
    );
    assert_eq!(tversky.bands, [None; 3]);
    assert_eq!(
        against_bce(&summary, LossKind::Tversky, Quantity::Recall),
        None
    );
    let bce = summary.get(LossKind::Bce);
    assert_eq!((bce.models, bce.reason), (3, None));
    // At threshold 1 no model predicts a positive: no boundary, no precision, recall 0.
    let (_, none) = spread(&request(Binormal::new(2.0, 9_000, 1_000), 1.0, 2, 500, 5));
    let b = none.get(LossKind::Bce);
    assert_eq!(b.band(Quantity::Boundary), None);
    assert_eq!(b.band(Quantity::Precision), None);
    assert_eq!(b.band(Quantity::Recall).map(|b| b.median), Some(0.0));
    // alpha = 0: no loss weighted by alpha trains a model on any sample.
    let mut zero = request(Binormal::new(2.0, 9_000, 1_000), 0.5, 2, 500, 5);
    zero.params.alpha = 0.0;
    let (_, z) = spread(&zero);
    let focal = z.get(LossKind::Focal);
    assert_eq!(focal.models, 0);
    assert!(matches!(focal.reason, Some(NoOptimum::ZeroWeight(_))));
}

#[test]
fn k_and_n_are_held_to_their_ranges_and_a_median_is_placed_against_bce() {
    let r = request(Binormal::new(2.0, 90, 10), 0.5, 0, 5, 1).clamped();
    assert_eq!((r.k, r.n), (2, 100));
    let r = request(Binormal::new(2.0, 90, 10), 0.5, 1_000, 1_000_000, 1).clamped();
    assert_eq!((r.k, r.n), (100, 100_000));
    // A loss that moves the boundary far (weighted BCE with pos_weight 50) has its median
    // recall above BCE's band; BCE's own median is inside it.
    let mut r = request(Binormal::new(2.0, 9_000, 1_000), 0.5, 8, 2_000, 11);
    r.params.pos_weight = 50.0;
    let (_, s) = spread(&r);
    assert_eq!(
        against_bce(&s, LossKind::WeightedBce, Quantity::Recall),
        Some(Place::Above)
    );
    assert_eq!(
        against_bce(&s, LossKind::Bce, Quantity::Recall),
        Some(Place::Inside)
    );
    let all: PerLoss<bool> = PerLoss::new(|k| s.get(k).models == 8 || !k.loss().per_sample());
    assert!(all.0.iter().all(|b| *b));
}

#[test]
fn the_results_file_carries_numpy_s_bands_and_says_why_a_loss_has_none() {
    let fixture = fixture();
    for c in fixture["cases"].as_array().unwrap() {
        let r = case_request(c);
        let pop = r.population;
        let mut t = Training::compute(&pop, &r.params, r.threshold, None);
        t.spread = Some(SpreadResults {
            request: r,
            spread: spread(&r).1,
        });
        let text = format!("{{ \"training\": {} }}", training_json(&t));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let s = &v["training"]["spread"];
        assert_eq!(
            (s["k"].as_u64(), s["n"].as_u64()),
            (c["k"].as_u64(), c["n"].as_u64())
        );
        assert_eq!(s["seed"].as_u64(), c["seed"].as_u64());
        for kind in LossKind::ALL {
            let (ours, numpy) = (&s[kind.key()], &c["losses"][kind.key()]);
            let models = ours["models"].as_u64().unwrap();
            for q in Quantity::ALL {
                // numpy's numbers, written so that they read back to the same bits.
                match &numpy[q.key()] {
                    serde_json::Value::Null => assert!(ours[q.key()].is_null()),
                    b => {
                        for key in ["count", "median", "p05", "p95"] {
                            assert_eq!(ours[q.key()][key], b[key], "{kind:?} {q:?} {key}");
                        }
                    }
                }
            }
            if models < u64::from(r.k) {
                let reason = ours["reason"].as_str().unwrap();
                assert!(!reason.is_empty(), "{kind:?}");
            } else {
                assert!(ours.get("reason").is_none(), "{kind:?}");
            }
        }
        let tversky = &s["tversky"];
        assert_eq!(tversky["models"], 0);
        assert!(tversky["recall"].is_null() && tversky["boundary"].is_null());
        assert_eq!(tversky["reason"], NoOptimum::SetLevel.reason());
    }
}

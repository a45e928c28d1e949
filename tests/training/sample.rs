//! The seeded sample and training on it: portable draws, the CSV, Newton step by step, and
//! scikit-learn on the same rows.

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::loss::FIRST;
use imbalance_lab::sim::params::Class;
use imbalance_lab::sim::rng::class_stream;
use imbalance_lab::sim::training::sample::{sample_stream, standard_normals};
use imbalance_lab::sim::training::*;
use rand_xoshiro::rand_core::Rng;

use super::reference::{close, nudged, tail};
use crate::common::read_csv;

#[test]
fn rows_split_at_the_mix_rounding_halves_up() {
    let split = |n, neg, pos| Sample::split(n, &Binormal { sep: 2.0, neg, pos });
    assert_eq!(split(2000, 100, 1), (1980, 20));
    assert_eq!(split(3, 1, 1), (2, 1));
    assert_eq!(split(1000, 0, 5), (0, 1000));
    assert_eq!(split(1000, 5, 0), (1000, 0));
    assert_eq!(split(1000, 0, 0), (0, 0));
    assert_eq!(split(u32::MAX, 1, 1), (500_000, 500_000));
    assert_eq!(split(10, 10_000_000, 1), (10, 0));
}

#[test]
fn draws_are_pinned_and_never_shared_with_the_predictions() {
    // Golden bits: a change here changes every sample a link reproduces.
    let z = standard_normals(1, Class::Negative, 3);
    let bits: Vec<u64> = z.iter().map(|v| v.to_bits()).collect();
    assert_eq!(bits, GOLDEN, "{z:?}");
    // Four distinct streams per seed: the predictions' two and the sample's two.
    for seed in [0, 1, 42] {
        let firsts = [
            class_stream(seed, Class::Negative).next_u64(),
            class_stream(seed, Class::Positive).next_u64(),
            sample_stream(seed, Class::Negative).next_u64(),
            sample_stream(seed, Class::Positive).next_u64(),
        ];
        for i in 0..4 {
            for j in 0..i {
                assert_ne!(firsts[i], firsts[j], "seed {seed}");
            }
        }
    }
    // The same seed, the same rows; one class's count leaves the other's rows be.
    let pop = Binormal::new(2.0, 9, 1);
    let a = Sample::generate(&pop, 1000, 5);
    assert_eq!(a, Sample::generate(&pop, 1000, 5));
    assert_ne!(a, Sample::generate(&pop, 1000, 6));
    let more = Sample::generate(
        &Binormal {
            neg: 9,
            pos: 2,
            ..pop
        },
        1100,
        5,
    );
    assert_eq!(more.x(Class::Negative), a.x(Class::Negative));
    assert_eq!(&more.x(Class::Positive)[..100], a.x(Class::Positive));
    assert!(
        a.x(Class::Positive)
            .iter()
            .zip(&standard_normals(5, Class::Positive, 100))
            .all(|(x, z)| *x == z + 2.0)
    );
}

/// The first three standard normals of seed 1's negatives: 1.137224649640098,
/// -0.6790408008462502, 1.7296918942398942.
const GOLDEN: [u64; 3] = [
    4607800423681002600,
    13827663512195373295,
    4610468658943011467,
];

#[test]
fn draws_are_standard_normal() {
    // Kolmogorov-Smirnov at the 1 % level, and the first two moments.
    let n = 100_000;
    for seed in [1, 2, 3] {
        let mut z = standard_normals(seed, Class::Positive, n);
        let mean = z.iter().sum::<f64>() / n as f64;
        let var = z.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 4.0 / (n as f64).sqrt(), "{mean}");
        assert!((var - 1.0).abs() < 4.0 * (2.0 / n as f64).sqrt(), "{var}");
        z.sort_by(f64::total_cmp);
        let d = z
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let f = 1.0 - tail(v);
                (f - i as f64 / n as f64).max((i + 1) as f64 / n as f64 - f)
            })
            .fold(0.0, f64::max);
        assert!(d < 1.63 / (n as f64).sqrt(), "seed {seed}: D = {d}");
    }
}

#[test]
fn the_csv_reads_back_to_the_same_rows() {
    let pop = Binormal::new(2.5, 3, 1);
    let s = Sample::generate(&pop, 401, 9);
    let csv = String::from_utf8(s.csv()).unwrap();
    let (header, rows) = read_csv(&csv);
    assert_eq!(header, Some(CSV_HEADER.trim_end()));
    assert_eq!(rows.len(), 401);
    let want: Vec<(u8, f64)> = s
        .x(Class::Negative)
        .iter()
        .map(|&x| (0, x))
        .chain(s.x(Class::Positive).iter().map(|&x| (1, x)))
        .collect();
    for (got, want) in rows.iter().zip(&want) {
        assert_eq!((got.0, got.1.to_bits()), (want.0, want.1.to_bits()));
    }
    // Written in pieces, the same bytes.
    let mut pieces = CSV_HEADER.as_bytes().to_vec();
    for start in (0..401).step_by(150) {
        s.csv_rows(start..start + 150, &mut pieces);
    }
    assert_eq!(pieces, s.csv());
}

#[test]
fn training_steps_down_to_the_optimum() {
    let pop = Binormal::new(2.0, 20, 1);
    let s = Sample::generate(&pop, 5000, 3);
    for gamma in [0.0, 2.0, 10.0] {
        let p = LossParams::new(4.0, 0.25, gamma);
        for kind in FIRST {
            let mut t = Trainer::new(&s, kind, &p).unwrap();
            let first = t.current();
            assert_eq!(
                (first.model, first.steps, first.converged),
                (Model::default(), 0, false)
            );
            let mut last = first.loss;
            let mut steps = Vec::new();
            while !t.current().converged {
                let step = t.step();
                assert!(
                    step.loss <= last * (1.0 + 1e-15),
                    "{kind:?} gamma {gamma}: {step:?}"
                );
                last = step.loss;
                steps.push(step);
                assert!(steps.len() < 60, "{kind:?} gamma {gamma}");
            }
            let fit = fit_sample(&s, kind, &p).unwrap();
            assert_eq!(fit.model, steps.last().unwrap().model);
            // A step after convergence changes nothing.
            assert_eq!(t.step().model, fit.model);
            // Stationary: the gradient of the mean loss vanishes.
            let o = s.objective(&Shape::of(kind, &p).unwrap(), &fit.model);
            assert!(
                o.grad[0].abs() + o.grad[1].abs() < 1e-12,
                "{kind:?} gamma {gamma}: {o:?}"
            );
        }
    }
}

#[test]
fn the_sample_objective_matches_finite_differences() {
    let s = Sample::generate(&Binormal::new(1.0, 3, 1), 800, 1);
    let p = LossParams::new(3.0, 0.3, 2.5);
    for kind in FIRST {
        let shape = Shape::of(kind, &p).unwrap();
        let m = Model { w: 0.8, b: -0.6 };
        let o = s.objective(&shape, &m);
        let h = 1e-6;
        for i in 0..2 {
            let at = |e: f64| s.objective(&shape, &nudged(m, i, e));
            let (hi, lo) = (at(h), at(-h));
            assert!(
                close((hi.value - lo.value) / (2.0 * h), o.grad[i], 1e-8),
                "{kind:?}"
            );
            for j in 0..2 {
                assert!(
                    close((hi.grad[j] - lo.grad[j]) / (2.0 * h), o.hess[i][j], 1e-7),
                    "{kind:?}"
                );
            }
        }
    }
}

#[test]
fn a_large_class_summed_in_halves_is_the_plain_mean() {
    // 300,000 rows: both classes past losses::SPLIT, so each is summed as two halves.
    let s = Sample::generate(&Binormal::new(1.0, 1, 1), 300_000, 2);
    let p = LossParams {
        gamma: 2.5,
        ..LossParams::default()
    };
    let m = Model { w: 0.9, b: -0.4 };
    for kind in FIRST {
        let shape = Shape::of(kind, &p).unwrap();
        let plain = [Class::Negative, Class::Positive]
            .iter()
            .flat_map(|&c| s.x(c).iter().map(move |&x| (c, x)))
            .map(|(c, x)| shape.at(c, m.logit(x)).value)
            .sum::<f64>()
            / s.len() as f64;
        assert!(
            close(s.objective(&shape, &m).value, plain, 1e-12),
            "{kind:?}"
        );
    }
}

#[test]
fn no_finite_optimum_is_a_reason() {
    let p = LossParams::default();
    // Ten rows at d = 6 are separated; so is any sample with one class empty.
    let separated = Sample::generate(&Binormal::new(6.0, 1, 1), 10, 1);
    let one_class = Sample::generate(&Binormal::new(2.0, 1, 0), 10, 1);
    let empty = Sample::generate(&Binormal::new(2.0, 0, 0), 10, 1);
    for kind in FIRST {
        assert_eq!(
            fit_sample(&separated, kind, &p).err(),
            Some(NoOptimum::Separated)
        );
        assert_eq!(
            fit_sample(&one_class, kind, &p).err(),
            Some(NoOptimum::NoPositives)
        );
        assert_eq!(
            fit_sample(&empty, kind, &p).err(),
            Some(NoOptimum::NoSamples)
        );
    }
    let overlapping = Sample::generate(&Binormal::new(1.0, 1, 1), 200, 1);
    let zero = LossParams { alpha: 0.0, ..p };
    for kind in [LossKind::BalancedCe, LossKind::Focal] {
        let e = fit_sample(&overlapping, kind, &zero).err();
        assert_eq!(e, Some(NoOptimum::ZeroWeight(Class::Positive)));
    }
    assert!(fit_sample(&overlapping, LossKind::Bce, &zero).is_ok());
}

#[test]
fn a_large_sample_trains_close_to_the_population_model() {
    let pop = Binormal::new(2.0, 4, 1);
    let s = Sample::generate(&pop, 200_000, 8);
    let p = LossParams::default();
    for kind in FIRST {
        let exact = fit_population(&pop, kind, &p).unwrap().model;
        let fit = fit_sample(&s, kind, &p).unwrap().model;
        // Sampling noise at 200,000 rows: a few 0.01.
        assert!(
            (fit.w - exact.w).abs() < 0.05 && (fit.b - exact.b).abs() < 0.05,
            "{kind:?}: {fit:?} vs {exact:?}"
        );
    }
}

#[test]
fn bce_and_weighted_bce_equal_scikit_learn_on_the_same_rows() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/training_sklearn.json"
    ))
    .unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 5);
    for c in cases {
        let num = |k: &str| c[k].as_f64().unwrap();
        let int = |k: &str| c[k].as_u64().unwrap() as u32;
        let pop = Binormal::new(num("sep"), int("neg"), int("pos"));
        let s = Sample::generate(&pop, int("n"), c["seed"].as_u64().unwrap());
        // The rows the script fitted.
        assert_eq!(s.x(Class::Negative).len() as u32, int("rows_neg"));
        assert_eq!(s.x(Class::Positive).len() as u32, int("rows_pos"));
        let first: f64 = c["first_x"].as_str().unwrap().parse().unwrap();
        assert_eq!(s.x(Class::Negative)[0].to_bits(), first.to_bits());
        let sum: f64 = s
            .x(Class::Negative)
            .iter()
            .chain(s.x(Class::Positive))
            .sum();
        assert!(close(sum, num("x_sum"), 1e-12), "{sum}");
        let p = LossParams {
            pos_weight: num("pos_weight"),
            ..LossParams::default()
        };
        for kind in [LossKind::Bce, LossKind::WeightedBce] {
            let fit = fit_sample(&s, kind, &p).unwrap().model;
            let want = &c[kind.key()];
            let (w, b) = (want["w"].as_f64().unwrap(), want["b"].as_f64().unwrap());
            assert!(
                (fit.w - w).abs() <= 1e-7 * w.abs() && (fit.b - b).abs() <= 1e-7 * b.abs(),
                "{kind:?} {c}: {fit:?} vs sklearn w {w} b {b}"
            );
        }
    }
}

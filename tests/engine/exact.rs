//! The engine's numbers are the core's, on imported scores and after any sequence of changes.

use imbalance_lab::sim::engine::{DataSet, Engine, Request};
use imbalance_lab::sim::{Class, ClassScores, Scenario};

use super::helpers::{direct, direct_on, edited, request};
use crate::common::counts;

#[test]
fn imported_scores_give_the_cores_numbers_on_them() {
    // Two models' scores in no order, with ties and both ends of [0, 1].
    let wave = |k: usize, n: usize, f: f64| -> Vec<f64> {
        (0..n)
            .map(|i| (((i * k) % 97) as f64 / 96.0 * f).min(1.0))
            .collect()
    };
    let models = [
        [
            ClassScores::from_scores(Class::Negative, wave(7, 900, 0.6)),
            ClassScores::from_scores(Class::Positive, wave(11, 40, 1.3)),
        ],
        [
            ClassScores::from_scores(Class::Negative, wave(5, 900, 0.9)),
            ClassScores::from_scores(Class::Positive, wave(3, 40, 1.0)),
        ],
    ];
    let mut engine = Engine::new();
    engine.hold(DataSet {
        id: 3,
        models: models.clone(),
    });
    let s = Scenario {
        threshold: 0.4,
        gamma: 2.5,
        ..counts(900, 40)
    };
    let r = Request {
        data: 3,
        ..request(s, [0.5, 0.5])
    };
    let answer = engine.compute(&r, &mut |_| {}).unwrap();
    assert_eq!(answer, direct_on(&r, &models));
    // Threshold and gamma move on the same data; a data set the engine does not hold has no
    // answer (never numbers of something else).
    let moved = Request {
        scenario: Scenario {
            threshold: 0.7,
            gamma: 0.0,
            ..s
        },
        ..r
    };
    assert_eq!(
        engine.compute(&moved, &mut |_| {}),
        Some(direct_on(&moved, &models))
    );
    assert_eq!(engine.compute(&Request { data: 4, ..r }, &mut |_| {}), None);
    // The predictions file of imported data holds the imported scores, class by class.
    let job = imbalance_lab::export::PredictionsJob {
        request: r,
        model_b: false,
        trained: None,
    };
    let file = imbalance_lab::export::PredictionsFile::new(&mut engine, &job, None).unwrap();
    let csv = String::from_utf8(file.piece(0..940)).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 941);
    assert_eq!(rows[1], format!("0,{}", models[0][0].get(0)));
    assert_eq!(rows[940], format!("1,{}", models[0][1].get(39)));
    // The request survives its trip with the data set's number.
    assert_eq!(Request::decode(&r.encode()), Some(r));
}

#[test]
fn the_engine_gives_the_cores_numbers_after_any_sequence_of_changes() {
    let base = Scenario {
        seed: 7,
        ..counts(150_000, 2_000)
    };
    let steps = [
        request(base, [0.98, 0.9]),
        edited(base, |s| s.threshold = 0.3, [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.threshold) = (2.5, 0.3), [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.acc0) = (2.5, 0.9), [0.98, 0.9]),
        edited(base, |s| (s.gamma, s.acc0) = (2.5, 0.9), [0.7, 0.2]),
        edited(base, |s| s.neg = 90_000, [0.7, 0.2]),
        edited(base, |s| s.seed = u64::MAX - 3, [0.7, 0.2]),
        edited(base, |s| (s.neg, s.pos) = (0, 5), [0.7, 0.2]),
        request(base, [0.98, 0.9]),
    ];
    let mut engine = Engine::new();
    for r in &steps {
        let mut last = -1.0;
        let exact = engine.compute(r, &mut |p| {
            assert!(
                (0.0..=1.0).contains(&p) && p >= last,
                "progress {p} after {last}"
            );
            last = p;
        });
        assert_eq!(last, 1.0);
        assert_eq!(exact, Some(direct(r)), "{r:?}");
    }
}

//! The exact engine (what the Web Worker runs): the same numbers as the core's own layers, only
//! the changed layers redone, and answers that survive their trip as numbers.

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::curves::{histogram, threshold_sweep};
use imbalance_lab::sim::engine::{BINS, Engine, Exact, PREVIEW, Request, SWEEP, ap_at_ratios};
use imbalance_lab::sim::{Class, ClassLoss, ClassScores, Confusion, Ranking, Scenario, UnitDraws};

fn request(s: Scenario, rival: [f64; 2]) -> Request {
    Request { scenario: s, rival }
}

/// The numbers of `r` straight from the core, with nothing kept between layers.
fn direct(r: &Request) -> Exact {
    let s = r.scenario;
    let draws =
        [Class::Negative, Class::Positive].map(|c| UnitDraws::generate(s.seed, c, s.count(c)));
    let scores = |m: usize| {
        [Class::Negative, Class::Positive]
            .map(|c| ClassScores::new(c, r.acc(m, c), &draws[c as usize]))
    };
    let model = |m: usize| {
        let [n, p] = scores(m);
        imbalance_lab::sim::engine::ModelExact {
            loss: [ClassLoss::new(&n, s.gamma), ClassLoss::new(&p, s.gamma)],
            confusion: Confusion::at(&n, &p, s.threshold),
            ranking: Ranking::new(&n, &p),
            ap_at_ratios: ap_at_ratios(&n, &p),
        }
    };
    let [n, p] = scores(0);
    Exact {
        request: *r,
        models: [model(0), model(1)],
        histograms: [histogram(&n, BINS), histogram(&p, BINS)],
        sweep: threshold_sweep(&n, &p, SWEEP),
    }
}

#[test]
fn the_engine_gives_the_cores_numbers_after_any_sequence_of_changes() {
    let base = Scenario {
        neg: 150_000,
        pos: 2_000,
        seed: 7,
        ..Scenario::default()
    };
    let steps = [
        request(base, [0.98, 0.9]),
        request(
            Scenario {
                threshold: 0.3,
                ..base
            },
            [0.98, 0.9],
        ),
        request(
            Scenario {
                gamma: 2.5,
                threshold: 0.3,
                ..base
            },
            [0.98, 0.9],
        ),
        request(
            Scenario {
                gamma: 2.5,
                acc0: 0.9,
                ..base
            },
            [0.98, 0.9],
        ),
        request(
            Scenario {
                gamma: 2.5,
                acc0: 0.9,
                ..base
            },
            [0.7, 0.2],
        ),
        request(
            Scenario {
                neg: 90_000,
                ..base
            },
            [0.7, 0.2],
        ),
        request(
            Scenario {
                seed: u64::MAX - 3,
                ..base
            },
            [0.7, 0.2],
        ),
        request(
            Scenario {
                neg: 0,
                pos: 5,
                ..base
            },
            [0.7, 0.2],
        ),
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
        assert_eq!(exact, direct(r), "{r:?}");
    }
}

#[test]
fn answers_and_requests_survive_their_trip_as_numbers() {
    let mut engine = Engine::new();
    for r in [
        request(Scenario::default(), [0.98, 0.9]),
        // Undefined metrics (no positives), a seed above 2^53, an empty class.
        request(
            Scenario {
                neg: 3_000,
                pos: 0,
                seed: u64::MAX,
                ..Scenario::default()
            },
            [0.5, 0.5],
        ),
        request(
            Scenario {
                neg: 0,
                pos: 0,
                ..Scenario::default()
            },
            [1.0, 0.0],
        ),
    ] {
        assert_eq!(Request::decode(&r.encode()), Some(r));
        let exact = engine.compute(&r, &mut |_| {});
        let back = Exact::decode(&exact.encode()).expect("decodes");
        assert_eq!(back, exact);
        for (a, b) in back.models.iter().zip(&exact.models) {
            assert_eq!(a.loss[0].ce.to_bits(), b.loss[0].ce.to_bits());
        }
    }
}

#[test]
fn anything_but_an_answer_is_refused() {
    let exact = Engine::new().compute(
        &request(
            Scenario {
                neg: 1_000,
                pos: 50,
                ..Scenario::default()
            },
            [0.9, 0.9],
        ),
        &mut |_| {},
    );
    let good = exact.encode();
    assert!(Exact::decode(&[]).is_none());
    assert!(Exact::decode(&good[..good.len() - 1]).is_none());
    let mut longer = good.clone();
    longer.push(0.0);
    assert!(Exact::decode(&longer).is_none());
    for i in [0, 1, 8, 14, 20] {
        let mut bad = good.clone();
        bad[i] = f64::NAN;
        assert!(Exact::decode(&bad).is_none(), "NaN at {i}");
        bad[i] = -1.5;
        assert!(Exact::decode(&bad).is_none(), "-1.5 at {i}");
    }
    assert!(Request::decode(&[1.0; 3]).is_none());
}

#[test]
fn small_classes_are_their_own_preview() {
    let fits = |neg, pos| {
        request(
            Scenario {
                neg,
                pos,
                ..Scenario::default()
            },
            [0.9, 0.9],
        )
        .fits_preview()
    };
    assert!(fits(PREVIEW, PREVIEW));
    assert!(!fits(PREVIEW + 1, 10));
    assert!(!fits(10, PREVIEW + 1));
}

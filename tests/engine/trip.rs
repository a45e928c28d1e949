//! Answers and requests as the numbers they travel as between the worker and the page.

use imbalance_lab::sim::Scenario;
use imbalance_lab::sim::engine::{Answer, Engine, Request};

use super::helpers::{edited, request};
use crate::common::counts;

#[test]
fn answers_and_requests_survive_their_trip_as_numbers() {
    let mut engine = Engine::new();
    for r in [
        request(Scenario::default(), [0.98, 0.9]),
        // Undefined metrics (no positives), a seed above 2^53, an empty class.
        edited(counts(3_000, 0), |s| s.seed = u64::MAX, [0.5, 0.5]),
        request(counts(0, 0), [1.0, 0.0]),
    ] {
        assert_eq!(Request::decode(&r.encode()), Some(r));
        let exact = engine.compute(&r, &mut |_| {}).unwrap();
        let back = Answer::decode(&exact.encode()).expect("decodes");
        assert_eq!(back, exact);
        for (a, b) in back.models.iter().zip(&exact.models) {
            assert_eq!(a.loss[0].ce.to_bits(), b.loss[0].ce.to_bits());
        }
    }
}

#[test]
fn anything_but_an_answer_is_refused() {
    let exact = Engine::new()
        .compute(&request(counts(1_000, 50), [0.9, 0.9]), &mut |_| {})
        .unwrap();
    let good = exact.encode();
    assert!(Answer::decode(&[]).is_none());
    assert!(Answer::decode(&good[..good.len() - 1]).is_none());
    let mut longer = good.clone();
    longer.push(0.0);
    assert!(Answer::decode(&longer).is_none());
    // Counts, a seed's half, the first and another loss sum.
    for i in [0, 1, 8, 22, 28] {
        let mut bad = good.clone();
        bad[i] = f64::NAN;
        assert!(Answer::decode(&bad).is_none(), "NaN at {i}");
        bad[i] = -1.5;
        assert!(Answer::decode(&bad).is_none(), "-1.5 at {i}");
    }
    assert!(Request::decode(&[1.0; 3]).is_none());
}

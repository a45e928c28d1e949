//! The decision panel (SPEC section 8) against brute force, closed forms, the composition
//! panel's maths, a naive bootstrap and scikit-learn.
#![cfg(not(target_arch = "wasm32"))]

mod decision {
    mod bootstrap;
    mod calibration;
    mod costs;
    mod intervals;
    mod json;
    mod prevalence;
    mod sklearn;

    use imbalance_lab::sim::{Class, ClassScores};
    use proptest::prelude::*;

    /// The two classes from given scores (any order).
    pub fn classes(neg: &[f64], pos: &[f64]) -> (ClassScores, ClassScores) {
        (
            ClassScores::from_scores(Class::Negative, neg.to_vec()),
            ClassScores::from_scores(Class::Positive, pos.to_vec()),
        )
    }

    /// Scores in [0, 1], often tied (a grid of tenths) and sometimes at 0 or 1 exactly.
    pub fn scores(max: usize) -> impl Strategy<Value = Vec<f64>> {
        let score = prop_oneof![(0u8..=10).prop_map(|k| f64::from(k) / 10.0), 0.0..=1.0f64,];
        proptest::collection::vec(score, 0..max)
    }

    /// `|a - b| <= tol max(|a|, |b|, 1e-300)`.
    pub fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * a.abs().max(b.abs()).max(1e-300)
    }
}

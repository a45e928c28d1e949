//! What the worker's tests share.

use imbalance_lab::sim::Scenario;
use imbalance_lab::sim::engine::Request;

/// A synthetic request with a fixed seed and model B.
pub fn request(neg: u32, pos: u32, threshold: f64) -> Request {
    Request {
        scenario: Scenario {
            neg,
            pos,
            threshold,
            seed: u64::MAX - 9,
            ..Scenario::default()
        },
        model_b: [0.98, 0.9],
        data: 0,
    }
}

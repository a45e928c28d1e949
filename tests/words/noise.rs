//! The standard errors the words state are what seeds really do.

use imbalance_lab::features::words::{MODEL_B, NUMBERS};
use imbalance_lab::sim::{LossKind, Scenario, analyse};

use super::helpers::{after, scenario, text, words};

/// The sample standard deviation.
fn deviation(v: &[f64]) -> f64 {
    let m = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

/// BCE's mean for one seed.
fn bce_mean(s: Scenario) -> f64 {
    analyse(&s).losses.get(LossKind::Bce).mean().unwrap()
}

#[test]
fn the_standard_error_is_how_far_seeds_move_the_mean() {
    // 400 seeds of a 20,000-sample set at 1:19 (the negatives more than the 4,096 evenly spaced
    // samples the spread is estimated from): the spread of BCE's mean from seed to seed against
    // the standard error the words state (stated to two digits).
    let base = scenario(19_000, 1_000);
    let t = text(&words(base, 0).sections[NUMBERS]);
    // The first ± in the per-class table's rows is BCE's.
    let rows = &t[t.find("standard error BCE").unwrap()..];
    let stated = after(rows, "±");
    let means: Vec<f64> = (0..400)
        .map(|seed| bce_mean(Scenario { seed, ..base }))
        .collect();
    let sd = deviation(&means);
    // The spread of 400 seeds is itself known to about 4 %.
    assert!(
        (stated / sd - 1.0).abs() < 0.15,
        "stated {stated}, seeds {sd}"
    );
    // Model B scores the same draws: the difference is judged by the error of the difference,
    // which is what seeds do to A's BCE minus B's.
    let ab = text(&words(base, 0).sections[MODEL_B]);
    let stated = after(&ab, "standard errors (");
    let diffs: Vec<f64> = (0..400)
        .map(|seed| {
            let s = Scenario { seed, ..base };
            let b = Scenario {
                acc0: 0.98,
                acc1: 0.9,
                ..s
            };
            bce_mean(s) - bce_mean(b)
        })
        .collect();
    let sd = deviation(&diffs);
    assert!(
        (stated / sd - 1.0).abs() < 0.15,
        "difference: stated {stated}, seeds {sd}"
    );
}

//! The training view kept up to date a change at a time (`TrainingView::update`) equals the
//! view computed afresh, and a loss's own parameter refits that loss alone.

use imbalance_lab::sim::LossKind;
use imbalance_lab::sim::loss::{ASL_M, LA_TAU, LDAM_M, TV_A};
use imbalance_lab::sim::training::*;

/// One change after another: each loss's parameters, the separation, the mix, the threshold.
#[test]
fn each_update_equals_a_fresh_view() {
    let base = LossParams::new(3.0, 0.4, 2.0);
    let steps: [(Binormal, LossParams, f64); 9] = [
        (Binormal::new(2.0, 900, 100), base, 0.5),
        (Binormal::new(2.0, 900, 100), base.with(LA_TAU, 2.0), 0.5),
        (
            Binormal::new(2.0, 900, 100),
            base.with(LA_TAU, 2.0).with(ASL_M, 0.2),
            0.5,
        ),
        (
            Binormal::new(3.0, 900, 100),
            base.with(LA_TAU, 2.0).with(ASL_M, 0.2),
            0.5,
        ),
        (
            Binormal::new(3.0, 900, 100),
            base.with(LA_TAU, 2.0).with(ASL_M, 0.2),
            0.3,
        ),
        (Binormal::new(3.0, 990, 10), base.with(LDAM_M, 3.0), 0.3),
        (
            Binormal::new(3.0, 990, 10),
            LossParams { gamma: 4.0, ..base },
            0.3,
        ),
        (
            Binormal::new(3.0, 990, 10),
            LossParams { alpha: 0.9, ..base }.with(TV_A, 0.8),
            0.3,
        ),
        (Binormal::new(0.0, 990, 0), base, 0.7),
    ];
    let mut prev: Option<TrainingView> = None;
    for (i, (pop, params, t)) in steps.iter().enumerate() {
        let updated = TrainingView::update(prev.as_ref(), pop, params, *t);
        assert_eq!(updated, TrainingView::compute(pop, params, *t), "step {i}");
        prev = Some(updated);
    }
}

/// Logit adjustment's tau moves its model and its p*(q), and leaves every other loss's
/// model and curve as they were (the same values, not refitted to within a tolerance).
#[test]
fn a_loss_parameter_changes_that_loss_alone() {
    let pop = Binormal::new(2.0, 950, 50);
    let before = TrainingView::compute(&pop, &LossParams::default(), 0.5);
    let params = LossParams::default().with(LA_TAU, 2.5);
    let after = TrainingView::update(Some(&before), &pop, &params, 0.5);
    for kind in LossKind::ALL {
        let same = after.trained.get(kind) == before.trained.get(kind)
            && after.optimal.get(kind) == before.optimal.get(kind);
        assert_eq!(same, kind != LossKind::LogitAdjusted, "{kind:?}");
    }
}

//! A small hand-made case with ties, against numbers computed by scikit-learn 1.x and numpy
//! (the conventions of Keras, PyTorch and torchvision written out in numpy), to the last digits
//! printed. The script that produced them is in the comments beside each group.

#![cfg(not(target_arch = "wasm32"))]

use imbalance_lab::sim::loss::LossParams;
use imbalance_lab::sim::{
    Class, ClassLoss, ClassScores, Confusion, LossKind, Losses, Metrics, Ranking, losses,
};

const NEG: [f64; 7] = [0.05, 0.2, 0.35, 0.35, 0.5, 0.62, 0.9];
const POS: [f64; 5] = [0.35, 0.5, 0.7, 0.95, 0.2];

fn classes() -> (ClassScores, ClassScores) {
    (
        ClassScores::from_scores(Class::Negative, NEG.to_vec()),
        ClassScores::from_scores(Class::Positive, POS.to_vec()),
    )
}

/// The four losses of `neg` and `pos` with focal exponent `gamma`, alpha 0.25 and weighted BCE's
/// `pos_weight`.
fn losses_of(neg: &ClassScores, pos: &ClassScores, gamma: f64, pos_weight: f64) -> Losses {
    let params =
        LossParams::new(pos_weight, 0.25, gamma).with_counts(neg.len() as f64, pos.len() as f64);
    let (n, p) = (ClassLoss::of(neg, &params), ClassLoss::of(pos, &params));
    losses(&n, &p, &params)
}

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() <= 1e-13 * want.abs().max(1.0),
        "got {got:?}, want {want:?}"
    );
}

#[test]
fn metrics_match_scikit_learn() {
    // y = [0]*7 + [1]*5; p = NEG + POS; yp = p >= 0.5
    // roc_auc_score, average_precision_score, confusion_matrix, accuracy_score,
    // precision_score, recall_score, f1_score, balanced_accuracy_score, matthews_corrcoef
    let (neg, pos) = classes();
    let m = Metrics::new(Confusion::at(&neg, &pos, 0.5), Ranking::new(&neg, &pos));
    let c = m.confusion;
    assert_eq!((c.tn, c.fp, c.fn_, c.tp), (4, 3, 2, 3));
    close(m.roc_auc.unwrap(), 0.6285714285714287);
    close(m.average_precision.unwrap(), 0.6131313131313132);
    close(m.accuracy.unwrap(), 0.5833333333333334);
    close(m.precision.unwrap(), 0.5);
    close(m.recall.unwrap(), 0.6);
    close(m.f1.unwrap(), 0.5454545454545454);
    close(m.balanced_accuracy.unwrap(), 0.5857142857142856);
    close(m.mcc.unwrap(), 0.1690308509457033);
    close(m.specificity.unwrap(), 4.0 / 7.0);
}

#[test]
fn losses_match_the_frameworks_conventions() {
    // q = clip(p, 1e-7, 1 - 1e-7); ce = -(y ln q + (1 - y) ln(1 - q))       (Keras BCE)
    // wce = -(3 y ln q + (1 - y) ln(1 - q))                     (BCEWithLogitsLoss, pos_weight 3)
    // focal = a_t (1 - p_t)^g ce, alpha .25           (torchvision sigmoid_focal_loss, Keras
    //                                                   BinaryFocalCrossentropy balanced)
    let (neg, pos) = classes();
    let l = losses_of(&neg, &pos, 2.0, 3.0);
    close(l.get(LossKind::Bce).mean().unwrap(), 0.7383078694601143);
    close(l.get(LossKind::Bce).sum().unwrap(), 8.859694433521371);
    close(l.get(LossKind::Bce).class_sums()[0], 5.0993189777023655);
    close(l.get(LossKind::Bce).class_sums()[1], 3.7603754558190063);
    close(
        l.get(LossKind::WeightedBce).mean().unwrap(),
        1.3650371120966156,
    );
    close(
        l.get(LossKind::BalancedCe).mean().unwrap(),
        0.39704859143596044,
    );
    close(l.get(LossKind::Focal).mean().unwrap(), 0.1927886107200628);
    close(l.get(LossKind::Focal).sum().unwrap(), 2.3134633286407533);
    // A fractional gamma takes the exp/ln path.
    let l = losses_of(&neg, &pos, 0.7, 3.0);
    close(l.get(LossKind::Focal).mean().unwrap(), 0.2914388885036117);
    assert_eq!(LossKind::Focal.key(), "focal");
}

#[test]
fn clipping_keeps_certain_mistakes_finite() {
    // A positive at p = 0 costs -ln(1e-7) = 16.118..., as in Keras, not infinity.
    let neg = ClassScores::from_scores(Class::Negative, vec![1.0]);
    let pos = ClassScores::from_scores(Class::Positive, vec![0.0]);
    let l = losses_of(&neg, &pos, 2.0, 1.0);
    // numpy: -log(1 - clip(1.0, eps, 1 - eps)) and -log(clip(0.0, eps, 1 - eps))
    close(l.get(LossKind::Bce).class_sums()[0], 16.11809565148468);
    close(l.get(LossKind::Bce).class_sums()[1], 16.11809565095832);
    assert!(l.get(LossKind::Focal).sum().unwrap().is_finite());
}

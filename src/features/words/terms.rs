//! The terms the page defines, each where it is first used, and the sources it names.

use crate::sim::LossKind;
use std::fmt::Write;

/// The terms the page defines, each once, `(key, term, definition)`, but the losses' own, which
/// each loss's file gives (`LossText::term`).
const TERMS: &[(&str, &str, &str)] = &[
    (
        "mean",
        "mean",
        "The loss summed over every sample and divided by the number of samples: PyTorch's <code>reduction='mean'</code>, Keras' <code>'sum_over_batch_size'</code>. Written L̄ in the formulas.",
    ),
    (
        "sum",
        "sum",
        "Every sample's loss added up (<code>reduction='sum'</code>). It grows with the size of the set, so a sum can only be compared with another sum over the same samples.",
    ),
    (
        "share",
        "share",
        "The part of a loss's sum that one class's samples contribute; the two shares add up to 100 %.",
    ),
    (
        "pt",
        "pₜ",
        "The probability the model gives the true class: p for a positive, 1 − p for a negative. pₜ near 1 is an easy, well-classified sample.",
    ),
    (
        "gamma",
        "γ (gamma)",
        "Focal loss's focusing parameter: the power of (1 − pₜ). The larger γ, the less an easy sample counts.",
    ),
    (
        "clip",
        "clipping",
        "Before a logarithm every probability is moved into [10⁻⁷, 1 − 10⁻⁷], as Keras does, so one confident mistake costs at most −ln 10⁻⁷ ≈ 16.1 instead of infinity.",
    ),
    (
        "cells",
        "TP, FP, TN, FN",
        "True positives, false positives, true negatives, false negatives. A sample whose score is at or above the threshold is called positive.",
    ),
    (
        "acc",
        "accuracy",
        "(TP + TN) / all samples: dominated by the larger class.",
    ),
    (
        "prec",
        "precision",
        "TP / (TP + FP): of the samples called positive, the share that are. It falls as negatives pile up, for the same model.",
    ),
    (
        "rec",
        "recall, TPR",
        "TP / (TP + FN): the true positive rate (sensitivity), the share of positives found. The class ratio cannot move it.",
    ),
    (
        "spec",
        "specificity, FPR",
        "Specificity is TN / (TN + FP), the share of negatives correctly called negative; the false positive rate FPR = FP / (FP + TN) is 1 − specificity.",
    ),
    (
        "f1",
        "F1",
        "2 · precision · recall / (precision + recall): high only when both are.",
    ),
    (
        "bacc",
        "balanced accuracy",
        "(recall + specificity) / 2: accuracy with each class counted equally, whatever their sizes.",
    ),
    (
        "mcc",
        "MCC",
        "Matthews correlation coefficient, (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)): the correlation between labels and decisions, from −1 to 1, 0 for guessing. It uses all four cells, so neither class can hide.",
    ),
    (
        "auc",
        "ROC AUC",
        "The area under the ROC curve (TPR against FPR over every threshold): the chance that a random positive scores above a random negative, ties counting half. It does not depend on the class ratio.",
    ),
    (
        "ap",
        "average precision",
        "Roughly, the precision averaged over the recall levels as the threshold falls (1 is perfect): scikit-learn's Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds, without interpolation. A model that guesses scores the share of positives, so it depends on the class ratio.",
    ),
    (
        "se",
        "standard error",
        "How far a mean loss moves from one seed (one validation set of the same size and mix) to another: √(n₀ s₀² + n₁ s₁²) / N, with s₀ and s₁ the spread of the per-sample loss within each class (estimated from up to 4,096 evenly spaced samples of each). About 95 % of seeds land within 2 standard errors.",
    ),
    (
        "gen",
        "uniform generator",
        "How the synthetic predictions are drawn, after the blog post: at accuracy a ≥ 0.5 a positive's probability is uniform on [1 − 0.5/a, 1] and a negative's on [0, 0.5/a], so a share a of each class falls on the right side of 0.5 (mirrored below a = 0.5).",
    ),
    (
        "cost",
        "costs and the least-cost threshold",
        "Each false positive costs cost_fp, each false negative cost_fn, each true positive earns reward_tp; the total at a threshold is counted on the validation set, and the least-cost threshold is the one with the smallest total (ties go to the largest threshold). A calibrated model's would be c_fp / (c_fp + c_fn + r_tp); a model whose scores are not probabilities has its own.",
    ),
    (
        "prev",
        "deployment prevalence",
        "The share of positives where the model will be used, when it differs from the validation set's: the counts are re-weighted to it (precision and everything that mixes the classes change; recall and specificity do not).",
    ),
    (
        "odds",
        "odds",
        "p / (1 − p): the chance of a positive over the chance of a negative. Odds of 1 are even chances; 0.01 is 1 positive to 100 negatives.",
    ),
    (
        "logit",
        "logit",
        "ln(p / (1 − p)), the logarithm of the odds: 0 at p = 0.5, negative below it, positive above. 1 / (1 + e<sup>−z</sup>) turns a logit z back into p.",
    ),
    (
        "prior",
        "prior correction",
        "Moving calibrated probabilities from the share of positives they were made for (their prior) to another share: each score's odds p / (1 − p) are multiplied by the new share's odds over the old one's, which adds the logarithm of that ratio to the logit. The order of the scores does not change, so every threshold on the new probabilities is one on the old ones.",
    ),
    (
        "undo",
        "undoing a training weight",
        "A model trained with pos_weight w (or on negatives kept at a rate r) overstates the odds of a positive by w (or 1 / r); dividing its odds by w (or multiplying them by r), a prior correction by that factor, recalibrates it.",
    ),
    (
        "calib",
        "calibrated",
        "Scores that can be read as probabilities: among the samples scored p, a share p are positive. The reliability diagram shows how far a model is from it.",
    ),
    (
        "brier",
        "Brier score",
        "The mean squared difference between the predicted probability and the label: 0 is perfect, and it rewards calibration and ranking together.",
    ),
    (
        "ece",
        "ECE",
        "Expected calibration error: the scores binned (15 equal bins), and the gap between each bin's mean score and its share of positives, averaged with the bins' sizes as weights.",
    ),
    (
        "logloss",
        "log loss",
        "BCE's mean, under scikit-learn's name.",
    ),
    (
        "reliab",
        "reliability diagram",
        "Each bin's share of positives against its mean score: a calibrated model's points lie on the diagonal.",
    ),
    (
        "wilson",
        "Wilson interval",
        "A 95 % interval for a rate such as recall, from its count and its total: unlike the plain ± 1.96 √(p(1 − p)/n), it stays inside [0, 1] and is honest for small counts.",
    ),
    (
        "boot",
        "bootstrap",
        "Each class resampled with replacement (1,000 times, seeded) and ROC AUC and average precision recomputed each time; the middle 95 % of those values is the interval.",
    ),
    (
        "sep",
        "separation d",
        "How far apart the two classes' feature lies, in standard deviations: negatives ~ N(0, 1), positives ~ N(d, 1). d = 0 gives no information, d = 6 almost perfect separation.",
    ),
    (
        "phi",
        "Φ",
        "The standard normal distribution function. Φ(d / √2) is the chance that a positive's feature exceeds a negative's: the ROC AUC of the best possible score for two such classes.",
    ),
    (
        "newton",
        "Newton's method",
        "Training by steps that use the loss's slope and its curvature (second derivative): for these two-parameter models it reaches the minimum in a handful of steps, each one pass over the rows.",
    ),
];

/// The sources the page names.
pub(crate) const SOURCES: &str = "<p class=\"sources\">Sources: the blog post “Unbalanced Validation Data \
Losses” (a notebook comparing BCE and focal loss for two models at 1:100 and 1:1; the \
generator and models A and B come from it) and T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. \
Dollár, “Focal Loss for Dense Object Detection”, ICCV 2017 (“Lin et al. 2017”, the \
focal-loss paper).</p>";

/// A disclosure that defines `keys`' terms, named in its summary: reachable by keyboard and
/// announced by screen readers (a native `details`), unlike a tooltip.
pub(crate) fn terms(out: &mut String, keys: &[&str]) {
    let found: Vec<_> = keys.iter().filter_map(|key| find(key)).collect();
    let names: Vec<&str> = found.iter().map(|t| t.1).collect();
    let _ = write!(
        out,
        "<details class=\"terms\"><summary>Terms: {}</summary><dl>",
        names.join(", ")
    );
    for (_, term, def) in found {
        let _ = write!(out, "<dt>{term}</dt><dd>{def}</dd>");
    }
    out.push_str("</dl></details>");
}

/// The term of this key: a loss's, or one of `TERMS`.
fn find(key: &str) -> Option<(&'static str, &'static str, &'static str)> {
    let loss = LossKind::ALL.into_iter().map(|k| k.text().term);
    loss.map(|t| (t.key, t.term, t.definition))
        .chain(TERMS.iter().copied())
        .find(|t| t.0 == key)
}

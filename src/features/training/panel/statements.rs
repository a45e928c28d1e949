//! The statements readers come to check, each computed from the training view.

use crate::format::number;
use crate::sim::LossKind;
use crate::sim::training::{Boundary, TrainingView};

/// Where a model predicts positive, in words.
pub(super) fn boundary_text(b: Boundary) -> String {
    match b {
        Boundary::PositiveAbove(x) => format!("x ≥ {}", number(x, 3)),
        Boundary::PositiveBelow(x) => format!("x ≤ {}", number(x, 3)),
        Boundary::AllPositive => "everywhere".into(),
        Boundary::AllNegative => "nowhere".into(),
    }
}

/// The statements readers come to check, each computed from the view.
pub(super) fn statements(v: &TrainingView) -> Vec<String> {
    let mut out = Vec::new();
    for kind in v.shown.iter() {
        if let Err(why) = v.trained.get(kind) {
            out.push(format!(
                "{} trains no model here: {}.",
                kind.name(),
                why.reason()
            ));
        }
    }
    let d = v.population.d();
    if d == 0.0 {
        out.push(
            "At d = 0 the feature says nothing about the class: every loss trains a flat \
             model (w = 0) and only its level b differs."
                .into(),
        );
    } else {
        out.push(format!(
            "With d = {}, the best any score can reach is a ROC AUC of {} (Φ(d / √2)).",
            number(d, 3),
            number(v.population.best_auc(), 4)
        ));
    }
    let weighted = v.trained.get(LossKind::WeightedBce);
    let pw = v.params.pos_weight;
    match (weighted, v.bce_boundary_at_equivalent()) {
        (Ok(w), Some(bce)) if pw != 1.0 => out.push(format!(
            "pos_weight {} moves the boundary to {}: exactly where the BCE model crosses the \
             threshold t′ = {}, whose odds are the threshold's divided by {} ({}). Weighting \
             the positives is moving the threshold.",
            number(pw, 3),
            boundary_text(w.metrics.boundary),
            number(v.equivalent_bce_threshold(), 4),
            number(pw, 3),
            boundary_text(bce)
        )),
        (Ok(_), Some(_)) => out.push(
            "pos_weight 1: weighted BCE is BCE, and its model lies on BCE's (and on the true \
             probability)."
                .into(),
        ),
        _ => {}
    }
    if let (Ok(balanced), Some(Ok(half))) =
        (v.trained.get(LossKind::BalancedCe), v.recall_at_half_alpha)
        && let Ok(recall) = balanced.metrics.recall
    {
        let alpha = v.params.alpha;
        let verb = if recall < half {
            "lowers"
        } else if recall > half {
            "raises"
        } else {
            "leaves"
        };
        out.push(format!(
            "α = {} {verb} α-balanced CE's recall: {} against {} with α = 0.5 (the classes \
             weighed equally).",
            number(alpha, 3),
            number(recall, 4),
            number(half, 4)
        ));
    }
    if let (Ok(focal), Ok(bce)) = (v.trained.get(LossKind::Focal), v.trained.get(LossKind::Bce))
        && v.params.gamma > 0.0
        && focal.model.w.abs() < bce.model.w.abs()
    {
        out.push(format!(
            "γ = {} trains a flatter model: slope w = {} against BCE's {}, so its \
             probabilities stay nearer the middle: less confident, right or wrong.",
            number(v.params.gamma, 3),
            number(focal.model.w, 3),
            number(bce.model.w, 3)
        ));
    }
    out
}

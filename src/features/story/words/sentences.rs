//! Each step's words, chosen by the numbers the reader has in front of them.

use std::fmt::Write;

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{plain, prefers};
use crate::format::{metric, number, percent};
use crate::sim::{Class, LossKind, Measure, Verdict, verdict};

fn recall(f: &Facts, m: usize) -> String {
    metric(f.models[m].metrics.recall, 3)
}

fn mean_pair(f: &Facts, k: LossKind) -> String {
    format!(
        "A {} against B {}",
        metric(f.loss(0, k), 4),
        metric(f.loss(1, k), 4)
    )
}

fn bce_verdict(f: &Facts) -> Verdict {
    verdict(
        Measure::Loss(LossKind::Bce),
        f.loss(0, LossKind::Bce),
        f.loss(1, LossKind::Bce),
    )
}

fn recall_verdict(f: &Facts) -> Verdict {
    verdict(
        Measure::Recall,
        f.models[0].metrics.recall,
        f.models[1].metrics.recall,
    )
}

/// The two models, as the data describe them.
fn models(f: &Facts) -> String {
    if f.imported {
        return format!(
            "Your file's {}: model A and model B are its score columns{}.",
            f.mix(),
            if f.same { " (one column: B is A)" } else { "" }
        );
    }
    format!(
        "A validation set with {}. Model A is right on {} of the negatives and {} of the \
         positives; model B on {} and {}.",
        f.mix(),
        percent(Ok(f.s.acc0)),
        percent(Ok(f.s.acc1)),
        percent(Ok(f.model_b.acc0)),
        percent(Ok(f.model_b.acc1)),
    )
}

/// Step 1: the two models, and what each finds at the threshold.
pub(super) fn two_models(f: &Facts) -> String {
    format!(
        "{} At the threshold {}, A finds {} of the positives (its recall) and B {}. \
         Which model is better? Ask the loss.",
        models(f),
        plain(f.s.threshold),
        recall(f, 0),
        recall(f, 1)
    )
}

/// Step 2: BCE's verdict against recall's, in words chosen by the two.
pub(super) fn loss_against_recall(f: &Facts) -> String {
    let (bce, rec) = (bce_verdict(f), recall_verdict(f));
    let z = match (
        f.loss(0, LossKind::Bce),
        f.loss(1, LossKind::Bce),
        f.diff_se[0],
    ) {
        (Ok(a), Ok(b), Some(se)) if se > 0.0 => {
            format!(
                ", {} standard errors apart (a <dfn>standard error of the difference</dfn> is \
                 how far A − B moves from one seed to another)",
                number((a - b).abs() / se, 2)
            )
        }
        _ => String::new(),
    };
    let verdicts = format!(
        "Mean BCE: {}{z}, so BCE prefers {}. Recall prefers {}: A's recall is {}, B's {}.",
        mean_pair(f, LossKind::Bce),
        prefers(bce),
        prefers(rec),
        recall(f, 0),
        recall(f, 1)
    );
    let meaning = match (bce, rec) {
        (Verdict::A, Verdict::B) | (Verdict::B, Verdict::A) => {
            " The loss prefers the model that finds fewer of the positives: a validation loss \
             that falls can hide a model that got worse at the rare class."
        }
        (Verdict::A, Verdict::A) | (Verdict::B, Verdict::B) => {
            " Here the loss and recall agree; move model A's accuracy on positives down, or the \
             ratio up, and see when they part."
        }
        _ => "",
    };
    format!("{verdicts}{meaning} The table below asks every loss and metric.")
}

/// Step 3: where the difference between A's and B's BCE sums comes from, class by class.
pub(super) fn who_carries(f: &Facts) -> String {
    let per = |m: usize, c: Class| f.class_mean(m, LossKind::Bce, c);
    let diff = |c: Class| Some(per(1, c)? - per(0, c)?);
    let mut out = format!(
        "A loss is a sum over samples. With {}, the negatives carry {} of model A's BCE.",
        f.mix(),
        percent(f.models[0].losses.get(LossKind::Bce).share(Class::Negative)),
    );
    if let (Some(d0), Some(d1)) = (diff(Class::Negative), diff(Class::Positive)) {
        let [n0, n1] = f.counts();
        let side = |d: f64| if d > 0.0 { "more" } else { "less" };
        let _ = write!(
            out,
            " Per negative B costs {} {} than A ({} against {}), per positive {} {} ({} against \
             {}). Times the counts, the negatives move the sum by {} and the positives by {}: \
             the {} decide which model BCE prefers.",
            number(d0.abs(), 3),
            side(d0),
            number(per(1, Class::Negative).unwrap_or(0.0), 3),
            number(per(0, Class::Negative).unwrap_or(0.0), 3),
            number(d1.abs(), 3),
            side(d1),
            number(per(1, Class::Positive).unwrap_or(0.0), 3),
            number(per(0, Class::Positive).unwrap_or(0.0), 3),
            number(n0 * d0, 4),
            number(n1 * d1, 4),
            if (n0 * d0).abs() >= (n1 * d1).abs() {
                "negatives"
            } else {
                "positives"
            }
        );
    }
    out
}

/// Step 4: the same models on a balanced set.
pub(super) fn balanced(f: &Facts) -> String {
    format!(
        "Now {}. Mean BCE: {}, so BCE prefers {}; recall prefers {}. The models are \
         the same as before, only the mix changed. The composition charts show one \
         model at every ratio, and the “at ratio” table where each measure changes its \
         mind.",
        f.mix(),
        mean_pair(f, LossKind::Bce),
        prefers(bce_verdict(f)),
        prefers(recall_verdict(f))
    )
}

/// Step 5: how much of each loss the positives carry under the reader's weights.
pub(super) fn shares(f: &Facts) -> String {
    let l = &f.models[0].losses;
    format!(
        "<dfn>pos_weight</dfn> {} (the weight on each positive's term of weighted BCE) gives \
         the positives {} of weighted BCE (BCE gives them {}). α = \
         {} gives them {} of α-balanced CE; focal loss with γ = {} gives them {}. Move \
         the three sliders and watch the shares.",
        plain(f.s.pos_weight),
        percent(l.get(LossKind::WeightedBce).share(Class::Positive)),
        percent(l.get(LossKind::Bce).share(Class::Positive)),
        plain(f.s.alpha),
        percent(l.get(LossKind::BalancedCe).share(Class::Positive)),
        plain(f.s.gamma),
        percent(l.get(LossKind::Focal).share(Class::Positive))
    )
}

/// Step 6: what the weights do to a model trained with each loss.
pub(super) fn trained(f: &Facts) -> String {
    let w = f.s.pos_weight;
    let weight = if w > 1.0 {
        format!(
            "Weighting the positives (<dfn>pos_weight</dfn> {}, the weight on each positive's \
             term) moves weighted BCE's model's \
             scores up: more positives clear the threshold, and its probabilities \
             overstate the risk.",
            plain(w)
        )
    } else if w < 1.0 {
        format!(
            "<dfn>pos_weight</dfn> {} (the weight on each positive's term) weighs the \
             positives down: weighted BCE's model scores lower \
             and finds fewer positives.",
            plain(w)
        )
    } else {
        "pos_weight 1: weighted BCE trains the same model as BCE.".to_string()
    };
    let gamma = if f.s.gamma > 0.0 {
        format!(
            "γ = {} pulls focal loss's scores towards the middle.",
            plain(f.s.gamma)
        )
    } else {
        "γ = 0: focal loss is α-balanced CE and trains its model.".to_string()
    };
    format!(
        "So far the predictions were fixed. Here each loss trains its own model on the \
         same mix ({}). {weight} {gamma} The table lists each trained model's recall \
         and its plain validation BCE.",
        f.mix()
    )
}

/// Step 7: the threshold the reader's costs ask for.
pub(super) fn costs(f: &Facts) -> String {
    let [fp, fn_, tp] = f.costs;
    // Calling a positive positive gains c_fn (the miss avoided) plus r_tp.
    let gain = fn_ + tp;
    let times = if fp > 0.0 {
        format!(
            "a positive caught is worth {} times a false alarm's cost ((cost_fn + \
             reward_tp) / cost_fp)",
            plain(gain / fp)
        )
    } else {
        "a false alarm costs nothing".to_string()
    };
    // A calibrated model's least-cost threshold: p (c_fn + r_tp) = (1 - p) c_fp.
    let bayes = if fp + gain > 0.0 {
        format!(
            "c_fp / (c_fp + c_fn + r_tp) = {}",
            number(fp / (fp + gain), 3)
        )
    } else {
        "any threshold: nothing costs anything".to_string()
    };
    format!(
        "A threshold is a decision about costs, not a property of the model. Here {} \
         (cost_fp {}, cost_fn {}, reward_tp {}): the decision panel counts the total \
         cost at every threshold and finds the least; “Use this threshold” moves the \
         page there (now {}). For a <dfn>calibrated</dfn> model (one whose \
         scores are probabilities: among the samples it scores p, a share p are positive) \
         the best threshold would be {bayes}. Model A's scores are not calibrated probabilities (the generator \
         spreads them evenly over a stretch of [0, 1]), so its least-cost threshold can \
         lie far from that: the panel finds it on the scores themselves, and its \
         calibration section shows how far they are from probabilities.",
        times,
        plain(fp),
        plain(fn_),
        plain(tp),
        plain(f.s.threshold)
    )
}

/// Step 8: the reader's own predictions.
pub(super) fn own_data(f: &Facts) -> String {
    let now = if f.imported {
        format!("The page shows your file now: {}.", f.mix())
    } else {
        "Import a CSV or TSV of labels and one or two score columns with the “Import \
         predictions” box above (or drop the file on the page): every panel then works \
         on your scores, and nothing leaves the browser."
            .to_string()
    };
    format!(
        "{now} The same questions apply: which class carries your loss, which model \
         each measure prefers, and which threshold your costs ask for."
    )
}

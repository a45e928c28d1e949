//! The page's words (issue 14): every sentence that states a fact about the current numbers,
//! the terms' definitions and the guided story, written in the worker from the same exact
//! numbers the page shows and sent back as HTML, one section per box (`Explained`). The page
//! holds empty boxes and one job (`ExplainJob`); none of the text weighs on its first load.

use std::fmt::Write;

use super::formulas::{ALPHA_T, CE, FOCAL as FL, MIX, P_T, PRECISION, WEIGHTED, formula};
use crate::format::{escape_html, grouped, metric, number, percent, table_html};
use crate::link::{self, PageState};
use crate::page::{
    Control, DecisionSettings, Keyed, Layout, MAX_COST, Panel, Rival, STORY_STEPS, ViewOptions,
};
use crate::sim::engine::{Answer, Engine, ModelId, Reader, Request, SYNTHETIC};
use crate::sim::generator::ClassScores;
use crate::sim::presets::PRESETS;
use crate::sim::{
    Class, LossKind, Losses, Measure, Metric, Metrics, Scenario, Verdict, losses, per_sample_loss,
    verdict,
};

/// The tag of a words job on the wire (after the decision panel's).
pub const EXPLAIN: f64 = 18.0;
/// The tag of its reply.
pub const EXPLAINED: f64 = 19.0;

/// What the page asks the words for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExplainJob {
    /// The job's number: a reply names it.
    pub id: u32,
    /// The page's request: data, scenario and model B.
    pub request: Request,
    /// The probability of the true class the focal panel states the factor at.
    pub point: f64,
    /// The story's step (0: none).
    pub story: u32,
    /// Whether the page is embedded (the story's links stay embedded).
    pub embed: bool,
    /// The decision panel's cost of a false positive, of a false negative, and reward of a
    /// true positive.
    pub costs: [f64; 3],
}

impl ExplainJob {
    /// The job as numbers.
    pub fn encode(&self) -> Vec<f64> {
        let mut out = vec![EXPLAIN, f64::from(self.id)];
        out.extend(self.request.encode());
        out.extend([
            self.point,
            f64::from(self.story),
            f64::from(u8::from(self.embed)),
        ]);
        out.extend(self.costs);
        out
    }

    /// The job back from `encode`'s numbers; `None` for anything else.
    pub fn decode(v: &[f64]) -> Option<Self> {
        let (&tag, rest) = v.split_first()?;
        let n = Request::WIRE_LEN;
        if tag != EXPLAIN || rest.len() != n + 7 {
            return None;
        }
        let request = Request::decode(&rest[1..=n])?;
        let mut r = Reader::new(&rest[..1]);
        let id = r.count()?;
        let mut r = Reader::new(&rest[n + 1..]);
        let point = r.real()?.clamp(0.0, 1.0);
        let story = r.count()?.min(STORY_STEPS);
        let embed = r.count()? == 1;
        let mut costs = [0.0; 3];
        for c in &mut costs {
            *c = r.real()?.clamp(0.0, MAX_COST);
        }
        Some(ExplainJob {
            id,
            request,
            point,
            story,
            embed,
            costs,
        })
    }
}

/// The page's boxes of words, by element id; each box's index is its constant below.
pub const BOXES: [&str; 16] = [
    "w-footer",
    "w-lede",
    "w-controls",
    "w-numbers",
    "w-share",
    "w-focal",
    "w-scores",
    "w-threshold",
    "w-composition",
    "w-ab",
    "w-story",
    "w-training",
    "w-trained-scores",
    "w-optimal",
    "w-sample",
    "w-import",
];
/// The footer: the conventions and the sources.
pub const FOOTER: usize = 0;
/// The header's sentence on where the numbers come from.
pub const LEDE: usize = 1;
/// Which controls draw data, and the presets.
pub const CONTROLS: usize = 2;
/// Beside the loss and metric tables.
pub const NUMBERS: usize = 3;
/// Who pays the loss.
pub const SHARE: usize = 4;
/// The focal curve.
pub const FOCAL: usize = 5;
/// The score histograms.
pub const SCORES: usize = 6;
/// The threshold curves.
pub const THRESHOLD: usize = 7;
/// The same model at other ratios.
pub const COMPOSITION: usize = 8;
/// Model A against model B.
pub const AB: usize = 9;
/// The guided story's step.
pub const STORY: usize = 10;
/// The training view's introduction.
pub const TRAINING: usize = 11;
/// The trained models' scores.
pub const TRAINED_SCORES: usize = 12;
/// What each loss asks for, and the gradient.
pub const OPTIMAL: usize = 13;
/// Training on a sample.
pub const SAMPLE: usize = 14;
/// The import box.
pub const IMPORT: usize = 15;

/// The words, one HTML text a box of `BOXES`.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// The job it answers.
    pub id: u32,
    /// Each box's HTML, by its index in `BOXES`.
    pub sections: Vec<String>,
}

impl Explained {
    /// The reply as numbers and bytes (the boxes' HTML, separated by NUL).
    pub fn encode(&self) -> (Vec<f64>, Vec<u8>) {
        (
            vec![EXPLAINED, f64::from(self.id)],
            self.sections.join("\0").into_bytes(),
        )
    }

    /// The reply back from `encode`'s parts.
    pub fn decode(v: &[f64], bytes: Vec<u8>) -> Option<Self> {
        let [EXPLAINED, id] = *v else { return None };
        let id = Reader::new(&[id]).count()?;
        let text = String::from_utf8(bytes).ok()?;
        let sections: Vec<String> = text.split('\0').map(String::from).collect();
        (sections.len() == BOXES.len()).then_some(Explained { id, sections })
    }
}

/// Samples per class the standard errors are estimated from: evenly spaced through the sorted
/// scores, so the sample follows the class's distribution closely.
const SPREAD_SAMPLES: usize = 4_096;

/// One model's numbers, and how much each loss's mean moves from seed to seed.
struct ModelFacts {
    losses: Losses,
    metrics: Metrics,
    /// Each class's variance of the per-sample loss, by `LossKind::ALL`, `[neg, pos]`.
    variance: [[f64; 2]; 4],
}

/// What the words are written from.
struct Facts {
    s: Scenario,
    rival: Rival,
    imported: bool,
    models: [ModelFacts; 2],
    /// The standard error of A's mean minus B's, by `LossKind::ALL` (paired on the same draws
    /// for synthetic data).
    diff_se: [f64; 4],
    point: f64,
    costs: [f64; 3],
}

/// The variance of `f` over evenly spaced samples of sorted scores.
fn spread(scores: &ClassScores, f: impl Fn(usize) -> f64) -> f64 {
    let n = scores.len();
    let m = n.min(SPREAD_SAMPLES);
    if m < 2 {
        return 0.0;
    }
    let (mut sum, mut sq) = (0.0, 0.0);
    for j in 0..m {
        let v = f((j * n + n / 2) / m);
        sum += v;
        sq += v * v;
    }
    let mean = sum / m as f64;
    ((sq / m as f64 - mean * mean) * m as f64 / (m - 1) as f64).max(0.0)
}

/// The standard error of a mean over `counts` samples with these per-class variances.
fn standard_error(counts: [f64; 2], variance: [f64; 2]) -> f64 {
    let n = counts[0] + counts[1];
    if n == 0.0 {
        return 0.0;
    }
    (counts[0] * variance[0] + counts[1] * variance[1]).sqrt() / n
}

impl Facts {
    fn new(engine: &mut Engine, job: &ExplainJob) -> Option<Self> {
        let r = &job.request;
        let s = r.scenario;
        let answer: Answer = engine.compute(r, &mut |_| {})?;
        let scores = [engine.scores(r, ModelId::A)?, engine.scores(r, ModelId::B)?];
        let loss_of = |kind: LossKind, class: Class, p: f64| {
            per_sample_loss(kind, class, p, s.alpha, s.gamma, s.pos_weight)
        };
        let models = ModelId::ALL.map(|m| {
            let a = &answer.models[m.index()];
            let [neg, pos] = a.loss;
            let l = losses(neg, pos, s.total(), s.alpha, s.pos_weight);
            let classes = &scores[m.index()];
            let variance = LossKind::ALL.map(|k| {
                [Class::Negative, Class::Positive].map(|c| {
                    spread(&classes[c as usize], |i| {
                        loss_of(k, c, classes[c as usize].get(i))
                    })
                })
            });
            ModelFacts {
                losses: l,
                metrics: Metrics::new(a.confusion, a.ranks.ranking),
                variance,
            }
        });
        let counts = [f64::from(s.neg), f64::from(s.pos)];
        let diff_se = std::array::from_fn(|i| {
            let k = LossKind::ALL[i];
            if r.data == SYNTHETIC {
                // The same draws under both models: the difference of each sample's losses.
                let v = [Class::Negative, Class::Positive].map(|c| {
                    let (a, b) = (&scores[0][c as usize], &scores[1][c as usize]);
                    spread(a, |j| loss_of(k, c, a.get(j)) - loss_of(k, c, b.get(j)))
                });
                standard_error(counts, v)
            } else {
                // Two columns sorted apart: their pairing is lost, so the errors add (an upper
                // bound when the two models' losses rise and fall together).
                let se = |m: usize| standard_error(counts, models[m].variance[i]);
                se(0).hypot(se(1))
            }
        });
        Some(Facts {
            s,
            rival: Rival {
                acc0: r.rival[0],
                acc1: r.rival[1],
            },
            imported: r.data != SYNTHETIC,
            models,
            diff_se,
            point: job.point,
            costs: job.costs,
        })
    }

    fn counts(&self) -> [f64; 2] {
        [f64::from(self.s.neg), f64::from(self.s.pos)]
    }

    /// The standard error of model `m`'s mean of `kind`.
    fn se(&self, m: usize, kind: LossKind) -> f64 {
        standard_error(self.counts(), self.models[m].variance[kind as usize])
    }

    fn loss(&self, m: usize, kind: LossKind) -> Metric {
        self.models[m].losses.get(kind).mean
    }

    /// "86 negatives per positive", or what stands in for it.
    fn mix(&self) -> String {
        match (self.s.neg, self.s.pos) {
            (_, 0) => "no positives".into(),
            (0, _) => "no negatives".into(),
            (n, p) => {
                let r = f64::from(n) / f64::from(p);
                let per = if n == p {
                    "as many negatives as positives".to_string()
                } else if r >= 1.0 {
                    format!("{} negatives per positive", short_ratio(r))
                } else {
                    format!("{} positives per negative", short_ratio(1.0 / r))
                };
                format!(
                    "{per} ({} and {})",
                    grouped(u64::from(n)),
                    grouped(u64::from(p))
                )
            }
        }
    }
}

/// A setting as it reads in a sentence: 1, 0.25, 2, 30.7 (up to four significant digits, no
/// trailing zeros).
fn plain(v: f64) -> String {
    let s = number(v, 4);
    if s.contains('.') && !s.contains('e') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A standard error: two significant digits, in plain decimals however small.
fn error(v: f64) -> String {
    if !(v > 0.0 && v.is_finite()) {
        return "0".into();
    }
    let decimals = (1 - v.log10().floor() as i32).clamp(0, 12) as usize;
    format!("{v:.decimals$}")
}

/// A loss's sum: grouped whole numbers from 1,000 on.
fn sum(v: f64) -> String {
    if v.abs() >= 1_000.0 {
        crate::format::whole(v)
    } else {
        number(v, 4)
    }
}

/// A ratio for a sentence: 86, 2.5, 1.
fn short_ratio(r: f64) -> String {
    if r >= 10.0 {
        grouped(r.round() as u64)
    } else {
        plain(number(r, 2).parse().unwrap_or(r))
    }
}

/// Which model a verdict names, in words.
fn prefers(v: Verdict) -> &'static str {
    match v {
        Verdict::A => "model A",
        Verdict::B => "model B",
        Verdict::Tie => "neither (a tie)",
        Verdict::Undefined => "no model (it is undefined here)",
    }
}

/// The terms the page defines, each once: `(key, term, definition)`.
const TERMS: [(&str, &str, &str); 22] = [
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
        "bce",
        "BCE",
        "Binary cross-entropy: −[y ln p + (1 − y) ln(1 − p)] for a label y (1 for a positive) and the predicted probability p of the positive class. Every class and sample counts the same.",
    ),
    (
        "wbce",
        "weighted BCE",
        "BCE with each positive's term multiplied by pos_weight (PyTorch's <code>BCEWithLogitsLoss(pos_weight=…)</code>); the negatives keep weight 1. pos_weight 1 is BCE.",
    ),
    (
        "abce",
        "α-balanced CE",
        "Cross-entropy with each positive's term multiplied by α and each negative's by 1 − α (αₜ in the focal-loss paper). α = 0.5 is half of BCE. With α below 0.5 the positives weigh less than the negatives: the paper's α = 0.25 makes the rare class count less than BCE does, not more.",
    ),
    (
        "focal",
        "focal loss",
        "α-balanced CE with each term also multiplied by (1 − pₜ)<sup>γ</sup> (Lin et al. 2017): samples the model already gets right lose most of their loss. γ = 0 is α-balanced CE.",
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
        "Specificity is TN / (TN + FP), the share of negatives let through as negative; the false positive rate FPR = FP / (FP + TN) is 1 − specificity.",
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
        "scikit-learn's summary of the precision–recall curve, Σ (Rₙ − Rₙ₋₁) Pₙ over the thresholds, without interpolation. A model that guesses scores the share of positives, so it depends on the class ratio.",
    ),
    (
        "se",
        "standard error",
        "How far a mean loss moves from one seed (one validation set of the same size and mix) to another: √(n₀ s₀² + n₁ s₁²) / N, with s₀ and s₁ the spread of the per-sample loss within each class (estimated from 4,096 evenly spaced samples of each). About 95 % of seeds land within 2 standard errors.",
    ),
    (
        "gen",
        "uniform generator",
        "How the synthetic predictions are drawn, after the blog post: at accuracy a ≥ 0.5 a positive's probability is uniform on [1 − 0.5/a, 1] and a negative's on [0, 0.5/a], so a share a of each class falls on the right side of 0.5 (mirrored below a = 0.5).",
    ),
];

/// The sources the page names.
const SOURCES: &str = "<p class=\"sources\">Sources: the blog post “Unbalanced Validation Data \
Losses” (a notebook comparing BCE and focal loss for two models at 1:100 and 1:1; the \
generator and models A and B come from it) and T.-Y. Lin, P. Goyal, R. Girshick, K. He, P. \
Dollár, “Focal Loss for Dense Object Detection”, ICCV 2017 (“Lin et al. 2017”, the \
focal-loss paper).</p>";

/// A disclosure that defines `keys`' terms: reachable by keyboard and announced by screen
/// readers (a native `details`), unlike a tooltip.
fn terms(out: &mut String, keys: &[&str]) {
    out.push_str("<details class=\"terms\"><summary>Terms used here</summary><dl>");
    for key in keys {
        if let Some((_, term, def)) = TERMS.iter().find(|t| t.0 == *key) {
            let _ = write!(out, "<dt>{term}</dt><dd>{def}</dd>");
        }
    }
    out.push_str("</dl></details>");
}

fn para(out: &mut String, text: &str) {
    let _ = write!(out, "<p class=\"explain\">{text}</p>");
}

/// "pos_weight is 1: weighted BCE is BCE" when it is.
fn coincide(f: &Facts) -> &'static str {
    if f.s.pos_weight == 1.0 {
        " pos_weight is 1, so weighted BCE is BCE: their rows, bars and lines coincide."
    } else {
        ""
    }
}

fn numbers(f: &Facts) -> String {
    let mut out = String::new();
    let bce = f.models[0].losses.bce;
    let carried = match (bce.share(Class::Negative), bce.share(Class::Positive)) {
        (Ok(n), Ok(p)) => format!(
            "With {}, the negatives carry {} of BCE's sum here and the positives {}.",
            f.mix(),
            percent(Ok(n)),
            percent(Ok(p))
        ),
        _ => format!(
            "With {}, BCE's sum is 0: there is nothing to share.",
            f.mix()
        ),
    };
    para(
        &mut out,
        &format!(
            "The mean is the sum divided by the number of samples (PyTorch's and Keras' \
             default); the shares say how much of the sum each class carries. {carried}{}",
            coincide(f)
        ),
    );
    let counts = f.counts();
    let class_mean = |sum: f64, c: usize| -> String {
        if counts[c] == 0.0 {
            "– (no samples)".into()
        } else {
            number(sum / counts[c], 4)
        }
    };
    let rows: Vec<Vec<String>> = LossKind::ALL
        .map(|k| {
            let r = f.models[0].losses.get(k);
            vec![
                k.name().to_string(),
                class_mean(r.neg_sum, 0),
                class_mean(r.pos_sum, 1),
                format!("{} ± {}", metric(r.mean, 4), error(f.se(0, k))),
            ]
        })
        .to_vec();
    let header = [
        "loss",
        "per negative",
        "per positive",
        "mean ± standard error",
    ]
    .map(String::from);
    table_html(
        &mut out,
        "numbers per-class",
        "each class's mean loss",
        &header,
        &rows,
        true,
    );
    let focal = f.models[0].losses.focal;
    para(
        &mut out,
        &format!(
            "Each class's mean is its sum over its own samples; the overall mean weighs them by \
             the counts. The ± is the standard error: how far the mean moves from one seed to \
             another. Focal loss's sum here is {} and its mean {}: the blog post's notebook \
             printed focal loss as a sum beside BCE as a mean, which made it look thousands of \
             times larger. Compare a mean with a mean.",
            sum(focal.sum),
            metric(focal.mean, 4)
        ),
    );
    formula(&mut out, CE, "CE = -[y ln p + (1 - y) ln(1 - p)]");
    formula(&mut out, WEIGHTED, "CE_w = -[w y ln p + (1 - y) ln(1 - p)]");
    terms(
        &mut out,
        &[
            "mean", "sum", "share", "se", "bce", "wbce", "abce", "focal", "clip", "cells", "acc",
            "prec", "rec", "spec", "f1", "bacc", "mcc", "auc", "ap",
        ],
    );
    out
}

fn share(f: &Facts) -> String {
    let mut out = String::new();
    let l = &f.models[0].losses;
    let neg = |k: LossKind| percent(l.get(k).share(Class::Negative));
    let s = &f.s;
    para(
        &mut out,
        &format!(
            "Model A: the negatives carry {} of BCE, {} of weighted BCE (pos_weight {}), {} of \
             α-balanced CE (α {}) and {} of focal loss (α {}, γ {}).{}",
            neg(LossKind::Bce),
            neg(LossKind::WeightedBce),
            plain(s.pos_weight),
            neg(LossKind::BalancedCe),
            plain(s.alpha),
            neg(LossKind::Focal),
            plain(s.alpha),
            plain(s.gamma),
            coincide(f)
        ),
    );
    // The settings that would give the positives half: pos_weight * pos_ce = neg_ce, and
    // alpha * pos = (1 - alpha) * neg.
    let (ce, fo) = (l.bce, l.focal);
    let focal_neg = if s.alpha < 1.0 {
        fo.neg_sum / (1.0 - s.alpha)
    } else {
        f64::NAN
    };
    let focal_pos = if s.alpha > 0.0 {
        fo.pos_sum / s.alpha
    } else {
        f64::NAN
    };
    let half = if ce.neg_sum > 0.0 && ce.pos_sum > 0.0 {
        let alpha_focal = focal_neg / (focal_neg + focal_pos);
        let focal = if alpha_focal.is_finite() {
            format!(
                " and α = {} in focal loss at γ {}",
                number(alpha_focal, 3),
                plain(s.gamma)
            )
        } else {
            String::new()
        };
        format!(
            "For the positives to carry half, weighted BCE needs pos_weight = {} (the \
             negatives' BCE sum over the positives'), α-balanced CE needs α = {}{focal}.",
            number(ce.neg_sum / ce.pos_sum, 3),
            number(ce.neg_sum / (ce.neg_sum + ce.pos_sum), 3),
        )
    } else {
        "With a class whose loss is 0, no weight can give the positives half.".into()
    };
    para(
        &mut out,
        &format!(
            "A loss is a sum over samples, so the class with more samples has more say. {half} \
             γ removes the easy examples, which are mostly negatives."
        ),
    );
    terms(&mut out, &["share", "wbce", "abce", "focal", "gamma"]);
    out
}

fn focal(f: &Facts) -> String {
    let mut out = String::new();
    let (g, a, pt) = (f.s.gamma, f.s.alpha, f.point);
    let factor = if g == 0.0 { 1.0 } else { (1.0 - pt).powf(g) };
    para(
        &mut out,
        &format!(
            "At pₜ = {}, (1 − pₜ)<sup>γ</sup> = {} with γ = {}: that example keeps {} of its \
             cross-entropy. α then scales a positive's loss by {} and a negative's by {}.",
            plain(pt),
            number(factor, 3),
            plain(g),
            percent(Ok(factor)),
            plain(a),
            plain(1.0 - a)
        ),
    );
    let weight = if a == 0.0 {
        "α = 0 gives the positives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else if a == 1.0 {
        "α = 1 gives the negatives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else {
        let ratio = a / (1.0 - a);
        let how = if (ratio - 1.0).abs() < 1e-12 {
            "as in BCE".to_string()
        } else if ratio < 1.0 {
            format!(
                "less than a negative: less balanced than BCE, not more (it takes α = {} to \
                 weigh a positive like pos_weight {} does)",
                number(f.s.pos_weight / (1.0 + f.s.pos_weight), 3),
                plain(f.s.pos_weight)
            )
        } else {
            "more than a negative".to_string()
        };
        format!(
            "With α = {}, a positive weighs {} times a negative, {how}.",
            plain(a),
            number(ratio, 3)
        )
    };
    para(
        &mut out,
        &format!(
            "Focal loss multiplies cross-entropy by (1 − pₜ)<sup>γ</sup>. An example the model \
             already gets right (pₜ near 1) keeps almost none of its loss; a badly wrong one \
             keeps nearly all. γ = 0 is plain cross-entropy; the grey curves are γ = 0, 0.5, 1, \
             2 and 5, darker as γ grows, and the coloured one is the current γ. {weight} Lin et \
             al. (2017) used α = 0.25 with γ = 2 and left γ to do the rebalancing."
        ),
    );
    formula(&mut out, FL, "FL = alpha_t (1 - p_t)^gamma CE");
    formula(
        &mut out,
        P_T,
        "p_t = p for a positive, 1 - p for a negative",
    );
    formula(
        &mut out,
        ALPHA_T,
        "alpha_t = alpha for a positive, 1 - alpha for a negative",
    );
    terms(&mut out, &["pt", "gamma", "abce", "focal"]);
    out
}

fn scores_words(f: &Facts) -> String {
    let mut out = String::new();
    let source = if f.imported {
        "Your file's scores, class by class.".to_string()
    } else {
        format!(
            "Drawn by the uniform generator: model A is right on {} of the negatives and {} of \
             the positives on average (accuracy at 0.5).",
            percent(Ok(f.s.acc0)),
            percent(Ok(f.s.acc1))
        )
    };
    para(
        &mut out,
        &format!(
            "<span class=\"neg\">Negatives</span> and <span class=\"pos\">positives</span> as \
             the model scores them. {source} Everything at or right of the threshold ({}) is \
             predicted positive: negatives there are false positives, positives there true \
             positives. Turn the log scale off to see how little of the picture the rare class \
             is.",
            plain(f.s.threshold)
        ),
    );
    terms(&mut out, &["gen", "cells"]);
    out
}

fn threshold_words(f: &Facts) -> String {
    let mut out = String::new();
    let m = &f.models[0].metrics;
    let prevalence = if f.s.total() > 0 {
        percent(Ok(f64::from(f.s.pos) / f.s.total() as f64))
    } else {
        "undefined".into()
    };
    para(
        &mut out,
        &format!(
            "The dots mark the threshold, {}: recall (TPR) {}, false positive rate {}, \
             precision {}. ROC plots the two rates within each class, so the class ratio cannot \
             move it (ROC AUC {}); the precision–recall curve mixes the classes, and its dashed \
             no-skill line is the share of positives, {prevalence} (average precision {}). On \
             rare positives a fine-looking ROC can sit beside a poor PR curve.",
            plain(f.s.threshold),
            metric(m.recall, 3),
            metric(m.specificity.map(|s| 1.0 - s), 3),
            metric(m.precision, 3),
            metric(m.roc_auc, 3),
            metric(m.average_precision, 3),
        ),
    );
    terms(&mut out, &["rec", "spec", "prec", "auc", "ap"]);
    out
}

fn composition_words(f: &Facts) -> String {
    let mut out = String::new();
    let l = &f.models[0].losses.bce;
    let counts = f.counts();
    let per = |sum: f64, n: f64| {
        if n > 0.0 {
            number(sum / n, 3)
        } else {
            "–".into()
        }
    };
    para(
        &mut out,
        &format!(
            "The model is fixed: the same accuracy on each class, the same per-class loss. Only \
             the validation set's mix changes. A mean loss is a weighted average of the two \
             classes' means (here BCE {} per negative and {} per positive), so as negatives \
             pile up it tends to the negatives' mean whatever the model does to positives. \
             Recall stays put; precision falls as the false positives multiply. The line marks \
             the current mix, {}.",
            per(l.neg_sum, counts[0]),
            per(l.pos_sum, counts[1]),
            f.mix()
        ),
    );
    formula(
        &mut out,
        MIX,
        "mean = (r L0 + L1) / (r + 1), r negatives per positive",
    );
    formula(&mut out, PRECISION, "precision = TPR / (TPR + r FPR)");
    para(
        &mut out,
        "Here r is the number of negatives per positive, L̄₀ the negatives' mean loss and L̄₁ \
         the positives'; TPR is recall and FPR the false positive rate, both fixed by the model.",
    );
    terms(&mut out, &["rec", "spec", "prec"]);
    out
}

fn ab(f: &Facts) -> String {
    let mut out = String::new();
    let models = if f.imported {
        "Model A and model B are your file's two score columns (the same column twice if it \
         has one)."
            .to_string()
    } else {
        format!(
            "Model A is the scenario's (acc0 {}, acc1 {}); model B has its own accuracies (acc0 \
             {}, acc1 {}; by default the blog post's pair, A 0.999 / 0.5 and B 0.98 / 0.9).",
            f.s.acc0, f.s.acc1, f.rival.acc0, f.rival.acc1
        )
    };
    para(
        &mut out,
        &format!(
            "Two models scored on the same samples. {models} Each row says which model a loss \
             or metric prefers, first on this validation set and then on sets of other class \
             ratios. Drag the ratio: BCE can change sides, recall never does."
        ),
    );
    let mut items = String::new();
    for k in LossKind::ALL {
        let (a, b) = (f.loss(0, k), f.loss(1, k));
        let v = verdict(Measure::Loss(k), a, b);
        let se = f.diff_se[k as usize];
        let judged = match (a, b) {
            (Ok(a), Ok(b)) if se > 0.0 => {
                let z = (a - b).abs() / se;
                let noise = if z < 2.0 {
                    "within seed-to-seed noise: another seed could flip it"
                } else {
                    "beyond seed-to-seed noise"
                };
                format!(
                    "the difference, {}, is {} standard errors ({}): {noise}",
                    number(a - b, 3),
                    number(z, 2),
                    error(se)
                )
            }
            (Ok(a), Ok(b)) => format!(
                "the difference is {}, with no sampling noise",
                number(a - b, 3)
            ),
            _ => "no difference can be taken".into(),
        };
        let _ = write!(
            items,
            "<li>{}: A {} against B {}, {} prefers {}; {judged}.</li>",
            k.name(),
            metric(a, 4),
            metric(b, 4),
            k.name(),
            prefers(v)
        );
    }
    let _ = write!(out, "<ul class=\"noise\">{items}</ul>");
    let how = if f.imported {
        "For imported scores the two columns' errors are added, which overstates the noise when \
         the models agree row by row."
    } else {
        "Both models score the same draws, so the error is that of the difference, sample by \
         sample."
    };
    para(&mut out, how);
    terms(&mut out, &["se", "mean"]);
    out
}

fn controls(f: &Facts) -> String {
    let mut out = String::new();
    if f.imported {
        para(
            &mut out,
            "Imported predictions are shown: the class counts, accuracies and seed belong to the \
             synthetic scenario and come back with it. The threshold and the losses' parameters \
             apply to the imported scores.",
        );
    } else {
        para(
            &mut out,
            "The counts, the accuracies and the seed draw new predictions; the threshold, \
             pos_weight, α and γ score the same predictions again.",
        );
    }
    out.push_str("<details class=\"terms\"><summary>What the presets set</summary><dl>");
    for p in PRESETS {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{} negatives and {} positives, acc0 {}, acc1 {}: {}. The loss \
             settings and the threshold go back to their defaults.</dd>",
            escape_html(p.name),
            grouped(u64::from(p.neg)),
            grouped(u64::from(p.pos)),
            p.acc0,
            p.acc1,
            escape_html(p.about)
        );
    }
    out.push_str("</dl></details>");
    out
}

fn lede(f: &Facts, job: &ExplainJob) -> String {
    let data = if f.imported {
        "Every number below comes from the predictions you imported."
    } else {
        "Every number below comes from synthetic predictions: the counts, accuracies and seed \
         draw them, the other controls score them."
    };
    let tour = if job.story == 0 {
        format!(
            " New here? <a href=\"#{}\">Take the guided story</a>.",
            escape_html(&step_link(1, job.embed))
        )
    } else {
        String::new()
    };
    format!("{data}{tour}")
}

/// The words' stylesheet: fetched with the first words, not with the page.
const STYLE: &str = r#"<link rel="stylesheet" href="words.css">"#;

fn footer() -> String {
    let mut out = String::from(STYLE);
    out.push_str(
        "<p>Synthetic predictions follow the uniform generator of the blog post; losses follow \
         Keras and PyTorch (probabilities clipped to [10⁻⁷, 1 − 10⁻⁷]), metrics scikit-learn. \
         Nothing leaves this page.</p>",
    );
    out.push_str(SOURCES);
    terms(&mut out, &["gen", "clip"]);
    out
}

/// A step of the story: its title, the page it sets, and its words.
struct Step {
    title: &'static str,
    panels: &'static [Panel],
    /// The controls an embedded step shows (the full page shows them all).
    controls: &'static [Control],
    set: fn(&mut PageState),
    words: fn(&Facts) -> String,
}

/// The story's validation set: 100,000 negatives and 1,000 positives, the blog post's models.
fn rare(s: &mut PageState) {
    s.scenario = Scenario {
        neg: 100_000,
        pos: 1_000,
        acc0: 0.999,
        acc1: 0.5,
        ..Scenario::default()
    };
    s.rival = Rival {
        acc0: 0.98,
        acc1: 0.9,
    };
}

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

const STEPS: [Step; STORY_STEPS as usize] = [
    Step {
        title: "A rare class and two models",
        panels: &[Panel::Numbers, Panel::Ab],
        controls: &[Control::Ratio, Control::Acc0, Control::Acc1],
        set: rare,
        words: |f| {
            format!(
                "A validation set with {}. Model A is right on {} of the negatives but only {} \
                 of the positives; model B on {} and {}. At the threshold {}, A finds {} of the \
                 positives (its recall) and B {}. Which model is better? Ask the loss.",
                f.mix(),
                percent(Ok(f.s.acc0)),
                percent(Ok(f.s.acc1)),
                percent(Ok(f.rival.acc0)),
                percent(Ok(f.rival.acc1)),
                plain(f.s.threshold),
                recall(f, 0),
                recall(f, 1)
            )
        },
    },
    Step {
        title: "The loss prefers the model that misses half the positives",
        panels: &[Panel::Ab],
        controls: &[Control::Ratio, Control::Acc1],
        set: rare,
        words: |f| {
            let z = match (f.loss(0, LossKind::Bce), f.loss(1, LossKind::Bce)) {
                (Ok(a), Ok(b)) if f.diff_se[0] > 0.0 => format!(
                    ", {} standard errors apart",
                    number((a - b).abs() / f.diff_se[0], 2)
                ),
                _ => String::new(),
            };
            format!(
                "Mean BCE: {}{z}, so BCE prefers {}. Recall prefers {}: A's recall is {}, B's \
                 {}. A validation loss that falls can hide a model that got worse at the rare \
                 class. The table below asks every loss and metric.",
                mean_pair(f, LossKind::Bce),
                prefers(bce_verdict(f)),
                prefers(verdict(
                    Measure::Recall,
                    f.models[0].metrics.recall,
                    f.models[1].metrics.recall
                )),
                recall(f, 0),
                recall(f, 1)
            )
        },
    },
    Step {
        title: "Why: who carries the loss",
        panels: &[Panel::Share, Panel::Numbers],
        controls: &[Control::Ratio],
        set: rare,
        words: |f| {
            let per = |m: usize, c: usize| {
                let l = &f.models[m].losses.bce;
                let n = f.counts()[c];
                if n == 0.0 {
                    "–".to_string()
                } else {
                    number(if c == 0 { l.neg_sum } else { l.pos_sum } / n, 3)
                }
            };
            format!(
                "A loss is a sum over samples. With {}, the negatives carry {} of model A's \
                 BCE. Per negative, A costs {} and B {}; per positive, A costs {} and B {}. \
                 B's small extra cost on each negative, multiplied by the negatives' numbers, \
                 outweighs its large saving on the few positives.",
                f.mix(),
                percent(f.models[0].losses.bce.share(Class::Negative)),
                per(0, 0),
                per(1, 0),
                per(0, 1),
                per(1, 1)
            )
        },
    },
    Step {
        title: "The same models on a balanced set",
        panels: &[Panel::Ab, Panel::Composition],
        controls: &[Control::Ratio],
        set: |s| {
            rare(s);
            s.scenario.neg = 10_000;
            s.scenario.pos = 10_000;
        },
        words: |f| {
            format!(
                "Now {}. Mean BCE: {}, so BCE prefers {}. Nothing about the models changed, \
                 only the mix. The composition charts show the same model at every ratio, and \
                 the table's strip where each measure changes its mind.",
                f.mix(),
                mean_pair(f, LossKind::Bce),
                prefers(bce_verdict(f))
            )
        },
    },
    Step {
        title: "What pos_weight, α and γ do to the loss",
        panels: &[Panel::Share, Panel::Focal],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: |s| {
            rare(s);
            s.scenario.pos_weight = 100.0;
            s.scenario.gamma = 2.0;
            s.scenario.alpha = 0.25;
        },
        words: |f| {
            let l = &f.models[0].losses;
            format!(
                "pos_weight {} gives the positives {} of weighted BCE (BCE gives them {}). α = \
                 {} gives them {} of α-balanced CE; focal loss with γ = {} gives them {}: γ \
                 silences the easy negatives. Move the three sliders and watch the shares.",
                plain(f.s.pos_weight),
                percent(l.weighted_bce.share(Class::Positive)),
                percent(l.bce.share(Class::Positive)),
                plain(f.s.alpha),
                percent(l.balanced_ce.share(Class::Positive)),
                plain(f.s.gamma),
                percent(l.focal.share(Class::Positive))
            )
        },
    },
    Step {
        title: "…and what they do to a model trained with it",
        panels: &[Panel::Training],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: |s| {
            rare(s);
            s.scenario.pos_weight = 100.0;
            s.scenario.gamma = 2.0;
            s.scenario.alpha = 0.25;
        },
        words: |f| {
            format!(
                "So far the predictions were fixed. Here each loss trains its own model on the \
                 same data ({}). Weighting the positives (pos_weight {}) moves the model's \
                 scores up: more positives clear the threshold, and its probabilities overstate \
                 the risk. γ = {} pulls the scores towards the middle. The table lists each \
                 trained model's recall and its plain validation BCE.",
                f.mix(),
                plain(f.s.pos_weight),
                plain(f.s.gamma)
            )
        },
    },
    Step {
        title: "Choosing the threshold with costs",
        panels: &[Panel::Decide, Panel::Threshold],
        controls: &[Control::Threshold],
        set: |s| {
            rare(s);
            s.decision = DecisionSettings {
                cost_fn: 20.0,
                ..DecisionSettings::default()
            };
        },
        words: |f| {
            let [fp, fn_, tp] = f.costs;
            let times = if fp > 0.0 {
                format!("{} times a false alarm's", plain(fn_ / fp))
            } else {
                "something while a false alarm costs nothing".to_string()
            };
            // A calibrated model's least-cost threshold: p (c_fn + r_tp) = (1 - p) c_fp.
            let bayes = if fp + fn_ + tp > 0.0 {
                format!(
                    "c_fp / (c_fp + c_fn + r_tp) = {}",
                    number(fp / (fp + fn_ + tp), 3)
                )
            } else {
                "any threshold: nothing costs anything".to_string()
            };
            format!(
                "A threshold is a decision about costs, not a property of the model. Here a \
                 missed positive costs {} (cost_fn {}, cost_fp {}, reward_tp {}): the decision \
                 panel counts the total cost at every threshold and finds the least; “Use this \
                 threshold” moves the page there (now {}). For a calibrated model the best \
                 threshold would be {bayes}; the panel's calibration section says how far model \
                 A is from calibrated.",
                times,
                plain(fn_),
                plain(fp),
                plain(tp),
                plain(f.s.threshold)
            )
        },
    },
    Step {
        title: "Your own predictions",
        panels: &[Panel::Numbers, Panel::Share, Panel::Ab],
        controls: &[Control::Ratio],
        set: rare,
        words: |f| {
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
        },
    },
];

/// The fragment of story step `n` (1-based).
fn step_link(n: u32, embed: bool) -> String {
    let mut state = PageState::default();
    let step = &STEPS[(n.clamp(1, STORY_STEPS) - 1) as usize];
    (step.set)(&mut state);
    state.view = ViewOptions {
        story: n,
        ..ViewOptions::default()
    };
    state.layout = Layout {
        embed,
        panels: step.panels.to_vec(),
        controls: if embed {
            step.controls.to_vec()
        } else {
            Control::ALL.to_vec()
        },
    };
    link::format(&state)
}

fn story(f: &Facts, job: &ExplainJob) -> String {
    let n = job.story.clamp(1, STORY_STEPS);
    let step = &STEPS[(n - 1) as usize];
    let mut out = format!(
        "{STYLE}<h2 id=\"story-title\" tabindex=\"-1\">Step {n} of {STORY_STEPS}: {}</h2><p \
         class=\"story-text\">{}</p><nav class=\"story-nav\" aria-label=\"story steps\">",
        step.title,
        (step.words)(f)
    );
    if n > 1 {
        let _ = write!(
            out,
            "<a href=\"#{}\" rel=\"prev\">← Back</a>",
            escape_html(&step_link(n - 1, job.embed))
        );
    }
    if n < STORY_STEPS {
        let _ = write!(
            out,
            "<a href=\"#{}\" rel=\"next\">Next: {} →</a>",
            escape_html(&step_link(n + 1, job.embed)),
            STEPS[n as usize].title
        );
    }
    let here = PageState {
        scenario: f.s,
        rival: f.rival,
        ..PageState::default()
    };
    let _ = write!(
        out,
        "<a href=\"#{}\">Reset this step</a><a href=\"#{}\">Leave the story</a></nav>",
        escape_html(&step_link(n, job.embed)),
        escape_html(&link::format(&here))
    );
    out
}

/// Every box's words for `job`; with no numbers (a data set the engine no longer holds) only
/// the words that need none.
pub fn explain(engine: &mut Engine, job: &ExplainJob) -> Explained {
    let mut sections = vec![String::new(); BOXES.len()];
    sections[FOOTER] = footer();
    sections[TRAINING] = training_intro();
    sections[TRAINED_SCORES] = trained_scores();
    sections[OPTIMAL] = optimal();
    sections[SAMPLE] = sample();
    sections[IMPORT] = import();
    if let Some(f) = Facts::new(engine, job) {
        sections[LEDE] = lede(&f, job);
        sections[CONTROLS] = controls(&f);
        sections[NUMBERS] = numbers(&f);
        sections[SHARE] = share(&f);
        sections[FOCAL] = focal(&f);
        sections[SCORES] = scores_words(&f);
        sections[THRESHOLD] = threshold_words(&f);
        sections[COMPOSITION] = composition_words(&f);
        sections[AB] = ab(&f);
        if job.story > 0 {
            sections[STORY] = story(&f, job);
        }
    }
    Explained {
        id: job.id,
        sections,
    }
}

fn training_intro() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "The tables above judge fixed predictions. Here each loss trains its own model. The \
         data: one feature x, negatives around 0 and positives around d, in the scenario's mix; \
         the model: p(x) = σ(w x + b), a logistic regression. Each (w, b) is the exact minimum \
         of the loss's expected value over that population, so what you see is what the loss \
         asks for, with no sampling noise. Move pos_weight, α, γ and the threshold in the \
         scenario, or the separation here.",
    );
    terms(&mut out, &["wbce", "abce", "focal", "rec"]);
    out
}

fn trained_scores() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "Each model's scores, class by class (log counts; the line is the threshold). Weighting \
         the positives shifts a model's scores up; γ squeezes them towards the middle, so fewer \
         positives clear a high threshold.",
    );
    out
}

fn optimal() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "Left: the prediction p* each loss rewards most when the true probability is q. BCE asks \
         for q itself; pos_weight and α shift the odds; γ pulls everything towards the middle. \
         Right: at the BCE model, how much of focal loss's gradient comes from the negatives as \
         γ grows: the easy negatives fall silent, which is the argument of Lin et al. (2017) for \
         focal loss. Validation BCE is the plain BCE each trained model gets on the population, \
         whatever it was trained with.",
    );
    out
}

fn sample() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "The same population, drawn: n rows at the scenario's mix and seed. Each loss is trained \
         on them by Newton's method, step by step in the background (each step is one pass over \
         every row); the dashed lines above are where the models stand, the chart below how far \
         each loss has fallen. The sample's optimum is near the population's, and equals \
         scikit-learn's LogisticRegression on the same rows (BCE, weighted BCE).",
    );
    out
}

fn import() -> String {
    let mut out = String::new();
    para(
        &mut out,
        "Bring a validation set: a CSV or TSV file with a label column (0/1, true/false, yes/no, \
         pos/neg, …) and one or two score columns (probabilities or logits; two are compared as \
         models A and B). It is read in this browser and never sent anywhere.",
    );
    out
}

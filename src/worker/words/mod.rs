//! The page's words (issue 14): every sentence that states a fact about the current numbers,
//! the terms' definitions and the guided story, written in the worker from the same exact
//! numbers the page shows and sent back as HTML, one section per box (`Explained`). The page
//! holds empty boxes and one job (`ExplainJob`); none of the text weighs on its first load.

mod story;
mod terms;

use std::fmt::Write;

use super::formulas::{ALPHA_T, CE, FOCAL as FL, MIX, P_T, PRECISION, WEIGHTED, formula};
use crate::charts::focal_curve::REFERENCE_GAMMAS;
use crate::format::{escape_html, grouped, metric, number, percent, significant, table_html};
use crate::page::{MAX_COST, Rival, STORY_STEPS};
use crate::sim::engine::{Answer, Engine, ModelId, Reader, Request, SYNTHETIC};
use crate::sim::noise::{spread, standard_error};
use crate::sim::presets::PRESETS;
use crate::sim::{
    Class, LossKind, Losses, Measure, Metric, Metrics, Profile, Scenario, Verdict, loss_crossover,
    losses, per_sample_loss, verdict,
};
use story::{step_link, story};
use terms::{SOURCES, terms};

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

/// The page's boxes of words, by element id; each box's index is its constant below. What
/// changes with the numbers and what never does (formulas, terms, presets) are boxes apart, so
/// a disclosure a reader opened stays open while the numbers move.
pub const BOXES: [&str; 24] = [
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
    "w-numbers-terms",
    "w-share-terms",
    "w-focal-terms",
    "w-scores-terms",
    "w-threshold-terms",
    "w-composition-terms",
    "w-ab-terms",
    "w-presets",
];
/// The footer: the conventions and the sources.
pub const FOOTER: usize = 0;
/// The header's sentence on where the numbers come from.
pub const LEDE: usize = 1;
/// Which controls draw data.
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
/// The losses panel's formulas and terms.
pub const NUMBERS_TERMS: usize = 16;
/// Who pays: terms.
pub const SHARE_TERMS: usize = 17;
/// Focal: formulas and terms.
pub const FOCAL_TERMS: usize = 18;
/// Scores: terms.
pub const SCORES_TERMS: usize = 19;
/// Threshold: terms.
pub const THRESHOLD_TERMS: usize = 20;
/// Composition: formulas, their symbols, terms.
pub const COMPOSITION_TERMS: usize = 21;
/// A/B: terms.
pub const AB_TERMS: usize = 22;
/// What the presets set.
pub const PRESETS_BOX: usize = 23;

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

/// One model's numbers, and how much each loss's mean moves from seed to seed.
struct ModelFacts {
    losses: Losses,
    metrics: Metrics,
    /// Each class's variance of the per-sample loss, by `LossKind::ALL`, `[neg, pos]` (`None`:
    /// a class of one sample).
    variance: [[Option<f64>; 2]; 4],
}

/// What the words are written from.
pub(crate) struct Facts {
    s: Scenario,
    rival: Rival,
    imported: bool,
    /// Whether models A and B have the very same scores (a file with one score column).
    same: bool,
    models: [ModelFacts; 2],
    /// The standard error of A's mean minus B's, by `LossKind::ALL` (paired on the same draws
    /// for synthetic data).
    diff_se: [Option<f64>; 4],
    point: f64,
    costs: [f64; 3],
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
        let classes = [Class::Negative, Class::Positive];
        let models = ModelId::ALL.map(|m| {
            let a = &answer.models[m.index()];
            let [neg, pos] = a.loss;
            let m = &scores[m.index()];
            ModelFacts {
                losses: losses(neg, pos, s.total(), s.alpha, s.pos_weight),
                metrics: Metrics::new(a.confusion, a.ranks.ranking),
                variance: LossKind::ALL.map(|k| {
                    classes.map(|c| {
                        let scores = &m[c as usize];
                        spread(scores.len(), |i| loss_of(k, c, scores.get(i)))
                    })
                }),
            }
        });
        let same = scores[0] == scores[1];
        let counts = [f64::from(s.neg), f64::from(s.pos)];
        let diff_se = std::array::from_fn(|i| {
            let k = LossKind::ALL[i];
            if r.data == SYNTHETIC || same {
                // The same draws (or rows) under both models: the difference of each sample's
                // losses.
                let v = classes.map(|c| {
                    let (a, b) = (&scores[0][c as usize], &scores[1][c as usize]);
                    spread(a.len(), |j| {
                        loss_of(k, c, a.get(j)) - loss_of(k, c, b.get(j))
                    })
                });
                standard_error(counts, v)
            } else {
                // Two columns sorted apart: their pairing is lost, so the errors add (an upper
                // bound when the two models' losses rise and fall together).
                let se = |m: usize| standard_error(counts, models[m].variance[i]);
                Some(se(0)?.hypot(se(1)?))
            }
        });
        Some(Facts {
            s,
            rival: Rival {
                acc0: r.rival[0],
                acc1: r.rival[1],
            },
            imported: r.data != SYNTHETIC,
            same,
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
    fn se(&self, m: usize, kind: LossKind) -> Option<f64> {
        standard_error(self.counts(), self.models[m].variance[kind as usize])
    }

    fn loss(&self, m: usize, kind: LossKind) -> Metric {
        self.models[m].losses.get(kind).mean
    }

    /// Model `m`'s mean of `kind` over class `c` alone; `None` for an empty class.
    fn class_mean(&self, m: usize, kind: LossKind, c: Class) -> Option<f64> {
        let r = self.models[m].losses.get(kind);
        let n = self.counts()[c as usize];
        let sum = match c {
            Class::Negative => r.neg_sum,
            Class::Positive => r.pos_sum,
        };
        (n > 0.0).then(|| sum / n)
    }

    /// What a seed is for these data: a new draw of the synthetic set, or another sample like
    /// the imported one.
    fn noise(&self) -> &'static str {
        if self.imported {
            "sample-to-sample noise (another validation set of this size and mix)"
        } else {
            "seed-to-seed noise"
        }
    }

    /// "86 negatives per positive", or what stands in for it.
    fn mix(&self) -> String {
        let (n, p) = (self.s.neg, self.s.pos);
        let per = match (n, p) {
            (0, 0) => return "no samples at all".into(),
            (_, 0) => "no positives".to_string(),
            (0, _) => "no negatives".to_string(),
            _ if n == p => "as many negatives as positives".to_string(),
            _ if n > p => format!(
                "{} negatives per positive",
                short_ratio(f64::from(n) / f64::from(p))
            ),
            _ => format!(
                "{} positives per negative",
                short_ratio(f64::from(p) / f64::from(n))
            ),
        };
        format!(
            "{per} ({} and {})",
            grouped(u64::from(n)),
            grouped(u64::from(p))
        )
    }
}

/// A setting as it reads in a sentence: 1, 0.25, 2, 30.7 (up to four significant digits, no
/// trailing zeros).
fn plain(v: f64) -> String {
    significant(v, 4)
}

/// A standard error: two significant digits, in plain decimals however small; "–" when it
/// cannot be estimated (a class of one sample).
fn error(v: Option<f64>) -> String {
    match v {
        Some(v) if v > 0.0 && v.is_finite() => {
            let decimals = (1 - v.log10().floor() as i32).clamp(0, 12) as usize;
            format!("{v:.decimals$}")
        }
        Some(_) => "0".into(),
        None => "–".into(),
    }
}

/// A loss's sum, as the losses table writes it (six significant digits).
fn sum(v: f64) -> String {
    number(v, 6)
}

/// A ratio above 1 for a sentence: 86, 2.5, 1.004 (never a bare "1" for classes that differ).
fn short_ratio(r: f64) -> String {
    if r >= 10.0 {
        grouped(r.round() as u64)
    } else {
        significant(r, if r < 1.01 { 4 } else { 3 })
    }
}

/// Which model a verdict names, in words.
fn prefers(v: Verdict) -> &'static str {
    match v {
        Verdict::A => "model A",
        Verdict::B => "model B",
        Verdict::Tie => "neither (a tie)",
        Verdict::Undefined => "no model (a measure that cannot be computed here)",
    }
}

/// A box of nothing but a disclosure of `keys`' terms.
fn terms_box(keys: &[&str]) -> String {
    let mut out = String::new();
    terms(&mut out, keys);
    out
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
    let bce = f.models[0].losses.get(LossKind::Bce);
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
    let per = |k: LossKind, c: Class| match f.class_mean(0, k, c) {
        Some(v) => number(v, 4),
        None => "– (no samples)".into(),
    };
    let rows: Vec<Vec<String>> = LossKind::ALL
        .map(|k| {
            // Beside the losses table's mean (the per-class table fits a phone this way).
            let se = match f.loss(0, k) {
                Ok(_) => format!("± {}", error(f.se(0, k))),
                Err(_) => "– (no samples)".into(),
            };
            vec![
                // A hyphen that does not break: "α-balanced" stays whole on a phone.
                k.name().replace('-', "\u{2011}"),
                per(k, Class::Negative),
                per(k, Class::Positive),
                se,
            ]
        })
        .to_vec();
    let header = [
        "loss",
        "per negative",
        "per positive",
        "mean's standard error",
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
    let focal = f.models[0].losses.get(LossKind::Focal);
    para(
        &mut out,
        &format!(
            "Each class's mean is its sum over its own samples; the overall mean weighs them by \
             the counts. The standard error is how far the mean moves with {}{}. Focal \
             loss's sum here is {} and its mean {}: the blog post's notebook printed focal loss \
             as a sum beside BCE as a mean{}. Compare a mean with a mean.",
            f.noise(),
            if LossKind::ALL.iter().any(|&k| f.se(0, k).is_none()) {
                " (“–”: a class of one sample has no spread to measure)"
            } else {
                ""
            },
            sum(focal.sum),
            metric(focal.mean, 4),
            match bce.mean {
                Ok(m) if m > 0.0 => format!(
                    ", which here would make focal loss look {} times BCE",
                    short_ratio(focal.sum / m)
                ),
                _ => String::new(),
            }
        ),
    );
    out
}

/// What never changes beside the loss and metric tables: the formulas and the terms (a box
/// of its own, so an open disclosure stays open while the numbers move).
fn numbers_static() -> String {
    let mut out = String::new();
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
    // The settings that give the positives half: pos_weight * pos_ce = neg_ce, and
    // alpha * pos = (1 - alpha) * neg, with focal loss's sums taken before alpha.
    let (ce, fo) = (l.get(LossKind::Bce), l.get(LossKind::Focal));
    let unweighted = (s.alpha > 0.0 && s.alpha < 1.0)
        .then(|| (fo.neg_sum / (1.0 - s.alpha), fo.pos_sum / s.alpha))
        .filter(|(n, p)| *n > 0.0 && *p > 0.0);
    let half = if ce.neg_sum > 0.0 && ce.pos_sum > 0.0 {
        let focal = match unweighted {
            Some((n, p)) => format!(
                " and α = {} in focal loss at γ {}",
                number(n / (n + p), 3),
                plain(s.gamma)
            ),
            None => String::new(),
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
             γ removes the easy examples, which are mostly negatives when the model is good on \
             them."
        ),
    );
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
    let (neg, pos) = (f.s.neg, f.s.pos);
    let weight = if a == 0.0 {
        "α = 0 gives the positives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else if a == 1.0 {
        "α = 1 gives the negatives no weight at all: they drop out of α-balanced CE and focal \
         loss."
            .to_string()
    } else if a == 0.5 {
        "With α = 0.5 both classes weigh the same, as in BCE (each term halved).".to_string()
    } else {
        let ratio = a / (1.0 - a);
        let (fewer, more) = if ratio < 1.0 {
            ("less", "positives")
        } else {
            ("more", "negatives")
        };
        // Whether that leans towards the rarer class or away from it.
        let effect = match (ratio < 1.0, pos.cmp(&neg)) {
            (_, std::cmp::Ordering::Equal) => "the classes are equal in number here, so it tips \
                                               the balance"
                .to_string(),
            (true, std::cmp::Ordering::Less) | (false, std::cmp::Ordering::Greater) => {
                format!(
                    "the {more} are the rarer class here, so this is less balanced than BCE, not more"
                )
            }
            _ => format!(
                "the {more} are the more numerous class here, so this evens the classes out"
            ),
        };
        format!(
            "With α = {}, a positive weighs {} times a negative, {fewer} than in BCE: {effect}.",
            plain(a),
            number(ratio, 3)
        )
    };
    para(
        &mut out,
        &format!(
            "Focal loss multiplies cross-entropy by (1 − pₜ)<sup>γ</sup>. An example the model \
             already gets right (pₜ near 1) keeps almost none of its loss; a badly wrong one \
             keeps nearly all. γ = 0 is plain cross-entropy; the grey curves are γ = {}, darker \
             as γ grows (the current γ's curve is drawn in colour instead). {weight} Lin et al. (2017) used \
             α = 0.25 with γ = 2 and left γ to do the rebalancing.",
            REFERENCE_GAMMAS.map(plain).join(", ")
        ),
    );
    out
}

fn focal_static() -> String {
    let mut out = String::new();
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
             positives.{}",
            plain(f.s.threshold),
            // Only where one class is rare.
            if (f.s.neg.min(f.s.pos) as f64) < 0.2 * f.s.total() as f64 {
                " Turn the log scale off to see how little of the picture the rare class is."
            } else {
                ""
            }
        ),
    );
    out
}

fn threshold_words(f: &Facts) -> String {
    let mut out = String::new();
    let m = &f.models[0].metrics;
    let prevalence = if f.s.total() > 0 {
        percent(Ok(f64::from(f.s.pos) / f.s.total() as f64))
    } else {
        "undefined: there are no samples".into()
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
    out
}

fn composition_words(f: &Facts) -> String {
    let mut out = String::new();
    let per = |c: Class| match f.class_mean(0, LossKind::Bce, c) {
        Some(v) => number(v, 3),
        None => "–".into(),
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
            per(Class::Negative),
            per(Class::Positive),
            f.mix()
        ),
    );
    out
}

fn composition_static() -> String {
    let mut out = String::new();
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
    let models = if f.imported && f.same {
        "Your file has one score column: model B is model A, so every row is a tie.".to_string()
    } else if f.imported {
        "Model A and model B are your file's two score columns.".to_string()
    } else {
        format!(
            "Model A is the scenario's (acc0 {}, acc1 {}); model B has accuracies of its own \
             (acc0 {}, acc1 {}), set by the sliders below.",
            plain(f.s.acc0),
            plain(f.s.acc1),
            plain(f.rival.acc0),
            plain(f.rival.acc1)
        )
    };
    para(
        &mut out,
        &format!(
            "Two models scored on the same samples. {models} Each row says which model a loss \
             or metric prefers, first on this validation set and then on sets of other class \
             ratios. {}",
            if f.imported {
                "The “at ratio” table re-weights your file's classes: BCE can change sides, recall \
                 never does."
            } else {
                "Drag the comparison class ratio: BCE can change sides, recall never does."
            }
        ),
    );
    if f.same {
        return out;
    }
    let [a, b] = [0, 1].map(|m| Profile::new(&f.models[m].losses, &f.models[m].metrics));
    let lines: String = LossKind::ALL
        .map(|k| format!("<li>{}</li>", crossover_line(&a, &b, k)))
        .concat();
    let _ = write!(out, "<ul class=\"crossovers\">{lines}</ul>");
    let mut items = String::new();
    for (i, k) in LossKind::ALL.into_iter().enumerate() {
        let (a, b) = (f.loss(0, k), f.loss(1, k));
        if let (Err(why), Err(_)) = (a, b) {
            let _ = write!(items, "<li>{}: {}.</li>", k.name(), metric(Err(why), 4));
            continue;
        }
        let v = verdict(Measure::Loss(k), a, b);
        let judged = match (a, b, f.diff_se[i]) {
            (Ok(a), Ok(b), Some(se)) if se > 0.0 => {
                let z = (a - b).abs() / se;
                let noise = if z < 2.0 {
                    format!("within {}: another draw could flip it", f.noise())
                } else {
                    format!("beyond {}", f.noise())
                };
                format!(
                    "A − B = {}, {} standard errors ({}): {noise}",
                    number(a - b, 3),
                    number(z, 2),
                    error(Some(se))
                )
            }
            (Ok(a), Ok(b), Some(_)) => format!(
                "the difference is {}, with no sampling noise",
                number(a - b, 3)
            ),
            (Ok(a), Ok(b), None) => format!(
                "the difference is {}; its noise cannot be measured on a class of one sample",
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
    out
}

/// One sentence on where a loss changes its mind.
fn crossover_line(a: &Profile, b: &Profile, kind: LossKind) -> String {
    let (a, b) = (*a, *b);
    let name = Measure::Loss(kind).name();
    let balanced = verdict(Measure::Loss(kind), a.loss(kind, 1.0), b.loss(kind, 1.0));
    match (loss_crossover(&a, &b, kind), balanced) {
        (Some(r), Verdict::A | Verdict::B) if r <= 1e7 => {
            let (low, high) = if balanced == Verdict::A {
                ("A", "B")
            } else {
                ("B", "A")
            };
            format!(
                "{name} prefers {low} below {} negatives per positive and {high} above it.",
                grouped(r.round().max(1.0) as u64)
            )
        }
        (_, Verdict::A) => format!("{name} prefers A at every class ratio."),
        (_, Verdict::B) => format!("{name} prefers B at every class ratio."),
        _ => format!("{name} cannot compare the two here."),
    }
}

/// The decision panel's terms, at the end of its body (which the worker writes once).
pub(crate) fn decide_terms(out: &mut String) {
    terms(
        out,
        &[
            "cost", "prev", "undo", "brier", "ece", "logloss", "reliab", "wilson", "boot",
        ],
    );
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
    out
}

/// What the presets set: the same whatever the scenario (a box of its own, so the disclosure
/// stays open while the controls move).
fn presets() -> String {
    let mut out =
        String::from("<details class=\"terms\"><summary>What the presets set</summary><dl>");
    for p in PRESETS {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{} negatives and {} positives, acc0 {}, acc1 {}: {}. The loss \
             settings and the threshold go back to their defaults.</dd>",
            escape_html(p.name),
            grouped(u64::from(p.neg)),
            grouped(u64::from(p.pos)),
            plain(p.acc0),
            plain(p.acc1),
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

/// Every box's words for `job`; with no numbers (a data set the engine no longer holds) only
/// the words that need none.
pub fn explain(engine: &mut Engine, job: &ExplainJob) -> Explained {
    let mut sections = vec![String::new(); BOXES.len()];
    sections[FOOTER] = footer();
    sections[TRAINING] = training_intro();
    sections[TRAINED_SCORES] = para_box(TRAINED_SCORES_WORDS);
    sections[OPTIMAL] = para_box(OPTIMAL_WORDS);
    sections[SAMPLE] = para_box(SAMPLE_WORDS);
    sections[IMPORT] = para_box(IMPORT_WORDS);
    sections[NUMBERS_TERMS] = numbers_static();
    sections[SHARE_TERMS] = terms_box(&["share", "wbce", "abce", "focal", "gamma"]);
    sections[FOCAL_TERMS] = focal_static();
    sections[SCORES_TERMS] = terms_box(&["gen", "cells"]);
    sections[THRESHOLD_TERMS] = terms_box(&["rec", "spec", "prec", "auc", "ap"]);
    sections[COMPOSITION_TERMS] = composition_static();
    sections[AB_TERMS] = terms_box(&["se", "mean"]);
    sections[PRESETS_BOX] = presets();
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
    terms(
        &mut out,
        &["sep", "phi", "newton", "wbce", "abce", "focal", "rec"],
    );
    out
}

/// What the training view's scores chart shows (no number: the page's threshold is the reader's).
const TRAINED_SCORES_WORDS: &str = "Each model's scores, class by class (log counts; the line is the threshold). Weighting \
         the positives shifts a model's scores up; γ squeezes them towards the middle, so fewer \
         positives clear a high threshold.";

/// The training view's two last charts.
const OPTIMAL_WORDS: &str = "Left: the prediction p* each loss rewards most when the true probability is q. BCE asks \
         for q itself; pos_weight and α shift the odds; γ pulls everything towards the middle. \
         Right: at the BCE model, how much of focal loss's gradient comes from the negatives as \
         γ grows: the easy negatives fall silent, which is the argument of Lin et al. (2017) for \
         focal loss. Validation BCE is the plain BCE each trained model gets on the population, \
         whatever it was trained with.";

/// Training on a sample.
const SAMPLE_WORDS: &str = "The same population, drawn: n rows at the scenario's mix and seed. Each loss is trained \
         on them by Newton's method, step by step in the background (each step is one pass over \
         every row); the dashed lines above are where the models stand, the chart below how far \
         each loss has fallen. The sample's optimum is near the population's, and equals \
         scikit-learn's LogisticRegression on the same rows (BCE, weighted BCE).";

/// The import box, before a file is chosen.
const IMPORT_WORDS: &str = "Bring a validation set: a CSV or TSV file with a label column (0/1, true/false, yes/no, \
         pos/neg, …) and one or two score columns (probabilities or logits; two are compared as \
         models A and B). It is read in this browser and never sent anywhere.";

/// A box of one paragraph.
fn para_box(text: &str) -> String {
    let mut out = String::new();
    para(&mut out, text);
    out
}

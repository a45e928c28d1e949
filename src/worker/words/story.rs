//! The guided story (`story=N`): each step a title, the page it sets (a link), and words
//! computed from the numbers the reader has in front of them. Every control stays live, so no
//! step states a conclusion its numbers might not bear out: each sentence is chosen by them.

use std::fmt::Write;

use super::{ExplainJob, Facts, STYLE, plain, prefers};
use crate::format::{escape_html, metric, number, percent};
use crate::link::{self, PageState};
use crate::page::{
    Control, DecisionSettings, Keyed, Layout, Panel, Rival, STORY_STEPS, ViewOptions,
};
use crate::sim::{Class, LossKind, Measure, Scenario, Verdict, verdict};

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

/// The rare set, with the weights of focal-loss training: pos_weight 100, alpha 0.25, gamma 2.
fn weighted(s: &mut PageState) {
    rare(s);
    s.scenario.pos_weight = 100.0;
    s.scenario.gamma = 2.0;
    s.scenario.alpha = 0.25;
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
        percent(Ok(f.rival.acc0)),
        percent(Ok(f.rival.acc1)),
    )
}

/// BCE's verdict against recall's, in words chosen by the two.
fn loss_against_recall(f: &Facts) -> String {
    let (bce, rec) = (bce_verdict(f), recall_verdict(f));
    let z = match (
        f.loss(0, LossKind::Bce),
        f.loss(1, LossKind::Bce),
        f.diff_se[0],
    ) {
        (Ok(a), Ok(b), Some(se)) if se > 0.0 => {
            format!(", {} standard errors apart", number((a - b).abs() / se, 2))
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

/// Where the difference between A's and B's BCE sums comes from, class by class.
fn who_carries(f: &Facts) -> String {
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

const STEPS: [Step; STORY_STEPS as usize] = [
    Step {
        title: "A rare class and two models",
        panels: &[Panel::Numbers, Panel::Ab],
        controls: &[Control::Ratio, Control::Acc0, Control::Acc1],
        set: rare,
        words: |f| {
            format!(
                "{} At the threshold {}, A finds {} of the positives (its recall) and B {}. \
                 Which model is better? Ask the loss.",
                models(f),
                plain(f.s.threshold),
                recall(f, 0),
                recall(f, 1)
            )
        },
    },
    Step {
        title: "What the loss prefers, and what recall prefers",
        panels: &[Panel::Ab],
        controls: &[Control::Ratio, Control::Acc1],
        set: rare,
        words: loss_against_recall,
    },
    Step {
        title: "Why: who carries the loss",
        panels: &[Panel::Share, Panel::Numbers],
        controls: &[Control::Ratio],
        set: rare,
        words: who_carries,
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
                "Now {}. Mean BCE: {}, so BCE prefers {}; recall prefers {}. The models are \
                 the same as before, only the mix changed. The composition charts show one \
                 model at every ratio, and the “at ratio” table where each measure changes its \
                 mind.",
                f.mix(),
                mean_pair(f, LossKind::Bce),
                prefers(bce_verdict(f)),
                prefers(recall_verdict(f))
            )
        },
    },
    Step {
        title: "What pos_weight, α and γ do to the loss",
        panels: &[Panel::Share, Panel::Focal],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
        words: |f| {
            let l = &f.models[0].losses;
            format!(
                "pos_weight {} gives the positives {} of weighted BCE (BCE gives them {}). α = \
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
        },
    },
    Step {
        title: "…and what they do to a model trained with it",
        panels: &[Panel::Training],
        controls: &[Control::PosWeight, Control::Alpha, Control::Gamma],
        set: weighted,
        words: |f| {
            let w = f.s.pos_weight;
            let weight = if w > 1.0 {
                format!(
                    "Weighting the positives (pos_weight {}) moves weighted BCE's model's \
                     scores up: more positives clear the threshold, and its probabilities \
                     overstate the risk.",
                    plain(w)
                )
            } else if w < 1.0 {
                format!(
                    "pos_weight {} weighs the positives down: weighted BCE's model scores lower \
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
                 page there (now {}). For a calibrated model the best threshold would be \
                 {bayes}. Model A's scores are not calibrated probabilities (the generator \
                 spreads them evenly over a stretch of [0, 1]), so its least-cost threshold can \
                 lie far from that: the panel finds it on the scores themselves, and its \
                 calibration section shows how far they are from probabilities.",
                times,
                plain(fp),
                plain(fn_),
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
pub(super) fn step_link(n: u32, embed: bool) -> String {
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

/// The story's box: the step's heading and words, and its links. "Leave the story" is a
/// button the page handles: it keeps everything the reader set and brings every panel back.
pub(super) fn story(f: &Facts, job: &ExplainJob) -> String {
    let n = job.story.clamp(1, STORY_STEPS);
    let step = &STEPS[(n - 1) as usize];
    // A page that does not hold the step's data (a link that named only the step, or data
    // changed since) is told how to set it; the weights and the threshold are the reader's to
    // move.
    let mut set = PageState::default();
    (step.set)(&mut set);
    let (a, b) = (&set.scenario, &f.s);
    let data = (a.neg, a.pos, a.acc0, a.acc1, set.rival) != (b.neg, b.pos, b.acc0, b.acc1, f.rival);
    let d = &set.decision;
    let costs = [d.cost_fp, d.cost_fn, d.reward_tp] != f.costs;
    let unset = if !f.imported && (data || costs) {
        "<p class=\"story-unset\">The page is not set as this step begins (its link names only \
         the step, or the data or costs have changed since): “Reset this step” below sets it.</p>"
    } else {
        ""
    };
    let mut out = format!(
        "{STYLE}<h2 id=\"story-title\" tabindex=\"-1\">Step {n} of {STORY_STEPS}: {}</h2>{unset}<p \
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
    let _ = write!(
        out,
        "<a href=\"#{}\">Reset this step</a><button type=\"button\" data-act=\"leave\">Leave \
         the story</button></nav>",
        escape_html(&step_link(n, job.embed)),
    );
    out
}

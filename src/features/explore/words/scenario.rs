//! The scenario panel: which controls draw data and which score it, and what the presets set.

use std::fmt::Write;

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{para, plain};
use crate::format::{escape_html, grouped};
use crate::sim::presets::PRESETS;

/// Which controls draw data, what pos_weight is, and what the threshold does not change: right
/// under the sliders, where a reader moving one looks.
pub(crate) fn controls(f: &Facts) -> String {
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
    para(&mut out, POS_WEIGHT);
    para(&mut out, THRESHOLD_NO_LOSS);
    para(&mut out, PICKER);
    out
}

/// What the picker does, and the two words its losses' names use.
const PICKER: &str = "“Losses shown” picks the losses the tables, the charts and these words      speak of; the results file holds all ten. Logit adjustment and LDAM work on the      <dfn>logit</dfn> ln(p / (1 − p)), the logarithm of the <dfn>odds</dfn> p / (1 − p): what a      model outputs before its sigmoid turns it into a probability.";

/// What pos_weight is, where its slider is first met.
const POS_WEIGHT: &str = "<dfn>pos_weight</dfn> multiplies each positive's term of the loss in \
     weighted BCE (as PyTorch's <code>pos_weight</code> does); the negatives' terms keep weight 1, \
     so pos_weight 1 is plain BCE.";

/// The threshold turns scores into decisions; no loss reads it.
pub(crate) const THRESHOLD_NO_LOSS: &str = "The threshold changes no loss: every loss is \
     computed from the probabilities themselves, and the threshold only decides which samples are \
     called positive, so it moves only what is counted from those calls (accuracy, recall, \
     precision, F1, the counts of true and false positives and negatives).";

/// What the presets set: the same whatever the scenario (a box of its own, so the disclosure
/// stays open while the controls move).
pub(crate) fn presets() -> String {
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

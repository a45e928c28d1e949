//! The scenario panel: which controls draw data and which score it, and what the presets set.

use std::fmt::Write;

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{para, plain};
use crate::format::{escape_html, grouped};
use crate::sim::presets::PRESETS;

/// Which controls draw data.
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
    out
}

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

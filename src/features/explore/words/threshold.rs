//! The threshold curves: the rates at the threshold, and why ROC and PR part on rare positives.

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{para, plain, terms_box};
use crate::format::{metric, percent};

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
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

/// The terms, which never change.
pub(crate) fn static_words() -> String {
    terms_box(&["rec", "spec", "prec", "auc", "ap"])
}

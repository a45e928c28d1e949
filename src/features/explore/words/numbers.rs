//! Beside the loss and metric tables: that the threshold moves no loss, what a mean is, each
//! class's mean and the mean's standard error, and why a sum is not a mean.

use crate::features::words::facts::Facts;
use crate::features::words::formulas::formula;
use crate::features::words::phrases::{coincide, error, para, short_ratio, sum};
use crate::features::words::terms::terms;
use crate::format::{metric, number, percent, table_html};
use crate::sim::loss::FIRST;
use crate::sim::{Class, LossKind};

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
    let mut out = String::new();
    // First, where a reader moving the threshold looks for what it changed.
    para(
        &mut out,
        "The threshold changes none of these losses: they are computed from the probabilities, \
         and the threshold only turns those into decisions, which the metrics table counts (TP, \
         FP, TN, FN, and accuracy down to MCC).",
    );
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
    // The losses beyond section 2's four, when shown: their terms before the table names them.
    let more: Vec<&str> = f
        .shown
        .iter()
        .filter(|k| !FIRST.contains(k))
        .map(|k| k.text().term.key)
        .collect();
    if !more.is_empty() {
        terms(&mut out, &[&["odds", "logit"][..], &more].concat());
    }
    class_table(&mut out, f);
    let focal = f.models[0].losses.get(LossKind::Focal);
    para(
        &mut out,
        &format!(
            "Each class's mean is its sum over its own samples; the overall mean weighs them by \
             the counts. The standard error is how far the mean moves with {}{}. Focal \
             loss's sum here is {} and its mean {}: the blog post's notebook printed focal loss \
             as a sum beside BCE as a mean{}. Compare a mean with a mean.",
            f.noise(),
            if f.shown.iter().any(|k| f.se(0, k).is_none()) {
                " (“–”: a class of one sample has no spread to measure)"
            } else {
                ""
            },
            sum(focal.sum().unwrap_or(0.0)),
            metric(focal.mean(), 4),
            match (bce.mean(), focal.sum()) {
                (Ok(m), Ok(fs)) if m > 0.0 => format!(
                    ", which here would make focal loss look {} times BCE",
                    short_ratio(fs / m)
                ),
                _ => String::new(),
            }
        ),
    );
    out
}

/// Each loss's mean over each class alone, and the standard error of its overall mean.
fn class_table(out: &mut String, f: &Facts) {
    // A set-level loss has no per-class mean or per-sample spread: say so, not "no samples".
    let none = |k: LossKind| -> String {
        if k.loss().per_sample() {
            "– (no samples)".into()
        } else {
            "– (set-level)".into()
        }
    };
    let per = |k: LossKind, c: Class| match f.class_mean(0, k, c) {
        Some(v) => number(v, 4),
        None => none(k),
    };
    let rows: Vec<Vec<String>> = f
        .shown
        .iter()
        .map(|k| {
            // Beside the losses table's mean (the per-class table fits a phone this way).
            let se = match (f.loss(0, k), k.loss().per_sample()) {
                (Ok(_), true) => format!("± {}", error(f.se(0, k))),
                _ => none(k),
            };
            vec![
                // A hyphen that does not break: "α-balanced" stays whole on a phone.
                k.name().replace('-', "\u{2011}"),
                per(k, Class::Negative),
                per(k, Class::Positive),
                se,
            ]
        })
        .collect();
    let header = [
        "loss",
        "per negative",
        "per positive",
        "mean's standard error",
    ]
    .map(String::from);
    table_html(
        out,
        "numbers per-class",
        "each class's mean loss",
        &header,
        &rows,
        true,
    );
}

/// What never changes beside the loss and metric tables: the formulas and the terms (a box
/// of its own, so an open disclosure stays open while the numbers move).
pub(crate) fn static_words() -> String {
    let mut out = String::new();
    for kind in [LossKind::Bce, LossKind::WeightedBce] {
        formula(&mut out, &kind.text().formula);
    }
    let losses = FIRST.map(|k| k.text().term.key);
    let before = ["mean", "sum", "share", "se"];
    let after = [
        "clip", "cells", "acc", "prec", "rec", "spec", "f1", "bacc", "mcc", "auc", "ap",
    ];
    terms(&mut out, &[&before[..], &losses, &after].concat());
    out
}

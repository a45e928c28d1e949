//! The score histograms: where the scores come from and what the threshold splits.

use crate::features::words::facts::Facts;
use crate::features::words::phrases::{para, plain, terms_box};
use crate::format::percent;

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
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

/// The terms, which never change.
pub(crate) fn static_words() -> String {
    terms_box(&["gen", "cells"])
}

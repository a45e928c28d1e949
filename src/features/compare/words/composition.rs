//! The same model at other class ratios: why a mean loss follows the majority and precision
//! falls while recall stays.

use crate::features::words::facts::Facts;
use crate::features::words::formulas::{MIX, PRECISION, formula};
use crate::features::words::phrases::para;
use crate::features::words::terms::terms;
use crate::format::number;
use crate::sim::{Class, LossKind};

/// The words that follow the numbers.
pub(crate) fn words(f: &Facts) -> String {
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

/// The formulas, their symbols and the terms, which never change.
pub(crate) fn static_words() -> String {
    let mut out = String::new();
    formula(&mut out, &MIX);
    formula(&mut out, &PRECISION);
    para(
        &mut out,
        "Here r is the number of negatives per positive, L̄₀ the negatives' mean loss and L̄₁ \
         the positives'; TPR is recall and FPR the false positive rate, both fixed by the model.",
    );
    terms(&mut out, &["rec", "spec", "prec"]);
    out
}

//! The decision panel's words (the worker writes its body once, with these at the end).

use crate::features::words::terms::terms;

/// The decision panel's terms, at the end of its body (which the worker writes once).
pub(crate) fn decide_terms(out: &mut String) {
    terms(
        out,
        &[
            "cost", "prev", "odds", "logit", "prior", "undo", "calib", "brier", "ece", "logloss",
            "reliab", "wilson", "boot",
        ],
    );
}

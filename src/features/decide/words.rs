//! The decision panel's words (the worker writes its body once, with these at the end), and
//! the judged model's name, which the page's metrics table shows too.

use crate::features::words::terms::terms;
use crate::state::Judge;

impl Judge {
    /// The judged model's name on the tables and charts that describe it.
    pub fn label(self) -> String {
        match self {
            Judge::A => "model A".into(),
            Judge::B => "model B".into(),
            Judge::Trained(k) => format!("model trained with {}", k.name()),
        }
    }
}

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

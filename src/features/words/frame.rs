//! The words around the panels: the header's sentence on where the numbers come from, and the
//! footer's conventions and sources.

use super::STYLE;
use super::facts::Facts;
use super::terms::{SOURCES, terms};
use super::wire::WordsJob;
use crate::features::story::words::step_link;
use crate::format::escape_html;

/// The header's sentence, and the way into the story for a reader not in it.
pub(crate) fn lede(f: &Facts, job: &WordsJob) -> String {
    let data = if f.imported {
        "Every number below comes from the predictions you imported."
    } else {
        "Every number below comes from synthetic predictions: the counts, accuracies and seed \
         draw them (the <dfn>seed</dfn> is the number the random draw starts from: the same seed \
         gives the same predictions), the other controls score them."
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

/// The conventions and the sources.
pub(crate) fn footer() -> String {
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

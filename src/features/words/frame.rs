//! The words around the panels: the header's sentence on where the numbers come from, and the
//! footer's conventions and sources.

use super::STYLE;
use super::terms::{SOURCES, terms};

/// The lede's first sentence (index.html's shell carries it too, with `LEDE_SYNTHETIC`).
pub const LEDE: &str = "Why a falling validation loss can hide a model that got worse at the rare \
     class, and what class weights and focal loss change. ";

/// The header's sentence on where the numbers come from, for synthetic predictions. The page
/// writes it (not the worker: it is the largest text of the first screen, and the first paint
/// should not wait for the worker); the seed is defined at its first use.
pub const LEDE_SYNTHETIC: &str = "Every number below comes from synthetic predictions: the \
     counts, accuracies and seed draw them (the <dfn>seed</dfn> is the number the random draw \
     starts from: the same seed gives the same predictions), the other controls score them.";

/// The same, for imported predictions.
pub const LEDE_IMPORTED: &str = "Every number below comes from the predictions you imported.";

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

//! The import box's words.

/// The import box, before a file is chosen: the page's first use of logits (and odds), so it
/// says what they are.
pub(crate) const IMPORT_WORDS: &str = "Bring a validation set: a CSV or TSV file with a label \
     column (0/1, true/false, yes/no, pos/neg, …) and one or two score columns, compared as \
     models A and B. Scores are probabilities p or <dfn>logits</dfn>: a logit is ln(p / (1 − \
     p)), the logarithm of the <dfn>odds</dfn> p / (1 − p), the chance of a positive over the \
     chance of a negative. The file is read in this browser and never sent anywhere.";

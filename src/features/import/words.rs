//! The import box's words.

/// The import box, before a file is chosen.
pub(crate) const IMPORT_WORDS: &str = "Bring a validation set: a CSV or TSV file with a label column (0/1, true/false, yes/no, \
         pos/neg, …) and one or two score columns (probabilities or logits; two are compared as \
         models A and B). It is read in this browser and never sent anywhere.";

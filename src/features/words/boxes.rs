//! The page's boxes of words. What changes with the numbers and what never does (formulas,
//! terms, presets) are boxes apart, so a disclosure a reader opened stays open while the
//! numbers move.

/// Declares the boxes, one line each: its index constant, which is its place in the list
/// (counted by the compiler, so it cannot drift), and its element id, in `BOXES`.
macro_rules! boxes {
    ($($(#[doc = $doc:literal])* $name:ident = $id:literal,)*) => {
        /// The boxes in order: each variant's value is its box's index.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Place {
            $($name,)*
        }
        $($(#[doc = $doc])* pub const $name: usize = Place::$name as usize;)*
        /// The page's boxes of words, by element id; each box's index is its constant.
        pub const BOXES: [&str; [$($id),*].len()] = [$($id),*];
    };
}

boxes! {
    /// The footer: the conventions and the sources.
    FOOTER = "w-footer",
    /// Which controls draw data.
    CONTROLS = "w-controls",
    /// Beside the loss and metric tables.
    NUMBERS = "w-numbers",
    /// Who pays the loss.
    SHARE = "w-share",
    /// The focal curve.
    FOCAL = "w-focal",
    /// The score histograms.
    SCORES = "w-scores",
    /// The threshold curves.
    THRESHOLD = "w-threshold",
    /// The same model at other ratios.
    COMPOSITION = "w-composition",
    /// Model A against model B.
    MODEL_B = "w-ab",
    /// The guided story's step.
    STORY = "w-story",
    /// The training view's introduction.
    TRAINING = "w-training",
    /// The trained models' scores.
    TRAINED_SCORES = "w-trained-scores",
    /// What each loss asks for, and the gradient.
    OPTIMAL = "w-optimal",
    /// Training on a sample.
    SAMPLE = "w-sample",
    /// The import box.
    IMPORT = "w-import",
    /// The losses panel's formulas and terms.
    NUMBERS_TERMS = "w-numbers-terms",
    /// Who pays: terms.
    SHARE_TERMS = "w-share-terms",
    /// Focal: formulas and terms.
    FOCAL_TERMS = "w-focal-terms",
    /// Scores: terms.
    SCORES_TERMS = "w-scores-terms",
    /// Threshold: terms.
    THRESHOLD_TERMS = "w-threshold-terms",
    /// Composition: formulas, their symbols, terms.
    COMPOSITION_TERMS = "w-composition-terms",
    /// Model B: terms.
    MODEL_B_TERMS = "w-ab-terms",
    /// What the presets set.
    PRESETS_BOX = "w-presets",
}

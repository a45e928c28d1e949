//! Exploring a scenario: its controls and presets, and the panels that read its numbers (the
//! numbers table, each class's share of the loss, the score histograms, the threshold sweep).
//!
//! `panels` holds the panels (wasm only), `charts` their charts, `words` the words the worker
//! writes for them.

/// The scenario's controls and the panels, one file each.
#[cfg(target_arch = "wasm32")]
pub(crate) mod panels {
    pub(crate) mod losses;
    pub(crate) mod numbers;
    pub(crate) mod scenario;
    pub(crate) mod scores;
    pub(crate) mod share;
    pub(crate) mod threshold;
}

/// The panels' charts.
pub mod charts {
    pub mod loss_share;
    pub mod scores;
    pub mod threshold;
}

/// The panels' words, written in the worker.
pub(crate) mod words {
    pub(crate) mod numbers;
    pub(crate) mod scenario;
    pub(crate) mod scores;
    pub(crate) mod share;
    pub(crate) mod threshold;
}

//! Focal loss's modulation: the curve of the loss (or its modulating factor) against the
//! probability of the true class. `panel` (wasm only), `chart`, `words`.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub(crate) mod words;

//! Focal loss's modulation: the curve of the loss (or its modulating factor) against the
//! probability of the true class, and each shown loss's per-sample curve beside it. `panel`
//! (wasm only), `chart`, `per_sample`, `words`.

pub mod chart;
#[cfg(target_arch = "wasm32")]
pub(crate) mod panel;
pub mod per_sample;
pub(crate) mod words;

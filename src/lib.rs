//! imbalance-lab: why loss functions mislead on imbalanced binary classification.
//!
//! `sim` is the pure core (no web types; tested natively); `ui` is the thin Leptos shell that
//! renders the core's results in the browser.

pub mod charts;
pub mod export;
pub mod features;
pub mod format;
pub mod protocol;
pub mod sim;
pub mod state;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;

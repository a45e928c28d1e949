//! imbalance-lab: why loss functions mislead on imbalanced binary classification.
//!
//! `sim` is the pure core (no web types; tested natively); `charts` draws for every feature;
//! `features` holds one folder a thing a reader does (its panel, charts, worker job and words);
//! `protocol` is every message between the page and its workers; `state` is the page's plain
//! state and its link; `ui` is the thin Leptos shell, `worker` the Web Worker's host.
//! `docs/ARCHITECTURE.md` is the map.

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
